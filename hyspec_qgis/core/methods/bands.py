"""Band cleaning: drop water-vapour windows, noisy first/last bands, keep every n-th band; stream the result.

The rule: a band is removed when its centre wavelength lies inside a window, bounds included. On NEON's
426-band grid that keeps 362 bands for the endmember tutorial's recipe (windows + last 10) and 174 for the k-means
tutorial's (first 10 + windows + last 15, every 2nd band). The tutorials' own index arithmetic gives 360 and 173
because it also drops the last band below each window (``range(start, index_of_last_band_below_window)`` stops one
band early); :func:`tutorial_band_indices` reproduces it for comparison.

Order of the rules: DROP_FIRST / DROP_LAST and the wavelength rules (windows, WAVELENGTH_MIN / MAX) apply to the
input bands; BAND_STEP then keeps every n-th of the bands that remain, starting with the first of them.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import numpy as np

from ..engine.blockwise import apply_blockwise
from ..engine.progress import as_progress
from ..errors import ParameterError
from ..io.neon import DEFAULT_WATER_WINDOWS
from ..io.raster_reader import SpectralRaster, Window
from ..io.raster_writer import FLOAT_NODATA, RasterWriter, block_shape, exact_number, format_wavelength
from ..messages import Message

DEFAULT_WINDOWS = list(DEFAULT_WATER_WINDOWS)
NO_WINDOWS = "none"

_NUMBER = r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+"


def parse_windows(text: str | None, parameter: str = "WATER_WINDOWS") -> list[tuple[float, float]] | None:
    """'1340-1445;1790-1955' -> [(1340, 1445), (1790, 1955)] (nm); None/empty -> None (use the default);
    'none' -> [] (no windows). Windows are separated by ';', ',' or new lines; a window is 'low-high'."""
    if text is None or not str(text).strip():
        return None
    if str(text).strip().lower() == NO_WINDOWS:
        return []
    windows = []
    for item in re.split(r"[;,\n]+", str(text)):
        item = item.strip()
        if not item:
            continue
        m = re.fullmatch(rf"({_NUMBER})\s*(?:-|:|to)\s*({_NUMBER})", item)
        if not m:
            raise ParameterError(
                "{parameter}: {item!r} is not a window; write 'low-high' in nm separated by ';', "
                "e.g. 1340-1445;1790-1955, or '{no_windows}' for no windows", parameter=parameter, item=item,
                no_windows=NO_WINDOWS)
        lo, hi = float(m.group(1)), float(m.group(2))
        if lo > hi:
            raise ParameterError(
                "{parameter}: window {item!r} has its lower bound above its upper bound (did you mean {hi:g}-{lo:g}?)",
                parameter=parameter, item=item, hi=hi, lo=lo)
        windows.append((lo, hi))
    return windows


def format_windows(windows) -> str:
    return ";".join(f"{lo:g}-{hi:g}" for lo, hi in windows) if windows else NO_WINDOWS


def windows_from_metadata(metadata: dict) -> list[tuple[float, float]] | None:
    """The water windows our importer records from the NEON file (WATER_WINDOWS_NM), if any."""
    text = (metadata or {}).get("WATER_WINDOWS_NM")
    try:
        return parse_windows(text) or None
    except ParameterError:
        return None


def resolve_windows(text: str | None, metadata: dict | None, has_wavelengths: bool,
                    parameter: str = "WATER_WINDOWS") -> tuple[list[tuple[float, float]], str]:
    """The windows to apply and a log line saying where they come from.

    Windows typed by the user are used as given (and :func:`select_bands` refuses them when the input has no
    wavelengths). Left empty, they default to the windows the importer recorded from the NEON file
    (``WATER_WINDOWS_NM`` in the input's metadata), else 1340-1445;1790-1955 nm; on an input without wavelengths the
    default windows are skipped with a note instead of failing, so that DROP_FIRST / DROP_LAST / BAND_STEP alone
    still work on any raster with the default parameters.
    """
    parsed = parse_windows(text, parameter)
    if parsed is not None:
        if not parsed:
            return [], Message("{parameter} {no_windows}: no water-vapour windows removed", parameter=parameter,
                               no_windows=NO_WINDOWS)
        return parsed, Message("water-vapour windows {windows} nm (from {parameter})", windows=format_windows(parsed),
                               parameter=parameter)
    recorded = windows_from_metadata(metadata or {})
    windows = recorded or DEFAULT_WINDOWS
    source = (Message("recorded in the input's metadata, WATER_WINDOWS_NM") if recorded
              else Message("the default NEON windows"))
    if not has_wavelengths:
        return [], Message("the input has no wavelengths, so the default water-vapour windows ({windows} nm) are "
                           "skipped; only DROP_FIRST, DROP_LAST and BAND_STEP apply", windows=format_windows(windows))
    return windows, Message("water-vapour windows {windows} nm ({source})", windows=format_windows(windows),
                            source=source)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass
class BandSelection:
    keep: np.ndarray  # 0-based indices of kept bands, ascending
    reasons: dict = field(default_factory=dict)  # 0-based index -> why it was removed
    n_bands: int = 0  # bands of the input
    settings: dict = field(default_factory=dict)  # the parameters that made this selection (for the output metadata)
    notes: list = field(default_factory=list)  # warnings, e.g. a window that contains no band

    def removed(self, reason_prefix: str) -> list[int]:
        """0-based indices removed for a reason that starts with ``reason_prefix`` (e.g. 'DROP_FIRST')."""
        return sorted(i for i, why in self.reasons.items() if why.startswith(reason_prefix))

    def summary(self, wavelengths=None) -> list[str]:
        """Log lines: removed bands grouped by reason (in the order the rules apply), notes, and the count kept."""
        by_reason: dict[str, list[int]] = {}
        for i, why in sorted(self.reasons.items()):
            by_reason.setdefault(why, []).append(i)
        lines = []
        for why in sorted(by_reason, key=_rule_rank):
            idx = by_reason[why]
            if why.startswith("BAND_STEP"):
                step = int(why.split()[1])
                lines.append(Message("removed {bands} ({why}: every {ordinal} remaining band kept)", bands=_count(len(idx)),
                                     why=why, ordinal=_ordinal(step), step=step))
            else:
                lines.append(Message("removed {bands} ({why}): {ranges}", bands=_count(len(idx)), why=why,
                                     ranges=_ranges(idx, wavelengths)))
        lines += list(self.notes)
        total = self.n_bands or (self.keep.size + len(self.reasons))
        lines.append(Message("kept {n_kept} of {total}", n_kept=self.keep.size, total=_count(total)))
        return lines


def _count(n: int) -> Message:
    return Message("{n} band", n=n) if n == 1 else Message("{n} bands", n=n)


def _rule_rank(why: str) -> tuple:
    order = ("DROP_FIRST", "DROP_LAST", "water window", "below WAVELENGTH_MIN", "above WAVELENGTH_MAX", "BAND_STEP")
    for rank, prefix in enumerate(order):
        if why.startswith(prefix):
            return rank, why
    return len(order), why


def _ranges(idx, wavelengths):
    """'192-212 (1340.33-1440.48 nm), 300 (...)': 1-based band numbers of runs of consecutive indices."""
    runs, start = [], idx[0]
    for a, b in zip(idx, idx[1:] + [None]):
        if b != a + 1:
            runs.append((start, a))
            start = b
    parts = []
    for a, b in runs:
        text = f"{a + 1}" if a == b else f"{a + 1}-{b + 1}"
        if wavelengths is not None:
            last = "" if a == b else f"-{format_wavelength(wavelengths[b])}"
            text += f" ({format_wavelength(wavelengths[a])}{last} nm)"
        parts.append(text)
    return ", ".join(parts)


def select_bands(n_bands: int, wavelengths=None, windows=None, drop_first: int = 0, drop_last: int = 10,
                 step: int = 1, wavelength_min: float | None = None, wavelength_max: float | None = None,
                 path: str = "") -> BandSelection:
    """Which bands to keep. Index rules (first/last) and wavelength rules (windows, inclusive; min/max) apply to the
    input bands; then every ``step``-th band of what remains is kept, starting with the first.

    Raises :class:`ParameterError` naming the parameter when a value is invalid, when windows or a wavelength range
    are asked for on an input without wavelengths, or when no band would be left.
    """
    where = f" ({path})" if path else ""
    step, drop_first, drop_last = _check_counts(n_bands, step, drop_first, drop_last, where)
    windows = list(windows or [])
    _check_wavelength_rules(n_bands, wavelengths, windows, wavelength_min, wavelength_max, where)
    reasons, notes = _removed(n_bands, wavelengths, windows, drop_first, drop_last, wavelength_min, wavelength_max)
    remaining = [i for i in range(n_bands) if i not in reasons]
    if not remaining:
        rules = {"DROP_FIRST": "DROP_FIRST", "DROP_LAST": "DROP_LAST", "water window": "WATER_WINDOWS",
                 "below WAVELENGTH_MIN": "WAVELENGTH_MIN", "above WAVELENGTH_MAX": "WAVELENGTH_MAX"}
        used = [name for prefix, name in rules.items() if any(why.startswith(prefix) for why in reasons.values())]
        covers = "" if wavelengths is None else \
            Message(" (its band centres span {low:g}-{high:g} nm)", low=np.min(wavelengths), high=np.max(wavelengths))
        raise ParameterError(
            "{used}: no band is left after cleaning; together they remove all {n_bands} bands of the "
            "input{where}{covers}", used=", ".join(used), n_bands=n_bands, where=where, covers=covers)
    keep = remaining[::step]
    kept = set(keep)
    for i in remaining:
        if i not in kept:
            reasons[i] = f"BAND_STEP {step}"
    settings = {"WATER_WINDOWS": format_windows(windows) if wavelengths is not None else NO_WINDOWS,
                "DROP_FIRST": drop_first, "DROP_LAST": drop_last, "BAND_STEP": step}
    if wavelength_min is not None:
        settings["WAVELENGTH_MIN"] = f"{wavelength_min:g}"
    if wavelength_max is not None:
        settings["WAVELENGTH_MAX"] = f"{wavelength_max:g}"
    return BandSelection(np.array(keep, dtype=int), reasons, n_bands, settings, notes)


def _check_counts(n_bands, step, drop_first, drop_last, where) -> tuple[int, int, int]:
    if step is None or int(step) != step or int(step) < 1:
        raise ParameterError("BAND_STEP: must be a whole number, 1 or more (1 keeps every band), got {step}", step=step)
    for name, value in (("DROP_FIRST", drop_first), ("DROP_LAST", drop_last)):
        if value is None or int(value) != value or value < 0:
            raise ParameterError("{name}: must be a whole number, 0 or more, got {value}", name=name, value=value)
    if int(drop_first) + int(drop_last) >= n_bands:
        raise ParameterError(
            "DROP_FIRST + DROP_LAST = {drop_first} + {drop_last} removes all {n_bands} bands of the "
            "input{where}", drop_first=int(drop_first), drop_last=int(drop_last), n_bands=n_bands, where=where)
    return int(step), int(drop_first), int(drop_last)


def _check_wavelength_rules(n_bands, wavelengths, windows, wavelength_min, wavelength_max, where) -> None:
    for lo, hi in windows:
        if lo > hi:
            raise ParameterError("WATER_WINDOWS: window {lo:g}-{hi:g} has its lower bound above its upper bound", lo=lo, hi=hi)
    if wavelengths is None:
        needing = [name for name, used in (("WATER_WINDOWS", bool(windows)), ("WAVELENGTH_MIN", wavelength_min is not None),
                                           ("WAVELENGTH_MAX", wavelength_max is not None)) if used]
        if needing:
            raise ParameterError(
                "{needing}: the input{where} has no wavelengths, and water-vapour windows and wavelength "
                "ranges need them (band 'wavelength' metadata, IMAGERY CENTRAL_WAVELENGTH_UM or an ENVI 'wavelength' "
                "list). Without wavelengths only DROP_FIRST, DROP_LAST and BAND_STEP work: set WATER_WINDOWS to "
                "'{no_windows}' (or leave it empty) and clear WAVELENGTH_MIN / WAVELENGTH_MAX", needing=", ".join(needing),
                where=where, no_windows=NO_WINDOWS)
    elif len(wavelengths) != n_bands:
        raise ValueError(f"{len(wavelengths)} wavelengths for {n_bands} bands")
    if wavelength_min is not None and wavelength_max is not None and wavelength_min > wavelength_max:
        raise ParameterError("WAVELENGTH_MIN ({wavelength_min:g} nm) is above WAVELENGTH_MAX ({wavelength_max:g} nm)",
                             wavelength_min=wavelength_min, wavelength_max=wavelength_max)


def _removed(n_bands, wavelengths, windows, drop_first, drop_last, wavelength_min, wavelength_max):
    """({0-based band: why it is removed}, notes) for every rule but BAND_STEP; the first rule that applies wins."""
    reasons: dict[int, str] = {}
    notes: list[str] = []
    for i in range(drop_first):
        reasons[i] = "DROP_FIRST"
    for i in range(n_bands - drop_last, n_bands):
        reasons[i] = "DROP_LAST"
    if wavelengths is None:
        return reasons, notes
    wl = np.asarray(wavelengths, dtype=float)
    for lo, hi in windows:
        inside = np.where((wl >= lo) & (wl <= hi))[0]
        if inside.size == 0:
            notes.append(Message("note: water window {lo:g}-{hi:g} nm contains no band centre "
                                 "(the input covers {min:g}-{max:g} nm)", lo=lo, hi=hi, min=wl.min(), max=wl.max()))
        for i in inside:
            reasons.setdefault(int(i), Message("water window {lo:g}-{hi:g} nm", lo=lo, hi=hi))
    if wavelength_min is not None:
        for i in np.where(wl < wavelength_min)[0]:
            reasons.setdefault(int(i), Message("below WAVELENGTH_MIN {wavelength_min:g} nm", wavelength_min=wavelength_min))
    if wavelength_max is not None:
        for i in np.where(wl > wavelength_max)[0]:
            reasons.setdefault(int(i), Message("above WAVELENGTH_MAX {wavelength_max:g} nm", wavelength_max=wavelength_max))
    return reasons, notes


def tutorial_band_indices(wavelengths, windows=DEFAULT_WINDOWS, drop_first: int = 0, drop_last: int = 10,
                          step: int = 1) -> list[int]:
    """The 0-based bands NEON's Python tutorials keep (``clean_neon_refl_data``), for comparison only.

    The tutorials build ``range(first, i0) + range(i1, j0) + range(j1, n - last)`` where ``i0`` is the index of the
    last band *below* a window and ``i1`` the first band above it; ``range`` stops before ``i0``, so that band is
    dropped too. Inclusive wavelength masking (:func:`select_bands`) keeps it: 362 / 174 bands instead of 360 / 173 on
    NEON's 426-band grid.
    """
    wl = np.asarray(wavelengths, dtype=float)
    n = wl.size
    starts, ends = [drop_first], []
    for lo, hi in windows:
        ends.append(int(np.max(np.where(wl < lo))))
        starts.append(int(np.min(np.where(wl > hi))))
    ends.append(n - drop_last)
    valid = [i for a, b in zip(starts, ends) for i in range(a, b)]
    return valid[::step]


@dataclass
class CleanResult:
    """What :func:`clean_bands` wrote: the kept bands (0-based input indices), their wavelengths, the window."""

    keep: np.ndarray
    wavelengths: np.ndarray | None
    window: Window
    bands: int
    output: str = ""
    selection: BandSelection | None = None


def clean_bands(raster: SpectralRaster, output: str, selection: BandSelection, window: Window | None = None,
                progress=None) -> CleanResult:
    """Write the kept bands of ``raster`` (scale/offset applied, no-data and NaN -> -9999) as a float32 GeoTIFF,
    streamed block by block (the reader reads only the kept bands: that is the whole "apply")."""
    if os.path.realpath(output) == os.path.realpath(raster.path):
        raise ParameterError("OUTPUT: {output} is the input raster; inputs are never overwritten, choose another file",
                             output=output)
    window = window or raster.full_window()
    keep = selection.keep
    wl = None if raster.wavelengths is None else raster.wavelengths[keep]
    fwhm = None if raster.fwhm is None else raster.fwhm[keep]
    names = None if wl is not None else [raster.band_names[i] for i in keep]
    metadata = {k: v for k, v in raster.metadata.items() if k.startswith("NEON_") or k.startswith("WATER_")}
    metadata["HYSPEC_SOURCE"] = os.path.basename(raster.path)
    metadata["HYSPEC_CLEANING"] = "; ".join(f"{k}={v}" for k, v in selection.settings.items())
    metadata["HYSPEC_KEPT_BANDS"] = ",".join(str(i + 1) for i in keep)
    if wl is not None:
        metadata["HYSPEC_KEPT_WAVELENGTHS_NM"] = ",".join(exact_number(w) for w in wl)
    # Whole output tiles per write (wide 16-row tiles for a spectral cube, see raster_writer.block_shape).
    tile_rows = block_shape(window.width, keep.size)[1]
    rows = raster.block_rows(keep.size, window.width)
    if rows >= tile_rows:
        rows -= rows % tile_rows
    writer = RasterWriter(output, width=window.width, height=window.height, bands=keep.size,
                          geotransform=raster.window_geotransform(window), crs_wkt=raster.crs_wkt, dtype="float32",
                          nodata=FLOAT_NODATA, wavelengths=wl, fwhm=fwhm, band_names=names, metadata=metadata)
    apply_blockwise(raster, _identity, [writer], bands=keep, window=window, progress=progress, rows=rows)
    return CleanResult(keep, wl, window, int(keep.size), os.fspath(output), selection)


def _identity(block):
    return [block.data]


def run_clean_bands(input_path, output, water_windows: str | None = None, drop_first: int = 0, drop_last: int = 10,
                    step: int = 1, wavelength_min: float | None = None, wavelength_max: float | None = None,
                    extent=None, progress=None) -> CleanResult:
    """hyspec:cleanbands in plain Python: choose the bands (the log says which were removed and why), write them.

    ``water_windows``: the WATER_WINDOWS text (see :func:`resolve_windows`). ``extent``: None, or a function of the
    raster's CRS (WKT) giving (xmin, ymin, xmax, ymax) in it, or None for the whole raster."""
    progress = as_progress(progress)
    with SpectralRaster(input_path, "INPUT") as raster:
        wl = raster.wavelengths
        what = Message("no wavelengths") if wl is None else f"{wl.min():.1f}-{wl.max():.1f} nm"
        progress.log("{file}: {width} x {height} pixels, {count} "
                     "bands, {what}", file=os.path.basename(raster.path), width=raster.width, height=raster.height,
                     count=raster.count, what=what)
        windows, note = resolve_windows(water_windows, raster.metadata, wl is not None)
        progress.log(note)
        selection = select_bands(raster.count, wl, windows, drop_first, drop_last, step, wavelength_min,
                                 wavelength_max, path=raster.path)
        bounds = extent(raster.crs_wkt) if extent is not None else None
        window = None if bounds is None else raster.window_from_bounds(*bounds)
        if window is not None:
            progress.log("EXTENT: {width} x {height} pixels from row {row0}, column "
                         "{col0}", width=window.width, height=window.height, row0=window.row0, col0=window.col0)
        for line in selection.summary(wl):
            progress.log(line)
        return clean_bands(raster, output, selection, window=window, progress=progress)
