"""A whole site in one run: one model fitted on a sample drawn across all tiles, applied to every tile in parallel.

Phases (each logged, with progress per tile):

1. **tiles**: every input opened for its size and georeference (a tile that cannot be read, or whose CRS or pixel
   size differs from the first tile's, is reported failed; the others go on);
2. **sample** (one task per tile): each valid pixel is kept with the same probability, so every tile contributes
   in proportion to its valid pixels; the pooled candidates are thinned to SAMPLE_SIZE pixels with SEED;
3. **fit** (in this process): the chain's model on the pooled sample (:mod:`.chains`), saved with its key;
4. **score range** (unmixing chain, one task per tile): the SID score range over every pixel of the site;
5. **apply** (one task per tile): every tile's rasters, each tile folder put in place only when complete;
6. **mosaic and report**: one VRT per product with its names, colours and style; report.md / report.json.

A rerun reuses the model when its key matches (:mod:`.store`) and skips tiles already complete for it; an
interrupted run leaves hidden temporary folders only (removed by the next run).
"""
from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass, field

import numpy as np

from ..engine.progress import as_progress
from ..errors import HyspecError, ParameterError
from ..messages import Message
from . import chains, executors, mosaic, store, tasks
from .tiles import describe, expand_inputs, tile_name

DEFAULT_SAMPLE_SIZE = 200_000
DEFAULT_WORKERS = 2
OVERSAMPLE = 1.5  # candidates drawn per wanted sample pixel: SAMPLE_SIZE is reached while the site is <= 1/3 no-data


@dataclass
class SiteResult:
    folder: str
    mosaic: str | None  # the main VRT (classes or SID classes)
    mosaics: dict  # product -> VRT path
    model: str  # site_model.json
    model_id: str
    model_reused: bool
    tiles_done: list  # applied in this run
    tiles_skipped: list  # already complete for this model
    tiles_failed: dict  # name -> reason
    report: str
    report_json: str
    executor: str = ""
    files: dict = field(default_factory=dict)  # model files: CSVs, plot
    products: list = field(default_factory=list)  # chains.Product of each mosaic: names, colours, value ranges

    @property
    def n_complete(self) -> int:
        return len(self.tiles_done) + len(self.tiles_skipped)


class _Phases:
    """Progress ranges and timings of the phases."""

    RANGES = {"tiles": (0.0, 0.02), "sample": (0.02, 0.3), "fit": (0.3, 0.35), "score range": (0.35, 0.45),
              "apply": (0.45, 0.95), "mosaic": (0.95, 1.0)}

    def __init__(self, progress):
        self.progress = progress
        self.seconds = {}

    @contextlib.contextmanager
    def phase(self, name):
        start = time.perf_counter()
        lo, hi = self.RANGES[name]
        sub = self.progress.sub(lo, hi)
        sub(0.0)
        try:
            yield sub
        finally:
            self.seconds[name] = round(time.perf_counter() - start, 2)
        sub(1.0)


def _check(sample_size, seed, workers):
    if sample_size is None or int(sample_size) != sample_size or sample_size < 1:
        raise ParameterError("SAMPLE_SIZE: must be a whole number of pixels, 1 or more, got {sample_size}",
                             sample_size=sample_size)
    if seed is None or int(seed) != seed or seed < 0:
        raise ParameterError("SEED: must be 0 or a positive whole number, got {seed}", seed=seed)
    if workers is None or int(workers) != workers or workers < 0:
        raise ParameterError("WORKERS: must be 0 (this process only) or a positive number, got {workers}", workers=workers)


def _same_grid(info, ref) -> str | None:
    from osgeo import osr

    a, b = osr.SpatialReference(), osr.SpatialReference()
    a.ImportFromWkt(info.crs_wkt or "")
    b.ImportFromWkt(ref.crs_wkt or "")
    if not a.IsSame(b):
        return Message("its coordinate system differs from the first tile's ({first}); process one CRS per run",
                       first=ref.name)
    if info.geotransform[1:3] + info.geotransform[4:] != ref.geotransform[1:3] + ref.geotransform[4:]:
        return Message("its pixel size or rotation {geotransform} differs from the first tile's ({first})",
                       geotransform=info.geotransform, first=ref.name)
    return None


def run_site(inputs, folder, params: chains.ChainParams | None = None, sample_size: int = DEFAULT_SAMPLE_SIZE,
             seed: int = 0, workers: int = DEFAULT_WORKERS, scheduler: str | None = None,
             progress=None) -> SiteResult:
    """Fit one chain model on a sample of all ``inputs`` tiles and apply it to each; write into ``folder``.

    Failed tiles are reported in the result (and the report); the caller decides how to end (the CLI exits 1).
    Raises :class:`~hyspec_qgis.core.errors.Cancelled` when cancelled (no tile left half-written).
    """
    start = time.perf_counter()
    progress = as_progress(progress)
    params = (params or chains.ChainParams()).check()
    _check(sample_size, seed, workers)
    paths = expand_inputs(inputs)
    folder = os.path.abspath(os.fspath(folder))
    if os.path.isfile(folder):
        raise ParameterError("OUTPUT_FOLDER: {folder} is a file, not a folder", folder=folder)
    phases = _Phases(progress)
    failed: dict[str, str] = {}
    rows: dict[str, dict] = {tile_name(p): {"name": tile_name(p), "input": p, "status": "pending"} for p in paths}

    with phases.phase("tiles") as pr:
        infos, ref = {}, None
        for i, path in enumerate(paths):
            name = tile_name(path)
            try:
                info = describe(path)
                why = _same_grid(info, ref) if ref is not None else None
                if why:
                    raise HyspecError("INPUTS: {path}: {why}", path=path, why=why)
                ref = ref or info
                infos[name] = info
            except HyspecError as exc:
                failed[name] = str(exc)
                pr.log("site: tile {name} FAILED: {exc}", name=name, exc=exc)
            pr((i + 1) / len(paths))
        pr.log("site: {n_paths} tile(s), {n_infos} readable; chain {chain}; folder {folder}", n_paths=len(paths),
               n_infos=len(infos), chain=params.chain, folder=folder)
    good = [p for p in paths if tile_name(p) in infos]
    if not good:  # nothing to fit or apply: fail before OUTPUT_FOLDER gets a report and nothing else
        raise HyspecError("INPUTS: no tile could be sampled, so no site model was fitted: {failures}",
                          failures="; ".join(f"{n}: {r}" for n, r in failed.items()))
    os.makedirs(folder, exist_ok=True)

    key = {**params.key(), "SAMPLE_SIZE": int(sample_size), "SEED": int(seed),
           "tiles": sorted(tile_name(p) for p in paths)}
    executor = None

    def get_executor():
        nonlocal executor
        if executor is None:
            begin = time.perf_counter()
            executor = executors.open_executor(workers, scheduler, progress)
            phases.seconds["start workers"] = round(time.perf_counter() - begin, 2)  # within the first task phase
            progress.log("site: running tiles on {description}", description=executor.description)
        return executor

    try:
        loaded = store.load_model(folder, key) if good else None
        sample_counts: dict[str, int] = {}
        if loaded is not None:
            model, mid, doc = loaded
            sample_counts = doc.get("sample_counts", {})
            model_path = os.path.join(folder, store.MODEL_JSON)
            progress.log("site: reusing the site model {mid} in {model_path} (same chain, parameters, "
                         "SAMPLE_SIZE, SEED and tiles)", mid=mid, model_path=model_path)
        else:
            model, mid, model_path, sample_counts = _fit(good, params, sample_size, seed, key, folder, infos,
                                                         failed, phases, get_executor, progress)
        files = chains.write_model_files(model, folder) if model is not None else {}
        done, skipped = [], []
        products = chains.products(model) if model is not None else []
        if model is not None:
            _apply(good, model, mid, folder, failed, rows, done, skipped, phases, get_executor)
        with phases.phase("mosaic") as pr:
            mosaics = {}
            complete = [p for p in good if tile_name(p) in set(done) | set(skipped)]
            for p in products:
                sources = [os.path.join(folder, tile_name(t), p.name + ".tif") for t in complete]
                vrt = os.path.join(folder, p.name + ".vrt")
                if sources:
                    mosaic.build_vrt(vrt, sources, {"HYSPEC_SITE_MODEL": mid, "HYSPEC_TILES": len(sources)})
                    mosaic.write_qml(vrt, p)
                    mosaics[p.name] = vrt
            pr.log("site: {n_mosaics} mosaic(s) of {n_complete} tile(s)", n_mosaics=len(mosaics), n_complete=len(complete))
            for name, reason in failed.items():
                rows[name].update(status="failed", reason=reason)
            for name, n in sample_counts.items():
                if name in rows:
                    rows[name]["sample_pixels"] = n
            tile_docs = [rows[tile_name(p)] for p in paths]
            report = {"chain": params.chain, "parameters": params.key(), "sample_size": int(sample_size),
                      "seed": int(seed), "model_id": mid if model is not None else None,
                      "model_reused": loaded is not None, "executor": executor.description if executor else
                      "nothing to run (every tile already complete)", "tiles": tile_docs,
                      "n_done": len(done), "n_skipped": len(skipped), "n_failed": len(failed),
                      "sample_pixels": int(sum(sample_counts.values())),
                      "classes": store.class_shares([r for r in tile_docs if r["status"] in ("done", "complete")],
                                                    products),
                      "mosaics": mosaics, "phases": phases.seconds, "seconds": time.perf_counter() - start}
            md, js = store.write_report(folder, report)
    finally:
        if executor is not None:
            executor.close()
    if model is None:
        raise HyspecError("INPUTS: no tile could be sampled, so no site model was fitted: {failures}",
                          failures="; ".join(f"{n}: {r}" for n, r in failed.items()))
    main = mosaics.get(chains.MAIN_PRODUCT[params.chain])
    progress.log("site: {n_done} tile(s) done, {n_skipped} already complete, {n_failed} failed; "
                 "report {md}", n_done=len(done), n_skipped=len(skipped), n_failed=len(failed), md=md)
    return SiteResult(folder, main, mosaics, model_path, mid, loaded is not None, done, skipped, dict(failed),
                      md, js, executor.description if executor else "", files, products)


def _fit(good, params, sample_size, seed, key, folder, infos, failed, phases, get_executor, progress):
    """Sample every tile, fit the model, measure the score range if needed, save it."""
    if not good:
        return None, None, None, {}
    with phases.phase("sample") as pr:
        n_pixels = sum(infos[tile_name(p)].n_pixels for p in good)
        probability = min(1.0, OVERSAMPLE * sample_size / max(n_pixels, 1))
        pr.log("site [sample]: drawing about {n_candidates} candidate pixels from "
               "{n_good} tile(s) (each valid pixel with probability {probability:.4g})",
               n_candidates=int(min(n_pixels, OVERSAMPLE * sample_size)), n_good=len(good), probability=probability)
        surveys = {}
        jobs = [(p, params.chain, probability, int(seed)) for p in good]
        for n, (i, out) in enumerate(_run(get_executor(), tasks.survey_tile, jobs, pr), 1):
            name = tile_name(good[i])
            if isinstance(out, executors.TaskFailure):
                failed[name] = out.reason
                pr.log("site [sample] {n}/{n_jobs} {name}: FAILED: {reason}", n=n, n_jobs=len(jobs), name=name, reason=out.reason)
                continue
            surveys[name] = out
            pr.log("site [sample] {n}/{n_jobs} {name}: {n_sample} candidates of {n_valid} valid "
                   "pixels ({seconds:.1f} s)", n=n, n_jobs=len(jobs), name=name, n_sample=out.sample.shape[0],
                   n_valid=out.n_valid, seconds=out.seconds)
    names = [tile_name(p) for p in good if tile_name(p) in surveys]
    if not names:
        return None, None, None, {}
    ref = surveys[names[0]]
    for name in names[1:]:
        s = surveys[name]
        same = s.sample.shape[1] == ref.sample.shape[1] and (
            ref.wavelengths is None or s.wavelengths is None or
            np.max(np.abs(s.wavelengths - ref.wavelengths)) <= 0.5 * float(np.median(np.diff(ref.wavelengths))))
        if not same:
            failed[name] = Message("INPUTS: {name}: its cleaned bands differ from the first tile's ({first}); process "
                                   "tiles of one spectral grid together", name=name, first=names[0])
            del surveys[name]
    names = [n for n in names if n in surveys]
    with phases.phase("fit") as pr:
        pooled = np.concatenate([surveys[n].sample for n in names])
        owner = np.repeat(np.arange(len(names)), [surveys[n].sample.shape[0] for n in names])
        if pooled.shape[0] > sample_size:
            pick = np.sort(np.random.default_rng(int(seed)).choice(pooled.shape[0], int(sample_size), replace=False))
            pooled, owner = pooled[pick], owner[pick]
        counts = {n: int(c) for n, c in zip(names, np.bincount(owner, minlength=len(names)))}
        n_valid = sum(surveys[n].n_valid for n in names)
        if pooled.shape[0] < sample_size and pooled.shape[0] < n_valid:
            pr.log("site [fit]: note: {percent:.0f} % of the pixels are no-data, so "
                   "the sample holds {n_pooled} pixels, fewer than SAMPLE_SIZE {sample_size}",
                   percent=100.0 * (1 - n_valid / max(n_pixels, 1)), n_pooled=pooled.shape[0], sample_size=sample_size)
        pr.log("site [fit]: sample of {n_pooled} pixels from {n_names} tile(s) ({n_valid} valid pixels), "
               "{n_bands} bands", n_pooled=pooled.shape[0], n_names=len(names), n_valid=n_valid, n_bands=pooled.shape[1])
        cube_range = (min(surveys[n].value_min for n in names), max(surveys[n].value_max for n in names))
        model = chains.fit_chain(pooled, params, cube_range, ref.wavelengths, ref.fwhm, int(seed), pr)
        del pooled
    if chains.needs_score_range(model):
        with phases.phase("score range") as pr:
            paths = [p for p in good if tile_name(p) in surveys]
            parts = []
            for n, (i, out) in enumerate(_run(get_executor(), tasks.score_range_tile,
                                              [(p, model) for p in paths], pr), 1):
                name = tile_name(paths[i])
                if isinstance(out, executors.TaskFailure):
                    failed[name] = out.reason
                    pr.log("site [score range] {n}/{n_paths} {name}: FAILED: {reason}", n=n, n_paths=len(paths), name=name,
                           reason=out.reason)
                else:
                    parts.append(out)
                    pr.log("site [score range] {n}/{n_paths} {name}: SID scores of {n_pixels} pixels", n=n, n_paths=len(paths),
                           name=name, n_pixels=out[0])
            if not parts:
                return None, None, None, counts
            model = chains.with_score_range(model, chains.merge_score_ranges(parts))
    info = {"sample_counts": counts, "cube_range": list(cube_range), "valid_pixels": n_valid}
    mid, path = store.save_model(folder, model, key, info)
    progress.log("site: model {mid} saved to {path}", mid=mid, path=path)
    return model, mid, path, counts


def _apply(good, model, mid, folder, failed, rows, done, skipped, phases, get_executor):
    with phases.phase("apply") as pr:
        todo = []
        for p in good:
            name = tile_name(p)
            if name in failed:
                continue
            manifest = tasks.tile_complete(folder, name, mid)
            if manifest is not None:
                skipped.append(name)
                rows[name].update(status="complete", n_valid=manifest["n_valid"], n_total=manifest["n_total"],
                                  seconds=manifest["seconds"], counts=manifest["counts"], sums=manifest["sums"])
                pr.log("site [apply] {name}: already complete for model {mid}, skipped", name=name, mid=mid)
            else:
                todo.append(p)
        jobs = [(p, model, mid, folder) for p in todo]
        for n, (i, out) in enumerate(_run(get_executor(), tasks.apply_tile, jobs, pr) if jobs else [], 1):
            name = tile_name(todo[i])
            if isinstance(out, executors.TaskFailure):
                failed[name] = out.reason
                pr.log("site [apply] {n}/{n_jobs} {name}: FAILED: {reason}", n=n, n_jobs=len(jobs), name=name, reason=out.reason)
                continue
            done.append(name)
            rows[name].update(status="done", n_valid=out.n_valid, n_total=out.n_total,
                              seconds=round(out.seconds, 2), counts=out.counts, sums=out.sums)
            pr.log("site [apply] {n}/{n_jobs} {name}: done, {n_valid} valid pixels ({seconds:.1f} s)", n=n, n_jobs=len(jobs),
                   name=name, n_valid=out.n_valid, seconds=out.seconds)


def _run(executor, fn, jobs, progress):
    """Results as tiles finish, with the phase's progress following the count of finished tiles."""
    with contextlib.closing(executor.run(fn, jobs, progress)) as results:
        for n, item in enumerate(results, 1):
            progress(n / max(len(jobs), 1))
            yield item
