"""SAM / SID thresholds and labels: validating THRESHOLD, the score range relative thresholds need, the per-class
limits in score units, and the lowest-eligible-score rule (see :mod:`hyspec_qgis.core.methods.classify`)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import HyspecError, ParameterError
from ..io.raster_writer import class_dtype

PYSPTOOLS_LIST_GUARD = 10.0  # pysptools' per-class thresholding treats scores >= 10 as over the limit


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
        raise ParameterError("{parameter}: expected numbers, got {thresholds!r}", parameter=parameter,
                             thresholds=thresholds) from exc
    k = len(names)
    if len(values) not in (1, k):
        raise ParameterError(
            "{parameter}: {n_values} values for {n_classes} classes ({classes}); give one value for "
            "all classes or exactly one per class, in the order of the classes", parameter=parameter, n_values=len(values),
            n_classes=k, classes=", ".join(map(str, names)))
    for v in values:
        if not np.isfinite(v) or v < 0:
            raise ParameterError("{parameter}: {value} is not a valid threshold (it must be a number >= 0)", parameter=parameter,
                                 value=v)
        if mode == "relative" and v > 1 and method == "sam":
            raise ParameterError(
                "{parameter}: {value} is over 1; in relative mode a threshold is a fraction of the score range "
                "(0 to 1, as in pysptools). Use THRESHOLD_MODE=absolute for radians", parameter=parameter, value=v)
        if mode == "relative" and v > 1:
            raise ParameterError(
                "{parameter}: {value} is over 1; in relative mode a threshold is a fraction of the score range "
                "(0 to 1, as in pysptools). Use THRESHOLD_MODE=absolute for divergence values", parameter=parameter,
                value=v)
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

