"""WAVELENGTHS of a .mat import: a variable of the file, a ``min-max`` range spread evenly over the bands, or a spectra
CSV, in nanometres and carried exactly (micrometres are shifted in decimal, float32 values kept as they are)."""
from __future__ import annotations

import csv
import os
import re
from decimal import Decimal

import numpy as np

from ..errors import ParameterError
from .matvars import MatFile

_RANGE = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*(?:-|–|:|to)\s*(\d+(?:\.\d*)?|\.\d+)\s*"
                    r"(nm|nanometers?|um|µm|micrometers?|microns?)?\s*$", re.IGNORECASE)


def to_nanometres(values: np.ndarray, units: str | None, where: str) -> np.ndarray:
    values = np.asarray(values, dtype=np.float64)
    if not np.all(np.isfinite(values)):
        raise ParameterError("WAVELENGTHS: {where} has non-finite values", where=where)
    micro = (units or "").lower().startswith(("u", "µ", "micro")) or (not units and values.max() < 100)
    if micro and not units and np.all(values == np.round(values)):
        raise ParameterError(
            "WAVELENGTHS: {where} holds whole numbers from {min:g} to {max:g}, which look like "
            "band numbers, not wavelengths in nanometres or micrometres", where=where, min=values.min(), max=values.max())
    if micro:  # a decimal shift, so 0.4 um is exactly 400 nm
        values = np.array([float(Decimal(repr(float(v))).scaleb(3)) for v in values])
    if values.min() < 100 or values.max() > 100_000:
        raise ParameterError(
            "WAVELENGTHS: {where} holds values from {min:g} to {max:g}, which are not wavelengths "
            "in nanometres or micrometres (band numbers?)", where=where, min=values.min(), max=values.max())
    return values


def _csv_wavelengths(path: str) -> np.ndarray:
    """The wavelength_nm column of a spectra CSV (band,wavelength_nm,<spectra>...), or of a band,wavelength_nm file."""
    from .spectra_csv import read_spectra_csv

    with open(path, newline="", encoding="utf-8-sig") as f:
        lines = [ln for ln in f.read().splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    rows = list(csv.reader(lines, csv.Sniffer().sniff(lines[0], ",;\t") if lines else csv.excel)) if lines else []
    if rows and len(rows[0]) == 2 and rows[0][0].strip().lower() == "band" and \
            rows[0][1].strip().lower().startswith("wavelength"):
        try:
            return np.array([float(r[1]) for r in rows[1:]])
        except (ValueError, IndexError) as exc:
            raise ParameterError("WAVELENGTHS: {path}: a wavelength is not a number ({exc})", path=path, exc=exc) from exc
    spectra = read_spectra_csv(path, "WAVELENGTHS")
    if spectra.wavelengths is None:
        raise ParameterError("WAVELENGTHS: {path} has no wavelength_nm values", path=path)
    return np.asarray(spectra.wavelengths, dtype=np.float64)


def wavelength_spec(mat: MatFile, spec: str | None, exclude) -> tuple:
    """("values", nm array, source), ("range", lo, hi, units, source) or (None, source)."""
    spec = (spec or "").strip()
    names = {v.name for v in mat.variables}
    if not spec:
        for var in mat.variables:
            low = var.name.lower()
            if var.numeric and var.name not in exclude and len(var.shape) == 2 and min(var.shape) == 1 and \
                    (low.startswith(("wavelength", "wave_length")) or low in ("wl", "wvl", "lambda", "wavelen")):
                values = np.asarray(mat.reader(var.name, "WAVELENGTHS").read_all()).ravel()
                return "values", to_nanometres(values, None, f"variable {var.name!r}"), f"variable {var.name!r}"
        return None, "none"
    if spec in names:
        var = mat.numeric(spec, "WAVELENGTHS")
        if var.size != max(var.shape):
            raise ParameterError("WAVELENGTHS: {variable} in {path} is not a vector", variable=var.describe(), path=mat.path)
        values = np.asarray(mat.reader(spec, "WAVELENGTHS").read_all()).ravel()
        if values.dtype.kind == "f" and values.dtype.itemsize == 4:
            values = values.astype(np.float64)  # exact: every float32 is a float64
        return "values", to_nanometres(values, None, f"variable {spec!r}"), f"variable {spec!r}"
    if os.path.isfile(spec):
        values = _csv_wavelengths(spec)
        return "values", to_nanometres(values, "nm", spec), os.path.basename(spec)
    match = _RANGE.match(spec)
    if match:
        lo, hi = float(match.group(1)), float(match.group(2))
        if not lo < hi:
            raise ParameterError("WAVELENGTHS: the range {spec!r} must go from a lower to a higher wavelength", spec=spec)
        return "range", lo, hi, match.group(3), f"range {spec}"
    raise ParameterError("WAVELENGTHS: {spec!r} is not a variable of {path}, an existing spectra CSV, or a "
                         "range such as 400-2500 (nm). The file's variables: {listing}", spec=spec, path=mat.path,
                         listing=mat.listing())


def band_wavelengths(spec: tuple, bands: int, path: str) -> np.ndarray | None:
    if spec[0] is None:
        return None
    if spec[0] == "range":
        _, lo, hi, units, source = spec
        ends = to_nanometres(np.array([lo, hi]), units, source)
        return np.linspace(ends[0], ends[1], bands)
    values = spec[1]
    if values.size != bands:
        raise ParameterError("WAVELENGTHS: {source} has {n_values} wavelengths, but the cube in {path} has "
                             "{bands} bands", source=spec[2], n_values=values.size, path=path, bands=bands)
    return values
