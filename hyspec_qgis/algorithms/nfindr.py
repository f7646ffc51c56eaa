"""hyspec:nfindr - N-FINDR endmembers: their spectra as a CSV and, optionally, their pixels as a point layer."""
from __future__ import annotations

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QMetaType, QVariant

from ..core.defaults import NFINDR_INITS as INITS
from ..core.defaults import NFINDR_PCA_FITS as PCA_FITS
from ..core.defaults import NFINDR_PCA_SAMPLE as DEFAULT_PCA_SAMPLE
from ..i18n.translator import tr
from .base import HyspecAlgorithm
from .params import enum_param, enum_value


def _field(name: str, kind: str) -> QgsField:
    """A string or integer field: QMetaType from QGIS 3.38 on (QGIS 4 / Qt6 drops QVariant types), QVariant before."""
    if Qgis.QGIS_VERSION_INT >= 33800:
        return QgsField(name, QMetaType.Type.QString if kind == "str" else QMetaType.Type.Int)
    return QgsField(name, QVariant.String if kind == "str" else QVariant.Int)


class NFindrAlgorithm(HyspecAlgorithm):
    ID = "nfindr"
    DISPLAY = "Endmembers (N-FINDR)"
    GROUP = "Unmixing"
    GROUP_ID = "unmixing"
    INTRO = (
        "<p>Finds the ENDMEMBERS_COUNT pixels that span the simplex of largest volume (N-FINDR, as NEON's endmember "
        "tutorial runs with pysptools) and writes their spectra as a CSV (<code>band,wavelength_nm,EM1,...</code>) "
        "that <i>Spectral unmixing</i>, SAM and SID read.</p>"
        "<p>The valid pixels are projected on their first ENDMEMBERS_COUNT - 1 principal components. By default "
        "(PCA_FIT sample) the run reads the file once: a seeded sample of whole row blocks spread over the raster "
        "(about PCA_SAMPLE_SIZE pixels) finds the space the components lie in, and every valid pixel weighs them "
        "within it; PCA_FIT exact takes them from the covariance of every valid pixel (one streamed pass, "
        "coordinates from a second). Either way every valid pixel is a candidate. There the simplex volume is "
        "linear in each vertex, so replacing a vertex is one matrix product over all pixels instead of one "
        "determinant per pixel; the log shows the volume after each iteration. "
        "No-data pixels are never chosen. The CSV holds the original spectra of the chosen pixels, as stored in the "
        "input (all of its bands).</p>"
        "<p>Run it on cleaned reflectance (<i>Clean bands</i>, endmember recipe: water windows and the last 10 "
        "bands removed): the noisy water-vapour bands otherwise dominate the principal components.</p>"
    )
    REFERENCE = (
        "Winter, M. E. (1999). N-FINDR: an algorithm for fast autonomous spectral end-member determination in "
        "hyperspectral data. Proc. SPIE 3753, 266-275. Plaza, A., Chang, C.-I. (2006). Impact of initialization on "
        "design of endmember extraction algorithms. IEEE TGRS 44(11), 3397-3407 (ATGP). Halko, N., Martinsson, "
        "P.-G., Tropp, J. A. (2011). Finding structure with randomness. SIAM Review 53(2), 217-288 (the sampled "
        "fit's last step, Rayleigh-Ritz in a search space). NEON Data Skills: "
        "'Unsupervised Spectral Classification in Python: Endmember Extraction'."
    )

    INPUT, ENDMEMBERS_COUNT, MAX_ITER, SEED, INITIALIZATION, OUTPUT, LOCATIONS = (
        "INPUT", "ENDMEMBERS_COUNT", "MAX_ITER", "SEED", "INITIALIZATION", "OUTPUT", "LOCATIONS")
    PCA_FIT, PCA_SAMPLE_SIZE = "PCA_FIT", "PCA_SAMPLE_SIZE"
    ITERATIONS, VOLUME = "ITERATIONS", "VOLUME"

    def declare(self):
        self.add(QgsProcessingParameterRasterLayer(self.INPUT, tr("Input raster (cleaned reflectance)")),
                 tr("Any GDAL raster file; pixels where any band is no-data or NaN are ignored."))
        self.add(QgsProcessingParameterNumber(self.ENDMEMBERS_COUNT, tr("Number of endmembers"),
                                              QgsProcessingParameterNumber.Type.Integer, defaultValue=4, minValue=2),
                 tr("How many endmembers to extract (the tutorial uses 4). At least 2, at most the number of bands "
                    "and of valid pixels."))
        self.add(QgsProcessingParameterNumber(self.MAX_ITER, tr("Maximum iterations"),
                                              QgsProcessingParameterNumber.Type.Integer, defaultValue=0, minValue=0),
                 tr("Maximum number of iterations (sweeps over all vertices); 0 = 3 x the number of endmembers, as "
                    "pysptools. The run stops earlier when an iteration replaces no vertex, which is what usually "
                    "happens (pysptools' loop allows one sweep more than its maxit). The tutorial uses 5."))
        self.add(enum_param(self.INITIALIZATION, tr("Initialisation"), INITS),
                 tr("ATGP (default, as the tutorial: reproducible, starts from spectrally extreme pixels) or "
                    "random (distinct valid pixels drawn with SEED)."), advanced=True)
        self.add(QgsProcessingParameterNumber(self.SEED, tr("Random seed"),
                                              QgsProcessingParameterNumber.Type.Integer, defaultValue=0),
                 tr("Seed of the random initialisation and of the PCA sample's rows: the same seed gives the same "
                    "endmembers."), advanced=True)
        self.add(enum_param(self.PCA_FIT, tr("Principal components fitted on"), PCA_FITS),
                 tr("sample (default): the principal components of every valid pixel within a search space found "
                    "on a seeded sample of whole row blocks (about PCA_SAMPLE_SIZE pixels, one block row drawn in "
                    "each of as many equal stretches of the raster), all in one read of the file. On the generated "
                    "1000 x 1000 tile it chose the same endmembers as exact for 3 to 7 endmembers (0.0 degree apart; "
                    "the tests allow 0.1 on their scenes). When the last two components hold nearly the same "
                    "variance (more endmembers than the data have materials), the endmember the last one adds can "
                    "differ, and the log says so. exact: the covariance of every valid pixel, one more read of the "
                    "file (as before, and as pysptools)."), advanced=True)
        self.add(QgsProcessingParameterNumber(self.PCA_SAMPLE_SIZE, tr("PCA sample size (pixels)"),
                                              QgsProcessingParameterNumber.Type.Integer,
                                              defaultValue=DEFAULT_PCA_SAMPLE, minValue=1),
                 tr("Pixels in the PCA sample with PCA_FIT sample, rounded up to whole row blocks of the file (a "
                    "raster no larger than this is fitted on all of its pixels, still in one read). The default is "
                    "about 11 % of a NEON tile; more only costs computing time and memory (4 bytes per band and "
                    "pixel)."), advanced=True)
        self.add(QgsProcessingParameterFileDestination(self.OUTPUT, tr("Endmember spectra"),
                                                       fileFilter=tr("CSV files (*.csv)")),
                 tr("CSV, one row per band: band,wavelength_nm,EM1,...,EMn (reflectance as in the input)."))
        self.add(QgsProcessingParameterFeatureSink(self.LOCATIONS, tr("Endmember locations"),
                                                   QgsProcessing.SourceType.TypeVectorPoint, optional=True,
                                                   createByDefault=False),
                 tr("Optional point layer: one point per endmember at its pixel centre, in the raster's CRS, with "
                    "its name (EM1...) and pixel row/col (0-based)."))
        self.add_plot_output(tr("the endmember spectra"))
        self.addOutput(QgsProcessingOutputNumber(self.ITERATIONS, tr("Iterations run")))
        self.addOutput(QgsProcessingOutputNumber(self.VOLUME, tr("Simplex volume")))

    def process(self, parameters, context, feedback, progress):
        from ..core.methods.nfindr import run_nfindr

        path = self.input_raster_path(parameters, self.INPUT, context)
        output = self.dest(self.OUTPUT)
        if not output:
            raise QgsProcessingException(tr("OUTPUT: no file name given for the endmember CSV"))
        count = self.parameterAsInt(parameters, self.ENDMEMBERS_COUNT, context)
        max_iter = self.parameterAsInt(parameters, self.MAX_ITER, context) or None
        seed = self.parameterAsInt(parameters, self.SEED, context)
        init = enum_value(self, parameters, self.INITIALIZATION, context, list(INITS))
        pca_fit = enum_value(self, parameters, self.PCA_FIT, context, list(PCA_FITS))
        pca_sample = self.parameterAsInt(parameters, self.PCA_SAMPLE_SIZE, context)
        result = run_nfindr(path, output, count, max_iter=max_iter, init=init, seed=seed, progress=progress,
                            parameter=self.ENDMEMBERS_COUNT, pca_fit=pca_fit, pca_sample=pca_sample)
        fields = QgsFields()
        fields.append(_field("name", "str"))
        fields.append(_field("row", "int"))
        fields.append(_field("col", "int"))
        crs = QgsCoordinateReferenceSystem.fromWkt(result.crs_wkt) if result.crs_wkt else QgsCoordinateReferenceSystem()
        sink, sink_id = self.sink(parameters, self.LOCATIONS, context, fields, QgsWkbTypes.Type.Point, crs)
        for name, r, c, (x, y) in zip(result.spectra.names, result.rows, result.cols, result.xy):
            feedback.pushInfo(tr("{0}: pixel row {1}, column {2} (x {3:.2f}, y {4:.2f})").format(
                name, int(r), int(c), x, y))
        plot = self.write_plot(result.spectra, tr("N-FINDR endmembers"))
        out = {self.OUTPUT: output, self.ITERATIONS: result.iterations, self.VOLUME: result.volume, self.PLOT: plot}
        if sink is not None:
            for name, r, c, (x, y) in zip(result.spectra.names, result.rows, result.cols, result.xy):
                feature = QgsFeature(fields)
                feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(x), float(y))))
                feature.setAttributes([name, int(r), int(c)])
                sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
            del sink  # closes the file before it is put in place
            out[self.LOCATIONS] = sink_id
        return out
