"""A raster whose blocks stay in memory after a first full pass, when they fit a budget (and whose GeoTIFF tiles
are decoded by several threads).

Fit-then-apply algorithms (k-means: sample, then label; PCA: covariance, then transform) read a raster twice. On a
compressed GeoTIFF the second pass costs as much as the first (decompression dominates: about 2.5 s for a 174-band
NEON tile here). When the decoded pixels fit within ``budget`` bytes, :class:`CachedRaster` keeps the blocks of the
first pass and replays them; otherwise it simply reads again, so memory stays bounded by the budget whatever the
raster size. Consumers must not modify ``block.data`` in place (the blocks are shared between passes).

The budget defaults to 1 GiB; the environment variable ``HYSPEC_CACHE_MB`` overrides it (0 disables the cache).
"""
from __future__ import annotations

import os

from ..io.raster_reader import SpectralRaster, Window
from .progress import as_progress

DEFAULT_BUDGET = 1024 * 1024 * 1024


def default_budget() -> int:
    text = os.environ.get("HYSPEC_CACHE_MB", "").strip()
    try:
        return max(0, int(float(text) * 1024 * 1024)) if text else DEFAULT_BUDGET
    except ValueError:
        return DEFAULT_BUDGET


class CachedRaster(SpectralRaster):
    """The same raster (it shares the open dataset); :meth:`blocks` replays the previous pass when it was the same
    request (bands, window, rows) and was kept."""

    def __init__(self, raster: SpectralRaster, budget: int | None = None):
        self.__dict__.update(raster.__dict__)  # not super().__init__: the metadata is read already
        self.budget = default_budget() if budget is None else int(budget)
        self._kept = None  # (request key, [blocks])

    def _key(self, bands, window, rows):
        window = window or self.full_window()
        band_idx = tuple(range(self.count)) if bands is None else tuple(int(b) for b in bands)
        return band_idx, (window.row0, window.col0, window.height, window.width), rows

    def cache_bytes(self, bands=None, window: Window | None = None) -> int:
        window = window or self.full_window()
        n_bands = self.count if bands is None else len(bands)
        return window.width * window.height * (4 * n_bands + 1)

    def fits(self, bands=None, window: Window | None = None) -> bool:
        return self.cache_bytes(bands, window) <= self.budget

    def blocks(self, bands=None, window: Window | None = None, progress=None, rows: int | None = None):
        key = self._key(bands, window, rows)
        if self._kept is not None and self._kept[0] == key:
            progress = as_progress(progress)
            kept = self._kept[1]
            for i, block in enumerate(kept):
                progress(i / len(kept))
                yield block
            progress(1.0)
            return
        keep = [] if self.fits(bands, window) else None
        for block in super().blocks(bands, window, progress, rows):
            if keep is not None:
                keep.append(block)
            yield block
        if keep is not None:  # only a complete pass is kept
            self._kept = (key, keep)

    @property
    def is_cached(self) -> bool:
        return self._kept is not None

    def release(self) -> None:
        self._kept = None
