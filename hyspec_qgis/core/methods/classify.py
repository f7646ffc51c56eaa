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
:class:`ScoreRange` (the score range, accumulated block by block) are the "fit", and give a :class:`ClassifyModel`
(the prepared library, :class:`Scorer`, and the :class:`Limits`); :meth:`ClassifyModel.predict` (:meth:`Scorer.score`
then :func:`label_scores`) is a pure function of one block and the model. Relative SAM can also be scored from
:func:`sam_statistics` of the raw pixels, taken before the cube's range is known (:meth:`Scorer.score_statistics`).
:func:`classify_raster` runs the whole job on a raster in bounded memory (:mod:`.classify_run`, one walker pass per
step); :func:`classify_array` is the same on an in-memory array.

References: Kruse et al. (1993), The Spectral Image Processing System (SIPS), Remote Sens. Environ. 44 (SAM);
Chang (2000), An information-theoretic approach to spectral variability, similarity, and discrimination for
hyperspectral image analysis, IEEE Trans. Inf. Theory 46 (SID); pysptools 0.15 ``classification/cls.py``.
"""
from __future__ import annotations

import numpy as np

from .classify_run import (  # noqa: F401 - the raster job's names stay importable from here
    ClassifyModel,
    ClassifyResult,
    CubeRange,
    block_range,
    classify_raster,
    fit_cube_range,
)
from .classify_scores import (  # noqa: F401 - the public names stay importable from here
    CHUNK_BYTES,
    METHODS,
    PYSPTOOLS_SAM_DECIMALS,
    PYSPTOOLS_SID_EPS,
    SCORE_NAMES,
    SID_FLOOR,
    THRESHOLD_MODES,
    Scorer,
    check_method,
    check_mode,
    floor_spectra,
    make_scorer,
    minmax_normalize,
    relative_library,
    sam_statistics,
)
from .classify_thresholds import (  # noqa: F401
    PYSPTOOLS_LIST_GUARD,
    Limits,
    ScoreRange,
    label_scores,
    parse_thresholds,
    relative_limits,
    resolve_limits,
)
from .library import select_endmembers  # noqa: F401


def classify_array(cube: np.ndarray, library: np.ndarray, method: str = "sam", thresholds=None,
                   mode: str = "absolute", valid: np.ndarray | None = None, names=None):
    """In-memory SAM/SID: ``cube`` (..., b) float, ``library`` (k, b) as pysptools' ``E``.

    Returns (classes (...) with 0 = unclassified / invalid, scores (..., k) NaN at invalid pixels, ScoreRange).
    The same fit and apply functions as :func:`classify_raster`.
    """
    method, mode = check_method(method), check_mode(mode)
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
    model = ClassifyModel(scorer, resolve_limits(values, mode, len(names), ranges))
    labels = label_scores(scores, model.limits)
    labels[~valid] = 0
    scores = scores.astype(np.float64)
    scores[~valid] = np.nan
    return labels.reshape(shape), scores.reshape(*shape, -1), ranges
