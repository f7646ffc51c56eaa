"""Spectral Angle Mapper (SAM) and Spectral Information Divergence (SID) classification, streamed.

Every valid pixel gets a score against each endmember (SAM: the angle in radians; SID: the symmetric
Kullback-Leibler divergence of the two spectra read as probability distributions) and goes to the class with the
lowest score, unless thresholds leave it unclassified (class 0).

Two threshold modes:

``absolute``
    Scores of the spectra as they are, thresholds in score units: radians for SAM (as ENVI's "maximum angle"),
    divergence for SID. A pixel is eligible for a class when its score is *at most* that class's threshold.
``relative``
    pysptools' meaning (``pysptools.classification.SAM/SID.classify``), so NEON's tutorial numbers reproduce its
    map: the cube and the endmember library are first rescaled to 0-1, each by its own global minimum and maximum
    (``_normalize``; the cube's over its valid pixels, where pysptools would let -9999 no-data set the minimum),
    and a threshold ``t`` is a fraction of the range of the scores: ``limit = min + (max - min) * t``.
    One value: the range of all scores of all classes together; one value per class: each class's own score range.
    A pixel is eligible for a class when its score is *strictly below* the limit. As in pysptools, SAM rounds the
    cosine to 7 decimals before the arccos, and with per-class values scores of 10 or more are never eligible
    (pysptools' guard value). The tutorial's ``SID(data, U[[0, 2, 3]], [0.8, 0.3, 0.03])`` is
    ``method="sid", select=[1, 3, 4], thresholds=[0.8, 0.3, 0.03], mode="relative"``.

In both modes a pixel goes to the lowest-scoring class among the classes it is eligible for (ties: the first
class), and is 0 when it is eligible for none. Without thresholds every valid pixel is classified. Class numbers
are 1..k in the order of the selected endmembers (pysptools' class maps are the same 1..k; unthresholded, it
numbers them from 0).

SID and non-positive values: a spectrum is turned into a distribution by dividing it by its sum, which needs
positive values. In ``absolute`` mode every value below ``SID_FLOOR`` (0.1 %) of the spectrum's root-mean-square
value (zeros and negative reflectance included) is first raised to that floor; this is scale-free (SID of ``c * x``
equals SID of ``x``) and an all-zero spectrum becomes flat. In ``relative`` mode the rescaled cube is non-negative
and pysptools' rule is kept: ``p = x / sum(x) + 2.2e-16`` (``np.spacing(1)``).

Fit / apply: :func:`fit_cube_range` (relative mode: the cube's min/max of valid pixels, one streamed pass) and
:class:`ScoreRange` (the score range, accumulated block by block) are the "fit"; :meth:`Scorer.score` and
:func:`label_scores` are pure functions of one block and the fitted parameters (relative SAM can also be scored from
:func:`sam_statistics` of the raw pixels, taken before the cube's range is known: :meth:`Scorer.score_statistics`).
:func:`classify_raster` runs the whole job on a raster in bounded memory; :func:`classify_array` is the same on an
in-memory array.

References: Kruse et al. (1993), The Spectral Image Processing System (SIPS), Remote Sens. Environ. 44 (SAM);
Chang (2000), An information-theoretic approach to spectral variability, similarity, and discrimination for
hyperspectral image analysis, IEEE Trans. Inf. Theory 46 (SID); pysptools 0.15 ``classification/cls.py``.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass, field

import numpy as np

from ..engine.gdal_env import gdal_streaming
from ..engine.linalg import matmul
from ..engine.prefetch import read_ahead
from ..engine.progress import as_progress
from ..errors import HyspecError, ParameterError, SpectraError
from ..io.raster_reader import SpectralRaster
from ..io.raster_writer import RasterWriter, class_colors, class_dtype
from ..io.spectra_csv import Spectra, match_to_raster, read_spectra_csv

METHODS = ("sam", "sid")
THRESHOLD_MODES = ("absolute", "relative")
SCORE_NAMES = {"sam": "spectral angle (radians)", "sid": "spectral information divergence"}
RULE_NODATA = -9999.0
SID_FLOOR = 1e-3  # absolute-mode SID: values below this fraction of the spectrum's RMS are raised to it
PYSPTOOLS_SAM_DECIMALS = 7  # pysptools rounds cos(angle) to 7 decimals (cls._round_threshold)
PYSPTOOLS_SID_EPS = float(np.spacing(1))  # pysptools adds this to every probability
PYSPTOOLS_LIST_GUARD = 10.0  # pysptools' per-class thresholding treats scores >= 10 as over the limit
CHUNK_BYTES = 768 * 1024  # pixels scored together: the per-step temporaries fit in the CPU's L2 cache


def _check_method(method: str) -> str:
    m = str(method).lower()
    if m not in METHODS:
        raise ParameterError(f"METHOD: {method!r} is not one of {', '.join(METHODS)}")
    return m


def _check_mode(mode: str) -> str:
    m = str(mode).lower()
    if m not in THRESHOLD_MODES:
        raise ParameterError(f"THRESHOLD_MODE: {mode!r} is not one of {', '.join(THRESHOLD_MODES)}")
    return m


# --- thresholds -------------------------------------------------------------------------------------------------
def parse_thresholds(thresholds, names, method: str, mode: str, parameter: str = "THRESHOLD") -> list[float] | None:
    """Validate thresholds: None / [] (no threshold), one value for all classes, or one value per class.

    Returns the list of values (length 1 or k) or None. Relative values are fractions of the score range and must be
    between 0 and 1 (as pysptools requires); absolute values must be >= 0 (SAM: radians, at most pi is meaningful).
    """
    if thresholds is None:
        return None
    values = [thresholds] if np.isscalar(thresholds) else list(thresholds)
    if not values:
        return None
    try:
        values = [float(v) for v in values]
    except (TypeError, ValueError) as exc:
        raise ParameterError(f"{parameter}: expected numbers, got {thresholds!r}") from exc
    k = len(names)
    if len(values) not in (1, k):
        raise ParameterError(
            f"{parameter}: {len(values)} values for {k} classes ({', '.join(map(str, names))}); give one value for "
            f"all classes or exactly one per class, in the order of the classes")
    for v in values:
        if not np.isfinite(v) or v < 0:
            raise ParameterError(f"{parameter}: {v} is not a valid threshold (it must be a number >= 0)")
        if mode == "relative" and v > 1:
            raise ParameterError(
                f"{parameter}: {v} is over 1; in relative mode a threshold is a fraction of the score range "
                "(0 to 1, as in pysptools). Use THRESHOLD_MODE=absolute for "
                + ("radians" if method == "sam" else "divergence values"))
    return values


def relative_limits(values, score_min: np.ndarray, score_max: np.ndarray) -> np.ndarray:
    """pysptools' limits from fractions of the score range (see the module docstring); float64 (k,).

    One value: ``min + (max - min) * t`` over all classes together (pysptools ``_single_value_min``); one value per
    class: the same over each class's own scores, capped at pysptools' guard value 10 (``_multiple_values_min``).
    """
    score_min = np.asarray(score_min, dtype=np.float64)
    score_max = np.asarray(score_max, dtype=np.float64)
    values = [float(v) for v in values]
    if len(values) == 1:
        amin, amax = float(np.min(score_min)), float(np.max(score_max))
        return np.full(score_min.size, amin + (amax - amin) * values[0])
    limits = np.array([lo + (hi - lo) * t for lo, hi, t in zip(score_min, score_max, values)])
    return np.minimum(limits, PYSPTOOLS_LIST_GUARD)


@dataclass(frozen=True)
class Limits:
    """Per-class upper limits on the score. ``inclusive``: eligible when score <= limit (absolute mode), else <."""

    values: np.ndarray  # (k,) float64
    inclusive: bool


def resolve_limits(values: list[float] | None, mode: str, k: int, score_range: ScoreRange | None = None) -> Limits | None:
    """Validated thresholds as :class:`Limits` in score units; relative mode needs the fitted :class:`ScoreRange`."""
    if not values:
        return None
    if mode == "absolute":
        return Limits(np.full(k, values[0]) if len(values) == 1 else np.asarray(values, dtype=np.float64), True)
    if score_range is None or score_range.n == 0:
        raise HyspecError("relative thresholds need the score range of at least one valid pixel")
    return Limits(relative_limits(values, score_range.min, score_range.max), False)


# --- scoring (the pure "apply" half) ------------------------------------------------------------------------------
def minmax_normalize(values: np.ndarray, vmin: float, vmax: float) -> np.ndarray:
    """pysptools' ``_normalize`` with a known min/max: (values - min) / (max - min); zeros when max == min."""
    if vmax == vmin:
        return np.zeros(values.shape, dtype=values.dtype)
    return (values - vmin) / (vmax - vmin)


@dataclass(frozen=True)
class Scorer:
    """Fitted scoring parameters; :meth:`score` is a pure function of a block of pixels.

    SAM: ``vectors`` are the endmembers as unit vectors. SID: ``vectors`` are the endmember distributions times the
    band count (``s = b * q``, mean 1), ``logs`` their logarithms and ``entropy`` ``sum(s * log s)``; SID is then
    ``(sum(r log r) + sum(s log s) - r . log s - log r . s) / b`` with ``r = b * p``, which keeps float32 sums well
    away from cancellation. ``shift``/``scale``: relative mode's min/max rescaling of the cube.
    """

    method: str
    relative: bool
    names: tuple
    vectors: np.ndarray  # (k, b)
    logs: np.ndarray | None = None  # SID (k, b) float32
    entropy: np.ndarray | None = None  # SID (k,) float64
    shift: float = 0.0
    scale: float = 1.0
    n_bands: int = field(default=0)
    ref_norms: np.ndarray | None = None  # relative SAM: the rescaled endmembers' norms (vectors are not unit)

    @property
    def k(self) -> int:
        return self.vectors.shape[0]

    @property
    def score_dtype(self):
        return np.float64 if (self.method == "sam" and self.relative) else np.float32

    def score(self, data: np.ndarray) -> np.ndarray:
        """(n, b) float32 pixels -> (n, k) scores (NaN where undefined: an all-zero spectrum in SAM).

        Works through the block in slices of about CHUNK_BYTES so that the temporaries of each step stay in the CPU
        cache (about 3 times faster than whole-block numpy passes here); each pixel's score depends only on it."""
        if data.shape[1] != self.n_bands:
            raise ValueError(f"block has {data.shape[1]} bands, the endmembers {self.n_bands}")
        step = max(16, CHUNK_BYTES // (4 * max(self.n_bands, 1)))
        fn = self._sam if self.method == "sam" else self._sid
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            if data.shape[0] <= step:
                return fn(data)
            out = np.empty((data.shape[0], self.k), dtype=self.score_dtype)
            for i in range(0, data.shape[0], step):
                out[i:i + step] = fn(data[i:i + step])
            return out

    def _sam(self, data):
        if self.relative:
            # As pysptools on a float64 cube (the tutorial's): rescale, cosine in float64, round to 7 decimals.
            x = data.astype(np.float64)
            x -= self.shift
            x /= self.scale
            norms = np.sqrt(np.einsum("ij,ij->i", x, x))
            cos = matmul(x, self.vectors.T) / (norms[:, None] * self.ref_norms[None, :])
            cos = np.round(cos, PYSPTOOLS_SAM_DECIMALS)
        else:
            norms = np.sqrt(np.einsum("ij,ij->i", data, data))
            cos = matmul(data, self.vectors.T) / norms[:, None]
        np.clip(cos, -1.0, 1.0, out=cos)
        return np.arccos(cos, out=cos)

    def score_statistics(self, stats: np.ndarray) -> np.ndarray:
        """Relative-mode SAM from :func:`sam_statistics` of the raw pixels: the same angles as :meth:`score`.

        With x' = (x - m) / s: x'.e = (x.e - m sum(e)) / s and |x'|^2 = (|x|^2 - 2 m sum(x) + b m^2) / s^2, all in
        float64 (terms of like sign for reflectance, so no cancellation); pysptools' arithmetic order follows."""
        if self.method != "sam" or not self.relative:
            raise ValueError("score_statistics is for relative-mode SAM")
        k, b, m, s = self.k, self.n_bands, self.shift, self.scale
        with np.errstate(invalid="ignore", divide="ignore"):
            dots = (stats[:, :k] - m * self.vectors.sum(axis=1)[None, :]) / s
            sq = stats[:, k + 1] - 2.0 * m * stats[:, k] + b * m * m
            sq[sq <= 1e-12 * (np.abs(stats[:, k + 1]) + b * m * m)] = np.nan  # the cube minimum in every band
            norms = np.sqrt(sq) / s
            cos = dots / (norms[:, None] * self.ref_norms[None, :])
            cos = np.round(cos, PYSPTOOLS_SAM_DECIMALS)
            np.clip(cos, -1.0, 1.0, out=cos)
            return np.arccos(cos, out=cos)

    def _sid(self, data):
        b = data.shape[1]
        if self.relative:
            x = data - np.float32(self.shift)
            x /= np.float32(self.scale)
            total = x.sum(axis=1, dtype=np.float32)
            total[total <= 0] = np.float32(np.nan)  # a pixel at the cube minimum in every band (pysptools: NaN)
            x /= total[:, None]
            x += np.float32(PYSPTOOLS_SID_EPS)
            bad = ~np.isfinite(total)
            if bad.any():
                x[bad] = np.float32(1.0 / b)
            x *= np.float32(b)  # r = b * p
        else:
            x = floor_spectra(data)
            x /= x.mean(axis=1, dtype=np.float32)[:, None]  # r = b * p, p = x / sum(x)
        logs = np.log(x)
        own = np.einsum("ij,ij->i", x, logs)
        cross = matmul(x, self.logs.T)
        cross += matmul(logs, self.vectors.T)
        out = own[:, None] - cross
        out += self.entropy.astype(np.float32)[None, :]
        out /= np.float32(b)
        np.maximum(out, 0.0, out=out)  # SID >= 0; float rounding can leave -1e-8
        return out


def floor_spectra(x: np.ndarray) -> np.ndarray:
    """Absolute-mode SID floor: in each spectrum (row), values below SID_FLOOR times the spectrum's root-mean-square
    value are raised to it; returns a new array (float32, or float64 for float64 input).

    An all-zero spectrum becomes flat (every value the same tiny positive number)."""
    x = np.asarray(x)
    if x.dtype != np.float64:
        x = x.astype(np.float32, copy=False)
    rms = np.sqrt(np.einsum("ij,ij->i", x, x) / max(x.shape[1], 1))
    floor = (x.dtype.type(SID_FLOOR) * rms).astype(x.dtype)
    floor[~(floor > 0)] = x.dtype.type(1e-30)
    return np.maximum(x, floor[:, None])


def relative_library(library: np.ndarray) -> np.ndarray:
    """pysptools' rescaling of the endmember library on its own: (E - min(E)) / (max(E) - min(E)), float64 (k, b)."""
    lib = np.atleast_2d(np.asarray(library, dtype=np.float64))
    return minmax_normalize(lib, float(lib.min()), float(lib.max()))


def sam_statistics(data: np.ndarray, rescaled_library: np.ndarray) -> np.ndarray:
    """What relative-mode SAM keeps of each raw pixel before the cube's range is known: (n, k + 2) float64 with the
    dot products with the rescaled library, the pixel's sum and its sum of squares (see Scorer.score_statistics)."""
    k = rescaled_library.shape[0]
    out = np.empty((data.shape[0], k + 2), dtype=np.float64)
    step = max(16, CHUNK_BYTES // (8 * max(data.shape[1], 1)))
    for i in range(0, data.shape[0], step):
        x = data[i:i + step].astype(np.float64)
        out[i:i + step, :k] = matmul(x, rescaled_library.T)
        out[i:i + step, k] = x.sum(axis=1)
        out[i:i + step, k + 1] = np.einsum("ij,ij->i", x, x)
    return out


def make_scorer(method: str, library: np.ndarray, names=None, mode: str = "absolute", cube_range=None,
                parameter: str = "ENDMEMBERS") -> Scorer:
    """Prepare the endmember library (k, b) for scoring.

    ``cube_range`` = (min, max) of the cube's valid values, needed in relative mode (:func:`fit_cube_range`).
    """
    method, mode = _check_method(method), _check_mode(mode)
    lib = np.atleast_2d(np.asarray(library, dtype=np.float64))
    k, b = lib.shape
    names = tuple(names) if names is not None else tuple(f"class {i + 1}" for i in range(k))
    relative = mode == "relative"
    shift, scale = 0.0, 1.0
    if relative:
        if cube_range is None:
            raise ValueError("relative mode needs the cube's (min, max): see fit_cube_range")
        lo, hi = float(cube_range[0]), float(cube_range[1])
        if not hi > lo:
            raise HyspecError(
                f"INPUT: every valid value of the raster is {lo}; relative thresholds rescale the cube by its range, "
                "which is empty. Use THRESHOLD_MODE=absolute")
        shift, scale = lo, hi - lo
        lib = relative_library(lib)  # pysptools: the library on its own
    if method == "sam":
        norms = np.sqrt(np.einsum("ij,ij->i", lib, lib))
        zero = [names[i] for i in np.where(~(norms > 0))[0]]
        if zero:
            extra = " after rescaling the library to 0-1 (relative mode)" if relative else ""
            raise SpectraError(f"{parameter}: spectrum {', '.join(zero)} is all zeros{extra}; it has no spectral angle")
        if relative:  # pysptools divides the dot products by |x| |e|: keep its arithmetic, in float64
            return Scorer("sam", True, names, lib, shift=shift, scale=scale, n_bands=b, ref_norms=norms)
        return Scorer("sam", False, names, (lib / norms[:, None]).astype(np.float32), n_bands=b)
    if relative:
        q = lib / lib.sum(axis=1, keepdims=True)
        q = q.astype(np.float32) + np.float32(PYSPTOOLS_SID_EPS)  # pysptools prob_vector_array (float32)
        if not np.all(np.isfinite(q)):
            bad = [names[i] for i in np.where(~np.isfinite(q).all(axis=1))[0]]
            raise SpectraError(f"{parameter}: spectrum {', '.join(bad)} is all zeros after rescaling the library to 0-1")
        s = q.astype(np.float64) * b
    else:
        s = floor_spectra(lib)
        s = s / s.mean(axis=1, keepdims=True)
    logs = np.log(s)
    entropy = np.einsum("ij,ij->i", s, logs)
    return Scorer("sid", relative, names, s.astype(np.float32), logs.astype(np.float32), entropy,
                  shift=shift, scale=scale, n_bands=b)


def label_scores(scores: np.ndarray, limits: Limits | None = None, dtype=None) -> np.ndarray:
    """(n, k) scores -> (n,) classes 1..k (lowest eligible score; ties: first class), 0 = eligible for none."""
    k = scores.shape[1]
    ok = np.isfinite(scores)
    if limits is not None:
        with np.errstate(invalid="ignore"):
            ok &= (scores <= limits.values) if limits.inclusive else (scores < limits.values)
    masked = np.where(ok, scores, np.inf)
    best = np.argmin(masked, axis=1)
    labels = (best + 1).astype(dtype or class_dtype(k))
    labels[~ok.any(axis=1)] = 0
    return labels


# --- fitting ----------------------------------------------------------------------------------------------------
@dataclass
class ScoreRange:
    """Running per-class min/max of the scores of valid pixels (what relative thresholds need)."""

    k: int
    n: int = 0
    min: np.ndarray = None
    max: np.ndarray = None

    def __post_init__(self):
        if self.min is None:
            self.min = np.full(self.k, np.inf)
        if self.max is None:
            self.max = np.full(self.k, -np.inf)

    def update(self, scores: np.ndarray, valid: np.ndarray | None = None) -> None:
        s = scores if valid is None else scores[valid]
        if s.shape[0] == 0:
            return
        with np.errstate(invalid="ignore"):
            self.min = np.fmin(self.min, np.nanmin(s, axis=0, initial=np.inf))
            self.max = np.fmax(self.max, np.nanmax(s, axis=0, initial=-np.inf))
        self.n += s.shape[0]

    def merge(self, other: ScoreRange) -> ScoreRange:
        return ScoreRange(self.k, self.n + other.n, np.fmin(self.min, other.min), np.fmax(self.max, other.max))


def block_range(data: np.ndarray, valid: np.ndarray) -> tuple[float, float] | None:
    """(min, max) over the valid rows of a block, or None when none is valid."""
    if not valid.any():
        return None
    if valid.all():
        return float(data.min()), float(data.max())
    return float(data.min(axis=1)[valid].min()), float(data.max(axis=1)[valid].max())


def fit_cube_range(raster: SpectralRaster, window=None, progress=None) -> tuple[float, float, int]:
    """Relative mode's fit: (min, max, n_valid) of every valid pixel value of the raster, one streamed pass
    (blocks decoded ahead by background readers, see :func:`hyspec_qgis.core.engine.prefetch.read_ahead`)."""
    progress = as_progress(progress)
    lo, hi, n = np.inf, -np.inf, 0
    with gdal_streaming():
        for block in read_ahead(raster, window=window, progress=progress):
            r = block_range(block.data, block.valid)
            if r is not None:
                lo, hi = min(lo, r[0]), max(hi, r[1])
                n += int(block.valid.sum())
    return lo, hi, n


# --- whole jobs -------------------------------------------------------------------------------------------------
@dataclass
class _Extent:
    row0: int
    col0: int
    nrows: int
    ncols: int


@dataclass
class ClassifyResult:
    method: str
    mode: str
    names: list
    colors: list
    thresholds: list | None
    limits: np.ndarray | None  # score-unit limits per class (None: no threshold)
    counts: dict  # class name -> pixels
    n_valid: int
    n_unclassified: int  # valid pixels in class 0
    total: int
    score_min: np.ndarray  # per class over valid pixels
    score_max: np.ndarray
    cube_range: tuple | None = None  # relative mode
    output: str | None = None
    rule: str | None = None

    def summary(self) -> list[str]:
        lines = [f"{self.method.upper()} ({self.mode} thresholds): {self.n_valid} valid pixels of {self.total}, "
                 f"{self.n_unclassified} unclassified"]
        if self.cube_range:
            lines.append(f"  relative mode: cube rescaled from [{self.cube_range[0]:.6g}, {self.cube_range[1]:.6g}] to 0-1")
        for j, name in enumerate(self.names):
            limit = "" if self.limits is None else f", limit {self.limits[j]:.6g}"
            if (self.mode == "relative" and self.limits is not None and self.limits[j] == PYSPTOOLS_LIST_GUARD
                    and self.score_min[j] >= PYSPTOOLS_LIST_GUARD):
                limit += " (pysptools' guard: scores of 10 or more are never classified)"
            lines.append(f"  {j + 1} {name}: {self.counts[name]} pixels (score {self.score_min[j]:.6g} to "
                         f"{self.score_max[j]:.6g}{limit})")
        return lines


def select_endmembers(spectra: Spectra, select=None, parameter: str = "SELECT") -> tuple[Spectra, list[int]]:
    """Spectra.select by names or 1-based numbers (strings or ints); also returns the 0-based indices chosen."""
    if not select:
        return spectra, list(range(spectra.n_spectra))
    items = [s for s in (select.split(",") if isinstance(select, str) else select) if str(s).strip()]
    chosen = spectra.select(items, parameter=parameter)
    return chosen, [spectra.names.index(n) for n in chosen.names]


def prepare_endmembers(raster: SpectralRaster, endmembers, select=None, parameter: str = "ENDMEMBERS"):
    """Read (if a path), select, and match the endmembers to the raster's bands; returns (Spectra, indices, path)."""
    path = ""
    if isinstance(endmembers, (str, os.PathLike)):
        path = os.fspath(endmembers)
        endmembers = read_spectra_csv(path, parameter=parameter)
    chosen, idx = select_endmembers(endmembers, select)
    matched = match_to_raster(chosen, raster.wavelengths, raster.count, parameter=parameter, path=path)
    return matched, idx, path


def _write_spill(spill, values: np.ndarray, valid: np.ndarray, dtype) -> None:
    spill.write(np.ascontiguousarray(values, dtype=dtype).tobytes())
    spill.write(np.ascontiguousarray(valid, dtype=bool).tobytes())


def _read_spill(spill, extents, width: int, dtype, progress):
    """Replay what :func:`_write_spill` wrote, block by block: (extent, valid, values (n, width))."""
    spill.seek(0)
    item = np.dtype(dtype).itemsize
    for i, ext in enumerate(extents):
        n = ext.nrows * ext.ncols
        values = np.frombuffer(spill.read(n * width * item), dtype=dtype).reshape(n, width)
        valid = np.frombuffer(spill.read(n), dtype=bool)
        yield ext, valid, values
        progress((i + 1) / max(len(extents), 1))


def classify_raster(raster, endmembers, output, *, method: str = "sam", select=None, thresholds=None,
                    mode: str = "absolute", rule=None, window=None, progress=None) -> ClassifyResult:
    """Classify ``raster`` (path or :class:`SpectralRaster`) with SAM or SID and write the class GeoTIFF.

    ``endmembers``: spectra CSV path or :class:`Spectra` (matched to the raster by wavelength). ``select``: names
    or 1-based numbers (list or comma string). ``thresholds``: None, one value or one per selected class.
    ``rule``: optional path of the rule raster (float32, one band per class with its score, -9999 at no-data).

    Memory is bounded whatever the raster size; the score matrix of the whole image is never held. Absolute mode
    reads the raster once. Relative mode needs the cube's range before any score and the scores' range before any
    label: SID reads the raster twice (range, then scores); SAM reads it once, keeping per pixel only its dot
    products with the rescaled library, its sum and its sum of squares, from which the angles of the rescaled
    spectra follow exactly. What must wait for a later pass (those statistics, then the scores) goes to unnamed
    temporary files beside the output (k + 2 numbers per pixel at most). On any error or cancel no output is left.
    """
    progress = as_progress(progress)
    method, mode = _check_method(method), _check_mode(mode)
    if not isinstance(raster, SpectralRaster):
        raster = SpectralRaster(raster, parameter="INPUT")
    spectra, idx, csv_path = prepare_endmembers(raster, endmembers, select)
    names = list(spectra.names)
    k = len(names)
    values = parse_thresholds(thresholds, names, method, mode)
    window = window or raster.full_window()
    total = window.width * window.height
    colors = [class_colors(max(idx) + 1)[i] for i in idx]  # an endmember keeps its colour whatever is selected
    library = spectra.values.T  # (k, b)
    make_scorer(method, library, names)  # an unusable endmember fails here, before any pass over the raster
    relative = mode == "relative"
    if relative:
        make_scorer(method, library, names, mode, (0.0, 1.0))  # and one that is unusable once rescaled
    folder = os.path.dirname(os.path.abspath(output))
    no_valid = f"INPUT: {raster.path} has no valid pixel (all no-data)"

    gt = raster.window_geotransform(window)
    meta = {"HYSPEC_ALGORITHM": method, "THRESHOLD_MODE": mode, "ENDMEMBERS": ";".join(names)}
    if csv_path:
        meta["ENDMEMBERS_CSV"] = os.path.basename(csv_path)
    if values:
        meta["THRESHOLD"] = ",".join(f"{v:g}" for v in values)
    dtype = class_dtype(k)
    with contextlib.ExitStack() as stack:
        writer = stack.enter_context(RasterWriter(
            output, width=window.width, height=window.height, bands=1, geotransform=gt, crs_wkt=raster.crs_wkt,
            dtype=dtype, nodata=0, class_names=names, colors=colors, metadata=meta))
        rule_writer = None
        if rule:
            rule_writer = stack.enter_context(RasterWriter(
                rule, width=window.width, height=window.height, bands=k, geotransform=gt, crs_wkt=raster.crs_wkt,
                dtype="float32", nodata=RULE_NODATA, band_names=names,
                metadata={**meta, "SCORE": SCORE_NAMES[method]}))
        stack.enter_context(gdal_streaming())

        # 1. Where the scores come from: (extent, valid, scores) per block, from the raster or from a spill.
        cube_range = None
        if relative and method == "sam":
            en = relative_library(library)
            stats_spill = stack.enter_context(tempfile.TemporaryFile(dir=folder))
            extents, lo, hi, seen = [], np.inf, -np.inf, 0
            for block in read_ahead(raster, window=window, progress=progress.sub(0.0, 0.8)):
                r = block_range(block.data, block.valid)
                if r is not None:
                    lo, hi, seen = min(lo, r[0]), max(hi, r[1]), seen + int(block.valid.sum())
                _write_spill(stats_spill, sam_statistics(block.data, en), block.valid, np.float64)
                extents.append(_Extent(block.row0, block.col0, block.nrows, block.ncols))
            if seen == 0:
                raise HyspecError(no_valid)
            cube_range = (lo, hi)
            scorer = make_scorer(method, library, names, mode, cube_range)

            def produce(p):
                for ext, valid, stats in _read_spill(stats_spill, extents, k + 2, np.float64, p):
                    yield ext, valid, scorer.score_statistics(stats)

            start = 0.8
        else:
            if relative:
                lo, hi, seen = fit_cube_range(raster, window, progress.sub(0.0, 0.45))
                if seen == 0:
                    raise HyspecError(no_valid)
                cube_range = (lo, hi)
            scorer = make_scorer(method, library, names, mode, cube_range)

            def produce(p):
                for block in read_ahead(raster, window=window, progress=p):
                    yield block, block.valid, scorer.score(block.data)

            start = 0.45 if relative else 0.0
        if cube_range:
            writer.set_metadata_item("CUBE_RANGE", f"{cube_range[0]:.9g},{cube_range[1]:.9g}")

        # 2. Scores -> score range, rule raster, labels.
        ranges = ScoreRange(k)
        counts = np.zeros(k + 1, dtype=np.int64)
        n_valid = 0

        def take(ext, valid, scores):
            nonlocal n_valid
            ranges.update(scores, valid)
            n_valid += int(valid.sum())
            if rule_writer is not None:
                img = scores.astype(np.float32)
                img[~valid] = RULE_NODATA
                img[~np.isfinite(img)] = RULE_NODATA
                rule_writer.write(img.reshape(ext.nrows, ext.ncols, k), ext.row0, ext.col0)

        def write_labels(ext, valid, labels):
            labels[~valid] = 0
            counts[:] += np.bincount(labels[valid], minlength=k + 1)
            writer.write(labels.reshape(ext.nrows, ext.ncols), ext.row0, ext.col0)

        if not (relative and values):
            # The limits are known before scoring (absolute thresholds, or none): label as the scores come.
            limits = resolve_limits(values, mode, k)
            for ext, valid, scores in produce(progress.sub(start, 1.0)):
                take(ext, valid, scores)
                write_labels(ext, valid, label_scores(scores, limits, dtype))
        else:
            # Relative thresholds need the range of all scores first: spill the scores, then label from the spill.
            score_spill = stack.enter_context(tempfile.TemporaryFile(dir=folder))
            score_extents = []
            middle = start + (1.0 - start) * 0.85
            for ext, valid, scores in produce(progress.sub(start, middle)):
                take(ext, valid, scores)
                _write_spill(score_spill, scores, valid, scorer.score_dtype)
                score_extents.append(_Extent(ext.row0, ext.col0, ext.nrows, ext.ncols))
            limits = resolve_limits(values, mode, k, ranges) if n_valid else None
            for ext, valid, scores in _read_spill(score_spill, score_extents, k, scorer.score_dtype,
                                                  progress.sub(middle, 1.0)):
                write_labels(ext, valid, label_scores(scores, limits, dtype))
        if n_valid == 0:
            raise HyspecError(no_valid)
        if limits is not None:
            writer.set_metadata_item("SCORE_LIMITS", ",".join(f"{v:.9g}" for v in limits.values))
        writer.set_metadata_item("SCORE_RANGE", ";".join(f"{n}={a:.9g}..{b:.9g}"
                                                          for n, a, b in zip(names, ranges.min, ranges.max)))
        for j in range(k):
            writer.set_metadata_item(f"PIXELS_{j + 1}", str(int(counts[j + 1])))
    return ClassifyResult(method, mode, names, colors, values, None if limits is None else limits.values,
                          {n: int(counts[j + 1]) for j, n in enumerate(names)}, n_valid, int(counts[0]), total,
                          ranges.min, ranges.max, cube_range, os.fspath(output), os.fspath(rule) if rule else None)


def classify_array(cube: np.ndarray, library: np.ndarray, method: str = "sam", thresholds=None,
                   mode: str = "absolute", valid: np.ndarray | None = None, names=None):
    """In-memory SAM/SID: ``cube`` (..., b) float, ``library`` (k, b) as pysptools' ``E``.

    Returns (classes (...) with 0 = unclassified / invalid, scores (..., k) NaN at invalid pixels, ScoreRange).
    The same fit and apply functions as :func:`classify_raster`.
    """
    method, mode = _check_method(method), _check_mode(mode)
    shape = cube.shape[:-1]
    data = np.ascontiguousarray(cube.reshape(-1, cube.shape[-1]), dtype=np.float32)
    valid = np.ones(data.shape[0], bool) if valid is None else np.asarray(valid, bool).reshape(-1)
    library = np.atleast_2d(library)
    names = names or [f"class {i + 1}" for i in range(library.shape[0])]
    values = parse_thresholds(thresholds, names, method, mode)
    cube_range = block_range(data, valid) if mode == "relative" else None
    scorer = make_scorer(method, library, names, mode, cube_range)
    scores = scorer.score(data)
    ranges = ScoreRange(len(names))
    ranges.update(scores, valid)
    limits = resolve_limits(values, mode, len(names), ranges)
    labels = label_scores(scores, limits)
    labels[~valid] = 0
    scores = scores.astype(np.float64)
    scores[~valid] = np.nan
    return labels.reshape(shape), scores.reshape(*shape, -1), ranges
