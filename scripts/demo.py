"""make demo: both NEON tutorial chains, headless through bin/qgis_process, on the bundled synthetic sample.

    import -> clean (k-means recipe) -> PCA -> k-means           (NEON "classification with k-means and PCA")
    import -> clean (endmember recipe) -> N-FINDR -> FCLS -> SID/SAM (NEON "unsupervised spectral classification")

Results land in demo-output/ with a PNG quicklook of each main raster rendered by QGIS, and a short summary.
"""
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
LAUNCHER = os.path.join(ROOT, "bin", "qgis_process")


def qgis_process(alg, **params):
    args = [LAUNCHER, "--json", "run", alg, "--"] + [f"{k}={v}" for k, v in params.items()]
    start = time.time()
    proc = subprocess.run(args, capture_output=True, text=True)
    out = proc.stdout
    if proc.returncode != 0 or "{" not in out:
        sys.exit(f"demo: {alg} failed:\n{proc.stderr[-2000:]}\n{out[-2000:]}")
    data = json.loads(out[out.find("{"):])
    print(f"  {alg:<18} {time.time() - start:5.1f} s")
    return data["results"]


def available_algorithms():
    proc = subprocess.run([LAUNCHER, "list"], capture_output=True, text=True)
    return {line.split()[0] for line in proc.stdout.splitlines() if line.strip().startswith("hyspec:")}


def main(out_dir):
    from hyspec_qgis.core.io.sample import sample_filename, write_sample

    out_dir = os.path.abspath(out_dir)
    os.makedirs(out_dir, exist_ok=True)
    h5 = os.path.join(out_dir, sample_filename("001"))
    print(f"Writing the bundled sample tile (200 x 200 px, 426 bands, 5 known materials): {h5}")
    write_sample(h5, rows=200, cols=200, seed=0)
    algs = available_algorithms()
    p = lambda name: os.path.join(out_dir, name)  # noqa: E731
    outputs = []  # (path, caption) of rasters to render
    print("Running the NEON tutorial chains headless (bin/qgis_process):")
    refl = qgis_process("hyspec:importneon", INPUT=h5, OUTPUT=p("reflectance.tif"))["OUTPUT"]
    outputs.append((refl, "Reflectance, true colour (bands nearest 650/550/450 nm)"))
    if "hyspec:cleanbands" in algs:
        clean_k = qgis_process("hyspec:cleanbands", INPUT=refl, DROP_FIRST=10, DROP_LAST=15, BAND_STEP=2,
                               OUTPUT=p("clean_kmeans_174.tif"))["OUTPUT"]
        clean_u = qgis_process("hyspec:cleanbands", INPUT=refl, DROP_LAST=10, OUTPUT=p("clean_unmix_362.tif"))["OUTPUT"]
    else:
        clean_k = clean_u = refl
    notes = []
    if "hyspec:pca" in algs:
        pca = qgis_process("hyspec:pca", INPUT=clean_k, VARIANCE_FRACTION=0.999, OUTPUT=p("pca.tif"),
                           EIGENVALUES=p("pca_eigenvalues.csv"), LOADINGS=p("pca_loadings.csv"))
        outputs.append((pca["OUTPUT"], "PCA, components 1-3 as RGB"))
        notes.append(f"PCA kept {pca.get('N_COMPONENTS')} components for 99.9 % of the variance")
    if "hyspec:kmeans" in algs:
        km = qgis_process("hyspec:kmeans", INPUT=clean_k, CLUSTERS=5, MAX_ITER=50, SEED=0, OUTPUT=p("kmeans.tif"),
                          CENTERS=p("kmeans_centers.csv"), PLOT=p("kmeans_centers.html"))
        outputs += [(km["OUTPUT"], "k-means, 5 clusters"), (km["PLOT"], "k-means cluster centres")]
        notes.append(f"k-means: {km.get('ITERATIONS')} iterations, converged: {km.get('CONVERGED')}")
    if "hyspec:nfindr" in algs:
        # The endmember tutorial's parameters: 4 endmembers (ATGP start), FCLS, SID on endmembers 1, 3, 4 with
        # relative thresholds 0.8, 0.3, 0.03. (The sample has 5 materials, so 4 endmembers under-fit on purpose.)
        nf = qgis_process("hyspec:nfindr", INPUT=clean_u, ENDMEMBERS_COUNT=4, OUTPUT=p("endmembers.csv"),
                          PLOT=p("endmembers.html"))
        em = nf["OUTPUT"]
        outputs.append((nf["PLOT"], "N-FINDR endmembers"))
        notes.append(f"N-FINDR: simplex volume {float(nf.get('VOLUME', 0)):.4g} after {nf.get('ITERATIONS')} iterations")
        if "hyspec:unmix" in algs:
            ab = qgis_process("hyspec:unmix", INPUT=clean_u, ENDMEMBERS=em, METHOD="FCLS", OUTPUT=p("abundances.tif"),
                              RMSE=p("unmix_rmse.tif"))
            outputs.append((ab["OUTPUT"], "FCLS abundance of EM1"))
            notes.append(f"FCLS mean abundances: {ab.get('MEAN_ABUNDANCE')}")
        if "hyspec:sid" in algs:
            sid = qgis_process("hyspec:sid", INPUT=clean_u, ENDMEMBERS=em, SELECT="1,3,4", THRESHOLD="0.8,0.3,0.03",
                               THRESHOLD_MODE="relative", OUTPUT=p("sid_classes.tif"))
            outputs.append((sid["OUTPUT"], "SID on EM1, EM3, EM4 (tutorial thresholds)"))
            notes.append(f"SID: {sid.get('UNCLASSIFIED')} valid pixels left unclassified")
        if "hyspec:sam" in algs:
            sam = qgis_process("hyspec:sam", INPUT=clean_u, ENDMEMBERS=em, THRESHOLD=0.1, THRESHOLD_MODE="absolute",
                               OUTPUT=p("sam_classes.tif"))
            outputs.append((sam["OUTPUT"], "SAM, 0.1 rad"))
            notes.append(f"SAM: {sam.get('UNCLASSIFIED')} valid pixels beyond 0.1 rad of every endmember")
    print("Rendering quicklooks with QGIS:")
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "quicklook.py"),
                    json.dumps(outputs)], check=True)
    print("\nWhat the runs found:")
    for note in notes:
        print(f"  {note}")
    print(f"\nDone. Everything is in {out_dir}:")
    for name in sorted(os.listdir(out_dir)):
        if name.endswith((".tif", ".csv", ".png", ".html")):
            print(f"  {name}")
    print("Open the .tif files in QGIS (they load styled) or look at the *_quicklook.png files.")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "demo-output")
