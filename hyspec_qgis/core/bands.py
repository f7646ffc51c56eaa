"""Band cleaning: drop water-vapour windows, noisy first/last bands, keep every n-th band; stream the result.

Semantics (DESIGN.md): a band is removed when its centre wavelength lies inside a window, inclusive. On NEON's
426-band grid that keeps 362 bands for the endmember tutorial's recipe (windows + last 10) and 174 for the k-means
tutorial's (first 10 + windows + last 15, every 2nd band). The tutorials' own index arithmetic gives 360 and 173
because it also drops the last band below each window.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from .blockwise import apply_blockwise
from .errors import ParameterError
from .neon import DEFAULT_WATER_WINDOWS
from .raster_reader import SpectralRaster, Window
from .raster_writer import RasterWriter, format_wavelength

OUTPUT_NODATA = -9999.0


def parse_windows(text: str | None, parameter: str = "WATER_WINDOWS") -> list[tuple[float, float]] | None:
    """'1340-1445;1790-1955' -> [(1340, 1445), (1790, 1955)]; None/empty -> None (use the default)."""
    if text is None or not str(text).strip():
        return None
    windows = []
    for item in re.split(r"[;\n]+", str(text)):
        item = item.strip()
        if not item:
            continue
        m = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]*)?)\s*(?:-|:|to)\s*([0-9]+(?:\.[0-9]*)?)\s*", item)
        if not m:
            raise ParameterError(f"{parameter}: {item!r} is not a window; write 'low-high' in nm, e.g. 1340-1445;1790-1955")
        lo, hi = float(m.group(1)), float(m.group(2))
        if lo > hi:
            raise ParameterError(f"{parameter}: window {item!r} has its lower bound above its upper bound (write {hi:g}-{lo:g})")
        windows.append((lo, hi))
    return windows


def windows_from_metadata(metadata: dict) -> list[tuple[float, float]] | None:
    """The water windows our importer records from the NEON file (WATER_WINDOWS_NM), if any."""
    text = (metadata or {}).get("WATER_WINDOWS_NM")
    try:
        return parse_windows(text)
    except ParameterError:
        return None


@dataclass
class BandSelection:
    keep: np.ndarray  # 0-based indices of kept bands, ascending
    reasons: dict = field(default_factory=dict)  # 0-based index -> why it was removed

    def summary(self, wavelengths=None) -> list[str]:
        """Log lines: removed bands grouped by reason, and the count kept."""
        by_reason = {}
        for i, why in sorted(self.reasons.items()):
            by_reason.setdefault(why, []).append(i)
        lines = []
        for why, idx in by_reason.items():
            lines.append(f"removed {len(idx)} bands ({why}): {_ranges(idx, wavelengths)}")
        lines.append(f"kept {self.keep.size} bands")
        return lines


def _ranges(idx, wavelengths):
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
    """Which bands to keep. Index rules (first/last) and wavelength rules (windows, min/max) apply to the input
    bands; then every ``step``-th band of what remains is kept, starting with the first."""
    where = f" ({path})" if path else ""
    if step is None or int(step) < 1:
        raise ParameterError(f"BAND_STEP: must be 1 or more, got {step}")
    if drop_first < 0 or drop_last < 0:
        raise ParameterError("DROP_FIRST / DROP_LAST: must not be negative")
    if drop_first + drop_last >= n_bands:
        raise ParameterError(f"DROP_FIRST + DROP_LAST = {drop_first + drop_last} removes all {n_bands} bands{where}")
    needs_wl = bool(windows) or wavelength_min is not None or wavelength_max is not None
    if needs_wl and wavelengths is None:
        raise ParameterError(
            f"INPUT{where}: has no wavelengths, so WATER_WINDOWS / WAVELENGTH_MIN / WAVELENGTH_MAX cannot be applied "
            "(only DROP_FIRST, DROP_LAST and BAND_STEP work without wavelengths; clear WATER_WINDOWS with 'none')")
    if wavelength_min is not None and wavelength_max is not None and wavelength_min > wavelength_max:
        raise ParameterError(f"WAVELENGTH_MIN ({wavelength_min}) is above WAVELENGTH_MAX ({wavelength_max})")
    reasons = {}
    for i in range(drop_first):
        reasons[i] = "DROP_FIRST"
    for i in range(n_bands - drop_last, n_bands):
        reasons[i] = "DROP_LAST"
    if wavelengths is not None:
        wl = np.asarray(wavelengths, dtype=float)
        for lo, hi in windows or []:
            for i in np.where((wl >= lo) & (wl <= hi))[0]:
                reasons.setdefault(int(i), f"water window {lo:g}-{hi:g} nm")
        if wavelength_min is not None:
            for i in np.where(wl < wavelength_min)[0]:
                reasons.setdefault(int(i), f"below WAVELENGTH_MIN {wavelength_min:g} nm")
        if wavelength_max is not None:
            for i in np.where(wl > wavelength_max)[0]:
                reasons.setdefault(int(i), f"above WAVELENGTH_MAX {wavelength_max:g} nm")
    remaining = [i for i in range(n_bands) if i not in reasons]
    keep = remaining[::int(step)]
    kept = set(keep)
    for i in remaining:
        if i not in kept:
            reasons[i] = f"BAND_STEP {step}"
    if not keep:
        raise ParameterError(f"no band is left after cleaning{where}; widen WAVELENGTH_MIN/MAX or the windows")
    return BandSelection(np.array(keep, dtype=int), reasons)


def clean_bands(raster: SpectralRaster, output: str, selection: BandSelection, window: Window | None = None,
                progress=None) -> None:
    """Write the kept bands of ``raster`` (scale/offset applied, no-data -> -9999) as a float32 GeoTIFF."""
    window = window or raster.full_window()
    keep = selection.keep
    wl = None if raster.wavelengths is None else raster.wavelengths[keep]
    fwhm = None if raster.fwhm is None else raster.fwhm[keep]
    names = None if wl is not None else [raster.band_names[i] for i in keep]
    metadata = {k: v for k, v in raster.metadata.items() if k.startswith("NEON_") or k.startswith("WATER_")}
    metadata["HYSPEC_KEPT_BANDS"] = ",".join(str(i + 1) for i in keep)
    if wl is not None:
        metadata["HYSPEC_KEPT_WAVELENGTHS_NM"] = ",".join(format_wavelength(w) for w in wl)
    writer = RasterWriter(output, width=window.width, height=window.height, bands=keep.size,
                          geotransform=raster.window_geotransform(window), crs_wkt=raster.crs_wkt, dtype="float32",
                          nodata=OUTPUT_NODATA, wavelengths=wl, fwhm=fwhm, band_names=names, metadata=metadata)
    apply_blockwise(raster, lambda block: [block.data], [writer], bands=keep, window=window, progress=progress)


DEFAULT_WINDOWS = list(DEFAULT_WATER_WINDOWS)
