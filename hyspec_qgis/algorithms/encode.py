"""hyspec:encode - the latent features of every pixel under an autoencoder model, block by block."""
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
from .trainautoencoder import latent_style


class EncodeAlgorithm(HyspecAlgorithm):
    ID = "encode"
    DISPLAY = "Encode with autoencoder"
    GROUP = "Machine learning"
    GROUP_ID = "learning"
    REQUIRES = ("torch",)
    INTRO = (
        "<p>Maps every pixel to the learned features of an autoencoder MODEL from <i>Train autoencoder</i>: one "
        "float32 band per latent feature ('latent 1', ...), -9999 where the input is no-data. The latent raster "
        "chains into <i>K-means clustering</i>, or into any tool that takes a multi-band raster.</p>"
        "<p>The raster is read block by block in bounded memory; each block's valid spectra get the model's "
        "pre-processing, then go through the encoder. The input must have the bands the model was trained on "
        "(same count and, when the model knows them, the same wavelengths within half a band): otherwise the run "
        "stops with a message naming the first band that differs.</p>"
        "<p>ERROR (optional) is each pixel's reconstruction error in the units of the model's training loss "
        "(SSE: sum of squared errors of the pre-processed spectrum; CSA: 1 - cosine; SA: radians; SID: "
        "divergence). High values mark spectra unlike the training sample.</p>"
    )
    REFERENCE = (
        "Windrim, L. et al. (2019). Unsupervised feature-learning for hyperspectral data with autoencoders. Remote "
        "Sensing 11(7), 864."
    )

    INPUT, MODEL, OUTPUT, ERROR = "INPUT", "MODEL", "OUTPUT", "ERROR"

    def declare(self):
        self.add(QgsProcessingParameterRasterLayer(self.INPUT, tr("Input raster")),
                 tr("A raster with the bands the model was trained on (e.g. cleaned the same way)."))
        self.add(QgsProcessingParameterFile(self.MODEL, tr("Autoencoder model"), fileFilter=tr("hyspec model (*.npz)")),
                 tr("The MODEL file written by hyspec:trainautoencoder."))
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT, tr("Latent features")),
                 tr("float32 GeoTIFF, one band per latent feature, -9999 = no-data."))
        self.add(QgsProcessingParameterRasterDestination(self.ERROR, tr("Reconstruction error"), optional=True,
                                                         createByDefault=False),
                 tr("Optional float32 raster: each pixel's reconstruction error in the training loss's units "
                    "(about doubles the work: the decoder runs too)."))

    def process(self, parameters, context, feedback, progress):
        from ..core.learn.autoencoder import encode_raster

        path = self.input_raster_path(parameters, self.INPUT, context)
        model_path = self.parameterAsFile(parameters, self.MODEL, context)
        output, error = self.dest(self.OUTPUT), self.dest(self.ERROR)
        model = encode_raster(path, model_path, output, error, progress=progress)
        latent = model.meta["network"]["latent"]
        self.style_output(context, output, latent_style(latent))
        self.name_output(self.OUTPUT, tr("latent features ({0}, model {1})").format(latent, stem(model_path)))
        self.name_output(self.ERROR, tr("reconstruction error (model {0})").format(stem(model_path)))
        if error:
            self.style_output(context, error, styling.stretch())
        return {self.OUTPUT: output, self.ERROR: error}
