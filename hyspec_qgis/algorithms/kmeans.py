"""hyspec:kmeans - k-means clusters of any raster: fitted on a seeded sample of valid pixels, every pixel labelled."""
from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputBoolean,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
)

from ..core.defaults import KMEANS_CLUSTERS as DEFAULT_CLUSTERS
from ..core.defaults import KMEANS_MAX_ITER as DEFAULT_MAX_ITER
from ..core.defaults import KMEANS_SAMPLE_SIZE as DEFAULT_SAMPLE_SIZE
from ..i18n.translator import tr
from . import styling
from .base import HyspecAlgorithm


class KMeansAlgorithm(HyspecAlgorithm):
    ID = "kmeans"
    DISPLAY = "K-means clustering"
    GROUP = "Classification"
    GROUP_ID = "classification"
    REQUIRES = ("sklearn",)
    INTRO = (
        "<p>Unsupervised classification of the pixels into CLUSTERS groups of similar spectra (or colours), as in "
        "NEON's tutorial 'Unsupervised Spectral Classification in Python: KMeans & PCA', on any raster: a cleaned NEON tile, "
        "the output of <i>PCA</i>, or a plain RGB photo.</p>"
        "<p>The centres are fitted on a reproducible random sample of the valid pixels (SAMPLE_SIZE; 0 = all), "
        "starting from k-means++ centres drawn with SEED, or from START_CENTERS (a previous run's CENTERS CSV: "
        "this resumes it, like Spectral Python's <code>start_clusters</code>). The fit is scikit-learn's KMeans "
        "(Lloyd's algorithm, one start): each iteration assigns every sample pixel to its nearest centre "
        "(Euclidean distance) and moves each centre to the mean of its pixels; the fit stops when no pixel changes "
        "cluster (converged) or after MAX_ITER iterations, and the log gives the iterations run. Then every valid "
        "pixel of the raster is labelled with its nearest centre, block by block.</p>"
        "<p>Pixels that are no-data (or NaN) in any band are left out of the fit and are 0 in the outputs "
        "(Spectral Python's kmeans refuses such rasters). The same SEED and SAMPLE_SIZE give the same clusters. "
        "Clusters are numbered by decreasing size in the sample (cluster 1 is the largest) and keep stable colours; "
        "with START_CENTERS they keep the CSV's order. A cluster left empty during the fit is moved to a sample "
        "pixel far from its centre (scikit-learn's rule).</p>"
        "<p>Differences from Spectral Python's <code>kmeans(img, 5, 50)</code>: it starts from centres spread "
        "along the diagonal of the data's bounding box and uses every pixel; on NEON tiles that start can leave a "
        "cluster empty. k-means++ on a sample is much faster and usually finds a better partition.</p>"
    )
    REFERENCE = (
        "Lloyd, S. (1982). Least squares quantization in PCM. IEEE Trans. Inf. Theory 28(2). "
        "Arthur, D. &amp; Vassilvitskii, S. (2007). k-means++: the advantages of careful seeding. SODA. "
        "Pedregosa, F. et al. (2011). Scikit-learn: Machine Learning in Python. JMLR 12. "
        "NEON Data Skills: 'Unsupervised Spectral Classification in Python: KMeans &amp; PCA'."
    )

    INPUT, CLUSTERS, MAX_ITER, SEED, START_CENTERS, SAMPLE_SIZE = (
        "INPUT", "CLUSTERS", "MAX_ITER", "SEED", "START_CENTERS", "SAMPLE_SIZE")
    OUTPUT, CENTERS, CENTER_IMAGE, ITERATIONS, CONVERGED = (
        "OUTPUT", "CENTERS", "CENTER_IMAGE", "ITERATIONS", "CONVERGED")

    def declare(self):
        self.add(QgsProcessingParameterRasterLayer(self.INPUT, tr("Input raster")),
                 tr("Any GDAL raster file: a (cleaned) reflectance cube, a PCA output, an RGB image. Wavelengths "
                    "are not needed. A pixel that is no-data or NaN in any band is ignored."))
        self.add(QgsProcessingParameterNumber(self.CLUSTERS, tr("Number of clusters"),
                                              QgsProcessingParameterNumber.Type.Integer,
                                              defaultValue=DEFAULT_CLUSTERS, minValue=2, maxValue=65535),
                 tr("How many clusters (classes) to find: at least 2, and at most the number of valid pixels. "
                    "NEON's tutorial uses 5."))
        self.add(QgsProcessingParameterNumber(self.MAX_ITER, tr("Maximum iterations"),
                                              QgsProcessingParameterNumber.Type.Integer,
                                              defaultValue=DEFAULT_MAX_ITER, minValue=1),
                 tr("The fit stops after this many iterations if it has not converged (no pixel changing cluster). "
                    "NEON's tutorial uses 50."))
        self.add(QgsProcessingParameterNumber(self.SEED, tr("Random seed"), QgsProcessingParameterNumber.Type.Integer,
                                              defaultValue=0, minValue=0),
                 tr("Seed of the sample and of the k-means++ start: the same seed gives the same clusters."))
        self.add(QgsProcessingParameterFile(self.START_CENTERS, tr("Start centres (spectra CSV)"),
                                            optional=True, fileFilter=tr("Spectra CSV (*.csv *.txt);;All files (*.*)")),
                 tr("Resume a run: start from these centres instead of k-means++, e.g. the CENTERS CSV of a previous "
                    "run stopped by MAX_ITER. One row per band (band,wavelength_nm,<name>...), matched to the input "
                    "by wavelength within half a band (or by band count when either has no wavelengths); it must "
                    "hold CLUSTERS centres."))
        self.add(QgsProcessingParameterNumber(self.SAMPLE_SIZE, tr("Fit sample size (pixels, 0 = all)"),
                                              QgsProcessingParameterNumber.Type.Integer,
                                              defaultValue=DEFAULT_SAMPLE_SIZE, minValue=0),
                 tr("The centres are fitted on a random sample of about this many valid pixels (drawn with SEED); "
                    "every pixel is still labelled. Larger samples cost time and memory (4 bytes per band per "
                    "pixel); 0 fits on all valid pixels (refused when the sample would exceed 2 GB, i.e. pixels x "
                    "bands x 4 bytes)."))
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT, tr("Clusters")),
                 tr("Byte GeoTIFF (UInt16 beyond 255 clusters): cluster 1..k, 0 = no-data, with a colour table "
                    "and the names 'cluster 1', 'cluster 2', ..."))
        self.add(QgsProcessingParameterFileDestination(self.CENTERS, tr("Cluster centres (spectra CSV)"),
                                                       fileFilter=tr("CSV files (*.csv)"), optional=True,
                                                       createByDefault=True),
                 tr("One row per input band (band,wavelength_nm,cluster 1,...): the mean spectrum of each cluster. "
                    "Usable as START_CENTERS, and as endmembers for unmixing, SAM or SID."))
        self.add(QgsProcessingParameterRasterDestination(self.CENTER_IMAGE, tr("Centre image"),
                                                         optional=True, createByDefault=False),
                 tr("Each pixel replaced by its cluster's centre, with the input's bands and wavelengths: on an RGB "
                    "photo with 8 clusters this is the 8-colour picture. Integer inputs without scale keep their "
                    "data type; others are float32 with -9999 as no-data."))
        self.add_plot_output(tr("the cluster centres"))
        self.addOutput(QgsProcessingOutputNumber(self.ITERATIONS, tr("Iterations run")))
        self.addOutput(QgsProcessingOutputBoolean(self.CONVERGED, tr("Converged")))

    def checkParameterValues(self, parameters, context):  # noqa: N802
        checks = ((self.CLUSTERS, 2, tr("CLUSTERS: k-means needs at least 2 clusters, got {0}")),
                  (self.MAX_ITER, 1, tr("MAX_ITER: must be 1 or more, got {0}")),
                  (self.SAMPLE_SIZE, 0, tr("SAMPLE_SIZE: must be 0 (all valid pixels) or more, got {0}")),
                  (self.SEED, 0, tr("SEED: must be 0 or more, got {0}")))
        for name, minimum, message in checks:
            value = parameters.get(name)
            try:
                if value is not None and str(value).strip() != "" and float(value) < minimum:
                    return False, message.format(value)
            except (TypeError, ValueError):
                pass  # not a number: Processing's own check names the parameter
        return super().checkParameterValues(parameters, context)

    def process(self, parameters, context, feedback, progress):
        from ..core.methods.kmeans import run_kmeans

        path = self.input_raster_path(parameters, self.INPUT, context)
        output = self.dest(self.OUTPUT)
        centers = self.dest(self.CENTERS)
        center_image = self.dest(self.CENTER_IMAGE)
        start = self.parameterAsFile(parameters, self.START_CENTERS, context) or None
        result = run_kmeans(
            path, output, centers_csv=centers, center_image=center_image,
            n_clusters=self.parameterAsInt(parameters, self.CLUSTERS, context),
            max_iter=self.parameterAsInt(parameters, self.MAX_ITER, context),
            seed=self.parameterAsInt(parameters, self.SEED, context),
            sample_size=self.parameterAsInt(parameters, self.SAMPLE_SIZE, context),
            start_centers_csv=start, progress=progress)
        self.style_output(context, output, styling.classes(result.names))
        if center_image and result.center_image_float:
            self.style_output(context, center_image, styling.true_color(result.wavelengths, result.bands))
        k = result.model.n_clusters
        self.name_output(self.OUTPUT, tr("k-means classes ({0})").format(k))
        self.name_output(self.CENTER_IMAGE, tr("k-means centre image ({0} clusters)").format(k))
        plot = self.write_plot(result.centers, tr("k-means cluster centres"))
        return {self.OUTPUT: output, self.CENTERS: centers, self.CENTER_IMAGE: center_image, self.PLOT: plot,
                self.ITERATIONS: result.model.iterations, self.CONVERGED: result.model.converged}
