"""Helpers for the whole-site tests: a 2 x 2 block of adjacent generated tiles, truth metrics, external Dask
processes with a bounded lifetime, and a task that only waits for cancel (imported by Dask workers too)."""
import json
import os
import subprocess
import sys
import time

import numpy as np

from hyspec_qgis.core.io.sample import EAST0, NORTH0, sample_filename, write_sample

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GRID = ((0, 0), (1, 0), (0, 1), (1, 1))  # (column, row) of each tile in the block, south-west first


def write_block(folder, size=60, seed=10):
    """Four adjacent size x size tiles sharing the generator's five materials (different abundances per seed)."""
    os.makedirs(folder, exist_ok=True)
    paths = []
    for i, (dx, dy) in enumerate(GRID):
        origin = (EAST0 + dx * size, NORTH0 + dy * size)
        path = os.path.join(folder, sample_filename("001", origin))
        write_sample(path, size, size, seed=seed + i, origin=origin)
        paths.append(path)
    return paths


def truth(path, purity=0.0):
    """(dominant material per pixel, mask of valid pixels whose dominant abundance is at least ``purity``), flat."""
    a = np.load(os.path.splitext(path)[0] + "_truth_abundances.npy").reshape(-1, 5)
    valid = np.isfinite(a).all(axis=1)
    filled = np.nan_to_num(a, nan=-1.0)
    return np.argmax(filled, axis=1), valid & (filled.max(axis=1) >= purity)


def majority_agreement(labels, materials):
    """Fraction of pixels whose class's most frequent material (over these pixels) is their own material."""
    table = np.zeros((int(labels.max()) + 1, int(materials.max()) + 1))
    np.add.at(table, (labels, materials), 1)
    return table.max(axis=1).sum() / labels.size


def start_scheduler(folder, lifetime="300s", nworkers=1):
    """``dask scheduler`` on 127.0.0.1 (random port, no dashboard, exits by itself after ``lifetime`` idle) and
    ``nworkers`` single-threaded ``dask worker`` processes that can import hyspec_qgis.core; returns (address,
    [processes])."""
    info = os.path.join(folder, "scheduler.json")
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    log = open(os.path.join(folder, "dask.log"), "w")
    scheduler = subprocess.Popen([sys.executable, "-m", "dask", "scheduler", "--host", "127.0.0.1", "--port", "0",
                                  "--no-dashboard", "--idle-timeout", lifetime, "--scheduler-file", info],
                                 stdout=log, stderr=subprocess.STDOUT, env=env)
    procs = [scheduler]
    deadline = time.monotonic() + 60
    while not os.path.exists(info):
        if time.monotonic() > deadline or scheduler.poll() is not None:
            stop(procs)
            raise RuntimeError("dask scheduler did not start")
        time.sleep(0.1)
    time.sleep(0.2)
    with open(info) as f:
        address = json.load(f)["address"]
    procs.append(subprocess.Popen([sys.executable, "-m", "dask", "worker", address, "--nworkers", str(nworkers), "--nthreads",
                                   "1", "--no-dashboard", "--lifetime", lifetime, "--death-timeout", "60"],
                                  stdout=log, stderr=subprocess.STDOUT, env=env, cwd=folder))
    return address, procs


def stop(procs):
    for p in reversed(procs):
        if p.poll() is None:
            p.terminate()
    for p in reversed(procs):
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def wait_for_cancel(marker, seconds=60.0, cancel=None):
    """A task that checks for cancel every 50 ms for up to ``seconds``; writes ``marker`` when it stops."""
    from hyspec_qgis.core.site.tasks import task_progress

    progress = task_progress(cancel)
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            progress.check()
            time.sleep(0.05)
        return "ran to the end"
    finally:
        with open(marker, "w") as f:
            f.write("stopped")
