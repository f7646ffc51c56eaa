"""The data side of the spectral profile tool, without QGIS or a display: one-pixel reads that equal GDAL's own read
(scale/offset, ENVI reflectance scale factor, no-data), points in another CRS, gaps at removed bands, and a CSV export
that the plugin's own readers take back as ENDMEMBERS / START_CENTERS."""
import numpy as np
import pytest
from osgeo import gdal, osr

from hyspec_qgis.core import HyspecError, SpectraError, SpectralRaster, match_to_raster, read_spectra_csv
from hyspec_qgis.core.io.pixel_spectrum import NoDataPixel, OutsideRaster, PixelReader, PixelSpectrum, pixel_spectrum
from hyspec_qgis.core.io.profile_spectra import (
    coordinate_decimals,
    csv_name,
    export_spectra,
    library_curves,
    limits,
    nice_ticks,
    pixel_curve,
    plan_export,
    segments,
)
from hyspec_qgis.core.io.raster_writer import class_colors
from hyspec_qgis.core.io.sample import EAST0, NORTH0

gdal.UseExceptions()

WL = np.array([450.0, 550.0, 650.0, 850.0, 1650.0])


def _gdal_pixel(path, row, col):
    ds = gdal.Open(str(path))  # kept referenced while its bands are used (GDAL < 3.8)
    out = []
    for b in range(ds.RasterCount):
        band = ds.GetRasterBand(b + 1)
        value = float(band.ReadAsArray(col, row, 1, 1)[0, 0])
        out.append(value * (band.GetScale() or 1.0) + (band.GetOffset() or 0.0))
    return np.array(out)


# --- reading one pixel ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("row, col", [(0, 0), (10, 25), (59, 79), (33, 4)])
def test_pixel_values_equal_a_direct_gdal_read_and_what_the_algorithms_read(clean_kmeans_tile, row, col):
    reader = PixelReader(clean_kmeans_tile)
    block = SpectralRaster(clean_kmeans_tile).read_block(row, 1, col, 1, list(range(174)))
    if not block.valid[0]:
        with pytest.raises(NoDataPixel, match=f"row {row}, col {col}.*no-data in every band"):
            reader.read(row, col)
        return
    s = reader.read(row, col)
    np.testing.assert_array_equal(s.values, _gdal_pixel(clean_kmeans_tile, row, col).astype(np.float32))
    np.testing.assert_array_equal(s.values, block.data[0])  # exactly what an algorithm sees at that pixel
    assert s.values.dtype == np.float32 and s.values.shape == (174,) and s.complete
    np.testing.assert_array_equal(s.wavelengths, SpectralRaster(clean_kmeans_tile).wavelengths)
    assert (s.row, s.col) == (row, col)
    assert (s.x, s.y) == (EAST0 + col + 0.5, NORTH0 + 60 - row - 0.5)  # pixel centre, 1 m grid
    assert list(s.bands) == list(range(1, 175))


def test_locate_pixel_edges_and_points_off_the_raster(clean_kmeans_tile):
    reader = PixelReader(clean_kmeans_tile)
    top = NORTH0 + 60
    assert reader.locate(EAST0, top) == (0, 0)  # the upper-left corner belongs to pixel (0, 0)
    assert reader.locate(EAST0 + 25.999, top - 10.001) == (10, 25)
    assert reader.locate(EAST0 + 26.0, top - 11.0) == (11, 26)
    assert reader.locate(EAST0 + 79.99, top - 59.99) == (59, 79)
    for x, y in ((EAST0 - 0.01, top - 1), (EAST0 + 80, top - 1), (EAST0 + 1, top + 0.01), (EAST0 + 1, NORTH0)):
        assert reader.locate(x, y) is None
    with pytest.raises(OutsideRaster, match="outside the raster"):
        reader.at(EAST0 + 80.5, top - 1)
    with pytest.raises(OutsideRaster, match="row 60, col 0.*outside the raster.*60 rows x 80 columns"):
        reader.read(60, 0)


def test_one_small_read_of_one_pixel_and_all_bands(clean_kmeans_tile):
    """The profile never reads more than the clicked pixel: one ReadAsArray(col, row, 1, 1) of the dataset."""
    reader = PixelReader(clean_kmeans_tile)
    real = reader.raster.ds
    calls = []

    class Recording:
        def __getattr__(self, name):
            if name in ("ReadAsArray", "ReadRaster"):
                def read(*args, **kwargs):
                    calls.append((name, args, kwargs))
                    return getattr(real, name)(*args, **kwargs)
                return read
            if name == "GetRasterBand":
                raise AssertionError("band-by-band reads")
            return getattr(real, name)

    reader.raster.ds = Recording()
    s = reader.read(12, 30)
    assert calls == [("ReadAsArray", (30, 12, 1, 1), {})]
    np.testing.assert_array_equal(s.values, _gdal_pixel(clean_kmeans_tile, 12, 30).astype(np.float32))


def test_scale_and_offset_per_band(tmp_path, make_raster):
    raw = np.arange(3 * 4 * 5, dtype=np.int16).reshape(3, 4, 5) * 37 + 100
    path = make_raster(tmp_path / "scaled.tif", raw, WL, nodata=-1)
    ds = gdal.Open(path, gdal.GA_Update)
    scales, offsets = [1e-4, 2e-4, 5e-5, 1e-3, 1e-4], [0.0, 0.01, -0.02, 0.0, 0.5]
    for b in range(5):
        ds.GetRasterBand(b + 1).SetScale(scales[b])
        ds.GetRasterBand(b + 1).SetOffset(offsets[b])
    ds = None
    s = PixelReader(path).read(2, 1)
    expected = raw[2, 1].astype(np.float64) * scales + offsets
    np.testing.assert_allclose(s.values, expected, rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(s.values, _gdal_pixel(path, 2, 1), rtol=1e-6, atol=1e-7)


def write_neon_envi(tmp_path, rows=3, cols=4):
    """A raw BIL int16 .dat with NEON's ENVI header items: data ignore value, reflectance scale factor, map info."""
    bands = WL.size
    raw = (np.arange(rows * cols * bands, dtype=np.int16).reshape(rows, bands, cols) * 10 + 1000)
    raw[1, :, 2] = -9999  # a no-data pixel
    raw[2, 3, 0] = -9999  # one no-data band at pixel (row 2, col 0)
    raw.tofile(str(tmp_path / "neon.dat"))
    (tmp_path / "neon.hdr").write_text(
        "ENVI\ndescription = {NEON-like}\n"
        f"samples = {cols}\nlines = {rows}\nbands = {bands}\nheader offset = 0\nfile type = ENVI Standard\n"
        "data type = 2\ninterleave = bil\nbyte order = 0\n"
        "map info = {UTM, 1.000, 1.000, 368000.000, 4306060.000, 1.0000000000e+000, 1.0000000000e+000, 18, North, "
        "WGS-84, units=Meters}\n"
        "wavelength units = Nanometers\nwavelength = {" + ", ".join(f"{w:.2f}" for w in WL) + "}\n"
        "data ignore value = -9999\nreflectance scale factor = 10000.000000\n")
    return str(tmp_path / "neon.dat"), raw


def test_neon_envi_file_reflectance_scale_and_no_data(tmp_path):
    path, raw = write_neon_envi(tmp_path)
    reader = PixelReader(path)
    s = reader.read(0, 3)
    np.testing.assert_allclose(s.values, raw[0, :, 3] / 10000.0, rtol=1e-6)  # stored integers / scale factor
    np.testing.assert_allclose(s.wavelengths, WL)
    assert (s.x, s.y) == (368003.5, 4306059.5)
    with pytest.raises(NoDataPixel, match="row 1, col 2.*no-data in every band"):
        reader.read(1, 2)
    partial = reader.read(2, 0)  # one band missing: kept, with a gap there
    assert partial.n_missing == 1 and np.isnan(partial.values[3]) and not partial.complete
    np.testing.assert_allclose(np.delete(partial.values, 3), np.delete(raw[2, :, 0], 3) / 10000.0, rtol=1e-6)
    runs = segments(partial.wavelengths, partial.values)
    assert [list(r) for r in runs] == [[0, 1, 2], [4]]
    assert "[1 no-data bands]" in pixel_curve(partial, "neon").label


def test_nan_pixels_and_float_no_data(tmp_path, make_raster):
    data = np.full((2, 2, 5), 0.25, np.float32)
    data[0, 0] = np.nan
    data[0, 1] = -9999.0
    data[1, 1, 2] = np.inf
    path = make_raster(tmp_path / "f.tif", data, WL, nodata=-9999.0)
    reader = PixelReader(path)
    for rc in ((0, 0), (0, 1)):
        with pytest.raises(NoDataPixel):
            reader.read(*rc)
    s = reader.read(1, 1)
    assert s.n_missing == 1 and np.isnan(s.values[2])
    np.testing.assert_array_equal(reader.read(1, 0).values, data[1, 0])


def test_a_point_in_another_crs_is_transformed(clean_kmeans_tile):
    """A click on a canvas in EPSG:4326 (or Web Mercator) lands on the pixel under it in the raster's UTM grid."""
    utm, wgs = osr.SpatialReference(), osr.SpatialReference()
    utm.ImportFromEPSG(32618)
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    utm.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_wgs = osr.CoordinateTransformation(utm, wgs)
    for row, col in ((10, 25), (3, 70), (45, 2)):
        lon, lat, _ = to_wgs.TransformPoint(EAST0 + col + 0.5, NORTH0 + 60 - row - 0.5)
        assert -77 < lon < -76 and 38 < lat < 39  # SERC, Maryland
        s = pixel_spectrum(clean_kmeans_tile, lon, lat, "EPSG:4326")
        assert (s.row, s.col) == (row, col)
        reader = PixelReader(clean_kmeans_tile)
        assert reader.locate(lon, lat, wgs.ExportToWkt()) == (row, col)  # a WKT works as well
        assert reader.locate(lon, lat) is None  # lon/lat read as UTM metres: far off the tile
    merc = osr.SpatialReference()
    merc.ImportFromEPSG(3857)
    merc.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    x, y, _ = osr.CoordinateTransformation(utm, merc).TransformPoint(EAST0 + 7.5, NORTH0 + 60 - 20.5)
    assert (pixel_spectrum(clean_kmeans_tile, x, y, "EPSG:3857").row, pixel_spectrum(
        clean_kmeans_tile, x, y, "EPSG:3857").col) == (20, 7)
    with pytest.raises(OutsideRaster):
        pixel_spectrum(clean_kmeans_tile, 2.35, 48.85, "EPSG:4326")  # Paris
    with pytest.raises(HyspecError, match="unknown coordinate reference system"):
        pixel_spectrum(clean_kmeans_tile, 0, 0, "not a crs")


def test_raster_without_crs_or_wavelengths(tmp_path, make_raster):
    plain = make_raster(tmp_path / "nocrs.tif", np.ones((2, 2, 5), np.float32), WL)
    assert PixelReader(plain).at(0.5, 1.5).col == 0  # its own pixel coordinates work
    with pytest.raises(HyspecError, match="no coordinate reference system"):
        PixelReader(plain).at(0.5, 1.5, "EPSG:4326")
    rgb = make_raster(tmp_path / "rgb.tif", np.ones((2, 2, 3), np.uint8), crs=32618)
    with pytest.raises(HyspecError, match="rgb.tif has no wavelength metadata, which a spectral profile needs"):
        PixelReader(rgb, "photo")


# --- gaps, axes -----------------------------------------------------------------------------------------------------

def test_gaps_at_removed_bands(clean_kmeans_tile, clean_unmix_tile):
    # Both tutorial recipes keep three runs of bands: below 1340 nm, 1445-1790 nm, above 1955 nm.
    for path in (clean_kmeans_tile, clean_unmix_tile):
        wl = SpectralRaster(path).wavelengths
        runs = segments(wl)
        assert len(runs) == 3
        assert wl[runs[0][-1]] < 1340 < 1445 < wl[runs[1][0]] and wl[runs[1][-1]] < 1790 < 1955 < wl[runs[2][0]]
        assert sum(len(r) for r in runs) == wl.size
    grid = 400.0 + 5.0 * np.arange(20)
    runs = segments(np.delete(grid, [7]))  # one band removed: a 10 nm step is 2 median spacings
    assert [len(r) for r in runs] == [7, 12]
    assert [len(r) for r in segments(grid + np.random.default_rng(0).uniform(-0.5, 0.5, 20))] == [20]  # jitter
    shuffled = np.array([500.0, 400.0, 410.0, 520.0, 510.0, 420.0])  # any band order: drawn by wavelength
    assert [list(r) for r in segments(shuffled)] == [[1, 2, 5], [0, 4, 3]]
    values = np.array([1.0, 2.0, np.nan, 3.0, 4.0, 5.0])  # 410 nm missing
    assert [list(r) for r in segments(shuffled, values)] == [[1], [5], [0, 4, 3]]
    assert [list(r) for r in segments(np.array([600.0]))] == [[0]]


def test_ticks_and_limits():
    assert nice_ticks(383.9, 2512.0) == [500.0, 1000.0, 1500.0, 2000.0, 2500.0]
    assert nice_ticks(0.0, 0.52) == [0.0, 0.1, 0.2, 0.3, 0.4, 0.5]
    assert nice_ticks(-0.013, 0.2)[0] == 0.0 and str(nice_ticks(-0.013, 0.2)[0]) == "0.0"
    assert nice_ticks(5.0, 5.0) == [5.0]
    a = pixel_curve(PixelSpectrum("p.tif", 0, 0, 0.5, 0.5, np.array([-0.1, 0.5], np.float32),
                                  np.array([400.0, 500.0]), np.array([1, 2])), "l")
    x0, x1, y0, y1 = limits([a])
    assert (x0, x1, y0) == (400.0, 500.0, pytest.approx(-0.1)) and y1 == pytest.approx(0.53)
    assert limits([]) is None


# --- curves and the CSV export --------------------------------------------------------------------------------------

def test_library_curves_take_the_class_colours(truth_library_csv):
    lib = read_spectra_csv(truth_library_csv)
    curves = library_curves(lib, truth_library_csv, "U.csv")
    assert [c.name for c in curves] == ["vegetation", "soil", "water", "roof"]
    assert [c.color for c in curves] == class_colors(4)  # class j + 1 of the rasters made from this CSV
    assert curves[2].label == "water (U.csv)" and curves[2].kind == "library"
    no_wl = lib.__class__(lib.names, lib.values, None, lib.bands)
    with pytest.raises(SpectraError, match="no wavelengths"):
        library_curves(no_wl, "x.csv")


def test_export_round_trip_usable_as_endmembers_and_start_centers(clean_kmeans_tile, truth_library_csv, tmp_path):
    reader = PixelReader(clean_kmeans_tile)
    raster = SpectralRaster(clean_kmeans_tile)
    lib = read_spectra_csv(truth_library_csv)  # 426 bands: the full grid, drawn over a 174-band cleaned raster
    curves = library_curves(lib, truth_library_csv)
    pixels = [(10, 25), (10, 25), (40, 60)]
    for k, (r, c) in enumerate(pixels):
        curves.append(pixel_curve(reader.read(r, c), "clean, kmeans; recipe", "EPSG:32618", k,
                                  taken=[x.name for x in curves]))
    assert [c.name for c in curves[4:]] == ["clean kmeans recipe r10 c25", "clean kmeans recipe r10 c25 (2)",
                                            "clean kmeans recipe r40 c60"]
    assert curves[4].label == "clean, kmeans; recipe: row 10, col 25 (368025.5, 4306049.5)"  # 1 m pixels
    assert curves[4].details["crs_name"] == "EPSG:32618"
    out = tmp_path / "profile.csv"
    plan = export_spectra(out, curves)
    assert plan.skipped == [] and plan.dropped_bands == 0 and plan.reference == curves[4].name
    back = read_spectra_csv(out, "ENDMEMBERS")
    assert back.names == [c.name for c in curves]
    np.testing.assert_array_equal(back.wavelengths, raster.wavelengths)  # the raster's grid, exactly
    np.testing.assert_array_equal(back.bands, np.arange(1, 175))
    for j, (r, c) in enumerate(pixels):
        np.testing.assert_array_equal(back.values[:, 4 + j], _gdal_pixel(clean_kmeans_tile, r, c).astype(np.float32))
    # The library's rows at the raster's wavelengths, exactly as the CSV holds them.
    lib_matched = match_to_raster(lib, raster.wavelengths, raster.count)
    np.testing.assert_array_equal(back.values[:, :4], lib_matched.values[:, :4])
    # Usable as ENDMEMBERS / START_CENTERS on the raster it came from: matched band for band.
    matched = match_to_raster(back, raster.wavelengths, raster.count, "START_CENTERS", str(out))
    np.testing.assert_array_equal(matched.values, back.values)
    header = out.read_text().splitlines()[0]
    assert header.startswith("band,wavelength_nm,vegetation,soil,water,roof,clean kmeans recipe r10 c25,")


def test_export_leaves_out_spectra_with_no_data_bands(tmp_path):
    path, raw = write_neon_envi(tmp_path)
    reader = PixelReader(path)
    good, holed = pixel_curve(reader.read(0, 0), "neon"), pixel_curve(reader.read(2, 0), "neon", index=1)
    plan = export_spectra(tmp_path / "x.csv", [holed, good])
    assert plan.skipped == [("neon r2 c0", "1 no-data bands")]
    back = read_spectra_csv(tmp_path / "x.csv")
    assert back.names == ["neon r0 c0"]
    np.testing.assert_allclose(back.values[:, 0], raw[0, :, 0] / 10000.0, rtol=1e-6)
    with pytest.raises(SpectraError, match="no complete spectrum.*neon r2 c0"):
        plan_export([holed])
    with pytest.raises(SpectraError, match="nothing to export"):
        plan_export([])


def test_export_of_different_band_grids_keeps_the_common_bands(clean_kmeans_tile, imported_tile, tmp_path):
    """A pixel of the 426-band import next to one of the 174-band cleaned cube: the CSV has the 174 common bands,
    numbered as in the cleaned raster, so it works on the cleaned raster (and on the import, matched by wavelength)."""
    full = pixel_curve(PixelReader(imported_tile).read(5, 5), "import")
    clean = pixel_curve(PixelReader(clean_kmeans_tile).read(5, 5), "clean", index=1)
    plan = plan_export([full, clean])
    assert plan.reference == "clean r5 c5" and plan.dropped_bands == 0
    np.testing.assert_array_equal(plan.spectra.bands, np.arange(1, 175))
    np.testing.assert_array_equal(plan.spectra.values[:, 0], plan.spectra.values[:, 1])  # the cleaning only selects
    export_spectra(tmp_path / "two.csv", [full, clean])
    back = read_spectra_csv(tmp_path / "two.csv")
    for target in (clean_kmeans_tile, imported_tile):
        r = SpectralRaster(target)
        if r.count == 174:
            match_to_raster(back, r.wavelengths, r.count)
        else:
            with pytest.raises(SpectraError, match="no CSV row within half a band"):
                match_to_raster(back, r.wavelengths, r.count)  # 252 import bands have no row: said clearly


def test_coordinates_in_the_legend_tell_pixel_centres_apart():
    assert [coordinate_decimals(v) for v in (1.0, 0.5, 10.0, 30.0, 1e-4, 2.7e-5, 0.0)] == [1, 2, 0, 0, 5, 6, 2]
    s = PixelSpectrum("g.tif", 3, 4, -76.56001375, 38.89003625, np.zeros(2, np.float32), np.array([1.0, 2.0]),
                      np.array([1, 2]), pixel_size=2.5e-5)
    assert pixel_curve(s, "geo").label == "geo: row 3, col 4 (-76.560014, 38.890036)"


def test_csv_names_are_safe():
    assert csv_name('a,b;c\t"d"\n') == "a b c d"
    assert csv_name("  ") == "spectrum" and csv_name("12") == "spectrum 12"
