"""The shipped model chain: autoencoder features -> k-means (hyspec:learned_features_kmeans)."""
import os

import numpy as np
import pytest
from osgeo import gdal

from hyspec_qgis.core.io.sample_nonlinear import write_nonlinear_scene

pytest.importorskip("torch")
MODEL = "hyspec:learned_features_kmeans"


def test_chain_is_listed_and_runs(hyspec_provider, run_alg, tmp_path):
    alg = hyspec_provider.algorithm(MODEL.split(":")[1])
    assert alg is not None and alg.displayName() == "Learned features (autoencoder), then k-means"
    params = {p.name(): p for p in alg.parameterDefinitions()}
    assert {"reflectance", "latent_size", "epochs", "clusters"} <= set(params)
    assert params["epochs"].defaultValue() == 100 and params["clusters"].defaultValue() == 5
    outputs = {d.name() for d in alg.destinationParameterDefinitions()}
    assert outputs == {"train:model", "train:loss_log", "encode:latent", "kmeans:classes", "kmeans:centers"}
    scene = write_nonlinear_scene(tmp_path / "scene.tif", 32, 32, seed=1, sharpness=6.0)
    result = run_alg(MODEL, {"reflectance": scene.path, "latent_size": 3, "epochs": 2, "clusters": 4,
                             "train:model": str(tmp_path / "ae.npz"), "train:loss_log": str(tmp_path / "log.csv"),
                             "encode:latent": str(tmp_path / "latent.tif"),
                             "kmeans:classes": str(tmp_path / "classes.tif"),
                             "kmeans:centers": str(tmp_path / "centers.csv")})
    assert os.path.exists(result["train:model"]) and len(open(result["train:loss_log"]).readlines()) == 3
    assert gdal.Open(result["encode:latent"]).RasterCount == 3
    classes = gdal.Open(result["kmeans:classes"]).ReadAsArray()
    assert set(np.unique(classes)) == {1, 2, 3, 4}
