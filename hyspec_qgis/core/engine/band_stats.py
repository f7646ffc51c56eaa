"""Per-band statistics and histograms gathered while a raster is streamed, so nobody has to read it again for them.

QGIS and GDAL compute band statistics and histograms by reading every band of a file: on a 426-band cube that is the
slow part of opening Layer Properties and of a 2-98 % stretch. The writer sees every block anyway, so it keeps here,
per band: the valid-pixel count, minimum, maximum, mean and standard deviation (exact, over every valid pixel), and a
histogram. Blocks (and tiles of a site) combine with :meth:`BandStatistics.merge`.

Histogram bins are nested powers of two: bin ``i`` of band ``b`` covers ``[i * 2**e, (i + 1) * 2**e)``. When new
values fall outside the current ``MAX_BINS`` bins, the width doubles and pairs of bins merge exactly, so the result
does not depend on the block order and two histograms always merge. Integer rasters never get bins narrower than 1.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

MAX_BINS = 1024  # 512-1024 bins over [min, max]: a 2-98 % cut within 0.2 % of the range, metadata of ~4 KB per band
_CHUNK = 1 << 20  # values per histogram step: bounds the float64 / int64 temporaries to a few MB


@dataclass
class BandSummary:
    """One band's statistics; the histogram counts bins ``start .. start + len(counts) - 1`` of width ``2**exponent``."""

    count: int  # pixels seen
    valid: int  # of which valid (not no-data, finite)
    minimum: float
    maximum: float
    mean: float
    stddev: float  # population standard deviation, as GDAL reports it
    exponent: int
    start: int
    counts: np.ndarray

    @property
    def valid_percent(self) -> float:
        return 100.0 * self.valid / self.count if self.count else 0.0

    @property
    def histogram_range(self) -> tuple[float, float]:
        width = math.ldexp(1.0, self.exponent)
        return self.start * width, (self.start + len(self.counts)) * width


def cumulative_cut(low: float, high: float, counts, lower: float = 0.02, upper: float = 0.98):
    """Values below which ``lower`` and ``upper`` of the histogram's pixels lie, interpolated inside their bins
    (QGIS's cumulative count cut, without reading the raster). None when the histogram is empty."""
    counts = np.asarray(counts, dtype=np.float64)
    total = counts.sum()
    if total <= 0 or not high > low:
        return None
    edges = np.linspace(low, high, counts.size + 1)
    cum = np.concatenate([[0.0], np.cumsum(counts)]) / total
    return float(np.interp(lower, cum, edges)), float(np.interp(upper, cum, edges))


def _fill(dtype: np.dtype, high: bool):
    if dtype.kind == "f":
        return np.inf if high else -np.inf
    info = np.iinfo(dtype)
    return info.max if high else info.min


class BandStatistics:
    """Accumulates :class:`BandSummary` values for ``n_bands`` bands from (n_pixels, n_bands) blocks.

    ``nodata``: the value that marks a missing pixel (NaN and infinities are always missing in float bands).
    ``stride``: the histogram takes every ``stride``-th pixel of each block (statistics always take all of them).
    """

    def __init__(self, n_bands: int, nodata=None, integer: bool = False, max_bins: int = MAX_BINS, stride: int = 1):
        self.n_bands, self.nodata, self.integer = int(n_bands), nodata, bool(integer)
        self.max_bins, self.stride = int(max_bins), max(1, int(stride))
        self.count = 0
        self.valid = np.zeros(n_bands, np.int64)
        self.minimum = np.full(n_bands, np.inf)
        self.maximum = np.full(n_bands, -np.inf)
        self.mean = np.zeros(n_bands)
        self.m2 = np.zeros(n_bands)
        self.exponent = np.zeros(n_bands, np.int64)
        self.start = np.zeros(n_bands, np.int64)
        self.counts = np.zeros((n_bands, self.max_bins), np.int64)
        self.has_bins = np.zeros(n_bands, bool)

    # -- accumulation ---------------------------------------------------------------------------------------------
    def add(self, values: np.ndarray) -> None:
        """Fold one (n_pixels, n_bands) block in. About five passes over a block with missing pixels: whole
        pixels are missing together in our writes (write_block masks pixels), so band 1 tells which, and the other
        bands are only checked, on those pixels and through their minimum and maximum elsewhere."""
        x = np.asarray(values).reshape(-1, self.n_bands)
        self.count += x.shape[0]
        if not x.shape[0]:
            return
        nodata = self._nodata(x.dtype)
        gone = self._mask(x[:, 0], nodata)
        if gone is not None and gone.any():
            if not self._mask(x[gone], nodata, all_missing=True):
                return self._add_masked(x, self._mask(x, nodata))  # a band has values where band 1 has none
            x = x[~gone]
            if not x.shape[0]:
                return
        mn, mx = x.min(axis=0), x.max(axis=0)
        if x.dtype.kind == "f" and not (np.isfinite(mn).all() and np.isfinite(mx).all()) or \
                nodata is not None and ((mn <= nodata) & (mx >= nodata)).any():
            return self._add_masked(x, self._mask(x, nodata))  # missing values inside single bands
        self._accumulate(np.full(self.n_bands, x.shape[0], np.int64), mn, mx,
                         np.add.reduce(x, axis=0, dtype=np.float64), np.einsum("ij,ij->j", x, x, dtype=np.float64))
        self._histogram(x, None)

    def _add_masked(self, x: np.ndarray, bad: np.ndarray) -> None:
        """The general case: ``bad`` marks missing values band by band."""
        xs = np.where(bad, x.dtype.type(0), x)
        self._accumulate(x.shape[0] - bad.sum(axis=0), np.where(bad, _fill(x.dtype, True), x).min(axis=0),
                         np.where(bad, _fill(x.dtype, False), x).max(axis=0),
                         np.add.reduce(xs, axis=0, dtype=np.float64), np.einsum("ij,ij->j", xs, xs, dtype=np.float64))
        self._histogram(x, bad)

    def _accumulate(self, n, mn, mx, s, q) -> None:
        mn, mx = mn.astype(np.float64), mx.astype(np.float64)
        has = n > 0
        mn[~has], mx[~has] = np.inf, -np.inf
        with np.errstate(invalid="ignore", divide="ignore"):
            mean_b = np.where(has, s / np.maximum(n, 1), 0.0)
            m2_b = np.maximum(q - s * mean_b, 0.0)
        self._merge_moments(n, mean_b, m2_b)
        self.minimum, self.maximum = np.minimum(self.minimum, mn), np.maximum(self.maximum, mx)

    def _nodata(self, dtype: np.dtype):
        """The no-data value in the block's type, or None when it marks nothing (NaN: the finite check covers it;
        a value the integer type cannot hold)."""
        nodata = self.nodata
        if nodata is None or math.isnan(float(nodata)):
            return None
        if dtype.kind != "f":
            info = np.iinfo(dtype)
            if float(nodata) != int(nodata) or not info.min <= int(nodata) <= info.max:
                return None
        return dtype.type(nodata)

    @staticmethod
    def _mask(x: np.ndarray, nodata, all_missing: bool = False):
        """Missing values of ``x`` (no-data, or not finite in float bands) as a mask (None when nothing can be
        missing); with ``all_missing``, whether every value is missing."""
        floats = x.dtype.kind == "f"
        if nodata is None and not floats:
            return False if all_missing else None
        bad = x == nodata if nodata is not None else np.zeros(x.shape, bool)
        if floats:
            bad |= ~np.isfinite(x)
        return bool(bad.all()) if all_missing else bad

    def _merge_moments(self, n, mean_b, m2_b):
        total = self.valid + n
        with np.errstate(invalid="ignore", divide="ignore"):
            delta = mean_b - self.mean
            frac = np.where(total > 0, n / np.maximum(total, 1), 0.0)
            self.mean = self.mean + delta * frac
            self.m2 = self.m2 + m2_b + delta * delta * self.valid * frac
        self.valid = total

    # -- histogram ------------------------------------------------------------------------------------------------
    def _fit_bins(self, b: int, low: float, high: float, min_exponent: int | None = None) -> None:
        """Widen band ``b``'s bins (doubling, merging pairs) until [low, high] and what is already counted fit, with
        bins at least ``2**min_exponent`` wide."""
        if self.has_bins[b]:
            e = int(self.exponent[b])
            width = math.ldexp(1.0, e)
            used = np.flatnonzero(self.counts[b])
            if used.size:
                low = min(low, (self.start[b] + used[0]) * width)
                high = max(high, (self.start[b] + used[-1]) * width)
        else:
            span = high - low
            e = math.frexp(span / (self.max_bins - 1))[1] if span > 0 else math.frexp(abs(low) or 1.0)[1] - 30
            if self.integer:
                e = max(e, 0)
        if min_exponent is not None:
            e = max(e, int(min_exponent))
        while math.floor(high / math.ldexp(1.0, e)) - math.floor(low / math.ldexp(1.0, e)) + 1 > self.max_bins:
            e += 1
        new_start = math.floor(low / math.ldexp(1.0, e))
        if self.has_bins[b]:
            old = self.counts[b].copy()
            keep = np.flatnonzero(old)
            index = ((self.start[b] + keep) >> (e - int(self.exponent[b]))) - new_start
            self.counts[b] = 0
            np.add.at(self.counts[b], index, old[keep])
        self.exponent[b], self.start[b], self.has_bins[b] = e, new_start, True

    def _histogram(self, x: np.ndarray, bad) -> None:
        xh = x[::self.stride]
        badh = None if bad is None else bad[::self.stride]
        width = np.ldexp(1.0, self.exponent)
        with np.errstate(invalid="ignore"):
            refit = np.isfinite(self.minimum) & (~self.has_bins | (np.floor(self.minimum / width) < self.start) |
                                                 (np.floor(self.maximum / width) >= self.start + self.max_bins))
        for b in np.flatnonzero(refit):
            self._fit_bins(int(b), float(self.minimum[b]), float(self.maximum[b]))
        if not xh.shape[0]:
            return
        # Multiplying by a power of two is exact, so floor() gives the exact bin, in float32 where that is safe.
        exact32 = x.dtype == np.float32 and np.all(np.abs(self.exponent) < 100)
        scale = np.ldexp(1.0, -self.exponent).astype(np.float32 if exact32 else np.float64)
        offset = np.arange(self.n_bands, dtype=np.int64) * (self.max_bins + 1) - self.start
        dump = np.arange(self.n_bands, dtype=np.int64) * (self.max_bins + 1) + self.max_bins
        flat = np.zeros(self.n_bands * (self.max_bins + 1), np.int64)
        rows = max(1, _CHUNK // self.n_bands)
        for r in range(0, xh.shape[0], rows):
            chunk = xh[r:r + rows] * scale
            np.floor(chunk, out=chunk)
            if badh is not None:
                chunk[badh[r:r + rows]] = 0.0  # NaN and no-data: any finite value, replaced by the dump bin below
            index = chunk.astype(np.int64)
            index += offset
            if badh is not None:
                np.copyto(index, dump, where=badh[r:r + rows])
            flat += np.bincount(index.ravel(), minlength=flat.size)[:flat.size]
        self.counts += flat.reshape(self.n_bands, self.max_bins + 1)[:, :self.max_bins]

    # -- results --------------------------------------------------------------------------------------------------
    def merge(self, other: BandStatistics) -> BandStatistics:
        """Fold ``other`` (same bands) into this one; returns self."""
        self._merge_moments(other.valid, other.mean, other.m2)
        self.count += other.count
        self.minimum, self.maximum = np.minimum(self.minimum, other.minimum), np.maximum(self.maximum, other.maximum)
        for b in np.flatnonzero(other.has_bins):
            used = np.flatnonzero(other.counts[b])
            if not used.size:
                continue
            width = math.ldexp(1.0, int(other.exponent[b]))
            lo, hi = (other.start[b] + used[0]) * width, (other.start[b] + used[-1]) * width
            self._fit_bins(b, float(lo), float(hi), int(other.exponent[b]))
            index = ((other.start[b] + used) >> int(self.exponent[b] - other.exponent[b])) - self.start[b]
            np.add.at(self.counts[b], index, other.counts[b][used])
        return self

    def summaries(self) -> list[BandSummary]:
        out = []
        for b in range(self.n_bands):
            used = np.flatnonzero(self.counts[b])
            first, last = (int(used[0]), int(used[-1])) if used.size else (0, -1)
            has = self.valid[b] > 0
            out.append(BandSummary(
                count=int(self.count), valid=int(self.valid[b]),
                minimum=float(self.minimum[b]) if has else math.nan,
                maximum=float(self.maximum[b]) if has else math.nan,
                mean=float(self.mean[b]) if has else math.nan,
                stddev=float(math.sqrt(self.m2[b] / self.valid[b])) if has else math.nan,
                exponent=int(self.exponent[b]), start=int(self.start[b]) + first,
                counts=self.counts[b, first:last + 1].copy()))
        return out
