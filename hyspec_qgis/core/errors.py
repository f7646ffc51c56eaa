"""Errors the core raises. Messages name the file, the parameter and the problem, so the algorithms can show them as-is."""


class HyspecError(ValueError):
    """A problem with the user's input that the user can fix."""


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
