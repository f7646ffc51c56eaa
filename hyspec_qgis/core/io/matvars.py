"""MATLAB .mat files as a list of variables and safe array reads: v5/v6/v7 through scipy.io, v7.3 through h5py.

Nothing from a file is executed or unpickled. Only numeric and logical arrays are read as data; structs, cell
arrays, objects, function handles, sparse, complex and opaque values are listed but never loaded (scipy parses the
MAT format itself and never unpickles; numpy's ``allow_pickle`` is never involved). Class names are read from
char arrays and from cell arrays whose every element is a char array, as plain text.

Shapes are MATLAB's (what ``size(x)`` shows), for both formats: a v7.3 file is HDF5 and stores arrays in MATLAB's
column-major order, so h5py sees every array with its axes reversed; :class:`ArrayReader` undoes that. v5 variables
are loaded whole by scipy (the format has no partial reads), after a check that they fit in memory; v7.3 datasets
are read in slabs.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from ..errors import HyspecError
from ..messages import Message

NUMERIC_CLASSES = ("double", "single", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
                   "logical")
_ITEMSIZE = {"double": 8, "single": 4, "int8": 1, "uint8": 1, "int16": 2, "uint16": 2, "int32": 4, "uint32": 4,
             "int64": 8, "uint64": 8, "logical": 1}
_WHY = {
    "struct": "a MATLAB struct",
    "cell": "a MATLAB cell array",
    "object": "a MATLAB object",
    "function": "a MATLAB function handle",
    "function_handle": "a MATLAB function handle",
    "opaque": "an opaque MATLAB value (a classdef object, string, table or function workspace)",
    "sparse": "a sparse matrix",
    "char": "text (a char array)",
    "complex": "a complex array",
    "empty": "an empty array",
    "link": "a link to another file or dataset (links are not followed)",
    "external": "a dataset whose data lives in other files (external or virtual storage is not read)",
}


class MatFormatError(HyspecError):
    """Not a .mat file we can read, a damaged one, or a variable that is not a numeric array."""


@dataclass
class MatVariable:
    """One variable of a .mat file: ``shape`` in MATLAB's order, ``mclass`` MATLAB's class name, ``refused`` the
    reason it cannot be read as an array (None for numeric and logical arrays)."""

    name: str
    shape: tuple
    mclass: str
    refused: str | None = None

    @property
    def numeric(self) -> bool:
        return self.refused is None

    @property
    def size(self) -> int:
        return int(np.prod(self.shape, dtype=np.int64)) if self.shape else 0

    @property
    def nbytes(self) -> int:
        return self.size * _ITEMSIZE.get(self.mclass, 8)

    def describe(self) -> str:
        kind = "complex " + self.mclass if self.refused == "complex" else self.mclass
        if not self.shape:
            return f"{self.name} ({kind})"
        return f"{self.name} ({' x '.join(str(d) for d in self.shape)} {kind})"


def available_memory() -> int | None:
    """Bytes of memory available to this process now, or None when the platform does not say."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        pass
    try:  # Windows
        import ctypes

        class _Status(ctypes.Structure):
            _fields_ = [("dwLength", ctypes.c_ulong), ("dwMemoryLoad", ctypes.c_ulong),
                        ("ullTotalPhys", ctypes.c_ulonglong), ("ullAvailPhys", ctypes.c_ulonglong),
                        ("ullTotalPageFile", ctypes.c_ulonglong), ("ullAvailPageFile", ctypes.c_ulonglong),
                        ("ullTotalVirtual", ctypes.c_ulonglong), ("ullAvailVirtual", ctypes.c_ulonglong),
                        ("ullAvailExtendedVirtual", ctypes.c_ulonglong)]

        status = _Status()
        status.dwLength = ctypes.sizeof(_Status)
        if ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status)):  # type: ignore[attr-defined]
            return int(status.ullAvailPhys)
    except (AttributeError, OSError, ImportError):
        pass
    return None


def _gb(n: float) -> str:
    return f"{n / 1e9:.1f} GB" if n >= 1e8 else f"{n / 1e6:.1f} MB"


def sniff_format(path: str, parameter: str = "INPUT") -> str:
    """"5" (MATLAB v5/v6/v7), "7.3" (HDF5-based) or an error naming the file."""
    if not os.path.isfile(path):
        raise MatFormatError("{parameter}: {path}: no such file", parameter=parameter, path=path)
    with open(path, "rb") as f:
        head = f.read(128)
    if len(head) == 128 and head[126:128] in (b"IM", b"MI"):
        version = int.from_bytes(head[124:126], "little" if head[126:128] == b"IM" else "big")
        if version == 0x0100:
            return "5"
        if version == 0x0200:
            return "7.3"
    import h5py

    if h5py.is_hdf5(path):
        return "7.3"  # an HDF5 file without MATLAB's header: accepted only if its datasets carry MATLAB_class
    if head.startswith(b"MATLAB"):
        raise MatFormatError("{parameter}: {path} is damaged: it starts like a MATLAB .mat file, but its header is cut "
                             "short or has no valid version and byte-order mark", parameter=parameter, path=path)
    raise MatFormatError(
        "{parameter}: {path} is not a MATLAB .mat file (no MAT-file header; MATLAB v4 files are not read either: re-save "
        "them in MATLAB with save(file, '-v7') or save(file, '-v7.3'))", parameter=parameter, path=path)


def open_mat(path, memory_limit: int | None = None, parameter: str = "INPUT") -> MatFile:
    """The file's variables (nothing read yet). ``parameter`` names the file in messages (INPUT, TRUTH_FILE)."""
    path = os.fspath(path)
    fmt = sniff_format(path, parameter)
    if fmt == "7.3":
        from .mat73 import V73File

        return V73File(path, parameter)
    return V5File(path, memory_limit, parameter)


class MatFile:
    """The variables of a .mat file and safe reads. Use as a context manager."""

    version = ""

    def __init__(self, path: str, parameter: str = "INPUT"):
        self.path = path
        self.parameter = parameter
        self.variables: list[MatVariable] = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def close(self) -> None:
        pass

    @property
    def label(self) -> str:
        return f"{self.path} (MATLAB v{self.version})"

    def listing(self) -> str:
        return ", ".join(v.describe() for v in self.variables) or "no variables"

    def variable(self, name: str, parameter: str = "VARIABLE") -> MatVariable:
        for v in self.variables:
            if v.name == name:
                return v
        raise MatFormatError("{parameter}: {path} has no variable {name!r}; its variables: {listing}", parameter=parameter,
                             path=self.path, name=name, listing=self.listing())

    def numeric(self, name: str, parameter: str) -> MatVariable:
        """The variable ``name``, refused clearly unless it is a numeric or logical array."""
        var = self.variable(name, parameter)
        if var.refused:
            raise MatFormatError(
                "{parameter}: {name!r} in {path} is {kind}, not a numeric "
                "array; only numeric and logical arrays are imported (structs, cell arrays, objects and function "
                "handles are never read, so nothing in the file is executed). Its variables: {listing}", parameter=parameter,
                name=var.name, path=self.path, kind=_WHY.get(var.refused, var.refused), listing=self.listing())
        return var

    def reader(self, name: str, parameter: str = "VARIABLE") -> ArrayReader:
        raise NotImplementedError

    def names(self, name: str) -> list[str] | None:
        """The text entries of a char array (one per row) or of a cell array of char arrays, else None."""
        raise NotImplementedError

    def damaged(self, what: str, exc: BaseException) -> MatFormatError:
        return MatFormatError("{parameter}: {path} is damaged or truncated: {what} cannot be read ({exc})",
                              parameter=self.parameter, path=self.path, what=what, exc=exc)


class ArrayReader:
    """One numeric array, read in MATLAB's axis order. ``slab(axis, start, stop)`` returns the array with ``axis``
    limited to [start, stop); ``runs(axis, start, stride, count, length)`` the elements ``start + stride * i + j``
    (i < count, j < length) along ``axis``, in that order: a block of rows of an image stored as a column-major
    pixel list."""

    shape: tuple = ()
    dtype: np.dtype
    chunk: tuple | None = None  # storage chunk per MATLAB axis (v7.3 chunked datasets)

    def slab(self, axis: int, start: int, stop: int) -> np.ndarray:
        raise NotImplementedError

    def runs(self, axis: int, start: int, stride: int, count: int, length: int) -> np.ndarray:
        raise NotImplementedError

    def read_all(self) -> np.ndarray:
        return self.slab(0, 0, self.shape[0])


# --- v5 (scipy.io) ---------------------------------------------------------------------------------------------------
class _MemoryArray(ArrayReader):
    def __init__(self, array: np.ndarray):
        self.array = array
        self.shape = tuple(array.shape)
        self.dtype = array.dtype

    def slab(self, axis, start, stop):
        index = [slice(None)] * self.array.ndim
        index[axis] = slice(start, stop)
        return self.array[tuple(index)]

    def runs(self, axis, start, stride, count, length):
        idx = (start + stride * np.arange(count, dtype=np.int64)[:, None] + np.arange(length)[None, :]).ravel()
        return np.take(self.array, idx, axis=axis)


class V5File(MatFile):
    version = "5"

    def __init__(self, path, memory_limit=None, parameter="INPUT"):
        super().__init__(path, parameter)
        self.memory_limit = memory_limit
        import scipy.io

        try:
            listed = scipy.io.whosmat(path, appendmat=False)
        except MemoryError:
            raise
        except Exception as exc:  # noqa: BLE001 - scipy raises many types for damaged files
            raise self.damaged(Message("the list of variables"), exc) from exc
        for name, shape, mclass in listed:
            refused = None if mclass in NUMERIC_CLASSES else ("function" if mclass == "function" else mclass)
            if name == "__function_workspace__":
                refused = "opaque"
            if refused is None and 0 in shape:
                refused = "empty"
            self.variables.append(MatVariable(name, tuple(int(d) for d in shape), mclass, refused))

    def _load(self, var: MatVariable, parameter: str):
        import scipy.io

        limit = self.memory_limit if self.memory_limit is not None else available_memory()
        need = 2 * var.nbytes  # the decompressed bytes and the array built from them
        if limit is not None and need > limit:
            raise MatFormatError(
                "{parameter}: {variable} in {path} is {size}. MATLAB v5 files cannot be read "
                "in parts, so scipy loads the whole variable (about {peak} at peak), but only {available} of "
                "memory is available. Re-save it in MATLAB as v7.3 (HDF5), which is read in row blocks: "
                "save(file, '{name}', '-v7.3').", parameter=parameter, variable=var.describe(), path=self.path,
                size=_gb(var.nbytes), peak=_gb(need), available=_gb(limit), name=var.name)
        try:
            loaded = scipy.io.loadmat(self.path, variable_names=[var.name], appendmat=False, mat_dtype=False,
                                      squeeze_me=False, chars_as_strings=True, struct_as_record=True,
                                      simplify_cells=False, verify_compressed_data_integrity=True)
        except MemoryError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise self.damaged(Message("variable {name!r}", name=var.name), exc) from exc
        if var.name not in loaded:
            raise self.damaged(Message("variable {name!r}", name=var.name), Message("scipy found no data for it"))
        return loaded[var.name]

    def reader(self, name, parameter="VARIABLE"):
        var = self.numeric(name, parameter)
        value = self._load(var, parameter)
        if isinstance(value, str):  # scipy reports an unreadable variable as a "Read error: ..." string
            raise self.damaged(Message("variable {name!r}", name=name), value)
        # An exact ndarray of a plain numeric dtype: MatlabObject/MatlabFunction/MatlabOpaque are ndarray subclasses
        if type(value) is not np.ndarray or value.dtype.names is not None or value.dtype.kind not in "biuf":
            kind = "complex" if isinstance(value, np.ndarray) and value.dtype.kind == "c" else var.mclass
            var.refused = kind if kind in _WHY else "opaque"
            return self.reader(name, parameter)  # now refused with the message
        if value.shape != var.shape:
            raise self.damaged(Message("variable {name!r}", name=name),
                               Message("its data has shape {shape}, its header {header}", shape=value.shape, header=var.shape))
        return _MemoryArray(value)

    def names(self, name):
        var = self.variable(name, "TRUTH_NAMES")
        if var.mclass not in ("char", "cell") or var.size > 100_000:
            return None
        value = self._load(var, "TRUTH_NAMES")
        if not isinstance(value, np.ndarray):
            return None
        if var.mclass == "char":
            if value.dtype.kind != "U":
                return None
            return [str(s).strip() for s in np.atleast_1d(value).ravel(order="C")]
        if value.dtype != object:
            return None
        out = []
        for item in value.ravel(order="F"):  # MATLAB's linear order
            if type(item) is not np.ndarray or item.dtype.kind != "U" or item.size > 1:
                return None
            out.append(str(item.ravel()[0]).strip() if item.size else "")
        return out
