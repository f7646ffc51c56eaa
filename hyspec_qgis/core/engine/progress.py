"""One progress/cancel channel for the core.

Every long core function takes ``progress``: a callable ``callback(fraction, message) -> bool | None`` where
``fraction`` is in [0, 1] (or None for a log line only) and ``message`` is a log line (or None). Returning False
means "cancel": the core then raises :class:`Cancelled` at the next check. The QGIS algorithms adapt
``QgsProcessingFeedback`` to this callable; plain Python users can pass ``print``-like functions or nothing.
"""
from __future__ import annotations

from ..errors import Cancelled


class Progress:
    """Maps a phase of work onto a sub-range [start, end] of the caller's progress bar."""

    def __init__(self, callback=None, start: float = 0.0, end: float = 1.0):
        if isinstance(callback, Progress):
            callback, start, end = callback._callback, callback._map(start), callback._map(end)
        self._callback = callback
        self._start = start
        self._end = end

    def _map(self, fraction: float) -> float:
        return self._start + (self._end - self._start) * min(max(fraction, 0.0), 1.0)

    def __call__(self, fraction: float | None = None, message: str | None = None) -> None:
        """Report progress (fraction of this phase) and/or a log line; raise Cancelled if the user cancelled."""
        if self._callback is None:
            return
        mapped = None if fraction is None else self._map(fraction)
        if self._callback(mapped, message) is False:
            raise Cancelled("cancelled by the user")

    def log(self, message: str) -> None:
        self(None, message)

    def check(self) -> None:
        """Only check for cancellation."""
        self(None, None)

    def sub(self, start: float, end: float) -> Progress:
        """A Progress for the sub-phase [start, end] of this one."""
        return Progress(self, start, end)


def as_progress(progress) -> Progress:
    return progress if isinstance(progress, Progress) else Progress(progress)
