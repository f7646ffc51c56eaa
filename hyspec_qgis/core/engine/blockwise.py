"""The one block loop of the core: every pass over a raster (a reduction, a write, a replay) walks blocks here.

* :func:`walk` yields the blocks of a *source*, top to bottom: a :class:`SpectralRaster`, a ``CachedRaster``
  (replays a kept pass), a :class:`~hyspec_qgis.core.engine.spill.BlockSpill` (what an earlier pass left for a later
  one), or any object with ``blocks(bands, window, progress, rows)`` and ``full_window()``. Progress is reported and
  cancel checked here, once per block; ``read_ahead=n`` decodes the next blocks of a SpectralRaster in ``n``
  background threads while the caller computes (see :mod:`.prefetch`). Reductions (statistics, ranges) are a
  ``with walk(...) as blocks: for block in blocks: ...`` loop.
* :func:`write_pass` runs the "apply" half of fit/apply: ``func(block) -> [array per writer]``, a pure function of one
  block and fitted parameters, streamed into one or more writers (None entries are skipped). Invalid pixels get
  each writer's no-data value (0 for class rasters), unless the writer's ``masked`` entry is False. An array may
  have one row per pixel of the block, or one row per *valid* pixel only (then it is scattered, no-data elsewhere).
* :func:`outputs` holds writers open across several passes: all are put in place after the last pass succeeded, all
  are removed if anything fails or is cancelled. :func:`apply_blockwise` is one :func:`write_pass` inside it.
"""
from __future__ import annotations

import contextlib

import numpy as np

from .progress import as_progress


@contextlib.contextmanager
def walk(source, bands=None, window=None, progress=None, rows=None, read_ahead: int = 0):
    """``with walk(source, ...) as blocks:`` the blocks of ``window`` (default: all of ``source``), in order.

    Leaving the ``with`` (normally, on an error or on cancel) stops any read-ahead threads at once."""
    blocks = _blocks(source, bands, window, as_progress(progress), rows, read_ahead)
    try:
        yield blocks
    finally:
        blocks.close()


def _blocks(source, bands, window, progress, rows, read_ahead):
    height = max(1, (window or source.full_window()).height)
    progress(0.0)  # a cancel before the first read
    if read_ahead and _reads_ahead(source):
        from .prefetch import read_ahead as ahead

        inner = ahead(source, bands=bands, window=window, rows=rows, workers=read_ahead)
    else:
        inner = source.blocks(bands=bands, window=window, rows=rows)
    with contextlib.closing(inner):
        for block in inner:
            yield block
            progress(min(1.0, (block.row0 + block.nrows) / height))  # after the caller's work on the block
    progress(1.0)


def _reads_ahead(source) -> bool:
    """Background readers open their own handle on the file: only a plain SpectralRaster (a CachedRaster replays
    from memory, other sources have no file of their own)."""
    from ..io.raster_reader import SpectralRaster
    from .blockcache import CachedRaster

    return isinstance(source, SpectralRaster) and not isinstance(source, CachedRaster)


@contextlib.contextmanager
def outputs(*writers):
    """``with outputs(w1, w2, ...):`` writers (None allowed) that stay open across passes; closed (renamed into
    place) together after success, every one aborted on any error or cancel."""
    with contextlib.ExitStack() as stack:
        for w in writers:
            if w is not None:
                stack.enter_context(w)
        yield writers


def write_pass(source, func, writers, bands=None, window=None, progress=None, rows=None, read_ahead: int = 0,
               masked=None) -> None:
    """One pass: ``func(block)`` for every block, its arrays written to the (already open) ``writers``."""
    masked = [True] * len(writers) if masked is None else list(masked)
    with walk(source, bands, window, progress, rows, read_ahead) as blocks:
        for block in blocks:
            for writer, values, fill in zip(writers, func(block), masked):
                if writer is not None:
                    write_block(writer, block, values, fill)


def apply_blockwise(source, func, writers, bands=None, window=None, progress=None, rows=None, read_ahead: int = 0,
                    masked=None) -> None:
    """Run ``func`` over every block of ``source`` and write the results; returns nothing.

    ``writers``: one :class:`RasterWriter` (or None to discard) per array ``func`` returns, already created on the
    window's grid. Writers are closed (renamed into place) only after the last block succeeded."""
    with outputs(*writers):
        write_pass(source, func, writers, bands, window, progress, rows, read_ahead, masked)


def write_block(writer, block, values, masked: bool = True) -> None:
    """Write one block's ``values`` ((n_pixels, k), (n_pixels,), or one row per valid pixel) with no-data at the
    block's invalid pixels."""
    values = np.asarray(values)
    if values.ndim == 1:
        values = values[:, None]
    nodata = writer.nodata if writer.nodata is not None else 0
    n = block.valid.size
    if values.shape[0] != n:  # one row per valid pixel: scatter
        if values.shape[0] != int(block.valid.sum()):
            raise ValueError(f"{values.shape[0]} rows of values for a block of {n} pixels")
        full = np.full((n, values.shape[1]), nodata, dtype=writer.dtype)
        full[block.valid] = values
        values = full
    elif masked and not block.valid.all():
        values = values.astype(writer.dtype, copy=True)  # never change the caller's array
        values[~block.valid] = nodata
    writer.write(block.image(values), block.row0, block.col0)
