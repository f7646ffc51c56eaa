"""The one spectral-raster reader and the one GeoTIFF writer (core, no QGIS).

Reader: wavelengths from every documented source and in the documented order, units normalised to nm, FWHM,
scale/offset, no-data and NaN as invalid pixels, blocks that cover a raster exactly once, windows from bounds.
Writer: the spectral metadata conventions round trip, class palettes and category names, atomic outputs (a failed
write leaves nothing), the BIGTIFF decision, progress and cancel through the one callback.
"""
import os

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from osgeo import gdal, osr

from hyspec_qgis.core import Cancelled, HyspecError, ParameterError, RasterWriter, SpectralRaster
from hyspec_qgis.core.engine.blockwise import apply_blockwise
from hyspec_qgis.core.io.raster_reader import Window, window_from_bounds
from hyspec_qgis.core.io.raster_writer import class_colors, class_dtype

gdal.UseExceptions()

GT = (368000.0, 1.0, 0.0, 4306060.0, 0.0, -1.0)
WL_NM = np.array([450.0, 550.0, 650.0, 850.0, 1650.0])
FWHM_NM = np.array([5.0, 5.5, 6.0, 6.5, 7.0])


def utm18():
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32618)
    return srs.ExportToWkt()


def gtiff(path, data, dtype=gdal.GDT_Float32, nodata=None):
    """A plain GeoTIFF from a (rows, cols, bands) array, no spectral metadata."""
    rows, cols, bands = data.shape
    ds = gdal.GetDriverByName("GTiff").Create(str(path), cols, rows, bands, dtype)
    ds.SetGeoTransform(GT)
    ds.SetProjection(utm18())
    for b in range(bands):
        band = ds.GetRasterBand(b + 1)
        band.WriteArray(data[:, :, b])
        if nodata is not None:
            band.SetNoDataValue(nodata)
    return ds


def leftovers(folder):
    return sorted(n for n in os.listdir(folder) if n.endswith(".partial") or ".partial." in n)


# --- wavelengths: each source, units, order -------------------------------------------------------------------------

def test_wavelengths_from_band_metadata(tmp_path):
    ds = gtiff(tmp_path / "b.tif", np.ones((2, 3, 5), np.float32))
    for i, (wl, fw) in enumerate(zip(WL_NM, FWHM_NM)):
        band = ds.GetRasterBand(i + 1)
        band.SetMetadataItem("wavelength", str(wl / 1000))
        band.SetMetadataItem("wavelength_units", "micrometers")
        band.SetMetadataItem("fwhm", str(fw / 1000))
    ds = None
    r = SpectralRaster(tmp_path / "b.tif")
    np.testing.assert_allclose(r.wavelengths, WL_NM)
    np.testing.assert_allclose(r.fwhm, FWHM_NM)


def test_wavelengths_from_imagery_domain_in_micrometres(tmp_path):
    ds = gtiff(tmp_path / "i.tif", np.ones((2, 3, 5), np.float32))
    for i, (wl, fw) in enumerate(zip(WL_NM, FWHM_NM)):
        ds.GetRasterBand(i + 1).SetMetadataItem("CENTRAL_WAVELENGTH_UM", str(wl / 1000), "IMAGERY")
        ds.GetRasterBand(i + 1).SetMetadataItem("FWHM_UM", str(fw / 1000), "IMAGERY")
    ds = None
    r = SpectralRaster(tmp_path / "i.tif")
    np.testing.assert_allclose(r.wavelengths, WL_NM)
    np.testing.assert_allclose(r.fwhm, FWHM_NM)


@pytest.mark.parametrize("units,factor", [("Micrometers", 1000.0), ("Nanometers", 1.0), (None, None)])
def test_wavelengths_from_envi_domain_list(tmp_path, units, factor):
    """A dataset-level ENVI-domain list only (as GeoTIFFs written by ENVI-minded tools carry): units respected;
    without units, 0.4-2.5 is taken as micrometres and 400-2500 as nanometres."""
    values = WL_NM / (factor or 1000.0)
    fwhm = FWHM_NM / (factor or 1000.0)
    ds = gtiff(tmp_path / "e.tif", np.ones((2, 3, 5), np.float32))
    meta = {"wavelength": "{" + ", ".join(f"{v:g}" for v in values) + "}",
            "fwhm": "{" + ", ".join(f"{v:g}" for v in fwhm) + "}"}
    if units:
        meta["wavelength units"] = units
    ds.SetMetadata(meta, "ENVI")
    ds = None
    r = SpectralRaster(tmp_path / "e.tif")
    np.testing.assert_allclose(r.wavelengths, WL_NM)
    np.testing.assert_allclose(r.fwhm, FWHM_NM)


@pytest.mark.parametrize("units,factor", [("Micrometers", 1000.0), ("Nanometers", 1.0)])
def test_envi_file_written_by_gdal(tmp_path, units, factor):
    """An ENVI .dat/.hdr: GDAL puts each band's wavelength in band metadata but FWHM only in the ENVI list."""
    path = str(tmp_path / "cube.dat")
    ds = gdal.GetDriverByName("ENVI").Create(path, 4, 3, 5, gdal.GDT_Float32)
    ds.SetGeoTransform(GT)
    ds.SetProjection(utm18())
    ds.SetMetadata({"wavelength": "{" + ",".join(f"{w / factor:g}" for w in WL_NM) + "}",
                    "fwhm": "{" + ",".join(f"{w / factor:g}" for w in FWHM_NM) + "}",
                    "wavelength_units": units}, "ENVI")
    ds.WriteArray(np.full((5, 3, 4), 0.25, np.float32))
    ds = None
    header = open(str(tmp_path / "cube.hdr")).read()
    assert f"wavelength units = {units}" in header and "wavelength = {" in header
    r = SpectralRaster(path)
    np.testing.assert_allclose(r.wavelengths, WL_NM)
    np.testing.assert_allclose(r.fwhm, FWHM_NM)
    assert r.geotransform == GT
    assert osr.SpatialReference(r.crs_wkt).GetUTMZone() == 18


def test_hand_written_envi_header(tmp_path):
    """A raw BIL int16 .dat with a hand-written .hdr, as NEON's ENVI reflectance: data ignore value, reflectance
    scale factor, wavelength list in nm, map info."""
    rows, cols, bands = 3, 4, 5
    raw = np.arange(rows * cols * bands, dtype=np.int16).reshape(rows, bands, cols) * 10 + 1000  # BIL: line, band, sample
    raw[1, :, 2] = -9999  # one no-data pixel
    raw.tofile(str(tmp_path / "neon.dat"))
    (tmp_path / "neon.hdr").write_text(
        "ENVI\ndescription = {hand written}\n"
        f"samples = {cols}\nlines = {rows}\nbands = {bands}\nheader offset = 0\nfile type = ENVI Standard\n"
        "data type = 2\ninterleave = bil\nbyte order = 0\n"
        "map info = {UTM, 1.000, 1.000, 368000.000, 4306060.000, 1.0000000000e+000, 1.0000000000e+000, 18, North, "
        "WGS-84, units=Meters}\n"
        "wavelength units = Nanometers\n"
        "wavelength = {" + ", ".join(f"{w:.2f}" for w in WL_NM) + "}\n"
        "fwhm = {" + ", ".join(f"{w:.2f}" for w in FWHM_NM) + "}\n"
        "data ignore value = -9999\nreflectance scale factor = 10000.000000\n")
    r = SpectralRaster(tmp_path / "neon.dat")
    np.testing.assert_allclose(r.wavelengths, WL_NM)
    np.testing.assert_allclose(r.fwhm, FWHM_NM)
    assert r.geotransform == GT and r.nodata == [-9999.0] * bands
    np.testing.assert_allclose(r.scales, 1e-4)  # ENVI's reflectance scale factor is applied: values read as 0-1
    block = next(r.blocks())
    cube = raw.transpose(0, 2, 1).reshape(-1, bands)
    valid = (cube != -9999).all(axis=1)
    assert valid.sum() == rows * cols - 1 and not block.valid[1 * cols + 2]
    np.testing.assert_array_equal(block.valid, valid)
    np.testing.assert_allclose(block.data[valid], cube[valid] / np.float32(10000), rtol=1e-6)
    assert (block.data[~valid] == 0).all()


def test_reflectance_scale_factor_ignored_when_gdal_scale_present_or_float(tmp_path):
    for dtype, scale in ((gdal.GDT_Int16, 0.5), (gdal.GDT_Float32, None)):
        path = str(tmp_path / f"s{dtype}.dat")
        ds = gdal.GetDriverByName("ENVI").Create(path, 2, 2, 1, dtype)
        ds.SetMetadata({"reflectance_scale_factor": "10000"}, "ENVI")
        if scale:
            ds.GetRasterBand(1).SetScale(scale)
        ds.GetRasterBand(1).Fill(100)
        ds = None
        r = SpectralRaster(path)
        assert next(r.blocks()).data[0, 0] == pytest.approx(100 * (scale or 1.0))


def test_plain_rgb_has_no_wavelengths(tmp_path):
    gtiff(tmp_path / "rgb.tif", np.zeros((4, 4, 3), np.uint8), gdal.GDT_Byte)
    r = SpectralRaster(tmp_path / "rgb.tif")
    assert r.wavelengths is None and r.fwhm is None and r.count == 3
    with pytest.raises(ParameterError, match="INPUT.*no wavelength metadata.*N-FINDR"):
        r.require_wavelengths("N-FINDR")


def test_source_order_band_metadata_then_imagery_then_envi(tmp_path):
    ds = gtiff(tmp_path / "o.tif", np.ones((2, 2, 2), np.float32))
    ds.SetMetadata({"wavelength": "{700, 800}", "wavelength units": "Nanometers"}, "ENVI")
    for i, (band_nm, imagery_um) in enumerate(((500.0, 0.6), (510.0, 0.61))):
        ds.GetRasterBand(i + 1).SetMetadataItem("CENTRAL_WAVELENGTH_UM", str(imagery_um), "IMAGERY")
        ds.GetRasterBand(i + 1).SetMetadataItem("wavelength", str(band_nm))
    ds = None
    np.testing.assert_allclose(SpectralRaster(tmp_path / "o.tif").wavelengths, [500, 510])
    ds = gdal.Open(str(tmp_path / "o.tif"), gdal.GA_Update)
    for i in range(2):
        ds.GetRasterBand(i + 1).SetMetadataItem("wavelength", None)
    ds = None
    np.testing.assert_allclose(SpectralRaster(tmp_path / "o.tif").wavelengths, [600, 610])
    ds = gdal.Open(str(tmp_path / "o.tif"), gdal.GA_Update)
    for i in range(2):
        ds.GetRasterBand(i + 1).SetMetadataItem("CENTRAL_WAVELENGTH_UM", None, "IMAGERY")
    ds = None
    np.testing.assert_allclose(SpectralRaster(tmp_path / "o.tif").wavelengths, [700, 800])


def test_incomplete_band_metadata_falls_through(tmp_path):
    """One band without 'wavelength' means the band-level source is incomplete: the next source is used."""
    ds = gtiff(tmp_path / "p.tif", np.ones((2, 2, 2), np.float32))
    ds.GetRasterBand(1).SetMetadataItem("wavelength", "500")
    ds.SetMetadata({"wavelength": "{0.7, 0.8}"}, "ENVI")
    ds = None
    np.testing.assert_allclose(SpectralRaster(tmp_path / "p.tif").wavelengths, [700, 800])


# --- pixels: scale/offset, validity, blocks ---------------------------------------------------------------------------

def test_scale_offset_applied(tmp_path):
    data = np.arange(2 * 3 * 2, dtype=np.int16).reshape(2, 3, 2) * 100
    ds = gtiff(tmp_path / "so.tif", data, gdal.GDT_Int16, nodata=-9999)
    ds.GetRasterBand(1).SetScale(1e-4)
    ds.GetRasterBand(2).SetScale(2e-4)
    ds.GetRasterBand(2).SetOffset(0.5)
    ds = None
    block = next(SpectralRaster(tmp_path / "so.tif").blocks())
    assert block.data.dtype == np.float32 and block.valid.all()
    np.testing.assert_allclose(block.data[:, 0], data[:, :, 0].ravel() * 1e-4, rtol=1e-6)
    np.testing.assert_allclose(block.data[:, 1], data[:, :, 1].ravel() * 2e-4 + 0.5, rtol=1e-6)


def test_nodata_in_any_band_and_nan_make_pixels_invalid(tmp_path):
    data = np.full((3, 4, 3), 0.5, np.float32)
    data[0, 1, 2] = -9999  # no-data in the last band only
    data[2, 3, 0] = np.nan  # NaN without being the no-data value
    data[1, 0, 1] = np.inf
    gtiff(tmp_path / "nd.tif", data, nodata=-9999)
    r = SpectralRaster(tmp_path / "nd.tif")
    block = next(r.blocks())
    invalid = sorted(np.where(~block.valid)[0])
    assert invalid == [1, 4, 11]
    assert (block.data[~block.valid] == 0).all() and np.isfinite(block.data).all()
    # Reading only the bands without the -9999 value: that pixel is valid again.
    assert next(r.blocks(bands=[0, 1])).valid[1]


def test_nan_nodata_value(tmp_path):
    data = np.ones((2, 2, 2), np.float32)
    data[0, 0, 1] = np.nan
    gtiff(tmp_path / "nan.tif", data, nodata=float("nan"))
    block = next(SpectralRaster(tmp_path / "nan.tif").blocks())
    assert block.valid.tolist() == [False, True, True, True]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.integers(1, 9), win=st.tuples(st.integers(0, 12), st.integers(0, 6), st.integers(1, 13), st.integers(1, 7)))
def test_blocks_cover_the_window_exactly_once(tmp_path, rows, win):
    height, width = 13, 7
    path = tmp_path / "cover.tif"
    if not path.exists():
        values = np.arange(height * width, dtype=np.float32).reshape(height, width, 1)
        gtiff(path, np.concatenate([values, -values], axis=2))
    r0, c0, h, w = win
    h, w = min(h, height - r0), min(w, width - c0)
    window = Window(r0, c0, h, w)
    raster = SpectralRaster(path)
    seen = np.zeros((h, w), int)
    for block in raster.blocks(window=window, rows=rows):
        assert block.col0 == 0 and block.ncols == w and block.nrows <= rows
        seen[block.row0:block.row0 + block.nrows] += 1
        expected = (np.arange(r0 + block.row0, r0 + block.row0 + block.nrows)[:, None] * width
                    + np.arange(c0, c0 + w)[None, :]).ravel()
        np.testing.assert_array_equal(block.data[:, 0], expected)
        np.testing.assert_array_equal(block.data[:, 1], -expected)
    assert (seen == 1).all()


# Every layout users bring, as GDAL writes it: (driver, creation options, band type, scale/offset per band or None).
LAYOUTS = {
    "ours (RasterWriter: band-interleaved tiles, ZSTD)": None,
    "GeoTIFF tiled, GDAL defaults (pixel-interleaved, uncompressed)": ("GTiff", ["TILED=YES", "BLOCKXSIZE=16",
                                                                                  "BLOCKYSIZE=16"]),
    "GeoTIFF striped, GDAL defaults": ("GTiff", []),
    "GeoTIFF band-interleaved strips": ("GTiff", ["INTERLEAVE=BAND"]),
    "GeoTIFF pixel-interleaved ZSTD tiles (decoded on threads)": ("GTiff", ["TILED=YES", "BLOCKXSIZE=32",
                                                                           "BLOCKYSIZE=16", "COMPRESS=ZSTD"]),
    "GeoTIFF band-interleaved DEFLATE tiles": ("GTiff", ["TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16",
                                                         "COMPRESS=DEFLATE", "INTERLEAVE=BAND"]),
    "ENVI BIL": ("ENVI", ["INTERLEAVE=BIL"]),
    "ENVI BIP": ("ENVI", ["INTERLEAVE=BIP"]),
    "ENVI BSQ": ("ENVI", ["INTERLEAVE=BSQ"]),
}


def _layout_cube(rng, rows=37, cols=29, bands=11):
    cube = rng.uniform(0.0, 0.8, size=(rows, cols, bands)).astype(np.float32)
    cube[3, 4, :] = -9999  # a no-data pixel
    cube[5, 6, 7] = -9999  # no-data in one band only
    cube[9, 1, 2] = np.nan
    cube[20:22, :, 0] = -9999  # whole rows
    return cube


def _write_layout(path, cube, layout, dtype=gdal.GDT_Float32, scale=None):
    """``cube`` in ``layout``: our writer, or a GTiff built by GDAL and translated to the layout."""
    rows, cols, bands = cube.shape
    if layout is None:
        with RasterWriter(str(path), width=cols, height=rows, bands=bands, geotransform=GT, crs_wkt=utm18(),
                          nodata=-9999) as w:
            w.write(cube, 0)
        return str(path)
    src = gdal.GetDriverByName("MEM").Create("", cols, rows, bands, dtype)
    src.SetGeoTransform(GT)
    for b in range(bands):
        band = src.GetRasterBand(b + 1)
        band.WriteArray(cube[:, :, b])
        band.SetNoDataValue(-9999)
        if scale is not None:
            band.SetScale(float(scale[0][b]))
            band.SetOffset(float(scale[1][b]))
    driver, options = layout
    out = str(path) + (".tif" if driver == "GTiff" else ".dat")
    gdal.Translate(out, src, format=driver, creationOptions=options)
    return out


def _plain_gdal(path, bands=None):
    """The reference: one plain GDAL read of the file, pixel-interleaved, then the documented rules (float32 times the
    scale plus the offset; a pixel is invalid where a band is no-data or not finite; invalid pixels are 0)."""
    ds = gdal.Open(path)
    idx = list(range(ds.RasterCount)) if bands is None else list(bands)
    raw = ds.ReadAsArray(band_list=[b + 1 for b in idx], interleave="pixel").reshape(-1, len(idx))
    nodata = [ds.GetRasterBand(b + 1).GetNoDataValue() for b in idx]
    bad = np.zeros(raw.shape[0], bool)
    for j, nd in enumerate(nodata):
        if nd is not None:
            bad |= raw[:, j] == (raw.dtype.type(nd) if raw.dtype.kind == "f" else nd)
    data = raw.astype(np.float32)
    for j, b in enumerate(idx):
        band = ds.GetRasterBand(b + 1)
        if (band.GetScale() or 1.0) != 1.0:
            data[:, j] *= np.float32(band.GetScale())
        if (band.GetOffset() or 0.0) != 0.0:
            data[:, j] += np.float32(band.GetOffset())
    bad |= ~np.isfinite(data).all(axis=1)
    data[bad] = 0.0
    return data, ~bad


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_every_layout_reads_as_a_plain_gdal_read(tmp_path, monkeypatch, name):
    """Whatever the file's layout (and so whichever way the reader asks GDAL for it), the blocks hold exactly the
    values of one plain GDAL read: all bands, a band subset with gaps, one band, blocks of any height; small slabs
    and slices so that every piece boundary of the reader falls inside the raster."""
    from hyspec_qgis.core.io import raster_reader

    monkeypatch.setattr(raster_reader, "SLAB_BYTES", 3 * 29 * 11 * 4)  # three rows of all bands
    monkeypatch.setattr(raster_reader, "CHUNK_BYTES", 40 * 11 * 4)  # 40 pixels
    cube = _layout_cube(np.random.default_rng(7))
    path = _write_layout(tmp_path / "cube", cube, LAYOUTS[name])
    raster = SpectralRaster(path)
    for bands, rows in ((None, None), (None, 5), ([0, 2, 3, 7, 10], 16), ([6], 4), ([7, 2], 37)):
        expected, valid = _plain_gdal(path, bands)
        got = [b for b in raster.blocks(bands=bands, rows=rows)]
        data, ok = np.concatenate([b.data for b in got]), np.concatenate([b.valid for b in got])
        assert data.dtype == np.float32 and data.flags.c_contiguous
        assert data.tobytes() == expected.tobytes(), (name, bands, rows)
        np.testing.assert_array_equal(ok, valid)
    assert (~valid).sum() >= 3  # the no-data cases are really there


@pytest.mark.parametrize("layout", ["GeoTIFF band-interleaved strips", "ENVI BIP", "ENVI BSQ"])
def test_integer_layouts_with_scale_read_as_a_plain_gdal_read(tmp_path, layout):
    """NEON's int16 reflectance times a scale (and an offset here): no-data is compared in the stored integers."""
    cube = _layout_cube(np.random.default_rng(8))
    cube = np.where(cube == -9999, cube, np.round(np.nan_to_num(cube, nan=0.0123) * 10000))
    scale = (np.linspace(1e-4, 3e-4, 11), np.linspace(0.0, 0.5, 11))
    path = _write_layout(tmp_path / "int", cube, LAYOUTS[layout], gdal.GDT_Int16, scale)
    expected, valid = _plain_gdal(path)
    block = next(SpectralRaster(path).blocks(rows=37))
    assert block.data.tobytes() == expected.tobytes()
    np.testing.assert_array_equal(block.valid, valid)
    assert not valid.all() and valid.any()


def test_default_block_rows_stay_within_budget(tmp_path):
    gtiff(tmp_path / "big.tif", np.zeros((40, 30, 2), np.float32))
    r = SpectralRaster(tmp_path / "big.tif")
    assert r.block_rows(426, 1000) * 426 * 1000 * 4 <= 64 * 1024 * 1024
    assert sum(b.nrows for b in r.blocks()) == 40


def test_window_from_bounds_snaps_outwards_and_rejects_no_overlap(tmp_path):
    w = window_from_bounds(GT, 7, 13, (368001.5, 4306050.2, 368003.2, 4306055.0), "EXTENT")
    assert (w.row0, w.col0, w.height, w.width) == (5, 1, 5, 3)
    gtiff(tmp_path / "g.tif", np.zeros((13, 7, 1), np.float32))
    r = SpectralRaster(tmp_path / "g.tif")
    assert r.window_geotransform(w) == (368001.0, 1.0, 0.0, 4306055.0, 0.0, -1.0)
    with pytest.raises(ParameterError, match="EXTENT.*does not overlap"):
        r.window_from_bounds(0, 0, 10, 10)


def test_sample_is_reproducible_and_only_valid(tmp_path):
    data = np.random.default_rng(0).random((50, 40, 3)).astype(np.float32)
    data[:5] = -9999
    gtiff(tmp_path / "s.tif", data, nodata=-9999)
    r = SpectralRaster(tmp_path / "s.tif")
    a, n_valid, total = r.sample(300, seed=3)
    b, *_ = r.sample(300, seed=3)
    np.testing.assert_array_equal(a, b)
    assert (n_valid, total) == (45 * 40, 2000) and 150 < len(a) < 450 and (a >= 0).all()


def test_open_errors_name_the_parameter(tmp_path):
    with pytest.raises(HyspecError, match="INPUT.*no such file"):
        SpectralRaster(tmp_path / "missing.tif")
    (tmp_path / "text.tif").write_text("not a raster")
    with pytest.raises(HyspecError, match="ENDMEMBERS.*not a raster"):
        SpectralRaster(tmp_path / "text.tif", parameter="ENDMEMBERS")


# --- writer ------------------------------------------------------------------------------------------------------------

def test_writer_spectral_metadata_round_trip(tmp_path):
    out = str(tmp_path / "w.tif")
    wl = np.array([383.884, 549.133, 2512.09])
    fwhm = np.array([5.3, 5.4, 5.8])
    data = np.random.default_rng(1).random((20, 30, 3)).astype(np.float32)
    data[3, 4] = -9999
    with RasterWriter(out, width=30, height=20, bands=3, geotransform=GT, crs_wkt=utm18(), nodata=-9999,
                      wavelengths=wl, fwhm=fwhm, metadata={"NEON_SITE": "SERC"}) as w:
        w.write(data[:7], 0)
        w.write(data[7:], 7)
    assert leftovers(tmp_path) == [] and os.path.exists(out)
    ds = gdal.Open(out)
    assert ds.GetDriver().ShortName == "GTiff" and ds.GetGeoTransform() == GT
    assert osr.SpatialReference(ds.GetProjection()).GetAuthorityCode(None) == "32618"
    assert ds.GetMetadataItem("NEON_SITE") == "SERC"
    assert ds.GetMetadata("IMAGE_STRUCTURE")["COMPRESSION"] == "ZSTD"
    envi = ds.GetMetadata("ENVI")
    assert envi["wavelength"] == "{383.884, 549.133, 2512.09}" and envi["fwhm"] == "{5.3, 5.4, 5.8}"
    assert envi["wavelength units"] == "Nanometers"
    b2 = ds.GetRasterBand(2)
    assert b2.GetDescription() == "2: 549.133 nm"
    assert b2.GetMetadataItem("wavelength") == "549.133" and b2.GetMetadataItem("fwhm") == "5.4"
    assert b2.GetMetadataItem("wavelength_units") == "Nanometers"
    assert b2.GetMetadataItem("CENTRAL_WAVELENGTH_UM", "IMAGERY") == "0.549133"
    assert b2.GetMetadataItem("FWHM_UM", "IMAGERY") == "0.0054"
    assert b2.GetNoDataValue() == -9999 and b2.DataType == gdal.GDT_Float32
    np.testing.assert_array_equal(ds.ReadAsArray(interleave="pixel"), data)
    r = SpectralRaster(out)
    np.testing.assert_allclose(r.wavelengths, wl)
    np.testing.assert_allclose(r.fwhm, fwhm)
    assert r.band_names[0] == "1: 383.884 nm" and r.metadata["NEON_SITE"] == "SERC"
    assert not next(r.blocks()).valid[3 * 30 + 4]


def test_writer_band_names_without_wavelengths(tmp_path):
    out = str(tmp_path / "n.tif")
    with RasterWriter(out, width=4, height=3, bands=2, geotransform=GT, crs_wkt="", band_names=["red", "nir"]) as w:
        w.write(np.zeros((3, 4, 2), np.float32), 0)
    r = SpectralRaster(out)
    assert r.band_names == ["red", "nir"] and r.wavelengths is None


def test_class_raster_palette_and_category_names(tmp_path):
    out = str(tmp_path / "classes.tif")
    names = ["vegetation", "soil", "water"]
    labels = np.array([[0, 1, 2, 3], [3, 2, 1, 0]], np.uint8)
    with RasterWriter(out, width=4, height=2, bands=1, geotransform=GT, crs_wkt=utm18(), dtype=class_dtype(3),
                      nodata=0, class_names=names) as w:
        w.write(labels, 0)
    ds = gdal.Open(out)
    band = ds.GetRasterBand(1)
    assert band.DataType == gdal.GDT_Byte and band.GetNoDataValue() == 0
    assert band.GetRasterColorInterpretation() == gdal.GCI_PaletteIndex
    table = band.GetRasterColorTable()
    assert table.GetColorEntry(0)[3] == 0  # no-data transparent
    assert [table.GetColorEntry(i + 1)[:3] for i in range(3)] == class_colors(3)
    assert band.GetCategoryNames() == ["unclassified"] + names
    assert ds.GetMetadataItem("CLASS_NAMES") == "vegetation;soil;water"
    np.testing.assert_array_equal(band.ReadAsArray(), labels)
    assert class_dtype(256) == np.uint16 and class_colors(12)[:10] == class_colors(10)
    assert len(set(class_colors(40))) == 40


def test_failed_write_leaves_no_file(tmp_path):
    out = tmp_path / "fail.tif"
    with pytest.raises(RuntimeError, match="boom"):
        with RasterWriter(str(out), width=4, height=4, bands=2, geotransform=GT, crs_wkt="") as w:
            w.write(np.zeros((2, 4, 2), np.float32), 0)
            assert leftovers(tmp_path)  # the temporary file exists while writing, under a hidden name
            raise RuntimeError("boom")
    assert os.listdir(tmp_path) == []
    # Metadata that does not fit (5 wavelengths for 2 bands) fails in the constructor: nothing is left either.
    with pytest.raises(ValueError, match="5 wavelengths for 2 bands"):
        RasterWriter(str(out), width=4, height=4, bands=2, geotransform=GT, crs_wkt="", wavelengths=WL_NM)
    assert os.listdir(tmp_path) == []


def test_failed_rewrite_keeps_the_previous_output(tmp_path):
    out = str(tmp_path / "again.tif")
    with RasterWriter(out, width=2, height=2, bands=1, geotransform=GT, crs_wkt="") as w:
        w.write(np.ones((2, 2), np.float32), 0)
    with pytest.raises(RuntimeError):
        with RasterWriter(out, width=2, height=2, bands=1, geotransform=GT, crs_wkt="") as w:
            w.write(np.full((2, 2), 7, np.float32), 0)
            raise RuntimeError("cancelled")
    assert os.listdir(tmp_path) == ["again.tif"]
    assert gdal.Open(out).ReadAsArray().tolist() == [[1, 1], [1, 1]]


def test_two_writers_of_one_output_use_separate_temporary_files(tmp_path):
    a = RasterWriter(str(tmp_path / "same.tif"), width=2, height=2, bands=1, geotransform=GT, crs_wkt="")
    b = RasterWriter(str(tmp_path / "same.tif"), width=2, height=2, bands=1, geotransform=GT, crs_wkt="")
    assert os.path.basename(a._tmp).startswith(".same.") and a._tmp.endswith(".partial.tif")
    assert str(os.getpid()) in os.path.basename(a._tmp) and a._tmp != b._tmp
    a.abort()
    b.abort()
    assert os.listdir(tmp_path) == []


def _tiff_kind(path):
    with open(path, "rb") as f:
        return {42: "classic", 43: "bigtiff"}[int.from_bytes(f.read(4)[2:4], "little")]


def test_bigtiff_only_when_needed(tmp_path):
    small = RasterWriter(str(tmp_path / "small.tif"), width=100, height=100, bands=426, geotransform=GT, crs_wkt="")
    small._ds.FlushCache()  # writes the header
    assert _tiff_kind(small._tmp) == "classic"
    small.abort()
    # 30000 x 20000 x 2 float32 = 4.8 GB uncompressed: past what a classic TIFF can address. Nothing is written.
    big = RasterWriter(str(tmp_path / "big.tif"), width=30000, height=20000, bands=2, geotransform=GT, crs_wkt="")
    big._ds.FlushCache()
    assert _tiff_kind(big._tmp) == "bigtiff"
    big.abort()
    assert os.listdir(tmp_path) == []


def test_progress_and_cancel_through_the_one_callback(tmp_path):
    src = tmp_path / "src.tif"
    gtiff(src, np.ones((40, 5, 2), np.float32))
    raster = SpectralRaster(src)
    seen = []

    def callback(fraction, message):
        seen.append(fraction)
        return True

    out = str(tmp_path / "copy.tif")
    writer = RasterWriter(out, width=5, height=40, bands=2, geotransform=GT, crs_wkt="")
    apply_blockwise(raster, lambda b: [b.data], [writer], progress=callback, rows=10)
    assert os.path.exists(out) and seen[-1] == 1.0 and seen == sorted(seen) and len(seen) >= 4

    def cancel_after_two(fraction, message):
        cancel_after_two.calls += 1
        return cancel_after_two.calls < 3

    cancel_after_two.calls = 0
    out2 = str(tmp_path / "cancelled.tif")
    writer = RasterWriter(out2, width=5, height=40, bands=2, geotransform=GT, crs_wkt="")
    with pytest.raises(Cancelled):
        apply_blockwise(raster, lambda b: [b.data], [writer], progress=cancel_after_two, rows=10)
    assert not os.path.exists(out2) and leftovers(tmp_path) == []
