"""MATLAB v7.3 .mat files: HDF5 written in MATLAB's layout, read with h5py.

Each variable is a root dataset (or a group, for structs and function handles) with a ``MATLAB_class`` attribute;
arrays are stored column-major, so h5py sees MATLAB's axes reversed; char arrays are uint16 codes; cell arrays are
object references into ``#refs#``. Only numeric and logical datasets are read as data; links and datasets whose data
lives in other files (external or virtual storage) are never followed.
"""
from __future__ import annotations

import numpy as np

from ..messages import Message
from .matvars import NUMERIC_CLASSES, ArrayReader, MatFile, MatFormatError, MatVariable

H5_CHUNK_CACHE = 32 * 1024 * 1024  # decoded chunks kept between row blocks (blocks follow whole chunks)
_HIDDEN_H5 = ("#refs#", "#subsystem#")  # MATLAB's own groups, not variables

def _attr_text(obj, key) -> str | None:
    value = obj.attrs.get(key)
    if value is None:
        return None
    if isinstance(value, np.ndarray):
        value = value.ravel()[0] if value.size else b""
    if isinstance(value, (bytes, np.bytes_)):
        return value.decode("ascii", "replace")
    return str(value)


class _H5Array(ArrayReader):
    """A dataset whose h5py shape is the reverse of MATLAB's."""

    def __init__(self, owner: V73File, dataset, name: str):
        self.owner, self.ds, self.name = owner, dataset, name
        self.shape = tuple(reversed(dataset.shape))
        self.dtype = dataset.dtype
        self.chunk = tuple(reversed(dataset.chunks)) if dataset.chunks else None

    def _h5axis(self, axis):
        return len(self.shape) - 1 - axis

    def _read(self, func):
        try:
            return func()
        except OSError as exc:
            raise self.owner.damaged(Message("variable {name!r}", name=self.name), exc) from exc

    def slab(self, axis, start, stop):
        index = [slice(None)] * len(self.shape)
        index[self._h5axis(axis)] = slice(start, stop)
        return self._read(lambda: self.ds[tuple(index)]).transpose()

    def runs(self, axis, start, stride, count, length):
        import h5py

        h5 = self._h5axis(axis)
        dims = self.ds.shape
        starts = [0] * len(dims)
        strides = [1] * len(dims)
        counts = [1] * len(dims)
        blocks = list(dims)
        starts[h5], strides[h5], counts[h5], blocks[h5] = start, stride, count, length
        out_shape = list(dims)
        out_shape[h5] = count * length
        out = np.empty(out_shape, dtype=self.dtype)

        def read():
            space = self.ds.id.get_space()
            space.select_hyperslab(tuple(starts), tuple(counts), tuple(strides), tuple(blocks))
            self.ds.id.read(h5py.h5s.create_simple(tuple(out_shape)), space, out)
            return out

        return self._read(read).transpose()


class V73File(MatFile):
    version = "7.3"

    def __init__(self, path, parameter="INPUT"):
        super().__init__(path, parameter)
        import h5py

        try:
            self.h5 = h5py.File(path, "r", rdcc_nbytes=H5_CHUNK_CACHE, rdcc_nslots=100_003)
        except OSError as exc:
            raise self.damaged(Message("the HDF5 structure"), exc) from exc
        try:
            self._list()
        except BaseException:
            self.close()
            raise

    def close(self):
        h5 = getattr(self, "h5", None)
        if h5 is not None:
            h5.close()
            self.h5 = None

    def _list(self):
        import h5py

        marked = 0
        try:
            items = []
            for name in self.h5:
                if name in _HIDDEN_H5:
                    continue
                if not isinstance(self.h5.get(name, getlink=True), h5py.HardLink):
                    self.variables.append(MatVariable(name, (), "link", "link"))  # never followed
                    continue
                items.append((name, self.h5.get(name)))
        except (OSError, KeyError) as exc:
            raise self.damaged(Message("the list of variables"), exc) from exc
        for name, obj in items:
            mclass = _attr_text(obj, "MATLAB_class") if obj is not None else None
            marked += mclass is not None
            if isinstance(obj, h5py.Group):
                kind = "sparse" if "MATLAB_sparse" in obj.attrs else (
                    mclass if mclass in ("struct", "function_handle") else "object")
                dims = obj.attrs.get("MATLAB_sparse")
                shape = (int(dims), 0) if kind == "sparse" and dims is not None else ()
                self.variables.append(MatVariable(name, shape, mclass or "struct", kind))
                continue
            if not isinstance(obj, h5py.Dataset):
                continue
            shape = tuple(reversed(obj.shape))
            mclass = mclass or obj.dtype.name
            refused = None
            if obj.external or obj.is_virtual:  # data read from other files: never
                refused = "external"
            elif "MATLAB_empty" in obj.attrs and int(np.ravel(obj.attrs["MATLAB_empty"])[0]):
                refused, shape = "empty", tuple(int(d) for d in np.ravel(obj[()])) if obj.size < 16 else shape
            elif 0 in shape:
                refused = "empty"
            elif "MATLAB_object_decode" in obj.attrs or mclass not in NUMERIC_CLASSES + ("char", "cell"):
                refused = "function_handle" if mclass == "function_handle" else "object"
            elif mclass in ("char", "cell"):
                refused = mclass
            elif obj.dtype.names is not None:
                refused = "complex" if set(obj.dtype.names) >= {"real", "imag"} else "object"
            elif obj.dtype.kind not in "biuf":
                refused = "object"
            self.variables.append(MatVariable(name, shape, mclass, refused))
        if self.variables and not marked:
            raise MatFormatError(
                "{parameter}: {path} is an HDF5 file but not a MATLAB v7.3 file (no MATLAB header and no MATLAB_class "
                "attributes). For NEON reflectance files use hyspec:importneon.", parameter=self.parameter, path=self.path)
        if not self.variables and not marked:
            raise MatFormatError("{parameter}: {path} is an HDF5 file with no MATLAB variables", parameter=self.parameter,
                                 path=self.path)

    def reader(self, name, parameter="VARIABLE"):
        self.numeric(name, parameter)
        return _H5Array(self, self.h5[name], name)

    def _text(self, ds) -> str | None:
        if _attr_text(ds, "MATLAB_class") != "char" or ds.dtype.kind not in "iu" or ds.external or ds.is_virtual:
            return None
        if "MATLAB_empty" in ds.attrs and int(np.ravel(ds.attrs["MATLAB_empty"])[0]):
            return ""
        codes = ds[()]
        return "".join(chr(int(c)) for c in codes.T.ravel()).strip()

    def names(self, name):
        import h5py

        var = self.variable(name, "TRUTH_NAMES")
        ds = self.h5.get(name)
        if not isinstance(ds, h5py.Dataset) or var.refused in ("link", "external") or var.size > 100_000:
            return None
        try:
            if var.mclass == "char" and ds.dtype.kind in "iu" and len(ds.shape) == 2:
                codes = ds[()].T  # MATLAB (names, characters)
                return ["".join(chr(int(c)) for c in row).strip() for row in codes]
            if var.mclass == "cell" and ds.dtype == h5py.ref_dtype:
                out = []
                for ref in ds[()].T.ravel(order="F"):
                    target = self.h5[ref] if ref else None
                    text = self._text(target) if isinstance(target, h5py.Dataset) else None
                    if text is None:
                        return None
                    out.append(text)
                return out
        except (OSError, ValueError, KeyError) as exc:
            raise self.damaged(Message("variable {name!r}", name=name), exc) from exc
        return None
