"""hyspec:importmat through QGIS Processing (pytest-qgis), through bin/qgis_process, and chained into hyspec:kmeans."""
import os

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import QgsProcessingException, QgsRasterLayer
from sklearn.metrics import adjusted_rand_score

from hyspec_qgis.core import SpectralRaster
from tests.matfiles import pixels, scene, write_v5, write_v73
from tests.qgis_process import run_json

ROWS, COLS, BANDS = 7, 5, 4


def leftovers(folder):
    return sorted(n for n in os.listdir(folder) if ".partial" in n)


def test_provider_lists_importmat_with_the_contract_parameters(hyspec_provider):
    alg = hyspec_provider.algorithm("importmat")
    assert alg is not None and alg.id() == "hyspec:importmat"
    params = {p.name(): p for p in alg.parameterDefinitions()}
    for name in ("INPUT", "VARIABLE", "LAYOUT", "ROWS", "COLS", "SCALE", "WAVELENGTHS", "CRS", "EXTENT", "TRUTH",
                 "TRUTH_FILE", "TRUTH_NAMES", "OUTPUT", "TRUTH_OUTPUT"):
        assert name in params, name
    assert params["LAYOUT"].defaultValue() == "auto" and "pixels-column-major" in params["LAYOUT"].options()
    assert params["SCALE"].defaultValue() == 1.0 and params["TRUTH_OUTPUT"].flags() & params["TRUTH_OUTPUT"].FlagOptional
    assert all(p.help() for p in params.values())
    help_text = alg.shortHelpString()
    assert "scipy.io" in help_text and "row blocks" in help_text and "-v7.3" in help_text  # v5 whole, v7.3 streamed
    assert "never" in help_text and "executed" in help_text


def test_v5_scene_with_truth_loads_as_a_pixel_grid(run_alg, tmp_path):
    cube = scene(ROWS, COLS, BANDS)
    labels = (np.arange(ROWS * COLS).reshape(ROWS, COLS) % 3 + 1).astype(np.uint8)
    path = write_v5(tmp_path / "scene.mat", {"cube": np.transpose(cube, (2, 0, 1)), "gt": labels,
                                             "cood": np.array(["soil", "tree", "water"], dtype=object)})
    out, truth_out = str(tmp_path / "refl.tif"), str(tmp_path / "truth.tif")
    result = run_alg("hyspec:importmat", {"INPUT": path, "LAYOUT": "bands-rows-cols", "SCALE": 10000,
                                          "WAVELENGTHS": "450-650", "TRUTH": "gt", "OUTPUT": out,
                                          "TRUTH_OUTPUT": truth_out})
    assert result["OUTPUT"] == out and result["TRUTH_OUTPUT"] == truth_out
    layer = QgsRasterLayer(out, "refl")
    assert layer.isValid() and layer.bandCount() == BANDS and not layer.crs().isValid()
    ext = layer.extent()  # unscaled: one unit per pixel, north-up
    assert (ext.xMinimum(), ext.yMinimum(), ext.xMaximum(), ext.yMaximum()) == (0, 0, COLS, ROWS)
    assert layer.renderer().type() == "multibandcolor"  # the .qml sidecar: true colour from the wavelengths
    assert [layer.bandName(b) for b in (1, 4)] == ["Band 1: 1: 450 nm", "Band 4: 4: 650 nm"]
    data = gdal.Open(out).ReadAsArray().transpose(1, 2, 0)
    np.testing.assert_array_equal(data, (cube / 10000.0).astype(np.float32))
    classes = QgsRasterLayer(truth_out, "truth")
    assert classes.isValid() and classes.renderer().type() == "paletted"
    assert [c.label for c in classes.renderer().classes()] == ["soil", "tree", "water"]
    np.testing.assert_array_equal(gdal.Open(truth_out).ReadAsArray(), labels)
    log = "\n".join(run_alg.feedback.messages)
    assert "cube (4 x 7 x 5 uint16), gt (7 x 5 uint8), cood (3 x 1 cell)" in log and "TRUTH: names from 'cood'" in log


def test_extent_and_crs_place_the_scene(run_alg, tmp_path):
    path = write_v73(tmp_path / "scene.mat", {"Y": pixels(scene(ROWS, COLS, BANDS), "F"),
                                              "nRow": np.array([[float(ROWS)]]), "nCol": np.array([[float(COLS)]])})
    out = str(tmp_path / "placed.tif")
    run_alg("hyspec:importmat", {"INPUT": path, "EXTENT": "368000,368010,4306000,4306035 [EPSG:32618]",
                                 "OUTPUT": out})
    layer = QgsRasterLayer(out, "placed")
    assert layer.crs().authid() == "EPSG:32618"
    ext = layer.extent()
    assert (ext.xMinimum(), ext.yMinimum(), ext.xMaximum(), ext.yMaximum()) == (368000, 4306000, 368010, 4306035)
    assert gdal.Open(out).GetGeoTransform() == (368000.0, 2.0, 0.0, 4306035.0, 0.0, -5.0)
    out2 = str(tmp_path / "crs.tif")  # CRS given separately from a bare extent
    run_alg("hyspec:importmat", {"INPUT": path, "CRS": "EPSG:32618", "EXTENT": "368000,368010,4306000,4306035",
                                 "OUTPUT": out2})
    assert QgsRasterLayer(out2, "crs").crs().authid() == "EPSG:32618"
    assert gdal.Open(out2).GetGeoTransform() == (368000.0, 2.0, 0.0, 4306035.0, 0.0, -5.0)


@pytest.mark.parametrize("params,match", [
    ({"VARIABLE": "Cube"}, r"VARIABLE: .*scene\.mat has no variable 'Cube'; its variables: cube \(7 x 5 x 4 uint16\), "
                           r"s \(1 x 1 struct\)"),
    ({"VARIABLE": "s"}, r"VARIABLE: 's' in .*scene\.mat is a MATLAB struct, not a numeric array"),
    ({"TRUTH": "s"}, r"TRUTH: 's' in .*scene\.mat is a MATLAB struct"),
    ({"LAYOUT": "pixels-row-major"}, r"LAYOUT: pixels-row-major is for 2-D pixel lists"),
    ({"WAVELENGTHS": "400-500-600"}, r"WAVELENGTHS: '400-500-600' is not a variable of .*scene\.mat"),
])
def test_bad_parameters_fail_with_the_parameter_and_write_nothing(run_alg, tmp_path, params, match):
    path = write_v5(tmp_path / "scene.mat", {"cube": scene(ROWS, COLS, BANDS), "s": {"a": 1.0}})
    outputs = {"OUTPUT": str(tmp_path / "o.tif"), "TRUTH_OUTPUT": str(tmp_path / "t.tif")}
    with pytest.raises(QgsProcessingException, match=match):
        run_alg("hyspec:importmat", {"INPUT": path, **params, **outputs})
    assert sorted(os.listdir(tmp_path)) == ["scene.mat"] and leftovers(tmp_path) == []


def test_a_file_that_is_not_mat_fails_clearly(run_alg, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("not a matlab file\n")
    with pytest.raises(QgsProcessingException, match=r"INPUT: .*notes\.txt is not a MATLAB \.mat file"):
        run_alg("hyspec:importmat", {"INPUT": str(bad), "OUTPUT": str(tmp_path / "o.tif")})
    assert sorted(os.listdir(tmp_path)) == ["notes.txt"]


def test_qgis_process_end_to_end(tmp_path):
    cube = scene(ROWS, COLS, BANDS)
    abundances = np.random.default_rng(2).dirichlet(np.ones(2), size=(ROWS, COLS))
    path = write_v73(tmp_path / "scene.mat", {"V": pixels(cube, "C"), "A": pixels(abundances, "C")})
    out, truth_out = str(tmp_path / "refl.tif"), str(tmp_path / "abund.tif")
    code, data, err = run_json("hyspec:importmat", INPUT=path, LAYOUT="pixels-row-major", ROWS=ROWS, COLS=COLS,
                               SCALE=10000, WAVELENGTHS="0.4-2.5", TRUTH="A", TRUTH_NAMES="tree;soil",
                               OUTPUT=out, TRUTH_OUTPUT=truth_out)
    assert code == 0, err
    assert data["results"]["OUTPUT"] == out and data["results"]["TRUTH_OUTPUT"] == truth_out
    np.testing.assert_array_equal(gdal.Open(out).ReadAsArray().transpose(1, 2, 0),
                                  (cube / 10000.0).astype(np.float32))
    assert SpectralRaster(out).wavelengths.tolist() == np.linspace(400, 2500, BANDS).tolist()
    ds = gdal.Open(truth_out)
    np.testing.assert_array_equal(ds.ReadAsArray().transpose(1, 2, 0), abundances.astype(np.float32))
    assert [ds.GetRasterBand(b).GetDescription() for b in (1, 2)] == ["tree", "soil"]


def clear_materials_scene(rows=30, cols=40, bands=60, seed=5):
    """Four materials in blocks with distinct spectra and 1 % noise, stored as Samson-like integers x 10000."""
    rng = np.random.default_rng(seed)
    wl = np.linspace(400, 2500, bands)
    spectra = np.stack([0.05 + 0.5 / (1 + np.exp(-(wl - 700) / 40)),  # vegetation: red edge
                        0.1 + 0.3 * (wl - 400) / 2100,  # soil: rising
                        0.08 * np.exp(-(wl - 400) / 300),  # water: dark, falling
                        np.full(bands, 0.35)])  # roof: flat
    labels = np.zeros((rows, cols), np.uint8)
    labels[: rows // 2, : cols // 2], labels[: rows // 2, cols // 2:] = 1, 2
    labels[rows // 2:, : cols // 3], labels[rows // 2:, cols // 3:] = 3, 4
    cube = spectra[labels - 1] + rng.normal(0, 0.01, (rows, cols, bands))
    return np.round(np.clip(cube, 0, 1) * 10000).astype(np.uint16), labels


def test_chain_importmat_then_kmeans_recovers_the_materials(run_alg, tmp_path):
    cube, labels = clear_materials_scene()
    rows, cols, _ = cube.shape
    # the scene and its truth in two files, as the benchmark scenes ship them
    path = write_v73(tmp_path / "samson_like.mat", {"V": pixels(cube, "F"), "nRow": np.array([[float(rows)]]),
                                                    "nCol": np.array([[float(cols)]])})
    truth_file = write_v5(tmp_path / "samson_like_gt.mat", {"truth": labels.reshape(1, -1, order="F"),
                                                            "names": np.array(["veg", "soil", "water", "roof"])})
    imported = run_alg("hyspec:importmat", {"INPUT": path, "SCALE": 10000, "WAVELENGTHS": "400-2500",
                                            "TRUTH_FILE": truth_file, "OUTPUT": str(tmp_path / "scene.tif"),
                                            "TRUTH_OUTPUT": str(tmp_path / "truth.tif")})
    truth_layer = QgsRasterLayer(imported["TRUTH_OUTPUT"], "truth")
    assert [c.label for c in truth_layer.renderer().classes()] == ["veg", "soil", "water", "roof"]
    np.testing.assert_array_equal(gdal.Open(imported["TRUTH_OUTPUT"]).ReadAsArray(), labels)
    clusters = run_alg("hyspec:kmeans", {"INPUT": imported["OUTPUT"], "CLUSTERS": 4, "SEED": 1,
                                         "OUTPUT": str(tmp_path / "k.tif"), "CENTERS": str(tmp_path / "c.csv")})
    found = gdal.Open(clusters["OUTPUT"]).ReadAsArray()
    assert found.shape == (rows, cols) and found.min() >= 1
    ari = adjusted_rand_score(labels.ravel(), found.ravel())
    assert ari > 0.98


def test_inputs_are_never_replaced_or_changed(run_alg, tmp_path):
    import hashlib

    inputs = tmp_path / "in"
    inputs.mkdir()
    data = write_v73(inputs / "scene.mat", {"cube": scene(ROWS, COLS, BANDS)})
    truth = write_v5(inputs / "gt.mat", {"gt": np.ones((ROWS, COLS), np.uint8)})
    digests = {p: hashlib.sha256(open(p, "rb").read()).hexdigest() for p in (data, truth)}
    for dest, target in (("OUTPUT", data), ("TRUTH_OUTPUT", truth), ("TRUTH_OUTPUT", data)):
        params = {"INPUT": data, "TRUTH_FILE": truth, "OUTPUT": str(tmp_path / "o.tif"),
                  "TRUTH_OUTPUT": str(tmp_path / "t.tif"), dest: target}
        with pytest.raises(QgsProcessingException, match=dest):
            run_alg("hyspec:importmat", params)
    run_alg("hyspec:importmat", {"INPUT": data, "TRUTH_FILE": truth, "OUTPUT": str(tmp_path / "o.tif"),
                                 "TRUTH_OUTPUT": str(tmp_path / "t.tif")})
    assert {p: hashlib.sha256(open(p, "rb").read()).hexdigest() for p in (data, truth)} == digests
    assert sorted(os.listdir(inputs)) == ["gt.mat", "scene.mat"]  # nothing written beside the inputs


def test_truth_output_created_by_the_dialog_is_not_loaded_without_truth(hyspec_provider, tmp_path):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingOutputLayerDefinition, QgsProject

    path = write_v5(tmp_path / "scene.mat", {"cube": scene(ROWS, COLS, BANDS)})
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    outputs = {name: QgsProcessingOutputLayerDefinition(str(tmp_path / f"{name}.tif"), QgsProject.instance())
               for name in ("OUTPUT", "TRUTH_OUTPUT")}  # as the dialog asks for both
    result = processing.run("hyspec:importmat", {"INPUT": path, **outputs}, context=context)
    assert result["TRUTH_OUTPUT"] is None and not (tmp_path / "TRUTH_OUTPUT.tif").exists()
    assert list(context.layersToLoadOnCompletion()) == [str(tmp_path / "OUTPUT.tif")]
