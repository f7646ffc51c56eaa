"""The shipped models open valid in the modeler: every mandatory child parameter has a value, and help is given."""
import glob
import os

import pytest
from qgis.core import QgsProcessingModelAlgorithm

from tests.qgis_process import ROOT

MODELS = sorted(glob.glob(os.path.join(ROOT, "hyspec_qgis", "models", "*.model3")))


@pytest.mark.parametrize("path", MODELS, ids=os.path.basename)
def test_model_validates_cleanly(hyspec_provider, path):
    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(path)
    for child in model.childAlgorithms().values():
        child.reattach()
    ok, issues = model.validate()
    assert ok and not issues, issues
    for child_id, child in model.childAlgorithms().items():
        alg = child.algorithm()
        assert alg is not None, child_id
        ok, issues = model.validateChildAlgorithm(child_id)
        assert ok and not issues, (child_id, issues)
    for p in model.parameterDefinitions():
        if not p.isDestination():
            assert p.help(), p.name()  # per-parameter help in the dialog
    positions = [(o.position().x(), o.position().y()) for c in model.childAlgorithms().values()
                 for o in c.modelOutputs().values()]
    assert len(positions) == len(set(positions))  # no output box sits on another


def test_models_show_titles_not_ids(hyspec_provider):
    names = {a.name(): a.displayName() for a in hyspec_provider.algorithms()}
    assert names["neon_kmeans_pca_tutorial"] == "NEON tutorial: k-means and PCA"
    assert names["neon_unmixing_sid_tutorial"] == "NEON tutorial: endmembers, unmixing and SID"
