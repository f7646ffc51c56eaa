"""NEON reader on bad and crafted files (core, no QGIS): nothing outside the named file is read, unusable
georeference is refused, and malformed files only ever raise our clear errors naming INPUT and the file."""
import os

import h5py
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hyspec_qgis.core import NeonFormatError, import_neon, read_metadata
from hyspec_qgis.core.io.neon import parse_map_info
from hyspec_qgis.core.io.sample import write_sample


def _no_outputs(folder):
    return [p for p in os.listdir(folder) if p.endswith((".tif", ".partial"))]


# --- security: nothing outside the named file is read ---------------------------------------------------------------

CUBE = "SERC/Reflectance/Reflectance_Data"


def _small(path):
    write_sample(path, rows=6, cols=7, n_bands=8, write_truth=False)
    return path


def _replace(f, name, make):
    """Replace ``f[name]`` by what ``make(parent, leaf)`` creates, keeping the old item's attributes."""
    parent, leaf = name.rsplit("/", 1)
    attrs = dict(f[name].attrs)
    del f[parent][leaf]
    make(f[parent], leaf)
    if not isinstance(f[parent].get(leaf, getlink=True), (h5py.SoftLink, h5py.ExternalLink)):
        for k, v in attrs.items():
            f[name].attrs[k] = v


def _external_storage(f, secret, other):
    _replace(f, CUBE, lambda g, leaf: g.create_dataset(leaf, shape=(6, 7, 8), dtype="int16",
                                                       external=[(str(secret), 0, 6 * 7 * 8 * 2)]))


def _virtual(f, secret, other):
    def make(g, leaf):
        layout = h5py.VirtualLayout(shape=(6, 7, 8), dtype="int16")
        layout[:] = h5py.VirtualSource(str(other), CUBE, shape=(6, 7, 8))
        g.create_virtual_dataset(leaf, layout)
    _replace(f, CUBE, make)


LINKS = {
    "external storage": (_external_storage, r"Reflectance_Data keeps its data in external files"),
    "virtual dataset": (_virtual, r"Reflectance_Data is a virtual dataset"),
    "external link to the cube": (
        lambda f, s, o: _replace(f, CUBE, lambda g, leaf: g.__setitem__(leaf, h5py.ExternalLink(str(o), "/" + CUBE))),
        r"/SERC/Reflectance/Reflectance_Data is an external link"),
    "soft link for Map_Info": (
        lambda f, s, o: _replace(f, "SERC/Reflectance/Metadata/Coordinate_System/Map_Info", lambda g, leaf: g.__setitem__(
            leaf, h5py.SoftLink("/SERC/Reflectance/Metadata/Coordinate_System/Proj4"))),
        r"Coordinate_System/Map_Info is a soft link"),
    "external link for the metadata group": (
        lambda f, s, o: _replace(f, "SERC/Reflectance/Metadata", lambda g, leaf: g.__setitem__(
            leaf, h5py.ExternalLink(str(o), "/SERC/Reflectance/Metadata"))),
        r"/SERC/Reflectance/Metadata is an external link"),
    "external link among the ancillary layers": (
        lambda f, s, o: _replace(f, "SERC/Reflectance/Metadata/Ancillary_Imagery/Slope", lambda g, leaf: g.__setitem__(
            leaf, h5py.ExternalLink(str(o), "/SERC/Reflectance/Metadata/Ancillary_Imagery/Slope"))),
        r"Ancillary_Imagery/Slope is an external link"),
}


@pytest.mark.parametrize("kind", sorted(LINKS))
def test_data_from_other_files_is_refused(tmp_path, kind):
    """External storage, virtual datasets and soft/external links would let a crafted .h5 read other files."""
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"password=hunter2;" * 40)
    other = _small(tmp_path / "other.h5")
    path = _small(tmp_path / "crafted.h5")
    mutate, message = LINKS[kind]
    with h5py.File(path, "r+") as f:
        mutate(f, secret, other)
    if kind == "external storage":  # the hole is real: h5py hands out the text file's bytes as the cube
        with h5py.File(path, "r") as f:
            assert f[CUBE][()].tobytes() == secret.read_bytes()[:6 * 7 * 8 * 2]
    out = tmp_path / "o.tif"
    with pytest.raises(NeonFormatError, match=message) as info:
        import_neon(path, out)
    assert str(info.value).startswith(f"INPUT: {path}: ")
    assert not out.exists() and not _no_outputs(tmp_path)


@pytest.mark.parametrize("map_info,problem", [
    ("UTM, 1, 1, 368000, 4306006, nan, 1, 18, North, WGS-84", "non-finite"),
    ("UTM, 1, 1, 368000, 4306006, 1, inf, 18, North, WGS-84", "non-finite"),
    ("UTM, 1, 1, 368000, 4306006, 0, 1, 18, North, WGS-84", "non-positive pixel size"),
    ("UTM, 1, 1, nan, 4306006, 1, 1, 18, North, WGS-84", "non-finite"),
    ("UTM, 1, 1, 368000, 4306006, 1, 1, 18, North, WGS-84, rotation=abc", "unreadable rotation"),
])
def test_unusable_map_info_is_refused_not_a_nan_geotransform(tmp_path, map_info, problem):
    with pytest.raises(NeonFormatError, match=problem):
        parse_map_info(map_info)
    path = _small(tmp_path / "m.h5")
    with h5py.File(path, "r+") as f:
        cs = f["SERC/Reflectance/Metadata/Coordinate_System"]
        del cs["Map_Info"]
        cs["Map_Info"] = np.bytes_(map_info.encode())
    with pytest.raises(NeonFormatError, match=f"INPUT: .*m.h5: .*{problem}"):
        import_neon(path, tmp_path / "o.tif")
    assert not _no_outputs(tmp_path)


def _set_crs_fields(path, epsg, zone, proj4=True):
    with h5py.File(path, "r+") as f:
        cs = f["SERC/Reflectance/Metadata/Coordinate_System"]
        for name in ("EPSG Code", "Map_Info") + (() if proj4 else ("Proj4",)):
            del cs[name]
        cs["EPSG Code"] = np.bytes_(epsg.encode())
        cs["Map_Info"] = np.bytes_(f"UTM, 1, 1, 368000, 4306006, 1, 1, {zone}, North, WGS-84".encode())


@pytest.mark.parametrize("epsg", ["inf", "nan", "1e300", "99999", "32618.5"])
def test_unusable_epsg_code_falls_back_to_the_utm_zone(tmp_path, epsg):
    path = _small(tmp_path / "e.h5")
    _set_crs_fields(path, epsg, 18)
    meta = read_metadata(path)
    assert meta.epsg == 32618 and any("unusable EPSG Code" in n for n in meta.notes)


@pytest.mark.parametrize("zone", ["inf", "nan", "0", "61", "1e400", "18.5"])
def test_no_usable_crs_is_a_clear_error(tmp_path, zone):
    path = _small(tmp_path / "z.h5")
    _set_crs_fields(path, "inf", zone, proj4=False)
    with pytest.raises(NeonFormatError, match=r"INPUT: .*z.h5: cannot determine the coordinate system"):
        import_neon(path, tmp_path / "o.tif")
    assert not _no_outputs(tmp_path)


def test_errors_name_the_given_parameter(tmp_path):
    with pytest.raises(NeonFormatError, match=r"^TILES: .*nope.h5: no such file"):
        read_metadata(tmp_path / "nope.h5", parameter="TILES")


# --- property-based: malformed NEON-like files only ever raise our clear errors --------------------------------

_MUTATIONS = st.sampled_from([
    "drop_map_info", "garbage_map_info", "short_map_info", "drop_wavelength", "wrong_wavelength_count",
    "cube_2d", "string_cube", "drop_metadata", "zero_scale", "bad_epsg_and_no_zone", "nan_wavelength",
    "negative_pixel_size", "empty_file", "rotated", "nan_pixel_size", "inf_epsg_and_zone", "string_scale",
    "external_cube", "soft_link_wavelength", "huge_band_window",
])


_BAD_MAP_INFO = {
    "garbage_map_info": b"UTM, a, b, c, d, e, f, 18, North",
    "short_map_info": b"UTM, 1, 1",
    "negative_pixel_size": b"UTM, 1, 1, 368000, 4307000, -1, 1, 18, North, WGS-84",
    "rotated": b"UTM, 1, 1, 368000, 4307000, 1, 1, 18, North, WGS-84, units=Meters, rotation=30",
    "nan_pixel_size": b"UTM, 1, 1, 368000, 4307000, NaN, 1, 18, North, WGS-84",
}


def _mutate(path, mutation):
    with h5py.File(path, "r+") as f:
        refl = f["SERC/Reflectance"]
        cs = refl["Metadata/Coordinate_System"]
        if mutation == "drop_map_info":
            del cs["Map_Info"]
        elif mutation in _BAD_MAP_INFO:
            del cs["Map_Info"]
            cs["Map_Info"] = np.bytes_(_BAD_MAP_INFO[mutation])
        elif mutation == "drop_wavelength":
            del refl["Metadata/Spectral_Data/Wavelength"]
        elif mutation == "wrong_wavelength_count":
            del refl["Metadata/Spectral_Data/Wavelength"]
            refl["Metadata/Spectral_Data/Wavelength"] = np.arange(5, dtype=np.float32)
        elif mutation == "nan_wavelength":
            refl["Metadata/Spectral_Data/Wavelength"][0] = np.nan
        elif mutation == "cube_2d":
            del refl["Reflectance_Data"]
            refl["Reflectance_Data"] = np.zeros((4, 4), np.int16)
        elif mutation == "string_cube":
            del refl["Reflectance_Data"]
            refl["Reflectance_Data"] = np.array([[[b"x"]]])
        elif mutation == "drop_metadata":
            del refl["Metadata"]
        elif mutation == "zero_scale":
            refl["Reflectance_Data"].attrs["Scale_Factor"] = 0.0
        elif mutation == "bad_epsg_and_no_zone":
            del cs["EPSG Code"]
            cs["EPSG Code"] = np.bytes_(b"not-a-code")
            del cs["Map_Info"]
            cs["Map_Info"] = np.bytes_(b"Geographic Lat/Lon, 1, 1, -75, 39, 1e-5, 1e-5, WGS-84")
            del cs["Proj4"]
        elif mutation == "inf_epsg_and_zone":
            for name in ("EPSG Code", "Map_Info", "Proj4"):
                del cs[name]
            cs["EPSG Code"] = np.bytes_(b"inf")
            cs["Map_Info"] = np.bytes_(b"UTM, 1, 1, 368000, 4307000, 1, 1, inf, North, WGS-84")
        elif mutation == "string_scale":
            refl["Reflectance_Data"].attrs["Scale_Factor"] = np.bytes_(b"ten thousand")
        elif mutation == "external_cube":
            _replace(f, CUBE, lambda g, leaf: g.__setitem__(leaf, h5py.ExternalLink(str(path), "/" + CUBE)))
        elif mutation == "soft_link_wavelength":
            _replace(f, "SERC/Reflectance/Metadata/Spectral_Data/Wavelength", lambda g, leaf: g.__setitem__(
                leaf, h5py.SoftLink("/SERC/Reflectance/Metadata/Spectral_Data/FWHM")))
        elif mutation == "huge_band_window":
            refl.attrs["Band_Window_1_Nanometers"] = np.array([np.inf, 1445.0])
    if mutation == "empty_file":
        with h5py.File(path, "w"):
            pass


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations=st.lists(_MUTATIONS, min_size=1, max_size=3, unique=True))
def test_malformed_files_raise_only_clear_errors(tmp_path, mutations):
    path = tmp_path / f"m_{'_'.join(mutations)}.h5"
    write_sample(path, rows=6, cols=7, n_bands=8, write_truth=False)
    for m in mutations:
        try:
            _mutate(path, m)
        except KeyError:
            pass  # an earlier mutation already removed the item
    out = tmp_path / f"o_{'_'.join(mutations)}.tif"
    with pytest.raises(NeonFormatError) as info:
        import_neon(path, out)
    assert str(info.value).startswith(f"INPUT: {path}: ")
    assert not out.exists() and not any(p.name.endswith(".partial") for p in tmp_path.iterdir())
