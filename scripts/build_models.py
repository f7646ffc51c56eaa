"""Build the two tutorial models (hyspec_qgis/models/*.model3) with the QGIS model API.

Run after changing an algorithm's parameters: `.venv/bin/python scripts/build_models.py`. The provider loads the
.model3 files, so they appear in the Toolbox under the hyspec provider and run with qgis_process.
"""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Qt writes XML attributes in hash order: a fixed seed, so a rebuild changes only what changed.
os.environ.setdefault("QT_HASH_SEED", "0")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QPointF  # noqa: E402

MODELS = os.path.join(ROOT, "hyspec_qgis", "models")


def _static(value):
    return [QgsProcessingModelChildParameterSource.fromStaticValue(value)]


def _param(name, default):
    """A model parameter, falling back to the model's default when a caller leaves it out: QGIS passes a missing
    model parameter to the step as null, and the step would then use its own default (SELECT "" = all classes)."""
    literal = f"'{default}'" if isinstance(default, str) else repr(default)
    return [QgsProcessingModelChildParameterSource.fromExpression(f"coalesce(@{name}, {literal})")]


def _input(name):
    return [QgsProcessingModelChildParameterSource.fromModelParameter(name)]


def _from(child, output="OUTPUT"):
    return [QgsProcessingModelChildParameterSource.fromChildOutput(child, output)]


class ModelBuilder:
    def __init__(self, name, group, help_text):
        self.model = QgsProcessingModelAlgorithm(name, group)
        self.model.setHelpContent({"ALG_DESC": help_text, "ALG_CREATOR": "hyspec_qgis",
                                   "ALG_HELP_CREATOR": "hyspec_qgis"})
        self.row = 0
        self.order = []  # parameter names as declared: the dialog shows them in this order (the input first)
        self.help = {"ALG_DESC": help_text, "ALG_CREATOR": "hyspec_qgis", "ALG_HELP_CREATOR": "hyspec_qgis"}

    def parameter(self, definition, help_text=""):
        definition.setHelp(help_text)
        self.help[definition.name()] = help_text
        component = QgsProcessingModelParameter(definition.name())
        component.setPosition(QPointF(120, 60 + 90 * len(self.model.parameterComponents())))
        self.model.addModelParameter(definition, component)
        self.order.append(definition.name())

    def step(self, child_id, alg_id, description, sources, outputs=None):
        child = QgsProcessingModelChildAlgorithm(alg_id)
        child.setChildId(child_id)
        child.setDescription(description)
        child.setPosition(QPointF(420, 80 + 120 * self.row))
        self.row += 1
        for name, source in sources.items():
            child.addParameterSources(name, source)
        # Every mandatory parameter gets a value, or the modeler shows the step as invalid (red) and asks
        # "Model is invalid... run anyway?": the algorithm's own default, as a static value.
        alg = QgsApplication.processingRegistry().algorithmById(alg_id)
        for p in alg.parameterDefinitions():
            optional = p.flags() & QgsProcessingParameterDefinition.Flag.FlagOptional
            if p.isDestination() or p.name() in sources or optional or p.defaultValue() is None:
                continue
            child.addParameterSources(p.name(), _static(p.defaultValue()))
        model_outputs = {}
        for i, (out_name, (child_output, label)) in enumerate((outputs or {}).items()):
            out = QgsProcessingModelOutput(out_name, label)
            out.setChildId(child_id)
            out.setChildOutputName(child_output)
            out.setPosition(QPointF(720 + 230 * i, 80 + 120 * (self.row - 1)))  # side by side, never stacked
            model_outputs[out_name] = out
        child.setModelOutputs(model_outputs)
        self.model.addChildAlgorithm(child)

    def save(self, filename):
        self.model.setHelpContent(self.help)
        # Without an order QGIS lists a model's parameters by name (a saved map is sorted), so "clusters" came before
        # the input file. setParameterOrder (QGIS 3.14) is saved as the model's parameterOrder.
        self.model.setParameterOrder(self.order)
        self.model.updateDestinationParameters()
        os.makedirs(MODELS, exist_ok=True)
        path = os.path.join(MODELS, filename)
        if not self.model.toFile(path):
            raise SystemExit(f"cannot write {path}")
        print(path)


def kmeans_tutorial():
    b = ModelBuilder("neon_kmeans_pca_tutorial", "Tutorial models",
                     "NEON tile -> clean bands (k-means recipe: first 10, water windows, last 15, every 2nd band) -> "
                     "PCA (99.9 % of the variance) -> k-means on the components (5 clusters, 50 iterations), as NEON's "
                     "'Unsupervised Spectral Classification in Python: KMeans & PCA' tutorial and its challenge.")
    b.parameter(QgsProcessingParameterFile("neon_file", "NEON reflectance file (.h5)", extension="h5"),
                "A NEON AOP reflectance tile (DP3.30006.001 or .002) or flightline.")
    b.parameter(QgsProcessingParameterNumber("clusters", "Clusters", defaultValue=5, minValue=2),
                "Number of k-means clusters (the tutorial uses 5).")
    b.parameter(QgsProcessingParameterNumber("variance_fraction", "PCA variance fraction",
                                             QgsProcessingParameterNumber.Type.Double, 0.999, minValue=0.0, maxValue=1.0),
                "Keep the fewest principal components that explain this fraction of the variance (0.999).")
    b.step("import", "hyspec:importneon", "Import NEON tile", {"INPUT": _input("neon_file")})
    b.step("clean", "hyspec:cleanbands", "Clean bands (k-means recipe, 174 bands)",
           {"INPUT": _from("import"), "DROP_FIRST": _static(10), "DROP_LAST": _static(15), "BAND_STEP": _static(2)},
           {"cleaned": ("OUTPUT", "Cleaned reflectance (k-means recipe)")})
    b.step("pca", "hyspec:pca", "PCA", {"INPUT": _from("clean"), "COMPONENTS": _static(0),
                                        "VARIANCE_FRACTION": _param("variance_fraction", 0.999)},
           {"components": ("OUTPUT", "Principal components"), "eigenvalues": ("EIGENVALUES", "Eigenvalues")})
    b.step("kmeans", "hyspec:kmeans", "k-means on the components",
           {"INPUT": _from("pca"), "CLUSTERS": _param("clusters", 5), "MAX_ITER": _static(50), "SEED": _static(0)},
           {"classes": ("OUTPUT", "k-means classes"), "centers": ("CENTERS", "Cluster centres")})
    b.save("neon_kmeans_pca_tutorial.model3")


def download_kmeans_tutorial():
    b = ModelBuilder("neon_download_kmeans_tutorial", "Tutorial models",
                     "NEON Data API -> the reflectance tile that holds AREA (hyspec:downloadneon: checked, resumable) -> "
                     "import -> clean bands (k-means recipe, 174 bands) -> PCA (99.9 % of the variance) -> k-means "
                     "(5 clusters, 50 iterations): NEON's 'Unsupervised Spectral Classification in Python: KMeans & "
                     "PCA' tutorial from its first step (by_tile_aop). The token comes from the environment variable "
                     "NEON_API_TOKEN (QGIS: Settings, Options, System, Environment). When AREA needs several tiles, "
                     "all are downloaded and the chain runs on the first (make batch runs it on every tile of the "
                     "folder).")
    b.parameter(QgsProcessingParameterString("site", "NEON site code", defaultValue="SERC"),
                "The four-letter NEON site code (the tutorial uses SERC).")
    b.parameter(QgsProcessingParameterNumber("year", "Year", defaultValue=2021, minValue=2013, maxValue=2100),
                "The flight year (the tutorial uses 2021).")
    b.parameter(QgsProcessingParameterExtent("area", "Area"),
                "An extent in any CRS inside the tile to analyse (a point or a small box; the tutorial's tile "
                "is SERC 368000_4306000).")
    b.parameter(QgsProcessingParameterNumber("clusters", "Clusters", defaultValue=5, minValue=2),
                "Number of k-means clusters (the tutorial uses 5).")
    api = QgsProcessingParameterString("api_url", "NEON Data API URL", defaultValue="https://data.neonscience.org/api/v0/")
    api.setFlags(api.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
    b.parameter(api, "Base URL of the NEON Data API (a mirror or a test server may be given here).")
    b.step("download", "hyspec:downloadneon", "Download the NEON reflectance tile",
           {"PRODUCT": _static("reflectance"), "SITE": _param("site", "SERC"), "YEAR": _param("year", 2021),
            "AREA": _input("area"), "BUFFER": _static(0.0),
            "API_URL": _param("api_url", "https://data.neonscience.org/api/v0/")},
           {"tiles": ("OUTPUT_FOLDER", "Downloaded tiles"), "footprints": ("FOOTPRINTS", "Tile footprints")})
    b.step("import", "hyspec:importneon", "Import NEON tile", {"INPUT": _from("download", "FILE")})
    b.step("clean", "hyspec:cleanbands", "Clean bands (k-means recipe, 174 bands)",
           {"INPUT": _from("import"), "DROP_FIRST": _static(10), "DROP_LAST": _static(15), "BAND_STEP": _static(2)})
    b.step("pca", "hyspec:pca", "PCA", {"INPUT": _from("clean"), "COMPONENTS": _static(0),
                                        "VARIANCE_FRACTION": _static(0.999)},
           {"components": ("OUTPUT", "Principal components")})
    b.step("kmeans", "hyspec:kmeans", "k-means on the components",
           {"INPUT": _from("pca"), "CLUSTERS": _param("clusters", 5), "MAX_ITER": _static(50), "SEED": _static(0)},
           {"classes": ("OUTPUT", "k-means classes"), "centers": ("CENTERS", "Cluster centres")})
    b.save("neon_download_kmeans_tutorial.model3")


def unmixing_tutorial():
    b = ModelBuilder("neon_unmixing_sid_tutorial", "Tutorial models",
                     "NEON tile -> clean bands (endmember recipe: water windows and last 10 bands) -> N-FINDR (4 "
                     "endmembers, ATGP start) -> FCLS abundances -> SID classification on endmembers 1, 3, 4 with the "
                     "tutorial's relative thresholds 0.8, 0.3, 0.03, as NEON's 'Unsupervised spectral classification' "
                     "tutorial (pysptools).")
    b.parameter(QgsProcessingParameterFile("neon_file", "NEON reflectance file (.h5)", extension="h5"),
                "A NEON AOP reflectance tile (DP3.30006.001 or .002) or flightline.")
    b.parameter(QgsProcessingParameterNumber("endmembers", "Endmembers", defaultValue=4, minValue=2),
                "Number of N-FINDR endmembers (the tutorial uses 4; hyspec:endmembercount estimates it).")
    b.parameter(QgsProcessingParameterString("sid_select", "SID: endmembers to classify", defaultValue="1,3,4"),
                "Comma-separated 1-based endmember numbers to classify with SID (the tutorial's U[[0,2,3]] is 1,3,4).")
    b.parameter(QgsProcessingParameterString("sid_thresholds", "SID: relative thresholds", defaultValue="0.8,0.3,0.03"),
                "One relative threshold per selected endmember (pysptools' meaning: a fraction of each class's "
                "score range).")
    b.step("import", "hyspec:importneon", "Import NEON tile", {"INPUT": _input("neon_file")})
    b.step("clean", "hyspec:cleanbands", "Clean bands (endmember recipe, 362 bands)",
           {"INPUT": _from("import"), "DROP_LAST": _static(10)},
           {"cleaned": ("OUTPUT", "Cleaned reflectance (endmember recipe)")})
    b.step("nfindr", "hyspec:nfindr", "N-FINDR endmembers",
           {"INPUT": _from("clean"), "ENDMEMBERS_COUNT": _param("endmembers", 4)},
           {"endmember_spectra": ("OUTPUT", "Endmember spectra")})
    b.step("unmix", "hyspec:unmix", "FCLS abundances",
           {"INPUT": _from("clean"), "ENDMEMBERS": _from("nfindr"), "METHOD": _static("FCLS")},
           {"abundances": ("OUTPUT", "FCLS abundances")})
    b.step("sid", "hyspec:sid", "SID classification",
           {"INPUT": _from("clean"), "ENDMEMBERS": _from("nfindr"), "SELECT": _param("sid_select", "1,3,4"),
            "THRESHOLD": _param("sid_thresholds", "0.8,0.3,0.03"), "THRESHOLD_MODE": _static("relative")},
           {"sid_classes": ("OUTPUT", "SID classes")})
    b.save("neon_unmixing_sid_tutorial.model3")


def autoencoder_kmeans():
    b = ModelBuilder("learned_features_kmeans", "Learned features",
                     "Cleaned reflectance -> autoencoder (deephyp's MLP 50-30-latent, CSA loss, trained on a 200 000-"
                     "pixel sample) -> the latent features of every pixel -> k-means on them: the clustering use of "
                     "Windrim et al. (2019), 'Unsupervised feature-learning for hyperspectral data with autoencoders'. "
                     "Needs PyTorch. The trained model is kept: apply it to other tiles with hyspec:encode.")
    b.parameter(QgsProcessingParameterRasterLayer("reflectance", "Cleaned reflectance"),
                "A reflectance raster with wavelengths, cleaned of noisy bands (e.g. hyspec:cleanbands, endmember "
                "recipe).")
    b.parameter(QgsProcessingParameterNumber("latent_size", "Latent features", defaultValue=10, minValue=1),
                "Number of learned features per pixel (deephyp: 10).")
    b.parameter(QgsProcessingParameterNumber("epochs", "Training epochs", defaultValue=100, minValue=1),
                "Passes over the 200 000-pixel training sample (deephyp: 100; fewer is faster and coarser).")
    b.parameter(QgsProcessingParameterNumber("clusters", "Clusters", defaultValue=5, minValue=2),
                "Number of k-means clusters.")
    b.step("train", "hyspec:trainautoencoder", "Train the autoencoder",
           {"INPUT": _input("reflectance"), "LATENT_SIZE": _param("latent_size", 10),
            "EPOCHS": _param("epochs", 100), "LOSS": _static("CSA"), "SEED": _static(0)},
           {"model": ("MODEL", "Autoencoder model"), "loss_log": ("LOSS_LOG", "Training loss per epoch")})
    b.step("encode", "hyspec:encode", "Latent features of every pixel",
           {"INPUT": _input("reflectance"), "MODEL": _from("train", "MODEL")},
           {"latent": ("OUTPUT", "Latent features")})
    b.step("kmeans", "hyspec:kmeans", "k-means on the latent features",
           {"INPUT": _from("encode"), "CLUSTERS": _param("clusters", 5), "MAX_ITER": _static(50), "SEED": _static(0)},
           {"classes": ("OUTPUT", "k-means classes"), "centers": ("CENTERS", "Cluster centres (latent)")})
    b.save("learned_features_kmeans.model3")


def main():
    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    from hyspec_qgis.provider import HyspecProvider

    Processing.initialize()
    provider = HyspecProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    kmeans_tutorial()
    unmixing_tutorial()
    download_kmeans_tutorial()
    autoencoder_kmeans()
    app.exitQgis()


if __name__ == "__main__":
    main()
