"""Spectra on a raster's bands: the one way a spectra CSV (endmembers, cluster centres, a SAM/SID library) is loaded
for a raster, and SELECT (which of its spectra, in which order).

Rows are matched to the raster's bands by wavelength (within half a band; the CSV may cover more bands than the
raster, e.g. a full-range library for a cleaned raster), or by band count when either side has no wavelengths.
"""
from __future__ import annotations

import os

from ..io.spectra_csv import Spectra, match_to_raster, read_spectra_csv


def load_spectra(source, raster, parameter: str = "ENDMEMBERS", path: str = "") -> Spectra:
    """``source`` (a spectra CSV path or a :class:`Spectra`) on the bands of ``raster`` (anything with
    ``wavelengths`` and ``count``); ``path`` names a Spectra's file in messages."""
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        source = read_spectra_csv(path, parameter=parameter)
    return match_to_raster(source, raster.wavelengths, raster.count, parameter=parameter, path=path)


def select_endmembers(spectra: Spectra, select=None, parameter: str = "SELECT") -> tuple[Spectra, list[int]]:
    """Spectra.select by names or 1-based numbers (a list, or a comma-separated string); also returns the 0-based
    indices chosen. Nothing to select: all spectra, in their order."""
    if not select:
        return spectra, list(range(spectra.n_spectra))
    items = [s for s in (select.split(",") if isinstance(select, str) else select) if str(s).strip()]
    chosen = spectra.select(items, parameter=parameter)
    position = {name: i for i, name in enumerate(spectra.names)}
    return chosen, [position[n] for n in chosen.names]
