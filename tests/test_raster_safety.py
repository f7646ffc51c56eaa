"""Raster inputs (core, no QGIS): VRTs that would read files nobody named are refused, damaged files give our errors,
inputs are never changed, reading changes no process-wide GDAL setting (two runs at once), and EXTENT windows work on
south-up rasters too."""
import hashlib
import os
import threading

import numpy as np
import pytest
from osgeo import gdal

from hyspec_qgis.core import HyspecError, ParameterError, RasterWriter, SpectralRaster
from hyspec_qgis.core.engine.blockwise import apply_blockwise
from hyspec_qgis.core.engine.stats import pixel_stats
from hyspec_qgis.core.io.raster_reader import window_from_bounds

RAW_VRT = """<VRTDataset rasterXSize="8" rasterYSize="4">
  <VRTRasterBand dataType="Byte" band="1" subClass="VRTRawRasterBand">
    <SourceFilename relativeToVRT="0">{source}</SourceFilename>
    <ImageOffset>0</ImageOffset><PixelOffset>1</PixelOffset><LineOffset>8</LineOffset>
  </VRTRasterBand>
</VRTDataset>
"""

SOURCE_VRT = """<VRTDataset rasterXSize="8" rasterYSize="4">
  <VRTRasterBand dataType="Byte" band="1">
    <SimpleSource><SourceFilename relativeToVRT="{relative}">{source}</SourceFilename><SourceBand>1</SourceBand>
    </SimpleSource>
  </VRTRasterBand>
</VRTDataset>
"""


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_bytes(b"token=0123456789abcdef-not-for-outputs")
    return path


def test_a_vrt_named_tif_with_a_raw_band_is_refused(tmp_path, secret):
    crafted = tmp_path / "innocent.tif"
    crafted.write_text(RAW_VRT.format(source=secret))
    ds = gdal.Open(str(crafted))  # the hole: GDAL recognises the VRT by content and serves the text file's bytes
    assert ds.GetDriver().ShortName == "VRT" and ds.ReadAsArray().tobytes() == secret.read_bytes()[:32]
    ds = None
    with pytest.raises(HyspecError, match=r"^INPUT: .*innocent.tif: a VRT with a raw band .*secret.txt"):
        SpectralRaster(crafted)


def test_a_raw_band_one_vrt_away_is_refused_too(tmp_path, secret):
    (tmp_path / "raw.dat").write_text(RAW_VRT.format(source=secret))
    mosaic = tmp_path / "mosaic.vrt"
    mosaic.write_text(SOURCE_VRT.format(relative=1, source="raw.dat"))
    with pytest.raises(HyspecError, match="ENDMEMBERS: .*mosaic.vrt: a VRT with a raw band"):
        SpectralRaster(mosaic, parameter="ENDMEMBERS")


@pytest.mark.parametrize("source", [
    "MEM:::DATAPOINTER=0x1000,PIXELS=8,LINES=4", "vrt://{secret}", "/vsicurl/http://127.0.0.1:9/x.tif",
    "/vsisubfile/0_32,{secret}", "/vsizip//vsicurl/http://127.0.0.1:9/a.zip/x.tif", "&lt;VRTDataset/&gt;",
])
def test_sources_that_are_not_plain_files_are_refused(tmp_path, secret, source):
    path = tmp_path / "s.vrt"
    path.write_text(SOURCE_VRT.format(relative=0, source=source.format(secret=secret)))
    with pytest.raises(HyspecError, match="INPUT: .*s.vrt: VRT source .* is not a plain file"):
        SpectralRaster(path)


def test_python_pixel_functions_are_refused(tmp_path, make_raster):
    src = make_raster(tmp_path / "a.tif", np.ones((4, 8, 2), np.uint8))
    xml = SOURCE_VRT.format(relative=0, source=src).replace(
        '<VRTRasterBand dataType="Byte" band="1">',
        '<VRTRasterBand dataType="Byte" band="1" subClass="VRTDerivedRasterBand">'
        "<PixelFunctionType>f</PixelFunctionType><PixelFunctionLanguage>Python</PixelFunctionLanguage>")
    (tmp_path / "py.vrt").write_text(xml)
    with pytest.raises(HyspecError, match="Python pixel function"):
        SpectralRaster(tmp_path / "py.vrt")


def _tree_state(folder):
    """Bytes hash and modification time of every file in ``folder``: what 'inputs are never changed' means."""
    return {n: (hashlib.sha256((folder / n).read_bytes()).hexdigest(), os.stat(folder / n).st_mtime_ns)
            for n in sorted(os.listdir(folder))}


def test_a_vrt_mosaic_of_geotiffs_reads_right_and_nothing_is_written(tmp_path, make_raster):
    """The site feature writes VRT mosaics of GeoTIFFs (relative paths, nested VRTs): they must keep working, and
    reading them must leave every input byte-identical, with no .aux.xml or statistics written anywhere."""
    rng = np.random.default_rng(0)
    left, right = rng.random((6, 5, 3)).astype(np.float32), rng.random((6, 4, 3)).astype(np.float32)
    tiles = tmp_path / "tiles"
    tiles.mkdir()
    a = make_raster(tiles / "a.tif", left, wavelengths=[450, 550, 650], geotransform=(0, 1, 0, 6, 0, -1))
    b = make_raster(tiles / "b.tif", right, wavelengths=[450, 550, 650], geotransform=(5, 1, 0, 6, 0, -1))
    gdal.BuildVRT(str(tiles / "ab.vrt"), [a, b]).FlushCache()
    gdal.BuildVRT(str(tiles / "outer.vrt"), [str(tiles / "ab.vrt")]).FlushCache()  # a VRT of a VRT
    before = _tree_state(tiles)
    for name in ("ab.vrt", "outer.vrt"):
        raster = SpectralRaster(tiles / name)
        data = np.concatenate([blk.data for blk in raster.blocks(rows=2)])
        np.testing.assert_array_equal(data, np.concatenate([left, right], axis=1).reshape(-1, 3))
        assert raster.sample(10, seed=1)[1] == 54
        raster.close()
    assert _tree_state(tiles) == before


def _tiled(path, rows=40, cols=30, bands=6):
    """A tiled, compressed GeoTIFF written with plain GDAL (so the test does not follow the writer's layout)."""
    data = np.random.default_rng(3).random((rows, cols, bands)).astype(np.float32)
    ds = gdal.GetDriverByName("GTiff").Create(str(path), cols, rows, bands, gdal.GDT_Float32,
                                              ["TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16", "COMPRESS=ZSTD"])
    ds.SetGeoTransform((0, 1, 0, rows, 0, -1))
    ds.WriteArray(np.ascontiguousarray(data.transpose(2, 0, 1)))
    ds = None
    return data


def _tile_ends(path):
    """(start, end) byte range of every compressed tile, from the TIFF's own offsets."""
    ds = gdal.Open(str(path))
    ranges = []
    for b in range(1, ds.RasterCount + 1):
        band = ds.GetRasterBand(b)
        bx, by = band.GetBlockSize()
        for y in range(-(-ds.RasterYSize // by)):
            for x in range(-(-ds.RasterXSize // bx)):
                start = int(band.GetMetadataItem(f"BLOCK_OFFSET_{x}_{y}", "TIFF"))
                ranges.append((start, start + int(band.GetMetadataItem(f"BLOCK_SIZE_{x}_{y}", "TIFF"))))
    return ranges


@pytest.fixture(params=[True, False], ids=["exceptions-on", "exceptions-off"])
def gdal_exceptions(request):
    """Run under either process-wide GDAL exception setting (another plugin may have set either)."""
    old = gdal.GetUseExceptions()
    gdal.UseExceptions() if request.param else gdal.DontUseExceptions()
    yield request.param
    gdal.UseExceptions() if old else gdal.DontUseExceptions()


@pytest.mark.parametrize("where_cut", ["header", "first tile", "last tile"])
def test_truncated_geotiff_is_a_clear_error(tmp_path, gdal_exceptions, where_cut):
    """Cut in the header (the open fails) or inside a compressed tile (a read fails): never a bare RuntimeError."""
    _tiled(tmp_path / "full.tif")
    data = (tmp_path / "full.tif").read_bytes()
    tiles = sorted(_tile_ends(tmp_path / "full.tif"))
    cut = {"header": 100, "first tile": sum(tiles[0]) // 2, "last tile": sum(tiles[-1]) // 2}[where_cut]
    damaged = tmp_path / "cut.tif"
    damaged.write_bytes(data[:cut])
    with pytest.raises(HyspecError, match=rf"^INPUT: {damaged}: (not a raster GDAL can read|cannot read rows)"):
        raster = SpectralRaster(damaged)
        for _ in raster.blocks():
            pass
    assert gdal.GetUseExceptions() == gdal_exceptions  # and the reader left the setting alone


def test_two_reads_at_once_change_no_global_gdal_setting(tmp_path, make_raster):
    """QGIS runs Processing tasks in threads: two streaming passes run together while a third thread watches GDAL's
    process-wide cache size and exception flag; neither may change, and both results must be right."""
    data = _tiled(tmp_path / "in.tif", rows=160, cols=60, bands=12)  # 16-row tiles, blocks of 8 rows: both cases
    flat = data.reshape(-1, 12).astype(np.float64)
    old_cache, old_exc = gdal.GetCacheMax(), gdal.GetUseExceptions()
    gdal.SetCacheMax(777 * 1024 * 1024)
    gdal.DontUseExceptions()
    seen, results, errors = set(), {}, []
    stop = threading.Event()
    start = threading.Barrier(2)

    def watch():
        while not stop.is_set():
            seen.add((gdal.GetCacheMax(), gdal.GetUseExceptions()))

    def copy():
        raster = SpectralRaster(tmp_path / "in.tif")
        writer = RasterWriter(str(tmp_path / "copy.tif"), width=60, height=160, bands=12,
                              geotransform=raster.geotransform, crs_wkt="")
        start.wait()
        apply_blockwise(raster, lambda b: [b.data * 2], [writer], rows=8)

    def stats():
        raster = SpectralRaster(tmp_path / "in.tif")
        start.wait()
        results["stats"] = pixel_stats(raster)

    def run(target):
        try:
            target()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    watcher = threading.Thread(target=watch)
    workers = [threading.Thread(target=run, args=(f,)) for f in (copy, stats)]
    try:
        watcher.start()
        for t in workers:
            t.start()
        for t in workers:
            t.join()
        stop.set()
        watcher.join()
        after = (gdal.GetCacheMax(), gdal.GetUseExceptions())
    finally:
        gdal.SetCacheMax(old_cache)
        gdal.UseExceptions() if old_exc else gdal.DontUseExceptions()
    assert not errors
    assert seen == {(777 * 1024 * 1024, 0)} and after == (777 * 1024 * 1024, 0)
    copied = SpectralRaster(tmp_path / "copy.tif")
    np.testing.assert_array_equal(next(copied.blocks()).data, (data * 2).reshape(-1, 12))
    np.testing.assert_allclose(results["stats"].mean, flat.mean(axis=0), rtol=1e-6)
    np.testing.assert_allclose(results["stats"].cov, np.cov(flat, rowvar=False), rtol=1e-4, atol=1e-8)


def test_window_from_bounds_on_a_south_up_raster(tmp_path, make_raster):
    """A positive pixel height (row 0 at the south edge, rows going north) used to make every EXTENT fail."""
    south_up = (368000.0, 1.0, 0.0, 4306000.0, 0.0, 1.0)
    bounds = (368001.5, 4306005.2, 368003.2, 4306010.0)
    w = window_from_bounds(south_up, 7, 13, bounds, "EXTENT")
    assert (w.row0, w.col0, w.height, w.width) == (5, 1, 5, 3)
    data = np.arange(13 * 7 * 2, dtype=np.float32).reshape(13, 7, 2)
    make_raster(tmp_path / "s.tif", data, geotransform=south_up)
    r = SpectralRaster(tmp_path / "s.tif")
    assert r.window_from_bounds(*bounds) == w
    gt = r.window_geotransform(w)
    assert gt == (368001.0, 1.0, 0.0, 4306005.0, 0.0, 1.0)
    # The window's pixels are those whose footprint meets the bounds, whatever the orientation.
    np.testing.assert_array_equal(next(r.blocks(window=w)).data[:, 0], data[5:10, 1:4, 0].ravel())
    ys = gt[3] + gt[5] * np.array([0, w.height])
    assert ys.min() <= bounds[1] and ys.max() >= bounds[3]
    with pytest.raises(ParameterError, match="EXTENT.*does not overlap"):
        r.window_from_bounds(368001, 4305000, 368002, 4305500)


@pytest.mark.parametrize("bounds,problem", [((1, 1, 0, 2), "invalid extent"), ((0, float("nan"), 1, 2), "invalid extent")])
def test_window_from_bounds_refuses_invalid_extents(bounds, problem):
    with pytest.raises(ParameterError, match=f"^EXTENT: {problem}"):
        window_from_bounds((368000.0, 1.0, 0.0, 4306060.0, 0.0, -1.0), 7, 13, bounds, "EXTENT")
    with pytest.raises(ParameterError, match="EXTENT: the raster has no usable georeference"):
        window_from_bounds((0, 0.0, 0, 0, 0, -1), 7, 13, (0, 0, 1, 1), "EXTENT")


def test_band_interleaved_geotiff_reads_without_gdal_worker_errors(tmp_path, capfd):
    """GDAL 3.6's multi-threaded decoder prints a libtiff error per tile of a band-interleaved multi-band GeoTIFF
    from its worker threads (out of reach of any error handler): such files are read single-threaded."""
    rows, cols, bands = 48, 40, 30
    data = np.random.default_rng(5).random((rows, cols, bands)).astype(np.float32)
    ds = gdal.GetDriverByName("GTiff").Create(str(tmp_path / "band.tif"), cols, rows, bands, gdal.GDT_Float32,
                                              ["TILED=YES", "BLOCKXSIZE=48", "BLOCKYSIZE=16", "COMPRESS=ZSTD",
                                               "INTERLEAVE=BAND"])
    ds.WriteArray(np.ascontiguousarray(data.transpose(2, 0, 1)))
    ds = None
    capfd.readouterr()
    raster = SpectralRaster(tmp_path / "band.tif")
    got = np.concatenate([b.data for b in raster.blocks(rows=16)])
    np.testing.assert_array_equal(got, data.reshape(-1, bands))
    assert "ERROR" not in capfd.readouterr().err
