"""SAM / SID on a raster in bounded memory: hyspec:sam's and hyspec:sid's one core call, :func:`classify_raster`.

Each step is one pass of the engine's walker (the rules are in :mod:`hyspec_qgis.core.methods.classify`):

1. relative mode only, the fit of the cube's range. SID takes it from the band statistics stored in the input (our
   writer stores exact ones, so no pixel is read for it) and step 2 checks it on the pixels it reads, scoring again
   with the pixels' own range should they disagree; a file without statistics is read once for its min/max. SAM
   reads the raster once for everything, keeping per pixel only its dot products with the rescaled library, its sum
   and its sum of squares (a :class:`~hyspec_qgis.core.engine.spill.BlockSpill`), from which the angles of the
   rescaled spectra follow;
2. scores, from the raster or from that spill, and the score range; when the labels need nothing more (absolute
   mode, or no threshold and a known range) the labels and the rule raster too;
3. otherwise (relative thresholds need the range of all scores, a stored cube range is checked only once step 2 has
   seen every pixel) step 2 spills the scores and this pass writes the labels and the rule raster from them.

Spills are unnamed temporary files beside the output (k + 2 numbers per pixel at most). Blocks are decoded ahead by
background readers. On any error or cancel no output is left.
"""
from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass

import numpy as np

from ..engine.blockwise import walk, write_pass
from ..engine.prefetch import DEFAULT_WORKERS
from ..engine.progress import as_progress
from ..engine.spill import BlockSpill
from ..errors import HyspecError
from ..io.raster_reader import SpectralRaster
from ..io.raster_writer import FLOAT_NODATA, RasterWriter, class_colors, class_dtype, exact_number
from ..messages import Message
from .classify_scores import (
    SCORE_NAMES,
    Scorer,
    check_method,
    check_mode,
    make_scorer,
    relative_library,
    sam_chunk_rows,
    sam_statistics,
)
from .classify_thresholds import PYSPTOOLS_LIST_GUARD, Limits, ScoreRange, label_scores, parse_thresholds, resolve_limits
from .library import load_spectra, select_endmembers


@dataclass(frozen=True)
class ClassifyModel:
    """A fitted SAM / SID classifier: the prepared library (and relative mode's cube rescaling) and the per-class
    limits (None: no threshold). :meth:`predict` is the pure "apply" of one block."""

    scorer: Scorer
    limits: Limits | None = None

    def score(self, data: np.ndarray) -> np.ndarray:
        return self.scorer.score(data)

    def predict(self, data: np.ndarray, dtype=None) -> np.ndarray:
        """(n, b) pixels -> (n,) classes 1..k, 0 = unclassified."""
        return label_scores(self.scorer.score(data), self.limits, dtype)


def block_range(data: np.ndarray, valid: np.ndarray) -> tuple[float, float] | None:
    """(min, max) over the valid rows of a block, or None when none is valid."""
    if not valid.any():
        return None
    if valid.all():
        return float(data.min()), float(data.max())
    return float(data.min(axis=1)[valid].min()), float(data.max(axis=1)[valid].max())


class CubeRange:
    """Running (min, max) of every valid pixel value, and how many valid pixels: relative mode's fit."""

    def __init__(self):
        self.lo, self.hi, self.n = np.inf, -np.inf, 0

    def add(self, block) -> None:
        self.add_values(block.data, block.valid)

    def add_values(self, data: np.ndarray, valid: np.ndarray) -> None:
        r = block_range(data, valid)
        if r is not None:
            self.lo, self.hi = min(self.lo, r[0]), max(self.hi, r[1])
            self.n += int(valid.sum())


def fit_cube_range(raster: SpectralRaster, window=None, progress=None) -> tuple[float, float, int]:
    """Relative mode's fit: (min, max, n_valid) of every valid pixel value of the raster, one streamed pass
    (blocks decoded ahead by background readers)."""
    cube = CubeRange()
    with walk(raster, window=window, progress=progress, read_ahead=DEFAULT_WORKERS) as blocks:
        for block in blocks:
            cube.add(block)
    return cube.lo, cube.hi, cube.n


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
        lines = [Message("{method} ({mode} thresholds): {n_valid} valid pixels of {total}, {n_unclassified} unclassified",
                         method=self.method.upper(), mode=self.mode, n_valid=self.n_valid, total=self.total,
                         n_unclassified=self.n_unclassified)]
        if self.cube_range:
            lines.append(Message("  relative mode: cube rescaled from [{low:.6g}, {high:.6g}] to 0-1", low=self.cube_range[0],
                                 high=self.cube_range[1]))
        for j, name in enumerate(self.names):
            limit = "" if self.limits is None else Message(", limit {limit:.6g}", limit=self.limits[j])
            if (self.mode == "relative" and self.limits is not None and self.limits[j] == PYSPTOOLS_LIST_GUARD
                    and self.score_min[j] >= PYSPTOOLS_LIST_GUARD):
                limit = Message(", limit {limit:.6g} (pysptools' guard: scores of 10 or more are never classified)",
                                limit=self.limits[j])
            lines.append(Message("  {number} {name}: {n_pixels} pixels (score {low:.6g} to "
                                 "{high:.6g}{limit})", number=j + 1, name=name, n_pixels=self.counts[name], low=self.score_min[j],
                                 high=self.score_max[j], limit=limit))
        return lines


@dataclass
class _Plan:
    """What the job knows before the first pass: everything checked, nothing read yet."""

    raster: SpectralRaster
    window: object
    method: str
    mode: str
    names: list
    colors: list
    library: np.ndarray  # (k, b)
    values: list | None  # validated thresholds
    rows: int  # rows per block
    folder: str  # where spills go
    meta: dict

    @property
    def k(self) -> int:
        return len(self.names)

    @property
    def relative(self) -> bool:
        return self.mode == "relative"

    def no_valid(self) -> HyspecError:
        return HyspecError("INPUT: {path} has no valid pixel (all no-data)", path=self.raster.path)


def _plan(raster, endmembers, output, method, mode, select, thresholds, window) -> _Plan:
    library = load_spectra(endmembers, raster)  # a CSV path or Spectra, on the raster's bands
    spectra, idx = select_endmembers(library, select)
    names = list(spectra.names)
    values = parse_thresholds(thresholds, names, method, mode)
    window = window or raster.full_window()
    palette = class_colors(max(idx) + 1)  # once: computed per class it made a 10 000-spectrum library O(k^2)
    lib = spectra.values.T
    make_scorer(method, lib, names)  # an unusable endmember fails here, before any pass over the raster
    if mode == "relative":
        make_scorer(method, lib, names, mode, (0.0, 1.0))  # and one that is unusable once rescaled
    meta = {"HYSPEC_ALGORITHM": method, "THRESHOLD_MODE": mode, "ENDMEMBERS": ";".join(names)}
    if isinstance(endmembers, (str, os.PathLike)):
        meta["ENDMEMBERS_CSV"] = os.path.basename(os.fspath(endmembers))
    if values:
        meta["THRESHOLD"] = ",".join(exact_number(v) for v in values)
    # Blocks sized for the scores too: with a library of thousands of spectra, (pixels, k) scores and their
    # temporaries would otherwise outgrow the pixels' own budget many times over.
    rows = raster.block_rows(max(raster.count, 3 * len(names)), window.width)
    return _Plan(raster, window, method, mode, names, [palette[i] for i in idx], lib, values, rows,
                 os.path.dirname(os.path.abspath(output)), meta)


class _Tally:
    """Score range, pixels per class (0 = unclassified) and valid pixels, accumulated block by block."""

    def __init__(self, k: int):
        self.k = k
        self.reset()

    def reset(self) -> None:
        self.ranges = ScoreRange(self.k)
        self.counts = np.zeros(self.k + 1, dtype=np.int64)
        self.n_valid = 0

    def scores(self, scores: np.ndarray, valid: np.ndarray) -> None:
        self.ranges.update(scores, valid)
        self.n_valid += int(valid.sum())

    def labels(self, labels: np.ndarray, valid: np.ndarray) -> None:
        self.counts += np.bincount(labels[valid], minlength=self.counts.size)


@dataclass
class _Scoring:
    """Where step 2's scores come from: ``score(block.data)`` over the blocks of ``source`` (``window``), with the
    scorer fitted on ``cube_range`` (relative mode); ``start`` is the progress fraction step 1 used. ``hinted``: the
    range came from the file's stored band statistics, unchecked; step 2 checks it on the pixels it reads."""

    cube_range: tuple | None
    scorer: Scorer
    source: object
    window: object
    score: object
    start: float
    hinted: bool = False


def _stored_cube_range(plan: _Plan) -> tuple[float, float] | None:
    """The cube's (min, max) from the statistics stored in the input (whole raster only), if usable as a scorer's
    range; None means a pass must find it."""
    if plan.window != plan.raster.full_window():
        return None  # stored statistics are the whole raster's
    hint = plan.raster.stored_range()
    return hint if hint is not None and hint[1] > hint[0] else None


def _score_source(plan: _Plan, stack, progress) -> _Scoring:
    """Step 1: the cube range (relative mode) and the scorer, and where the scores come from."""
    raster, window = plan.raster, plan.window
    if not plan.relative:
        scorer = make_scorer(plan.method, plan.library, plan.names, plan.mode)
        return _Scoring(None, scorer, raster, window, scorer.score, 0.0)
    if plan.method == "sid":
        hint = _stored_cube_range(plan)
        if hint is not None:  # no pass: the file says its range; step 2 checks it on the pixels it reads
            scorer = make_scorer(plan.method, plan.library, plan.names, plan.mode, hint)
            return _Scoring(hint, scorer, raster, window, scorer.score, 0.0, hinted=True)
        cube = CubeRange()
        cube.lo, cube.hi, cube.n = fit_cube_range(raster, window, progress.sub(0.0, 0.45))
        if cube.n == 0:
            raise plan.no_valid()
        scorer = make_scorer(plan.method, plan.library, plan.names, plan.mode, (cube.lo, cube.hi))
        return _Scoring((cube.lo, cube.hi), scorer, raster, window, scorer.score, 0.45)
    cube = CubeRange()
    rescaled = relative_library(plan.library)
    spill = stack.enter_context(BlockSpill(plan.folder, window, plan.k + 2, np.float64))
    with walk(raster, window=window, progress=progress.sub(0.0, 0.8), rows=plan.rows,
              read_ahead=DEFAULT_WORKERS) as blocks:
        for block in blocks:
            spill.add(block, _statistics_checking(block, rescaled, cube))
    if cube.n == 0:
        raise plan.no_valid()
    scorer = make_scorer(plan.method, plan.library, plan.names, plan.mode, (cube.lo, cube.hi))
    return _Scoring((cube.lo, cube.hi), scorer, spill, None, scorer.score_statistics, 0.8)


def _rule_values(scores: np.ndarray) -> np.ndarray:
    img = scores.astype(np.float32)
    img[~np.isfinite(img)] = FLOAT_NODATA
    return img


def _measured(fn, block, cube: CubeRange, step: int, width: int, dtype) -> np.ndarray:
    """``fn(block.data)`` computed on cache-sized slices of ``step`` rows, each slice's value range added to ``cube``
    just before (measuring brings the slice into cache; a separate min/max pass over the block cost as much as the
    scoring). The slices are those ``fn`` takes itself, so the result is the same bit for bit."""
    data, valid = block.data, block.valid
    if data.shape[0] <= step:
        cube.add(block)
        return fn(data)
    out = np.empty((data.shape[0], width), dtype=dtype)
    for i in range(0, data.shape[0], step):
        cube.add_values(data[i:i + step], valid[i:i + step])
        out[i:i + step] = fn(data[i:i + step])
    return out


def _statistics_checking(block, rescaled: np.ndarray, cube: CubeRange) -> np.ndarray:
    """:func:`sam_statistics` of the block, its slices measured for ``cube`` on the way."""
    return _measured(lambda part: sam_statistics(part, rescaled), block, cube, sam_chunk_rows(block.data.shape[1]),
                     rescaled.shape[0] + 2, np.float64)


def _score_checking(scorer: Scorer, block, cube: CubeRange) -> np.ndarray:
    """``scorer.score(block.data)``, its slices measured for ``cube`` on the way."""
    return _measured(scorer.score, block, cube, scorer.chunk_rows, scorer.k, scorer.score_dtype)


def _score_pass(plan, stack, scored: _Scoring, deferred, limits, writer, rule_writer, progress, tally):
    """Step 2, one pass: returns (the spilled scores or None, the range of the pixels read when ``scored.hinted``)."""
    dtype = writer.dtype
    spill = stack.enter_context(BlockSpill(plan.folder, plan.window, plan.k, scored.scorer.score_dtype)) \
        if deferred else None
    cube = CubeRange() if scored.hinted else None

    def scores_pass(block):
        scores = scored.score(block.data) if cube is None else _score_checking(scored.scorer, block, cube)
        tally.scores(scores, block.valid)
        if deferred:
            spill.add(block, scores)
            return [None, None]
        labels = label_scores(scores, limits, dtype)
        tally.labels(labels, block.valid)
        return [labels, _rule_values(scores) if rule_writer is not None else None]

    write_pass(scored.source, scores_pass, [None if deferred else writer, None if deferred else rule_writer],
               window=scored.window, progress=progress, rows=plan.rows, read_ahead=DEFAULT_WORKERS)
    if tally.n_valid == 0:
        raise plan.no_valid()
    return spill, cube


def _score_and_label(plan, stack, scored: _Scoring, writer, rule_writer, progress, tally) -> tuple:
    """Steps 2 and 3 into the class (``writer``) and rule rasters; returns (the limits applied, the cube range).

    When the labels need nothing more (absolute mode, or no threshold and a checked range) one pass writes both
    rasters; otherwise step 2 spills the scores and step 3 writes both from the spill. A stored range that the pixels
    contradict (another tool's statistics, or a band valid where another is not) is replaced by the range step 2
    found, and step 2 runs again with it: the result is always that of the pixels' exact range."""
    deferred = scored.hinted or (plan.relative and bool(plan.values))
    limits = None if deferred else resolve_limits(plan.values, plan.mode, plan.k)
    middle = 0.85 if deferred else 1.0
    spill, cube = _score_pass(plan, stack, scored, deferred, limits, writer, rule_writer, progress.sub(0.0, middle),
                              tally)
    if cube is not None and (cube.lo, cube.hi) != tuple(scored.cube_range):
        progress.log("{file}: its stored statistics give the range [{stored_lo:.9g}, {stored_hi:.9g}], its valid "
                     "pixels [{lo:.9g}, {hi:.9g}]: scoring again with the pixels' range",
                     file=os.path.basename(plan.raster.path), stored_lo=scored.cube_range[0],
                     stored_hi=scored.cube_range[1], lo=cube.lo, hi=cube.hi)
        spill.close()
        tally.reset()
        scorer = make_scorer(plan.method, plan.library, plan.names, plan.mode, (cube.lo, cube.hi))
        scored = _Scoring((cube.lo, cube.hi), scorer, scored.source, scored.window, scorer.score, scored.start)
        spill, _ = _score_pass(plan, stack, scored, deferred, limits, writer, rule_writer, progress.sub(0.0, middle),
                               tally)
    if not deferred:
        return limits, scored.cube_range
    if plan.values:
        limits = resolve_limits(plan.values, plan.mode, plan.k, tally.ranges)
    dtype = writer.dtype

    def labels_pass(block):
        labels = label_scores(block.data, limits, dtype)
        tally.labels(labels, block.valid)
        return [labels, _rule_values(block.data) if rule_writer is not None else None]

    write_pass(spill, labels_pass, [writer, rule_writer], progress=progress.sub(middle, 1.0))
    return limits, scored.cube_range


def classify_raster(raster, endmembers, output, *, method: str = "sam", select=None, thresholds=None,
                    mode: str = "absolute", rule=None, window=None, progress=None) -> ClassifyResult:
    """Classify ``raster`` (path or :class:`SpectralRaster`) with SAM or SID and write the class GeoTIFF.

    ``endmembers``: spectra CSV path or :class:`Spectra` (matched to the raster by wavelength). ``select``: names
    or 1-based numbers (list or comma string). ``thresholds``: None, one value or one per selected class.
    ``rule``: optional path of the rule raster (float32, one band per class with its score, -9999 at no-data).
    The score matrix of the whole image is never held; absolute mode reads the raster once (see the module's
    docstring for the passes of relative mode).
    """
    progress = as_progress(progress)
    method, mode = check_method(method), check_mode(mode)
    if not isinstance(raster, SpectralRaster):
        raster = SpectralRaster(raster, parameter="INPUT")
    plan = _plan(raster, endmembers, output, method, mode, select, thresholds, window)
    grid = dict(width=plan.window.width, height=plan.window.height, geotransform=raster.window_geotransform(plan.window),
                crs_wkt=raster.crs_wkt)
    tally = _Tally(plan.k)
    with contextlib.ExitStack() as stack:
        writer = stack.enter_context(RasterWriter(output, bands=1, dtype=class_dtype(plan.k), nodata=0,
                                                  class_names=plan.names, colors=plan.colors, metadata=plan.meta,
                                                  **grid))
        rule_writer = None if not rule else stack.enter_context(RasterWriter(
            rule, bands=plan.k, dtype="float32", nodata=FLOAT_NODATA, band_names=plan.names,
            metadata={**plan.meta, "SCORE": SCORE_NAMES[method]}, **grid))
        scored = _score_source(plan, stack, progress)
        limits, cube_range = _score_and_label(plan, stack, scored, writer, rule_writer,
                                              progress.sub(scored.start, 1.0), tally)
        _finish_metadata(writer, plan, tally, cube_range, limits)
    counts = tally.counts
    return ClassifyResult(method, mode, plan.names, plan.colors, plan.values,
                          None if limits is None else limits.values,
                          {n: int(counts[j + 1]) for j, n in enumerate(plan.names)}, tally.n_valid, int(counts[0]),
                          plan.window.width * plan.window.height, tally.ranges.min, tally.ranges.max, cube_range,
                          os.fspath(output), os.fspath(rule) if rule else None)


def _finish_metadata(writer, plan: _Plan, tally: _Tally, cube_range, limits) -> None:
    if cube_range:
        writer.set_metadata_item("CUBE_RANGE", f"{cube_range[0]:.9g},{cube_range[1]:.9g}")
    if limits is not None:
        writer.set_metadata_item("SCORE_LIMITS", ",".join(f"{v:.9g}" for v in limits.values))
    writer.set_metadata_item("SCORE_RANGE", ";".join(f"{n}={a:.9g}..{b:.9g}" for n, a, b in
                                                      zip(plan.names, tally.ranges.min, tally.ranges.max)))
    for j in range(plan.k):
        writer.set_metadata_item(f"PIXELS_{j + 1}", str(int(tally.counts[j + 1])))
