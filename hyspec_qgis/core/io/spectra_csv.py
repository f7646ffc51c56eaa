"""Spectra CSV: one row per band, ``band,wavelength_nm,<name1>,<name2>,...`` (endmembers, cluster centres).

Read tolerantly (a CSV from another tool with the same shape works: any delimiter Python's sniffer detects, an
empty or missing wavelength column), and matched to a raster by wavelength within half a band.
"""
from __future__ import annotations

import csv
import math
import os
from dataclasses import dataclass

import numpy as np

from ..errors import SpectraError
from .outputs import atomic_write
from .raster_writer import exact_number, format_wavelength


@dataclass
class Spectra:
    """``values`` has shape (n_bands, n_spectra); ``wavelengths`` (n_bands,) in nm or None."""

    names: list
    values: np.ndarray
    wavelengths: np.ndarray | None = None
    bands: np.ndarray | None = None

    @property
    def n_bands(self) -> int:
        return self.values.shape[0]

    @property
    def n_spectra(self) -> int:
        return self.values.shape[1]

    def select(self, which, parameter="SELECT") -> Spectra:
        """Subset by names or 1-based numbers (as strings or ints), keeping the given order."""
        idx = []
        for item in which:
            text = str(item).strip()
            if text in self.names:
                idx.append(self.names.index(text))
            elif text.isdigit() and 1 <= int(text) <= self.n_spectra:
                idx.append(int(text) - 1)
            else:
                raise SpectraError(
                    f"{parameter}: unknown endmember {text!r}; the CSV has {self.names} (names or numbers 1..{self.n_spectra})")
        if not idx:
            raise SpectraError(f"{parameter}: no endmember selected")
        if len(set(idx)) != len(idx):
            raise SpectraError(f"{parameter}: an endmember is selected twice: {list(which)}")
        return Spectra([self.names[i] for i in idx], self.values[:, idx], self.wavelengths, self.bands)


def write_spectra_csv(path, spectra: Spectra) -> None:
    """Write atomically (temporary name, then rename), every number as the shortest text that reads back as exactly
    the value held: wavelengths as float64 (:func:`exact_number`), values at their own precision (a float32 needs up
    to 9 significant digits, a float64 up to 17), so a CSV passed from one run to the next changes nothing."""
    path = os.fspath(path)
    bands = spectra.bands if spectra.bands is not None else np.arange(1, spectra.n_bands + 1)
    values = np.asarray(spectra.values)
    text = str if values.dtype == np.float32 else exact_number  # str(np.float32) is its shortest round-trip text
    with atomic_write(path, newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["band", "wavelength_nm", *spectra.names])
        for i in range(spectra.n_bands):
            wl = "" if spectra.wavelengths is None else exact_number(spectra.wavelengths[i])
            writer.writerow([int(bands[i]), wl, *(text(v) for v in values[i])])


def read_spectra_csv(path, parameter: str = "ENDMEMBERS") -> Spectra:
    path = os.fspath(path)
    where = f"{parameter}: {path}"
    if not os.path.isfile(path):
        raise SpectraError(f"{where}: no such file")
    with open(path, newline="", encoding="utf-8-sig") as f:
        text = f.read()
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if len(lines) < 2:
        raise SpectraError(f"{where}: empty spectra CSV; expected a header 'band,wavelength_nm,<names>' and one row per band")
    try:
        dialect = csv.Sniffer().sniff(lines[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(lines, dialect))
    header = [h.strip() for h in rows[0]]
    lower = [h.lower() for h in header]
    if len(header) < 3 or lower[0] != "band" or not lower[1].startswith("wavelength"):
        raise SpectraError(
            f"{where}: malformed header {header}; expected 'band,wavelength_nm,<name1>,...' (one column per spectrum)")
    names = header[2:]
    if any(not n for n in names) or len(set(names)) != len(names):
        raise SpectraError(f"{where}: spectrum names must be non-empty and unique, found {names}")
    bands, wls, values = [], [], []
    for k, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise SpectraError(f"{where}: line {k} has {len(row)} fields, the header {len(header)}")
        try:
            bands.append(int(float(row[0])))
            wls.append(float(row[1]) if row[1].strip() else math.nan)
            values.append([float(v) for v in row[2:]])
        except ValueError as exc:
            raise SpectraError(f"{where}: line {k} is not numeric ({exc})") from exc
    values = np.array(values, dtype=np.float64)
    if not np.all(np.isfinite(values)):
        bad = sorted({names[j] for j in np.where(~np.isfinite(values))[1]})
        raise SpectraError(f"{where}: non-finite values in spectrum {', '.join(bad)}")
    wls = np.array(wls)
    if np.all(np.isnan(wls)):
        wls = None
    elif np.any(np.isnan(wls)):
        raise SpectraError(f"{where}: some rows have a wavelength and some do not")
    return Spectra(names, values, wls, np.array(bands))


def match_to_raster(spectra: Spectra, wavelengths, n_bands: int, parameter: str = "ENDMEMBERS",
                    path: str = "") -> Spectra:
    """Spectra resampled onto the raster's bands: one CSV row per raster band, matched by wavelength.

    A CSV may have more bands than the raster (a full-range library for a cleaned raster); every raster band must
    find a CSV row within half the local band spacing. Without wavelengths on either side, band counts must agree.
    """
    where = f"{parameter}: {path}" if path else parameter
    if wavelengths is None or spectra.wavelengths is None:
        if spectra.n_bands != n_bands:
            raise SpectraError(
                f"{where}: {spectra.n_bands} bands in the CSV but {n_bands} in the raster, and wavelengths are "
                "missing on one side, so they cannot be matched")
        return spectra
    wavelengths = np.asarray(wavelengths, dtype=float)
    if wavelengths.size == spectra.n_bands and np.allclose(wavelengths, spectra.wavelengths, atol=1e-3):
        return spectra
    csv_wl = spectra.wavelengths
    order = np.argsort(csv_wl)
    sorted_wl = csv_wl[order]
    pos = np.clip(np.searchsorted(sorted_wl, wavelengths), 1, max(len(sorted_wl) - 1, 1))
    left, right = sorted_wl[pos - 1], sorted_wl[np.minimum(pos, len(sorted_wl) - 1)]
    nearest = np.where(np.abs(wavelengths - left) <= np.abs(wavelengths - right), pos - 1, pos)
    nearest = np.minimum(nearest, len(sorted_wl) - 1)
    spacing = np.gradient(wavelengths) if wavelengths.size > 1 else np.array([np.inf])
    csv_spacing = np.gradient(sorted_wl)[nearest] if sorted_wl.size > 1 else np.array([np.inf])
    tol = 0.5 * np.minimum(np.abs(spacing), np.abs(csv_spacing)) + 1e-6
    miss = np.abs(sorted_wl[nearest] - wavelengths) > tol
    if miss.any():
        missing = ", ".join(format_wavelength(w) for w in wavelengths[miss][:6])
        raise SpectraError(
            f"{where}: {int(miss.sum())} of the raster's {wavelengths.size} bands have no CSV row within half a band "
            f"(e.g. {missing} nm); the CSV covers {sorted_wl.size} bands from {sorted_wl[0]:.1f} to {sorted_wl[-1]:.1f} nm")
    rows = order[nearest]
    if len(set(rows.tolist())) != rows.size:
        raise SpectraError(f"{where}: several raster bands match the same CSV row; band grids are incompatible")
    return Spectra(spectra.names, spectra.values[rows], spectra.wavelengths[rows],
                   None if spectra.bands is None else spectra.bands[rows])
