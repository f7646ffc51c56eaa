"""Headless batch over a folder of NEON tiles: one tutorial chain per tile through bin/qgis_process.

    scripts/batch.py kmeans   TILES_DIR OUT_DIR [--jobs 2]    # import -> clean -> PCA -> k-means
    scripts/batch.py unmixing TILES_DIR OUT_DIR [--jobs 2]    # import -> clean -> N-FINDR -> FCLS -> SID
    make batch CHAIN=kmeans TILES=... OUT=...

Each tile gets OUT_DIR/<tile name>/ with the chain's outputs. Tiles whose main output exists are skipped, so an
interrupted batch resumes where it stopped; a failing tile is reported and the others go on. Exit status 1 if
any tile failed. Every model parameter can be overridden with KEY=VALUE (e.g. clusters=8).
"""
import argparse
import concurrent.futures
import glob
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAUNCHER = os.path.join(ROOT, "bin", "qgis_process")
MODELS = os.path.join(ROOT, "hyspec_qgis", "models")
CHAINS = {
    "kmeans": ("neon_kmeans_pca_tutorial.model3", {
        "kmeans:classes": "kmeans_classes.tif", "kmeans:centers": "kmeans_centers.csv",
        "pca:components": "pca.tif", "pca:eigenvalues": "pca_eigenvalues.csv", "clean:cleaned": "cleaned.tif"}),
    "unmixing": ("neon_unmixing_sid_tutorial.model3", {
        "sid:sid_classes": "sid_classes.tif", "unmix:abundances": "abundances.tif",
        "nfindr:endmember_spectra": "endmembers.csv", "clean:cleaned": "cleaned.tif"}),
}


def run_tile(chain, tile, out_dir, overrides):
    model, outputs = CHAINS[chain]
    name = os.path.splitext(os.path.basename(tile))[0]
    folder = os.path.join(out_dir, name)
    main_output = os.path.join(folder, next(iter(outputs.values())))
    if os.path.exists(main_output):
        return name, "skipped (done)", 0.0
    os.makedirs(folder, exist_ok=True)
    args = [LAUNCHER, "run", os.path.join(MODELS, model), "--", f"neon_file={tile}"]
    args += [f"{key}={os.path.join(folder, filename)}" for key, filename in outputs.items()]
    args += overrides
    start = time.time()
    proc = subprocess.run(args, capture_output=True, text=True)
    if proc.returncode != 0:
        with open(os.path.join(folder, "error.log"), "w") as f:
            f.write(proc.stdout + proc.stderr)
        last = (proc.stderr.strip() or proc.stdout.strip()).splitlines()[-1:] or ["unknown error"]
        return name, f"FAILED: {last[0]}", time.time() - start
    return name, "ok", time.time() - start


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("chain", choices=sorted(CHAINS))
    parser.add_argument("tiles", help="folder with NEON *reflectance.h5 tiles")
    parser.add_argument("out", help="output folder (one subfolder per tile)")
    parser.add_argument("--jobs", type=int, default=1, help="tiles processed at once (default 1)")
    parser.add_argument("overrides", nargs="*", help="model parameters as KEY=VALUE, e.g. clusters=8")
    args = parser.parse_args(argv)
    tiles = sorted(glob.glob(os.path.join(args.tiles, "*.h5")))
    if not tiles:
        sys.exit(f"batch: no .h5 files in {args.tiles}")
    os.makedirs(args.out, exist_ok=True)
    print(f"batch: {args.chain} chain over {len(tiles)} tiles, {args.jobs} at a time -> {args.out}")
    failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(run_tile, args.chain, t, args.out, args.overrides) for t in tiles]
        for future in concurrent.futures.as_completed(futures):
            name, status, seconds = future.result()
            failed += status.startswith("FAILED")
            print(f"  {name}: {status} ({seconds:.1f} s)", flush=True)
    print(f"batch: {len(tiles) - failed} of {len(tiles)} tiles done" + (f", {failed} failed" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
