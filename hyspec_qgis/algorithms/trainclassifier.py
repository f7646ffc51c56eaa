"""hyspec:trainclassifier - a supervised classifier (deephyp's 1-D CNN or a random forest) from training features."""
from __future__ import annotations

import contextlib
import os
import uuid

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingUtils,
    QgsWkbTypes,
)

from ..core.defaults import CLASSIFIER_DEFAULTS as DEFAULTS
from ..core.defaults import CLASSIFIER_METHODS as METHODS
from ..core.defaults import PREPROCESSING
from ..i18n.translator import tr
from .base import HyspecAlgorithm
from .params import enum_param, enum_value

CLASS = "class"


class TrainClassifierAlgorithm(HyspecAlgorithm):
    ID = "trainclassifier"
    DISPLAY = "Train classifier (CNN or random forest)"
    GROUP = "Machine learning"
    GROUP_ID = "learning"
    REQUIRES = ("sklearn",)
    INTRO = (
        "<p>Trains a supervised classifier of the spectra from training areas you digitised: polygons (or points, "
        "or lines) in TRAINING whose CLASS_FIELD holds the class (names or numbers). Apply the MODEL with "
        "<i>Predict with classifier</i>.</p>"
        "<p>The features are reprojected to the raster's CRS and rasterised onto its grid: a pixel belongs to a "
        "polygon when its centre is inside (a feature too small to contain a pixel centre takes the pixels it "
        "touches; a point takes its pixel). Pixels covered by two features, and no-data pixels, are left out.</p>"
        "<p>Validation is held out <b>by feature, never by pixel</b>: for each class, a seeded VALIDATION_FRACTION "
        "of its features (rounded; at least one feature of every class stays in training) is kept out of the "
        "fit, and the REPORT assesses the model on their pixels only: confusion matrix, overall accuracy, Cohen's "
        "kappa, per-class precision, recall and F1, and for the CNN the training curve. Pixels of one polygon are "
        "near-copies of each other, so a pixel-level split would put neighbours on both sides and overstate the "
        "accuracy. Classes with a single feature cannot be validated; the report says so.</p>"
        "<p>Methods: <b>cnn</b> is deephyp's 1-D convolutional network (three convolutions of 10 filters of sizes "
        "20, 10, 10 along the spectrum, dense layers of 20 and 20, a softmax over the classes; at least 38 bands), "
        "trained with Adam on deephyp's class-balanced cross-entropy (in every batch each class weighs as much as "
        "the largest), EPOCHS, BATCH_SIZE, LEARNING_RATE; needs PyTorch. <b>random_forest</b> is scikit-learn's "
        "random forest of TREES trees with balanced class weights. Both fit on at most MAX_PIXELS_PER_CLASS "
        "training pixels per class (drawn with SEED; deephyp's examples use 50), after the pre-processing "
        "(default: deephyp's per-spectrum minmax).</p>"
        "<p>The MODEL file holds the weights (or the trees' arrays) and a JSON description (bands and "
        "wavelengths, pre-processing, class names and colours, training parameters and validation accuracy); "
        "loading it runs no code. It is applied only to rasters with the same bands.</p>"
    )
    REFERENCE = (
        "Windrim, L., Melkumyan, A., Murphy, R. J., Chlingaryan, A., Ramakrishnan, R. (2017). Hyperspectral CNN "
        "classification with limited training samples. BMVC. Breiman, L. (2001). Random forests. Machine Learning "
        "45, 5-32. Congalton, R. G. (1991). A review of assessing the accuracy of classifications of remotely "
        "sensed data. Remote Sens. Environ. 37, 35-46."
    )

    (INPUT, TRAINING, CLASS_FIELD, METHOD, VALIDATION_FRACTION, EPOCHS, BATCH_SIZE, LEARNING_RATE, TREES,
     MAX_PIXELS_PER_CLASS, PREPROCESSING, SEED) = (
        "INPUT", "TRAINING", "CLASS_FIELD", "METHOD", "VALIDATION_FRACTION", "EPOCHS", "BATCH_SIZE",
        "LEARNING_RATE", "TREES", "MAX_PIXELS_PER_CLASS", "PREPROCESSING", "SEED")
    MODEL, REPORT, OVERALL_ACCURACY, KAPPA = "MODEL", "REPORT", "OVERALL_ACCURACY", "KAPPA"

    def declare(self):
        integer = QgsProcessingParameterNumber.Type.Integer
        self.add(QgsProcessingParameterRasterLayer(self.INPUT, tr("Input raster (cleaned reflectance)")),
                 tr("Any GDAL raster file, usually a cleaned reflectance cube. Pixels that are no-data or NaN in any "
                    "band are never used."))
        self.add(QgsProcessingParameterFeatureSource(
            self.TRAINING, tr("Training features"),
            [QgsProcessing.SourceType.TypeVectorPolygon, QgsProcessing.SourceType.TypeVectorPoint,
             QgsProcessing.SourceType.TypeVectorLine]),
            tr("Polygons (or points, or lines) over areas of known class, in any CRS (reprojected to the "
               "raster's). 'Selected features only' is honoured."))
        self.add(QgsProcessingParameterField(self.CLASS_FIELD, tr("Class field"),
                                             parentLayerParameterName=self.TRAINING),
                 tr("The field holding each feature's class: names (sorted alphabetically) or numbers (sorted "
                    "numerically). The classes become 1..k in the class raster, with these names. Features "
                    "without a value are left out."))
        self.add(enum_param(self.METHOD, tr("Method"), METHODS),
                 tr("cnn (deephyp's 1-D CNN, needs PyTorch) or random_forest (scikit-learn)."))
        self.add(QgsProcessingParameterNumber(self.VALIDATION_FRACTION, tr("Validation fraction (of features)"),
                                              QgsProcessingParameterNumber.Type.Double,
                                              defaultValue=DEFAULTS["validation_fraction"], minValue=0.0,
                                              maxValue=0.9),
                 tr("Share of each class's features held out for the REPORT (rounded; at least one feature per "
                    "class stays in training). 0 = no validation."))
        self.add(QgsProcessingParameterNumber(self.EPOCHS, tr("Epochs (cnn)"), integer,
                                              defaultValue=DEFAULTS["epochs"], minValue=1),
                 tr("Passes over the training pixels."))
        self.add(QgsProcessingParameterNumber(self.BATCH_SIZE, tr("Batch size (cnn)"), integer,
                                              defaultValue=DEFAULTS["batch_size"], minValue=1),
                 tr("Pixels per weight update (deephyp's example: 50)."))
        self.add(QgsProcessingParameterNumber(self.LEARNING_RATE, tr("Learning rate (cnn, Adam)"),
                                              QgsProcessingParameterNumber.Type.Double,
                                              defaultValue=DEFAULTS["learning_rate"], minValue=0.0, maxValue=1.0),
                 tr("Adam's step size (deephyp: 0.001)."))
        self.add(QgsProcessingParameterNumber(self.TREES, tr("Trees (random_forest)"), integer,
                                              defaultValue=DEFAULTS["trees"], minValue=1),
                 tr("Number of trees of the forest."))
        self.add(QgsProcessingParameterNumber(self.MAX_PIXELS_PER_CLASS, tr("Training pixels per class (max)"),
                                              integer, defaultValue=DEFAULTS["max_pixels_per_class"], minValue=0),
                 tr("At most this many training pixels per class are used for the fit (drawn with SEED); 0 = all. "
                    "Validation uses every pixel of the held-out features."), advanced=True)
        self.add(enum_param(self.PREPROCESSING, tr("Pre-processing"), PREPROCESSING),
                 tr("minmax (deephyp's, default): each spectrum minus its minimum (less 0.001), divided by its "
                    "maximum; none: the values as they are. Stored in the model."), advanced=True)
        self.add(QgsProcessingParameterNumber(self.SEED, tr("Random seed"), integer, defaultValue=DEFAULTS["seed"],
                                              minValue=0),
                 tr("Seed of the validation split, the pixel draw, the initial weights and batch order (cnn) or "
                    "the trees (random_forest)."))
        self.add(QgsProcessingParameterFileDestination(self.MODEL, tr("Model"), fileFilter=tr("hyspec model (*.npz)")),
                 tr("The trained classifier: a zip (.npz) of arrays and a JSON description (model.json). Input of "
                    "hyspec:predictclassifier."))
        self.add(QgsProcessingParameterFileDestination(self.REPORT, tr("Report"),
                                                       fileFilter=tr("HTML files (*.html)"), optional=True,
                                                       createByDefault=True),
                 tr("HTML page: training data per class, and on the held-out features the confusion matrix, "
                    "overall accuracy, kappa, per-class precision/recall/F1; the CNN's training curve."))
        self.addOutput(QgsProcessingOutputNumber(self.OVERALL_ACCURACY, tr("Overall accuracy (held-out features)")))
        self.addOutput(QgsProcessingOutputNumber(self.KAPPA, tr("Kappa (held-out features)")))

    def _export_training(self, parameters, context, crs_wkt, field, folder):
        """The training features (reprojected to the raster's CRS, with only the class as text) in a GeoPackage."""
        from osgeo import ogr, osr

        source = self.parameterAsSource(parameters, self.TRAINING, context)
        if source is None:
            raise QgsProcessingException(tr("TRAINING: no vector layer given or it cannot be loaded"))
        if source.fields().lookupField(field) < 0:
            raise QgsProcessingException(tr("CLASS_FIELD: the training layer has no field {0!r}").format(field))
        target = QgsCoordinateReferenceSystem.fromWkt(crs_wkt) if crs_wkt else QgsCoordinateReferenceSystem()
        transform = None
        if target.isValid() and source.sourceCrs().isValid() and source.sourceCrs() != target:
            transform = QgsCoordinateTransform(source.sourceCrs(), target, context.transformContext())
        path = os.path.join(folder, f"hyspec_training_{uuid.uuid4().hex}.gpkg")
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
        srs = None
        if crs_wkt:
            srs = osr.SpatialReference()
            srs.ImportFromWkt(crs_wkt)
        layer = ds.CreateLayer("training", srs=srs, geom_type=ogr.wkbUnknown)
        layer.CreateField(ogr.FieldDefn(CLASS, ogr.OFTString))
        defn = layer.GetLayerDefn()
        for feature in source.getFeatures():
            value = feature[field]
            geom = feature.geometry()
            if value is None or geom is None or geom.isEmpty() or (hasattr(value, "isNull") and value.isNull()):
                continue
            geom = type(geom)(geom)
            if QgsWkbTypes.isCurvedType(geom.wkbType()):
                geom.convertToStraightSegment()
            if transform is not None:
                geom.transform(transform)
            out = ogr.Feature(defn)
            out.SetField(CLASS, _text(value))
            out.SetGeometry(ogr.CreateGeometryFromWkb(bytes(geom.asWkb())))
            layer.CreateFeature(out)
        ds = None  # noqa: F841 - closes the GeoPackage
        return path

    def process(self, parameters, context, feedback, progress):
        from ..core.io.raster_reader import SpectralRaster
        from ..core.learn.supervised import train_classifier

        path = self.input_raster_path(parameters, self.INPUT, context)
        field = self.parameterAsString(parameters, self.CLASS_FIELD, context)
        raster = SpectralRaster(path, self.INPUT)
        folder = QgsProcessingUtils.tempFolder()
        training = self._export_training(parameters, context, raster.crs_wkt, field, folder)
        label = parameters.get(self.TRAINING)
        label = label if isinstance(label, str) else getattr(label, "name", lambda: "")() if label else ""
        try:
            result = train_classifier(
                raster, training, CLASS, self.dest(self.MODEL), self.dest(self.REPORT),
                method=enum_value(self, parameters, self.METHOD, context, METHODS),
                validation_fraction=self.parameterAsDouble(parameters, self.VALIDATION_FRACTION, context),
                epochs=self.parameterAsInt(parameters, self.EPOCHS, context),
                batch_size=self.parameterAsInt(parameters, self.BATCH_SIZE, context),
                learning_rate=self.parameterAsDouble(parameters, self.LEARNING_RATE, context),
                trees=self.parameterAsInt(parameters, self.TREES, context),
                max_pixels_per_class=self.parameterAsInt(parameters, self.MAX_PIXELS_PER_CLASS, context),
                preprocessing_method=enum_value(self, parameters, self.PREPROCESSING, context, PREPROCESSING),
                seed=self.parameterAsInt(parameters, self.SEED, context), training_label=str(label) or None,
                progress=progress)
        finally:
            raster.close()
            with contextlib.suppress(OSError):
                os.remove(training)
        acc = result.accuracy
        return {self.MODEL: self.dest(self.MODEL), self.REPORT: self.dest(self.REPORT),
                self.OVERALL_ACCURACY: acc.overall if acc else None, self.KAPPA: acc.kappa if acc else None}


def _text(value) -> str:
    """A class value as text: 3 and 3.0 are both '3'."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()
