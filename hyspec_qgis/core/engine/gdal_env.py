"""GDAL without process-wide toggles: errors caught per call, and per-thread settings.

GDAL's exception flag and block-cache size belong to the whole process. QGIS runs Processing tasks in threads and
other plugins share the process, so a run that changed them and restored them afterwards undid the settings of a run
(or a plugin) that started meanwhile. Instead, every GDAL call the readers make goes through :func:`gdal_call`, which
works whatever the exception flag is, and memory stays bounded because each dataset hands back its own cached
blocks as soon as a pass has moved past them (see ``SpectralRaster.read_block`` and ``RasterWriter.write``).
"""
from __future__ import annotations

import contextlib

from osgeo import gdal


class GdalFailure(Exception):
    """A GDAL call failed; ``str()`` is GDAL's own message (callers turn it into a HyspecError naming the file)."""


def gdal_call(func, *args, **kwargs):
    """``func(*args, **kwargs)`` with GDAL errors collected in this thread instead of printed.

    Raises :class:`GdalFailure` with GDAL's message when the call raised (exceptions on), returned None, or reported
    a failure (exceptions off), so callers handle one case whatever the process-wide exception flag is."""
    failures = []

    def handler(err_class, err_no, message):
        if err_class >= gdal.CE_Failure:
            failures.append(str(message).strip())

    gdal.PushErrorHandler(handler)  # the error-handler stack is per thread
    try:
        result = func(*args, **kwargs)
    except RuntimeError as exc:
        raise GdalFailure(str(exc).strip() or "no detail from GDAL") from None
    finally:
        gdal.PopErrorHandler()
    if failures:
        raise GdalFailure("; ".join(dict.fromkeys(failures)))
    if result is None:
        raise GdalFailure("no detail from GDAL")
    return result


@contextlib.contextmanager
def thread_config(**options):
    """GDAL configuration options for this thread only, restored afterwards (other threads never see them)."""
    old = {key: gdal.GetThreadLocalConfigOption(key, None) for key in options}
    for key, value in options.items():
        gdal.SetThreadLocalConfigOption(key, value)
    try:
        yield
    finally:
        for key, value in old.items():
            gdal.SetThreadLocalConfigOption(key, value)
