"""Benchmark plumbing: cached full-size inputs, and one subprocess per case so each peak memory is its own.

A benchmark module ``benchmarks/bench_<topic>.py`` defines ``CASES``: a list of :class:`Case`. Each case names a
function ``fn(ctx) -> dict`` in that module; ``ctx`` holds the cached input paths (:func:`inputs`). The function
returns what it wants reported (agreement numbers, counts); time, CPU (with child processes) and peak RSS are
measured around the call. Cases of one ``group`` are compared: ``reference=True`` marks the tool we measure ourselves
against, ``read=True`` the read floor (one plain pass over the group's input file; every case's whole run is also
given as a ratio to it), ``qgis=True`` a run through ``bin/qgis_process`` (the path users take), which is also given
without the fixed start-up of a trivial qgis_process run measured at the start of the same run (:func:`startup_native`).
A case that must prepare something untimed (a cached input, a warm page cache) returns its own ``timed_s``.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")
LAUNCHER = os.path.join(ROOT, "bin", "qgis_process")
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)


@dataclass
class Case:
    group: str
    name: str
    fn: str  # function name in the same module
    reference: bool = False  # the anchor tool of this group
    floor: bool = False  # a lower bound (plain numpy / plain read), not a tool
    read: bool = False  # the read floor of the group (else the module's first read case is)
    qgis: bool = False  # runs bin/qgis_process: also reported without the fixed start-up


def size():
    """Tile size: 1000 (a full NEON tile) unless HYSPEC_BENCH_SIZE says otherwise (for quick trials)."""
    return int(os.environ.get("HYSPEC_BENCH_SIZE", "1000"))


def inputs() -> dict:
    """Cached inputs for the current size: the NEON .h5 tile, its truth, and imported/cleaned GeoTIFFs."""
    from hyspec_qgis.core import SpectralRaster, import_neon
    from hyspec_qgis.core.io.sample import sample_filename, write_sample
    from hyspec_qgis.core.methods.bands import DEFAULT_WINDOWS, clean_bands, select_bands

    n = size()
    folder = os.path.join(DATA, f"tile{n}")
    os.makedirs(folder, exist_ok=True)
    h5 = os.path.join(folder, sample_filename("001"))
    if not os.path.exists(h5):
        write_sample(h5, rows=n, cols=n, seed=42)
    stem = os.path.splitext(h5)[0]
    ctx = {"h5": h5, "truth_endmembers": stem + "_truth_endmembers.csv",
           "truth_abundances": stem + "_truth_abundances.npy", "folder": folder}
    tif = os.path.join(folder, "reflectance.tif")
    if not os.path.exists(tif):
        import_neon(h5, tif)
    ctx["reflectance"] = tif
    # The two tutorial recipes: endmember tutorial (362 bands) and k-means tutorial (174 bands).
    for key, (first, last, step) in {"clean_unmix": (0, 10, 1), "clean_kmeans": (10, 15, 2)}.items():
        out = os.path.join(folder, f"{key}.tif")
        if not os.path.exists(out):
            raster = SpectralRaster(tif)
            sel = select_bands(raster.count, raster.wavelengths, DEFAULT_WINDOWS, first, last, step)
            clean_bands(raster, out, sel)
        ctx[key] = out
    ctx["out"] = os.path.join(folder, "out")
    os.makedirs(ctx["out"], exist_ok=True)
    return ctx


def patch_numpy_for_pysptools():
    """pysptools 0.15 uses np.float / np.int, which numpy 1.24 removed: alias them to the builtins. Benchmarks only."""
    import numpy as np

    if not hasattr(np, "float"):
        np.float = float
    if not hasattr(np, "int"):
        np.int = int


def cpu_seconds() -> float:
    """CPU time (user + system, all threads) of this process and of its finished child processes."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


class Timer:
    """``with Timer() as t: ...``, then ``t.info()`` is what a case returns to report only that part."""

    def __enter__(self):
        import time

        self._t, self._c = time.perf_counter(), cpu_seconds()
        return self

    def __exit__(self, *exc):
        import time

        self.seconds = time.perf_counter() - self._t
        self.cpu = cpu_seconds() - self._c

    def info(self) -> dict:
        return {"timed_s": self.seconds, "timed_cpu_s": self.cpu}


def read_pass(path, bands=None) -> dict:
    """The read floor: one plain pass over ``path`` through SpectralRaster.blocks (streaming GDAL settings), as
    every algorithm reads its input, with nothing computed."""
    from hyspec_qgis.core import SpectralRaster

    raster = SpectralRaster(path)
    n = 0
    for block in raster.blocks(bands=bands):
        n += int(block.valid.sum())
    return {"valid_pixels": n, "bands": raster.count if bands is None else len(bands)}


def record(ctx, file: str, key: str, value) -> dict:
    """Keep ``value`` under ``key`` in ``<out>/<file>`` (JSON), so later cases (each in its own process) can put
    their times beside the floor's; returns everything recorded so far."""
    import json

    path = os.path.join(ctx["out"], file)
    data = json.load(open(path)) if os.path.exists(path) else {}
    data[key] = value
    with open(path, "w") as f:
        json.dump(data, f)
    return data


def recorded_floor(ctx, file: str, path: str) -> dict:
    """The read floor case of a topic: one :func:`read_pass` of ``path``, its wall and CPU time recorded in ``file``
    as ``floor`` and ``floor_cpu`` (and ``valid``, the valid pixels)."""
    with Timer() as t:
        info = read_pass(path)
    record(ctx, file, "floor", t.seconds)
    record(ctx, file, "floor_cpu", t.cpu)
    record(ctx, file, "valid", info["valid_pixels"])
    return info


def qgis_process(alg: str, **params) -> dict:
    """``bin/qgis_process --json run ALG -- KEY=VALUE ...`` (offscreen, the plugin enabled); returns its results."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([LAUNCHER, "--json", "run", alg, "--", *[f"{k}={v}" for k, v in params.items()]],
                          capture_output=True, text=True, env=env, timeout=3600)
    out = proc.stdout
    start = out.find("{")
    if proc.returncode != 0 or start < 0:
        raise RuntimeError(f"{alg} failed (exit {proc.returncode}): {proc.stderr[-3000:]} {out[-2000:]}")
    return json.loads(out[start:]).get("results", {})


def startup_native(ctx):
    """A trivial qgis_process run: QGIS, its providers and our plugin start and stop; a 10 x 10 px constant raster."""
    out = os.path.join(ctx["out"], "startup_constant.tif")
    qgis_process("native:createconstantrasterlayer", EXTENT="0,10,0,10 [EPSG:32618]", TARGET_CRS="EPSG:32618",
                 PIXEL_SIZE=1, NUMBER=1, OUTPUT=out)
    return {}


def startup_hyspec(ctx):
    """A tiny hyspec run (kmeans, 2 clusters, on a 30 x 30 px, 8-band raster): the start-up plus our imports and
    styling."""
    import numpy as np
    from osgeo import gdal

    path = os.path.join(ctx["out"], "startup_tiny.tif")
    if not os.path.exists(path):
        ds = gdal.GetDriverByName("GTiff").Create(path, 30, 30, 8, gdal.GDT_Float32)
        ds.SetGeoTransform((368000.0, 1.0, 0.0, 4307000.0, 0.0, -1.0))
        ds.WriteArray(np.random.default_rng(0).random((8, 30, 30)).astype(np.float32))
        ds = None
    qgis_process("hyspec:kmeans", INPUT=path, CLUSTERS=2, OUTPUT=os.path.join(ctx["out"], "startup_tiny_kmeans.tif"))
    return {}


STARTUP_CASES = [
    Case("qgis_process start-up (measured in this run; subtracted from the qgis_process rows)",
         "bin/qgis_process run native:createconstantrasterlayer (10 x 10 px): the fixed start-up", "startup_native"),
    Case("qgis_process start-up (measured in this run; subtracted from the qgis_process rows)",
         "bin/qgis_process run hyspec:kmeans on 30 x 30 px x 8 bands (start-up + hyspec imports + styling)",
         "startup_hyspec"),
]
