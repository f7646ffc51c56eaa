"""Errors the core raises. Messages name the file, the parameter and the problem, so the algorithms can show them as-is.

A message is an English ``str.format`` template with named fields plus their values, so QGIS can show it translated:
``raise NeonFormatError("{file}: not an HDF5 file", file=path)``. ``str(exc)`` is the English text; ``exc.template``
and ``exc.fields`` keep both (see core/messages.py). ``HyspecError("text")`` without fields is its own template.
"""
from .messages import Message, render


class HyspecError(ValueError):
    """A problem with the user's input that the user can fix."""

    def __init__(self, template="", /, **fields):
        if isinstance(template, Message) and not fields:  # a message built by a helper
            template, fields = template.template, template.fields
        self.template = str(template)
        self.fields = fields
        super().__init__(render(self.template, fields))


class NeonFormatError(HyspecError):
    """The file is not a NEON reflectance HDF5 file we can read."""


class ParameterError(HyspecError):
    """A parameter value is invalid for this input."""


class SpectraError(HyspecError):
    """A spectra CSV is malformed or does not match the raster."""


class Cancelled(Exception):
    """The user cancelled the run (raised from the progress callback)."""


class OutputError(HyspecError):
    """A destination cannot be written, or would replace an input or another output of the same run."""
