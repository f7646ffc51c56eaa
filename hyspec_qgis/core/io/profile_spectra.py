"""What the spectral profile tool shows, kept QGIS-free: curves, their gaps, the axes, and the CSV export.

Pixel spectra and library spectra (a spectra CSV: endmembers, cluster centres) are both :class:`Curve` objects.
Library curves take the class colours of the rasters made from that CSV (``class_colors``: spectrum j is class j + 1),
pixel curves a separate dark palette and a solid line, so the two never look alike. Exporting writes every complete
curve as one column of a spectra CSV (``band,wavelength_nm,<name>...``) that ``hyspec:unmix`` (ENDMEMBERS), ``sam``,
``sid`` and ``kmeans`` (START_CENTERS) accept.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

from ..errors import SpectraError
from .raster_writer import class_colors, label_number
from .spectra_csv import Spectra, write_spectra_csv

GAP_FACTOR = 1.5  # a jump of more than 1.5 median band spacings is a removed band (a water window, a skipped band)
PIXEL_COLORS = ((0, 0, 0), (200, 0, 120), (0, 120, 120), (130, 80, 0), (90, 40, 200), (110, 110, 110),
                (170, 40, 40), (0, 90, 30))


@dataclass
class Curve:
    """One line of the plot. ``name`` is its CSV column name (no separators), ``label`` the legend text."""

    name: str
    label: str
    wavelengths: np.ndarray
    values: np.ndarray
    color: tuple
    kind: str = "pixel"  # "pixel" or "library"
    bands: np.ndarray | None = None
    source: str = ""
    details: dict = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return bool(np.all(np.isfinite(self.values)))


def segments(wavelengths, values=None, factor: float = GAP_FACTOR) -> list[np.ndarray]:
    """Runs of band indices (into the given arrays, in wavelength order) to draw as unbroken lines.

    A run ends where consecutive wavelengths jump by more than ``factor`` times the median spacing (bands removed
    there) and at every missing value (NaN), so no line is drawn across removed or no-data bands."""
    wl = np.asarray(wavelengths, dtype=np.float64)
    order = np.argsort(wl, kind="stable")
    ok = np.isfinite(wl[order])
    if values is not None:
        ok &= np.isfinite(np.asarray(values, dtype=np.float64)[order])
    runs, current = [], []
    steps = np.diff(wl[order])
    limit = factor * float(np.median(steps[steps > 0])) if np.any(steps > 0) else math.inf
    for k, i in enumerate(order):
        if not ok[k]:
            if current:
                runs.append(current)
            current = []
            continue
        if current and wl[i] - wl[current[-1]] > limit:
            runs.append(current)
            current = []
        current.append(int(i))
    if current:
        runs.append(current)
    return [np.array(r, dtype=int) for r in runs]


def nice_ticks(lo: float, hi: float, n: int = 6) -> list[float]:
    """About ``n`` round tick values (1, 2, 2.5 or 5 times a power of ten apart) within [lo, hi]."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return []
    if hi <= lo:
        return [float(lo)]
    raw = (hi - lo) / max(n, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw * (1 - 1e-9))
    start = math.ceil(lo / step - 1e-9) * step
    count = int(math.floor((hi - start) / step + 1e-9)) + 1
    return [round(start + k * step, 10) + 0.0 for k in range(count)]  # + 0.0: no "-0" label


def limits(curves) -> tuple[float, float, float, float] | None:
    """(x0, x1, y0, y1) of the plot: every curve's wavelength range; values from min(0, lowest) to 5 % above the
    highest. None when nothing finite is shown."""
    xs, ys = [], []
    for c in curves:
        wl = np.asarray(c.wavelengths, dtype=np.float64)
        v = np.asarray(c.values, dtype=np.float64)
        good = np.isfinite(wl) & np.isfinite(v)
        if good.any():
            xs += [wl[good].min(), wl[good].max()]
            ys += [v[good].min(), v[good].max()]
    if not xs:
        return None
    x0, x1 = min(xs), max(xs)
    if x1 <= x0:
        x0, x1 = x0 - 1.0, x1 + 1.0
    y0, y1 = min(0.0, min(ys)), max(ys)
    y1 = y1 + 0.05 * ((y1 - y0) or abs(y1) or 1.0)
    return float(x0), float(x1), float(y0), float(y1)


_UNSAFE = re.compile(r"[,;\t\"'\r\n]+")


def csv_name(text: str) -> str:
    """``text`` as a spectra-CSV column name: no delimiter, quote or line break (the CSV reader sniffs the
    delimiter, and SAM/SID's SELECT takes comma-separated names), not blank, not a bare number (SELECT would read
    it as a position)."""
    name = " ".join(_UNSAFE.sub(" ", str(text)).split())
    if not name:
        name = "spectrum"
    if name.isdigit():
        name = f"spectrum {name}"
    return name


def unique_name(name: str, taken) -> str:
    """``name``, or ``name (2)``, ``name (3)``... if already taken."""
    taken = set(taken)
    if name not in taken:
        return name
    k = 2
    while f"{name} ({k})" in taken:
        k += 1
    return f"{name} ({k})"


def pixel_color(index: int) -> tuple:
    return PIXEL_COLORS[index % len(PIXEL_COLORS)]


def coordinate_decimals(pixel_size: float) -> int:
    """Decimals that tell pixel centres apart: 1 for 1 m pixels, 5 for 0.0001-degree pixels."""
    if not (pixel_size and math.isfinite(pixel_size)) or pixel_size <= 0:
        return 2
    return min(9, max(0, math.ceil(round(-math.log10(pixel_size), 9)) + 1))


def pixel_curve(spectrum, layer_name: str, crs_name: str = "", index: int = 0, taken=()) -> Curve:
    """A :class:`Curve` for a :class:`~.pixel_spectrum.PixelSpectrum`; the legend names the layer, the 0-based
    row/col and the pixel centre in the layer's CRS (``crs_name`` goes to ``details``, for the tooltip)."""
    d = coordinate_decimals(getattr(spectrum, "pixel_size", 0.0))
    label = f"{layer_name}: row {spectrum.row}, col {spectrum.col} ({spectrum.x:.{d}f}, {spectrum.y:.{d}f})"
    if spectrum.n_missing:
        label += f" [{spectrum.n_missing} no-data bands]"
    name = unique_name(csv_name(f"{layer_name} r{spectrum.row} c{spectrum.col}"), taken)
    return Curve(name, label, spectrum.wavelengths, spectrum.values, pixel_color(index), "pixel", spectrum.bands,
                 spectrum.path, {"row": spectrum.row, "col": spectrum.col, "x": spectrum.x, "y": spectrum.y,
                                 "layer": layer_name, "n_missing": spectrum.n_missing, "crs_name": crs_name})


def library_curves(spectra: Spectra, source: str, source_name: str = "", taken=()) -> list[Curve]:
    """One :class:`Curve` per spectrum of a spectra CSV, coloured as class j + 1 of the rasters made from it."""
    if spectra.wavelengths is None:
        raise SpectraError("{source}: the CSV has no wavelengths (its wavelength_nm column is empty), so its "
                           "spectra cannot be drawn against wavelength", source=source)
    colors = class_colors(spectra.n_spectra)
    taken = list(taken)
    curves = []
    for j, name in enumerate(spectra.names):
        column = unique_name(csv_name(name), taken)
        taken.append(column)
        label = f"{name} ({source_name})" if source_name else str(name)
        curves.append(Curve(column, label, np.asarray(spectra.wavelengths, dtype=np.float64),
                            np.asarray(spectra.values[:, j]), tuple(colors[j]), "library", spectra.bands, source,
                            {"class": j + 1}))
    return curves


@dataclass
class ExportPlan:
    """What an export writes: ``spectra`` (one column per written curve), the curves left out with the reason, and
    how many bands of the reference grid were left out because another curve has no band there."""

    spectra: Spectra
    skipped: list
    dropped_bands: int
    reference: str


def _nearest(ref_wl: np.ndarray, wl: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each reference wavelength, the index of the nearest ``wl`` and whether it lies within half a band
    (half the smaller of the two local spacings, as ``match_to_raster`` matches CSVs to rasters)."""
    order = np.argsort(wl)
    s = wl[order]
    pos = np.clip(np.searchsorted(s, ref_wl), 1, max(s.size - 1, 1))
    left, right = s[pos - 1], s[np.minimum(pos, s.size - 1)]
    near = np.where(np.abs(ref_wl - left) <= np.abs(ref_wl - right), pos - 1, pos)
    near = np.minimum(near, s.size - 1)
    ref_spacing = np.abs(np.gradient(ref_wl)) if ref_wl.size > 1 else np.array([np.inf])
    spacing = np.abs(np.gradient(s))[near] if s.size > 1 else np.full(ref_wl.size, np.inf)
    ok = np.abs(s[near] - ref_wl) <= 0.5 * np.minimum(ref_spacing, spacing) + 1e-6
    return order[near], ok


def plan_export(curves) -> ExportPlan:
    """Every complete curve on one band grid: that of the curve with the fewest bands (a pixel curve first on a tie,
    so band numbers are a raster's), keeping the bands every curve has within half a band. A curve with no-data
    bands is left out (a spectrum with holes is no endmember, and the CSV readers refuse empty values)."""
    curves = list(curves)
    skipped = [(c.name, f"{int(np.count_nonzero(~np.isfinite(c.values)))} no-data bands")
               for c in curves if not c.complete]
    keep = [c for c in curves if c.complete]
    if not keep and skipped:
        raise SpectraError("nothing to export: no complete spectrum is shown ({names} have no-data bands)",
                           names=", ".join(n for n, _ in skipped))
    if not keep:
        raise SpectraError("nothing to export: no complete spectrum is shown")
    ref = min(keep, key=lambda c: (np.asarray(c.wavelengths).size, c.kind != "pixel"))
    ref_wl = np.asarray(ref.wavelengths, dtype=np.float64)
    ref_order = np.argsort(ref_wl, kind="stable")
    ref_wl = ref_wl[ref_order]
    ref_bands = (np.arange(1, ref_wl.size + 1) if ref.bands is None else np.asarray(ref.bands))[ref_order]
    rows, common = [], np.ones(ref_wl.size, dtype=bool)
    for c in keep:
        idx, ok = _nearest(ref_wl, np.asarray(c.wavelengths, dtype=np.float64))
        rows.append(idx)
        common &= ok
    if not common.any():
        raise SpectraError("nothing to export: the spectra shown have no band in common (within half a band)")
    float32 = all(np.asarray(c.values).dtype == np.float32 for c in keep)
    dtype = np.float32 if float32 else np.float64
    values = np.column_stack([np.asarray(c.values)[idx[common]].astype(dtype) for c, idx in zip(keep, rows)])
    spectra = Spectra([c.name for c in keep], values, ref_wl[common], ref_bands[common])
    return ExportPlan(spectra, skipped, int(np.count_nonzero(~common)), ref.name)


def export_spectra(path, curves) -> ExportPlan:
    """Write the shown curves as a spectra CSV (atomically) and return what was written."""
    plan = plan_export(curves)
    write_spectra_csv(path, plan.spectra)
    return plan


def wavelength_text(value: float) -> str:
    """A wavelength as people read it ("649.284"), for tooltips and status lines."""
    return label_number(value)
