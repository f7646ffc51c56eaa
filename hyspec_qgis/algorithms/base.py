"""What every hyspec algorithm shares: help assembled from the parameter declarations, the QGIS-feedback adapter
for the core's progress callback, error mapping, dependency checks and output styling hooks.

An algorithm subclass declares ``ID``, ``DISPLAY``, ``GROUP``/``GROUP_ID``, ``INTRO``, ``REFERENCE`` and implements
``declare()`` (parameters through :meth:`add`) and ``process(parameters, context, feedback, progress)``
(not ``run``, which is QgsProcessingAlgorithm.run, the method Processing calls).
"""
from __future__ import annotations

import contextlib
import html
import importlib
import os
import traceback

from qgis.core import (
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtGui import QIcon

from ..core.errors import Cancelled, HyspecError
from ..core.io.outputs import OutputSet, describe_os_error
from ..i18n.translator import tr, translate_message

HELP_URL = "https://github.com/hyspec-qgis/hyspec_qgis/blob/main/README.md"
ICON_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "icons")

# What a user must install when a Python package is missing from the QGIS Python, per platform.
INSTALL_HINTS = {
    "sklearn": ("scikit-learn", "sudo apt install python3-sklearn", "pip install scikit-learn",
                "/Applications/QGIS.app/Contents/MacOS/bin/pip3 install scikit-learn"),
    "h5py": ("h5py", "sudo apt install python3-h5py", "pip install h5py",
             "/Applications/QGIS.app/Contents/MacOS/bin/pip3 install h5py"),
    # hyspec:site runs without it (one tile after another); with it, tiles run in parallel or on a cluster. A cluster
    # needs the same versions on the client, the scheduler and every worker: these pins.
    "distributed": ("dask[array] and distributed (2026.8.0)",
                    "sudo apt install python3-dask python3-distributed (local runs; for a shared cluster: "
                    "pip install 'dask[array]==2026.8.0' 'distributed==2026.8.0' in a venv)",
                    "python -m pip install \"dask[array]==2026.8.0\" \"distributed==2026.8.0\"",
                    "/Applications/QGIS.app/Contents/MacOS/bin/pip3 install 'dask[array]==2026.8.0' "
                    "'distributed==2026.8.0'"),
    # The learned-feature algorithms (autoencoders, CNN classifier). A CPU build is enough: PyPI's default Linux
    # wheel pulls several GB of CUDA libraries.
    "torch": ("torch (PyTorch, CPU build)", "sudo apt install python3-torch",
              "python -m pip install torch --index-url https://download.pytorch.org/whl/cpu",
              "/Applications/QGIS.app/Contents/MacOS/bin/pip3 install torch"),
}


def missing_requirement_message(module: str) -> str:
    package, debian, osgeo4w, macos = INSTALL_HINTS[module]
    return tr(
        "This algorithm needs the Python package '{0}', which the QGIS Python cannot import.\n"
        "Debian/Ubuntu: {1}\nWindows (OSGeo4W Shell, as administrator): {2}\nmacOS (QGIS installer): {3}\n"
        "Then restart QGIS."
    ).format(package, debian, osgeo4w, macos)


@contextlib.contextmanager
def input_side_untouched():
    """GDAL writes no .aux.xml for datasets opened in this thread meanwhile (a per-thread setting)."""
    from osgeo import gdal

    previous = gdal.GetThreadLocalConfigOption("GDAL_PAM_ENABLED", None)
    gdal.SetThreadLocalConfigOption("GDAL_PAM_ENABLED", "NO")
    try:
        yield
    finally:
        gdal.SetThreadLocalConfigOption("GDAL_PAM_ENABLED", previous)


EARLIER = "an earlier step of this model"
_HTML_WRITTEN = {}  # {algorithm id: whether its last finished run wrote an HTML output}, see hasHtmlOutputs
_RUN_FILES = "hyspec_run_files"


def _files_of_this_run(context) -> list[str]:
    """Files read or written by earlier hyspec steps that share this context (the steps of one model run).

    A model passes one context to all its steps, so a step can refuse to write over the model's input file or over
    another step's output, which its own parameters do not show. The list lives on the context's temporary layer
    store (a QObject that lives and dies with the context)."""
    store = context.temporaryLayerStore() if context is not None else None
    value = store.property(_RUN_FILES) if store is not None else None
    return list(value or [])


def _remember_files(context, paths) -> None:
    store = context.temporaryLayerStore() if context is not None else None
    if store is not None:
        store.setProperty(_RUN_FILES, _files_of_this_run(context) + [os.path.abspath(p) for p in paths])


def core_progress(feedback):
    """Adapt QgsProcessingFeedback to the core's ``callback(fraction, message) -> bool`` (False = cancel); log lines
    (templates with their values) are shown in the user's language."""

    def callback(fraction, message):
        if feedback is None:
            return True
        if message:
            feedback.pushInfo(translate_message(message))
        if fraction is not None:
            feedback.setProgress(100.0 * fraction)
        return not feedback.isCanceled()

    return callback


class HyspecAlgorithm(QgsProcessingAlgorithm):
    ID = ""
    DISPLAY = ""
    GROUP = ""
    GROUP_ID = ""
    INTRO = ""
    REFERENCE = ""
    TAGS: tuple = ()  # search words beyond the shared ones
    REQUIRES: tuple = ()  # Python modules beyond numpy/GDAL, e.g. ("sklearn",)
    ICON = "hyspec.svg"
    RESUMABLE_FOLDER = ""  # a folder destination written into file by file (complete files stay; a run resumes)

    def __init__(self):
        super().__init__()
        self._help = []  # (label, help) in declaration order
        self._labels = {}

    # --- identity -------------------------------------------------------------------------------------------------
    def tr(self, text):
        return tr(text)

    def name(self):
        return self.ID

    def displayName(self):  # noqa: N802
        return tr(self.DISPLAY)

    def group(self):
        return tr(self.GROUP)

    def groupId(self):  # noqa: N802
        return self.GROUP_ID

    def createInstance(self):  # noqa: N802
        return type(self)()

    def helpUrl(self):  # noqa: N802
        return f"{HELP_URL}#hyspec{self.ID}"

    def tags(self):
        return [tr(t) for t in self.TAGS] + ["hyspec", "hyperspectral", "NEON", "imaging spectroscopy"]

    def hasHtmlOutputs(self):  # noqa: N802
        """Whether the last run of this algorithm wrote an HTML output (a plot or report). QGIS's answer is whether it
        declares one, and its dialog then says "HTML output has been generated" after every run, also after a run
        without a plot or a cancel. The dialog asks another instance than the one that ran: hence by name."""
        return _HTML_WRITTEN.get(self.name(), False)

    def icon(self):
        path = os.path.join(ICON_DIR, self.ICON)
        return QIcon(path) if os.path.exists(path) else super().icon()

    def shortHelpString(self):  # noqa: N802
        parts = [tr(self.INTRO)]
        if self._help:
            items = "".join(f"<li><b>{html.escape(label)}</b> (<code>{name}</code>): {html.escape(text)}</li>"
                            for name, label, text in self._help)
            parts.append(f"<h3>{tr('Parameters')}</h3><ul>{items}</ul>")
        if self.REFERENCE:
            parts.append(f"<h3>{tr('Reference')}</h3><p>{tr(self.REFERENCE)}</p>")
        return "\n".join(parts)

    # --- parameters -----------------------------------------------------------------------------------------------
    def add(self, param, help_text: str, advanced: bool = False):
        """Declare a parameter (or destination) together with its help, so help text and parameters cannot drift."""
        if hasattr(param, "setHelp"):
            param.setHelp(help_text)
        if advanced:
            param.setFlags(param.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self._help.append((param.name(), param.description(), help_text))
        self.addParameter(param)
        return param

    def initAlgorithm(self, config=None):  # noqa: N802
        self._help = []
        self.declare()

    def declare(self):
        raise NotImplementedError

    # --- running --------------------------------------------------------------------------------------------------
    def checkParameterValues(self, parameters, context):  # noqa: N802
        for module in self.REQUIRES:
            try:
                importlib.import_module(module)
            except ImportError:
                return False, missing_requirement_message(module)
        for p in self.parameterDefinitions():  # QGIS rounds 2.5 to 2 for an integer parameter without a word
            if isinstance(p, QgsProcessingParameterNumber) and \
                    p.dataType() == QgsProcessingParameterNumber.Type.Integer:
                value = parameters.get(p.name())
                try:
                    number = float(value) if isinstance(value, (int, float, str)) and str(value).strip() else None
                except ValueError:
                    number = None
                if number is not None and number != int(number):
                    return False, tr("{0} ({1}): must be a whole number, got {2}").format(
                        p.name(), p.description(), value)
        # Processing's own check loads a raster input given as a path as a QGIS layer; QGIS then computes statistics
        # for its default style, and GDAL saves them beside the input (.aux.xml) or into it (a VRT is rewritten).
        # Inputs are never changed: a raster given as an existing file is checked as a file (the reader checks the
        # rest), everything else by the parameter's own check, with no PAM file written meanwhile.
        with input_side_untouched():
            for p in self.parameterDefinitions():
                if p.type() == "raster" and self._file_value(parameters, p.name()):
                    continue
                if not p.checkValueIsAcceptable(parameters.get(p.name()), context):
                    return False, tr("{0} ({1}): the value is missing or not acceptable").format(
                        p.name(), p.description())
        return True, ""

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        for module in self.REQUIRES:
            try:
                importlib.import_module(module)
            except ImportError as exc:
                raise QgsProcessingException(missing_requirement_message(module)) from exc
        self._outputs = None
        self._labels = {}  # {output name: what the loaded layer is}, see name_output
        _HTML_WRITTEN[self.name()] = False
        loads_before = set(context.layersToLoadOnCompletion()) if context is not None else set()
        self._feedback = feedback  # style_output logs through it (qgis_process gives the context no feedback)
        try:
            self._stage_outputs(parameters, context)
            result = self.process(parameters, context, feedback, core_progress(feedback))
            if feedback is not None and feedback.isCanceled():
                raise Cancelled("cancelled by the user")  # honoured before anything is put in place
            self._outputs.commit()
        except BaseException as exc:
            if self._outputs is not None:
                self._outputs.abort()
            error = self._user_error(exc, feedback)
            if isinstance(feedback, QgsProcessingMultiStepFeedback):
                # inside a model, QGIS reports only "Error encountered while running <step>": say why in the log
                feedback.reportError(str(error), fatalError=False)
            raise error from exc
        results = self._final_results(result, context)
        from .naming import name_layers

        name_layers(self, parameters, context, self._labels, loads_before)
        _HTML_WRITTEN[self.name()] = any(results.get(o.name()) for o in self.outputDefinitions()
                                       if o.type() == "outputHtml")
        return results

    # --- outputs: checked first, written under temporary names, put in place together ---------------------------
    _SIDECAR_TYPES = ("rasterDestination", "vectorDestination", "sink")

    def _stage_outputs(self, parameters, context) -> None:
        """Resolve every input and destination, refuse conflicts before anything is computed, stage the outputs."""
        inputs = {}
        for p in self.parameterDefinitions():
            if p.isDestination():
                continue
            paths = self._input_paths(parameters, p, context)
            if paths:
                inputs[p.name()] = paths
        earlier = _files_of_this_run(context)
        checked = {**inputs, **({EARLIER: earlier} if earlier else {})}
        outputs = self._outputs = OutputSet(checked)  # set first: a refused destination aborts the staged ones
        self._input_files = inputs
        for d in self.destinationParameterDefinitions():
            if d.type() == "folderDestination" and parameters.get(d.name()) not in (None, ""):
                outputs.check_folder(d.name(), self.parameterAsFileOutput(parameters, d.name(), context))
            final = self._destination_path(parameters, d, context)
            if final:
                # vector files are written under their final name in a hidden folder: GeoPackage names its table
                # after the file, and a shapefile is several files
                outputs.add(d.name(), final, sidecars=d.type() in self._SIDECAR_TYPES,
                            own_folder=d.type() in ("vectorDestination", "sink"))
        _remember_files(context, [p for paths in inputs.values() for p in paths] + list(outputs.finals.values()))

    def _input_paths(self, parameters, p, context) -> list[str]:
        if parameters.get(p.name()) in (None, ""):
            return []
        kind = p.type()
        try:
            if kind in ("raster", "vector", "source") and self._file_value(parameters, p.name()):
                return [self._file_value(parameters, p.name())]
            if kind == "raster":
                layer = self.parameterAsRasterLayer(parameters, p.name(), context)
                return [layer.source()] if layer is not None else []
            if kind == "file":
                return [self.parameterAsFile(parameters, p.name(), context)]
            if kind in ("vector", "source"):
                layer = self.parameterAsVectorLayer(parameters, p.name(), context)
                return [layer.source()] if layer is not None else []
            if kind == "multilayer":
                return [layer.source() for layer in self.parameterAsLayerList(parameters, p.name(), context)]
        except Exception:  # noqa: BLE001 - an input that cannot be resolved is reported by the algorithm itself
            return []
        return []

    @staticmethod
    def _file_value(parameters, name) -> str | None:
        """A layer parameter given as a file path. It is read as a file, never loaded as a QGIS layer: loading one
        makes QGIS compute a histogram that GDAL then saves beside the input (an .aux.xml the user never asked for),
        and costs a full read of a cube."""
        value = parameters.get(name)
        if isinstance(value, str) and os.path.isfile(value.split("|")[0]):
            return value.split("|")[0]
        return None

    def _destination_path(self, parameters, d, context) -> str | None:
        """The final path of a file destination, or None (not asked for, in memory, or a database)."""
        if parameters.get(d.name()) is None and d.flags() & QgsProcessingParameterDefinition.Flag.FlagOptional:
            return None
        kind = d.type()
        if kind == "folderDestination":
            return None  # the algorithm stages the files it writes inside the folder
        if kind in ("rasterDestination", "vectorDestination"):
            path = self.parameterAsOutputLayer(parameters, d.name(), context)
        elif kind == "sink":
            value = parameters.get(d.name())
            sink = getattr(value, "sink", value)
            path = sink.staticValue() if hasattr(sink, "staticValue") else str(sink or "")
            if path == QgsProcessing.TEMPORARY_OUTPUT or not path or path.startswith(("memory:", "ogr:", "postgres")):
                return None
        else:
            path = self.parameterAsFileOutput(parameters, d.name(), context)
        return path or None

    def dest(self, name: str) -> str | None:
        """Where ``process`` writes output ``name`` (a temporary path put in place when the whole run succeeded), or
        None when the output was not asked for."""
        return self._outputs.path(name) if self._outputs is not None else None

    SOURCE = "INPUT"  # the parameter whose layer or file the loaded outputs are named after

    def output_source(self, parameters, context) -> str | None:
        """What this run's layers are named after ("<source> — <what>"; see naming.py)."""
        from .naming import source_name

        return source_name(self, parameters, self.SOURCE, context)

    def name_output(self, name: str, label: str) -> None:
        """Name output ``name``'s loaded layer "<source> — <label>" (default label: the output's description)."""
        self._labels[name] = label

    def stage(self, name: str, final: str, layer: bool = True) -> str:
        """Stage one more output file (e.g. inside an output folder); returns where to write it now."""
        return self._outputs.add(name, final, sidecars=layer)

    def _final_results(self, result, context):
        """Map temporary paths in the results (and in the layers to load) to the final paths."""
        finals = {t: self._outputs.finals[n] for n, t in self._outputs.temps.items()}

        def final(value):
            if isinstance(value, str):
                for temp, path in finals.items():
                    if value.startswith(temp):
                        return path + value[len(temp):]
            return value

        loads = context.layersToLoadOnCompletion() if context is not None else {}
        if any(final(k) != k for k in loads):
            context.setLayersToLoadOnCompletion({final(k): v for k, v in loads.items()})
        return {k: final(v) for k, v in (result or {}).items()}

    def _user_error(self, exc, feedback) -> QgsProcessingException:
        """Every failure reaches the user as a message naming the parameter, the file and the problem."""
        if isinstance(exc, QgsProcessingException):
            return exc
        if isinstance(exc, Cancelled):
            return QgsProcessingException(tr("Cancelled by the user; no output was written."))
        if isinstance(exc, HyspecError):
            return QgsProcessingException(translate_message(exc))  # tr(template).format(**fields), else English
        if isinstance(exc, MemoryError):
            return QgsProcessingException(tr(
                "Out of memory: process a smaller area (EXTENT in hyspec:importneon or hyspec:cleanbands) or lower "
                "SAMPLE_SIZE (hyspec:kmeans)."))
        if isinstance(exc, OSError):
            return QgsProcessingException(self._os_error_message(exc))
        if feedback is not None:
            feedback.pushDebugInfo(traceback.format_exc())
        if self.RESUMABLE_FOLDER:  # filled file by file, each complete when it appears: those files stay
            return QgsProcessingException(tr(
                "hyspec:{0} stopped on an unexpected error ({1}: {2}); the complete files already in {3} are kept "
                "(a run into the same folder resumes), no other output was written. Please report it with the log "
                "above.").format(self.ID, type(exc).__name__, exc, self.RESUMABLE_FOLDER))
        return QgsProcessingException(tr(
            "hyspec:{0} stopped on an unexpected error ({1}: {2}); no output was written. Please report it with "
            "the log above.").format(self.ID, type(exc).__name__, exc))

    def _os_error_message(self, exc: OSError) -> str:
        """Name the parameter whose file failed (an output's temporary name counts as that output)."""
        name = None
        path = exc.filename or ""
        if self._outputs is not None and path:
            real = os.path.abspath(path)
            for n, temp in self._outputs.temps.items():
                if real.startswith(os.path.splitext(temp)[0]) or real == self._outputs.finals[n]:
                    name, path = n, self._outputs.finals[n]
        for n, paths in getattr(self, "_input_files", {}).items():
            if name is None and path in paths:
                name = n
        return translate_message(describe_os_error(exc, name, path))

    def process(self, parameters, context, feedback, progress):
        """Subclasses implement this (not run(): QgsProcessingAlgorithm.run is what Processing calls)."""
        raise NotImplementedError

    # --- helpers for subclasses -----------------------------------------------------------------------------------
    def input_raster_path(self, parameters, name, context):
        """File path of a raster parameter (layer or file), read-only; only file-based rasters are supported."""
        direct = self._file_value(parameters, name)
        if direct:
            return direct
        layer = self.parameterAsRasterLayer(parameters, name, context)
        if layer is None:
            raise QgsProcessingException(tr("{0}: no raster given or it cannot be loaded").format(name))
        source = layer.source()
        path = source.split("|")[0]
        if not os.path.exists(path) and not path.startswith(("/vsi", "NETCDF:", "HDF5:")):
            raise QgsProcessingException(
                tr("{0}: {1} is not a file-based raster (hyspec reads rasters through GDAL from files)").format(
                    name, source))
        return path

    PLOT = "PLOT"

    def add_plot_output(self, what: str):
        """Optional HTML page plotting ``what`` (spectra) against wavelength, the figure NEON's tutorials draw."""
        from qgis.core import QgsProcessingParameterFileDestination

        self.add(QgsProcessingParameterFileDestination(self.PLOT, tr("Plot: {0} (HTML)").format(what),
                                                       fileFilter=tr("HTML files (*.html)"), optional=True,
                                                       createByDefault=False),
                 tr("An HTML page with {0} plotted against wavelength (an SVG figure; lines break at removed "
                    "bands; colours are the classes' stable colours).").format(what))

    def write_plot(self, spectra, title):
        """Write the PLOT output (if asked for) from a Spectra; returns its path or None."""
        from ..core.io.spectra_plot import write_spectra_html

        path = self.dest(self.PLOT)
        return write_spectra_html(path, spectra, title) if path else None

    def sink(self, parameters, name, context, fields, geometry_type, crs):
        """A feature sink for output ``name``; a file destination is written under its temporary name."""
        from qgis.core import QgsProcessingOutputLayerDefinition

        temp = self.dest(name)
        if temp is None:
            if parameters.get(name) is None:
                return None, None
            return self.parameterAsSink(parameters, name, context, fields, geometry_type, crs)
        value = parameters[name]
        staged = QgsProcessingOutputLayerDefinition(temp, getattr(value, "destinationProject", None))
        if isinstance(value, QgsProcessingOutputLayerDefinition):
            staged.destinationName = value.destinationName
        return self.parameterAsSink({**parameters, name: staged}, name, context, fields, geometry_type, crs)

    def style_output(self, context, path, style):
        """Write ``style`` as the output's .qml sidecar (staged with it) and apply it when Processing loads the
        layer under its final name."""
        from .styling import apply_on_load

        final = self._outputs.final_for(path) if self._outputs is not None else None
        apply_on_load(context, path, style, final or path, feedback=getattr(self, "_feedback", None))
