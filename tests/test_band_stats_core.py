"""Streamed band statistics and histograms (core/engine/band_stats.py) against numpy and GDAL's own statistics, and
what the writer stores in its GeoTIFFs (core/io/band_metadata.py): no QGIS here."""
import numpy as np
import pytest
from osgeo import gdal

from hyspec_qgis.core.engine.band_stats import BandStatistics, cumulative_cut
from hyspec_qgis.core.io.band_metadata import DOMAIN, read_band_statistics, stored_cuts
from hyspec_qgis.core.io.raster_writer import RasterWriter

gdal.UseExceptions()
GT = (368000.0, 1.0, 0.0, 4306060.0, 0.0, -1.0)


def _cube(rng, rows=70, cols=50, bands=6):
    cube = rng.normal(0.2, 0.05, (rows, cols, bands)).astype(np.float32)
    cube[:, :, 1] = rng.lognormal(-2.0, 1.0, (rows, cols))  # skewed, with a long tail
    cube[:, :, 2] *= 1e4  # another scale
    cube[:, :, 3] = 7.5  # constant
    cube[:8, :9] = -9999.0  # a no-data corner in every band
    cube[20, 5, 4] = np.nan  # one band alone missing at two pixels
    cube[21, 6, 4] = -9999.0
    return cube


def _valid(cube, b):
    v = cube[:, :, b].ravel()
    return v[np.isfinite(v) & (v != -9999.0)].astype(np.float64)


def _stream(cube, rows, **kw):
    stats = BandStatistics(cube.shape[2], nodata=-9999.0, **kw)
    for r in range(0, cube.shape[0], rows):
        stats.add(cube[r:r + rows].reshape(-1, cube.shape[2]))
    return stats


def test_statistics_equal_numpy_over_the_valid_pixels():
    cube = _cube(np.random.default_rng(0))
    for s, b in zip(_stream(cube, 16).summaries(), range(cube.shape[2])):
        v = _valid(cube, b)
        assert s.count == cube.shape[0] * cube.shape[1] and s.valid == v.size
        assert (s.minimum, s.maximum) == (v.min(), v.max())
        np.testing.assert_allclose([s.mean, s.stddev], [v.mean(), v.std()], rtol=1e-9, atol=1e-12)
        assert s.counts.sum() == v.size  # stride 1: every valid value is counted once
        lo, hi = s.histogram_range
        assert lo <= v.min() and v.max() < hi and 512 <= len(s.counts) <= 1024 or np.ptp(v) == 0


def test_block_order_and_merging_do_not_change_the_result():
    cube = _cube(np.random.default_rng(1))
    whole = _stream(cube, cube.shape[0]).summaries()
    by_rows = _stream(cube, 7).summaries()
    top, bottom = _stream(cube[:30], 5), _stream(cube[30:], 11)
    merged = top.merge(bottom).summaries()
    reversed_ = _stream(cube[::-1], 13).summaries()
    for a, b, c, d in zip(whole, by_rows, merged, reversed_):
        for other in (b, c, d):
            assert (other.valid, other.minimum, other.maximum) == (a.valid, a.minimum, a.maximum)
            np.testing.assert_allclose([other.mean, other.stddev], [a.mean, a.stddev], rtol=1e-9)
            assert (other.exponent, other.start) == (a.exponent, a.start)
            np.testing.assert_array_equal(other.counts, a.counts)


def test_histogram_bins_count_exactly_and_the_cut_matches_percentiles():
    rng = np.random.default_rng(2)
    cube = _cube(rng, rows=200, cols=150)
    for s, b in zip(_stream(cube, 32).summaries(), range(cube.shape[2])):
        v = _valid(cube, b)
        width = 2.0 ** s.exponent
        edges = (s.start + np.arange(len(s.counts) + 1)) * width
        np.testing.assert_array_equal(np.histogram(v, edges)[0], s.counts)  # the same bins, counted by numpy
        if np.ptp(v) == 0:
            continue
        lo, hi = cumulative_cut(*s.histogram_range, s.counts)
        p2, p98 = np.percentile(v, [2, 98])
        assert abs(lo - p2) <= width and abs(hi - p98) <= width, (b, lo, p2, hi, p98)


def test_integer_rasters_keep_whole_number_bins_and_skip_their_no_data():
    rng = np.random.default_rng(3)
    classes = rng.integers(0, 6, (40, 30, 1)).astype(np.uint8)  # 0 = unclassified
    stats = BandStatistics(1, nodata=0, integer=True)
    stats.add(classes.reshape(-1, 1))
    (s,) = stats.summaries()
    v = classes[classes > 0]
    assert s.exponent == 0 and s.valid == v.size and (s.minimum, s.maximum) == (1, 5)
    np.testing.assert_array_equal(s.counts, np.bincount(v)[1:])
    wide = BandStatistics(1, nodata=-9999, integer=True)  # a no-data value uint8 cannot hold marks nothing
    wide.add(classes.reshape(-1, 1))
    assert wide.summaries()[0].valid == classes.size


def test_bands_without_a_valid_pixel_have_no_statistics():
    block = np.full((10, 2), -9999.0, np.float32)
    block[:, 1] = np.arange(10)
    stats = BandStatistics(2, nodata=-9999.0)
    stats.add(block)
    empty, full = stats.summaries()
    assert empty.valid == 0 and np.isnan(empty.mean) and len(empty.counts) == 0
    assert full.valid == 10 and full.maximum == 9.0
    assert cumulative_cut(0.0, 1.0, np.zeros(4)) is None


def test_the_writer_stores_what_gdal_would_compute(tmp_path):
    cube = _cube(np.random.default_rng(4))
    path = str(tmp_path / "cube.tif")
    with RasterWriter(path, width=cube.shape[1], height=cube.shape[0], bands=cube.shape[2], geotransform=GT,
                      crs_wkt="", nodata=-9999.0) as writer:
        for r in range(0, cube.shape[0], 16):
            writer.write(cube[r:r + 16], r)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cube.tif"]  # inside the GeoTIFF: no sidecar
    ds = gdal.Open(path)
    assert ds.GetMetadataItem("INTERLEAVE", "IMAGE_STRUCTURE") == "BAND"  # a band reads alone
    for b in range(cube.shape[2]):
        band = ds.GetRasterBand(b + 1)
        stored = band.GetStatistics(True, False)  # approx_ok, force=False: only what the file holds
        stored_valid = float(band.GetMetadataItem("STATISTICS_VALID_PERCENT"))
        fresh = gdal.Open(path)  # kept in a variable while its band is used (GDAL < 3.8 object lifetime)
        computed = fresh.GetRasterBand(b + 1).ComputeStatistics(False)  # GDAL reading every pixel
        np.testing.assert_allclose(stored, computed, rtol=1e-6, atol=1e-9)
        assert stored_valid == pytest.approx(100.0 * _valid(cube, b).size / cube[:, :, 0].size, rel=1e-5)
        assert band.GetMetadataItem("HISTOGRAM_COUNTS") is None  # not in the default domain QGIS lists
        info = read_band_statistics(band)
        assert info.histogram is not None and int(info.histogram[2].sum()) == _valid(cube, b).size
    cuts = stored_cuts(path, [1, 2, 99])
    assert set(cuts) == {1, 2}  # no band 99
    for b, (lo, hi) in cuts.items():
        p2, p98 = np.percentile(_valid(cube, b - 1), [2, 98])
        width = 2.0 ** int(np.floor(np.log2(np.ptp(_valid(cube, b - 1)) / 511)))
        assert abs(lo - p2) <= 2 * width and abs(hi - p98) <= 2 * width
    assert ds.GetRasterBand(1).GetMetadata(DOMAIN)["HISTOGRAM_SAMPLE"] == "all pixels"
    assert stored_cuts(str(tmp_path / "missing.tif"), [1]) == {}


def test_a_full_tile_histogram_samples_pixels_evenly(tmp_path):
    """Past 65,536 pixels the histogram takes every n-th pixel (statistics still take all of them)."""
    rng = np.random.default_rng(5)
    cube = rng.random((500, 600, 2)).astype(np.float32)
    path = str(tmp_path / "big.tif")
    with RasterWriter(path, width=600, height=500, bands=2, geotransform=GT, crs_wkt="") as writer:
        for r in range(0, 500, 64):
            writer.write(cube[r:r + 64], r)
    ds = gdal.Open(path)
    band = ds.GetRasterBand(1)
    info = read_band_statistics(band)
    assert band.GetMetadataItem("HISTOGRAM_SAMPLE", DOMAIN) == "every 4 pixel(s)"  # 300,000 // 65,536
    assert info.histogram[2].sum() == pytest.approx(500 * 600 / 4, rel=0.01)
    assert (info.minimum, info.maximum) == (float(cube[:, :, 0].min()), float(cube[:, :, 0].max()))
    lo, hi = info.cut()
    assert lo == pytest.approx(0.02, abs=0.01) and hi == pytest.approx(0.98, abs=0.01)


def test_cubes_are_band_interleaved_in_full_width_16_row_tiles(tmp_path):
    """One band decodes alone, and the walker's row blocks (multiples of 16 rows) are whole tiles in every band."""
    path = str(tmp_path / "cube.tif")
    with RasterWriter(path, width=300, height=40, bands=20, geotransform=GT, crs_wkt="") as writer:
        writer.write(np.ones((40, 300, 20), np.float32), 0)
    ds = gdal.Open(path)
    assert ds.GetMetadataItem("INTERLEAVE", "IMAGE_STRUCTURE") == "BAND"
    assert ds.GetRasterBand(20).GetBlockSize() == [304, 16]
    assert gdal.Info(path).count("Block=304x16") == 20
