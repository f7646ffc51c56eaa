"""The whole-site engine (hyspec_qgis.core.site) without QGIS: one model across tiles, exact mosaics, resumability,
failed tiles, and the three ways to run tasks (serial, a LocalCluster of worker processes, an external scheduler)."""
import json
import os
import shutil
import subprocess
import sys
import time

import numpy as np
import pytest
from osgeo import gdal

from hyspec_qgis.core.errors import Cancelled, HyspecError, ParameterError
from hyspec_qgis.core.io.neon import read_metadata
from hyspec_qgis.core.io.raster_writer import class_colors
from hyspec_qgis.core.io.sample import EAST0, NORTH0, write_sample
from hyspec_qgis.core.site import ChainParams, chains, executors, run_site, store, tasks
from hyspec_qgis.core.site.tiles import TileReader, tile_name
from tests import site_helpers as helpers
from tests.leftovers import dead_pid

gdal.UseExceptions()
SIZE = 60
SAMPLE = 5000


@pytest.fixture(scope="module")
def block(tmp_path_factory):
    return helpers.write_block(str(tmp_path_factory.mktemp("site_tiles")), SIZE)


@pytest.fixture(scope="module")
def site_run(block, tmp_path_factory):
    """The k-means chain over the 2 x 2 block, serial path (WORKERS = 0)."""
    folder = str(tmp_path_factory.mktemp("site_out"))
    messages = []
    result = run_site(block, folder, ChainParams("kmeans"), sample_size=SAMPLE, seed=0, workers=0,
                      progress=lambda f, m: messages.append(m) if m else None)
    return result, folder, messages


def classes_of(folder, path, product="classes"):
    return gdal.Open(os.path.join(folder, tile_name(path), product + ".tif")).ReadAsArray().ravel()


def test_one_model_same_material_same_class_in_every_tile(block, site_run, tmp_path):
    """On pure pixels, the site classes agree with the truth across all tiles as within each tile, and each
    material's class is the same in every tile; independent per-tile runs agree within tiles only."""
    result, folder, _ = site_run
    independent = []
    for path in block:
        run = run_site([path], str(tmp_path / tile_name(path)), ChainParams("kmeans"), sample_size=SAMPLE, workers=0)
        assert run.tiles_done == [tile_name(path)]
        independent.append(str(tmp_path / tile_name(path)))

    def measure(folders):
        labels, materials, per_tile = [], [], []
        for path, out in zip(block, folders):
            dominant, pure = helpers.truth(path, purity=0.8)
            lab = classes_of(out, path)[pure]
            labels.append(lab)
            materials.append(dominant[pure])
            per_tile.append({int(m): int(np.bincount(lab[dominant[pure] == m]).argmax())
                             for m in range(5) if np.count_nonzero(dominant[pure] == m) >= 50})
        sizes = np.array([lab.size for lab in labels])
        within = np.array([helpers.majority_agreement(lab, m) for lab, m in zip(labels, materials)])
        across = helpers.majority_agreement(np.concatenate(labels), np.concatenate(materials))
        return across, float((sizes * within).sum() / sizes.sum()), per_tile

    across, within, per_tile = measure([folder] * len(block))
    assert within > 0.95
    assert across > within - 0.1  # one model: the classes mean the same in every tile
    for m in range(5):  # every material has one class wherever it is
        assert len({tile[m] for tile in per_tile if m in tile}) == 1, (m, per_tile)
    ind_across, ind_within, ind_per_tile = measure(independent)
    assert ind_within > 0.95
    assert ind_across < ind_within - 0.25  # cluster 3 in one tile is not cluster 3 in the next
    assert any(len({tile[m] for tile in ind_per_tile if m in tile}) > 1 for m in range(5))


def test_mosaic_keeps_each_tiles_exact_georeference_and_its_names(block, site_run):
    result, folder, _ = site_run
    assert result.mosaic == os.path.join(folder, "classes.vrt") and set(result.mosaics) == {"classes", "components"}
    vrt = gdal.Open(result.mosaic)
    assert (vrt.RasterXSize, vrt.RasterYSize) == (2 * SIZE, 2 * SIZE)
    assert vrt.GetGeoTransform() == (EAST0, 1.0, 0.0, NORTH0 + 2 * SIZE, 0.0, -1.0)
    mosaic = vrt.ReadAsArray()
    for (dx, dy), path in zip(helpers.GRID, block):
        tile = gdal.Open(os.path.join(folder, tile_name(path), "classes.tif"))
        assert tile.GetGeoTransform() == read_metadata(path).geotransform
        assert tile.GetProjection() == vrt.GetProjection()
        rows = slice((1 - dy) * SIZE, (2 - dy) * SIZE)
        cols = slice(dx * SIZE, (dx + 1) * SIZE)
        np.testing.assert_array_equal(mosaic[rows, cols], tile.ReadAsArray())
    band = vrt.GetRasterBand(1)
    assert band.GetCategoryNames() == ["unclassified"] + [f"cluster {i}" for i in range(1, 6)]
    table = band.GetRasterColorTable()
    assert [table.GetColorEntry(i + 1)[:3] for i in range(5)] == [tuple(c) for c in class_colors(5)]
    assert band.GetNoDataValue() == 0 and vrt.GetMetadataItem("HYSPEC_SITE_MODEL") == result.model_id
    comps = gdal.Open(result.mosaics["components"])
    tile = gdal.Open(os.path.join(folder, tile_name(block[0]), "components.tif"))
    assert comps.RasterCount == tile.RasterCount >= 2
    assert [comps.GetRasterBand(i + 1).GetDescription() for i in range(comps.RasterCount)] == \
        [tile.GetRasterBand(i + 1).GetDescription() for i in range(tile.RasterCount)]
    assert comps.GetRasterBand(1).GetDescription().startswith("PC1 (")
    with open(os.path.join(folder, "classes.qml")) as f:
        qml = f.read()
    assert 'type="paletted"' in qml and 'label="cluster 5"' in qml
    assert 'relativeToVRT="1"' in open(result.mosaic).read()  # the folder can be moved as a whole


def test_model_and_report_files(block, site_run):
    result, folder, messages = site_run
    with open(result.model) as f:
        doc = json.load(f)
    assert doc["model_id"] == result.model_id and doc["key"]["CLUSTERS"] == 5
    with np.load(os.path.join(folder, store.MODEL_NPZ), allow_pickle=False) as npz:  # plain arrays, no pickle
        assert npz["centers"].shape[0] == 5
    key = {**ChainParams("kmeans").key(), "SAMPLE_SIZE": SAMPLE, "SEED": 0, "tiles": sorted(map(tile_name, block))}
    model, mid, _ = store.load_model(folder, key)
    assert mid == result.model_id and model.centers.shape == (5, model.n_components)
    assert store.load_model(folder, {**key, "SEED": 1}) is None
    for name in ("centers.csv", "center_spectra.csv", "pca_eigenvalues.csv", "pca_loadings.csv", "spectra.html"):
        assert os.path.getsize(os.path.join(folder, name)) > 0, name
    with open(result.report_json) as f:
        report = json.load(f)
    assert [t["status"] for t in report["tiles"]] == ["done"] * 4
    assert report["sample_pixels"] == SAMPLE == sum(t["sample_pixels"] for t in report["tiles"])
    shares = report["classes"]["classes"]
    counts = sum(np.bincount(classes_of(folder, p), minlength=6) for p in block)
    assert [r["pixels"] for r in shares] == counts[1:].tolist()
    assert abs(sum(r["share"] for r in shares) - 1.0) < 1e-9
    assert "| 1 | cluster 1 |" in open(result.report).read()
    # progress per phase and per tile
    for phase in ("[sample] 4/4", "[fit]", "[apply] 4/4"):
        assert any(phase in m for m in messages), phase


def test_sample_is_drawn_in_proportion_to_valid_pixels(block, tmp_path):
    """A flightline-like tile (mostly no-data) next to a full one: each gives pixels in proportion to its valid ones."""
    strip = str(tmp_path / "strip.h5")
    write_sample(strip, SIZE, SIZE, seed=5, layout="dp1", origin=(EAST0 + 2 * SIZE, NORTH0))
    result = run_site([block[0], strip], str(tmp_path / "out"), ChainParams("kmeans"), sample_size=2000, workers=0)
    with open(result.report_json) as f:
        tiles = {t["name"]: t for t in json.load(f)["tiles"]}
    valid = {n: t["n_valid"] for n, t in tiles.items()}
    assert valid["strip"] < 0.8 * valid[tile_name(block[0])]
    total = sum(valid.values())
    for name, t in tiles.items():
        p = valid[name] / total
        assert abs(t["sample_pixels"] - 2000 * p) < 4 * np.sqrt(2000 * p * (1 - p)) + 1, (name, t, valid)
    assert sum(t["sample_pixels"] for t in tiles.values()) <= 2000  # SAMPLE_SIZE is the most the fit uses


def test_rerun_skips_complete_tiles_and_reuses_the_model(block, site_run, tmp_path):
    _, original, _ = site_run
    folder = str(tmp_path / "copy")
    shutil.copytree(original, folder)
    stamps = {p: os.stat(os.path.join(folder, tile_name(p), "classes.tif")).st_mtime_ns for p in block}
    again = run_site(block, folder, ChainParams("kmeans"), sample_size=SAMPLE, workers=0)
    assert again.model_reused and sorted(again.tiles_skipped) == sorted(map(tile_name, block)) and not again.tiles_done
    assert stamps == {p: os.stat(os.path.join(folder, tile_name(p), "classes.tif")).st_mtime_ns for p in block}
    assert gdal.Open(again.mosaic).RasterXSize == 2 * SIZE
    changed = run_site(block, folder, ChainParams("kmeans", clusters=4), sample_size=SAMPLE, workers=0)
    assert not changed.model_reused and changed.model_id != again.model_id
    assert sorted(changed.tiles_done) == sorted(tile_name(p) for p in block)  # every tile redone for the new model
    assert classes_of(folder, block[0]).max() == 4



def test_interrupted_run_leaves_no_tile_that_looks_complete(block, tmp_path):
    folder = str(tmp_path / "out")
    done = []

    def progress(fraction, message):
        if message and "[apply]" in message and ": done" in message:
            done.append(message)
        return not done  # cancel as soon as the first tile is complete: inside the second tile's blocks

    with pytest.raises(Cancelled):
        run_site(block, folder, ChainParams("kmeans"), sample_size=SAMPLE, workers=0, progress=progress)
    entries = sorted(os.listdir(folder))
    tile_folders = [e for e in entries if e.startswith("NEON_")]
    assert tile_folders == [tile_name(block[0])]
    assert os.path.exists(os.path.join(folder, tile_folders[0], tasks.MANIFEST))
    assert not [e for e in entries if e.startswith(".")], entries  # nothing half-written, not even hidden
    # What a killed run leaves: a hidden folder of a process that no longer runs, with a half-written raster.
    name = tile_name(block[1])
    stale = os.path.join(folder, f".{name}.{dead_pid()}-0123abcd.partial")
    os.mkdir(stale)
    open(os.path.join(stale, "classes.tif"), "wb").close()
    resumed = run_site(block, folder, ChainParams("kmeans"), sample_size=SAMPLE, workers=0)
    assert resumed.model_reused and resumed.tiles_skipped == [tile_name(block[0])]
    assert sorted(resumed.tiles_done) == sorted(tile_name(p) for p in block[1:])
    assert not os.path.exists(stale)
    # A tile made with another model is not complete for this one.
    manifest = os.path.join(folder, name, tasks.MANIFEST)
    with open(manifest) as f:
        doc = json.load(f)
    doc["model_id"] = "another"
    with open(manifest, "w") as f:
        json.dump(doc, f)
    third = run_site(block, folder, ChainParams("kmeans"), sample_size=SAMPLE, workers=0)
    assert third.tiles_done == [name]


def _damaged_copies(block, folder):
    os.makedirs(folder, exist_ok=True)
    truncated = os.path.join(folder, "truncated.h5")
    with open(block[0], "rb") as src, open(truncated, "wb") as dst:
        dst.write(src.read(os.path.getsize(block[0]) // 2))  # an interrupted download
    corrupt = os.path.join(folder, "corrupt.h5")
    shutil.copy(block[1], corrupt)
    with open(corrupt, "r+b") as f:  # garbage in the middle of the compressed cube chunks
        size = os.path.getsize(corrupt)
        f.seek(size // 3)
        f.write(np.random.default_rng(0).integers(0, 255, size // 3, dtype=np.uint8).tobytes())
    return truncated, corrupt


def test_damaged_tiles_are_reported_the_others_finish_and_the_cli_exits_nonzero(block, site_run, tmp_path):
    """python -m hyspec_qgis.site on a real LocalCluster of 2 worker processes."""
    truncated, corrupt = _damaged_copies(block, str(tmp_path / "bad"))
    out = str(tmp_path / "out")
    proc = subprocess.run([sys.executable, "-m", "hyspec_qgis.site", *block, truncated, corrupt, "--out", out,
                           "--workers", "2", "--sample-size", str(SAMPLE)], capture_output=True, text=True,
                          cwd=helpers.ROOT, timeout=300)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "FAILED truncated:" in proc.stderr and "FAILED corrupt:" in proc.stderr
    assert "a local Dask cluster of 2 worker process(es)" in proc.stdout
    with open(os.path.join(out, "report.json")) as f:
        tiles = {t["name"]: t for t in json.load(f)["tiles"]}
    assert tiles["truncated"]["status"] == "failed" and "truncated.h5" in tiles["truncated"]["reason"]
    assert tiles["corrupt"]["status"] == "failed" and "corrupt.h5" in tiles["corrupt"]["reason"]
    assert all(tiles[tile_name(p)]["status"] == "done" for p in block)
    assert not os.path.exists(os.path.join(out, "truncated")) and not os.path.exists(os.path.join(out, "corrupt"))
    assert gdal.Open(os.path.join(out, "classes.vrt")).RasterXSize == 2 * SIZE


def same_labels(block, a, b):
    """The same model applied by other processes: the same labels, but for pixels at a tie between two centres (Dask
    workers run BLAS on one thread, this process on two, so float32 products may round differently)."""
    for path in block:
        x, y = classes_of(a, path), classes_of(b, path)
        assert np.count_nonzero(x != y) <= max(1, x.size // 1000), path


def test_local_cluster_of_worker_processes_gives_the_serial_result(block, site_run, tmp_path):
    result, folder, _ = site_run
    parallel = run_site(block, str(tmp_path / "out"), ChainParams("kmeans"), sample_size=SAMPLE, workers=2)
    assert parallel.executor == "a local Dask cluster of 2 worker process(es)"
    assert parallel.model_id == result.model_id  # the same sample and model whatever runs the tiles
    same_labels(block, str(tmp_path / "out"), folder)


@pytest.fixture(scope="module")
def external(tmp_path_factory):
    """An external scheduler and worker on 127.0.0.1, killed at the end (and exiting by themselves anyway)."""
    address, procs = helpers.start_scheduler(str(tmp_path_factory.mktemp("dask")))
    yield address
    helpers.stop(procs)


def test_external_scheduler_gives_the_serial_result(block, site_run, external, tmp_path):
    result, folder, _ = site_run
    remote = run_site(block, str(tmp_path / "out"), ChainParams("kmeans"), sample_size=SAMPLE, scheduler=external)
    assert remote.executor == f"the Dask scheduler at {external}" and remote.model_id == result.model_id
    same_labels(block, str(tmp_path / "out"), folder)


def test_cancel_stops_the_tasks_running_on_workers(block, site_run, external, tmp_path):
    from distributed import Client, Event

    client = Client(external)
    executor = executors.DaskExecutor(client)
    markers = [str(tmp_path / f"m{i}") for i in range(2)]
    start = time.monotonic()

    def progress(fraction, message):
        return time.monotonic() - start < 1.0

    from hyspec_qgis.core.engine.progress import Progress

    with pytest.raises(Cancelled):
        list(executor.run(helpers.wait_for_cancel, [(m,) for m in markers], Progress(progress)))
    assert time.monotonic() - start < 30  # not the tasks' 60 s
    assert all(os.path.exists(m) for m in markers)  # both tasks had stopped when run() returned
    # A tile task that sees the cancel removes what it had begun and leaves no folder.
    result, folder, _ = site_run
    model, mid, _ = store.load_model(folder, {**ChainParams("kmeans").key(), "SAMPLE_SIZE": SAMPLE, "SEED": 0,
                                              "tiles": sorted(map(tile_name, block))})
    out = str(tmp_path / "cancelled")
    os.makedirs(out)
    Event("hyspec-test-cancel", client=client).set()
    future = client.submit(tasks.apply_tile, block[0], model, mid, out, cancel="hyspec-test-cancel", pure=False)
    with pytest.raises(Cancelled):
        future.result()
    assert os.listdir(out) == []
    client.close()


def test_serial_path_when_dask_is_missing(monkeypatch):
    from hyspec_qgis.core.engine.progress import Progress

    monkeypatch.setattr(executors, "dask_available", lambda: False)
    executor = executors.open_executor(2, None, Progress())
    assert isinstance(executor, executors.SerialExecutor)
    assert "dask is not installed" in executor.description and "distributed==2026.8.0" in executor.description
    with pytest.raises(HyspecError, match="SCHEDULER: .*pip install"):
        executors.open_executor(2, "tcp://127.0.0.1:1", Progress())


def test_unmixing_chain_one_score_range_for_the_site(block, tmp_path):
    folder = str(tmp_path / "out")
    result = run_site(block, folder, ChainParams("unmixing"), sample_size=SAMPLE, workers=0)
    assert set(result.mosaics) == {"abundances", "sid_classes"} and result.mosaic.endswith("sid_classes.vrt")
    key = {**ChainParams("unmixing").key(), "SAMPLE_SIZE": SAMPLE, "SEED": 0, "tiles": sorted(map(tile_name, block))}
    model, _, _ = store.load_model(folder, key)
    # The SID limits come from the score range of every pixel of every tile.
    merged = chains.merge_score_ranges([tasks.score_range_tile(p, model) for p in block])
    assert merged[0] == sum(int(np.isfinite(np.load(os.path.splitext(p)[0] + "_truth_abundances.npy")).all(axis=2)
                                .sum()) for p in block)
    np.testing.assert_allclose(merged[1], model.score_range[1])
    np.testing.assert_allclose(merged[2], model.score_range[2])
    # Each tile's rasters are the model applied to its pixels.
    with TileReader(block[2]) as reader:
        choice = chains.choose_bands(reader, "unmixing")
        assert choice.keep.size == 362
        blk = next(reader.blocks(bands=choice.keep, rows=reader.height))
    abundances, labels = chains.apply_unmixing_chain(blk, model)
    labels[~blk.valid] = 0
    np.testing.assert_array_equal(classes_of(folder, block[2], "sid_classes"), labels)
    tif = gdal.Open(os.path.join(folder, tile_name(block[2]), "abundances.tif")).ReadAsArray(interleave="pixel")
    ab = tif.reshape(-1, 4)[blk.valid]
    np.testing.assert_allclose(ab, abundances[blk.valid], atol=1e-6)
    np.testing.assert_allclose(ab.sum(axis=1), 1.0, atol=1e-4)  # FCLS
    assert (ab >= 0).all()
    # The endmembers are sample pixels close to true materials (apparent reflectance: times the atmosphere).
    from hyspec_qgis.core import read_spectra_csv
    from hyspec_qgis.core.io.sample import transmission
    from hyspec_qgis.core.methods.nfindr import spectral_angles

    true = read_spectra_csv(os.path.splitext(block[0])[0] + "_truth_endmembers.csv")
    apparent = (true.values * transmission(true.wavelengths)[:, None])[choice.keep]
    angles = spectral_angles(model.endmembers, apparent)
    nearest = np.sort(angles.min(axis=1))
    assert nearest[2] < 3.0 and nearest[3] < 25.0  # bright materials at the noise floor; dark water's is wide
    assert len(set(angles.argmin(axis=1))) == 4  # four different materials
    vrt = gdal.Open(result.mosaics["sid_classes"])
    assert vrt.GetRasterBand(1).GetCategoryNames() == ["unclassified", "EM1", "EM3", "EM4"]


def test_bad_parameters_fail_before_anything_is_written(block, tmp_path):
    out = str(tmp_path / "never")
    cases = [(ChainParams("kmeans", clusters=1), "CLUSTERS"), (ChainParams("pca"), "CHAIN"),
             (ChainParams("kmeans", variance_fraction=1.5), "VARIANCE_FRACTION"),
             (ChainParams("unmixing", sid_select="1,9"), "SID_SELECT"),
             (ChainParams("unmixing", sid_thresholds="0.8,0.3"), "SID_THRESHOLDS"),
             (ChainParams("unmixing", sid_thresholds="0.8,x,1"), "SID_THRESHOLDS")]
    for params, name in cases:
        with pytest.raises(HyspecError, match=name):
            run_site(block, out, params, workers=0)
    with pytest.raises(ParameterError, match="SAMPLE_SIZE"):
        run_site(block, out, ChainParams(), sample_size=0, workers=0)
    with pytest.raises(ParameterError, match="INPUTS: .*no such file"):
        run_site([str(tmp_path / "missing.h5")], out, ChainParams(), workers=0)
    with pytest.raises(ParameterError, match="INPUTS: the folder .* holds no .h5"):
        run_site([str(tmp_path)], out, ChainParams(), workers=0)
    assert not os.path.exists(out)
    a_file = str(tmp_path / "file")
    open(a_file, "w").close()
    with pytest.raises(ParameterError, match="OUTPUT_FOLDER"):
        run_site(block, a_file, ChainParams(), workers=0)
