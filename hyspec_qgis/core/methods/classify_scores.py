"""SAM and SID scores of pixels against an endmember library: the pure "apply" half of the classification.

:func:`make_scorer` prepares the library once (unit vectors for SAM; distributions and their logarithms for SID);
:meth:`Scorer.score` is then a pure function of a block of pixels. The rules (absolute and relative modes, the SID
floor, pysptools' rescaling) are described in :mod:`hyspec_qgis.core.methods.classify`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..engine.linalg import matmul
from ..errors import HyspecError, ParameterError, SpectraError
from ..messages import Message

METHODS = ("sam", "sid")
THRESHOLD_MODES = ("absolute", "relative")
SCORE_NAMES = {"sam": "spectral angle (radians)", "sid": "spectral information divergence"}
SID_FLOOR = 1e-3  # absolute-mode SID: values below this fraction of the spectrum's RMS are raised to it
PYSPTOOLS_SAM_DECIMALS = 7  # pysptools rounds cos(angle) to 7 decimals (cls._round_threshold)
PYSPTOOLS_SID_EPS = float(np.spacing(1))  # pysptools adds this to every probability
CHUNK_BYTES = 768 * 1024  # pixels scored together: the per-step temporaries fit in the CPU's L2 cache
# float32 sums of squares of a spectrum outside this range overflow or lose digits (values near 1e19 or 1e-15):
# SID rescales such spectra by a power of two first (it does not depend on scale).
SAFE_SQUARES = (1e-30, 1e30)


def check_method(method: str) -> str:
    m = str(method).lower()
    if m not in METHODS:
        raise ParameterError("METHOD: {method!r} is not one of {methods}", method=method, methods=", ".join(METHODS))
    return m


def check_mode(mode: str) -> str:
    m = str(mode).lower()
    if m not in THRESHOLD_MODES:
        raise ParameterError("THRESHOLD_MODE: {mode!r} is not one of {threshold_modes}", mode=mode,
                             threshold_modes=", ".join(THRESHOLD_MODES))
    return m


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
    unit64: np.ndarray | None = None  # absolute SAM: the unit vectors in float64, for the small-angle refinement

    @property
    def k(self) -> int:
        return self.vectors.shape[0]

    @property
    def chunk_rows(self) -> int:
        """Pixels :meth:`score` scores together (about CHUNK_BYTES of float32 pixels)."""
        return max(16, CHUNK_BYTES // (4 * max(self.n_bands, 1)))

    @property
    def score_dtype(self):
        return np.float64 if (self.method == "sam" and self.relative) else np.float32

    def score(self, data: np.ndarray) -> np.ndarray:
        """(n, b) float32 pixels -> (n, k) scores (NaN where undefined: an all-zero spectrum in SAM).

        Works through the block in slices of about CHUNK_BYTES so that the temporaries of each step stay in the CPU
        cache (about 3 times faster than whole-block numpy passes here); each pixel's score depends only on it."""
        if data.shape[1] != self.n_bands:
            raise ValueError(f"block has {data.shape[1]} bands, the endmembers {self.n_bands}")
        step = self.chunk_rows
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
            np.clip(cos, -1.0, 1.0, out=cos)
            return np.arccos(cos, out=cos)
        # float64: the angle from a float32 cosine is off by up to 1e-6 rad at 0.5 rad and 5e-5 rad at 0.01 rad (its
        # last bits near 1 are worth that much), and float32 squares overflow for values near 1e19.
        return sam_angles64(data, self.unit64).astype(np.float32)

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

    An all-zero spectrum becomes flat (every value the same tiny positive number). A float32 spectrum whose squares
    would overflow or underflow (values near 1e19, or 1e-15) is first scaled by a power of two: SID does not depend on
    a spectrum's scale, and the rest of the computation then stays in float32's range."""
    x = np.asarray(x)
    if x.dtype != np.float64:
        x = x.astype(np.float32, copy=False)
    squares = np.einsum("ij,ij->i", x, x)
    if x.dtype == np.float32:
        unsafe = ~((squares > SAFE_SQUARES[0]) & (squares < SAFE_SQUARES[1]))
        if unsafe.any():
            x = x.copy()
            x[unsafe] = unit_scale(x[unsafe])
            squares[unsafe] = np.einsum("ij,ij->i", x[unsafe], x[unsafe])
    rms = np.sqrt(squares / max(x.shape[1], 1))
    floor = (x.dtype.type(SID_FLOOR) * rms).astype(x.dtype)
    floor[~(floor > 0)] = x.dtype.type(1e-30)
    return np.maximum(x, floor[:, None])


def unit_scale(x: np.ndarray) -> np.ndarray:
    """Each row times the power of two that brings its largest magnitude into [0.5, 1): exact, and it keeps the
    shape of every spectrum (all-zero rows stay zero)."""
    peak = np.max(np.abs(x), axis=1) if x.size else np.zeros(x.shape[0], x.dtype)
    exponent = np.frexp(peak)[1]
    return np.ldexp(x, -exponent[:, None]).astype(x.dtype, copy=False)


def sam_angles64(data: np.ndarray, unit64: np.ndarray) -> np.ndarray:
    """Spectral angles (n, k) of float32 pixels (n, b) to float64 unit vectors (k, b), computed in float64: every
    float32 value squares without overflow there, and the cosine is exact enough for angles far below 1e-3 rad.
    NaN for an all-zero pixel."""
    x = data.astype(np.float64)
    norms = np.sqrt(np.einsum("ij,ij->i", x, x))
    cos = matmul(x, unit64.T)
    cos /= norms[:, None]
    np.clip(cos, -1.0, 1.0, out=cos)
    return np.arccos(cos, out=cos)


def relative_library(library: np.ndarray) -> np.ndarray:
    """pysptools' rescaling of the endmember library on its own: (E - min(E)) / (max(E) - min(E)), float64 (k, b)."""
    lib = np.atleast_2d(np.asarray(library, dtype=np.float64))
    return minmax_normalize(lib, float(lib.min()), float(lib.max()))


def sam_chunk_rows(n_bands: int) -> int:
    """Pixels :func:`sam_statistics` takes together (about CHUNK_BYTES of float64 pixels)."""
    return max(16, CHUNK_BYTES // (8 * max(n_bands, 1)))


def sam_statistics(data: np.ndarray, rescaled_library: np.ndarray) -> np.ndarray:
    """What relative-mode SAM keeps of each raw pixel before the cube's range is known: (n, k + 2) float64 with the
    dot products with the rescaled library, the pixel's sum and its sum of squares (see Scorer.score_statistics)."""
    k = rescaled_library.shape[0]
    out = np.empty((data.shape[0], k + 2), dtype=np.float64)
    step = sam_chunk_rows(data.shape[1])
    for i in range(0, data.shape[0], step):
        x = data[i:i + step].astype(np.float64)
        out[i:i + step, :k] = matmul(x, rescaled_library.T)
        out[i:i + step, k] = x.sum(axis=1)
        out[i:i + step, k + 1] = np.einsum("ij,ij->i", x, x)
    return out


def _fortran(library: np.ndarray) -> np.ndarray:
    """The (k, b) library in Fortran order: ``matmul(x, library.T)`` then hands it to BLAS without a copy (with
    10 000 spectra that copy, once per cache-sized chunk of pixels, cost a third of the scoring time)."""
    return np.asfortranarray(library)


def make_scorer(method: str, library: np.ndarray, names=None, mode: str = "absolute", cube_range=None,
                parameter: str = "ENDMEMBERS") -> Scorer:
    """Prepare the endmember library (k, b) for scoring.

    ``cube_range`` = (min, max) of the cube's valid values, needed in relative mode (:func:`fit_cube_range`).
    """
    method, mode = check_method(method), check_mode(mode)
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
                "INPUT: every valid value of the raster is {lo}; relative thresholds rescale the cube by its range, "
                "which is empty. Use THRESHOLD_MODE=absolute", lo=lo)
        shift, scale = lo, hi - lo
        lib = relative_library(lib)  # pysptools: the library on its own
    if method == "sam":
        norms = np.sqrt(np.einsum("ij,ij->i", lib, lib))
        zero = [names[i] for i in np.where(~(norms > 0))[0]]
        if zero:
            extra = Message(" after rescaling the library to 0-1 (relative mode)") if relative else ""
            raise SpectraError("{parameter}: spectrum {zero} is all zeros{extra}; it has no spectral angle", parameter=parameter,
                               zero=", ".join(zero), extra=extra)
        if relative:  # pysptools divides the dot products by |x| |e|: keep its arithmetic, in float64
            return Scorer("sam", True, names, _fortran(lib), shift=shift, scale=scale, n_bands=b, ref_norms=norms)
        unit = lib / norms[:, None]
        return Scorer("sam", False, names, _fortran(unit.astype(np.float32)), n_bands=b, unit64=_fortran(unit))
    if relative:
        q = lib / lib.sum(axis=1, keepdims=True)
        q = q.astype(np.float32) + np.float32(PYSPTOOLS_SID_EPS)  # pysptools prob_vector_array (float32)
        if not np.all(np.isfinite(q)):
            bad = [names[i] for i in np.where(~np.isfinite(q).all(axis=1))[0]]
            raise SpectraError("{parameter}: spectrum {bad} is all zeros after rescaling the library to 0-1", parameter=parameter,
                               bad=", ".join(bad))
        s = q.astype(np.float64) * b
    else:
        s = floor_spectra(lib)
        s = s / s.mean(axis=1, keepdims=True)
    logs = np.log(s)
    entropy = np.einsum("ij,ij->i", s, logs)
    return Scorer("sid", relative, names, _fortran(s.astype(np.float32)), _fortran(logs.astype(np.float32)), entropy,
                  shift=shift, scale=scale, n_bands=b)

