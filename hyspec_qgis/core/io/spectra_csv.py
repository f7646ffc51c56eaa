"""Spectra CSV: one row per band, ``band,wavelength_nm,<name1>,<name2>,...`` (endmembers, cluster centres).

Read tolerantly (a CSV from another tool with the same shape works, e.g. one saved by Excel: see
:func:`read_spectra_csv`), and matched to a raster by wavelength within half a band.
"""
from __future__ import annotations

import csv
import io
import math
import os
import re
from dataclasses import dataclass

import numpy as np

from ..errors import SpectraError
from ..messages import Message
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
                    "{parameter}: unknown endmember {text!r}; the CSV has {names} (names or numbers 1..{n_spectra})",
                    parameter=parameter, text=text, names=self.names, n_spectra=self.n_spectra)
        if not idx:
            raise SpectraError("{parameter}: no endmember selected", parameter=parameter)
        if len(set(idx)) != len(idx):
            raise SpectraError("{parameter}: an endmember is selected twice: {which}", parameter=parameter, which=list(which))
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


MAX_CSV_BYTES = 256 * 1024 * 1024  # a 10 000-spectrum library of 426 bands is about 40 MB
MICROMETRE_LIMIT = 30.0  # every wavelength below this is in micrometres (reflectance sensors cover 0.35-2.5 um)


def _decode(data: bytes, where: str) -> str:
    """The text as Excel and other tools save it: UTF-16 with a BOM, UTF-8 (BOM or not), else Windows-1252."""
    encodings = ("utf-16",) if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpectraError("{where}: not text in UTF-8, UTF-16 or Windows-1252 (Excel's encoding); is it a CSV?", where=where)


def _csv_rows(text: str, where: str):
    """(delimiter, [(line number, cells)]) of the rows that are neither empty nor ``#`` comments.

    The delimiter is the header's most frequent of tab, ';' and ','. Quotes are parsed strictly, so an unbalanced
    quote is an error instead of swallowing the rest of the file, and a cell over the csv module's field limit
    (131072 characters) is refused."""
    if "\0" in text:
        raise SpectraError("{where}: contains NUL characters; not a text CSV", where=where)
    first = next((ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")), "")
    delimiter = max(",;\t", key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows = []
    try:
        for cells in reader:
            if any(c.strip() for c in cells) and not cells[0].lstrip().startswith("#"):
                rows.append((reader.line_num, [c.strip() for c in cells]))
    except csv.Error as exc:
        raise SpectraError("{where}: line {line_num} cannot be parsed ({exc}); an unbalanced quote or a "
                           "huge cell?", where=where, line_num=reader.line_num, exc=exc) from None
    return delimiter, rows


def _number(cell: str, decimal_comma: bool, what: str, where: str) -> float:
    text = cell.replace(",", ".") if decimal_comma and "," in cell and "." not in cell else cell
    try:
        return float(text)
    except ValueError:
        raise SpectraError("{where}: {what} {cell!r} is not numeric", where=where, what=what, cell=cell[:40]) from None


def read_spectra_csv(path, parameter: str = "ENDMEMBERS", notes: list | None = None) -> Spectra:
    """Read a spectra CSV (``band,wavelength_nm,<name1>,...``, one row per band) as another tool may have saved it.

    Accepted: comma, semicolon or tab separators; UTF-8 (with or without BOM), UTF-16 and Excel's Windows-1252
    (e.g. a column named "végétation"); decimal commas when the separator is not a comma (Excel in French or German
    locales); ``#`` comment lines; an empty wavelength column. Wavelengths in micrometres (a header such as
    ``wavelength_um``, or every value below 30) are converted to nanometres, and ``notes`` (when given) receives a
    line saying so. Everything else that is wrong raises :class:`SpectraError` naming the parameter, the file and
    the problem: an empty or header-only file, a non-numeric, infinite or NaN band number, wavelength or value, a
    row of the wrong length, an unbalanced quote, a huge cell."""
    path = os.fspath(path)
    where = f"{parameter}: {path}"
    if os.path.isdir(path):
        raise SpectraError("{where}: is a folder, expected a spectra CSV file", where=where)
    if not os.path.isfile(path):
        raise SpectraError("{where}: no such file", where=where)
    if os.path.getsize(path) > MAX_CSV_BYTES:
        raise SpectraError("{where}: {size} bytes is too large for a spectra CSV", where=where, size=os.path.getsize(path))
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise SpectraError("{where}: cannot be read ({error})", where=where, error=exc.strerror or exc) from None
    delimiter, rows = _csv_rows(_decode(data, where), where)
    if not rows:
        raise SpectraError("{where}: empty spectra CSV; expected a header 'band,wavelength_nm,<names>' and one row "
                           "per band", where=where)
    header = rows[0][1]
    while header and not header[-1]:
        header.pop()  # Excel writes empty trailing columns
    lower = [h.lower() for h in header]
    if len(header) < 3 or lower[0] != "band" or not lower[1].startswith("wavelength"):
        raise SpectraError(
            "{where}: malformed header {header}; expected 'band,wavelength_nm,<name1>,...' (one column per "
            "spectrum)", where=where, header=header[:8])
    names = header[2:]
    if any(not n for n in names) or len(set(names)) != len(names):
        raise SpectraError("{where}: spectrum names must be non-empty and unique, found {names}", where=where, names=names[:20])
    if len(rows) < 2:
        raise SpectraError("{where}: a header but no band rows; expected one row per band after the header", where=where)
    decimal_comma = delimiter != ","
    bands, wls, values = [], [], []
    for line, cells in rows[1:]:
        while len(cells) > len(header) and not cells[-1]:
            cells.pop()
        if len(cells) != len(header):
            hint = Message("; decimal commas need ';' as the separator") if delimiter == "," and len(cells) > len(header) \
                else ""
            raise SpectraError("{where}: line {line} has {n_cells} fields, the header {n_header}{hint}", where=where, line=line,
                               n_cells=len(cells), n_header=len(header), hint=hint)
        band = _number(cells[0], decimal_comma, Message("line {line}: band", line=line), where)
        if not math.isfinite(band) or band != int(band) or band < 0:
            raise SpectraError("{where}: line {line}: band {band!r} is not a whole number >= 0", where=where, line=line,
                               band=cells[0][:40])
        wl = _number(cells[1], decimal_comma, Message("line {line}: wavelength", line=line), where) if cells[1] else math.nan
        if cells[1] and not (math.isfinite(wl) and wl > 0):
            raise SpectraError("{where}: line {line}: wavelength {wavelength!r} is not a positive finite number", where=where,
                               line=line, wavelength=cells[1][:40])
        bands.append(int(band))
        wls.append(wl)
        what = Message("line {line}: value", line=line)
        values.append([_number(c, decimal_comma, what, where) for c in cells[2:]])
    values = np.array(values, dtype=np.float64)
    if not np.all(np.isfinite(values)):
        bad = sorted({names[j] for j in np.where(~np.isfinite(values))[1]})
        raise SpectraError("{where}: non-finite values in spectrum {bad} (inf or NaN)", where=where, bad=", ".join(bad[:10]))
    wls = np.array(wls)
    if np.all(np.isnan(wls)):
        wls = None
    elif np.any(np.isnan(wls)):
        raise SpectraError("{where}: some rows have a wavelength and some do not", where=where)
    elif re.search(r"(?<![a-z])(um|µm|micro)", lower[1]) or wls.max() < MICROMETRE_LIMIT:
        wls = wls * 1000.0
        if notes is not None:
            notes.append(Message("{where}: wavelengths read as micrometres and converted to nanometres", where=where))
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
                "{where}: {n_bands} bands in the CSV but {n_raster_bands} in the raster, and wavelengths are "
                "missing on one side, so they cannot be matched", where=where, n_bands=spectra.n_bands, n_raster_bands=n_bands)
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
            "{where}: {n_missing} of the raster's {n_wavelengths} bands have no CSV row within half a band "
            "(e.g. {missing} nm); the CSV covers {n_rows} bands from {first:.1f} to {last:.1f} nm", where=where,
            n_missing=int(miss.sum()), n_wavelengths=wavelengths.size, missing=missing, n_rows=sorted_wl.size, first=sorted_wl[0],
            last=sorted_wl[-1])
    rows = order[nearest]
    if len(set(rows.tolist())) != rows.size:
        raise SpectraError("{where}: several raster bands match the same CSV row; band grids are incompatible", where=where)
    return Spectra(spectra.names, spectra.values[rows], spectra.wavelengths[rows],
                   None if spectra.bands is None else spectra.bands[rows])
