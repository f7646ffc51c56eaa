"""Benchmark plumbing: cached full-size inputs, and one subprocess per case so each peak memory is its own.

A benchmark module ``benchmarks/bench_<topic>.py`` defines ``CASES``: a list of :class:`Case`. Each case names a
function ``fn(ctx) -> dict`` in that module; ``ctx`` holds the cached input paths (:func:`inputs`). The function
returns what it wants reported (agreement numbers, counts); time and peak RSS are measured around the call.
Cases of one ``group`` are compared: ``reference=True`` marks the tool we measure ourselves against.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)


@dataclass
class Case:
    group: str
    name: str
    fn: str  # function name in the same module
    reference: bool = False  # the anchor tool of this group
    floor: bool = False  # a lower bound (plain numpy / plain read), not a tool


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
