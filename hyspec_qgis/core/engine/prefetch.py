"""Read raster blocks ahead of the computation, in background threads.

Decoding a compressed GeoTIFF block (GDAL) and computing on the previous one (numpy / BLAS) both release the GIL, so
on two cores they overlap; with ``workers=2`` two blocks are decoded at once (each worker has its own GDAL dataset
handle: handles are never shared between threads). Blocks come out in order, exactly as
:meth:`SpectralRaster.blocks` yields them. The core's walker uses it: ``blockwise.walk(..., read_ahead=n)``.

Memory: at most ``2 * workers + 1`` blocks exist at once (one queued and one being read per worker, one in use), each
within the reader's block budget. Exceptions in a worker (including :class:`Cancelled`) reach the consumer; closing
the generator early (or an exception in the consumer's loop) stops and joins the workers.
"""
from __future__ import annotations

import os
import queue
import threading

from .progress import as_progress

DEFAULT_WORKERS = max(1, min(2, os.cpu_count() or 1))


def _put(q, entry, stop) -> bool:
    while not stop.is_set():
        try:
            q.put(entry, timeout=0.05)
            return True
        except queue.Full:
            continue
    return False


def read_ahead(raster, bands=None, window=None, progress=None, rows=None, workers: int = DEFAULT_WORKERS):
    """The blocks of ``raster`` (a :class:`SpectralRaster`) as ``raster.blocks(...)`` yields them, read by ``workers``
    background threads. Progress and cancel are checked in the consumer, once per block."""
    window = window or raster.full_window()
    band_idx = list(range(raster.count)) if bands is None else [int(b) for b in bands]
    rows = rows or raster.block_rows(len(band_idx), window.width)
    units = [[(r, min(rows, window.height - r))] for r in range(0, window.height, rows)]
    yield from read_units(raster, units, window, band_idx, workers, progress)


def read_units(raster, units, window, band_idx, workers: int = DEFAULT_WORKERS, progress=None):
    """The blocks of ``units`` (lists of ``(row, nrows)`` reads within ``window``, rows relative to it), in order,
    read by ``workers`` background threads; each unit is read by one thread, so reads that share a block row of the
    file can be kept in one unit and no tile is decoded twice."""
    from ..io.raster_reader import SpectralRaster

    progress = as_progress(progress)
    workers = max(1, min(int(workers), len(units)))
    readers = [raster] + [SpectralRaster(raster.path, raster.parameter) for _ in range(workers - 1)]
    queues = [queue.Queue(maxsize=1) for _ in range(workers)]
    stop = threading.Event()

    def work(k):
        try:
            for i in range(k, len(units), workers):
                for r, n in units[i]:
                    block = readers[k].read_block(window.row0 + r, n, window.col0, window.width, band_idx,
                                                  out_row0=r)
                    if not _put(queues[k], (True, block), stop):
                        return
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer
            _put(queues[k], (False, exc), stop)

    threads = [threading.Thread(target=work, args=(k,), name="hyspec-read-ahead", daemon=True) for k in range(workers)]
    for t in threads:
        t.start()
    try:
        for i, unit in enumerate(units):
            progress(i / len(units))
            for _ in unit:
                ok, item = queues[i % workers].get()
                if not ok:
                    raise item
                yield item
        progress(1.0)
    finally:
        stop.set()
        for t in threads:
            t.join()
        for extra in readers[1:]:
            extra.close()
