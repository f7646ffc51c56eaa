"""hyspec:trainautoencoder, encode, trainclassifier, predictclassifier through QGIS Processing and qgis_process."""
import csv
import os
import subprocess
import sys

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import QgsFeature, QgsGeometry, QgsRasterLayer, QgsVectorLayer

from hyspec_qgis.core.io.sample import EAST0, NORTH0
from tests.learn_scenes import CLASS_NAMES, write_learn_scene
from tests.qgis_process import ROOT, run_json

pytest.importorskip("torch")
SIZE = 48
IDS = ("trainautoencoder", "encode", "trainclassifier", "predictclassifier")


@pytest.fixture(scope="module")
def learn_scene(tmp_path_factory):
    return write_learn_scene(str(tmp_path_factory.mktemp("learn_alg")), SIZE)


def test_provider_lists_the_algorithms_with_the_contract_parameters(hyspec_provider):
    contract = {"trainautoencoder": ("INPUT", "ARCHITECTURE", "HIDDEN_LAYERS", "LATENT_SIZE", "LOSS", "EPOCHS",
                                     "BATCH_SIZE", "LEARNING_RATE", "SAMPLE_SIZE", "SEED", "MODEL", "LOSS_LOG",
                                     "OUTPUT"),
                "encode": ("INPUT", "MODEL", "OUTPUT", "ERROR"),
                "trainclassifier": ("INPUT", "TRAINING", "CLASS_FIELD", "METHOD", "VALIDATION_FRACTION", "EPOCHS",
                                    "BATCH_SIZE", "LEARNING_RATE", "TREES", "SEED", "MODEL", "REPORT"),
                "predictclassifier": ("INPUT", "MODEL", "OUTPUT", "PROBABILITY")}
    for alg_id, names in contract.items():
        alg = hyspec_provider.algorithm(alg_id)
        assert alg is not None, alg_id
        params = {p.name(): p for p in alg.parameterDefinitions()}
        assert set(names) <= set(params), (alg_id, set(names) - set(params))
        assert all(p.help() for p in params.values()), alg_id
        mandatory = {n for n, p in params.items() if p.isDestination() and not p.flags() & p.FlagOptional}
        assert mandatory == ({"MODEL"} if alg_id.startswith("train") else {"OUTPUT"}), (alg_id, mandatory)
    ae = {p.name(): p for p in hyspec_provider.algorithm("trainautoencoder").parameterDefinitions()}
    assert ae["LOSS"].options() == ["SSE", "SA", "SID", "CSA"] and ae["LOSS"].defaultValue() == "CSA"
    assert ae["HIDDEN_LAYERS"].defaultValue() == "50,30" and ae["LATENT_SIZE"].defaultValue() == 10
    assert ae["EPOCHS"].defaultValue() == 100 and ae["BATCH_SIZE"].defaultValue() == 1000
    assert ae["SAMPLE_SIZE"].defaultValue() == 200000 and ae["LEARNING_RATE"].defaultValue() == 0.001
    clf = {p.name(): p for p in hyspec_provider.algorithm("trainclassifier").parameterDefinitions()}
    assert clf["METHOD"].options() == ["cnn", "random_forest"] and clf["VALIDATION_FRACTION"].defaultValue() == 0.3
    assert "by feature, never by pixel" in hyspec_provider.algorithm("trainclassifier").shortHelpString()
    assert "cells" in hyspec_provider.algorithm("trainautoencoder").shortHelpString()


def test_train_autoencoder_then_encode(run_alg, learn_scene, tmp_path):
    sc, _, _ = learn_scene
    params = {"INPUT": sc.path, "LATENT_SIZE": 4, "LOSS": "SID", "EPOCHS": 3, "BATCH_SIZE": 64, "SAMPLE_SIZE": 1500,
              "SEED": 1, "MODEL": str(tmp_path / "ae.npz"), "LOSS_LOG": str(tmp_path / "log.csv"),
              "OUTPUT": str(tmp_path / "latent.tif")}
    result = run_alg("hyspec:trainautoencoder", params)
    assert result["MODEL"] == params["MODEL"] and os.path.exists(params["MODEL"])
    rows = list(csv.DictReader(open(params["LOSS_LOG"])))
    assert len(rows) == 3 and float(rows[-1]["train_loss"]) == pytest.approx(result["TRAIN_LOSS"], rel=1e-6)
    assert float(rows[-1]["validation_loss"]) == pytest.approx(result["VALIDATION_LOSS"], rel=1e-6)
    log = "\n".join(run_alg.feedback.messages)
    assert "epoch 3/3: training SID" in log and "hold-out cells" in log
    layer = QgsRasterLayer(params["OUTPUT"], "latent")
    assert layer.isValid() and layer.bandCount() == 4 and layer.renderer().type() == "multibandcolor"
    encoded = run_alg("hyspec:encode", {"INPUT": sc.path, "MODEL": params["MODEL"],
                                        "OUTPUT": str(tmp_path / "enc.tif"), "ERROR": str(tmp_path / "err.tif")})
    a = gdal.Open(encoded["OUTPUT"]).ReadAsArray()
    assert np.array_equal(a, gdal.Open(params["OUTPUT"]).ReadAsArray())
    err = gdal.Open(encoded["ERROR"]).ReadAsArray()
    assert err.shape == (SIZE, SIZE) and (err >= 0).all()


def test_encode_refuses_a_raster_with_other_bands(run_alg, learn_scene, tmp_path, make_raster):
    from qgis.core import QgsProcessingException

    sc, _, _ = learn_scene
    model = str(tmp_path / "ae.npz")
    run_alg("hyspec:trainautoencoder", {"INPUT": sc.path, "EPOCHS": 1, "SAMPLE_SIZE": 200, "MODEL": model})
    other = make_raster(tmp_path / "other.tif", np.ones((4, 4, 7), np.float32), wavelengths=np.arange(7) * 10 + 500)
    with pytest.raises(QgsProcessingException, match="has 7 bands, but the model"):
        run_alg("hyspec:encode", {"INPUT": other, "MODEL": model, "OUTPUT": str(tmp_path / "x.tif")})
    assert not os.path.exists(tmp_path / "x.tif")
    junk = tmp_path / "junk.npz"
    junk.write_text("not a model")
    with pytest.raises(QgsProcessingException, match="MODEL: .*junk.npz: not a hyspec model file"):
        run_alg("hyspec:encode", {"INPUT": sc.path, "MODEL": str(junk), "OUTPUT": str(tmp_path / "x.tif")})


def test_train_and_predict_classifier_with_a_memory_layer_in_another_crs(run_alg, learn_scene, tmp_path):
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

    sc, _, squares = learn_scene
    layer = QgsVectorLayer("Polygon?crs=EPSG:4326&field=kind:string", "digitised", "memory")
    to_wgs = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:32618"),
                                    QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance())
    features = []
    for c, (r, q) in squares:
        x0, y0 = EAST0 + q + 0.2, NORTH0 + SIZE - r - 0.2  # inset: the pixel centres stay inside after reprojection
        g = QgsGeometry.fromWkt(f"POLYGON(({x0} {y0},{x0 + 2.6} {y0},{x0 + 2.6} {y0 - 2.6},{x0} {y0 - 2.6},{x0} {y0}))")
        g.transform(to_wgs)
        f = QgsFeature(layer.fields())
        f.setGeometry(g)
        f.setAttributes([CLASS_NAMES[c]])
        features.append(f)
    layer.dataProvider().addFeatures(features)
    params = {"INPUT": sc.path, "TRAINING": layer, "CLASS_FIELD": "kind", "METHOD": "random_forest", "TREES": 30,
              "MODEL": str(tmp_path / "rf.npz"), "REPORT": str(tmp_path / "report.html")}
    result = run_alg("hyspec:trainclassifier", params)
    assert result["OVERALL_ACCURACY"] >= 0.6 and result["KAPPA"] >= 0.5  # plumbing (accuracy: the core tests)
    assert "Overall accuracy" in open(params["REPORT"]).read()
    log = "\n".join(run_alg.feedback.messages)
    assert "training on 216 pixels of 24 features" in log  # 6 of 8 squares per class (3 x 3 px) in training
    out = run_alg("hyspec:predictclassifier", {"INPUT": sc.path, "MODEL": params["MODEL"],
                                               "OUTPUT": str(tmp_path / "classes.tif")})
    classes = QgsRasterLayer(out["OUTPUT"], "classes")
    assert classes.isValid() and classes.renderer().type() == "paletted"
    assert [c.label for c in classes.renderer().classes()] == sorted(CLASS_NAMES)
    assert not out.get("PROBABILITY")


def test_cnn_classifier_through_processing(run_alg, learn_scene, tmp_path):
    sc, polygons, _ = learn_scene
    result = run_alg("hyspec:trainclassifier", {"INPUT": sc.path, "TRAINING": polygons, "CLASS_FIELD": "landcover",
                                                "EPOCHS": 15, "BATCH_SIZE": 32, "MODEL": str(tmp_path / "cnn.npz")})
    assert result["OVERALL_ACCURACY"] >= 0.6 and not result.get("REPORT")  # an optional output, not asked for
    probability = str(tmp_path / "p.tif")
    run_alg("hyspec:predictclassifier", {"INPUT": sc.path, "MODEL": result["MODEL"], "OUTPUT": str(tmp_path / "c.tif"),
                                         "PROBABILITY": probability})
    p = gdal.Open(probability).ReadAsArray()
    np.testing.assert_allclose(p.sum(axis=0), 1.0, atol=1e-5)


def test_missing_torch_is_reported_with_what_to_install(hyspec_provider, learn_scene, monkeypatch):
    from qgis.core import QgsProcessingContext

    monkeypatch.setitem(sys.modules, "torch", None)  # import torch now raises ImportError
    alg = hyspec_provider.algorithm("trainautoencoder").create()
    ok, message = alg.checkParameterValues({"INPUT": learn_scene[0].path, "MODEL": "/tmp/m.npz"},
                                           QgsProcessingContext())
    assert not ok and "torch" in message and "sudo apt install python3-torch" in message
    assert "download.pytorch.org/whl/cpu" in message and "pip3 install torch" in message


def test_core_and_plugin_import_without_torch():
    code = ("import sys; sys.modules['torch'] = None\n"
            "import importlib, pkgutil, hyspec_qgis.core.learn as L\n"
            "for m in pkgutil.iter_modules(L.__path__): importlib.import_module('hyspec_qgis.core.learn.' + m.name)\n"
            "for n in ('trainautoencoder', 'encode', 'trainclassifier', 'predictclassifier'):\n"
            "    importlib.import_module('hyspec_qgis.algorithms.' + n)\n"
            "from hyspec_qgis.core.learn.torch_env import require_torch\n"
            "try:\n    require_torch('x')\nexcept ValueError as e:\n    print('refused:', e)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert proc.returncode == 0, proc.stderr
    assert "refused: x needs PyTorch" in proc.stdout and "python3-torch" in proc.stdout


@pytest.mark.qgis_process
def test_learned_features_and_classifier_headless(learn_scene, tmp_path):
    """PyTorch inside qgis_process (trains and encodes); a random forest model applied headless."""
    from hyspec_qgis.core.learn.supervised import train_classifier

    sc, polygons, _ = learn_scene
    model, latent = str(tmp_path / "ae.npz"), str(tmp_path / "latent.tif")
    code, data, err = run_json("hyspec:trainautoencoder", INPUT=sc.path, EPOCHS=2, SAMPLE_SIZE=800, LATENT_SIZE=3,
                               ARCHITECTURE="mlp", LOSS="CSA", SEED=4, MODEL=model, OUTPUT=latent)
    assert code == 0, err
    assert data["results"]["MODEL"] == model and gdal.Open(latent).RasterCount == 3
    assert data["results"]["TRAIN_LOSS"] > 0
    rf = str(tmp_path / "rf.npz")
    train_classifier(sc.path, polygons, "landcover", rf, method="random_forest", trees=20)
    code, data, err = run_json("hyspec:predictclassifier", INPUT=sc.path, MODEL=rf, OUTPUT=str(tmp_path / "c.tif"),
                               PROBABILITY=str(tmp_path / "p.tif"))
    assert code == 0, err
    assert set(np.unique(gdal.Open(str(tmp_path / "c.tif")).ReadAsArray())) == {1, 2, 3, 4}
    np.testing.assert_allclose(gdal.Open(str(tmp_path / "p.tif")).ReadAsArray().sum(axis=0), 1.0, atol=1e-5)
