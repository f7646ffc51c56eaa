"""hyspec:sam - Spectral Angle Mapper classification with ENVI-like or pysptools/tutorial-compatible thresholds."""
from ..i18n.translator import tr
from .classify_base import ClassifyAlgorithm


class SamAlgorithm(ClassifyAlgorithm):
    ID = "sam"
    METHOD = "sam"
    DISPLAY = "Spectral Angle Mapper (SAM)"
    INTRO = (
        "<p>Classifies every pixel by the spectral angle between its spectrum and each endmember: "
        "angle = arccos(x.e / (|x| |e|)), in radians, insensitive to brightness (illumination). A pixel goes to the "
        "endmember with the smallest angle; thresholds leave pixels unclassified (0) as in ENVI. The optional rule "
        "raster holds every pixel's angle to every endmember.</p>"
        "<h3>Threshold modes</h3>"
        "<p><b>absolute</b> (default, as ENVI): the angle between the spectra as they are, and a maximum angle in "
        "radians, e.g. 0.1 (5.7 degrees); one value for all classes or one per class.</p>"
        "<p><b>relative</b> (pysptools, NEON's tutorials): the cube and the library are first rescaled to 0-1, "
        "each by its own global minimum and maximum, as pysptools' SAM does, and the cosine is rounded to 7 "
        "decimals as pysptools does. A threshold is then a fraction of the range of the angles: one value t gives "
        "the limit min + (max - min) * t over all classes' angles together (pysptools' default 0.1); a list gives "
        "each class its own limit from its own angles' range. A pixel is classified when its angle is below the "
        "limit. This reproduces pysptools' SAM map pixel for pixel. The rescaling shifts dark spectra (water) "
        "more than bright ones, so the angles differ from the absolute mode's.</p>"
        "<p>NEON's tutorial leaves SAM as an exercise after SID: SELECT 1,3,4 with THRESHOLD 0.1 and "
        "THRESHOLD_MODE relative is the same call as pysptools' SAM().classify(data, U[[0,2,3]], 0.1).</p>"
    )
    REFERENCE = (
        "Kruse, F. A. et al. (1993). The Spectral Image Processing System (SIPS): interactive visualization and "
        "analysis of imaging spectrometer data. Remote Sensing of Environment 44, 145-163. pysptools 0.15 "
        "classification.SAM. NEON Data Skills tutorial 'Unsupervised Spectral Classification in Python: "
        "Endmember Extraction'."
    )

    def output_labels(self):
        return tr("SAM classes"), tr("SAM rule (angles, radians)")

    def threshold_help(self):
        return tr("Empty: no threshold, every valid pixel is classified. One value for all classes, or one value "
                  "per selected class separated by commas, in the order of the classes. absolute mode: the "
                  "maximum angle in radians (e.g. 0.1). relative mode: a fraction (0-1) of the angles' range, "
                  "e.g. 0.1 or 0.1,0.2,0.05. A list of the wrong length is an error.")
