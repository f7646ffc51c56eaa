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


def test_a_model_refuses_an_output_that_is_its_input(run_alg, neon_tile, tmp_path):
    """The steps' own checks hold inside a model: the NEON file given as a model output is refused, untouched."""
    import hashlib
    import shutil

    from qgis.core import QgsProcessingException, QgsProcessingFeedback

    h5 = tmp_path / "tile.h5"
    shutil.copy(neon_tile[0], h5)
    before = hashlib.sha256(h5.read_bytes()).hexdigest()
    params = {"neon_file": str(h5), "clusters": 3, "clean:cleaned": str(tmp_path / "clean.tif"),
              "pca:components": str(tmp_path / "pcs.tif"), "pca:eigenvalues": str(tmp_path / "eig.csv"),
              "kmeans:centers": str(tmp_path / "centers.csv"), "kmeans:classes": str(h5)}
    class Recorder(QgsProcessingFeedback):
        messages = []

        def reportError(self, error, fatalError=False):  # noqa: N802, N803
            self.messages.append(error)

    feedback = Recorder()
    with pytest.raises(QgsProcessingException):
        run_alg("hyspec:neon_kmeans_pca_tutorial", params, feedback=feedback)
    log = "\n".join(feedback.messages)
    assert "kmeans:classes" in log or "OUTPUT" in log
    assert "never replaces an input" in log and "an earlier step of this model" in log
    assert hashlib.sha256(h5.read_bytes()).hexdigest() == before
