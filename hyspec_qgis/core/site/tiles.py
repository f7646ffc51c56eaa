"""The tiles of a site: input lists (a folder means its .h5 files), and one reader for a NEON .h5 tile or an imported
GDAL raster that yields float32 pixel blocks of the chain's cleaned bands.

Workers open tiles here from their paths (never an h5py object passed around: those cannot be pickled), so every
task needs only ``hyspec_qgis.core`` and a file system where the tiles have the same paths as on the client.
"""
from __future__ import annotations

import glob
import os
from dataclasses import dataclass

import numpy as np

from ..errors import HyspecError, ParameterError
from ..io.raster_reader import Block

BLOCK_BYTES = 48 * 1024 * 1024  # raw bytes read per block of an .h5 tile (whole HDF5 chunk rows)
RASTER_SUFFIXES = (".tif", ".tiff", ".vrt", ".dat", ".img", ".bsq", ".bil", ".bip")


def expand_inputs(items, parameter: str = "INPUTS") -> list[str]:
    """Absolute tile paths from a list of files and folders (a folder stands for its ``*.h5`` files), sorted by
    name, duplicates removed. Refuses an empty list, missing paths and two tiles with the same name (their outputs
    would share a folder)."""
    paths = []
    for item in items or []:
        item = os.fspath(item).strip()
        if not item:
            continue
        if os.path.isdir(item):
            found = sorted(glob.glob(os.path.join(glob.escape(item), "*.h5")))
            if not found:
                raise ParameterError("{parameter}: the folder {item} holds no .h5 file", parameter=parameter, item=item)
            paths.extend(found)
        elif os.path.exists(item):
            paths.append(item)
        else:
            raise ParameterError("{parameter}: {item}: no such file or folder", parameter=parameter, item=item)
    paths = sorted(dict.fromkeys(os.path.abspath(p) for p in paths), key=lambda p: (tile_name(p), p))
    if not paths:
        raise ParameterError("{parameter}: no tile given (list NEON .h5 files, imported rasters or a folder of .h5)",
                             parameter=parameter)
    names: dict[str, str] = {}
    for p in paths:
        other = names.setdefault(tile_name(p), p)
        if other != p:
            raise ParameterError("{parameter}: {other} and {path} have the same name; each tile's outputs go to a "
                                 "folder named after it, so tile names must differ", parameter=parameter, other=other, path=p)
    return paths


def tile_name(path: str) -> str:
    """The tile's output folder name: its file name without the extension."""
    return os.path.splitext(os.path.basename(os.fspath(path)))[0]


def is_neon(path: str) -> bool:
    return os.fspath(path).lower().endswith((".h5", ".hdf5", ".he5"))


@dataclass
class TileInfo:
    """What the client needs to know about a tile before any pixel is read."""

    path: str
    name: str
    rows: int
    cols: int
    bands: int
    geotransform: tuple
    crs_wkt: str

    @property
    def n_pixels(self) -> int:
        return self.rows * self.cols


class TileReader:
    """A tile opened read-only: ``wavelengths``/``fwhm`` (nm or None), ``geotransform``, ``crs_wkt``, the water
    windows to clean with, and ``blocks(bands)`` yielding :class:`~hyspec_qgis.core.io.raster_reader.Block` objects
    (float32 reflectance of the given bands, rows of invalid pixels zeroed). A pixel is invalid where any band of
    the file is no-data or not finite. Use as a context manager."""

    def __init__(self, path: str, parameter: str = "INPUTS"):
        self.path = os.fspath(path)
        self.parameter = parameter
        self.name = tile_name(self.path)
        self._neon = None
        self._raster = None
        if is_neon(self.path):
            from ..io.neon import NeonReader

            self._neon = NeonReader(self.path)
            meta = self._neon.metadata
            self.height, self.width, self.count = meta.rows, meta.cols, meta.bands
            self.geotransform = tuple(meta.geotransform)
            self.crs_wkt = meta.crs_wkt()
            self.wavelengths, self.fwhm = meta.wavelengths, meta.fwhm
            self.metadata = {"WATER_WINDOWS_NM": ";".join(f"{lo:g}-{hi:g}" for lo, hi in meta.water_windows)}
            self._chunk_rows = int(meta.chunks[0]) if meta.chunks else 16
            self._scale = np.float32(1.0 / meta.scale_factor)
        else:
            from ..io.raster_reader import SpectralRaster

            self._raster = SpectralRaster(self.path, parameter)
            r = self._raster
            self.height, self.width, self.count = r.height, r.width, r.count
            self.geotransform, self.crs_wkt = tuple(r.geotransform), r.crs_wkt
            self.wavelengths, self.fwhm, self.metadata = r.wavelengths, r.fwhm, dict(r.metadata)

    def info(self) -> TileInfo:
        return TileInfo(self.path, self.name, self.height, self.width, self.count, self.geotransform, self.crs_wkt)

    def close(self):
        if self._neon is not None:
            self._neon.close()
        if self._raster is not None:
            self._raster.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def full_window(self):
        from ..io.raster_reader import Window

        return Window(0, 0, self.height, self.width)

    def blocks(self, bands=None, window=None, progress=None, rows=None):
        """Blocks of whole rows, top to bottom (the whole tile; ``window`` is accepted for the engine's walker and
        must be None or the full window)."""
        from ..engine.progress import as_progress

        progress = as_progress(progress)
        if window is not None and (window.row0, window.col0, window.height, window.width) != \
                (0, 0, self.height, self.width):
            raise ValueError("site tiles are always read whole")
        if self._raster is not None:
            yield from self._raster.blocks(bands=bands, progress=progress, rows=rows)
            return
        idx = np.arange(self.count) if bands is None else np.asarray(bands, dtype=np.intp)
        chunk = self._chunk_rows
        step = rows or max(chunk, BLOCK_BYTES // max(1, self.width * self.count * 2) // chunk * chunk)
        r = 0
        while r < self.height:
            r1 = min(self.height, r + step)
            progress(r / self.height)
            raw = self._neon.read(r, r1)
            invalid = self._neon.invalid_mask(raw).ravel()
            data = raw.reshape(-1, self.count)[:, idx].astype(np.float32)
            data *= self._scale
            data[invalid] = 0.0
            yield Block(r, 0, r1 - r, self.width, data, ~invalid)
            r = r1
        progress(1.0)


def describe(path: str, parameter: str = "INPUTS") -> TileInfo:
    """Open a tile only to read its size and georeference; raises HyspecError naming the file when it cannot."""
    try:
        with TileReader(path, parameter) as reader:
            return reader.info()
    except HyspecError:
        raise
    except (OSError, RuntimeError, KeyError, ValueError) as exc:
        raise HyspecError("{parameter}: {path}: cannot be read ({exc})", parameter=parameter, path=path, exc=exc) from exc
