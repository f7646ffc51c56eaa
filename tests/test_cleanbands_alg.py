"""hyspec:cleanbands through QGIS Processing (pytest-qgis) and through bin/qgis_process: the tutorial recipes, the
log, the output layer (wavelengths, no-data, georeference, true-colour style), EXTENT in another CRS, ENVI and
no-wavelength inputs, and bad parameters that stop with a clear error and no output."""
import os

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
)

from hyspec_qgis.core import SpectralRaster
from hyspec_qgis.core.io.sample import EAST0, NORTH0, neon_wavelengths
from tests.leftovers import partials
from tests.qgis_process import run_json
from tests.rasters import label_wavelength
from tests.test_bands_core import write_envi_from_neon

KMEANS = {"DROP_FIRST": 10, "DROP_LAST": 15, "BAND_STEP": 2}


def no_output(folder, out):
    return not os.path.exists(out) and partials(folder) == []


def test_provider_lists_cleanbands_with_documented_help(hyspec_provider):
    alg = hyspec_provider.algorithm("cleanbands")
    assert alg is not None and alg.id() == "hyspec:cleanbands"
    names = [p.name() for p in alg.parameterDefinitions()]
    assert names == ["INPUT", "WATER_WINDOWS", "DROP_FIRST", "DROP_LAST", "BAND_STEP", "WAVELENGTH_MIN",
                     "WAVELENGTH_MAX", "EXTENT", "OUTPUT"]
    defaults = {p.name(): p.defaultValue() for p in alg.parameterDefinitions()}
    assert (defaults["DROP_FIRST"], defaults["DROP_LAST"], defaults["BAND_STEP"]) == (0, 10, 1)
    assert not defaults["WATER_WINDOWS"]
    assert all(p.help() for p in alg.parameterDefinitions())
    text = alg.shortHelpString()
    for fact in ("362", "174", "360", "173", "DROP_FIRST 10, DROP_LAST 15, BAND_STEP 2", "inclusive", "1340-1445;1790-1955"):
        assert fact in text, fact


def test_endmember_recipe_is_the_default(run_alg, imported_tile, tmp_path):
    out = str(tmp_path / "clean.tif")
    result = run_alg("hyspec:cleanbands", {"INPUT": imported_tile, "OUTPUT": out})
    assert result == {"OUTPUT": out, "BANDS": 362}
    log = run_alg.feedback.messages
    assert any("WATER_WINDOWS_NM" in m for m in log)  # the windows the importer recorded from the NEON file
    assert "removed 10 bands (DROP_LAST): 417-426 (2467.02-2512.09 nm)" in log
    assert "removed 21 bands (water window 1340-1445 nm): 192-212 (1340.33-1440.48 nm)" in log
    assert "kept 362 of 426 bands" in log
    layer = QgsRasterLayer(out, "clean")
    assert layer.isValid() and layer.bandCount() == 362
    assert layer.crs().authid() == "EPSG:32618"
    ext = layer.extent()
    assert (ext.xMinimum(), ext.yMinimum(), ext.xMaximum(), ext.yMaximum()) == (EAST0, NORTH0, EAST0 + 80, NORTH0 + 60)
    renderer = layer.renderer()  # the .qml sidecar: true colour from the bands nearest 650/550/450 nm
    assert renderer.type() == "multibandcolor"
    rgb = (renderer.redBand(), renderer.greenBand(), renderer.blueBand())
    wl = SpectralRaster(out).wavelengths
    assert rgb == tuple(int(np.abs(wl - target).argmin()) + 1 for target in (650, 550, 450))
    assert [round(label_wavelength(layer.bandName(b))[1], 3) for b in rgb] == [649.284, 549.133, 448.982]


def test_kmeans_recipe_values_nodata_and_metadata(run_alg, imported_tile, tmp_path):
    out = str(tmp_path / "k.tif")
    assert run_alg("hyspec:cleanbands", {"INPUT": imported_tile, **KMEANS, "OUTPUT": out})["BANDS"] == 174
    assert "removed 173 bands (BAND_STEP 2: every 2nd remaining band kept)" in run_alg.feedback.messages
    src, got = SpectralRaster(imported_tile), SpectralRaster(out)
    keep = [int(b) - 1 for b in got.metadata["HYSPEC_KEPT_BANDS"].split(",")]
    assert keep[:3] == [10, 12, 14] and len(keep) == 174
    np.testing.assert_allclose(got.wavelengths, src.wavelengths[keep], rtol=1e-6)
    raw = gdal.Open(imported_tile).ReadAsArray(interleave="pixel")
    np.testing.assert_array_equal(gdal.Open(out).ReadAsArray(interleave="pixel"), raw[:, :, keep])
    assert got.nodata[0] == -9999 and (raw == -9999).any()
    assert got.geotransform == src.geotransform


def test_chain_importneon_then_cleanbands(run_alg, neon_tile, tmp_path):
    refl = run_alg("hyspec:importneon", {"INPUT": neon_tile[0], "ENCODING": "int16",
                                         "OUTPUT": str(tmp_path / "refl.tif")})["OUTPUT"]
    out = str(tmp_path / "clean.tif")
    assert run_alg("hyspec:cleanbands", {"INPUT": refl, **KMEANS, "OUTPUT": out})["BANDS"] == 174
    ds = gdal.Open(out)
    assert ds.GetRasterBand(1).DataType == gdal.GDT_Float32 and ds.GetRasterBand(1).GetScale() in (None, 1.0)
    data = ds.ReadAsArray()
    valid = data[:, data[0] != -9999]
    assert 0 < valid.mean() < 1  # reflectance 0-1: the int16 scale factor was applied


def test_extent_in_another_crs(run_alg, imported_tile, tmp_path):
    utm, wgs = QgsCoordinateReferenceSystem("EPSG:32618"), QgsCoordinateReferenceSystem("EPSG:4326")
    box = QgsRectangle(EAST0 + 20.5, NORTH0 + 30.5, EAST0 + 40.5, NORTH0 + 40.5)
    geo = QgsCoordinateTransform(utm, wgs, QgsProject.instance()).transformBoundingBox(box)
    extent = f"{geo.xMinimum()!r},{geo.xMaximum()!r},{geo.yMinimum()!r},{geo.yMaximum()!r} [EPSG:4326]"
    out = str(tmp_path / "sub.tif")
    run_alg("hyspec:cleanbands", {"INPUT": imported_tile, "EXTENT": extent, "BAND_STEP": 50, "OUTPUT": out})
    ds = gdal.Open(out)
    gt = ds.GetGeoTransform()
    assert gt[0] == int(gt[0]) and gt[3] == int(gt[3]) and gt[1] == 1.0  # the input's pixel grid
    assert gt[0] <= EAST0 + 20.5 and gt[0] + ds.RasterXSize >= EAST0 + 40.5
    assert gt[3] >= NORTH0 + 40.5 and gt[3] - ds.RasterYSize <= NORTH0 + 30.5
    assert ds.RasterXSize <= 23 and ds.RasterYSize <= 13
    col, row = int(gt[0] - EAST0), int(NORTH0 + 60 - gt[3])
    full = gdal.Open(imported_tile).ReadAsArray(col, row, ds.RasterXSize, ds.RasterYSize)
    assert ds.RasterCount == 8
    keep = [int(b) - 1 for b in ds.GetMetadataItem("HYSPEC_KEPT_BANDS").split(",")]
    np.testing.assert_array_equal(ds.ReadAsArray(), full[keep])


def test_envi_input_same_as_geotiff(run_alg, neon_tile, imported_tile, tmp_path):
    envi = write_envi_from_neon(neon_tile[0], str(tmp_path / "NEON_refl.dat"), SpectralRaster(imported_tile),
                                units="Nanometers", interleave="BSQ")
    a, b = str(tmp_path / "from_envi.tif"), str(tmp_path / "from_tif.tif")
    run_alg("hyspec:cleanbands", {"INPUT": envi, **KMEANS, "WATER_WINDOWS": "1340-1445;1790-1955", "OUTPUT": a})
    run_alg("hyspec:cleanbands", {"INPUT": imported_tile, **KMEANS, "OUTPUT": b})
    da, db = gdal.Open(a), gdal.Open(b)
    np.testing.assert_array_equal(da.ReadAsArray(), db.ReadAsArray())
    assert da.GetGeoTransform() == db.GetGeoTransform()
    assert da.GetMetadataItem("HYSPEC_KEPT_BANDS") == db.GetMetadataItem("HYSPEC_KEPT_BANDS")


def test_window_options_change_the_kept_bands(run_alg, imported_tile, tmp_path):
    counts = {}
    for name, params in {"none": {"WATER_WINDOWS": "none", "DROP_LAST": 0},
                         "one": {"WATER_WINDOWS": "1340-1445", "DROP_LAST": 0},
                         "range": {"WATER_WINDOWS": "none", "DROP_LAST": 0, "WAVELENGTH_MIN": 400,
                                   "WAVELENGTH_MAX": 1000}}.items():
        out = str(tmp_path / f"{name}.tif")
        counts[name] = run_alg("hyspec:cleanbands", {"INPUT": imported_tile, **params, "OUTPUT": out})["BANDS"]
        wl = SpectralRaster(out).wavelengths
        if name == "range":
            assert wl.min() >= 400 and wl.max() <= 1000
    wl = neon_wavelengths()
    assert counts == {"none": 426, "one": 426 - int(((wl >= 1340) & (wl <= 1445)).sum()),
                      "range": int(((wl >= 400) & (wl <= 1000)).sum())}
    assert counts["one"] == 405 and counts["range"] == 120


RGB = np.broadcast_to(np.array([50, 100, 150], np.uint8), (5, 6, 3))  # a 6 x 5 photo, 2 m pixels, no wavelengths
RGB_GEOTRANSFORM = (500000, 2, 0, 4000010, 0, -2)


def test_rgb_without_wavelengths_default_windows_are_skipped(run_alg, make_raster, tmp_path):
    rgb = make_raster(tmp_path / "photo.tif", RGB, geotransform=RGB_GEOTRANSFORM)
    out = str(tmp_path / "rb.tif")
    result = run_alg("hyspec:cleanbands", {"INPUT": rgb, "DROP_LAST": 0, "BAND_STEP": 2, "OUTPUT": out})
    assert result["BANDS"] == 2
    assert any("no wavelengths" in m and "skipped" in m for m in run_alg.feedback.messages)
    assert gdal.Open(out).ReadAsArray()[:, 0, 0].tolist() == [50.0, 150.0]


@pytest.mark.parametrize("params,name", [
    ({"WATER_WINDOWS": "1340-1445"}, "WATER_WINDOWS"),
    ({"WAVELENGTH_MAX": 700}, "WAVELENGTH_MAX"),
    ({"DROP_LAST": 10}, "DROP_FIRST \\+ DROP_LAST = 0 \\+ 10 removes all 3 bands"),
])
def test_rgb_wavelength_rules_fail_clearly(run_alg, make_raster, tmp_path, params, name):
    rgb = make_raster(tmp_path / "photo.tif", RGB, geotransform=RGB_GEOTRANSFORM)
    out = str(tmp_path / "o.tif")
    base = {"DROP_LAST": 0}
    with pytest.raises(QgsProcessingException, match=name):
        run_alg("hyspec:cleanbands", {"INPUT": rgb, **base, **params, "OUTPUT": out})
    assert no_output(tmp_path, out)


@pytest.mark.parametrize("params,match", [
    ({"WATER_WINDOWS": "1445-1340"}, "WATER_WINDOWS: window '1445-1340' has its lower bound above its upper bound"),
    ({"WATER_WINDOWS": "water"}, "WATER_WINDOWS: 'water' is not a window"),
    ({"BAND_STEP": 0}, "BAND_STEP: must be 1 or more"),
    ({"DROP_FIRST": -1}, "DROP_FIRST: must be 0 or more"),
    ({"WAVELENGTH_MIN": 2600}, "WAVELENGTH_MIN: no band is left"),
    ({"WAVELENGTH_MIN": 900, "WAVELENGTH_MAX": 800}, "WAVELENGTH_MIN .* is above WAVELENGTH_MAX"),
    ({"EXTENT": "0,10,0,10 [EPSG:32618]"}, "EXTENT: the extent does not overlap"),
])
def test_bad_parameters_give_clear_errors_and_no_output(run_alg, imported_tile, tmp_path, params, match):
    out = str(tmp_path / "bad.tif")
    with pytest.raises(QgsProcessingException, match=match):
        run_alg("hyspec:cleanbands", {"INPUT": imported_tile, **params, "OUTPUT": out})
    assert no_output(tmp_path, out)


def test_cancel_and_overwriting_the_input_write_nothing(run_alg, imported_tile, tmp_path):
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    out = str(tmp_path / "c.tif")
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_alg("hyspec:cleanbands", {"INPUT": imported_tile, "OUTPUT": out}, feedback=feedback)
    assert no_output(tmp_path, out)
    before = os.path.getmtime(imported_tile)
    with pytest.raises(QgsProcessingException, match="OUTPUT: .* is the same file as the input INPUT"):
        run_alg("hyspec:cleanbands", {"INPUT": imported_tile, "OUTPUT": imported_tile})
    assert os.path.getmtime(imported_tile) == before and SpectralRaster(imported_tile).count == 426


@pytest.mark.qgis_process
def test_chain_through_qgis_process(neon_tile, tmp_path):
    refl = str(tmp_path / "refl.tif")
    code, data, err = run_json("hyspec:importneon", INPUT=neon_tile[0], OUTPUT=refl)
    assert code == 0, err
    out = str(tmp_path / "clean.tif")
    code, data, err = run_json("hyspec:cleanbands", INPUT=refl, WATER_WINDOWS="1340-1445;1790-1955", DROP_FIRST=10,
                               DROP_LAST=15, BAND_STEP=2, OUTPUT=out)
    assert code == 0, err
    assert data["results"]["OUTPUT"] == out and data["results"]["BANDS"] == 174
    r = SpectralRaster(out)
    assert r.count == 174 and r.geotransform == (EAST0, 1.0, 0.0, NORTH0 + 60, 0.0, -1.0)
    assert r.wavelengths[0] == pytest.approx(433.96, abs=0.01)
    assert os.path.exists(os.path.splitext(out)[0] + ".qml")
    code, data, err = run_json("hyspec:cleanbands", INPUT=refl, BAND_STEP=0, OUTPUT=str(tmp_path / "bad.tif"))
    assert code != 0 and "BAND_STEP: must be 1 or more" in err
    assert not (tmp_path / "bad.tif").exists() and partials(tmp_path) == []
