"""What one pass leaves for a later pass: per-block arrays in an unnamed temporary file, replayed as blocks.

Some jobs cannot finish a block in the pass that reads it: relative SAM / SID thresholds need the range of every
score before the first label. Instead of reading (and decoding) the raster again, the first pass adds each block's
few numbers per pixel (scores, or the statistics they come from) to a :class:`BlockSpill`; the spill is then a
source for :func:`~hyspec_qgis.core.engine.blockwise.walk` like the raster itself: its blocks have the first pass's
position and validity, and ``data`` is what was added. The file has no name (it vanishes when closed or when the
process ends) and lives beside the outputs, where there is room for them.
"""
from __future__ import annotations

import tempfile

import numpy as np

from ..io.raster_reader import Block, Window


class BlockSpill:
    """``add(block, values)`` during one pass, then walk it: blocks in the order added. Use as a context manager."""

    def __init__(self, folder: str, window: Window, width: int, dtype):
        self._file = tempfile.TemporaryFile(dir=folder)
        self._window = Window(0, 0, window.height, window.width)  # blocks' rows are relative to the pass's window
        self.width = int(width)
        self.dtype = np.dtype(dtype)
        self._extents = []

    def add(self, block, values: np.ndarray) -> None:
        """Keep ``values`` (n_pixels, width) and the block's validity for the replay."""
        self._file.write(np.ascontiguousarray(values, dtype=self.dtype).tobytes())
        self._file.write(np.ascontiguousarray(block.valid, dtype=bool).tobytes())
        self._extents.append((block.row0, block.col0, block.nrows, block.ncols))

    def full_window(self) -> Window:
        return self._window

    def blocks(self, bands=None, window=None, progress=None, rows=None):
        """The added blocks, in order (``bands``/``window``/``rows`` are those of the pass that filled it)."""
        self._file.seek(0)
        item = self.dtype.itemsize
        for row0, col0, nrows, ncols in self._extents:
            n = nrows * ncols
            values = np.frombuffer(self._file.read(n * self.width * item), dtype=self.dtype).reshape(n, self.width)
            valid = np.frombuffer(self._file.read(n), dtype=bool)
            yield Block(row0, col0, nrows, ncols, values, valid)

    def close(self) -> None:
        self._file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
