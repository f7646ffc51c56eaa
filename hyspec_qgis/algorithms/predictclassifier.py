"""hyspec:predictclassifier - the class (and each class's probability) of every pixel under a trained classifier."""
from __future__ import annotations

from qgis.core import (
    QgsProcessingParameterFile,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
)

from ..i18n.translator import tr
from . import styling
from .base import HyspecAlgorithm
from .naming import stem


class PredictClassifierAlgorithm(HyspecAlgorithm):
    ID = "predictclassifier"
    DISPLAY = "Predict with classifier"
    GROUP = "Machine learning"
    GROUP_ID = "learning"
    INTRO = (
        "<p>Classifies every pixel with a MODEL from <i>Train classifier</i>: the class of highest probability, "
        "with the training class names and stable colours (1..k; 0 = no-data), and optionally the probability of "
        "every class (PROBABILITY: one float32 band per class, summing to 1 in every pixel; -9999 = no-data).</p>"
        "<p>The raster is read block by block in bounded memory; each block's valid spectra get the model's "
        "pre-processing. The input must have the bands the model was trained on (same count and, when the model "
        "knows them, the same wavelengths within half a band): otherwise the run stops with a message naming the "
        "first band that differs. A cnn model needs PyTorch; a random_forest model needs scikit-learn.</p>"
    )
    REFERENCE = (
        "Windrim, L. et al. (2017). Hyperspectral CNN classification with limited training samples. BMVC. "
        "Breiman, L. (2001). Random forests. Machine Learning 45, 5-32."
    )

    INPUT, MODEL, OUTPUT, PROBABILITY = "INPUT", "MODEL", "OUTPUT", "PROBABILITY"

    def declare(self):
        self.add(QgsProcessingParameterRasterLayer(self.INPUT, tr("Input raster")),
                 tr("A raster with the bands the model was trained on (e.g. cleaned the same way)."))
        self.add(QgsProcessingParameterFile(self.MODEL, tr("Classifier model"),
                                            fileFilter=tr("hyspec model (*.npz)")),
                 tr("The MODEL file written by hyspec:trainclassifier."))
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT, tr("Classes")),
                 tr("Byte GeoTIFF (UInt16 beyond 255 classes): class 1..k with the training names and colours, "
                    "0 = no-data."))
        self.add(QgsProcessingParameterRasterDestination(self.PROBABILITY, tr("Class probabilities"),
                                                         optional=True, createByDefault=False),
                 tr("Optional float32 raster, one band per class ('p(<class>)'), summing to 1 in every pixel."))

    def process(self, parameters, context, feedback, progress):
        from ..core.learn.supervised import predict_classifier

        path = self.input_raster_path(parameters, self.INPUT, context)
        model_path = self.parameterAsFile(parameters, self.MODEL, context)
        output, probability = self.dest(self.OUTPUT), self.dest(self.PROBABILITY)
        model = predict_classifier(path, model_path, output, probability, progress=progress)
        classes = model.meta["classes"]
        self.style_output(context, output, styling.classes([c["name"] for c in classes],
                                                           [tuple(c["color"]) for c in classes]))
        if probability:
            self.style_output(context, probability, styling.ramp(0.0, 1.0))
        self.name_output(self.OUTPUT, tr("classes ({0}, model {1})").format(len(classes), stem(model_path)))
        self.name_output(self.PROBABILITY, tr("class probabilities (model {0})").format(stem(model_path)))
        return {self.OUTPUT: output, self.PROBABILITY: probability}
