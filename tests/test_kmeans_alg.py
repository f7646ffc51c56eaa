"""hyspec:kmeans through QGIS Processing (pytest-qgis) and through bin/qgis_process."""
import os

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import QgsProcessingException, QgsRasterLayer

from hyspec_qgis.core import read_spectra_csv, write_spectra_csv
from hyspec_qgis.core.io.spectra_csv import Spectra
from tests.qgis_process import run_json

gdal.UseExceptions()


def outputs(folder):
    return {k: str(folder / v) for k, v in (("OUTPUT", "k.tif"), ("CENTERS", "c.csv"))}


def test_provider_lists_kmeans_with_the_contract_parameters(hyspec_provider):
    alg = hyspec_provider.algorithm("kmeans")
    assert alg is not None and alg.id() == "hyspec:kmeans"
    params = {p.name(): p for p in alg.parameterDefinitions()}
    for name in ("INPUT", "CLUSTERS", "MAX_ITER", "SEED", "START_CENTERS", "SAMPLE_SIZE", "OUTPUT", "CENTERS",
                 "CENTER_IMAGE"):
        assert name in params, name
    assert params["CLUSTERS"].defaultValue() == 5 and params["MAX_ITER"].defaultValue() == 50
    assert params["START_CENTERS"].flags() & params["START_CENTERS"].FlagOptional
    assert all(p.help() for p in params.values())
    assert "k-means++" in alg.shortHelpString() and "START_CENTERS" in alg.shortHelpString()


def test_kmeans_classes_load_as_a_paletted_layer(run_alg, imported_tile, neon_tile, tmp_path):
    params = {"INPUT": imported_tile, "CLUSTERS": 4, "SEED": 3, **outputs(tmp_path)}
    result = run_alg("hyspec:kmeans", params)
    assert result["OUTPUT"] == params["OUTPUT"] and result["CENTERS"] == params["CENTERS"]
    assert result["ITERATIONS"] >= 2 and result["CONVERGED"] is True and not result.get("CENTER_IMAGE")
    layer = QgsRasterLayer(result["OUTPUT"], "k")
    assert layer.isValid() and layer.crs().authid() == "EPSG:32618"
    renderer = layer.renderer()  # the .qml sidecar: classes with names and stable colours
    assert renderer.type() == "paletted"
    assert [c.label for c in renderer.classes()] == ["cluster 1", "cluster 2", "cluster 3", "cluster 4"]
    classes = gdal.Open(result["OUTPUT"]).ReadAsArray()
    assert np.array_equal(classes == 0, neon_tile[1].nodata_mask)  # no-data in, 0 out
    assert set(np.unique(classes[classes > 0])) == {1, 2, 3, 4}
    assert read_spectra_csv(result["CENTERS"]).names == ["cluster 1", "cluster 2", "cluster 3", "cluster 4"]
    log = "\n".join(run_alg.feedback.messages)
    assert "k-means: fitting 4 clusters" in log and "converged after" in log
    assert sorted(os.listdir(tmp_path)) == ["c.csv", "k.qml", "k.tif", "k.tif.aux.xml"]  # names: in the .aux.xml


def test_centre_image_and_resume_from_centres(run_alg, imported_tile, tmp_path):
    first = tmp_path / "first"
    first.mkdir()
    image = str(first / "ci.tif")
    result = run_alg("hyspec:kmeans", {"INPUT": imported_tile, "CLUSTERS": 3, "MAX_ITER": 2, "CENTER_IMAGE": image,
                                       **outputs(first)})
    assert result["CENTER_IMAGE"] == image and result["CONVERGED"] is False and result["ITERATIONS"] == 2
    ds = gdal.Open(image)
    assert ds.RasterCount == 426 and ds.GetRasterBand(1).GetMetadataItem("wavelength") is not None
    assert QgsRasterLayer(image, "ci").renderer().type() == "multibandcolor"
    second = tmp_path / "second"
    second.mkdir()
    resumed = run_alg("hyspec:kmeans", {"INPUT": imported_tile, "CLUSTERS": 3, "START_CENTERS": result["CENTERS"],
                                        **outputs(second)})
    assert resumed["CONVERGED"] is True
    assert "starting from the given centres" in "\n".join(run_alg.feedback.messages)


@pytest.mark.parametrize("params,match", [
    ({"CLUSTERS": 1}, "CLUSTERS: k-means needs at least 2 clusters, got 1"),
    ({"CLUSTERS": 9000}, r"CLUSTERS: 9000 clusters but .* has only 4\d\d\d valid pixel"),
    ({"MAX_ITER": 0}, "MAX_ITER: must be 1 or more"),
    ({"SAMPLE_SIZE": -1}, "SAMPLE_SIZE: must be 0"),
])
def test_bad_parameters_are_named_and_nothing_is_written(run_alg, imported_tile, tmp_path, params, match):
    with pytest.raises(QgsProcessingException, match=match):
        run_alg("hyspec:kmeans", {"INPUT": imported_tile, **params, **outputs(tmp_path)})
    assert os.listdir(tmp_path) == []


def test_start_centres_with_other_bands(run_alg, imported_tile, tmp_path):
    bad = tmp_path / "bad.csv"
    write_spectra_csv(str(bad), Spectra(["a", "b"], np.full((12, 2), 0.1), None))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(QgsProcessingException, match="START_CENTERS: .*12 bands in the CSV but 426 in the raster"):
        run_alg("hyspec:kmeans", {"INPUT": imported_tile, "CLUSTERS": 2, "START_CENTERS": str(bad), **outputs(out)})
    assert os.listdir(out) == []


@pytest.mark.qgis_process
def test_kmeans_headless(imported_tile, tmp_path):
    code, data, err = run_json("hyspec:kmeans", INPUT=imported_tile, CLUSTERS=3, SEED=1, SAMPLE_SIZE=1000,
                               OUTPUT=str(tmp_path / "k.tif"), CENTERS=str(tmp_path / "c.csv"))
    assert code == 0, err
    assert data["results"]["OUTPUT"] == str(tmp_path / "k.tif") and data["results"]["ITERATIONS"] >= 1
    classes = gdal.Open(str(tmp_path / "k.tif")).ReadAsArray()
    assert set(np.unique(classes)) == {0, 1, 2, 3}
