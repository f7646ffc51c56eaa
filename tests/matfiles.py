"""Writers of small .mat files for tests, independent of the reader they check.

``write_v5`` is scipy.io.savemat. ``write_v73`` writes HDF5 the way MATLAB's ``save -v7.3`` does: a 512-byte
userblock that starts with MATLAB's 128-byte header ("MATLAB 7.3 MAT-file", version 0x0200, "IM"), one dataset per
variable with a ``MATLAB_class`` attribute, arrays stored transposed (MATLAB is column-major, so a MATLAB
rows x cols x bands array is an HDF5 dataset of shape (bands, cols, rows)), char arrays as uint16 codes, cell arrays as
object references into ``#refs#``, structs as groups.
"""
import os

import h5py
import numpy as np
import scipy.io

_CLASSES = {np.dtype(t): c for t, c in (
    ("float64", "double"), ("float32", "single"), ("int8", "int8"), ("uint8", "uint8"), ("int16", "int16"),
    ("uint16", "uint16"), ("int32", "int32"), ("uint32", "uint32"), ("int64", "int64"), ("uint64", "uint64"))}


class Raw:
    """A dataset written as given, with these attributes (hostile or unusual content)."""

    def __init__(self, data, **attrs):
        self.data, self.attrs = data, attrs


class FunctionHandle:
    """What MATLAB writes for @(x) ...: a group with MATLAB_class function_handle."""


def write_v5(path, variables, compress=True):
    scipy.io.savemat(os.fspath(path), variables, do_compression=compress, oned_as="column")
    return str(path)


def _header(version=b"\x00\x02"):
    text = b"MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Thu Jan  1 00:00:00 2026 HDF5 schema 1.00 ."
    return text.ljust(116, b" ") + b"\x00" * 8 + version + b"IM"


def _char(group, name, text):
    codes = np.array([[ord(ch) for ch in text]], dtype=np.uint16)  # MATLAB 1 x n
    ds = group.create_dataset(name, data=codes.T)
    ds.attrs["MATLAB_class"] = np.bytes_("char")
    ds.attrs["MATLAB_int_decode"] = np.int32(2)
    return ds


def _put(f, group, name, value, chunks, compression):
    if isinstance(value, Raw):
        ds = group.create_dataset(name, data=value.data)
        for k, v in value.attrs.items():
            ds.attrs[k] = v
        return
    if isinstance(value, FunctionHandle):
        g = group.create_group(name)
        g.attrs["MATLAB_class"] = np.bytes_("function_handle")
        _char(g, "function_handle", "@(x)system('echo hacked')")
        return
    if isinstance(value, str):
        _char(group, name, value)
        return
    if isinstance(value, dict):
        g = group.create_group(name)
        g.attrs["MATLAB_class"] = np.bytes_("struct")
        for k, v in value.items():
            _put(f, g, k, v, chunks, compression)
        return
    if isinstance(value, list):  # a 1 x k cell array of strings
        refs = f.require_group("#refs#")
        targets = []
        for i, item in enumerate(value):
            targets.append(_char(refs, f"{name}_{i}", item).ref)
        ds = group.create_dataset(name, data=np.array([targets], dtype=h5py.ref_dtype).T)
        ds.attrs["MATLAB_class"] = np.bytes_("cell")
        return
    array = np.asarray(value)
    if array.ndim < 2:
        array = array.reshape(-1, 1)  # MATLAB has no 1-D arrays: a column vector
    mclass = "logical" if array.dtype == bool else _CLASSES[array.dtype]
    stored = np.ascontiguousarray(array.T).astype(np.uint8 if array.dtype == bool else array.dtype)
    kwargs = {}
    if chunks and stored.size > 1:
        kwargs = dict(chunks=chunks if isinstance(chunks, tuple) else True, compression=compression)
    ds = group.create_dataset(name, data=stored, **kwargs)
    ds.attrs["MATLAB_class"] = np.bytes_(mclass)
    if mclass == "logical":
        ds.attrs["MATLAB_int_decode"] = np.int32(1)


def write_v73(path, variables, chunks=True, compression="gzip", header=True):
    """``variables``: {name: numpy array | str | list of str (cell) | dict (struct) | Raw | FunctionHandle}.
    ``chunks``: True (h5py picks), a tuple (in HDF5's order), or False (contiguous storage)."""
    path = os.fspath(path)
    with h5py.File(path, "w", userblock_size=512 if header else 0) as f:
        for name, value in variables.items():
            _put(f, f, name, value, chunks, compression)
    if header:
        with open(path, "r+b") as f:
            f.write(_header())
    return path


def scene(rows, cols, bands, dtype=np.uint16):
    """A cube whose every value tells its position: 1000 * band + 100 * (row % 10)... unique per (row, col, band)."""
    r, c, b = np.meshgrid(np.arange(rows), np.arange(cols), np.arange(bands), indexing="ij")
    return ((b * rows + r) * cols + c + 1).astype(dtype)


def pixels(cube, order):
    """A (rows, cols, bands) cube as a bands x pixels matrix in column-major ("F", MATLAB's) or row-major order."""
    rows, cols, bands = cube.shape
    return cube.reshape(rows * cols, bands, order=order).T


def v5_function_handle(path, name="fh"):
    """A v5 file whose only variable is marked as a MATLAB function handle (mxFUNCTION_CLASS, 16): a struct written
    uncompressed by scipy with its class byte changed, as scipy cannot write function handles itself."""
    path = os.fspath(path)
    scipy.io.savemat(path, {name: {"function": np.array(["@(x) system('echo hacked')"])}}, do_compression=False)
    with open(path, "r+b") as f:
        f.seek(128)
        tag = np.frombuffer(f.read(8), "<u4")
        flags_tag = np.frombuffer(f.read(8), "<u4")
        assert tag[0] == 14 and flags_tag[0] == 6, "unexpected layout of scipy's v5 output"
        position = f.tell()
        assert f.read(1) == b"\x02", "expected mxSTRUCT_CLASS"
        f.seek(position)
        f.write(b"\x10")
    return path
