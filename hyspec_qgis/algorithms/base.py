"""What every hyspec algorithm shares: help assembled from the parameter declarations, the QGIS-feedback adapter
for the core's progress callback, error mapping, dependency checks and output styling hooks.

An algorithm subclass declares ``ID``, ``DISPLAY``, ``GROUP``/``GROUP_ID``, ``INTRO``, ``REFERENCE`` and implements
``declare()`` (parameters through :meth:`add`) and ``process(parameters, context, feedback, progress)``
(not ``run``, which is QgsProcessingAlgorithm.run, the method Processing calls).
"""
from __future__ import annotations

import importlib
import os

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterDefinition,
)
from qgis.PyQt.QtGui import QIcon

from ..core.errors import Cancelled, HyspecError
from ..i18n.translator import tr

ICON_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "icons")

# What a user must install when a Python package is missing from the QGIS Python, per platform.
INSTALL_HINTS = {
    "sklearn": ("scikit-learn", "sudo apt install python3-sklearn", "pip install scikit-learn",
                "/Applications/QGIS.app/Contents/MacOS/bin/pip3 install scikit-learn"),
    "h5py": ("h5py", "sudo apt install python3-h5py", "pip install h5py",
             "/Applications/QGIS.app/Contents/MacOS/bin/pip3 install h5py"),
}


def missing_requirement_message(module: str) -> str:
    package, debian, osgeo4w, macos = INSTALL_HINTS[module]
    return tr(
        "This algorithm needs the Python package '{0}', which the QGIS Python cannot import.\n"
        "Debian/Ubuntu: {1}\nWindows (OSGeo4W Shell, as administrator): {2}\nmacOS (QGIS installer): {3}\n"
        "Then restart QGIS."
    ).format(package, debian, osgeo4w, macos)


def core_progress(feedback):
    """Adapt QgsProcessingFeedback to the core's ``callback(fraction, message) -> bool`` (False = cancel)."""

    def callback(fraction, message):
        if feedback is None:
            return True
        if message:
            feedback.pushInfo(message)
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
    REQUIRES: tuple = ()  # Python modules beyond numpy/GDAL, e.g. ("sklearn",)
    ICON = "hyspec.svg"

    def __init__(self):
        super().__init__()
        self._help = []  # (label, help) in declaration order

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

    def icon(self):
        path = os.path.join(ICON_DIR, self.ICON)
        return QIcon(path) if os.path.exists(path) else super().icon()

    def shortHelpString(self):  # noqa: N802
        parts = [tr(self.INTRO)]
        if self._help:
            items = "".join(f"<li><b>{label}</b>: {text}</li>" for label, text in self._help)
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
        self._help.append((param.description(), help_text))
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
        return super().checkParameterValues(parameters, context)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        for module in self.REQUIRES:
            try:
                importlib.import_module(module)
            except ImportError as exc:
                raise QgsProcessingException(missing_requirement_message(module)) from exc
        try:
            return self.process(parameters, context, feedback, core_progress(feedback))
        except Cancelled as exc:
            raise QgsProcessingException(tr("Cancelled by the user; no output was written.")) from exc
        except HyspecError as exc:
            if feedback is not None:
                feedback.reportError(str(exc), fatalError=True)
            raise QgsProcessingException(str(exc)) from exc
        except MemoryError as exc:
            raise QgsProcessingException(tr(
                "Out of memory: process a smaller area (EXTENT in hyspec:importneon or hyspec:cleanbands) or lower "
                "SAMPLE_SIZE (hyspec:kmeans).")) from exc

    def process(self, parameters, context, feedback, progress):
        """Subclasses implement this (not run(): QgsProcessingAlgorithm.run is what Processing calls)."""
        raise NotImplementedError

    # --- helpers for subclasses -----------------------------------------------------------------------------------
    def input_raster_path(self, parameters, name, context):
        """File path of a raster parameter (layer or file), read-only; only file-based rasters are supported."""
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

        self.add(QgsProcessingParameterFileDestination(self.PLOT, tr("Spectra plot (optional)"),
                                                       fileFilter=tr("HTML files (*.html)"), optional=True,
                                                       createByDefault=False),
                 tr("An HTML page with {0} plotted against wavelength (an SVG figure; lines break at removed "
                    "bands; colours are the classes' stable colours).").format(what))

    def write_plot(self, parameters, context, spectra_csv, title):
        """Write the PLOT output from a spectra CSV just written; returns its path or None."""
        from ..core.io.spectra_csv import read_spectra_csv
        from ..core.io.spectra_plot import write_spectra_html

        path = self.parameterAsFileOutput(parameters, self.PLOT, context)
        if not path:
            return None
        return write_spectra_html(path, read_spectra_csv(spectra_csv, self.PLOT), title)

    def style_output(self, context, path, style):
        """Write ``style`` as the output's .qml sidecar and apply it when Processing loads the layer."""
        from .styling import apply_on_load

        apply_on_load(context, path, style)
