"""The Processing provider "hyspec": one addAlgorithm per algorithm file, plus the bundled models."""
import os

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from .i18n.translator import tr

ICON = os.path.join(os.path.dirname(__file__), "icons", "hyspec.svg")
MODELS = os.path.join(os.path.dirname(__file__), "models")


_NOT_TEXT = {"ALG_CREATOR", "ALG_HELP_CREATOR", "ALG_VERSION"}  # help entries that are names, not words


def _model_help(model) -> dict:
    """The model's help (description and per-parameter help) in the user's language; scripts/i18n.py collects the
    English texts from the .model3 files."""
    return {k: v if k in _NOT_TEXT or not isinstance(v, str) or not v else tr(v)
            for k, v in model.helpContent().items()}


def translate_model(model) -> None:
    """Translate the texts QGIS reads from the model itself: parameter labels and help, and step descriptions.

    QGIS shows a parameter's label from its definition (no method to override), so the definitions are changed in
    place, once per model object: when the provider loads it, and on each copy (``createInstance``), whose
    destination parameters QGIS has just rebuilt in English. The model outputs keep their English descriptions:
    newer QGIS versions derive output names from them, and names are part of the public contract."""
    for p in model.parameterDefinitions():
        if p.description():
            p.setDescription(tr(p.description()))
        if p.help():
            p.setHelp(tr(p.help()))
    for child_id in list(model.childAlgorithms()):
        child = model.childAlgorithm(child_id)
        if child.description():
            child.setDescription(tr(child.description()))


def _model_class():
    from qgis.core import QgsProcessingModelAlgorithm, QgsProcessingUtils

    class TutorialModel(QgsProcessingModelAlgorithm):
        """A shipped model that shows a title (translated) where QGIS would show its id, and its texts in the
        user's language."""

        def displayName(self):  # noqa: N802
            titles = {"neon_kmeans_pca_tutorial": tr("NEON tutorial: k-means and PCA"),
                      "neon_unmixing_sid_tutorial": tr("NEON tutorial: endmembers, unmixing and SID"),
                      "neon_download_kmeans_tutorial": tr("NEON tutorial: download a tile, then k-means and PCA"),
                      "learned_features_kmeans": tr("Learned features (autoencoder), then k-means")}
            return titles.get(self.name()) or super().displayName()

        def group(self):
            return tr("Tutorial models")

        def shortHelpString(self):  # noqa: N802
            return QgsProcessingUtils.formatHelpMapAsHtml(_model_help(self), self) if self.helpContent() else ""

        def createInstance(self):  # noqa: N802
            # QGIS copies an algorithm for every dialog and run; a plain copy would show the id as its title
            copy = type(self)()
            copy.loadVariant(self.toVariant())
            copy.setSourceFilePath(self.sourceFilePath())
            translate_model(copy)
            return copy

    return TutorialModel


class HyspecProvider(QgsProcessingProvider):
    def id(self):
        return "hyspec"

    def name(self):
        return tr("Hyperspectral (NEON AOP)")

    def longName(self):  # noqa: N802
        return tr("hyspec: NEON AOP imaging spectroscopy")

    def icon(self):
        return QIcon(ICON) if os.path.exists(ICON) else super().icon()

    def loadAlgorithms(self):  # noqa: N802
        from .algorithms.importneon import ImportNeonAlgorithm

        self.addAlgorithm(ImportNeonAlgorithm())
        from .algorithms.cleanbands import CleanBandsAlgorithm

        self.addAlgorithm(CleanBandsAlgorithm())
        from .algorithms.sam import SamAlgorithm
        from .algorithms.sid import SidAlgorithm

        self.addAlgorithm(SamAlgorithm())
        self.addAlgorithm(SidAlgorithm())
        from .algorithms.kmeans import KMeansAlgorithm
        from .algorithms.pca import PcaAlgorithm

        self.addAlgorithm(KMeansAlgorithm())
        self.addAlgorithm(PcaAlgorithm())
        from .algorithms.nfindr import NFindrAlgorithm
        from .algorithms.unmix import UnmixAlgorithm

        self.addAlgorithm(NFindrAlgorithm())
        self.addAlgorithm(UnmixAlgorithm())
        from .algorithms.importmat import ImportMatAlgorithm

        self.addAlgorithm(ImportMatAlgorithm())
        from .algorithms.endmembercount import EndmemberCountAlgorithm

        self.addAlgorithm(EndmemberCountAlgorithm())
        from .algorithms.downloadneon import DownloadNeonAlgorithm

        self.addAlgorithm(DownloadNeonAlgorithm())
        from .algorithms.site import SiteAlgorithm

        self.addAlgorithm(SiteAlgorithm())
        from .algorithms.encode import EncodeAlgorithm
        from .algorithms.predictclassifier import PredictClassifierAlgorithm
        from .algorithms.trainautoencoder import TrainAutoencoderAlgorithm
        from .algorithms.trainclassifier import TrainClassifierAlgorithm

        self.addAlgorithm(TrainAutoencoderAlgorithm())
        self.addAlgorithm(EncodeAlgorithm())
        self.addAlgorithm(TrainClassifierAlgorithm())
        self.addAlgorithm(PredictClassifierAlgorithm())
        # hyspec: algorithms above this line (one import + addAlgorithm per algorithm file)
        self._load_models()

    def _load_models(self):
        """The tutorial chains shipped as .model3 files (built by scripts/build_models.py)."""
        from qgis.core import QgsApplication

        TutorialModel = _model_class()  # noqa: N806
        self._models = []
        for name in sorted(os.listdir(MODELS)) if os.path.isdir(MODELS) else []:
            if name.endswith(".model3"):
                model = TutorialModel()
                if model.fromFile(os.path.join(MODELS, name)):
                    translate_model(model)
                    self.addAlgorithm(model)
                    self._models.append(model.name())
        # The registry loads a provider before it lists it, so the models' hyspec steps could not be resolved just
        # now, and the models would show no outputs (Toolbox dialog, qgis_process help). Attach them once listed.
        registry = QgsApplication.processingRegistry()
        if registry.providerById(self.id()) is self:
            self._attach_models()
        elif not getattr(self, "_waiting_for_registry", False):
            self._waiting_for_registry = True
            registry.providerAdded.connect(self._on_provider_added)

    def _on_provider_added(self, provider_id):
        if provider_id == self.id():
            self._attach_models()

    def _attach_models(self):
        for name in getattr(self, "_models", []):
            model = self.algorithm(name)
            if model is None:
                continue
            for child_id in list(model.childAlgorithms()):
                model.childAlgorithm(child_id).reattach()
            model.updateDestinationParameters()
            translate_model(model)  # the destination parameters were rebuilt from the English output names
