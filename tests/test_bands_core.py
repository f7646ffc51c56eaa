"""Band cleaning in the core (no QGIS): the tutorial recipes on NEON's 426-band grid, each rule on its own, windows
parsing, inputs without wavelengths, clear errors, and the streamed output (values, wavelengths, no-data,
georeference, metadata; ENVI input identical to the GeoTIFF from importneon)."""
import os

import h5py
import numpy as np
import pytest
from osgeo import gdal

from hyspec_qgis.core import Cancelled, ParameterError, SpectralRaster
from hyspec_qgis.core.io.raster_writer import FLOAT_NODATA
from hyspec_qgis.core.io.sample import neon_wavelengths
from hyspec_qgis.core.methods.bands import (
    DEFAULT_WINDOWS,
    clean_bands,
    parse_windows,
    resolve_windows,
    select_bands,
    tutorial_band_indices,
)
from tests.leftovers import partials
from tests.rasters import label_wavelength, make_raster

gdal.UseExceptions()
WL = neon_wavelengths()  # the tutorial's 426-band grid
ENDMEMBER = dict(drop_first=0, drop_last=10, step=1)
KMEANS = dict(drop_first=10, drop_last=15, step=2)


def write_envi_from_neon(h5_path, out, like, units="Micrometers", interleave="BIL"):
    """NEON's cube as ENVI .dat/.hdr, the way NEON distributes it: int16 as stored, data ignore value -9999,
    reflectance scale factor 10000, a wavelength list (here in micrometres), and the map info and CRS of the
    SpectralRaster ``like`` (the same tile imported). Returns the path."""
    with h5py.File(h5_path, "r") as f:
        site = list(f.keys())[0]
        refl = f[site]["Reflectance"]
        cube = refl["Reflectance_Data"][()]
        wl = refl["Metadata/Spectral_Data/Wavelength"][()].astype(float)
        fwhm = refl["Metadata/Spectral_Data/FWHM"][()].astype(float)
    factor = 1000.0 if units == "Micrometers" else 1.0
    envi = {"wavelength": "{" + ", ".join(repr(w / factor) for w in wl) + "}",
            "fwhm": "{" + ", ".join(repr(w / factor) for w in fwhm) + "}",
            "wavelength_units": units, "reflectance_scale_factor": "10000"}
    return make_raster(out, cube, nodata=-9999, geotransform=like.geotransform, crs=like.crs_wkt, driver="ENVI",
                       options=[f"INTERLEAVE={interleave}"], metadata={"ENVI": envi})


# --- the tutorial recipes ---------------------------------------------------------------------------------------------

def test_tutorial_recipes_on_the_426_band_grid():
    assert select_bands(426, WL, DEFAULT_WINDOWS, **ENDMEMBER).keep.size == 362
    assert select_bands(426, WL, DEFAULT_WINDOWS, **KMEANS).keep.size == 174
    # The tutorials' own index arithmetic: 360 and 173.
    assert len(tutorial_band_indices(WL, DEFAULT_WINDOWS, 0, 10, 1)) == 360
    assert len(tutorial_band_indices(WL, DEFAULT_WINDOWS, 10, 15, 2)) == 173


def test_difference_to_the_tutorial_is_the_last_band_below_each_window():
    ours = set(select_bands(426, WL, DEFAULT_WINDOWS, **ENDMEMBER).keep.tolist())
    theirs = set(tutorial_band_indices(WL, DEFAULT_WINDOWS, 0, 10, 1))
    assert theirs < ours
    extra = sorted(ours - theirs)
    below = [int(np.max(np.where(WL < lo))) for lo, _ in DEFAULT_WINDOWS]
    assert extra == below  # 1335.3 nm and 1786.0 nm: outside the windows, dropped by range()'s exclusive end
    assert all(not (lo <= WL[i] <= hi) for i in extra for lo, hi in DEFAULT_WINDOWS)


def test_tutorial_bands_match_their_published_slices_on_this_grid():
    """On this grid the tutorial's indices are bb1 = 190 / 212 and bb2 = 280 / 314 (0-based; range ends exclusive)."""
    idx = tutorial_band_indices(WL, DEFAULT_WINDOWS, 0, 10, 1)
    assert idx == list(range(0, 190)) + list(range(212, 280)) + list(range(314, 416))


@pytest.mark.parametrize("grid", [WL, np.linspace(381.858398, 2511.323486, 426)], ids=["tutorial-tile", "serc-2025"])
@pytest.mark.parametrize("recipe", [ENDMEMBER, KMEANS], ids=["endmember", "kmeans"])
def test_windows_starting_below_the_last_band_reproduce_the_tutorial_exactly(grid, recipe):
    """What the help tells users who want the tutorials' band lists: WATER_WINDOWS 1335-1445;1785-1955."""
    ours = select_bands(426, grid, parse_windows("1335-1445;1785-1955"), **recipe).keep.tolist()
    assert ours == tutorial_band_indices(grid, DEFAULT_WINDOWS, recipe["drop_first"], recipe["drop_last"], recipe["step"])


# --- each rule changes exactly the bands it should ------------------------------------------------------------------

def removed(sel, n=426):
    return sorted(set(range(n)) - set(sel.keep.tolist()))


def test_drop_first_and_last_only():
    assert removed(select_bands(426, WL, [], 7, 0, 1)) == list(range(7))
    assert removed(select_bands(426, WL, [], 0, 4, 1)) == [422, 423, 424, 425]
    assert removed(select_bands(426, None, [], 2, 3, 1)) == [0, 1, 423, 424, 425]
    assert removed(select_bands(426, WL, [], 0, 0, 1)) == []


def test_windows_are_inclusive_at_both_ends():
    wl = np.array([400.0, 500.0, 600.0, 700.0, 800.0])
    assert removed(select_bands(5, wl, [(500, 700)], 0, 0, 1), 5) == [1, 2, 3]
    assert removed(select_bands(5, wl, [(500.01, 699.99)], 0, 0, 1), 5) == [2]
    assert removed(select_bands(5, wl, [(410, 420)], 0, 0, 1), 5) == []
    sel = select_bands(426, WL, DEFAULT_WINDOWS, 0, 0, 1)
    gone = removed(sel)
    assert gone == [i for i in range(426) if any(lo <= WL[i] <= hi for lo, hi in DEFAULT_WINDOWS)]
    assert len(gone) == 21 + 33


def test_wavelength_range_keeps_bounds_inclusive():
    wl = np.array([400.0, 500.0, 600.0, 700.0, 800.0])
    assert select_bands(5, wl, [], 0, 0, 1, wavelength_min=500).keep.tolist() == [1, 2, 3, 4]
    assert select_bands(5, wl, [], 0, 0, 1, wavelength_max=700).keep.tolist() == [0, 1, 2, 3]
    assert select_bands(5, wl, [], 0, 0, 1, wavelength_min=450, wavelength_max=650).keep.tolist() == [1, 2]


def test_band_step_keeps_every_nth_remaining_band_starting_with_the_first():
    sel = select_bands(426, WL, DEFAULT_WINDOWS, 10, 15, 1)
    for step in (2, 3, 7):
        assert select_bands(426, WL, DEFAULT_WINDOWS, 10, 15, step).keep.tolist() == sel.keep.tolist()[::step]
    assert select_bands(6, None, [], 0, 0, 4).keep.tolist() == [0, 4]


def test_reasons_and_summary():
    sel = select_bands(426, WL, DEFAULT_WINDOWS, **KMEANS)
    assert sel.removed("DROP_FIRST") == list(range(10))
    assert sel.removed("DROP_LAST") == list(range(411, 426))
    assert len(sel.removed("water window")) == 54 and len(sel.removed("BAND_STEP")) == 173
    lines = sel.summary(WL)
    assert lines[0] == "removed 10 bands (DROP_FIRST): 1-10 (383.884-428.952 nm)"
    assert lines[1] == "removed 15 bands (DROP_LAST): 412-426 (2441.99-2512.09 nm)"
    assert lines[2] == "removed 21 bands (water window 1340-1445 nm): 192-212 (1340.33-1440.48 nm)"
    assert lines[3] == "removed 33 bands (water window 1790-1955 nm): 282-314 (1791.01-1951.25 nm)"
    assert lines[4] == "removed 173 bands (BAND_STEP 2: every 2nd remaining band kept)"
    assert lines[-1] == "kept 174 of 426 bands"
    assert select_bands(10, None, [], 0, 0, 3).summary()[0] == "removed 6 bands (BAND_STEP 3: every 3rd remaining band kept)"


def test_a_window_without_bands_is_noted():
    sel = select_bands(426, WL, [(1.34, 1.445)], 0, 0, 1)
    assert sel.keep.size == 426
    assert any("1.34-1.445 nm contains no band" in line for line in sel.summary(WL))


# --- WATER_WINDOWS text -----------------------------------------------------------------------------------------------

def test_parse_windows():
    assert parse_windows("1340-1445;1790-1955") == [(1340.0, 1445.0), (1790.0, 1955.0)]
    assert parse_windows(" 1340 - 1445 ; 1790.5-1955 ; ") == [(1340.0, 1445.0), (1790.5, 1955.0)]
    assert parse_windows("1340-1445,1790-1955") == [(1340.0, 1445.0), (1790.0, 1955.0)]
    assert parse_windows("") is None and parse_windows(None) is None and parse_windows("  ") is None
    assert parse_windows("none") == [] and parse_windows("None") == []


@pytest.mark.parametrize("text,match", [
    ("1445-1340", r"WATER_WINDOWS: window '1445-1340' has its lower bound above its upper bound \(did you mean 1340-1445"),
    ("1340", "WATER_WINDOWS: '1340' is not a window"),
    ("a-b", "WATER_WINDOWS: 'a-b' is not a window"),
    ("-5-10", "is not a window"),
])
def test_bad_windows(text, match):
    with pytest.raises(ParameterError, match=match):
        parse_windows(text)


def test_resolve_windows_defaults():
    recorded = {"WATER_WINDOWS_NM": "1350-1440;1800-1950"}
    assert resolve_windows("", recorded, True)[0] == [(1350, 1440), (1800, 1950)]
    assert "WATER_WINDOWS_NM" in resolve_windows("", recorded, True)[1]
    assert resolve_windows(None, {}, True) == (DEFAULT_WINDOWS, "water-vapour windows 1340-1445;1790-1955 nm "
                                                                "(the default NEON windows)")
    assert resolve_windows("1000-1100", recorded, True)[0] == [(1000, 1100)]
    assert resolve_windows("none", recorded, True)[0] == []
    windows, note = resolve_windows("", recorded, False)  # default windows on an input without wavelengths: skipped
    assert windows == [] and "no wavelengths" in note and "skipped" in note
    assert resolve_windows("1000-1100", {}, False)[0] == [(1000, 1100)]  # typed windows are kept (and refused later)


# --- no wavelengths, bad values ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs,name", [
    (dict(windows=[(1340, 1445)]), "WATER_WINDOWS"),
    (dict(wavelength_min=400.0), "WAVELENGTH_MIN"),
    (dict(wavelength_max=900.0), "WAVELENGTH_MAX"),
])
def test_wavelength_rules_need_wavelengths(kwargs, name):
    with pytest.raises(ParameterError, match=rf"^{name}: the input \(rgb.tif\) has no wavelengths.*DROP_FIRST, DROP_LAST"):
        select_bands(3, None, drop_first=0, drop_last=0, step=1, path="rgb.tif", **kwargs)


@pytest.mark.parametrize("kwargs,match", [
    (dict(step=0), "BAND_STEP: must be a whole number, 1 or more"),
    (dict(step=-2), "BAND_STEP"),
    (dict(drop_first=-1), "DROP_FIRST: must be a whole number, 0 or more"),
    (dict(drop_last=-1), "DROP_LAST"),
    (dict(drop_first=200, drop_last=226), r"DROP_FIRST \+ DROP_LAST = 200 \+ 226 removes all 426 bands"),
    (dict(wavelength_min=900.0, wavelength_max=800.0), r"WAVELENGTH_MIN \(900 nm\) is above WAVELENGTH_MAX"),
    (dict(wavelength_min=3000.0), r"WAVELENGTH_MIN: no band is left.*383.884-2512.09 nm"),
    (dict(windows=[(300, 3000)]), "WATER_WINDOWS: no band is left"),
    (dict(windows=[(1000, 3000)], wavelength_min=1000.0), "WATER_WINDOWS, WAVELENGTH_MIN: no band is left"),
])
def test_bad_values_raise_clear_errors(kwargs, match):
    args = dict(windows=[], drop_first=0, drop_last=0, step=1) | kwargs
    with pytest.raises(ParameterError, match=match):
        select_bands(426, WL, **args)


# --- the streamed output -----------------------------------------------------------------------------------------------

def test_clean_bands_values_wavelengths_nodata_georeference(imported_tile, tmp_path):
    src = SpectralRaster(imported_tile)
    sel = select_bands(src.count, src.wavelengths, DEFAULT_WINDOWS, **KMEANS)
    out = str(tmp_path / "clean.tif")
    seen = []
    result = clean_bands(src, out, sel, progress=lambda f, m: seen.append(f))
    assert result.bands == 174 and seen[-1] == 1.0
    assert partials(tmp_path) == []
    ds = gdal.Open(out)
    assert ds.RasterCount == 174 and ds.GetRasterBand(1).DataType == gdal.GDT_Float32
    assert ds.GetGeoTransform() == gdal.Open(imported_tile).GetGeoTransform()
    assert ds.GetProjection() == gdal.Open(imported_tile).GetProjection()
    raw = gdal.Open(imported_tile).ReadAsArray(interleave="pixel")
    got = ds.ReadAsArray(interleave="pixel")
    np.testing.assert_array_equal(got, raw[:, :, sel.keep])  # float32 in, the same float32 out
    nodata_in = (raw == -9999).any(axis=2)
    assert nodata_in.any() and ((got == -9999).all(axis=2) == nodata_in).all()
    out_r = SpectralRaster(out)
    np.testing.assert_allclose(out_r.wavelengths, src.wavelengths[sel.keep], rtol=1e-6)
    np.testing.assert_allclose(out_r.fwhm, src.fwhm[sel.keep], rtol=1e-5)
    assert out_r.nodata[0] == FLOAT_NODATA and round(label_wavelength(out_r.band_names[0])[1], 2) == 433.96
    assert label_wavelength(out_r.band_names[0])[0] == 1
    meta = out_r.metadata
    assert meta["HYSPEC_KEPT_BANDS"].split(",")[:3] == ["11", "13", "15"]
    kept = [float(v) for v in meta["HYSPEC_KEPT_WAVELENGTHS_NM"].split(",")]
    assert kept == list(np.asarray(src.wavelengths, np.float64)[sel.keep])  # every digit kept, as in band metadata
    assert meta["HYSPEC_CLEANING"] == "WATER_WINDOWS=1340-1445;1790-1955; DROP_FIRST=10; DROP_LAST=15; BAND_STEP=2"
    assert meta["NEON_SITE"] == "SERC" and meta["WATER_WINDOWS_NM"] == "1340-1445;1790-1955"


def test_envi_input_gives_the_same_result_as_the_imported_geotiff(neon_tile, imported_tile, tmp_path):
    tif = SpectralRaster(imported_tile)
    envi = write_envi_from_neon(neon_tile[0], str(tmp_path / "NEON_reflectance.dat"), tif)
    assert gdal.Open(envi).GetDriver().ShortName == "ENVI" and os.path.exists(str(tmp_path / "NEON_reflectance.hdr"))
    src = SpectralRaster(envi)
    assert src.geotransform == tif.geotransform
    # Our GeoTIFFs store wavelengths with 6 significant digits (at most 0.005 nm off the float32 values).
    np.testing.assert_allclose(src.wavelengths, tif.wavelengths, atol=0.005)
    np.testing.assert_allclose(src.fwhm, tif.fwhm, atol=0.0005)
    outs = []
    for name, raster in (("from_envi.tif", src), ("from_tif.tif", tif)):
        sel = select_bands(raster.count, raster.wavelengths, DEFAULT_WINDOWS, **KMEANS)
        outs.append(str(tmp_path / name))
        clean_bands(raster, outs[-1], sel)
    a, b = gdal.Open(outs[0]), gdal.Open(outs[1])
    np.testing.assert_array_equal(a.ReadAsArray(), b.ReadAsArray())
    assert a.GetGeoTransform() == b.GetGeoTransform()
    assert a.GetRasterBand(1).GetNoDataValue() == b.GetRasterBand(1).GetNoDataValue() == -9999
    ma, mb = a.GetMetadata(), b.GetMetadata()
    assert ma["HYSPEC_KEPT_BANDS"] == mb["HYSPEC_KEPT_BANDS"]
    np.testing.assert_allclose([float(v) for v in ma["HYSPEC_KEPT_WAVELENGTHS_NM"].split(",")],
                               [float(v) for v in mb["HYSPEC_KEPT_WAVELENGTHS_NM"].split(",")], atol=0.01)


def test_clean_bands_window_subset(imported_tile, tmp_path):
    src = SpectralRaster(imported_tile)
    gt = src.geotransform
    window = src.window_from_bounds(gt[0] + 10.5, gt[3] - 30.2, gt[0] + 25, gt[3] - 20)
    assert (window.row0, window.col0, window.height, window.width) == (20, 10, 11, 15)
    sel = select_bands(src.count, src.wavelengths, [], 0, 0, 50)
    out = str(tmp_path / "sub.tif")
    clean_bands(src, out, sel, window=window)
    ds = gdal.Open(out)
    assert ds.GetGeoTransform() == (gt[0] + 10, gt[1], 0.0, gt[3] - 20, 0.0, gt[5])
    raw = gdal.Open(imported_tile).ReadAsArray(10, 20, 15, 11, interleave="pixel")
    np.testing.assert_array_equal(ds.ReadAsArray(interleave="pixel"), raw[:, :, sel.keep])


def test_int16_input_applies_the_scale(neon_tile, imported_tile, tmp_path):
    from hyspec_qgis.core import import_neon

    as_int = str(tmp_path / "int16.tif")
    import_neon(neon_tile[0], as_int, encoding="int16")
    outs = []
    for path in (as_int, imported_tile):
        r = SpectralRaster(path)
        outs.append(str(tmp_path / f"c_{os.path.basename(path)}"))
        clean_bands(r, outs[-1], select_bands(r.count, r.wavelengths, DEFAULT_WINDOWS, **ENDMEMBER))
    np.testing.assert_array_equal(gdal.Open(outs[0]).ReadAsArray(), gdal.Open(outs[1]).ReadAsArray())


def test_no_wavelength_input_keeps_band_names(make_raster, tmp_path):
    rgb = np.broadcast_to(np.array([10, 20, 30], np.uint8), (4, 5, 3))
    src = SpectralRaster(make_raster(tmp_path / "rgb.tif", rgb, band_names=["red", "green", "blue"]))
    windows, _ = resolve_windows("", src.metadata, False)
    sel = select_bands(3, None, windows, 0, 0, 2)
    out = str(tmp_path / "rb.tif")
    clean_bands(src, out, sel)
    r = SpectralRaster(out)
    assert r.band_names == ["red", "blue"] and r.wavelengths is None
    assert r.metadata["HYSPEC_KEPT_BANDS"] == "1,3" and "HYSPEC_KEPT_WAVELENGTHS_NM" not in r.metadata
    assert gdal.Open(out).ReadAsArray()[:, 0, 0].tolist() == [10.0, 30.0]


def test_cancel_leaves_no_output(imported_tile, tmp_path):
    src = SpectralRaster(imported_tile)
    sel = select_bands(src.count, src.wavelengths, DEFAULT_WINDOWS, **ENDMEMBER)
    out = str(tmp_path / "cancelled.tif")
    calls = []

    def cancel_on_second_block(fraction, message):
        calls.append(fraction)
        return len(calls) < 2

    import hyspec_qgis.core.io.raster_reader as rr

    old = rr.BLOCK_BYTES
    rr.BLOCK_BYTES = 80 * 362 * 4 * 16  # 16 rows per block: several blocks on the small tile
    try:
        with pytest.raises(Cancelled):
            clean_bands(src, out, sel, progress=cancel_on_second_block)
    finally:
        rr.BLOCK_BYTES = old
    assert os.listdir(tmp_path) == []
