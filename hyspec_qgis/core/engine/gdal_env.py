"""Scoped GDAL settings: exceptions on, and a modest block cache while streaming.

Both are process-wide in GDAL, and inside QGIS other code shares the process, so we set them for the duration of
one run and restore them afterwards instead of changing them at import time.
"""
from __future__ import annotations

import contextlib

from osgeo import gdal

STREAMING_CACHE_BYTES = 256 * 1024 * 1024


@contextlib.contextmanager
def gdal_streaming(cache_bytes: int = STREAMING_CACHE_BYTES):
    """Raise GDAL errors as exceptions and cap the block cache (GDAL's default here is about 1.2 GB)."""
    old_exc = gdal.GetUseExceptions()
    old_cache = gdal.GetCacheMax()
    gdal.UseExceptions()
    gdal.SetCacheMax(min(old_cache, cache_bytes))
    try:
        yield
    finally:
        gdal.SetCacheMax(old_cache)
        if not old_exc:
            gdal.DontUseExceptions()
