"""Apply a pure function of a pixel block to a whole raster, streaming into one or more writers.

This is the "apply" half of fit/apply: ``func(block) -> [array (n_pixels, k_i) per output]`` sees only one block
and fitted parameters, so the same function can later run over many tiles in parallel. Invalid pixels get each
output's no-data value (0 for class rasters). Every writer is aborted if anything fails or is cancelled.
"""
from __future__ import annotations

import contextlib

import numpy as np

from .gdal_env import gdal_streaming
from .progress import as_progress


def apply_blockwise(raster, func, writers, bands=None, window=None, progress=None, rows=None):
    """Run ``func`` over every block of ``raster`` and write the results; returns nothing.

    ``writers``: one :class:`RasterWriter` (or None to discard) per array ``func`` returns, already created on the
    window's grid. Writers are closed (renamed into place) only after the last block succeeded.
    """
    progress = as_progress(progress)
    with gdal_streaming(), contextlib.ExitStack() as stack:
        for w in writers:
            if w is not None:
                stack.enter_context(w)
        for block in raster.blocks(bands=bands, window=window, progress=progress, rows=rows):
            results = func(block)
            for writer, values in zip(writers, results):
                if writer is None:
                    continue
                values = np.asarray(values)
                if values.ndim == 1:
                    values = values[:, None]
                if not block.valid.all():
                    values = values.astype(writer.dtype, copy=True)
                    values[~block.valid] = writer.nodata if writer.nodata is not None else 0
                writer.write(block.image(values), block.row0, block.col0)
