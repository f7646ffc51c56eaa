"""A whole site: HYSPEC_BENCH_SITE_TILES (default 8) generated tiles of the benchmark size (full NEON tiles:
1000 x 1000 x 426), the k-means chain with one site model (SAMPLE_SIZE 200000) on 1 and 2 local Dask worker
processes, on an external scheduler (``dask scheduler`` + ``dask worker --nworkers 2`` on 127.0.0.1) and serially in
one process, next to the per-tile ``make batch`` (scripts/batch.py, one model per tile, bin/qgis_process per tile).

Tiles: two generated with different seeds, the others copies of them re-georeferenced onto a 4 x 2 block (same
pixels, so time and memory are those of distinct tiles; the one-model property itself is tested on distinct tiles).
HYSPEC_BENCH_SITE_CASES (a comma list of case functions) runs only those. Reported: tiles per minute, the peak
resident memory of each worker process (sampled every 0.2 s; the case's own peak is the client's), and CPU seconds of
the whole process tree.
"""
import os
import shutil
import subprocess
import sys
import threading
import time

from common import DATA, ROOT, Case, size

N_TILES = int(os.environ.get("HYSPEC_BENCH_SITE_TILES", "8"))
SAMPLE = 200_000

CASES = [
    Case("site", "hyspec site kmeans (one site model), 1 local Dask worker process", "site_1"),
    Case("site", "hyspec site kmeans (one site model), 2 local Dask worker processes", "site_2"),
    Case("site", "hyspec site kmeans, external scheduler + 2 dask worker processes on 127.0.0.1", "site_external"),
    Case("site", "hyspec site kmeans, serial in the client process (WORKERS 0, no Dask)", "site_serial"),
    Case("site", "make batch kmeans --jobs 2: import, clean, PCA, k-means per tile (a model per tile)", "batch_jobs2",
         reference=True),
]
if os.environ.get("HYSPEC_BENCH_SITE_CASES"):  # e.g. "site_1,site_2": the scaling runs (time against tiles)
    CASES = [c for c in CASES if c.fn in os.environ["HYSPEC_BENCH_SITE_CASES"].split(",")]


def _regeoreference(path, east, north):
    import h5py
    import numpy as np

    with h5py.File(path, "r+") as h5:
        site = h5[next(iter(h5))]
        coords = site["Reflectance/Metadata/Coordinate_System"]
        rows, cols = site["Reflectance/Reflectance_Data"].shape[:2]
        text = (f"UTM,  1.000,  1.000,       {east:.2f},       {north + rows:.1f},       1.0000000,       "
                "1.0000000,  18,  North,  WGS-84,  units=Meters, 0")
        del coords["Map_Info"]
        coords.create_dataset("Map_Info", data=np.bytes_(text.encode()))
        site["Reflectance/Reflectance_Data"].attrs["Spatial_Extent_meters"] = np.array(
            [east, east + cols, north, north + rows])


def site_tiles() -> list[str]:
    """N_TILES tiles on a 4-wide block (cached under benchmarks/data/site<size>_<n>/tiles)."""
    from hyspec_qgis.core.io.sample import EAST0, NORTH0, sample_filename, write_sample

    n = size()
    folder = os.path.join(DATA, f"site{n}_{N_TILES}", "tiles")
    os.makedirs(folder, exist_ok=True)
    paths = []
    for i in range(N_TILES):
        origin = (EAST0 + (i % 4) * n, NORTH0 + (i // 4) * n)
        path = os.path.join(folder, sample_filename("001", origin))
        paths.append(path)
        if os.path.exists(path):
            continue
        if i < 2:
            write_sample(path + ".tmp", n, n, seed=42 + i, origin=origin, write_truth=False)
        else:
            shutil.copy(paths[i % 2], path + ".tmp")
            _regeoreference(path + ".tmp", *origin)
        os.replace(path + ".tmp", path)
    return paths


class TreeMonitor:
    """Peak RSS of every process below this one (psutil, sampled), and the CPU time of all of them."""

    def __init__(self, interval=0.2):
        import psutil

        self.me = psutil.Process()
        self.peaks, self.cpu, self.names = {}, {}, {}
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        import psutil

        while not self._stop.is_set():
            for p in self.me.children(recursive=True):
                try:
                    rss = p.memory_info().rss
                    times = p.cpu_times()
                    if p.pid not in self.names:
                        self.names[p.pid] = " ".join(p.cmdline())
                except psutil.Error:
                    continue
                self.peaks[p.pid] = max(self.peaks.get(p.pid, 0), rss)
                self.cpu[p.pid] = times.user + times.system
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def worker_peaks_mb(self):
        """Peaks of the Dask worker processes (spawned by multiprocessing), in MB."""
        return sorted(round(v / 2 ** 20) for pid, v in self.peaks.items() if "spawn_main" in self.names.get(pid, ""))

    def children_cpu_s(self):
        return round(sum(self.cpu.values()), 1)


def _site(ctx, workers=2, scheduler=None):
    from hyspec_qgis.core.site import ChainParams, run_site

    tiles = site_tiles()
    out = os.path.join(ctx["out"], f"site_{workers}_{'ext' if scheduler else 'local'}")
    shutil.rmtree(out, ignore_errors=True)
    # case.py runs this module from a script without a __main__ guard: hide the script from multiprocessing's spawn,
    # or each worker process would run the case again (the usual rule: guard scripts that start worker processes).
    main = sys.modules["__main__"]
    script = main.__dict__.pop("__file__", None)
    start = time.perf_counter()
    try:
        with TreeMonitor() as mon:
            result = run_site(tiles, out, ChainParams("kmeans"), sample_size=SAMPLE, seed=0, workers=workers,
                              scheduler=scheduler)
    finally:
        if script is not None:
            main.__file__ = script
    seconds = time.perf_counter() - start
    assert not result.tiles_failed and len(result.tiles_done) == len(tiles)
    import json

    with open(result.report_json) as f:
        phases = json.load(f)["phases"]
    return {"tiles": len(tiles), "tiles_per_min": round(60 * len(tiles) / seconds, 2),
            "worker_peak_mb": mon.worker_peaks_mb(), "workers_cpu_s": mon.children_cpu_s(),
            "phases_s": phases, "executor": result.executor}


def site_1(ctx):
    return _site(ctx, workers=1)


def site_2(ctx):
    return _site(ctx, workers=2)


def site_serial(ctx):
    return _site(ctx, workers=0)


def site_external(ctx):
    sys.path.insert(0, ROOT)
    from tests.site_helpers import start_scheduler, stop

    folder = os.path.join(ctx["out"], "dask_external")
    os.makedirs(folder, exist_ok=True)
    address, procs = start_scheduler(folder, lifetime="1800s", nworkers=2)
    try:
        info = _site(ctx, workers=2, scheduler=address)
    finally:
        stop(procs)
    return info


def batch_jobs2(ctx):
    tiles = site_tiles()
    out = os.path.join(ctx["out"], "batch")
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    with TreeMonitor(interval=0.5) as mon:
        proc = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "batch.py"), "kmeans",
                               os.path.dirname(tiles[0]), out, "--jobs", "2"], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    peaks = sorted(round(v / 2 ** 20) for pid, v in mon.peaks.items() if "qgis_process" in mon.names.get(pid, ""))
    shutil.rmtree(out, ignore_errors=True)  # about 1 GB of intermediate rasters per tile
    return {"tiles": len(tiles), "tiles_per_min": round(60 * len(tiles) / seconds, 2),
            "qgis_process_peak_mb": peaks[-2:], "children_cpu_s": mon.children_cpu_s()}
