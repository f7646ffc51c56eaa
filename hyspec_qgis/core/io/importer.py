"""NEON HDF5 -> georeferenced, wavelength-labelled GeoTIFF, streamed in row blocks.

Two encodings: ``float32`` (default: reflectance 0-1, no-data -9999, what every algorithm and tool reads without
surprise) and ``int16`` (the stored integers, half the size, with GDAL scale 1/Scale_Factor so values read as
reflectance in QGIS and GDAL).
"""
from __future__ import annotations

import os

import numpy as np

from ..engine.gdal_env import gdal_streaming
from ..engine.progress import as_progress
from ..errors import ParameterError
from .neon import NeonReader
from .raster_reader import Window, window_from_bounds
from .raster_writer import RasterWriter

ENCODINGS = ("float32", "int16")
FLOAT_NODATA = -9999.0
BLOCK_BYTES = 96 * 1024 * 1024


def _window(meta, bounds) -> Window:
    if bounds is None:
        return Window(0, 0, meta.rows, meta.cols)
    return window_from_bounds(meta.geotransform, meta.cols, meta.rows, bounds,
                              f"EXTENT: the extent does not overlap the NEON file {meta.path}")


def _window_gt(gt, window):
    return (gt[0] + window.col0 * gt[1], gt[1], 0.0, gt[3] + window.row0 * gt[5], 0.0, gt[5])


def import_neon(path, output, bounds=None, encoding: str = "float32", ancillary: dict | None = None,
                progress=None) -> dict:
    """Write the reflectance cube of NEON file ``path`` (optionally the part inside ``bounds`` =
    (xmin, ymin, xmax, ymax) in the file's CRS) to the GeoTIFF ``output``.

    ``ancillary``: {layer name: output path} of ancillary rasters to export on the same window.
    Returns a summary dict (metadata, window, notes).
    """
    if encoding not in ENCODINGS:
        raise ParameterError(f"ENCODING: {encoding!r} is not one of {ENCODINGS}")
    progress = as_progress(progress)
    ancillary = dict(ancillary or {})
    with NeonReader(path) as reader, gdal_streaming():
        meta = reader.metadata
        for note in meta.notes:
            progress.log(f"{os.path.basename(meta.path)}: {note}")
        for name in ancillary:
            if name not in meta.ancillary:
                raise ParameterError(
                    f"ANCILLARY: {meta.path} has no ancillary layer {name!r}; it has {sorted(meta.ancillary)}")
        window = _window(meta, bounds)
        gt = _window_gt(meta.geotransform, window)
        crs = meta.crs_wkt()
        common = dict(width=window.width, height=window.height, geotransform=gt, crs_wkt=crs)
        info = {"NEON_SITE": meta.site, "NEON_PRODUCT": meta.product, "NEON_SOURCE": os.path.basename(meta.path),
                "WATER_WINDOWS_NM": ";".join(f"{lo:g}-{hi:g}" for lo, hi in meta.water_windows),
                "WATER_WINDOWS_SOURCE": "file" if meta.water_windows_from_file else "default",
                "NEON_SCALE_FACTOR": f"{meta.scale_factor:g}"}
        if encoding == "float32":
            cube_kw = dict(dtype="float32", nodata=FLOAT_NODATA)
        else:
            cube_kw = dict(dtype=meta.dtype if meta.dtype.itemsize >= 2 else "int16", nodata=meta.nodata,
                           scale=1.0 / meta.scale_factor, offset=0.0)
        cube_writer = RasterWriter(output, bands=meta.bands, wavelengths=meta.wavelengths, fwhm=meta.fwhm,
                                   metadata=info, **common, **cube_kw)
        with cube_writer:
            anc_writers = {}
            for name, out in ancillary.items():
                dtype, layers, nodata = reader.ancillary_info(name)
                anc_writers[name] = RasterWriter(out, bands=layers, dtype=dtype if dtype != np.int8 else "int16",
                                                 nodata=nodata, band_names=[name] if layers == 1 else
                                                 [f"{name} {i + 1}" for i in range(layers)],
                                                 metadata={"NEON_SOURCE": os.path.basename(meta.path)}, **common)
            try:
                _stream(reader, window, encoding, cube_writer, anc_writers, progress)
            except BaseException:
                for w in anc_writers.values():
                    w.abort()
                raise
            for w in anc_writers.values():
                w.close()
    return {"metadata": meta, "window": window, "geotransform": gt, "encoding": encoding}


def _stream(reader, window, encoding, cube_writer, anc_writers, progress):
    meta = reader.metadata
    # Whole HDF5 chunk rows per read: a chunk (about 2 MB for NEON's) does not fit h5py's 1 MB chunk cache, so a
    # block that straddled chunk rows would inflate those chunks twice. (Partial output tiles wait in GDAL's cache.)
    chunk_rows = int(meta.chunks[0]) if meta.chunks else 16
    rows = max(chunk_rows, BLOCK_BYTES // (window.width * meta.bands * 4) // chunk_rows * chunk_rows)
    r_end = window.row0 + window.height
    c0, c1 = window.col0, window.col0 + window.width
    inv_scale = np.float32(1.0 / meta.scale_factor)
    r = window.row0
    while r < r_end:
        r1 = min(r_end, r // chunk_rows * chunk_rows + rows)  # ends on a chunk boundary
        progress((r - window.row0) / window.height)
        raw = reader.read(r, r1, c0, c1)
        if encoding == "float32":
            out = raw.astype(np.float32)
            out *= inv_scale
            invalid = reader.invalid_mask(raw)
            if invalid.any():
                out[invalid] = FLOAT_NODATA
        else:
            out = raw
            invalid = reader.invalid_mask(raw)
            if invalid.any() and meta.nodata is not None:
                out = raw.copy()
                out[invalid] = meta.nodata
        cube_writer.write(out, r - window.row0)
        for name, w in anc_writers.items():
            w.write(reader.read_ancillary(name, r, r1, c0, c1), r - window.row0)
        r = r1
    progress(1.0)
