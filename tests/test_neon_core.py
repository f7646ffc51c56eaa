"""NEON reader and importer (core, no QGIS): layouts, variants, exact georeference, values, bad input."""
import os
import subprocess
import sys

import h5py
import numpy as np
import pytest
from osgeo import gdal

from hyspec_qgis.core import NeonFormatError, SpectralRaster, import_neon, read_metadata
from hyspec_qgis.core.errors import HyspecError
from hyspec_qgis.core.io.neon import NeonReader, parse_map_info
from hyspec_qgis.core.io.sample import EAST0, EPSG, NORTH0, write_sample


def test_importing_core_does_not_import_qgis():
    code = ("import sys, hyspec_qgis.core, hyspec_qgis.core.io.sample; "
            "sys.exit(any(m.split('.')[0] in ('qgis', 'processing') for m in sys.modules))")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    assert subprocess.run([sys.executable, "-c", code], cwd=root).returncode == 0


def test_map_info_pixel_size_from_fields_5_and_6_and_reference_pixel():
    gt, zone, hemi, datum = parse_map_info(
        "UTM,  2.000,  3.000,  368010.00,  4307000.0,  2.0000000,  0.5000000,  18,  North,  WGS-84,  units=Meters, 0")
    # reference pixel (2, 3) is 1-based: the upper-left corner is one pixel left and two pixels up.
    assert gt == (368008.0, 2.0, 0.0, 4307001.0, 0.0, -0.5)
    assert (zone, hemi, datum) == (18, "north", "WGS-84")


def test_map_info_exponent_notation_without_rotation():
    gt, *_ = parse_map_info("UTM, 1.000, 1.000, 3.680000e+05, 4.307000e+06, 1.000000e+00, 1.000000e+00, 18, North, WGS-84")
    assert gt == (368000.0, 1.0, 0.0, 4307000.0, 0.0, -1.0)


@pytest.mark.parametrize("layout,product", [("001", "DP3.30006.001"), ("002", "DP3.30006.002"), ("dp1", "DP1.30006.001")])
def test_layouts_metadata(tmp_path, layout, product):
    from hyspec_qgis.core.io.sample import sample_filename

    path = tmp_path / sample_filename(layout)
    write_sample(path, rows=30, cols=40, n_bands=426, layout=layout, write_truth=False)
    meta = read_metadata(path)
    assert meta.site == "SERC" and meta.product == product and meta.epsg == EPSG
    assert meta.shape == (30, 40, 426)
    assert meta.geotransform == (EAST0, 1.0, 0.0, NORTH0 + 30, 0.0, -1.0)
    assert meta.wavelengths[0] == pytest.approx(383.884, abs=1e-3) and meta.wavelengths.size == 426
    assert meta.water_windows == ((1340.0, 1445.0), (1790.0, 1955.0)) and meta.water_windows_from_file
    assert meta.scale_factor == 10000 and meta.nodata == -9999
    assert "Weather_Quality_Indicator" in meta.ancillary
    assert not any("differs" in n for n in meta.notes)  # Map_Info agrees with Spatial_Extent_meters
    if layout == "002":
        assert "Acqusition_Date" in meta.ancillary and "Aerosol_Optical_Thickness" in meta.ancillary


VARIANTS = [
    {"strings": "str"},
    {"strings": "array"},
    {"cube_dtype": "int32"},
    {"wavelength_dtype": "float64"},
    {"omit": ["fwhm", "proj4", "coordinate_string"]},
    {"omit": ["band_windows"]},
    {"omit": ["epsg"]},
]


@pytest.mark.parametrize("variant", VARIANTS, ids=[str(v) for v in VARIANTS])
def test_variants_import_identically(tmp_path, variant):
    ref = tmp_path / "ref.h5"
    var = tmp_path / "var.h5"
    write_sample(ref, rows=20, cols=24, n_bands=50, seed=3, write_truth=False)
    write_sample(var, rows=20, cols=24, n_bands=50, seed=3, variant=variant, write_truth=False)
    meta = read_metadata(var)
    assert meta.epsg == EPSG  # from EPSG Code, or derived from Map_Info's zone when it is missing
    if "band_windows" in variant.get("omit", []):
        assert not meta.water_windows_from_file and any("default water-vapour windows" in n for n in meta.notes)
    if "fwhm" in variant.get("omit", []):
        assert meta.fwhm is None
    import_neon(ref, tmp_path / "ref.tif")
    import_neon(var, tmp_path / "var.tif")
    a = gdal.Open(str(tmp_path / "ref.tif")).ReadAsArray()
    b = gdal.Open(str(tmp_path / "var.tif")).ReadAsArray()
    np.testing.assert_array_equal(a, b)


def test_import_georeference_exact_and_values_round_trip(neon_tile, imported_tile):
    h5, truth = neon_tile
    ds = gdal.Open(imported_tile)
    rows, cols = ds.RasterYSize, ds.RasterXSize
    gt = ds.GetGeoTransform()
    # Pixel-corner coordinates equal Spatial_Extent_meters [xmin, xmax, ymin, ymax].
    with h5py.File(h5, "r") as f:
        extent = f["SERC/Reflectance/Reflectance_Data"].attrs["Spatial_Extent_meters"]
        raw = f["SERC/Reflectance/Reflectance_Data"][()]
    assert (gt[0], gt[0] + cols * gt[1], gt[3] + rows * gt[5], gt[3]) == tuple(extent)
    srs = ds.GetSpatialRef()
    assert srs.GetAuthorityCode(None) == str(EPSG)
    data = ds.ReadAsArray().transpose(1, 2, 0)
    valid = ~(raw == -9999).any(axis=2)
    np.testing.assert_allclose(data[valid], raw[valid].astype(np.float32) / 10000, rtol=1e-6)
    assert np.all(data[~valid] == -9999) and (~valid).sum() == truth.nodata_mask.sum()
    band = ds.GetRasterBand(1)
    assert band.GetNoDataValue() == -9999
    assert band.GetDescription() == "1: 383.884 nm"
    with h5py.File(h5, "r") as f:
        stored = f["SERC/Reflectance/Metadata/Spectral_Data/Wavelength"][()].astype(np.float64)
    assert float(band.GetMetadataItem("wavelength")) == stored[0]  # exactly the value in the file
    assert band.GetMetadataItem("wavelength_units") == "Nanometers"
    assert float(band.GetMetadataItem("CENTRAL_WAVELENGTH_UM", "IMAGERY")) == pytest.approx(stored[0] / 1000, rel=1e-12)
    envi = [float(v) for v in ds.GetMetadata("ENVI")["wavelength"].strip("{}").split(",")]
    np.testing.assert_array_equal(envi, stored)
    assert ds.GetMetadataItem("NEON_SITE") == "SERC"
    r = SpectralRaster(imported_tile)
    np.testing.assert_array_equal(r.wavelengths, stored)
    assert r.fwhm is not None


def test_import_int16_reads_as_reflectance(neon_tile, tmp_path):
    out = tmp_path / "i16.tif"
    import_neon(neon_tile[0], out, encoding="int16")
    ds = gdal.Open(str(out))
    band = ds.GetRasterBand(10)
    assert band.DataType == gdal.GDT_Int16 and band.GetScale() == pytest.approx(1e-4)
    f32 = tmp_path / "f32.tif"
    import_neon(neon_tile[0], f32)
    a = next(SpectralRaster(out).blocks())
    b = next(SpectralRaster(f32).blocks())
    np.testing.assert_array_equal(a.valid, b.valid)
    np.testing.assert_allclose(a.data, b.data, atol=1e-6)


def test_import_extent_keeps_the_grid(neon_tile, tmp_path):
    out = tmp_path / "sub.tif"
    # Bounds not on pixel edges: snapped outwards onto the original grid.
    import_neon(neon_tile[0], out, bounds=(EAST0 + 10.4, NORTH0 + 20.2, EAST0 + 30.6, NORTH0 + 45.9))
    ds = gdal.Open(str(out))
    gt = ds.GetGeoTransform()
    assert gt[0] == EAST0 + 10 and gt[3] == NORTH0 + 46
    assert (ds.RasterXSize, ds.RasterYSize) == (21, 26)
    with NeonReader(neon_tile[0]) as reader:
        expected = reader.read_reflectance(60 - 46, 60 - 20, 10, 31, nodata_out=-9999)
    np.testing.assert_allclose(ds.ReadAsArray().transpose(1, 2, 0), expected, rtol=1e-6)


def test_import_ancillary_layers(neon_tile, tmp_path):
    out = tmp_path / "r.tif"
    wqi = tmp_path / "wqi.tif"
    wv = tmp_path / "wv.tif"
    import_neon(neon_tile[0], out, ancillary={"Weather_Quality_Indicator": wqi, "Water_Vapor_Column": wv})
    d = gdal.Open(str(wqi))
    assert d.RasterCount == 3 and d.GetGeoTransform() == gdal.Open(str(out)).GetGeoTransform()
    v = gdal.Open(str(wv))
    assert v.GetRasterBand(1).GetNoDataValue() == -9999
    with h5py.File(neon_tile[0], "r") as f:
        np.testing.assert_array_equal(v.ReadAsArray(), f["SERC/Reflectance/Metadata/Ancillary_Imagery/Water_Vapor_Column"][()])


def _no_outputs(folder):
    return [p for p in os.listdir(folder) if p.endswith((".tif", ".partial"))]


def test_missing_file(tmp_path):
    with pytest.raises(NeonFormatError, match="no such file"):
        import_neon(tmp_path / "nope.h5", tmp_path / "o.tif")
    assert not _no_outputs(tmp_path)


def test_not_hdf5(tmp_path):
    p = tmp_path / "fake.h5"
    p.write_text("hello, not HDF5")
    with pytest.raises(NeonFormatError, match="not an HDF5 file"):
        import_neon(p, tmp_path / "o.tif")
    assert not _no_outputs(tmp_path)


def test_truncated_file(neon_tile, tmp_path):
    data = open(neon_tile[0], "rb").read()
    p = tmp_path / "trunc.h5"
    p.write_bytes(data[: len(data) // 3])
    with pytest.raises(NeonFormatError, match="trunc.h5"):
        import_neon(p, tmp_path / "o.tif")
    assert not _no_outputs(tmp_path)


def test_hdf5_without_neon_group(tmp_path):
    p = tmp_path / "other.h5"
    with h5py.File(p, "w") as f:
        f.create_group("SITE").create_dataset("values", data=np.zeros(3))
    with pytest.raises(NeonFormatError, match="no NEON reflectance group"):
        read_metadata(p)


def test_radiance_file_is_named(tmp_path):
    p = tmp_path / "rad.h5"
    with h5py.File(p, "w") as f:
        f.create_group("SERC").create_group("Radiance")
    with pytest.raises(NeonFormatError, match="radiance file"):
        read_metadata(p)


def test_extent_outside_tile(neon_tile, tmp_path):
    with pytest.raises(HyspecError, match="EXTENT: the extent does not overlap"):
        import_neon(neon_tile[0], tmp_path / "o.tif", bounds=(0, 0, 10, 10))
    assert not _no_outputs(tmp_path)


def test_cancel_leaves_no_output(neon_tile, tmp_path):
    from hyspec_qgis.core import Cancelled

    calls = []

    def cancel_after_first(fraction, message):
        calls.append(fraction)
        return len(calls) < 2

    with pytest.raises(Cancelled):
        import_neon(neon_tile[0], tmp_path / "o.tif", progress=cancel_after_first)
    assert not os.listdir(tmp_path)
