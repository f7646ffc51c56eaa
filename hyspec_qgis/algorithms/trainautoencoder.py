"""hyspec:trainautoencoder - learn spectral features with deephyp's autoencoders (PyTorch), from a pixel sample."""
from __future__ import annotations

import os

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
)

from ..core.defaults import AUTOENCODER_DEFAULTS as DEFAULTS
from ..core.defaults import PREPROCESSING
from ..core.learn.losses import LOSSES
from ..i18n.translator import tr
from . import styling
from .base import HyspecAlgorithm
from .naming import stem
from .params import enum_param, enum_value

ARCHITECTURES = ("mlp", "cnn")


def latent_style(k):
    """The first three latent features as a false-colour composite (a single band: grey)."""
    return {"kind": "rgb", "bands": [1, 2, 3]} if k >= 3 else styling.stretch()


class TrainAutoencoderAlgorithm(HyspecAlgorithm):
    ID = "trainautoencoder"
    DISPLAY = "Train autoencoder (learned spectral features)"
    GROUP = "Machine learning"
    GROUP_ID = "learning"
    REQUIRES = ("torch",)
    INTRO = (
        "<p>Learns a compact representation of the spectra (LATENT_SIZE features per pixel) with an autoencoder: a "
        "neural network trained to reconstruct each spectrum through a narrow middle layer, as in the deephyp "
        "toolbox (Windrim et al. 2019). Apply the MODEL to this or another raster with <i>Encode with "
        "autoencoder</i>; the latent raster chains into <i>K-means clustering</i> (the paper's clustering use).</p>"
        "<p>Training reads only a sample: SAMPLE_SIZE valid pixels drawn at random with SEED. The spectra are "
        "pre-processed (default: deephyp's per-spectrum minmax, which divides out most of a pixel's brightness), "
        "then the network is trained with Adam on shuffled batches of BATCH_SIZE spectra for EPOCHS passes over "
        "the sample. The log shows the training and validation loss of every epoch, and the run can be cancelled "
        "between batches.</p>"
        "<p>Validation pixels are held out spatially: the raster is cut into square cells (32 x 32 px on a full "
        "tile, smaller on small rasters) and a seeded VALIDATION_FRACTION of the cells is kept out of training; "
        "their loss is the validation_loss column of LOSS_LOG. A cell hold-out is used because neighbouring pixels "
        "are near-copies of each other: a random pixel hold-out would hardly differ from the training loss.</p>"
        "<p>Architectures (deephyp's): <b>mlp</b> dense layers HIDDEN_LAYERS (default 50,30), then the latent layer, "
        "mirrored in the decoder, relu activations and a linear output (sigmoid with the SID loss); <b>cnn</b> "
        "three 1-D convolutions (10 filters each, sizes 20, 10, 10) and a dense layer to the latent features, "
        "mirrored with transposed convolutions (needs at least 38 bands; about 40 times the arithmetic of the mlp). "
        "Unlike deephyp, the latent layer itself is linear (with relu, half of the latent features were measured "
        "to stay at 0).</p>"
        "<p>Losses (as deephyp defines them, averaged over the batch): <b>SSE</b> sum of squared errors; <b>CSA</b> "
        "1 - cosine of the spectral angle (default, deephyp's default); <b>SA</b> the spectral angle itself "
        "(its gradient grows without bound for small angles, so it learns slowly on many bands); <b>SID</b> "
        "spectral information divergence (symmetric Kullback-Leibler divergence of the sum-normalised spectra; "
        "it needs positive outputs, hence the sigmoid output layer).</p>"
        "<p>The MODEL file holds the weights as plain arrays and a JSON description (architecture, bands and "
        "wavelengths, pre-processing, training parameters); loading it runs no code. It is applied only to rasters "
        "with the same bands. The same SEED on the same machine gives the same model.</p>"
    )
    REFERENCE = (
        "Windrim, L., Ramakrishnan, R., Melkumyan, A., Murphy, R. J., Chlingaryan, A. (2019). Unsupervised "
        "feature-learning for hyperspectral data with autoencoders. Remote Sensing 11(7), 864. "
        "Windrim, L., Melkumyan, A., Murphy, R., Chlingaryan, A., Nieto, J. (2016). Unsupervised feature learning "
        "for illumination robustness. IEEE ICIP (cosine spectral angle loss). deephyp: "
        "https://github.com/lloydwindrim/hyperspectral-autoencoders"
    )

    (INPUT, ARCHITECTURE, HIDDEN_LAYERS, LATENT_SIZE, LOSS, EPOCHS, BATCH_SIZE, LEARNING_RATE, SAMPLE_SIZE,
     VALIDATION_FRACTION, SEED, PREPROCESSING) = (
        "INPUT", "ARCHITECTURE", "HIDDEN_LAYERS", "LATENT_SIZE", "LOSS", "EPOCHS", "BATCH_SIZE", "LEARNING_RATE",
        "SAMPLE_SIZE", "VALIDATION_FRACTION", "SEED", "PREPROCESSING")
    MODEL, LOSS_LOG, OUTPUT = "MODEL", "LOSS_LOG", "OUTPUT"
    TRAIN_LOSS, VALIDATION_LOSS = "TRAIN_LOSS", "VALIDATION_LOSS"

    def declare(self):
        integer = QgsProcessingParameterNumber.Type.Integer
        self.add(QgsProcessingParameterRasterLayer(self.INPUT, tr("Input raster (cleaned reflectance)")),
                 tr("Any GDAL raster file, usually a cleaned reflectance cube (hyspec:cleanbands). A pixel that is "
                    "no-data or NaN in any band is never sampled."))
        self.add(enum_param(self.ARCHITECTURE, tr("Architecture"), ARCHITECTURES),
                 tr("mlp (dense layers, fast) or cnn (1-D convolutions along the spectrum, about 40 times slower to "
                    "train and apply)."))
        self.add(QgsProcessingParameterString(self.HIDDEN_LAYERS, tr("Hidden layers (mlp)"), defaultValue="50,30"),
                 tr("Units of the encoder's hidden layers, comma-separated, from the input side (deephyp: 50,30); "
                    "the decoder mirrors them. Empty: the latent layer follows the input directly. Ignored by cnn."))
        self.add(QgsProcessingParameterNumber(self.LATENT_SIZE, tr("Latent features"), integer,
                                              defaultValue=DEFAULTS["latent"], minValue=1),
                 tr("Number of learned features per pixel: the bands of the latent raster (deephyp: 10)."))
        loss = enum_param(self.LOSS, tr("Loss"), LOSSES)
        loss.setDefaultValue(DEFAULTS["loss"])
        self.add(loss, tr("Reconstruction loss: SSE, SA, SID or CSA (default; see above)."))
        self.add(QgsProcessingParameterNumber(self.EPOCHS, tr("Epochs"), integer, defaultValue=DEFAULTS["epochs"],
                                              minValue=1),
                 tr("Passes over the training sample (deephyp: 100)."))
        self.add(QgsProcessingParameterNumber(self.BATCH_SIZE, tr("Batch size"), integer,
                                              defaultValue=DEFAULTS["batch_size"], minValue=1),
                 tr("Spectra per weight update (deephyp: 1000)."))
        self.add(QgsProcessingParameterNumber(self.LEARNING_RATE, tr("Learning rate (Adam)"),
                                              QgsProcessingParameterNumber.Type.Double,
                                              defaultValue=DEFAULTS["learning_rate"], minValue=0.0, maxValue=1.0),
                 tr("Adam's step size (deephyp: 0.001). Lower it if the log reports that training diverged."))
        self.add(QgsProcessingParameterNumber(self.SAMPLE_SIZE, tr("Sample size (valid pixels, 0 = all)"), integer,
                                              defaultValue=DEFAULTS["sample_size"], minValue=0),
                 tr("How many valid pixels to train on (training and validation together), drawn at random with "
                    "SEED in one pass over the raster. Memory: 4 bytes per band per pixel (200000 x 360 bands: "
                    "290 MB)."))
        self.add(QgsProcessingParameterNumber(self.VALIDATION_FRACTION, tr("Validation fraction"),
                                              QgsProcessingParameterNumber.Type.Double,
                                              defaultValue=DEFAULTS["validation_fraction"], minValue=0.0,
                                              maxValue=0.9),
                 tr("Share of the raster's cells (square blocks of pixels) whose sampled pixels are held out to "
                    "compute the validation loss; 0 = no validation."))
        self.add(QgsProcessingParameterNumber(self.SEED, tr("Random seed"), integer, defaultValue=DEFAULTS["seed"],
                                              minValue=0),
                 tr("Seed of the sample, the hold-out cells, the initial weights and the batch order."))
        self.add(enum_param(self.PREPROCESSING, tr("Pre-processing"), PREPROCESSING),
                 tr("minmax (deephyp's, default): each spectrum minus its minimum (less 0.001), divided by its "
                    "maximum; none: the values as they are. Stored in the model and applied again by encode."),
                 advanced=True)
        self.add(QgsProcessingParameterFileDestination(self.MODEL, tr("Model"), fileFilter=tr("hyspec model (*.npz)")),
                 tr("The trained autoencoder: a zip (.npz) of weight arrays and a JSON description (model.json). "
                    "Input of hyspec:encode."))
        self.add(QgsProcessingParameterFileDestination(self.LOSS_LOG, tr("Loss log (CSV)"),
                                                       fileFilter=tr("CSV files (*.csv)"), optional=True,
                                                       createByDefault=True),
                 tr("One row per epoch: epoch,train_loss,validation_loss (mean loss per spectrum; validation "
                    "empty when VALIDATION_FRACTION is 0)."))
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT, tr("Latent features"), optional=True,
                                                         createByDefault=False),
                 tr("Optional: the latent raster of INPUT, the same as hyspec:encode with MODEL (float32, one band "
                    "per latent feature, -9999 = no-data)."))
        self.addOutput(QgsProcessingOutputNumber(self.TRAIN_LOSS, tr("Final training loss")))
        self.addOutput(QgsProcessingOutputNumber(self.VALIDATION_LOSS, tr("Final validation loss")))

    def process(self, parameters, context, feedback, progress):
        from ..core.learn.autoencoder import train_autoencoder

        path = self.input_raster_path(parameters, self.INPUT, context)
        model, log, output = self.dest(self.MODEL), self.dest(self.LOSS_LOG), self.dest(self.OUTPUT)
        latent = self.parameterAsInt(parameters, self.LATENT_SIZE, context)
        result = train_autoencoder(
            path, model, log, output,
            architecture=enum_value(self, parameters, self.ARCHITECTURE, context, ARCHITECTURES),
            hidden=self.parameterAsString(parameters, self.HIDDEN_LAYERS, context),
            latent=latent, loss=enum_value(self, parameters, self.LOSS, context, LOSSES),
            epochs=self.parameterAsInt(parameters, self.EPOCHS, context),
            batch_size=self.parameterAsInt(parameters, self.BATCH_SIZE, context),
            learning_rate=self.parameterAsDouble(parameters, self.LEARNING_RATE, context),
            sample_size=self.parameterAsInt(parameters, self.SAMPLE_SIZE, context),
            validation_fraction=self.parameterAsDouble(parameters, self.VALIDATION_FRACTION, context),
            seed=self.parameterAsInt(parameters, self.SEED, context),
            preprocessing_method=enum_value(self, parameters, self.PREPROCESSING, context, PREPROCESSING),
            model_name=os.path.basename(self._outputs.final_for(model) or model), progress=progress)
        if output:
            self.style_output(context, output, latent_style(latent))
            self.name_output(self.OUTPUT, tr("latent features ({0}, model {1})").format(
                latent, stem(self._outputs.final_for(model) or model)))
        last = result.history[-1]
        return {self.MODEL: model, self.LOSS_LOG: log, self.OUTPUT: output, self.TRAIN_LOSS: last.train_loss,
                self.VALIDATION_LOSS: last.validation_loss}
