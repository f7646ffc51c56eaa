"""One progress/cancel channel for the core.

Every long core function takes ``progress``: a callable ``callback(fraction, message) -> bool | None`` where
``fraction`` is in [0, 1] (or None for a log line only) and ``message`` is a log line (or None). Returning False
means "cancel": the core then raises :class:`Cancelled` at the next check. The QGIS algorithms adapt
``QgsProcessingFeedback`` to this callable; plain Python users can pass ``print``-like functions or nothing.

A log line is a template with named fields, ``progress.log("k-means: {n} pixels", n=n)``: the callback receives a
:class:`~hyspec_qgis.core.messages.Message` (a ``str``, the English text) that QGIS shows translated.
"""
from __future__ import annotations

from ..errors import Cancelled
from ..messages import Message


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

    def __call__(self, fraction: float | None = None, message: str | None = None, /, **fields) -> None:
        """Report progress (fraction of this phase) and/or a log line (a template, filled with ``fields``); raise
        Cancelled if the user cancelled."""
        if self._callback is None:
            return
        if fields:
            message = Message(message, **fields)
        mapped = None if fraction is None else self._map(fraction)
        if self._callback(mapped, message) is False:
            raise Cancelled("cancelled by the user")

    def log(self, message: str, /, **fields) -> None:
        """A log line: ``message`` is a template in English with named fields, e.g. ``"{file}: {n} bands"``."""
        self(None, message, **fields)

    def check(self) -> None:
        """Only check for cancellation."""
        self(None, None)

    def sub(self, start: float, end: float) -> Progress:
        """A Progress for the sub-phase [start, end] of this one."""
        return Progress(self, start, end)


def as_progress(progress) -> Progress:
    return progress if isinstance(progress, Progress) else Progress(progress)
