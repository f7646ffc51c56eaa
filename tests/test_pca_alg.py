"""hyspec:pca through QGIS Processing (pytest-qgis), chained into hyspec:kmeans, and through bin/qgis_process."""
import csv
import os

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import QgsProcessingException, QgsRasterLayer

from hyspec_qgis.core import read_spectra_csv
from tests.qgis_process import run_json

gdal.UseExceptions()


def outputs(folder):
    return {k: str(folder / v) for k, v in (("OUTPUT", "pc.tif"), ("EIGENVALUES", "eig.csv"),
                                            ("LOADINGS", "load.csv"))}


def test_provider_lists_pca_with_the_contract_parameters(hyspec_provider):
    alg = hyspec_provider.algorithm("pca")
    assert alg is not None and alg.id() == "hyspec:pca"
    params = {p.name(): p for p in alg.parameterDefinitions()}
    for name in ("INPUT", "COMPONENTS", "VARIANCE_FRACTION", "OUTPUT", "EIGENVALUES", "LOADINGS"):
        assert name in params, name
    assert params["COMPONENTS"].defaultValue() == 0 and params["VARIANCE_FRACTION"].defaultValue() == 0.999
    assert all(p.help() for p in params.values())
    assert "reduce(fraction" in alg.shortHelpString()


def test_pca_outputs(run_alg, imported_tile, neon_tile, tmp_path):
    result = run_alg("hyspec:pca", {"INPUT": imported_tile, **outputs(tmp_path)})
    q = result["N_COMPONENTS"]
    assert q >= 3 and result["VARIANCE_KEPT"] >= 0.999
    layer = QgsRasterLayer(result["OUTPUT"], "pc")
    assert layer.isValid() and layer.bandCount() == q and layer.crs().authid() == "EPSG:32618"
    assert "PC1 (" in layer.bandName(1) and layer.bandName(1).endswith(" %)")
    assert layer.renderer().type() == "multibandcolor"  # PC1/PC2/PC3 composite
    values = gdal.Open(result["OUTPUT"]).ReadAsArray()
    assert np.array_equal(values[0] == -9999, neon_tile[1].nodata_mask)
    with open(result["EIGENVALUES"], newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 426 and sum(int(r["kept"]) for r in rows) == q
    loadings = read_spectra_csv(result["LOADINGS"])
    assert loadings.n_bands == 426 and loadings.n_spectra == q and loadings.wavelengths is not None
    assert "keeping" in "\n".join(run_alg.feedback.messages)


def test_pca_chains_into_kmeans(run_alg, imported_tile, neon_tile, tmp_path):
    """The tutorial's challenge: k-means on the principal components."""
    pca = run_alg("hyspec:pca", {"INPUT": imported_tile, "COMPONENTS": 0, "VARIANCE_FRACTION": 0.999,
                                 **outputs(tmp_path)})
    km = run_alg("hyspec:kmeans", {"INPUT": pca["OUTPUT"], "CLUSTERS": 5, "MAX_ITER": 50, "SEED": 0,
                                   "OUTPUT": str(tmp_path / "k.tif"), "CENTERS": str(tmp_path / "c.csv")})
    classes = gdal.Open(km["OUTPUT"]).ReadAsArray()
    assert np.array_equal(classes == 0, neon_tile[1].nodata_mask)
    assert set(np.unique(classes)) == {0, 1, 2, 3, 4, 5}
    centres = read_spectra_csv(km["CENTERS"])
    assert centres.n_bands == pca["N_COMPONENTS"] and centres.wavelengths is None


@pytest.mark.parametrize("params,match", [
    ({"VARIANCE_FRACTION": 1.5}, r"VARIANCE_FRACTION: must be in \(0, 1\]"),
    ({"VARIANCE_FRACTION": 0}, r"VARIANCE_FRACTION: must be in \(0, 1\]"),
    ({"COMPONENTS": -2}, "COMPONENTS: must be 0"),
    ({"COMPONENTS": 500}, "COMPONENTS: 500 components asked for, but the input .* has only 426 bands"),
])
def test_bad_parameters_are_named_and_nothing_is_written(run_alg, imported_tile, tmp_path, params, match):
    with pytest.raises(QgsProcessingException, match=match):
        run_alg("hyspec:pca", {"INPUT": imported_tile, **params, **outputs(tmp_path)})
    assert os.listdir(tmp_path) == []


@pytest.mark.qgis_process
def test_pca_headless(imported_tile, tmp_path):
    code, data, err = run_json("hyspec:pca", INPUT=imported_tile, COMPONENTS=3, **outputs(tmp_path))
    assert code == 0, err
    assert data["results"]["N_COMPONENTS"] == 3
    assert gdal.Open(str(tmp_path / "pc.tif")).RasterCount == 3
