"""Per-spectrum pre-processing, stored in every model so training and applying see the same numbers.

``minmax`` is deephyp's ``HypImg.pre_process('minmax')``: each spectrum minus (its minimum - 1e-3), divided by its
maximum (of the original values), so every spectrum lies in about (0, 1] and its brightness is mostly divided out
(a spectrum scaled by c maps to nearly the same values). deephyp divides by zero for an all-zero spectrum and flips
the sign of an all-negative one; here a spectrum whose maximum is not positive is divided by its range + 1e-3
instead. ``none`` keeps the values (reflectance) as they are.
"""
from __future__ import annotations

import numpy as np

from ..errors import ParameterError

METHODS = ("minmax", "none")
OFFSET = 1e-3  # deephyp's lower bound: spectra start just above 0 (SID takes logs of them)


def check_method(method: str) -> str:
    if method not in METHODS:
        raise ParameterError("PREPROCESSING: {method!r} is not one of {methods}", method=method, methods=", ".join(METHODS))
    return method


def minmax(x: np.ndarray) -> np.ndarray:
    """deephyp's per-spectrum minmax of the rows of ``x`` (n, b), float32, in a new array."""
    x = np.asarray(x, dtype=np.float32)
    lo = x.min(axis=1, keepdims=True)
    hi = x.max(axis=1, keepdims=True)
    denom = np.where(hi > 0, hi, hi - lo + OFFSET)
    out = x - (lo - OFFSET)
    out /= denom
    return out


def apply(method: str, x: np.ndarray) -> np.ndarray:
    """Pre-process the rows of ``x`` (n, b) with ``method``; float32."""
    if check_method(method) == "minmax":
        return minmax(x)
    return np.asarray(x, dtype=np.float32)
