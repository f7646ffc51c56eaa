"""Fuzz the readers (core, no QGIS): damaged NEON files, GeoTIFFs and spectra CSVs raise only our own errors.

Each example damages a small valid file (truncation, bit flips, a run of random bytes) and reads it as the
algorithms do. A read either succeeds with data of the right shape or raises a HyspecError whose message starts with
the parameter and the file. HDF5 1.10 can crash the whole process on some damaged files, so every NEON read runs in
a forked child: a crash fails the test with the mutation instead of killing the session. Examples are derandomized
(the same every run) and bounded, so the module runs in a few seconds.
"""
import os
import pickle
import traceback

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hyspec_qgis.core import HyspecError, RasterWriter, SpectralRaster, read_spectra_csv
from hyspec_qgis.core.io.neon import NeonReader
from hyspec_qgis.core.io.sample import write_sample

FUZZ = dict(deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])

_POSITION = st.integers(0, 2**40)  # taken modulo the file size
MUTATIONS = st.one_of(
    st.tuples(st.just("truncate"), _POSITION),
    st.tuples(st.just("flip"), st.lists(st.tuples(_POSITION, st.integers(0, 7)), min_size=1, max_size=8)),
    st.tuples(st.just("overwrite"), _POSITION, st.binary(min_size=1, max_size=64)),
)


def damage(data: bytes, mutation) -> bytes:
    out = bytearray(data)
    if mutation[0] == "truncate":
        return bytes(out[:mutation[1] % len(out)])
    if mutation[0] == "flip":
        for pos, bit in mutation[1]:
            out[pos % len(out)] ^= 1 << bit
        return bytes(out)
    pos = mutation[1] % len(out)
    out[pos:pos + len(mutation[2])] = mutation[2]
    return bytes(out)


@pytest.fixture(scope="module")
def originals(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz_originals")
    h5 = folder / "tile.h5"
    write_sample(h5, rows=6, cols=7, n_bands=8, write_truth=False)
    tif = folder / "cube.tif"
    cube = np.random.default_rng(0).random((20, 30, 5)).astype(np.float32)
    cube[2, 3] = -9999
    with RasterWriter(str(tif), width=30, height=20, bands=5, geotransform=(0, 1, 0, 20, 0, -1), crs_wkt="",
                      nodata=-9999, wavelengths=[450.0, 550.0, 650.0, 750.0, 850.0]) as w:
        w.write(cube, 0)
    csv = folder / "lib.csv"
    csv.write_bytes(("band;wavelength_nm;végétation;sol\r\n" + "".join(
        f"{i};{400 + 10 * i},5;0,{i};0,{9 - i}\r\n" for i in range(1, 9))).encode("cp1252"))
    return {"h5": h5.read_bytes(), "tif": tif.read_bytes(), "csv": csv.read_bytes(), "cube": cube}


def _read_neon(path):
    """What the importer reads: metadata, every cube row, every ancillary layer, the CRS. Returns shapes."""
    with NeonReader(path) as reader:
        meta = reader.metadata
        cube = reader.read_reflectance(0, meta.rows)
        shapes = {"cube": cube.shape, "dtype": str(cube.dtype)}
        for name in meta.ancillary:
            dtype, layers, nodata = reader.ancillary_info(name)
            shapes[name] = reader.read_ancillary(name, 0, meta.rows).shape[:2]
        meta.crs_wkt()
        return meta.shape, shapes


def _in_child(func, *args):
    """("ok", result) | ("hyspec", message) | ("other", traceback) | ("crash", signal), from a forked child."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        os.close(read_end)
        try:
            result = ("ok", func(*args))
        except HyspecError as exc:
            result = ("hyspec", str(exc))
        except BaseException:  # noqa: BLE001 - reported to the parent, which fails the test
            result = ("other", traceback.format_exc())
        with os.fdopen(write_end, "wb") as f:
            f.write(pickle.dumps(result))
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as f:
        payload = f.read()
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return "crash", os.WTERMSIG(status)
    return pickle.loads(payload)


def test_undamaged_files_read_right(originals, tmp_path):
    """The control for the fuzz below: the valid originals read without error and with the expected values."""
    h5 = tmp_path / "t.h5"
    h5.write_bytes(originals["h5"])
    assert _in_child(_read_neon, str(h5))[1][0] == (6, 7, 8)
    tif = tmp_path / "c.tif"
    tif.write_bytes(originals["tif"])
    block = next(SpectralRaster(tif).blocks())
    valid = (originals["cube"] != -9999).all(axis=2).ravel()
    np.testing.assert_array_equal(block.valid, valid)
    np.testing.assert_array_equal(block.data[valid], originals["cube"].reshape(-1, 5)[valid])
    csv = tmp_path / "l.csv"
    csv.write_bytes(originals["csv"])
    spectra = read_spectra_csv(csv)
    assert spectra.names == ["végétation", "sol"] and spectra.wavelengths[0] == 410.5


@settings(max_examples=40, **FUZZ)
@given(mutation=MUTATIONS)
def test_damaged_neon_files_raise_only_our_errors(originals, tmp_path, mutation):
    path = tmp_path / "damaged.h5"
    path.write_bytes(damage(originals["h5"], mutation))
    kind, detail = _in_child(_read_neon, str(path))
    assert kind != "crash", f"HDF5 crashed the process (signal {detail}) on {mutation}"
    assert kind != "other", detail
    if kind == "hyspec":
        assert detail.startswith(f"INPUT: {path}: ")
    else:
        shape, shapes = detail
        assert shapes["cube"] == shape and shapes["dtype"] == "float32"
        assert all(v == shape[:2] for k, v in shapes.items() if k not in ("cube", "dtype"))


@settings(max_examples=60, **FUZZ)
@given(mutation=MUTATIONS)
def test_damaged_geotiffs_raise_only_our_errors(originals, tmp_path, mutation):
    path = tmp_path / "damaged.tif"
    path.write_bytes(damage(originals["tif"], mutation))
    try:
        raster = SpectralRaster(path)
        rows = 0
        for block in raster.blocks(rows=7):
            assert block.data.shape == (block.nrows * raster.width, raster.count) and block.data.dtype == np.float32
            assert np.isfinite(block.data).all()
            rows += block.nrows
        assert rows == raster.height
        data, n_valid, total = raster.sample(50, seed=0)
        assert data.shape[1] == raster.count and n_valid <= total == raster.width * raster.height
    except HyspecError as exc:
        assert str(exc).startswith(f"INPUT: {path}: ")


def _check_csv(path):
    try:
        spectra = read_spectra_csv(path)
    except HyspecError as exc:
        assert str(exc).startswith(f"ENDMEMBERS: {path}: ")
        return
    assert spectra.values.shape == (len(spectra.bands), len(spectra.names)) and spectra.n_bands >= 1
    assert np.isfinite(spectra.values).all() and len(set(spectra.names)) == len(spectra.names)
    assert spectra.wavelengths is None or (np.isfinite(spectra.wavelengths).all() and (spectra.wavelengths > 0).all())


@settings(max_examples=100, **FUZZ)
@given(mutation=MUTATIONS)
def test_damaged_spectra_csvs_raise_only_our_errors(originals, tmp_path, mutation):
    path = tmp_path / "damaged.csv"
    path.write_bytes(damage(originals["csv"], mutation))
    _check_csv(path)


_CELL = st.one_of(st.sampled_from(["inf", "-inf", "nan", "NaN", "1e400", "", '"', '""', "0,5", "1.5", "#", "\x00",
                                   "végétation", "9" * 200, "band", "wavelength_nm"]),
                  st.floats(allow_nan=True, allow_infinity=True).map(repr), st.text(max_size=8))


@settings(max_examples=60, **FUZZ)
@given(rows=st.lists(st.lists(_CELL, min_size=1, max_size=5), max_size=6), sep=st.sampled_from([",", ";", "\t"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_generated_spectra_csvs_raise_only_our_errors(tmp_path, rows, sep, encoding):
    """Text that is almost a spectra CSV: a valid header, then cells drawn from what breaks readers."""
    text = "band,wavelength_nm,a,b\n".replace(",", sep) + "".join(sep.join(r) + "\n" for r in rows)
    path = tmp_path / "generated.csv"
    path.write_bytes(text.encode(encoding, errors="replace"))
    _check_csv(path)
