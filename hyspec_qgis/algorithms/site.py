"""hyspec:site - a whole NEON site: one model fitted on a sample drawn across all tiles, applied to every tile
(in parallel on Dask when it is installed), mosaicked into VRTs that load as one layer."""
from __future__ import annotations

import os
import re

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingOutputRasterLayer,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.defaults import SITE_CHAIN_DEFAULTS, SITE_WORKERS
from ..core.defaults import SITE_CHAINS as CHAINS
from ..core.defaults import SITE_SAMPLE_SIZE as DEFAULT_SAMPLE_SIZE
from ..core.errors import Cancelled
from ..i18n.translator import tr, translate_message
from . import styling
from .base import HyspecAlgorithm, missing_requirement_message
from .naming import SEPARATOR, stem
from .params import enum_param, enum_value


class SiteAlgorithm(HyspecAlgorithm):
    ID = "site"
    DISPLAY = "Whole site: one model across tiles"
    GROUP = "Site"
    GROUP_ID = "site"
    REQUIRES = ("h5py", "sklearn")
    RESUMABLE_FOLDER = "OUTPUT_FOLDER"
    INTRO = (
        "<p>Runs a NEON tutorial chain over a whole site (100 to 300 tiles of 1 km&#178;) with <b>one</b> model, so "
        "that the same material gets the same class in every tile and the site maps as one layer (per-tile runs, "
        "as in <code>make batch</code>, give each tile its own clusters and endmembers).</p>"
        "<p>1. <b>Sample</b>: every valid pixel of every tile is kept with the same probability, so each tile "
        "contributes in proportion to its valid pixels; the candidates are thinned to SAMPLE_SIZE pixels with SEED "
        "(fewer when more than a third of the site is no-data). "
        "2. <b>Fit</b> on that sample: CHAIN <i>kmeans</i> cleans with the k-means tutorial's recipe (174 bands), "
        "keeps VARIANCE_FRACTION of the variance in principal components and fits CLUSTERS k-means clusters on them; "
        "CHAIN <i>unmixing</i> cleans with the endmember tutorial's recipe (362 bands), finds ENDMEMBERS_COUNT "
        "N-FINDR endmembers (ATGP start), and classifies with SID on SID_SELECT with the relative SID_THRESHOLDS, "
        "measured on the score range of every pixel of the site (one extra pass). "
        "3. <b>Apply</b> to every tile: one subfolder per tile in OUTPUT_FOLDER with its rasters. "
        "4. <b>Mosaic</b>: one VRT per product with the band names, class names and colours, and a style. A "
        "report (report.md, report.json) gives per tile the status, pixels and time, and per class its site-wide "
        "share.</p>"
        "<p><b>Resumable</b>: run it again with the same parameters and the model is reused and complete tiles "
        "are skipped; an interrupted or cancelled run keeps its complete tiles and leaves nothing half-written "
        "(a tile's folder appears only when all of it is written). A tile that cannot be read is reported with the "
        "reason and the others go on; the run then fails naming it (unless ALLOW_FAILED_TILES).</p>"
        "<p><b>Parallel</b>: with Dask installed (<code>dask[array]</code> and <code>distributed</code>), WORKERS "
        "worker processes on this computer, or the cluster of a running Dask scheduler (SCHEDULER, "
        "<code>tcp://host:8786</code>; its workers need the same versions and <code>hyspec_qgis.core</code> "
        "importable, and the same paths to the tiles and OUTPUT_FOLDER). Without Dask, or with WORKERS 0, the tiles "
        "run one after another in QGIS. Inside QGIS the worker processes are started with the Python interpreter "
        "QGIS embeds (HYSPEC_PYTHON overrides it). The same job without QGIS: "
        "<code>python -m hyspec_qgis.site</code>.</p>"
    )
    REFERENCE = (
        "NEON Data Skills: 'Unsupervised Spectral Classification in Python: KMeans &amp; PCA' and 'Unsupervised "
        "Spectral Classification in Python: Endmember Extraction'. Dask Development Team (2016), Dask: library for "
        "dynamic task scheduling."
    )

    (INPUTS, CHAIN, CLUSTERS, MAX_ITER, VARIANCE_FRACTION, ENDMEMBERS_COUNT, SID_SELECT, SID_THRESHOLDS,
     SAMPLE_SIZE, SEED, WORKERS, SCHEDULER, ALLOW_FAILED_TILES) = (
        "INPUTS", "CHAIN", "CLUSTERS", "MAX_ITER", "VARIANCE_FRACTION", "ENDMEMBERS_COUNT", "SID_SELECT",
        "SID_THRESHOLDS", "SAMPLE_SIZE", "SEED", "WORKERS", "SCHEDULER", "ALLOW_FAILED_TILES")
    OUTPUT_FOLDER, MOSAIC, MODEL, REPORT, TILES_DONE, TILES_FAILED = (
        "OUTPUT_FOLDER", "MOSAIC", "MODEL", "REPORT", "TILES_DONE", "TILES_FAILED")

    def declare(self):
        d = SITE_CHAIN_DEFAULTS
        integer, double = QgsProcessingParameterNumber.Type.Integer, QgsProcessingParameterNumber.Type.Double
        self.add(QgsProcessingParameterMultipleLayers(self.INPUTS, tr("Tiles"), QgsProcessing.TypeFile),
                 tr("NEON reflectance .h5 tiles, or rasters already imported with hyspec:importneon; a folder "
                    "stands for its .h5 files. From qgis_process repeat the parameter: INPUTS=a.h5 INPUTS=b.h5."))
        self.add(enum_param(self.CHAIN, tr("Chain"), list(CHAINS)),
                 tr("kmeans: clean (k-means recipe) -> PCA -> k-means. unmixing: clean (endmember recipe) -> "
                    "N-FINDR -> FCLS abundances -> SID classes. The shipped tutorial models, with one site model."))
        self.add(QgsProcessingParameterNumber(self.CLUSTERS, tr("Clusters (kmeans)"), integer, d["clusters"], minValue=2),
                 tr("Number of k-means clusters (the kmeans chain)."))
        self.add(QgsProcessingParameterNumber(self.MAX_ITER, tr("Maximum k-means iterations"), integer, d["max_iter"],
                                              minValue=1),
                 tr("Most k-means iterations on the site sample: the fit stops earlier when it converges (an iteration "
                    "in which no pixel changes cluster), else after this many iterations."),
                 advanced=True)
        self.add(QgsProcessingParameterNumber(self.VARIANCE_FRACTION, tr("PCA variance fraction (kmeans)"), double,
                                              d["variance_fraction"], minValue=0.0, maxValue=1.0),
                 tr("The fewest leading principal components that hold this fraction of the variance of the sample "
                    "are kept, and k-means runs on them."))
        self.add(QgsProcessingParameterNumber(self.ENDMEMBERS_COUNT, tr("Endmembers (unmixing)"), integer,
                                              d["endmembers"], minValue=2),
                 tr("Number of N-FINDR endmembers found in the site sample (the unmixing chain)."))
        self.add(QgsProcessingParameterString(self.SID_SELECT, tr("SID: endmembers to classify (unmixing)"),
                                              defaultValue=d["sid_select"]),
                 tr("Endmember numbers (1-based) or names, comma separated, that SID classifies; the tutorial uses "
                    "1,3,4."))
        self.add(QgsProcessingParameterString(self.SID_THRESHOLDS, tr("SID: relative thresholds (unmixing)"),
                                              defaultValue=d["sid_thresholds"], optional=True),
                 tr("One value, or one per selected endmember: fractions (0-1) of the range of the SID scores over "
                    "every pixel of the site, as pysptools (the tutorial: 0.8,0.3,0.03). Empty: no threshold."))
        self.add(QgsProcessingParameterNumber(self.SAMPLE_SIZE, tr("Site sample size (pixels)"), integer,
                                              DEFAULT_SAMPLE_SIZE, minValue=1),
                 tr("Pixels the site model is fitted on, drawn from every tile in proportion to its valid pixels."))
        self.add(QgsProcessingParameterNumber(self.SEED, tr("Random seed"), integer, 0, minValue=0),
                 tr("Seed of the sample and of the fit: the same seed, tiles and parameters give the same model."))
        self.add(QgsProcessingParameterNumber(self.WORKERS, tr("Local workers"), integer, SITE_WORKERS,
                                              minValue=0),
                 tr("Dask worker processes on this computer (each holds one tile at a time, about 1 GB for a full "
                    "tile); 0 runs the tiles one after another inside QGIS. Ignored with SCHEDULER."))
        self.add(QgsProcessingParameterString(self.SCHEDULER, tr("Dask scheduler address"),
                                              defaultValue="", optional=True),
                 tr("A running Dask scheduler, e.g. tcp://10.0.0.5:8786: the tiles run on its workers, which must "
                    "have the same dask/distributed versions, hyspec_qgis.core importable and the same paths to the "
                    "tiles and OUTPUT_FOLDER."), advanced=True)
        self.add(QgsProcessingParameterBoolean(self.ALLOW_FAILED_TILES, tr("Succeed when some tiles fail"), False),
                 tr("Off: a run with failed tiles ends with an error naming them (the complete tiles, mosaics and "
                    "report are kept). On: it succeeds and TILES_FAILED counts them."), advanced=True)
        self.add(QgsProcessingParameterFolderDestination(self.OUTPUT_FOLDER, tr("Output folder")),
                 tr("One subfolder per tile with its rasters; the site model (site_model.json/.npz and spectra "
                    "CSVs), the VRT mosaics with their styles and the report at the top. Run again into the same "
                    "folder to resume."))
        self.addOutput(QgsProcessingOutputRasterLayer(self.MOSAIC, tr("Site mosaic")))
        self.addOutput(QgsProcessingOutputFile(self.MODEL, tr("Site model")))
        self.addOutput(QgsProcessingOutputFile(self.REPORT, tr("Report")))
        self.addOutput(QgsProcessingOutputNumber(self.TILES_DONE, tr("Tiles complete")))
        self.addOutput(QgsProcessingOutputNumber(self.TILES_FAILED, tr("Tiles failed")))

    def _input_paths(self, parameters, p, context):
        """The tiles as files: never loaded as layers (QGIS would try each .h5 as a raster and a mesh)."""
        if p.name() == self.INPUTS:
            return [v for v in self.parameterAsFileList(parameters, p.name(), context) if os.path.isfile(v)]
        return super()._input_paths(parameters, p, context)

    def process(self, parameters, context, feedback, progress):
        from ..core.site import ChainParams, run_site

        inputs = self.parameterAsFileList(parameters, self.INPUTS, context)
        folder = self.parameterAsFileOutput(parameters, self.OUTPUT_FOLDER, context)
        scheduler = self.parameterAsString(parameters, self.SCHEDULER, context).strip()
        workers = self.parameterAsInt(parameters, self.WORKERS, context)
        try:
            import distributed  # noqa: F401
        except ImportError:
            if scheduler:
                raise QgsProcessingException(missing_requirement_message("distributed")) from None
            if workers > 0 and feedback is not None:
                feedback.pushWarning(tr("Dask is not installed, so the tiles run one after another in QGIS.") + "\n"
                                     + missing_requirement_message("distributed"))
        params = ChainParams(
            enum_value(self, parameters, self.CHAIN, context, CHAINS),
            self.parameterAsInt(parameters, self.CLUSTERS, context),
            self.parameterAsInt(parameters, self.MAX_ITER, context),
            self.parameterAsDouble(parameters, self.VARIANCE_FRACTION, context),
            self.parameterAsInt(parameters, self.ENDMEMBERS_COUNT, context),
            self.parameterAsString(parameters, self.SID_SELECT, context),
            self.parameterAsString(parameters, self.SID_THRESHOLDS, context))
        try:
            result = run_site(inputs, folder, params, self.parameterAsInt(parameters, self.SAMPLE_SIZE, context),
                              self.parameterAsInt(parameters, self.SEED, context), workers, scheduler or None,
                              progress)
        except Cancelled:
            raise QgsProcessingException(tr(
                "Cancelled by the user. The tiles already complete are kept in {0}; run again to resume.").format(
                    folder)) from None
        model = os.path.join(folder, "site_model.json")
        self._style_mosaics(context, result, params, self.output_source(parameters, context))
        if result.tiles_failed and not self.parameterAsBoolean(parameters, self.ALLOW_FAILED_TILES, context):
            names = "; ".join(f"{n}: {translate_message(r)}" for n, r in result.tiles_failed.items())
            raise QgsProcessingException(tr(
                "{0} of {1} tile(s) failed: {2}. The {3} complete tile(s), the mosaics and the report are in {4}; "
                "fix or remove the failed tiles and run again (complete tiles are skipped).").format(
                    len(result.tiles_failed), result.n_complete + len(result.tiles_failed), names,
                    result.n_complete, folder))
        return {self.OUTPUT_FOLDER: folder, self.MOSAIC: result.mosaic, self.MODEL: model,
                self.REPORT: result.report, self.TILES_DONE: result.n_complete,
                self.TILES_FAILED: len(result.tiles_failed)}

    def output_source(self, parameters, context):
        """A site's layers are named after its NEON site code (read from the tiles' names), else the output folder."""
        tiles = self.parameterAsFileList(parameters, self.INPUTS, context)
        codes = {m.group(1) for m in (re.search(r"NEON_D\d\d_([A-Z0-9]{4})_", os.path.basename(t)) for t in tiles) if m}
        if len(codes) == 1:
            return codes.pop()
        return stem(self.parameterAsFileOutput(parameters, self.OUTPUT_FOLDER, context) or "") or None

    def _style_mosaics(self, context, result, params, source):
        """The main mosaic is loaded into the project (in QGIS desktop); every mosaic's .qml is written by QGIS."""
        for product in result.products:
            vrt = result.mosaics.get(product.name)
            if vrt is None:
                continue
            if vrt == result.mosaic and context is not None and context.project() is not None:
                label = tr("site mosaic: {0} {1} ({2} tiles)").format(
                    params.chain, product.name.replace("_", " "), result.n_complete)
                details = QgsProcessingContext.LayerDetails(f"{source}{SEPARATOR}{label}" if source else label,
                                                            context.project(), self.MOSAIC)
                details.forceName = True  # the file name (classes.vrt) is ours, not one the user typed
                context.addLayerToLoadOnCompletion(vrt, details)
            if product.kind == "classes":
                self.style_output(context, vrt, styling.classes(product.class_names, product.colors))
            elif product.value_range is not None:
                self.style_output(context, vrt, styling.ramp(*product.value_range))
