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
from dataclasses import dataclass

import numpy as np

from ..engine.gdal_env import gdal_streaming
from ..engine.prefetch import read_ahead
from ..engine.progress import as_progress
from ..errors import HyspecError
from ..io.raster_reader import SpectralRaster
from ..io.raster_writer import RasterWriter, class_colors, class_dtype, exact_number
from ..io.spectra_csv import Spectra, match_to_raster, read_spectra_csv
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

RULE_NODATA = -9999.0


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
    position = {name: i for i, name in enumerate(spectra.names)}
    return chosen, [position[n] for n in chosen.names]


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
    method, mode = check_method(method), check_mode(mode)
    if not isinstance(raster, SpectralRaster):
        raster = SpectralRaster(raster, parameter="INPUT")
    spectra, idx, csv_path = prepare_endmembers(raster, endmembers, select)
    names = list(spectra.names)
    k = len(names)
    values = parse_thresholds(thresholds, names, method, mode)
    window = window or raster.full_window()
    total = window.width * window.height
    palette = class_colors(max(idx) + 1)  # once: computed per class it made a 10 000-spectrum library O(k^2)
    colors = [palette[i] for i in idx]  # an endmember keeps its colour whatever is selected
    library = spectra.values.T  # (k, b)
    make_scorer(method, library, names)  # an unusable endmember fails here, before any pass over the raster
    relative = mode == "relative"
    if relative:
        make_scorer(method, library, names, mode, (0.0, 1.0))  # and one that is unusable once rescaled
    folder = os.path.dirname(os.path.abspath(output))
    # Blocks sized for the scores too: with a library of thousands of spectra, (pixels, k) scores and their
    # temporaries would otherwise outgrow the pixels' own budget many times over.
    rows = raster.block_rows(max(raster.count, 3 * k), window.width)
    no_valid = f"INPUT: {raster.path} has no valid pixel (all no-data)"

    gt = raster.window_geotransform(window)
    meta = {"HYSPEC_ALGORITHM": method, "THRESHOLD_MODE": mode, "ENDMEMBERS": ";".join(names)}
    if csv_path:
        meta["ENDMEMBERS_CSV"] = os.path.basename(csv_path)
    if values:
        meta["THRESHOLD"] = ",".join(exact_number(v) for v in values)
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
            for block in read_ahead(raster, window=window, progress=progress.sub(0.0, 0.8), rows=rows):
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
                for block in read_ahead(raster, window=window, progress=p, rows=rows):
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
    limits = resolve_limits(values, mode, len(names), ranges)
    labels = label_scores(scores, limits)
    labels[~valid] = 0
    scores = scores.astype(np.float64)
    scores[~valid] = np.nan
    return labels.reshape(shape), scores.reshape(*shape, -1), ranges
