"""One rule for SEED in every method: 0 or a positive integer, the same number giving the same result everywhere."""
from __future__ import annotations

import operator

import numpy as np

from ..errors import ParameterError


def check_seed(seed, parameter: str = "SEED") -> int:
    """``seed`` as a Python int, or a :class:`ParameterError` naming ``parameter``.

    numpy's generators take no negative seed (they raised a bare ValueError deep inside a run); refusing them here,
    before any work, keeps the rule the algorithms' dialogs state. Whole floats (3.0) are accepted, as QGIS may pass
    them; fractions, booleans and None are refused rather than silently rounded or drawn from fresh entropy."""
    value = None
    if not isinstance(seed, (bool, np.bool_)):
        try:
            value = operator.index(seed)
        except TypeError:
            if isinstance(seed, (float, np.floating)) and float(seed).is_integer():
                value = int(seed)
    if value is None or value < 0:
        raise ParameterError("{parameter}: must be 0 or a positive integer, got {seed!r}", parameter=parameter, seed=seed)
    return int(value)
