"""SAM / SID at the edges: angles down to 1e-3 rad within 1e-6 rad, values scaled by 1e30 (or 1e-30), and
libraries of thousands of spectra (one colour each, distinct and stable)."""
import numpy as np
import pytest
from osgeo import gdal

from hyspec_qgis.core import SpectralRaster
from hyspec_qgis.core.io.raster_writer import class_colors
from hyspec_qgis.core.io.spectra_csv import Spectra, match_to_raster, read_spectra_csv
from hyspec_qgis.core.methods.classify import classify_array, classify_raster, make_scorer
from tests.test_scale_core import scaled

FIRST_TEN = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189), (140, 86, 75),
             (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207)]


def reference_angles(x, lib):
    """float64 angles of the float32 pixels as given: 2 atan2(|u - v|, |u + v|), accurate at every angle."""
    u = x.astype(np.float64)
    u /= np.linalg.norm(u, axis=1, keepdims=True)
    v = lib / np.linalg.norm(lib, axis=1, keepdims=True)
    return np.stack([2 * np.arctan2(np.linalg.norm(u - e, axis=1), np.linalg.norm(u + e, axis=1)) for e in v], 1)


def pixels_at_angles(lib0, angles, rng):
    """float32 pixels at the given angles from lib0, in random directions and at random brightness."""
    e = lib0 / np.linalg.norm(lib0)
    perp = rng.standard_normal((angles.size, e.size))
    perp -= (perp @ e)[:, None] * e
    perp /= np.linalg.norm(perp, axis=1, keepdims=True)
    x = np.cos(angles)[:, None] * e + np.sin(angles)[:, None] * perp
    return (x * rng.uniform(0.05, 3.0, (angles.size, 1)) * 0.3).astype(np.float32)


@pytest.mark.parametrize("b", [362, 426])
def test_sam_angles_within_1e6_rad_of_float64_down_to_1e3_rad(b):
    rng = np.random.default_rng(b)
    lib = rng.uniform(0.02, 0.6, (3, b))
    angles = np.geomspace(1e-3, 1.5, 3000)
    x = pixels_at_angles(lib[0], angles, rng)
    ref = reference_angles(x, lib)
    got = make_scorer("sam", lib).score(x)
    assert ref[:, 0].min() < 1.1e-3  # the test reaches the small angles it claims
    np.testing.assert_allclose(got, ref, rtol=0, atol=1e-6)
    # The float32 arccos of a float32 cosine was 4.7e-5 rad off at 0.009 rad: check that region specifically.
    near = np.abs(ref[:, 0] - 0.009) < 1e-3
    assert near.sum() > 50 and np.abs(got[near, 0] - ref[near, 0]).max() < 1e-7


def test_a_tight_sam_threshold_splits_pixels_a_few_microradians_apart():
    rng = np.random.default_rng(5)
    lib = rng.uniform(0.02, 0.6, (2, 362))
    x = pixels_at_angles(lib[0], np.full(400, 0.009) + rng.uniform(-2e-5, 2e-5, 400), rng)
    ref = reference_angles(x, lib)[:, 0]
    limit = float(np.median(ref))
    labels, _, _ = classify_array(x, lib[:1], "sam", limit)
    keep = np.abs(ref - limit) > 1e-6
    assert keep.sum() > 350
    assert np.array_equal(labels[keep], np.where(ref[keep] <= limit, 1, 0))


@pytest.mark.parametrize("factor", [1e30, 1e-30])
@pytest.mark.parametrize("method,mode,threshold", [("sam", "absolute", 0.2), ("sid", "absolute", 0.06),
                                                    ("sam", "relative", 0.1), ("sid", "relative", 0.05)])
def test_scaled_rasters_classify_as_the_original(clean_unmix_tile, truth_library_csv, tmp_path, factor, method, mode,
                                                  threshold):
    """SAM and SID do not depend on a spectrum's scale: x 1e30 (where float32 squares overflow) or x 1e-30 (where
    they underflow) gives the original's classes and scores."""
    path, valid = scaled(clean_unmix_tile, factor, str(tmp_path / "scaled.tif"))
    base = classify_raster(clean_unmix_tile, truth_library_csv, str(tmp_path / "a.tif"), method=method, mode=mode,
                           thresholds=threshold, rule=str(tmp_path / "ra.tif"))
    result = classify_raster(path, truth_library_csv, str(tmp_path / "b.tif"), method=method, mode=mode,
                             thresholds=threshold, rule=str(tmp_path / "rb.tif"))
    assert base.n_unclassified < base.n_valid and len({c for c in base.counts.values() if c}) > 1  # not one class
    assert result.n_valid == base.n_valid and result.n_unclassified == pytest.approx(base.n_unclassified, abs=3)
    a, b = (gdal.Open(str(tmp_path / n)).ReadAsArray().reshape(-1) for n in ("a.tif", "b.tif"))
    assert np.mean(a[valid] == b[valid]) > 0.999  # float32 rounding of the scaled values may move a pixel at a limit
    ra, rb = (gdal.Open(str(tmp_path / n)).ReadAsArray().reshape(4, -1)[:, valid] for n in ("ra.tif", "rb.tif"))
    np.testing.assert_allclose(rb, ra, rtol=1e-4, atol=1e-6)


def test_class_colors_are_linear_distinct_and_stable():
    colors = class_colors(10_000)
    assert len(colors) == 10_000 and len(set(colors)) == 10_000
    assert colors[:10] == FIRST_TEN  # the tutorial's maps keep their colours
    assert colors[:300] == class_colors(300) and len(set(colors[:300])) == 300
    assert all(all(0 <= c <= 255 for c in rgb) for rgb in colors[:500])
    assert class_colors(65_535)[:10_000] == colors and len(set(class_colors(65_535))) == 65_535


def test_a_library_of_thousands_of_spectra_classifies_with_one_colour_per_class(clean_unmix_tile, truth_library_csv,
                                                                               tmp_path):
    """10 000 spectra (the 4 materials, each with small random variants): UInt16 classes, 10 000 palette entries
    and names; every pixel goes to the closest spectrum, as in memory."""
    raster = SpectralRaster(clean_unmix_tile)
    base = match_to_raster(read_spectra_csv(truth_library_csv), raster.wavelengths, raster.count).values.T
    rng = np.random.default_rng(0)
    k = 10_000
    lib = base[np.arange(k) % 4] * rng.uniform(0.9, 1.1, (k, base.shape[1]))
    names = [f"s{i}" for i in range(k)]
    out = str(tmp_path / "many.tif")
    classify_raster(raster, Spectra(names, lib.T, raster.wavelengths), out, method="sam", thresholds=0.3)
    ds = gdal.Open(out)
    band = ds.GetRasterBand(1)
    assert band.DataType == gdal.GDT_UInt16 and band.GetRasterColorTable().GetCount() >= k + 1
    table = band.GetRasterColorTable()
    entries = [table.GetColorEntry(i + 1)[:3] for i in range(300)]
    assert entries == class_colors(300) and len(set(entries)) == 300
    assert len(band.GetCategoryNames()) == k + 1
    block = next(raster.blocks(rows=raster.height))
    expected, _, _ = classify_array(block.data[block.valid], lib, "sam", 0.3)
    got = band.ReadAsArray().reshape(-1)[block.valid]
    assert np.mean(got == expected) > 0.999 and len(np.unique(got)) > 20
