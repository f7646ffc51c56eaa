"""SAM / SID classification in the core (no QGIS): pysptools' relative thresholds reproduced pixel for pixel,
absolute angles and divergences against their definitions, per-class thresholds, SELECT, no-data, SID with zeros and
negative values, streaming (block size and passes do not change anything), and clear errors with no output."""
import os

import numpy as np
import pytest
from osgeo import gdal

from hyspec_qgis.core import Cancelled, HyspecError, ParameterError, SpectraError, SpectralRaster
from hyspec_qgis.core.io.raster_writer import FLOAT_NODATA, RasterWriter
from hyspec_qgis.core.io.spectra_csv import Spectra, match_to_raster, read_spectra_csv, write_spectra_csv
from hyspec_qgis.core.methods.classify import (
    SID_FLOOR,
    Limits,
    ScoreRange,
    classify_array,
    classify_raster,
    label_scores,
    make_scorer,
    relative_library,
    relative_limits,
    sam_statistics,
)

gdal.UseExceptions()
FOUR = ["vegetation", "soil", "water", "roof"]  # the tutorial's 4 N-FINDR endmembers stand-in: U


@pytest.fixture(scope="module")
def pixels(clean_unmix_tile, truth_library_csv):
    """(valid pixels (n, b) float32, valid mask (h*w,), library on the raster's bands (4, b) float64)."""
    raster = SpectralRaster(clean_unmix_tile)
    block = next(raster.blocks(rows=raster.height))
    lib = match_to_raster(read_spectra_csv(truth_library_csv), raster.wavelengths, raster.count).values.T
    return block.data[block.valid], block.valid, lib


def read(path):
    ds = gdal.Open(path)
    return ds.ReadAsArray()


def pysptools_classify(method, x, lib, threshold):
    """pysptools on the valid pixels, as the tutorial calls it (float64 cube of shape (1, n, b))."""
    if not hasattr(np, "float"):
        np.float = float  # pysptools 0.15 on numpy >= 1.24 (reference tests only)
    if not hasattr(np, "int"):
        np.int = int
    import pysptools.classification as cls

    clf = cls.SAM() if method == "sam" else cls.SID()
    cmap = clf.classify(x.astype(np.float64)[None], lib, threshold=threshold)[0]
    scores = (clf.angles if method == "sam" else clf.sid)[0]
    return cmap.astype(int), scores


# --- relative mode: pysptools pixel for pixel ----------------------------------------------------------------------
@pytest.mark.reference
@pytest.mark.parametrize("method,select,threshold", [
    ("sid", "1,3,4", [0.8, 0.3, 0.03]),  # NEON's tutorial: SID(data, U[[0, 2, 3]], [0.8, 0.3, 0.03])
    ("sam", "1,3,4", [0.8, 0.3, 0.03]),  # the tutorial's exercise: the same with SAM
    ("sam", None, 0.1),  # pysptools' default threshold, one value for all classes
    ("sam", None, [0.1, 0.3, 0.05, 0.2]),
    ("sid", None, 0.004),  # one value: the range of all classes together (water reaches about 20 here)
    ("sid", "roof,vegetation", [0.1, 0.05]),
])
def test_relative_mode_equals_pysptools(clean_unmix_tile, truth_library_csv, pixels, tmp_path, method, select, threshold):
    x, valid, lib = pixels
    idx = [FOUR.index(s) if not s.isdigit() else int(s) - 1 for s in select.split(",")] if select else range(4)
    chosen = lib[list(idx)]
    expected, ref_scores = pysptools_classify(method, x, chosen, threshold)
    out, rule = str(tmp_path / "c.tif"), str(tmp_path / "r.tif")
    result = classify_raster(clean_unmix_tile, truth_library_csv, out, method=method, select=select, mode="relative",
                             thresholds=threshold, rule=rule)
    ours = read(out).reshape(-1)
    assert np.array_equal(ours[valid], expected), f"{np.sum(ours[valid] != expected)} pixels differ"
    assert np.all(ours[~valid] == 0)
    # The maps are not trivial: some pixels classified, some not, in more than one class.
    counts = np.bincount(expected, minlength=len(chosen) + 1)
    assert counts[0] > 0 and (counts[1:] > 0).sum() >= 2, counts
    # RULE: the score pysptools thresholds (SAM exactly: float64 with its rounding; SID: float32 arithmetic).
    scores = read(rule).reshape(len(chosen), -1).T
    atol = 1e-6 if method == "sam" else 1e-4
    np.testing.assert_allclose(scores[valid], ref_scores, rtol=2e-6, atol=atol)
    assert result.n_valid == valid.sum() and result.n_unclassified == counts[0]
    # The in-memory path is the same functions.
    labels, _, _ = classify_array(x, chosen, method, threshold, "relative")
    assert np.array_equal(labels, expected)


@pytest.mark.reference
def test_relative_sid_tutorial_guard_of_ten(pixels):
    """pysptools' per-class thresholding ignores scores of 10 or more: after its 0-1 rescaling, dark water has
    divergences above 10 on this tile, so no pixel is water whatever its threshold; we do the same."""
    x, _, lib = pixels
    labels, scores, ranges = classify_array(x, lib[[0, 2, 3]], "sid", [0.8, 1.0, 0.03], "relative")
    assert ranges.min[1] > 10
    assert not np.any(labels == 2)
    expected, _ = pysptools_classify("sid", x, lib[[0, 2, 3]], [0.8, 1.0, 0.03])
    assert np.array_equal(labels, expected)


def test_relative_limits_follow_pysptools_formulas():
    lo, hi = np.array([0.1, 0.5, 2.0]), np.array([0.3, 1.5, 30.0])
    one = relative_limits([0.25], lo, hi)  # all classes' range together: 0.1 + (30 - 0.1) * 0.25
    np.testing.assert_allclose(one, [0.1 + 29.9 * 0.25] * 3)
    per = relative_limits([0.5, 0.5, 0.5], lo, hi)  # each class's own range, capped at pysptools' guard 10
    np.testing.assert_allclose(per, [0.2, 1.0, 10.0])


# --- absolute mode -------------------------------------------------------------------------------------------------
def test_absolute_sam_angles_are_arccos_of_normalised_dot(clean_unmix_tile, truth_library_csv, pixels, tmp_path):
    x, valid, lib = pixels
    out, rule = str(tmp_path / "c.tif"), str(tmp_path / "r.tif")
    classify_raster(clean_unmix_tile, truth_library_csv, out, method="sam", thresholds=0.2, rule=rule)
    x64 = x.astype(np.float64)
    cos = (x64 @ lib.T) / np.linalg.norm(x64, axis=1)[:, None] / np.linalg.norm(lib, axis=1)[None, :]
    angles = np.arccos(np.clip(cos, -1, 1))
    scores = read(rule).reshape(4, -1).T
    np.testing.assert_allclose(scores[valid], angles, rtol=0, atol=1e-6)  # float64 cosine, float32 rule raster
    assert np.all(scores[~valid] == FLOAT_NODATA)
    labels = read(out).reshape(-1)
    best = angles.argmin(axis=1)
    expected = np.where(angles.min(axis=1) <= 0.2, best + 1, 0)
    near = np.abs(angles.min(axis=1) - 0.2) < 1e-4  # float32 rounding at the limit itself
    assert np.array_equal(labels[valid][~near], expected[~near])
    assert 0 < (expected == 0).sum() < expected.size  # a threshold that matters on this tile
    ds = gdal.Open(rule)
    assert [ds.GetRasterBand(i + 1).GetDescription() for i in range(4)] == FOUR


def sid_reference(x, lib):
    """float64 SID with the documented floor: values below SID_FLOOR * RMS raised to it, then p = x / sum(x)."""
    def dist(a):
        a = np.maximum(a, SID_FLOOR * np.sqrt((a ** 2).mean(axis=1, keepdims=True)))
        return a / a.sum(axis=1, keepdims=True)

    p, q = dist(x.astype(np.float64)), dist(lib)
    return np.stack([((p - qj) * np.log(p / qj)).sum(axis=1) for qj in q], axis=1)


def test_absolute_sid_is_the_symmetric_divergence(clean_unmix_tile, truth_library_csv, pixels, tmp_path):
    x, valid, lib = pixels
    out, rule = str(tmp_path / "c.tif"), str(tmp_path / "r.tif")
    classify_raster(clean_unmix_tile, truth_library_csv, out, method="sid", thresholds=[0.06], rule=rule)
    ref = sid_reference(x, lib)
    scores = read(rule).reshape(4, -1).T[valid]
    np.testing.assert_allclose(scores, ref, rtol=1e-4, atol=2e-6)
    labels = read(out).reshape(-1)[valid]
    expected = np.where(ref.min(axis=1) <= 0.06, ref.argmin(axis=1) + 1, 0)
    near = np.abs(ref.min(axis=1) - 0.06) < 1e-5
    assert np.array_equal(labels[~near], expected[~near])
    assert 0 < (expected == 0).sum() < expected.size


def test_sid_zeros_and_negative_reflectance_give_no_nan():
    rng = np.random.default_rng(0)
    x = rng.random((50, 30)).astype(np.float32) * 0.3
    x[0] = 0.0  # an all-zero (but valid) pixel
    x[1, :10] = -0.02  # negative reflectance in dark bands
    x[2, 5] = 0.0
    lib = np.abs(rng.random((3, 30))) * 0.3
    lib[1, :4] = 0.0  # an endmember with zeros
    for mode in ("absolute", "relative"):
        labels, scores, _ = classify_array(x, lib, "sid", None, mode)
        assert np.all(np.isfinite(scores)), mode
        assert np.all(scores >= 0) and np.all(labels > 0), mode
    # absolute: the floor is scale-free (SID of 3x equals SID of x)
    _, s1, _ = classify_array(x, lib, "sid")
    _, s3, _ = classify_array(3 * x, lib, "sid")
    np.testing.assert_allclose(s1, s3, rtol=1e-4, atol=1e-6)
    # and it is exactly the documented rule
    np.testing.assert_allclose(s1[1:], sid_reference(x[1:], lib), rtol=1e-4, atol=2e-6)


def test_sam_all_zero_pixel_is_unclassified_not_nan_in_rule(tmp_path):
    """A valid but all-zero spectrum has no angle: class 0, rule no-data; other pixels are unaffected."""
    x = np.ones((2, 3, 5), np.float32)
    x[0, 0] = 0.0
    lib = np.ones((2, 5))
    lib[1, 0] = 3.0
    labels, scores, _ = classify_array(x, lib, "sam")
    assert labels[0, 0] == 0 and np.all(labels.reshape(-1)[1:] == 1)
    assert np.isnan(scores[0, 0]).all() and np.allclose(scores[0, 1], [0.0, np.arccos(7 / np.sqrt(5 * 13))], atol=1e-3)


# --- per-class thresholds, SELECT ------------------------------------------------------------------------------------
def test_per_class_thresholds_apply_to_their_own_class(pixels):
    x, _, lib = pixels
    _, scores, _ = classify_array(x, lib, "sam")
    t = [0.25, 0.0, 0.7, 0.2]  # soil can never be chosen; the others within their own limits
    labels, _, _ = classify_array(x, lib, "sam", t)
    eligible = scores <= np.array(t)[None, :]
    expected = np.where(eligible.any(axis=1), np.argmin(np.where(eligible, scores, np.inf), axis=1) + 1, 0)
    assert np.array_equal(labels, expected)
    assert not np.any(labels == 2)
    assert np.all(np.bincount(labels, minlength=5)[[0, 1, 3, 4]] > 0)
    # A pixel whose closest endmember is over its own threshold goes to the closest one it is within.
    best = scores.argmin(axis=1)
    fallback = ~eligible[np.arange(best.size), best] & eligible.any(axis=1)
    assert fallback.sum() > 10 and np.all(labels[fallback] != best[fallback] + 1) and np.all(labels[fallback] > 0)
    # The order matters: the same values permuted give another map.
    swapped, _, _ = classify_array(x, lib, "sam", [0.2, 0.0, 0.7, 0.25])
    assert not np.array_equal(swapped, labels)


def test_label_scores_ties_and_strictness():
    s = np.array([[0.2, 0.2, 0.5], [0.5, 0.3, 0.3], [0.4, 0.9, 0.9], [np.nan, 0.1, 0.2]])
    assert label_scores(s).tolist() == [1, 2, 1, 2]  # ties: the first class; NaN never wins
    limits = np.array([0.4, 0.3, 0.3])
    assert label_scores(s, Limits(limits, True)).tolist() == [1, 2, 1, 2]  # absolute: <=
    assert label_scores(s, Limits(limits, False)).tolist() == [1, 0, 0, 2]  # relative (pysptools): <


def test_select_by_name_and_number_give_the_same_classes(clean_unmix_tile, truth_library_csv, tmp_path):
    maps = {}
    for key, select in {"names": "vegetation, water,roof", "numbers": "1,3,4", "list": [1, 3, 4]}.items():
        out = str(tmp_path / f"{key}.tif")
        result = classify_raster(clean_unmix_tile, truth_library_csv, out, method="sid", select=select, thresholds=[0.8, 0.3,
                                                                                                                    0.03],
                                 mode="relative")
        assert result.names == ["vegetation", "water", "roof"]
        maps[key] = read(out)
        ds = gdal.Open(out)
        band = ds.GetRasterBand(1)
        assert band.GetDescription() == "class"  # (GDAL 3.6 loads the .aux.xml category names only after this)
        assert band.GetCategoryNames()[:4] == ["unclassified", "vegetation", "water", "roof"]
        assert band.GetColorTable().GetCount() >= 4
    assert np.array_equal(maps["names"], maps["numbers"]) and np.array_equal(maps["names"], maps["list"])
    # The order of SELECT is the order of the classes; an endmember keeps its colour.
    out = str(tmp_path / "reordered.tif")
    classify_raster(clean_unmix_tile, truth_library_csv, out, method="sid", select="roof,vegetation,water", thresholds=[0.03,
                                                                                                                        0.8, 0.3],
                    mode="relative")
    remap = np.array([0, 2, 3, 1])  # names order -> reordered numbering
    assert np.array_equal(read(out), remap[maps["names"]])
    t1, t2 = gdal.Open(str(tmp_path / "names.tif")), gdal.Open(out)
    assert t1.GetRasterBand(1).GetColorTable().GetColorEntry(3) == t2.GetRasterBand(1).GetColorTable().GetColorEntry(1)


# --- streaming ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("method,mode,threshold", [("sam", "relative", [0.1, 0.3, 0.05, 0.2]),
                                                    ("sid", "relative", 0.05), ("sid", "absolute", 0.1)])
def test_block_size_changes_nothing(clean_unmix_tile, truth_library_csv, pixels, tmp_path, monkeypatch, method, mode, threshold):
    x, valid, lib = pixels
    expected, _, _ = classify_array(x, lib, method, threshold, mode)
    import hyspec_qgis.core.io.raster_reader as rr

    monkeypatch.setattr(rr, "BLOCK_BYTES", 7 * 4 * 362 * 80)  # 7-row blocks: many blocks, a short last one
    out, rule = str(tmp_path / "c.tif"), str(tmp_path / "r.tif")
    result = classify_raster(clean_unmix_tile, truth_library_csv, out, method=method, mode=mode, thresholds=threshold, rule=rule)
    assert np.array_equal(read(out).reshape(-1)[valid], expected)
    assert {f for f in os.listdir(tmp_path) if not f.endswith(".aux.xml")} == {"c.tif", "r.tif"}  # no spill left
    assert result.n_valid == valid.sum()


def _copy_statistics(src, dst, change=None):
    """A copy of ``src`` with its stored band statistics removed (``change`` None) or changed (``change(band_index,
    minimum, maximum) -> (minimum, maximum)``)."""
    gdal.Translate(dst, src, creationOptions=["COMPRESS=ZSTD", "INTERLEAVE=BAND", "TILED=YES", "BLOCKYSIZE=16"])
    ds = gdal.Open(dst, gdal.GA_Update)
    for b in range(ds.RasterCount):
        band = ds.GetRasterBand(b + 1)
        md = {k: v for k, v in (band.GetMetadata() or {}).items() if not k.startswith("STATISTICS_")}
        if change is not None:
            lo, hi = change(b, float(band.GetMetadataItem("STATISTICS_MINIMUM")),
                            float(band.GetMetadataItem("STATISTICS_MAXIMUM")))
            md |= {"STATISTICS_MINIMUM": repr(lo), "STATISTICS_MAXIMUM": repr(hi)}
        band.SetMetadata(md)
    ds = None
    return dst


def _count_passes(monkeypatch):
    """How many walker passes read a SpectralRaster (not a spill)."""
    from hyspec_qgis.core.engine import blockwise

    passes = []
    original = blockwise._blocks

    def counting(source, *args):
        if isinstance(source, SpectralRaster):
            passes.append(source.path)
        return original(source, *args)

    monkeypatch.setattr(blockwise, "_blocks", counting)
    return passes


@pytest.mark.parametrize("threshold", [[0.8, 0.3, 0.03], None])
def test_relative_sid_reads_the_cube_once_when_the_file_stores_its_range(clean_unmix_tile, truth_library_csv, tmp_path,
                                                                        monkeypatch, threshold):
    """Our outputs store exact band statistics: relative SID takes the cube's min/max from them and reads the pixels
    once, checking the range on that pass. Without statistics (another tool's file) it reads them twice, and the
    results are the same bit for bit."""
    bare = _copy_statistics(clean_unmix_tile, str(tmp_path / "bare.tif"))
    assert SpectralRaster(bare).stored_range() is None and SpectralRaster(clean_unmix_tile).stored_range() is not None
    passes = _count_passes(monkeypatch)
    runs = {}
    for name, path in (("stored", clean_unmix_tile), ("bare", bare)):
        out, rule = str(tmp_path / f"{name}.tif"), str(tmp_path / f"{name}_rule.tif")
        passes.clear()
        runs[name] = classify_raster(path, truth_library_csv, out, method="sid", select="1,3,4", thresholds=threshold,
                                     mode="relative", rule=rule)
        runs[name + " passes"] = len(passes)
        runs[name + " pixels"] = read(out).tobytes(), read(rule).tobytes()
    assert runs["stored passes"] == 1 and runs["bare passes"] == 2
    assert runs["stored pixels"] == runs["bare pixels"]
    assert runs["stored"].cube_range == runs["bare"].cube_range
    assert runs["stored"].counts == runs["bare"].counts and runs["stored"].n_unclassified == runs["bare"].n_unclassified


@pytest.mark.parametrize("change", ["lower minimum", "higher maximum", "too narrow"])
def test_relative_sid_with_stored_statistics_that_disagree_with_the_pixels(clean_unmix_tile, truth_library_csv, tmp_path,
                                                                         monkeypatch, change):
    """Stale statistics (another tool's, or values of a band that is valid where another is not) are a hint only: the
    pass that reads the pixels finds their range and scores again with it, so the result is that of the pixels."""
    edit = {"lower minimum": lambda b, lo, hi: (lo - 0.25 if b == 3 else lo, hi),
            "higher maximum": lambda b, lo, hi: (lo, hi + 1.0 if b == 100 else hi),
            "too narrow": lambda b, lo, hi: (lo + 0.001, hi - 0.001)}[change]
    stale = _copy_statistics(clean_unmix_tile, str(tmp_path / "stale.tif"), edit)
    bare = _copy_statistics(clean_unmix_tile, str(tmp_path / "bare.tif"))
    passes, logs = _count_passes(monkeypatch), []
    results = {}
    for name, path in (("stale", stale), ("bare", bare)):
        out, rule = str(tmp_path / f"{name}_c.tif"), str(tmp_path / f"{name}_r.tif")
        results[name] = classify_raster(path, truth_library_csv, out, method="sid", select="1,3,4",
                                        thresholds=[0.8, 0.3, 0.03], mode="relative", rule=rule,
                                        progress=lambda f, m: logs.append(m) if m else None)
        results[name + " pixels"] = read(out).tobytes(), read(rule).tobytes()
    assert len(passes) == 4  # stale: the checked pass and the one with the pixels' range; bare: range, scores
    assert results["stale pixels"] == results["bare pixels"]
    assert results["stale"].cube_range == results["bare"].cube_range
    assert any("stored statistics give the range" in m for m in logs)
    assert sorted(f for f in os.listdir(tmp_path) if not f.endswith(".aux.xml")) == \
        ["bare.tif", "bare_c.tif", "bare_r.tif", "stale.tif", "stale_c.tif", "stale_r.tif"]  # no spill left


def test_stored_range_follows_scale_and_refuses_approximate_statistics(clean_unmix_tile, tmp_path):
    """Our writer's statistics are exact: the stored range is the range of the values the blocks hold, also once a
    scale and an offset apply (the same float32 arithmetic)."""
    path = _copy_statistics(clean_unmix_tile, str(tmp_path / "s.tif"), lambda b, lo, hi: (lo, hi))

    def pixels_range():
        block = next(SpectralRaster(path).blocks(rows=10 ** 6))
        return float(block.data[block.valid].min()), float(block.data[block.valid].max())

    assert SpectralRaster(path).stored_range() == pixels_range()
    ds = gdal.Open(path, gdal.GA_Update)
    for b in range(ds.RasterCount):
        ds.GetRasterBand(b + 1).SetScale(2.0)
        ds.GetRasterBand(b + 1).SetOffset(0.5)
    ds = None
    assert SpectralRaster(path).stored_range() == pixels_range()
    assert SpectralRaster(path).stored_range([0]) is not None
    ds = gdal.Open(path, gdal.GA_Update)
    ds.GetRasterBand(5).SetMetadataItem("STATISTICS_APPROXIMATE", "YES")
    ds = None
    assert SpectralRaster(path).stored_range() is None


# --- errors: clear messages, no output -----------------------------------------------------------------------------
def assert_no_output(folder):
    assert [f for f in os.listdir(folder) if not f.endswith(".csv")] == []


def test_threshold_list_of_the_wrong_length(clean_unmix_tile, truth_library_csv, tmp_path):
    with pytest.raises(ParameterError, match=r"THRESHOLD: 2 values for 3 classes \(vegetation, water, roof\)"):
        classify_raster(clean_unmix_tile, truth_library_csv, str(tmp_path / "c.tif"), method="sid", select="1,3,4",
                        thresholds=[0.8, 0.3], mode="relative", rule=str(tmp_path / "r.tif"))
    assert_no_output(tmp_path)


def test_relative_threshold_over_one_and_negative_thresholds(clean_unmix_tile, truth_library_csv, tmp_path):
    with pytest.raises(ParameterError, match="THRESHOLD: 1.5 is over 1; in relative mode"):
        classify_raster(clean_unmix_tile, truth_library_csv, str(tmp_path / "c.tif"), method="sam", thresholds=1.5,
                        mode="relative")
    with pytest.raises(ParameterError, match="THRESHOLD: -0.1 is not a valid threshold"):
        classify_raster(clean_unmix_tile, truth_library_csv, str(tmp_path / "c.tif"), method="sam", thresholds=[-0.1])
    assert_no_output(tmp_path)


def test_unknown_endmember_name(clean_unmix_tile, truth_library_csv, tmp_path):
    with pytest.raises(SpectraError, match=r"SELECT: unknown endmember 'grass'.*vegetation"):
        classify_raster(clean_unmix_tile, truth_library_csv, str(tmp_path / "c.tif"), method="sam", select="vegetation,grass")
    with pytest.raises(SpectraError, match=r"SELECT: unknown endmember '5'"):
        classify_raster(clean_unmix_tile, truth_library_csv, str(tmp_path / "c.tif"), method="sam", select="1,5")
    assert_no_output(tmp_path)


def test_mismatched_bands(clean_unmix_tile, tmp_path):
    # A library on another wavelength grid (every 3rd band, shifted by 7 nm) cannot be matched.
    raster = SpectralRaster(clean_unmix_tile)
    wl = raster.wavelengths[::3] + 7.0
    path = str(tmp_path / "shifted.csv")
    write_spectra_csv(path, Spectra(["a", "b"], np.random.default_rng(0).random((wl.size, 2)), wl))
    with pytest.raises(SpectraError, match=r"ENDMEMBERS: .*shifted.csv: \d+ of the raster's 362 bands have no CSV row"):
        classify_raster(clean_unmix_tile, path, str(tmp_path / "c.tif"), method="sid")
    # Without wavelengths the band counts must agree.
    path2 = str(tmp_path / "nowl.csv")
    write_spectra_csv(path2, Spectra(["a", "b"], np.ones((10, 2)), None))
    with pytest.raises(SpectraError, match=r"ENDMEMBERS: .*10 bands in the CSV but 362 in the raster"):
        classify_raster(clean_unmix_tile, path2, str(tmp_path / "c.tif"), method="sam", rule=str(tmp_path / "r.tif"))
    assert_no_output(tmp_path)


def test_all_nodata_raster_and_cancel(truth_library_csv, tmp_path, clean_unmix_tile):
    src = SpectralRaster(clean_unmix_tile)
    empty = str(tmp_path / "empty.tif")
    with RasterWriter(empty, width=4, height=3, bands=src.count, geotransform=src.geotransform, crs_wkt=src.crs_wkt,
                      nodata=-9999.0, wavelengths=src.wavelengths) as w:
        w.write(np.full((3, 4, src.count), -9999.0, np.float32), 0)
    for mode in ("absolute", "relative"):
        with pytest.raises(HyspecError, match="no valid pixel"):
            classify_raster(empty, truth_library_csv, str(tmp_path / "c.tif"), method="sam", mode=mode, thresholds=0.1,
                            rule=str(tmp_path / "r.tif"))
    assert sorted(os.listdir(tmp_path)) == ["empty.tif"]
    for mode in ("absolute", "relative"):
        with pytest.raises(Cancelled):
            classify_raster(clean_unmix_tile, truth_library_csv, str(tmp_path / "c.tif"), method="sid", mode=mode, thresholds=0.1,
                            rule=str(tmp_path / "r.tif"), progress=lambda f, m: f is None or f < 0.6)
    assert sorted(os.listdir(tmp_path)) == ["empty.tif"]


def test_output_metadata_records_limits_and_ranges(clean_unmix_tile, truth_library_csv, tmp_path):
    out = str(tmp_path / "c.tif")
    result = classify_raster(clean_unmix_tile, truth_library_csv, out, method="sid", select="1,3,4", thresholds=[0.8, 0.3, 0.03],
                             mode="relative")
    md = gdal.Open(out).GetMetadata()
    assert md["THRESHOLD_MODE"] == "relative" and md["THRESHOLD"] == "0.8,0.3,0.03"
    limits = [float(v) for v in md["SCORE_LIMITS"].split(",")]
    np.testing.assert_allclose(limits, result.limits, rtol=1e-8)
    expect = relative_limits([0.8, 0.3, 0.03], result.score_min, result.score_max)
    np.testing.assert_allclose(result.limits, expect)
    assert sum(result.counts.values()) + result.n_unclassified == result.n_valid


def test_scorer_is_a_pure_function_of_the_block(pixels):
    """Fit once, apply to any split of the pixels: same scores (what a tiled or parallel run relies on)."""
    x, _, lib = pixels
    rng = ScoreRange(4)
    for method in ("sam", "sid"):
        scorer = make_scorer(method, lib, FOUR, "relative", (float(x.min()), float(x.max())))
        whole = scorer.score(x)
        parts = np.concatenate([scorer.score(x[i:i + 333]) for i in range(0, len(x), 333)])
        np.testing.assert_allclose(whole, parts, rtol=2e-6)  # BLAS may round differently per block shape
        rng.update(whole)
    assert rng.n == 2 * len(x)


def test_relative_sam_from_pixel_statistics_equals_the_direct_angles(pixels):
    """classify_raster's relative SAM reads the raster once, keeping per pixel its dot products with the rescaled
    library, its sum and sum of squares; the angles rebuilt from them equal those of the rescaled spectra."""
    x, _, lib = pixels
    lo, hi = float(x.min()), float(x.max())
    scorer = make_scorer("sam", lib, FOUR, "relative", (lo, hi))
    direct = scorer.score(x)
    rebuilt = scorer.score_statistics(sam_statistics(x, relative_library(lib)))
    assert np.mean(direct == rebuilt) > 0.999  # same 7-decimal rounding of the cosine, bar float64 ties
    np.testing.assert_allclose(rebuilt, direct, rtol=0, atol=1e-6)
    # A pixel at the cube minimum in every band has no angle (pysptools: NaN): unclassified.
    flat = np.full((1, x.shape[1]), lo, np.float32)
    assert np.isnan(scorer.score_statistics(sam_statistics(flat, relative_library(lib)))).all()
