"""Wavelengths, FWHM and spectra are carried exactly: raster metadata and spectra CSVs read back bit for bit."""
import csv
import re
from decimal import Decimal

import numpy as np
import pytest
from osgeo import gdal

from hyspec_qgis.core import SpectralRaster, import_neon, read_spectra_csv, write_spectra_csv
from hyspec_qgis.core.io.raster_writer import RasterWriter, exact_micrometres, exact_number, label_number
from hyspec_qgis.core.io.sample import neon_wavelengths, sample_filename, write_sample
from hyspec_qgis.core.io.spectra_csv import Spectra

GT = (500000.0, 1.0, 0.0, 4300000.0, 0.0, -1.0)
HARD = [2056.175, 2486.855]  # what six significant digits turned into 2056.18 and 2486.85


def _grid(dtype):
    """NEON's 426-band grid as stored (float32) with the two values that lost digits in place of two bands."""
    wl = neon_wavelengths(426).astype(dtype)
    wl[334], wl[420] = HARD
    return wl


def _write(path, wl, fwhm=None):
    with RasterWriter(path, width=3, height=2, bands=wl.size, geotransform=GT, crs_wkt="", wavelengths=wl,
                      fwhm=fwhm) as w:
        w.write(np.zeros((2, 3, wl.size), np.float32), 0)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_wavelengths_and_fwhm_round_trip_exactly_through_the_writer_and_reader(tmp_path, dtype):
    wl = _grid(dtype)
    fwhm = (np.linspace(5.3, 5.9, wl.size) + 1e-4).astype(dtype)
    out = str(tmp_path / "w.tif")
    _write(out, wl, fwhm)
    r = SpectralRaster(out)
    assert r.wavelengths.dtype == np.float64
    np.testing.assert_array_equal(r.wavelengths, wl.astype(np.float64))  # exact, not allclose
    np.testing.assert_array_equal(r.fwhm, fwhm.astype(np.float64))
    assert np.array_equal(r.wavelengths.astype(dtype), wl)  # and exact at the precision that was written
    ds = gdal.Open(out)
    band = ds.GetRasterBand(335)
    assert float(band.GetMetadataItem("wavelength")) == float(wl[334])
    # Every machine-readable copy is exact too, not only the one the reader picks first.
    envi = ds.GetMetadata("ENVI")
    for key, values in (("wavelength", wl), ("fwhm", fwhm)):
        listed = np.array([float(t) for t in re.split(r"[\s,{}]+", envi[key]) if t])
        np.testing.assert_array_equal(listed, values.astype(np.float64))
    um = band.GetMetadataItem("CENTRAL_WAVELENGTH_UM", "IMAGERY")
    assert Decimal(um) * 1000 == Decimal(exact_number(wl[334]))  # the exact decimal shift of the nm value
    assert Decimal(band.GetMetadataItem("FWHM_UM", "IMAGERY")) * 1000 == Decimal(exact_number(fwhm[334]))
    # People read the wavelength at its own precision: a float32 2056.175 is "2056.175", not 2056.175048828125.
    assert band.GetDescription() == "335: 2056.175 nm"
    assert ds.GetRasterBand(421).GetDescription() == "421: 2486.855 nm"
    assert ds.GetRasterBand(1).GetDescription() == "1: 383.884 nm"


def test_a_float32_value_is_written_with_the_digits_that_read_back_as_it():
    v = np.float32(2056.175)
    assert exact_number(v) == "2056.175048828125" and float(exact_number(v)) == float(v)
    assert np.float32(float(exact_number(v))) == v
    assert exact_number(2056.175) == "2056.175"  # a float64 2056.175 needs no more digits
    assert exact_micrometres(v) == "2.056175048828125" and exact_micrometres(500.0) == "0.5"
    assert label_number(v) == "2056.175" and label_number(float(v)) == "2056.175"
    assert label_number(500.0) == "500" and label_number(2056.18) == "2056.18"


def test_rewriting_what_was_read_changes_nothing(tmp_path):
    """import -> clean -> any later output: the wavelengths read from one file are written again unchanged."""
    wl = _grid(np.float32)
    first, second = str(tmp_path / "a.tif"), str(tmp_path / "b.tif")
    _write(first, wl)
    read = SpectralRaster(first).wavelengths
    _write(second, read[::2])
    again = SpectralRaster(second)
    np.testing.assert_array_equal(again.wavelengths, wl[::2].astype(np.float64))
    assert again.band_names[167] == "168: 2056.175 nm"


def test_neon_import_carries_the_file_wavelengths_exactly(tmp_path):
    import h5py

    h5 = str(tmp_path / sample_filename("001"))
    write_sample(h5, rows=4, cols=5, seed=2)
    found = []
    with h5py.File(h5, "r") as f:
        f.visititems(lambda name, obj: found.append(obj[()]) if name.endswith("Spectral_Data/Wavelength") else None)
    stored = found[0]
    assert stored.dtype == np.float32 and any(float(format(v, ".6g")) != v for v in stored)  # 6 digits lose
    out = str(tmp_path / "imported.tif")
    import_neon(h5, out)
    np.testing.assert_array_equal(SpectralRaster(out).wavelengths, stored.astype(np.float64))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_spectra_csv_round_trips_wavelengths_and_values_exactly(tmp_path, dtype):
    rng = np.random.default_rng(3)
    wl = _grid(np.float32)
    values = rng.uniform(0.0, 0.7, size=(wl.size, 3)).astype(dtype)
    values[0, 0] = np.float32(0.123456789)  # needs 9 significant digits as a float32 (".7g" gave 0.1234568)
    path = str(tmp_path / "spectra.csv")
    write_spectra_csv(path, Spectra(["vegetation", "soil", "roof"], values, wl.astype(np.float64)))
    back = read_spectra_csv(path)
    np.testing.assert_array_equal(back.wavelengths, wl.astype(np.float64))
    np.testing.assert_array_equal(back.values.astype(dtype), values)
    if dtype == np.float64:
        np.testing.assert_array_equal(back.values, values)  # a float64 is exact as a float64
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    assert rows[335][1] == "2056.175048828125" and rows[421][1] == "2486.85498046875"
    if dtype == np.float32:
        assert len(rows[1][2].replace("0.", "", 1)) <= 9  # the shortest float32 text, not 17 digits


def test_spectra_csv_of_float32_pixels_held_as_float64_is_exact(tmp_path):
    """N-FINDR reports the chosen pixels' float32 spectra in a float64 array: the CSV must give them back as they were."""
    pixels = np.random.default_rng(4).uniform(0, 1, (50, 2)).astype(np.float32)
    path = str(tmp_path / "em.csv")
    write_spectra_csv(path, Spectra(["EM1", "EM2"], pixels.astype(np.float64), None))
    back = read_spectra_csv(path)
    np.testing.assert_array_equal(back.values, pixels.astype(np.float64))


def test_imagery_micrometres_from_another_tool_read_as_the_same_nanometres(tmp_path, make_raster):
    """A file that carries its wavelengths only in GDAL's IMAGERY domain (micrometres, as some tools write them):
    1.435277 um reads as 1435.277 nm, the float the text means (times 1000 in binary gives 1435.2769999999998; about
    one value in four of a NEON grid in micrometres lands off like this)."""
    path = make_raster(tmp_path / "imagery.tif", np.ones((4, 5, 3), np.float32))
    um = ["0.4012", "1.435277", "2.486855"]
    fwhm_um = ["0.005", "0.0052", "0.004789"]
    ds = gdal.Open(str(path), gdal.GA_Update)
    for i in range(3):
        band = ds.GetRasterBand(i + 1)
        band.SetMetadataItem("CENTRAL_WAVELENGTH_UM", um[i], "IMAGERY")
        band.SetMetadataItem("FWHM_UM", fwhm_um[i], "IMAGERY")
    ds = None
    raster = SpectralRaster(str(path))
    assert list(raster.wavelengths) == [401.2, 1435.277, 2486.855]
    assert list(raster.fwhm) == [5.0, 5.2, 4.789]
    assert float("1.435277") * 1000 != 1435.277  # the binary product this avoids
