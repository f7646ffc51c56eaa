"""The three per-tile tasks of a site run, as plain functions of file paths and a small model.

They run in a Dask worker process (or in-process on the serial path): each opens its tile from the path, streams it
in blocks and returns a small result. ``cancel`` is how a task learns that the user cancelled: on the serial path
the driver's progress callback, on Dask the name of a ``distributed.Event`` that the driver sets (checked between
blocks, so a running task stops within one block and removes what it had written).

* :func:`survey_tile`: the valid pixel count, the value range and a seeded Bernoulli sample of the valid pixels;
* :func:`score_range_tile`: the SID score range of every valid pixel (relative thresholds of the unmixing chain);
* :func:`apply_tile`: the chain applied to every block, the tile's rasters written into a hidden folder that is
  renamed to ``<OUTPUT_FOLDER>/<tile>/`` only when everything in it (and its ``tile.json``) is complete.
"""
from __future__ import annotations

import json
import os
import shutil
import time
import zlib
from dataclasses import dataclass, field

import numpy as np

from ..engine.blockwise import apply_blockwise
from ..engine.progress import as_progress
from ..errors import HyspecError
from ..io.outputs import atomic_write, partial_path, remove_stale_partials
from ..io.raster_writer import RasterWriter
from . import chains
from .tiles import TileReader, tile_name

MANIFEST = "tile.json"
CANCEL_CHECK_SECONDS = 0.2


class _EventCheck:
    """A progress callback that reports "cancel" once the driver has set the Dask event ``name`` (checked at most
    every CANCEL_CHECK_SECONDS: each check asks the scheduler)."""

    def __init__(self, name: str):
        self.name = name
        self._event = None
        self._last = None

    def __call__(self, fraction=None, message=None):
        now = time.monotonic()
        if self._last is not None and now - self._last < CANCEL_CHECK_SECONDS:
            return True
        self._last = now
        if self._event is None:
            from distributed import Event

            self._event = Event(self.name)
        return not self._event.is_set()


def task_progress(cancel):
    """The core Progress a task reports to: the serial path's callback, a Dask cancel event's name, or nothing."""
    return as_progress(_EventCheck(cancel) if isinstance(cancel, str) else cancel)


def tile_seed(seed: int, name: str) -> np.random.Generator:
    """The sample of a tile depends on SEED and the tile's name only: not on the other tiles, the order the
    scheduler runs them in, or the block size."""
    return np.random.default_rng([int(seed), zlib.crc32(name.encode("utf-8"))])


@dataclass
class Survey:
    name: str
    n_valid: int
    n_total: int
    sample: np.ndarray  # (m, b) float32
    value_min: float
    value_max: float
    wavelengths: np.ndarray | None
    fwhm: np.ndarray | None
    seconds: float


def survey_tile(path: str, chain: str, probability: float, seed: int, cancel=None) -> Survey:
    """One streamed pass over a tile: every valid pixel is kept for the site sample with ``probability``."""
    start = time.perf_counter()
    progress = task_progress(cancel)
    progress.check()
    name = tile_name(path)
    rng = tile_seed(seed, name)
    parts, n_valid, lo, hi = [], 0, np.inf, -np.inf
    with TileReader(path) as reader:
        choice = chains.choose_bands(reader, chain)
        for block in reader.blocks(bands=choice.keep, progress=progress):
            valid = block.valid
            n_valid += int(valid.sum())
            if valid.any():
                rows = block.data[valid]
                lo, hi = min(lo, float(rows.min())), max(hi, float(rows.max()))
            pick = valid & (rng.random(valid.size) < probability)
            parts.append(block.data[pick])
        total = reader.width * reader.height
    if n_valid == 0:
        raise HyspecError("INPUTS: {path}: every pixel is no-data", path=path)
    sample = np.concatenate(parts) if parts else np.empty((0, choice.keep.size), np.float32)
    return Survey(name, n_valid, total, sample, lo, hi, choice.wavelengths, choice.fwhm,
                  time.perf_counter() - start)


def check_grid(choice, model, path: str) -> None:
    """The tile's cleaned bands must be the site model's (same count, wavelengths within half a band)."""
    want = model.wavelengths
    n = model.mean.size if model.chain == "kmeans" else model.endmembers.shape[0]
    if choice.keep.size != n:
        raise HyspecError("INPUTS: {path}: the {chain} recipe keeps {n_keep} bands of this tile "
                          "but {n_model} of the tiles the site model was fitted on; its spectral grid differs", path=path,
                          chain=model.chain, n_keep=choice.keep.size, n_model=n)
    if want is not None and choice.wavelengths is not None and want.size > 1:
        half = 0.5 * float(np.median(np.diff(want)))
        worst = float(np.max(np.abs(choice.wavelengths - want)))
        if worst > half:
            raise HyspecError("INPUTS: {path}: its wavelengths differ from the site model's by up to {worst:.3g} nm "
                              "(more than half a band, {half:.3g} nm); process tiles of one spectral grid together", path=path,
                              worst=worst, half=half)


def score_range_tile(path: str, model, cancel=None) -> tuple:
    """(n, min (k,), max (k,)) of the SID scores of every valid pixel of the tile."""
    progress = task_progress(cancel)
    progress.check()
    scorer = model.scorer()
    parts = []
    with TileReader(path) as reader:
        choice = chains.choose_bands(reader, model.chain)
        check_grid(choice, model, path)
        for block in reader.blocks(bands=choice.keep, progress=progress):
            parts.append(chains.score_range_block(block, model, scorer))
    return chains.merge_score_ranges(parts)


@dataclass
class TileResult:
    name: str
    n_valid: int
    n_total: int
    seconds: float
    counts: dict = field(default_factory=dict)  # classes product -> pixels per class, index 0 = unclassified
    sums: dict = field(default_factory=dict)  # values product -> sum over valid pixels per band
    files: list = field(default_factory=list)


def tile_complete(folder: str, name: str, model_id: str) -> dict | None:
    """The tile's manifest when its outputs are complete for this model, else None."""
    path = os.path.join(folder, name, MANIFEST)
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError):
        return None
    if manifest.get("model_id") != model_id:
        return None
    if not all(os.path.isfile(os.path.join(folder, name, f)) for f in manifest.get("files", [])):
        return None
    return manifest


def _replace_folder(tmp: str, final: str) -> None:
    """Put a finished tile folder in place; an older one (another model) is moved aside first, then removed."""
    if os.path.exists(final):
        old = partial_path(final)
        os.replace(final, old)
        os.replace(tmp, final)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, final)


def apply_tile(path: str, model, model_id: str, folder: str, cancel=None) -> TileResult:
    """Apply the site model to every block of the tile; write its products as ``<folder>/<tile>/<product>.tif``."""
    start = time.perf_counter()
    progress = task_progress(cancel)
    progress.check()
    name = tile_name(path)
    final = os.path.join(folder, name)
    remove_stale_partials(final)  # hidden folders of killed runs on this machine
    tmp = partial_path(final)  # a hidden folder: .<tile>.<pid>-<token>.partial
    os.mkdir(tmp)
    products = chains.products(model)
    counts = {p.name: np.zeros(len(p.class_names) + 1, np.int64) for p in products if p.kind == "classes"}
    sums = {p.name: np.zeros(len(p.band_names), np.float64) for p in products if p.kind == "values"}
    try:
        with TileReader(path) as reader:
            choice = chains.choose_bands(reader, model.chain)
            check_grid(choice, model, path)
            meta = {"HYSPEC_ALGORITHM": f"site:{model.chain}", "HYSPEC_SITE_MODEL": model_id,
                    "HYSPEC_INPUT": os.path.basename(path)}
            writers = []
            for p in products:
                writers.append(RasterWriter(
                    os.path.join(tmp, p.name + ".tif"), width=reader.width, height=reader.height,
                    bands=len(p.band_names), geotransform=reader.geotransform, crs_wkt=reader.crs_wkt, dtype=p.dtype,
                    nodata=p.nodata, band_names=None if p.kind == "classes" else p.band_names,
                    class_names=p.class_names, colors=p.colors, metadata=meta))
            prepared = chains.prepare_apply(model)
            n_valid = 0

            def func(block):
                nonlocal n_valid
                arrays = chains.apply_chain(block, model, prepared)
                valid = block.valid
                n_valid += int(valid.sum())
                for p, values in zip(products, arrays):
                    if p.kind == "classes":
                        counts[p.name] += np.bincount(values[valid], minlength=counts[p.name].size)
                    else:
                        sums[p.name] += values[valid].sum(axis=0, dtype=np.float64)
                return arrays

            apply_blockwise(reader, func, writers, bands=choice.keep, progress=progress)
            total = reader.width * reader.height
        files = [p.name + ".tif" for p in products]
        result = TileResult(name, n_valid, total, time.perf_counter() - start,
                            {k: v.tolist() for k, v in counts.items()}, {k: v.tolist() for k, v in sums.items()}, files)
        manifest = {"model_id": model_id, "tile": name, "input": os.path.abspath(path), "files": files,
                    "n_valid": n_valid, "n_total": total, "seconds": round(result.seconds, 3),
                    "counts": result.counts, "sums": result.sums}
        with atomic_write(os.path.join(tmp, MANIFEST), encoding="utf-8") as f:
            json.dump(manifest, f, indent=1)
        _replace_folder(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return result
