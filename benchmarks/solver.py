"""The FCLS / NNLS solve alone on a tile's pixels: the support solver (methods/fcls_exact.py) next to the batched
active set (methods/unmix_solve.py), q = 3..8, with the generator's true spectra and with N-FINDR endmembers (the
sets of bench_unmix.py). Not part of ``make bench``: the active set takes minutes on the hard sets.

Usage: benchmarks/solver.py [--rows N]   (HYSPEC_BENCH_SIZE picks the tile, as for run.py)

``c = E^T x`` (float64, as unmix_pixels forms it) is computed once for the union of all sets and cached beside the
tile; each solve then gets its columns, the Gram matrix and unmix's tolerances. Reported: wall and CPU seconds
(best of ``--repeat``; CPU counts every thread), the largest difference between the two solvers' abundances, the share
of pixels with an abundance at 0, and the support solver's pivoting work (rows x rounds per pixel) and enumerated rows.
Written to benchmarks/results/solver_<size>.md.
"""
import argparse
import os
import sys
import time

import numpy as np

import common
from common import cpu_seconds

SWEEP_Q = (3, 4, 5, 6, 7, 8)


def _sets(ctx):
    import bench_unmix

    from hyspec_qgis.core import SpectralRaster, read_spectra_csv
    from hyspec_qgis.core.methods.unmix import load_endmembers

    raster = SpectralRaster(ctx["clean_unmix"])
    out = {}
    for kind in bench_unmix.KINDS:
        for q in SWEEP_Q:
            path = bench_unmix.endmember_set(ctx, kind, q)
            out[(kind, q)] = load_endmembers(read_spectra_csv(path), raster, path=path).values
    return out


def _projected(ctx, sets):
    """c for every set's columns over the tile's valid pixels (cached as one .npy per set)."""
    from hyspec_qgis.core import SpectralRaster
    from hyspec_qgis.core.engine.linalg import matmul

    folder = os.path.join(ctx["folder"], "solver")
    os.makedirs(folder, exist_ok=True)
    paths = {key: os.path.join(folder, f"c_{key[0]}_{key[1]}.npy") for key in sets}
    if not all(os.path.exists(p) for p in paths.values()):
        union = np.concatenate([sets[key] for key in sets], axis=1)
        parts = []
        for block in SpectralRaster(ctx["clean_unmix"]).blocks():
            x = block.data[block.valid]
            for s in range(0, x.shape[0], 4096):
                parts.append(matmul(x[s:s + 4096].astype(np.float64), union))
        c = np.concatenate(parts)
        start = 0
        for key in sets:
            q = sets[key].shape[1]
            np.save(paths[key], np.ascontiguousarray(c[:, start:start + q]))
            start += q
    return {key: np.load(p) for key, p in paths.items()}


def _timed(repeat, fn, *args, **kwargs):
    """(fn's result, (wall, CPU) seconds of its cheapest run in CPU)."""
    best = None
    for _ in range(repeat):
        t, c = time.perf_counter(), cpu_seconds()
        out = fn(*args, **kwargs)
        run = (time.perf_counter() - t, cpu_seconds() - c)
        best = run if best is None or run[1] < best[1] else best
    return out, best


def _active_set(gram, c, fcls, tol):
    from hyspec_qgis.core.methods import unmix_solve

    chunk = unmix_solve.SOLVE_CHUNK
    return np.concatenate([unmix_solve._active_set(gram, c[s:s + chunk], fcls, tol[s:s + chunk])[0]
                           for s in range(0, len(c), chunk)])


def main(argv):
    from hyspec_qgis.core.methods import unmix_solve
    from hyspec_qgis.core.methods.fcls_exact import solve

    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=0, help="first N pixels only (0: the whole tile)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-old", action="store_true", help="skip the active set")
    args = parser.parse_args(argv)
    ctx = common.inputs()
    sets = _sets(ctx)
    cs = _projected(ctx, sets)
    lines = [f"# FCLS / NNLS solve alone: {common.size()} x {common.size()} px tile, {os.cpu_count()} cores", "",
             "| method | endmembers | q | pixels | support solver: wall / CPU (s) | active set: wall / CPU (s) | "
             "CPU ratio | max abs diff | pixels with a 0 | rounds/pixel | enumerated |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for method in ("FCLS", "NNLS"):
        fcls = method == "FCLS"
        for (kind, q), e in sets.items():
            model = unmix_solve.fit_unmix(e, method)
            c = cs[(kind, q)][:args.rows or None]
            tol = np.maximum(unmix_solve.DUAL_RTOL * np.abs(c).max(axis=1, initial=0.0), model.tol)
            solve(model.gram, c[:64], fcls, tol[:64])  # factor (cached) outside the timing, as a tile's later blocks
            stats = {}
            a, (w_new, c_new) = _timed(args.repeat, solve, model.gram, c, fcls, tol, stats=stats)
            row = f"| {method} | {kind} | {q} | {len(c)} | {w_new:.2f} / {c_new:.2f} |"
            if args.no_old:
                row += " | | |"
            else:
                b, (w_old, c_old) = _timed(1, _active_set, model.gram, c, fcls, tol)
                row += f" {w_old:.2f} / {c_old:.2f} | {c_old / max(c_new, 1e-9):.1f}x | {np.abs(a - b).max():.1e} |"
            row += (f" {(a == 0).any(axis=1).mean():.2f} | {stats['pixel_rounds'] / max(len(c), 1):.2f} |"
                    f" {stats['enumerated']} |")
            print(row, flush=True)
            lines.append(row)
    os.makedirs(os.path.join(common.HERE, "results"), exist_ok=True)
    with open(os.path.join(common.HERE, "results", f"solver_{common.size()}.md"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
