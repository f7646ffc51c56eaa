"""The spectral profile tool in a real QGIS desktop window (QGIS 3.22 under Xvfb), driven by real mouse clicks.

One QGIS session (tests/desktop_profile_session.py, about 10 s) loads the cleaned 174-band tile, activates the tool
from its toolbar button, clicks known pixels (kept and current), off the raster, on no-data, on a raster without
wavelengths and on a canvas in EPSG:4326, overlays a spectra CSV, exports, takes screenshots, draws the same curves
without matplotlib, and unloads the plugin. This test checks all of that against GDAL reads and the CSV readers.

Screenshots go to the test's temporary folder; ``HYSPEC_SCREENSHOTS=docs`` copies them into docs/ (how the README's
pictures are made). Skips only where no X server can be started.
"""
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest
from osgeo import gdal

from hyspec_qgis.core import SpectralRaster, match_to_raster, read_spectra_csv
from hyspec_qgis.core.io.profile_spectra import PIXEL_COLORS
from hyspec_qgis.core.io.raster_writer import class_colors
from tests.desktop_runner import run_session
from tests.qgis_process import ROOT
from tests.test_pixel_spectrum_core import write_neon_envi

gdal.UseExceptions()
SESSION = os.path.join(ROOT, "tests", "desktop_profile_session.py")


def _pixels(path):
    ds = gdal.Open(path)
    cube = ds.ReadAsArray()  # (bands, rows, cols): a 60 x 80 x 174 test tile
    nodata = ds.GetRasterBand(1).GetNoDataValue()
    return cube, ~(cube == nodata).any(axis=0), (cube == nodata).all(axis=0)


def _nearest_valid(valid, row, col):
    rr, cc = np.nonzero(valid)
    k = int(np.argmin((rr - row) ** 2 + (cc - col) ** 2))
    return int(rr[k]), int(cc[k])


def _image(path):
    ds = gdal.Open(path)
    return np.moveaxis(ds.ReadAsArray()[:3], 0, -1).astype(int)  # (h, w, rgb)


def _count(img, color, tol=0):
    return int((np.abs(img - np.array(color)) <= tol).all(axis=-1).sum())


def _run_session(job, tmp_path):
    return run_session(SESSION, job, tmp_path, "HYSPEC_PROFILE_JOB", with_repo_on_path=False)


@pytest.fixture(scope="module")
def session(clean_kmeans_tile, truth_library_csv, tmp_path_factory, make_raster):
    tmp_path = tmp_path_factory.mktemp("profile_desktop")
    cube, valid, nodata = _pixels(clean_kmeans_tile)
    assert nodata.any(), "the sample tile has a no-data wedge"
    raster = SpectralRaster(clean_kmeans_tile)
    rgb = make_raster(tmp_path / "photo.tif", np.full((60, 80, 3), 120, np.uint8), geotransform=raster.geotransform,
                      crs=raster.crs_wkt)
    clicks = [dict(zip(("row", "col"), _nearest_valid(valid, r, c)), keep=keep)
              for r, c, keep in ((10, 25, True), (40, 60, True), (25, 45, False))]
    nr, nc = (int(v[0]) for v in np.nonzero(nodata))
    envi, envi_raw = write_neon_envi(tmp_path)
    job = {"raster": clean_kmeans_tile, "csv": truth_library_csv, "rgb": rgb, "envi": envi, "clicks": clicks,
           "nodata_pixel": [nr, nc], "crs_pixel": list(_nearest_valid(valid, 30, 15)),
           "export": str(tmp_path / "exported.csv"), "result": str(tmp_path / "result.json"), "out": str(tmp_path)}
    result = _run_session(job, tmp_path)
    target = os.environ.get("HYSPEC_SCREENSHOTS")
    if target:
        folder = target if os.path.isabs(target) else os.path.join(ROOT, target)
        for path in result["screenshots"].values():
            shutil.copy(path, os.path.join(folder, os.path.basename(path)))
    job["envi_raw"] = envi_raw[0, :, 3].tolist()  # pixel (row 0, col 3): bands of line 0, sample 3 (BIL)
    job["envi_raw_partial"] = envi_raw[2, :, 0].tolist()
    return job, result, cube


def test_toolbar_button_and_raster_menu_entry_activate_the_tool_and_dock(session):
    _, result, _ = session
    assert result["plugin_loaded"]
    assert result["gui_imported_at_start"] == []  # the dock and matplotlib load on first use, not at start-up
    assert result["toolbar"] == ["Spectral profile"] and result["icon_ok"]
    assert result["raster_menu"] == ["Hyperspectral (NEON AOP)"]
    assert result["dock_visible"] and result["tool_active"] and result["action_checked"]
    assert result["dock_layer"] == "clean_kmeans"  # follows the layer selected in the Layers panel
    try:
        import matplotlib.backends.backend_qtagg  # noqa: F401
    except ImportError:
        assert result["backend"] == "painter"
    else:
        assert result["backend"] == "matplotlib"


def test_clicked_spectra_equal_gdal_reads(session):
    job, result, cube = session
    names = []
    for step in result["steps"]:
        click = step["click"]
        assert step["message"].startswith(f"clean_kmeans: row {click['row']}, col {click['col']}, 174 bands"), step
        names.append(f"clean_kmeans r{click['row']} c{click['col']}")
    assert result["steps"][0]["kept"] == names[:1] and result["steps"][1]["kept"] == names[:2]  # Shift-click keeps
    assert result["steps"][2]["current"] == names[2] and result["steps"][2]["kept"] == names[:2]
    assert result["after_add"] == {"kept": names, "current": None}  # the Add button keeps the current spectrum
    pixels = {c["name"]: c for c in result["curves"] if c["kind"] == "pixel"}
    crs_row, crs_col = job["crs_pixel"]
    assert set(pixels) == set(names) | {f"clean_kmeans r{crs_row} c{crs_col}"}
    for curve in pixels.values():
        expected = cube[:, curve["row"], curve["col"]]
        np.testing.assert_array_equal(np.array(curve["values"], np.float32), expected)  # exactly GDAL's float32
        assert curve["x"] == 368000.0 + curve["col"] + 0.5 and curve["y"] == 4306060.0 - curve["row"] - 0.5
    colors = [tuple(pixels[n]["color"]) for n in names]
    assert len(set(colors)) == 3 and all(c in PIXEL_COLORS for c in colors)
    legend = result["legend"]
    first = job["clicks"][0]
    assert legend[0] == (f"clean_kmeans: row {first['row']}, col {first['col']} "
                         f"({368000.0 + first['col'] + 0.5:.1f}, {4306060.0 - first['row'] - 0.5:.1f})")
    tips = result["legend_tooltips"]
    assert tips[0].split("\n")[1:] == ["Coordinates in EPSG:32618", job["raster"], f"CSV column: {names[0]}"]
    assert legend[3].endswith(" (current)") and f"row {crs_row}, col {crs_col} " in legend[3]  # the last click
    assert legend[4:] == ["vegetation (U.csv)", "soil (U.csv)", "water (U.csv)", "roof (U.csv)"]


def test_clicks_outside_on_no_data_and_on_a_raster_without_wavelengths(session):
    job, result, _ = session
    assert result["outside"]["message"] == "clean_kmeans: the point is outside the raster."
    assert result["outside"]["current"] == result["steps"][2]["current"]  # the shown spectrum stays
    r, c = job["nodata_pixel"]
    assert result["nodata"]["message"] == f"clean_kmeans: no data at this pixel (row {r}, col {c})."
    assert result["rgb"]["combo"] == "photo" and result["after_add"]["current"] is None
    assert "photo.tif has no wavelength metadata, which a spectral profile needs" in result["rgb"]["message"]


def test_neon_envi_layer(session):
    job, result, _ = session
    envi = result["envi"]
    assert envi["combo"] == "neon_envi" and envi["message"] == "neon_envi: row 0, col 3, 5 bands"
    np.testing.assert_allclose(envi["curve"]["values"], np.array(job["envi_raw"]) / 10000.0, rtol=1e-6)
    assert (envi["curve"]["x"], envi["curve"]["y"]) == (368003.5, 4306059.5)
    partial = result["envi_partial"]  # pixel (row 2, col 0) has one no-data band: drawn with a gap, and said
    assert partial["message"] == "neon_envi: row 2, col 0, 5 bands; 1 bands are no-data (gaps in the line)"
    assert partial["label"] == "neon_envi: row 2, col 0 (368000.5, 4306057.5) [1 no-data bands]"
    assert partial["curve"]["values"][3] is None and partial["curve"]["n_missing"] == 1
    expected = np.array(job["envi_raw_partial"], float) / 10000.0
    np.testing.assert_allclose([v for k, v in enumerate(partial["curve"]["values"]) if k != 3],
                               np.delete(expected, 3), rtol=1e-6)


def test_click_on_a_canvas_in_another_crs(session):
    job, result, cube = session
    crs = result["crs_click"]
    assert crs["canvas_crs"] == "EPSG:4326"
    curve = crs["curve"]
    assert [curve["row"], curve["col"]] == job["crs_pixel"]
    np.testing.assert_array_equal(np.array(curve["values"], np.float32), cube[:, curve["row"], curve["col"]])
    # Markers placed while the canvas was in EPSG:4326 move back onto their pixel centres in UTM.
    assert len(result["markers_utm"]) == 4
    for mx, my, x, y in result["markers_utm"]:
        assert abs(mx - x) < 1e-6 and abs(my - y) < 1e-6


def test_csv_overlay_in_class_colours_and_export(session, truth_library_csv, clean_kmeans_tile):
    job, result, cube = session
    overlay = result["overlay"]
    assert overlay["message"] == "U.csv: 4 spectra"
    assert [c["name"] for c in overlay["curves"]] == ["vegetation", "soil", "water", "roof"]
    assert [tuple(c["color"]) for c in overlay["curves"]] == class_colors(4)
    lib = read_spectra_csv(truth_library_csv)
    for j, curve in enumerate(overlay["curves"]):
        np.testing.assert_array_equal(curve["values"], lib.values[:, j])
    assert result["export"]["message"] == f"Exported 8 spectra (174 bands) to {job['export']}"
    back = read_spectra_csv(job["export"], "ENDMEMBERS")
    assert back.names == [c["name"] for c in result["curves"]]
    raster = SpectralRaster(clean_kmeans_tile)
    matched = match_to_raster(back, raster.wavelengths, raster.count, "START_CENTERS", job["export"])
    np.testing.assert_array_equal(matched.wavelengths, raster.wavelengths)
    for j, curve in enumerate(result["curves"]):
        if curve["kind"] == "pixel":
            np.testing.assert_array_equal(back.values[:, j].astype(np.float32), cube[:, curve["row"], curve["col"]])
    np.testing.assert_array_equal(back.values[:, 4:], match_to_raster(lib, raster.wavelengths, raster.count).values)


def test_screenshots_show_the_spectra_and_markers(session):
    _, result, _ = session
    shots = result["screenshots"]
    dock = _image(shots["profile_tool.png"])
    assert dock.shape[:2] == (result["dock_size"][1], result["dock_size"][0])
    pixel_colors = [tuple(c["color"]) for c in result["curves"] if c["kind"] == "pixel"]
    for color in class_colors(4) + pixel_colors:  # every line is drawn (antialiased: count near-exact pixels)
        assert _count(dock, color, tol=12) > 30, color
    canvas = _image(shots["profile_tool_canvas.png"])
    assert canvas.shape[0] > 400 and canvas.shape[1] > 500
    assert canvas.reshape(-1, 3).std(axis=0).max() > 10  # the raster is drawn, not a blank canvas
    for color in pixel_colors:  # one box marker per spectrum, in its curve's colour
        assert _count(canvas, color, tol=12) > 20, color
    window = _image(shots["profile_tool_window.png"])
    assert window.shape[0] >= canvas.shape[0] and window.shape[1] >= canvas.shape[1] + dock.shape[1] // 2
    painter = _image(result["painter"]["path"])
    assert result["painter"]["backend"] == "painter"
    for color in class_colors(4) + pixel_colors[:2]:
        assert _count(painter, color, tol=12) > 30, color


def test_closing_the_dock_hides_markers_and_a_click_brings_it_back(session):
    job, result, _ = session
    assert result["closed"] == {"visible": False, "markers": 0}
    first = job["clicks"][0]
    assert result["reopened"] == {"visible": True, "markers": 4,  # 3 kept + the new current
                                  "current": f"clean_kmeans r{first['row']} c{first['col']} (2)"}


def test_unload_removes_everything(session):
    _, result, _ = session
    after = result["after_unload"]
    assert result["markers_before_unload"] == 4
    assert after == {"toolbar": [], "menu": [], "submenus": [], "docks": [], "markers": 0,
                     "map_tool": after["map_tool"]}
    assert after["map_tool"] != "ProfileMapTool"


def test_headless_initprocessing_imports_no_gui():
    """qgis_process calls initProcessing only: neither the profile GUI nor matplotlib is imported."""
    code = ("import sys\nfrom qgis.core import QgsApplication\napp = QgsApplication([], False)\napp.initQgis()\n"
            "from hyspec_qgis import classFactory\nplugin = classFactory(None)\nplugin.initProcessing()\n"
            "print('LOADED', sorted(m for m in sys.modules if m.startswith('hyspec_qgis.gui') or "
            "m.split('.')[0] == 'matplotlib'))\nplugin.unload()\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=ROOT)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("LOADED")]
    assert line == ["LOADED []"], proc.stdout + proc.stderr[-2000:]
