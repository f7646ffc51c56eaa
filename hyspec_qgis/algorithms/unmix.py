"""hyspec:unmix - abundance maps from endmember spectra: FCLS, NNLS or UCLS, exact and block-wise."""
from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterFile,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
)

from ..core.defaults import UNMIX_METHODS as METHODS
from ..i18n.translator import tr, translate_message
from . import styling
from .base import HyspecAlgorithm
from .params import enum_param, enum_value


class UnmixAlgorithm(HyspecAlgorithm):
    ID = "unmix"
    DISPLAY = "Spectral unmixing (FCLS / NNLS / UCLS)"
    GROUP = "Unmixing"
    GROUP_ID = "unmixing"
    INTRO = (
        "<p>Models every pixel as a mix of the endmember spectra and writes one abundance band per endmember, named "
        "after it (styled 0-1). The endmember CSV (<code>band,wavelength_nm,name1,...</code>) can come from "
        "<i>Endmembers (N-FINDR)</i>, from k-means CENTERS or from a spectral library; its rows are matched to the "
        "raster's bands by wavelength (within half a band), so a CSV covering more bands than a cleaned raster works, "
        "and a CSV that misses raster bands is refused with the wavelengths it lacks.</p>"
        "<ul><li><b>FCLS</b> (default, as the NEON tutorial): abundances non-negative and summing to one.</li>"
        "<li><b>NNLS</b>: non-negative only.</li>"
        "<li><b>UCLS</b>: unconstrained least squares.</li></ul>"
        "<p>FCLS and NNLS are solved exactly (an active-set method run on whole blocks of pixels at once): the "
        "optimality (KKT) conditions hold to rounding, and the log reports how closely. pysptools' FCLS (cvxopt) "
        "stops short of this optimum, so its maps can differ by a few hundredths; pysptools' NNLS solves the non-negative "
        "fit of the normal equations (E<sup>T</sup>E a = E<sup>T</sup>x), which is the least-squares optimum only where "
        "no abundance is zero, so it differs where one is. The log and the output's "
        "metadata (MEAN_ABUNDANCE) give each endmember's mean abundance over the valid pixels, as the tutorial "
        "prints; no-data pixels stay no-data (-9999). The optional RMSE raster holds each pixel's reconstruction "
        "error sqrt(mean over bands of (x - E a)^2).</p>"
    )
    REFERENCE = (
        "Heinz, D. C., Chang, C.-I. (2001). Fully constrained least squares linear spectral mixture analysis. IEEE "
        "TGRS 39(3), 529-545. Lawson, C. L., Hanson, R. J. (1974). Solving Least Squares Problems, ch. 23. "
        "Van Benthem, M. H., Keenan, M. R. (2004). Fast algorithm for the solution of large-scale non-negativity-"
        "constrained least squares problems. J. Chemometrics 18, 441-450. NEON Data Skills: 'Unsupervised Spectral "
        "Classification in Python: Endmember Extraction'."
    )

    INPUT, ENDMEMBERS, METHOD, OUTPUT, RMSE = "INPUT", "ENDMEMBERS", "METHOD", "OUTPUT", "RMSE"
    MEANS = "MEAN_ABUNDANCE"

    def declare(self):
        self.add(QgsProcessingParameterRasterLayer(self.INPUT, tr("Input raster (reflectance)")),
                 tr("Any GDAL raster file with wavelengths (or with exactly the CSV's number of bands); pixels where "
                    "any band is no-data or NaN are written as no-data."))
        self.add(QgsProcessingParameterFile(self.ENDMEMBERS, tr("Endmember spectra (CSV)"),
                                            extension="csv"),
                 tr("band,wavelength_nm,<name1>,<name2>,...: one row per band, one column per endmember "
                    "(at most as many endmembers as bands). Rows are matched to the raster's bands by wavelength."))
        self.add(enum_param(self.METHOD, tr("Method"), METHODS),
                 tr("FCLS: non-negative and sum to one (default). NNLS: non-negative. UCLS: unconstrained "
                    "least squares."))
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT, tr("Abundances")),
                 tr("float32 GeoTIFF, one band per endmember named after it, no-data -9999."))
        self.add(QgsProcessingParameterRasterDestination(self.RMSE, tr("Reconstruction RMSE"), optional=True,
                                                         createByDefault=False),
                 tr("Optional float32 GeoTIFF: per-pixel root-mean-square difference between the pixel and its "
                    "modelled spectrum, in reflectance units."))
        self.addOutput(QgsProcessingOutputString(self.MEANS, tr("Mean abundance per endmember")))

    def process(self, parameters, context, feedback, progress):
        from ..core.methods.unmix import format_means, run_unmix

        path = self.input_raster_path(parameters, self.INPUT, context)
        csv_path = self.parameterAsFile(parameters, self.ENDMEMBERS, context)
        if not csv_path:
            raise QgsProcessingException(tr("ENDMEMBERS: no endmember CSV given"))
        method = enum_value(self, parameters, self.METHOD, context, list(METHODS))
        output = self.dest(self.OUTPUT)
        rmse = self.dest(self.RMSE)
        result = run_unmix(path, csv_path, output, method, rmse_output=rmse, progress=progress,
                           parameter=self.ENDMEMBERS)
        for line in format_means(result):
            feedback.pushInfo(translate_message(line))
        kkt = result.kkt
        if method == "UCLS":
            feedback.pushInfo(tr("optimality check (normal equations, relative): {0:.1e}").format(kkt["stationarity"]))
        else:
            feedback.pushInfo(tr("optimality check (KKT, relative): stationarity {0:.1e}, multiplier sign {1:.1e}, "
                                 "negativity {2:.1e}, sum-to-one {3:.1e}").format(
                kkt["stationarity"], kkt["dual"], kkt["negativity"], kkt["sum_to_one"]))
        self.style_output(context, output, styling.ramp(0.0, 1.0, band=1))
        self.name_output(self.OUTPUT, tr("{0} abundances ({1} endmembers)").format(method, len(result.means)))
        self.name_output(self.RMSE, tr("{0} unmixing RMSE").format(method))
        out = {self.OUTPUT: output,
               self.MEANS: ";".join(f"{name}={value:.6g}" for name, value in result.means.items())}
        if rmse:
            self.style_output(context, rmse, styling.stretch())
            out[self.RMSE] = rmse
        return out
