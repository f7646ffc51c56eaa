"""hyspec:pca - principal components of any raster, from an exact covariance streamed over blocks."""
from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
)

from ..core.defaults import PCA_FRACTION as DEFAULT_FRACTION
from ..i18n.translator import tr
from . import styling
from .base import HyspecAlgorithm


class PcaAlgorithm(HyspecAlgorithm):
    ID = "pca"
    DISPLAY = "Principal component analysis (PCA)"
    GROUP = "Transforms"
    GROUP_ID = "transforms"
    INTRO = (
        "<p>Principal components of the pixels' spectra, as in NEON's tutorial 'Unsupervised Spectral Classification "
        "in Python: KMeans & PCA' (Spectral Python's <code>principal_components(img).reduce(fraction=0.999)</code>), on any "
        "raster.</p>"
        "<p>The mean and the exact covariance of the valid pixels are accumulated block by block (no copy of the "
        "cube in memory), then decomposed into eigenvalues and eigenvectors; each component's sign makes its largest "
        "loading positive, so runs are reproducible. COMPONENTS fixes the number of components kept; with 0 the "
        "number is chosen as Spectral Python does: the fewest leading components whose cumulative share of the "
        "variance reaches VARIANCE_FRACTION. Every pixel is then projected, block by block: (spectrum - mean) "
        "times the kept eigenvectors.</p>"
        "<p>Pixels that are no-data (or NaN) in any band are left out of the statistics and are no-data (-9999) "
        "in the output. The output chains into <i>K-means clustering</i> (the tutorial's challenge: cluster on "
        "the components).</p>"
    )
    REFERENCE = (
        "Richards, J. A. (2013). Remote Sensing Digital Image Analysis, ch. 6 (principal components). "
        "Spectral Python, spectral.principal_components and PrincipalComponents.reduce. "
        "NEON Data Skills: 'Unsupervised Spectral Classification in Python: KMeans &amp; PCA'."
    )

    INPUT, COMPONENTS, VARIANCE_FRACTION = "INPUT", "COMPONENTS", "VARIANCE_FRACTION"
    OUTPUT, EIGENVALUES, LOADINGS, N_COMPONENTS, VARIANCE_KEPT = (
        "OUTPUT", "EIGENVALUES", "LOADINGS", "N_COMPONENTS", "VARIANCE_KEPT")

    def declare(self):
        self.add(QgsProcessingParameterRasterLayer(self.INPUT, tr("Input raster")),
                 tr("Any GDAL raster file (a cleaned reflectance cube, an RGB image...). Wavelengths are not needed; "
                    "when present they are written in the LOADINGS CSV. A pixel that is no-data or NaN in any band "
                    "is ignored."))
        self.add(QgsProcessingParameterNumber(self.COMPONENTS, tr("Number of components (0 = by variance fraction)"),
                                              QgsProcessingParameterNumber.Type.Integer, defaultValue=0, minValue=0),
                 tr("How many leading components to keep; 0 chooses the number from VARIANCE_FRACTION. At most the "
                    "number of input bands."))
        self.add(QgsProcessingParameterNumber(self.VARIANCE_FRACTION, tr("Variance fraction to keep"),
                                              QgsProcessingParameterNumber.Type.Double,
                                              defaultValue=DEFAULT_FRACTION, minValue=0.0, maxValue=1.0),
                 tr("Used when COMPONENTS is 0: keep the fewest leading components whose cumulative share of the "
                    "total variance is at least this fraction, in (0, 1] (Spectral Python's reduce(fraction=...)). "
                    "NEON's tutorial uses 0.999."))
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT, tr("Principal components")),
                 tr("float32 GeoTIFF, one band per kept component, named like 'PC1 (93.1 %)' (its share of the "
                    "variance), with band metadata eigenvalue and explained_fraction; -9999 = no-data. Opens as a "
                    "PC1/PC2/PC3 colour composite."))
        self.add(QgsProcessingParameterFileDestination(self.EIGENVALUES, tr("Eigenvalues (CSV)"),
                                                       fileFilter=tr("CSV files (*.csv)"), optional=True,
                                                       createByDefault=True),
                 tr("One row per component (all of them): component, eigenvalue, explained_fraction, "
                    "cumulative_fraction, kept (1 for the components in the output)."))
        self.add(QgsProcessingParameterFileDestination(self.LOADINGS, tr("Loadings (spectra CSV)"),
                                                       fileFilter=tr("CSV files (*.csv)"), optional=True,
                                                       createByDefault=True),
                 tr("The eigenvectors of the kept components: one row per input band with its wavelength, one column "
                    "per component (band,wavelength_nm,PC1,PC2,...), the spectra CSV format."))
        self.addOutput(QgsProcessingOutputNumber(self.N_COMPONENTS, tr("Components kept")))
        self.addOutput(QgsProcessingOutputNumber(self.VARIANCE_KEPT, tr("Fraction of the variance kept")))

    def checkParameterValues(self, parameters, context):  # noqa: N802
        fraction = parameters.get(self.VARIANCE_FRACTION)
        try:
            if fraction is not None and str(fraction).strip() != "" and not 0.0 < float(fraction) <= 1.0:
                return False, tr("VARIANCE_FRACTION: must be in (0, 1] (e.g. 0.999 keeps 99.9 % of the variance), "
                                 "got {0}").format(fraction)
        except (TypeError, ValueError):
            pass  # not a number: Processing's own check names the parameter
        components = parameters.get(self.COMPONENTS)
        try:
            if components is not None and str(components).strip() != "" and float(components) < 0:
                return False, tr("COMPONENTS: must be 0 (choose by VARIANCE_FRACTION) or more, got {0}").format(
                    components)
        except (TypeError, ValueError):
            pass
        return super().checkParameterValues(parameters, context)

    def process(self, parameters, context, feedback, progress):
        from ..core.methods.pca import run_pca

        path = self.input_raster_path(parameters, self.INPUT, context)
        output = self.dest(self.OUTPUT)
        eigenvalues = self.dest(self.EIGENVALUES)
        loadings = self.dest(self.LOADINGS)
        result = run_pca(path, output, eigenvalues_csv=eigenvalues, loadings_csv=loadings,
                         n_components=self.parameterAsInt(parameters, self.COMPONENTS, context),
                         variance_fraction=self.parameterAsDouble(parameters, self.VARIANCE_FRACTION, context),
                         progress=progress)
        model = result.model
        q = model.n_components
        self.style_output(context, output, styling.true_color(None, q) if q >= 3 else styling.stretch())
        self.name_output(self.OUTPUT, tr("PCA ({0} components)").format(q))
        return {self.OUTPUT: output, self.EIGENVALUES: eigenvalues, self.LOADINGS: loadings,
                self.N_COMPONENTS: q, self.VARIANCE_KEPT: float(model.cumulative[q - 1])}
