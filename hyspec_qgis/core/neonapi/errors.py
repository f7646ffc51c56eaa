"""Errors of the NEON download; messages name the parameter and the problem and never contain the token."""
from ..errors import HyspecError


class NeonApiError(HyspecError):
    """The NEON Data API (or a file URL it gave) could not be used."""


class NoDataError(NeonApiError):
    """The product has no data for this site, year or area; the message lists what exists."""


class DownloadFailed(NeonApiError):
    """Some files could not be downloaded or failed their checks; the others are in place."""
