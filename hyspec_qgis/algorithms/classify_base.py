"""What hyspec:sam and hyspec:sid share: parameters, help on the threshold modes, the run (parameters -> core ->
outputs). The numerics are in hyspec_qgis/core/methods/classify.py; the two algorithm files only name the method."""
from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFile,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
)

from ..core.defaults import THRESHOLD_MODES
from ..i18n.translator import tr, translate_message
from . import styling
from .base import HyspecAlgorithm
from .params import enum_param, enum_value, float_list


class ClassifyAlgorithm(HyspecAlgorithm):
    """Base of the spectral-library classifiers. Subclasses set METHOD ("sam" or "sid") and the texts."""

    METHOD = ""
    GROUP = "Classification"
    GROUP_ID = "classification"

    INPUT, ENDMEMBERS, SELECT, THRESHOLD, THRESHOLD_MODE, OUTPUT, RULE = (
        "INPUT", "ENDMEMBERS", "SELECT", "THRESHOLD", "THRESHOLD_MODE", "OUTPUT", "RULE")
    UNCLASSIFIED = "UNCLASSIFIED"

    def threshold_help(self) -> str:
        raise NotImplementedError

    def output_labels(self) -> tuple[str, str]:
        """(class raster, rule raster) labels: they name the loaded layers, so SAM and SID outputs differ."""
        raise NotImplementedError

    def declare(self):
        self.add(QgsProcessingParameterRasterLayer(self.INPUT, tr("Input raster")),
                 tr("Reflectance raster with wavelengths (our GeoTIFFs, ENVI .dat/.hdr, GeoTIFFs from other tools), "
                    "usually cleaned of the water-vapour bands first. Pixels with a no-data or NaN value in any "
                    "band are 0 in the class raster and no-data in the rule raster."))
        self.add(QgsProcessingParameterFile(self.ENDMEMBERS, tr("Endmember spectra (CSV)"),
                                            fileFilter=tr("Spectra CSV (*.csv *.txt);;All files (*.*)")),
                 tr("One row per band: band,wavelength_nm,name1,name2,... (the output of N-FINDR, or a "
                    "library from another tool). Rows are matched to the raster's bands by wavelength (within "
                    "half a band; the CSV may have more bands than the raster); without wavelengths the band "
                    "counts must agree."))
        self.add(QgsProcessingParameterString(self.SELECT, tr("Endmembers to use"), optional=True),
                 tr("Optional, comma-separated endmember names or 1-based numbers, in the order you want the "
                    "classes, e.g. '1,3,4' for the tutorial's U[[0,2,3]] or 'vegetation,roof'. Empty: all "
                    "endmembers of the CSV. Classes are numbered 1..k in this order and named after the "
                    "endmembers."))
        self.add(QgsProcessingParameterString(self.THRESHOLD, tr("Threshold(s)"), optional=True),
                 self.threshold_help())
        self.add(enum_param(self.THRESHOLD_MODE, tr("Threshold mode"), THRESHOLD_MODES), tr(
            "absolute: the spectra are scored as they are and a threshold is in score units (SAM: radians, as "
            "ENVI's maximum angle; SID: divergence); a pixel is eligible for a class when its score is at most "
            "the threshold. relative: pysptools' meaning, as in NEON's tutorials: the cube and the endmember "
            "library are each rescaled to 0-1 by their own minimum and maximum (over the valid pixels), and a "
            "threshold t is a fraction of the range of the scores, limit = min + (max - min) * t, where one value "
            "uses the range of all classes' scores together and a list uses each class's own range; eligible "
            "when the score is below the limit. Relative mode needs the cube's range before any score and the "
            "scores' range before any label: SID reads the raster twice; SAM reads it once and keeps a few numbers "
            "per pixel in a temporary file beside the output. In both modes a pixel goes to the lowest-scoring class it is "
            "eligible for (ties: the first), or to 0 (unclassified)."))
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT, self.output_labels()[0]),
                 tr("Byte GeoTIFF (UInt16 past 255 classes): 0 = unclassified or no-data, 1..k = the selected "
                    "endmembers, with a colour table and category names; each endmember keeps its colour whatever "
                    "is selected. The metadata records the score limits actually applied and each class's score "
                    "range."))
        self.add(QgsProcessingParameterRasterDestination(self.RULE, self.output_labels()[1], optional=True,
                                                         createByDefault=False),
                 tr("Optional float32 GeoTIFF like ENVI's rule images: one band per class, named after the "
                    "endmember, with each pixel's score (the value compared with the thresholds: in relative mode "
                    "the score of the rescaled spectra); -9999 at no-data."))
        self.addOutput(QgsProcessingOutputNumber(self.UNCLASSIFIED, tr("Unclassified valid pixels")))

    def process(self, parameters, context, feedback, progress):
        from ..core.methods.classify import classify_raster

        path = self.input_raster_path(parameters, self.INPUT, context)
        csv_path = self.parameterAsFile(parameters, self.ENDMEMBERS, context)
        if not csv_path:
            raise QgsProcessingException(tr("ENDMEMBERS: no spectra CSV given"))
        select = [s.strip() for s in (self.parameterAsString(parameters, self.SELECT, context) or "").split(",")
                  if s.strip()]
        thresholds = float_list(self.parameterAsString(parameters, self.THRESHOLD, context), self.THRESHOLD)
        mode = enum_value(self, parameters, self.THRESHOLD_MODE, context, list(THRESHOLD_MODES))
        output = self.dest(self.OUTPUT)
        rule = self.dest(self.RULE)
        result = classify_raster(path, csv_path, output, method=self.METHOD, select=select or None,
                                 thresholds=thresholds or None, mode=mode, rule=rule or None, progress=progress)
        for line in result.summary():
            feedback.pushInfo(translate_message(line))
        self.style_output(context, output, styling.classes(result.names, result.colors))
        if rule:
            self.style_output(context, rule, styling.stretch())
        return {self.OUTPUT: output, self.RULE: rule or None, self.UNCLASSIFIED: result.n_unclassified}
