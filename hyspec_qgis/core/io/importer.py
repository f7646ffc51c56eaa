"""NEON HDF5 -> georeferenced, wavelength-labelled GeoTIFF, streamed in row blocks (hyspec:importneon's core call).

Two encodings: ``float32`` (default: reflectance 0-1, no-data -9999, what every algorithm and tool reads without
surprise) and ``int16`` (the stored integers, half the size, with GDAL scale 1/Scale_Factor so values read as
reflectance in QGIS and GDAL). Ancillary layers (weather quality, water vapour, acquisition date...) are exported on
the same window in the same pass.
"""
from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass

import numpy as np

from ..engine.blockwise import write_pass
from ..engine.progress import as_progress
from ..errors import ParameterError
from ..messages import Message
from .neon import NeonMetadata, NeonReader
from .raster_reader import Block, Window, window_from_bounds
from .raster_writer import FLOAT_NODATA, RasterWriter

ENCODINGS = ("float32", "int16")
BLOCK_BYTES = 96 * 1024 * 1024


@dataclass
class ImportResult:
    """What :func:`import_neon` wrote: the file's metadata, the pixel window imported and its georeference."""

    metadata: NeonMetadata
    window: Window
    geotransform: tuple
    encoding: str


def _window(meta, bounds) -> Window:
    if bounds is None:
        return Window(0, 0, meta.rows, meta.cols)
    return window_from_bounds(meta.geotransform, meta.cols, meta.rows, bounds,
                              Message("EXTENT: the extent does not overlap the NEON file {path}", path=meta.path))


def _window_gt(gt, window):
    return (gt[0] + window.col0 * gt[1], gt[1], 0.0, gt[3] + window.row0 * gt[5], 0.0, gt[5])


class NeonBlocks:
    """The cube of a NEON file in a window, as a source for the engine's walker: blocks of whole HDF5 chunk rows,
    ``data`` the stored values (pixels, bands) in the file's type, ``valid`` False where any band is no-data.

    Whole chunk rows per read: a chunk (about 2 MB for NEON's) does not fit h5py's 1 MB chunk cache, so a block that
    straddled chunk rows would inflate those chunks twice. (Partial output tiles wait in GDAL's cache.)"""

    def __init__(self, reader: NeonReader, window: Window):
        self.reader, self.window = reader, window

    def full_window(self) -> Window:
        return Window(0, 0, self.window.height, self.window.width)

    def blocks(self, bands=None, window=None, progress=None, rows=None):
        meta, w = self.reader.metadata, self.window
        chunk_rows = int(meta.chunks[0]) if meta.chunks else 16
        step = max(chunk_rows, BLOCK_BYTES // (w.width * meta.bands * 4) // chunk_rows * chunk_rows)
        r, r_end = w.row0, w.row0 + w.height
        while r < r_end:
            r1 = min(r_end, r // chunk_rows * chunk_rows + step)  # ends on a chunk boundary
            raw = self.reader.read(r, r1, w.col0, w.col0 + w.width)
            valid = ~self.reader.invalid_mask(raw).reshape(-1)
            yield Block(r - w.row0, 0, r1 - r, w.width, raw.reshape(-1, meta.bands), valid)
            r = r1


def _cube_values(meta: NeonMetadata, encoding: str):
    """The cube's block function: reflectance float32 with -9999, or the stored integers with the file's no-data."""
    inv_scale = np.float32(1.0 / meta.scale_factor)

    def cube(block):
        invalid = ~block.valid
        if encoding == "float32":
            out = block.data.astype(np.float32)
            out *= inv_scale
            if invalid.any():
                out[invalid] = FLOAT_NODATA
            return out
        if invalid.any() and meta.nodata is not None:
            out = block.data.copy()
            out[invalid] = meta.nodata
            return out
        return block.data
    return cube


def _open_writers(stack, reader, output, window, encoding, ancillary):
    meta = reader.metadata
    gt = _window_gt(meta.geotransform, window)
    common = dict(width=window.width, height=window.height, geotransform=gt, crs_wkt=meta.crs_wkt())
    info = {"NEON_SITE": meta.site, "NEON_PRODUCT": meta.product, "NEON_SOURCE": os.path.basename(meta.path),
            "WATER_WINDOWS_NM": ";".join(f"{lo:g}-{hi:g}" for lo, hi in meta.water_windows),
            "WATER_WINDOWS_SOURCE": "file" if meta.water_windows_from_file else "default",
            "NEON_SCALE_FACTOR": f"{meta.scale_factor:g}"}
    if encoding == "float32":
        cube_kw = dict(dtype="float32", nodata=FLOAT_NODATA)
    else:
        cube_kw = dict(dtype=meta.dtype if meta.dtype.itemsize >= 2 else "int16", nodata=meta.nodata,
                       scale=1.0 / meta.scale_factor, offset=0.0)
    writers = [stack.enter_context(RasterWriter(output, bands=meta.bands, wavelengths=meta.wavelengths,
                                                fwhm=meta.fwhm, metadata=info, **common, **cube_kw))]
    for name, out in ancillary.items():
        dtype, layers, nodata = reader.ancillary_info(name)
        writers.append(stack.enter_context(RasterWriter(
            out, bands=layers, dtype=dtype if dtype != np.int8 else "int16", nodata=nodata,
            band_names=[name] if layers == 1 else [f"{name} {i + 1}" for i in range(layers)],
            metadata={"NEON_SOURCE": os.path.basename(meta.path)}, **common)))
    return writers, gt


def import_neon(path, output, bounds=None, encoding: str = "float32", ancillary: dict | None = None,
                progress=None, extent=None) -> ImportResult:
    """Write the reflectance cube of NEON file ``path`` (optionally the part inside ``bounds`` =
    (xmin, ymin, xmax, ymax) in the file's CRS) to the GeoTIFF ``output``.

    ``extent``: instead of ``bounds``, a function of the file's CRS ("EPSG:<code>") that returns the bounds in it
    (or None for the whole file), for callers whose extent is in another CRS. ``ancillary``: {layer name: output
    path} of ancillary rasters to export on the same window.
    """
    if encoding not in ENCODINGS:
        raise ParameterError("ENCODING: {encoding!r} is not one of {encodings}", encoding=encoding, encodings=ENCODINGS)
    progress = as_progress(progress)
    ancillary = dict(ancillary or {})
    with NeonReader(path) as reader, contextlib.ExitStack() as stack:
        meta = reader.metadata
        progress.log("{file}: site {site}, {product}, {cols} x {rows} "
                     "pixels, {bands} bands, EPSG:{epsg}", file=os.path.basename(meta.path), site=meta.site, product=meta.product,
                     cols=meta.cols, rows=meta.rows, bands=meta.bands, epsg=meta.epsg)
        for note in meta.notes:
            progress.log("{file}: {note}", file=os.path.basename(meta.path), note=note)
        for name in ancillary:
            if name not in meta.ancillary:
                raise ParameterError(
                    "ANCILLARY: {path} has no ancillary layer {name!r}; it has {ancillary}", path=meta.path, name=name,
                    ancillary=sorted(meta.ancillary))
        if extent is not None:
            bounds = extent(f"EPSG:{meta.epsg}")
        window = _window(meta, bounds)
        writers, gt = _open_writers(stack, reader, output, window, encoding, ancillary)
        cube = _cube_values(meta, encoding)
        names = list(ancillary)

        def func(block):
            r0, r1 = window.row0 + block.row0, window.row0 + block.row0 + block.nrows
            layers = [reader.read_ancillary(name, r0, r1, window.col0, window.col0 + window.width) for name in names]
            return [cube(block)] + [a.reshape(block.valid.size, -1) for a in layers]

        # Every output is written as computed: the cube's no-data rule is its own, ancillary layers keep theirs.
        write_pass(NeonBlocks(reader, window), func, writers, progress=progress, masked=[False] * len(writers))
    return ImportResult(meta, window, gt, encoding)
