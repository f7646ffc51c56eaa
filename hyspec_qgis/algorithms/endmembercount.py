"""hyspec:endmembercount - how many endmembers: HySime and HFC / NWHFC estimates from one streamed pass."""
from __future__ import annotations

import os

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterRasterLayer,
)

from ..core.defaults import FALSE_ALARM_RATES, far_label
from ..i18n.translator import tr
from .base import HyspecAlgorithm


class EndmemberCountAlgorithm(HyspecAlgorithm):
    ID = "endmembercount"
    DISPLAY = "Number of endmembers (HySime, HFC)"
    GROUP = "Unmixing"
    GROUP_ID = "unmixing"
    INTRO = (
        "<p>Estimates how many endmembers (spectrally distinct materials) the valid pixels hold: the number to ask "
        "<i>Endmembers (N-FINDR)</i> for. Three estimators are computed from the same single pass over the raster "
        "(pixel count, band sums and the band x band cross-product matrix; no copy of the cube):</p>"
        "<ul><li><b>HySime</b> (Bioucas-Dias &amp; Nascimento 2008): the noise of each band is estimated by "
        "regressing it on all the other bands; the signal subspace is the set of eigenvectors whose data power "
        "exceeds twice their noise power (the subspace of least mean squared error). No parameter.</li>"
        "<li><b>HFC</b> virtual dimensionality (Harsanyi, Farrand &amp; Chang 1993; Chang &amp; Du 2004): the k-th "
        "eigenvalues of the correlation and covariance matrices differ only where a signal source lies; a "
        "Neyman-Pearson test at false-alarm rates 1e-3, 1e-4 and 1e-5 counts them. It assumes white noise.</li>"
        "<li><b>NWHFC</b>: HFC on noise-whitened data (each band divided by its regression noise standard "
        "deviation).</li></ul>"
        "<p><b>The estimators often disagree on real scenes, and none of them is sure to give the number of "
        "materials: treat them as a guide, not an answer.</b> HFC counts noise as signal when the noise level "
        "differs from band to band (on the generated NEON-like tile, with 5 materials and noisy water-vapour "
        "edges: HySime 5, NWHFC 4, HFC more than 90). On 88 generated mixtures of 3 to 10 materials HySime was "
        "exact 86 times, while HFC (on white noise) and NWHFC counted mostly one fewer with 3 to 5 materials, and "
        "up to 6 fewer with 8 to 10. A common practice: start N-FINDR at the HySime estimate (output "
        "ENDMEMBERS_COUNT) and compare the unmixing RMSE of nearby counts. The estimates do not depend on the "
        "data's units (a reflectance scale factor changes nothing).</p>"
        "<p>Run it on the raster you will unmix (cleaned reflectance, after <i>Clean bands</i>), so the count "
        "refers to the bands N-FINDR sees. Pixels that are no-data or NaN in any band are left out; the raster needs more "
        "valid pixels than bands (and far more for a stable estimate), and at least 3 bands. Bands that are 0 in "
        "every valid pixel are left out; exactly duplicated bands are refused (they have no noise of their "
        "own).</p>"
    )
    REFERENCE = (
        "Bioucas-Dias, J. M., Nascimento, J. M. P. (2008). Hyperspectral subspace identification. IEEE TGRS 46(8), "
        "2435-2445. Harsanyi, J. C., Farrand, W. H., Chang, C.-I (1993). Determining the number and identity of "
        "spectral endmembers: an integrated approach using Neyman-Pearson eigen-thresholding and iterative "
        "constrained RMS error minimization. Proc. 9th Thematic Conf. Geologic Remote Sensing. Chang, C.-I, Du, Q. "
        "(2004). Estimation of number of spectrally distinct signal sources in hyperspectral imagery. IEEE TGRS "
        "42(3), 608-619."
    )

    INPUT, OUTPUT, PLOT = "INPUT", "OUTPUT", "PLOT"
    HYSIME, SUGGESTED = "HYSIME", "ENDMEMBERS_COUNT"
    VALID_PIXELS = "VALID_PIXELS"

    @staticmethod
    def estimate_names() -> list[tuple[str, str, float | None]]:
        """(output name, method, false-alarm rate) of every estimate output."""
        names = [("HYSIME", "HySime", None)]
        for method in ("HFC", "NWHFC"):
            names += [(f"{method}_{far_label(f)}", method, f) for f in FALSE_ALARM_RATES]
        return names

    def declare(self):
        self.add(QgsProcessingParameterRasterLayer(self.INPUT, tr("Input raster (cleaned reflectance)")),
                 tr("Any GDAL raster file with at least 3 bands; wavelengths are not needed. A pixel that is no-data "
                    "or NaN in any band is ignored."))
        self.add(QgsProcessingParameterFileDestination(self.OUTPUT, tr("Eigenvalues and costs per k (CSV)"),
                                                       fileFilter=tr("CSV files (*.csv)"), optional=True,
                                                       createByDefault=True),
                 tr("One row per k = 1..number of bands: the k-th eigenvalues of the correlation and covariance "
                    "matrices, their difference, its standard deviation and the HFC decision (1 = signal) at each "
                    "false-alarm rate; the same on noise-whitened data (NWHFC); HySime's signal eigenvalues, the "
                    "data and noise power of the k-th eigenvector it keeps, mse(k) and hysime_kept (1 up to the "
                    "estimate)."))
        self.add(QgsProcessingParameterFileDestination(self.PLOT, tr("Plot (HTML)"),
                                                       fileFilter=tr("HTML files (*.html)"), optional=True,
                                                       createByDefault=True),
                 tr("An HTML page with the estimates and three charts against k: HySime's mean squared error, and "
                    "for HFC and NWHFC the eigenvalue difference beside each false-alarm rate's threshold."))
        self.addOutput(QgsProcessingOutputNumber(self.SUGGESTED, tr(
            "Suggested number of endmembers for N-FINDR (HySime, at least 2)")))
        self.addOutput(QgsProcessingOutputNumber(self.HYSIME, tr("HySime estimate")))
        descriptions = {"HFC": tr("HFC virtual dimensionality, false-alarm rate {0}"),
                        "NWHFC": tr("NWHFC (noise-whitened HFC) virtual dimensionality, false-alarm rate {0}")}
        for name, method, far in self.estimate_names()[1:]:
            self.addOutput(QgsProcessingOutputNumber(name, descriptions[method].format(f"{far:.0e}")))
        self.addOutput(QgsProcessingOutputNumber(self.VALID_PIXELS, tr("Valid pixels used")))

    def shortHelpString(self):  # noqa: N802
        outputs = "".join(f"<li><b>{o.name()}</b>: {o.description()}</li>" for o in self.outputDefinitions()
                          if o.type() == "outputNumber")
        chaining = tr("In a model, feed ENDMEMBERS_COUNT (or HYSIME) into the ENDMEMBERS_COUNT parameter of "
                      "Endmembers (N-FINDR). Output names write 1e-3 as 1E_3: a minus sign is not allowed in "
                      "model expressions.")
        return super().shortHelpString() + (
            f"<h3>{tr('Numbers (for models and qgis_process)')}</h3><ul>{outputs}</ul><p>{chaining}</p>")

    def process(self, parameters, context, feedback, progress):
        from ..core.io.count_plot import write_count_html
        from ..core.io.raster_reader import SpectralRaster
        from ..core.methods.endmember_count import count_endmembers, write_count_csv

        path = self.input_raster_path(parameters, self.INPUT, context)
        raster = SpectralRaster(path, self.INPUT)
        try:
            result = count_endmembers(raster, progress=progress)
        finally:
            raster.close()
        estimates = result.estimates()
        for name, value in estimates.items():
            progress(None, f"{name}: {value}")
        csv_path, plot_path = self.dest(self.OUTPUT), self.dest(self.PLOT)
        if csv_path:
            write_count_csv(csv_path, result)
        if plot_path:
            write_count_html(plot_path, result, tr("How many endmembers"), os.path.basename(path) + ":")
        return {**estimates, self.SUGGESTED: result.suggested, self.VALID_PIXELS: result.n_pixels,
                self.OUTPUT: csv_path, self.PLOT: plot_path}
