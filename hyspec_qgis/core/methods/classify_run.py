"""SAM / SID on a raster in bounded memory: hyspec:sam's and hyspec:sid's one core call, :func:`classify_raster`.

Each step is one pass of the engine's walker (the rules are in :mod:`hyspec_qgis.core.methods.classify`):

1. relative mode only, the fit of the cube's range: SID reads the raster for its min/max; SAM reads it once for
   everything, keeping per pixel only its dot products with the rescaled library, its sum and its sum of squares
   (a :class:`~hyspec_qgis.core.engine.spill.BlockSpill`), from which the angles of the rescaled spectra follow;
2. scores, from the raster or from that spill: the score range, the rule raster and, when the limits are already
   known (absolute thresholds, or none), the labels;
3. relative thresholds only: they need the range of all scores first, so step 2 spills the scores and this pass
   labels them.

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
from .classify_scores import SCORE_NAMES, Scorer, check_method, check_mode, make_scorer, relative_library, sam_statistics
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
        r = block_range(block.data, block.valid)
        if r is not None:
            self.lo, self.hi = min(self.lo, r[0]), max(self.hi, r[1])
            self.n += int(block.valid.sum())


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
        self.ranges = ScoreRange(k)
        self.counts = np.zeros(k + 1, dtype=np.int64)
        self.n_valid = 0

    def scores(self, scores: np.ndarray, valid: np.ndarray) -> None:
        self.ranges.update(scores, valid)
        self.n_valid += int(valid.sum())

    def labels(self, labels: np.ndarray, valid: np.ndarray) -> None:
        self.counts += np.bincount(labels[valid], minlength=self.counts.size)


def _score_source(plan: _Plan, stack, progress):
    """Step 1: (cube range or None, scorer, where the scores come from: (source, window, score function of
    ``block.data``), the progress fraction used so far)."""
    raster, window = plan.raster, plan.window
    if not plan.relative:
        scorer = make_scorer(plan.method, plan.library, plan.names, plan.mode)
        return None, scorer, (raster, window, scorer.score), 0.0
    cube = CubeRange()
    if plan.method == "sid":
        cube.lo, cube.hi, cube.n = fit_cube_range(raster, window, progress.sub(0.0, 0.45))
        start, source = 0.45, None
    else:
        rescaled = relative_library(plan.library)
        spill = stack.enter_context(BlockSpill(plan.folder, window, plan.k + 2, np.float64))
        with walk(raster, window=window, progress=progress.sub(0.0, 0.8), rows=plan.rows,
                  read_ahead=DEFAULT_WORKERS) as blocks:
            for block in blocks:
                cube.add(block)
                spill.add(block, sam_statistics(block.data, rescaled))
        start, source = 0.8, spill
    if cube.n == 0:
        raise plan.no_valid()
    scorer = make_scorer(plan.method, plan.library, plan.names, plan.mode, (cube.lo, cube.hi))
    if source is None:
        return (cube.lo, cube.hi), scorer, (raster, window, scorer.score), start
    return (cube.lo, cube.hi), scorer, (source, None, scorer.score_statistics), start


def _rule_values(scores: np.ndarray) -> np.ndarray:
    img = scores.astype(np.float32)
    img[~np.isfinite(img)] = FLOAT_NODATA
    return img


def _score_and_label(plan, stack, scored, scorer, writer, rule_writer, progress, tally) -> Limits | None:
    """Steps 2 and 3 into the class (``writer``) and rule rasters; returns the limits applied."""
    source, window, score = scored
    dtype = writer.dtype
    early = not (plan.relative and plan.values)  # the limits are known before any score
    limits = resolve_limits(plan.values, plan.mode, plan.k) if early else None
    spill = None if early else stack.enter_context(BlockSpill(plan.folder, plan.window, plan.k, scorer.score_dtype))

    def scores_pass(block):
        scores = score(block.data)
        tally.scores(scores, block.valid)
        labels = None
        if early:
            labels = label_scores(scores, limits, dtype)
            tally.labels(labels, block.valid)
        else:
            spill.add(block, scores)
        return [labels, _rule_values(scores) if rule_writer is not None else None]

    middle = 1.0 if early else 0.85
    write_pass(source, scores_pass, [writer if early else None, rule_writer], window=window,
               progress=progress.sub(0.0, middle), rows=plan.rows, read_ahead=DEFAULT_WORKERS)
    if tally.n_valid == 0:
        raise plan.no_valid()
    if early:
        return limits
    limits = resolve_limits(plan.values, plan.mode, plan.k, tally.ranges)

    def labels_pass(block):
        labels = label_scores(block.data, limits, dtype)
        tally.labels(labels, block.valid)
        return [labels]

    write_pass(spill, labels_pass, [writer], progress=progress.sub(middle, 1.0))
    return limits


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
        cube_range, scorer, scored, start = _score_source(plan, stack, progress)
        limits = _score_and_label(plan, stack, scored, scorer, writer, rule_writer, progress.sub(start, 1.0), tally)
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
