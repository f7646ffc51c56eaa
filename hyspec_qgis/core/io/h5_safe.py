"""Reading HDF5 safely: only hard links, only data stored inside the file, and h5py's errors as NeonFormatError.

A soft or external link, HDF5 external storage or a virtual dataset can make a reader return the contents of another
file (a crafted .h5 turned a local text file's bytes into output pixels), so :func:`get` refuses all of them on every
path the NEON reader uses.
"""
from __future__ import annotations

import contextlib

import numpy as np

from ..errors import NeonFormatError


def text(value) -> str:
    """An HDF5 string attribute or dataset value as str, whatever way it was stored."""
    if isinstance(value, np.ndarray):
        if value.size != 1:
            raise NeonFormatError("expected one string, found an array of shape {shape}", shape=value.shape)
        value = value.reshape(()).item()
    if isinstance(value, (bytes, np.bytes_)):
        return bytes(value).decode("utf-8", "replace").strip()
    return str(value).strip()


@contextlib.contextmanager
def reading(where: str, what: str):
    """Turn whatever h5py, numpy or a parser raises while reading ``what`` into a NeonFormatError naming the file."""
    try:
        yield
    except NeonFormatError as exc:
        if where in str(exc):
            raise
        raise NeonFormatError("{where}: {exc}", where=where, exc=exc) from exc
    except (KeyError, OSError, RuntimeError, TypeError, ValueError, IndexError, OverflowError, AttributeError,
            ZeroDivisionError) as exc:
        raise NeonFormatError(
            "{where}: cannot read {what} (damaged file or unexpected layout: {error_type}: {exc})", where=where,
            what=what, error_type=type(exc).__name__, exc=exc) from exc
    except MemoryError as exc:
        raise NeonFormatError("{where}: reading {what} needs more memory than is available ({exc}): a damaged size "
                              "in the file, or import a smaller EXTENT", where=where, what=what, exc=exc) from exc


def get(group, path: str, where: str):
    """``group[path]`` reached through hard links only, or None if absent; a dataset must keep its bytes inside
    the file. Links are checked without being followed (``getlink=True``), so a refused link opens nothing."""
    import h5py

    obj = group
    for name in [p for p in path.split("/") if p]:
        if not isinstance(obj, h5py.Group):
            return None
        link = obj.get(name, getlink=True)
        if link is None:
            return None
        if not isinstance(link, h5py.HardLink):
            kind = "an external link" if isinstance(link, h5py.ExternalLink) else "a soft link"
            raise NeonFormatError("{where}: {group}/{name} is {kind}; links are refused because "
                                  "they can make the reader read another file", where=where, group=obj.name.rstrip("/"),
                                  name=name, kind=kind)
        obj = obj[name]
        if isinstance(obj, h5py.Dataset):
            if obj.external:
                raise NeonFormatError("{where}: {name} keeps its data in external files "
                                      "({external!r}...); HDF5 external storage is refused", where=where, name=obj.name,
                                      external=obj.external[0][0])
            if obj.is_virtual:
                raise NeonFormatError("{where}: {name} is a virtual dataset (its data live in other files); "
                                      "virtual datasets are refused", where=where, name=obj.name)
            _check_chunks(obj, where)
    return obj


def _check_chunks(ds, where):
    """Refuse a chunk layout HDF5 cannot have written: a damaged one (e.g. chunks of 2 million columns on a 7-column
    dataset) crashes HDF5 1.10 when the data are read, instead of raising."""
    chunks = ds.chunks
    if chunks is None:
        return
    limits = ds.maxshape or ds.shape
    if len(chunks) != len(ds.shape) or any(c < 1 or (m is not None and c > max(m, 1)) for c, m in zip(chunks, limits)) \
            or int(np.prod(chunks, dtype=np.float64)) * ds.dtype.itemsize >= 2**32:
        raise NeonFormatError("{where}: {name} has an impossible chunk layout {chunks} for shape {shape} "
                              "(damaged file)", where=where, name=ds.name, chunks=chunks, shape=ds.shape)


def read_string(group, name, where):
    import h5py

    obj = get(group, name, where)
    if not isinstance(obj, h5py.Dataset):
        return None
    if obj.size > 1 or obj.dtype.kind not in "SUO" or not 0 < obj.dtype.itemsize <= 1 << 20:
        raise NeonFormatError("{where}: {name} should hold one string, it has shape {shape} and type "
                              "{dtype}", where=where, name=obj.name, shape=obj.shape, dtype=obj.dtype)
    return text(obj[()])
