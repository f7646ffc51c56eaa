"""Layer Properties and the first draw of a full-size cube in a real QGIS 3.22 desktop window (Xvfb).

Issue 12: on our pixel-interleaved cubes QGIS froze in Layer Properties (statistics of every band, each band read
decoding the whole cube) and drew slowly. The cube here is a full NEON tile, 1000 x 1000 px x 426 bands, written by
RasterWriter (int16 with NEON's 1/10000 scale, as ``importneon ENCODING=int16`` writes it: half the bytes of float32,
the same layout and statistics code; benchmarks/bench_layout.py measures float32). The session
(tests/desktop_layer_session.py) styles it as our algorithms do, adds it, draws it, opens QgsRasterLayerProperties on
the Information page and on Symbology, and takes screenshots. Asserted: everything finishes, and the statistics QGIS
shows are the ones stored in the file (exact values, no "approximate" flag: QGIS computed nothing). No timings are
asserted; they are printed. ``HYSPEC_SCREENSHOTS=docs`` copies the screenshots into docs/.
"""
import os
import shutil

import numpy as np
import pytest
from osgeo import gdal, osr

from hyspec_qgis.core.engine.linalg import matmul
from hyspec_qgis.core.io.band_metadata import read_band_statistics
from hyspec_qgis.core.io.raster_writer import RasterWriter
from hyspec_qgis.core.io.sample import EAST0, NORTH0, material_spectra, neon_wavelengths, smooth_abundances
from tests.desktop_runner import run_session
from tests.qgis_process import ROOT

gdal.UseExceptions()
SESSION = os.path.join(ROOT, "tests", "desktop_layer_session.py")
SIZE, BANDS = 1000, 426
CHECK_BANDS = [1, 14, 34, 54, 213, 426]


def write_full_tile(path, rows=SIZE, cols=SIZE, bands=BANDS, seed=0):
    """A NEON-like 1000 x 1000 x 426 tile (five materials, smooth abundances, noise, a no-data corner) streamed
    through RasterWriter as int16 reflectance x 10000, in 32-row blocks as our walker writes."""
    rng = np.random.default_rng(seed)
    wl = neon_wavelengths(bands).astype(np.float32)  # as NEON files carry them
    spectra = material_spectra(wl).astype(np.float32)  # (bands, 5)
    abundances = smooth_abundances(rows, cols, spectra.shape[1], rng)
    noise = rng.normal(0.0, 0.002, (32 * cols + 7, bands)).astype(np.float32)  # reused, shifted: random draws of
    srs = osr.SpatialReference()  # 426 million values would take longer than the write
    srs.ImportFromEPSG(32618)
    wkt = srs.ExportToWkt()
    with RasterWriter(path, width=cols, height=rows, bands=bands, geotransform=(EAST0, 1.0, 0.0, NORTH0, 0.0, -1.0),
                      crs_wkt=wkt, dtype="int16", nodata=-9999, scale=1e-4, offset=0.0, wavelengths=wl) as writer:
        for r in range(0, rows, 32):
            n = min(32, rows - r)
            refl = matmul(abundances[r:r + n].reshape(-1, spectra.shape[1]), spectra.T)
            shift = (r // 32) % 7
            refl += noise[shift:shift + refl.shape[0]]
            block = np.round(refl * 10000.0).astype(np.int16).reshape(n, cols, bands)
            if r < 40:
                block[:, :40] = -9999  # a no-data corner
            writer.write(block, r)
    return path


def _run_session(job, tmp_path):
    return run_session(SESSION, job, tmp_path, "HYSPEC_LAYER_JOB")


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("layer_desktop")
    raster = os.environ.get("HYSPEC_LAYER_RASTER") or write_full_tile(str(tmp_path / "reflectance.tif"))
    stored = {}
    ds = gdal.Open(raster)
    for b in CHECK_BANDS:
        info = read_band_statistics(ds.GetRasterBand(b))
        band = ds.GetRasterBand(b)
        stored[b] = (info, band.GetScale() or 1.0, band.GetOffset() or 0.0)
    ds = None
    job = {"raster": raster, "result": str(tmp_path / "result.json"), "out": str(tmp_path),
           "check_bands": CHECK_BANDS}
    result = _run_session(job, tmp_path)
    target = os.environ.get("HYSPEC_SCREENSHOTS")
    if target:
        folder = target if os.path.isabs(target) else os.path.join(ROOT, target)
        for path in result["screenshots"].values():
            shutil.copy(path, os.path.join(folder, os.path.basename(path)))
    print("\nfull-size cube in QGIS:", {k: round(v, 3) for k, v in result.items() if k.endswith("_s")})
    return job, result, stored


def test_the_layer_loads_styled_from_the_stored_histograms_and_draws(session):
    _, result, stored = session
    assert result["style_messages"] == ["Style: 2-98 % stretch of band(s) 54, 34, 14 from the histograms stored in "
                                        "the file"]
    assert result["renderer"] == "multibandcolor" and result["rgb"] == [54, 34, 14]
    for (lo, hi), band in zip(result["rgb_limits"], result["rgb"]):
        info, scale, offset = stored[band]
        cut = info.cut()
        assert (lo, hi) == pytest.approx((cut[0] * scale + offset, cut[1] * scale + offset), abs=1e-9)
        assert info.minimum * scale < lo < hi < info.maximum * scale
    assert result["first_draw_s"] > 0 and result["canvas_size"][0] > 500


def test_layer_properties_show_the_statistics_stored_in_the_file(session):
    _, result, stored = session
    assert result["information_page"] and result["symbology_page"]
    assert result["html_bands_with_statistics"] == BANDS  # every band's statistics on the Information page...
    assert not result["html_has_approximate"]  # ...none computed (QGIS's own would be flagged approximate)
    for b in CHECK_BANDS:
        info, scale, offset = stored[b]
        qgis_min, qgis_max = result["qgis_band_statistics"][str(b)]
        assert qgis_min == pytest.approx(info.minimum * scale + offset, rel=1e-12)  # exact: read, not sampled
        assert qgis_max == pytest.approx(info.maximum * scale + offset, rel=1e-12)


def test_screenshots_show_the_cube_and_the_dialog(session):
    _, result, _ = session
    shots = result["screenshots"]
    assert set(shots) == {"layer_canvas.png", "layer_properties_information.png", "layer_properties_symbology.png",
                          "layer_window.png"}
    ds = gdal.Open(shots["layer_canvas.png"])
    canvas = np.moveaxis(ds.ReadAsArray()[:3], 0, -1).astype(int)
    assert canvas.reshape(-1, 3).std(axis=0).max() > 10  # the cube is drawn in colour, not a blank canvas
    for name in ("layer_properties_information.png", "layer_properties_symbology.png"):
        shot = gdal.Open(shots[name])
        assert shot.RasterXSize >= 800 and shot.RasterYSize >= 600
