"""The shipped models show their input first. QGIS lists a model's parameters in the order saved in the .model3
(``parameterOrder``, QGIS 3.14 on), and by name without one: "clusters" then came before the NEON file."""
import glob
import os

import pytest

from tests.qgis_process import ROOT

MODELS = sorted(glob.glob(os.path.join(ROOT, "hyspec_qgis", "models", "*.model3")))
ORDER = {  # as scripts/build_models.py declares them: the input first
    "neon_kmeans_pca_tutorial": ["neon_file", "clusters", "variance_fraction"],
    "neon_unmixing_sid_tutorial": ["neon_file", "endmembers", "sid_select", "sid_thresholds"],
    "neon_download_kmeans_tutorial": ["site", "year", "area", "clusters", "api_url"],
    "learned_features_kmeans": ["reflectance", "latent_size", "epochs", "clusters"],
}


def test_every_shipped_model_is_covered():
    assert sorted(os.path.splitext(os.path.basename(p))[0] for p in MODELS) == sorted(ORDER)


@pytest.mark.parametrize("path", MODELS, ids=lambda p: os.path.basename(p))
def test_model_parameters_come_in_declaration_order(qgis_app, path):
    from qgis.core import QgsProcessingModelAlgorithm

    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(path)
    inputs = [p.name() for p in model.parameterDefinitions() if not p.isDestination()]
    assert inputs == ORDER[model.name()]
    assert model.parameterDefinitions()[0].name() == ORDER[model.name()][0]
    assert inputs != sorted(inputs)  # not QGIS's order by name


def test_provider_models_show_the_input_first(hyspec_provider):
    for name, order in ORDER.items():
        model = hyspec_provider.algorithm(name)
        assert model is not None, name
        assert model.parameterDefinitions()[0].name() == order[0], name
