"""The shipped tutorial models: listed under the hyspec provider, runnable with processing.run and qgis_process."""
import os

import numpy as np
import pytest
from osgeo import gdal

from hyspec_qgis.core.io.sample import EAST0, NORTH0
from tests.qgis_process import ROOT, qgis_process, run_json

KMEANS_MODEL = "hyspec:neon_kmeans_pca_tutorial"
SID_MODEL = "hyspec:neon_unmixing_sid_tutorial"


def test_models_are_listed_with_their_parameters(hyspec_provider):
    for model_id in (KMEANS_MODEL, SID_MODEL):
        alg = hyspec_provider.algorithm(model_id.split(":")[1])
        assert alg is not None, f"{model_id} not loaded"
        assert "neon_file" in [p.name() for p in alg.parameterDefinitions()]
    sid = hyspec_provider.algorithm(SID_MODEL.split(":")[1])
    defaults = {p.name(): p.defaultValue() for p in sid.parameterDefinitions()}
    assert defaults["sid_thresholds"] == "0.8,0.3,0.03" and defaults["sid_select"] == "1,3,4"


def test_kmeans_pca_model_runs(run_alg, neon_tile, tmp_path):
    out = str(tmp_path / "classes.tif")
    result = run_alg(KMEANS_MODEL, {"neon_file": neon_tile[0], "clusters": 4, "variance_fraction": 0.999,
                                    "kmeans:classes": out, "kmeans:centers": str(tmp_path / "centers.csv"),
                                    "pca:components": str(tmp_path / "pca.tif"),
                                    "pca:eigenvalues": str(tmp_path / "eig.csv"), "clean:cleaned": str(tmp_path / "c.tif")})
    assert result["kmeans:classes"] == out
    ds = gdal.Open(out)
    classes = ds.ReadAsArray()
    assert set(np.unique(classes)) <= {0, 1, 2, 3, 4} and len(set(np.unique(classes)) - {0}) == 4
    assert gdal.Open(str(tmp_path / "c.tif")).RasterCount == 174  # the k-means tutorial's recipe
    assert ds.GetGeoTransform() == (EAST0, 1.0, 0.0, NORTH0 + 60, 0.0, -1.0)
    assert gdal.Open(str(tmp_path / "pca.tif")).RasterCount >= 3


@pytest.mark.qgis_process
def test_unmixing_sid_model_runs_headless_from_the_model_file(neon_tile, tmp_path):
    model = os.path.join(ROOT, "hyspec_qgis", "models", "neon_unmixing_sid_tutorial.model3")
    out = str(tmp_path / "sid.tif")
    code, data, err = run_json(model, neon_file=neon_tile[0], **{"sid:sid_classes": out,
                               "unmix:abundances": str(tmp_path / "ab.tif"), "nfindr:endmember_spectra":
                               str(tmp_path / "em.csv"), "clean:cleaned": str(tmp_path / "c.tif")})
    assert code == 0, err
    classes = gdal.Open(out).ReadAsArray()
    assert classes.max() <= 3 and (classes > 0).any()
    ab = gdal.Open(str(tmp_path / "ab.tif"))
    assert ab.RasterCount == 4
    nodata = ab.GetRasterBand(1).GetNoDataValue()
    values = ab.ReadAsArray()
    valid = ~np.isclose(values[0], nodata) & np.isfinite(values[0])
    assert valid.mean() > 0.8
    np.testing.assert_allclose(values[:, valid].sum(axis=0), 1.0, atol=1e-4)  # FCLS: sum to one
    assert values[:, valid].min() >= -1e-6  # and non-negative


@pytest.mark.qgis_process
def test_models_listed_by_qgis_process():
    code, out, err = qgis_process("list")
    assert code == 0
    assert KMEANS_MODEL in out and SID_MODEL in out


@pytest.mark.qgis_process
def test_batch_over_a_folder_of_tiles_resumes_and_reports_failures(tmp_path):
    import subprocess
    import sys

    from hyspec_qgis.core.io.sample import write_sample

    tiles = tmp_path / "tiles"
    tiles.mkdir()
    write_sample(tiles / "NEON_D02_SERC_DP3_368000_4306000_reflectance.h5", rows=30, cols=30, seed=1, write_truth=False)
    write_sample(tiles / "NEON_D02_SERC_DP3_369000_4306000_reflectance.h5", rows=30, cols=30, seed=2, write_truth=False)
    (tiles / "NEON_broken_reflectance.h5").write_text("not hdf5")
    out = tmp_path / "out"
    cmd = [sys.executable, os.path.join(ROOT, "scripts", "batch.py"), "kmeans", str(tiles), str(out), "clusters=3"]
    first = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert first.returncode == 1  # the broken tile failed, the others went on
    assert "2 of 3 tiles done, 1 failed" in first.stdout
    for tile in ("NEON_D02_SERC_DP3_368000_4306000_reflectance", "NEON_D02_SERC_DP3_369000_4306000_reflectance"):
        classes = gdal.Open(str(out / tile / "kmeans_classes.tif")).ReadAsArray()
        assert set(np.unique(classes)) - {0} == {1, 2, 3}
    assert "not an HDF5 file" in (out / "NEON_broken_reflectance" / "error.log").read_text()
    second = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert second.stdout.count("skipped (done)") == 2


def test_model_outputs_are_declared_for_the_toolbox_and_help(hyspec_provider):
    model = hyspec_provider.algorithm("neon_unmixing_sid_tutorial")
    outputs = {d.name() for d in model.destinationParameterDefinitions()}
    assert outputs == {"clean:cleaned", "nfindr:endmember_spectra", "unmix:abundances", "sid:sid_classes"}
    code, out, err = qgis_process("help", SID_MODEL)
    assert code == 0 and "sid:sid_classes" in out and "unmix:abundances" in out
