"""hyspec:sid - Spectral Information Divergence classification with absolute or pysptools/tutorial thresholds."""
from ..i18n.translator import tr
from .classify_base import ClassifyAlgorithm


class SidAlgorithm(ClassifyAlgorithm):
    ID = "sid"
    METHOD = "sid"
    DISPLAY = "Spectral Information Divergence (SID)"
    INTRO = (
        "<p>Classifies every pixel by the spectral information divergence between its spectrum and each endmember: "
        "both spectra are read as probability distributions over the bands (p = x / sum(x)) and "
        "SID = sum((p - q) * log(p / q)), the symmetric Kullback-Leibler divergence. A pixel goes to the endmember "
        "with the smallest divergence; thresholds leave pixels unclassified (0). The optional rule raster holds "
        "every pixel's divergence to every endmember.</p>"
        "<h3>Threshold modes</h3>"
        "<p><b>absolute</b> (default): the divergence of the spectra as they are, and a maximum divergence, e.g. "
        "0.05; one value for all classes or one per class. Zeros and negative reflectance (noise in dark bands) "
        "have no logarithm, so before normalising, every value of a spectrum (pixel or endmember) below 0.1 % of "
        "that spectrum's root-mean-square value is raised to that floor; this keeps SID independent of brightness "
        "(SID of 2x equals SID of x), and an all-zero spectrum becomes flat. No pixel gives NaN.</p>"
        "<p><b>relative</b> (pysptools, NEON's tutorials): the cube and the library are first rescaled to 0-1, "
        "each by its own global minimum and maximum, as pysptools' SID does, then p = x / sum(x) + 2.2e-16 "
        "(pysptools' floor, np.spacing(1)). A threshold is a fraction of the range of the divergences: one value "
        "t gives the limit min + (max - min) * t over all classes together; a list gives each class its own limit "
        "from its own divergences' range (and, as in pysptools, divergences of 10 or more are then never "
        "classified). A pixel is classified when its divergence is below the limit.</p>"
        "<p><b>Tutorial example</b>: NEON's endmember tutorial runs SID(data, U[[0,2,3]], [0.8, 0.3, 0.03]) on "
        "four N-FINDR endmembers. Here: ENDMEMBERS = the N-FINDR CSV, SELECT = 1,3,4, THRESHOLD = 0.8,0.3,0.03, "
        "THRESHOLD_MODE = relative; the class map equals pysptools' pixel for pixel (up to float32 rounding of "
        "divergences within about 1e-6 of a limit).</p>"
    )
    REFERENCE = (
        "Chang, C.-I. (2000). An information-theoretic approach to spectral variability, similarity, and "
        "discrimination for hyperspectral image analysis. IEEE Transactions on Information Theory 46(5), "
        "1927-1932. pysptools 0.15 classification.SID. NEON Data Skills tutorial 'Unsupervised Spectral "
        "Classification in Python: Endmember Extraction'."
    )

    def output_labels(self):
        return tr("SID classes"), tr("SID rule (divergences)")

    def threshold_help(self):
        return tr("Empty: no threshold, every valid pixel is classified. One value for all classes, or one value "
                  "per selected class separated by commas, in the order of the classes. absolute mode: the "
                  "maximum divergence (e.g. 0.05). relative mode: a fraction (0-1) of the divergences' range, "
                  "e.g. the tutorial's 0.8,0.3,0.03. A list of the wrong length is an error.")
