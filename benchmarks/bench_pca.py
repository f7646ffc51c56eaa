"""PCA on a full tile (ctx["clean_kmeans"]: the k-means tutorial's 174 bands), keeping 99.9 % of the variance:
hyspec (file to file: streamed covariance, every pixel transformed, GeoTIFF + CSVs written) next to Spectral
Python's ``principal_components(img).reduce(fraction=0.999)`` + transform (the tutorial) and scikit-learn's
``PCA(0.999).fit_transform`` on the same valid pixels in memory.

The reference tools get the valid pixels only (an (n, 1, bands) array for Spectral Python), so all three decompose
the same covariance; reading the GeoTIFF is inside every case's time. Agreement: hyspec's case compares its
eigenvalues and component count with those the reference cases saved. hyspec's case times the run alone (not the
comparison after it) and also runs through ``bin/qgis_process``.
"""
import os
import time

import numpy as np

from common import Case, Timer, qgis_process, read_pass

FRACTION = 0.999

CASES = [
    Case("pca", "hyspec: stream-read the cleaned cube once (read floor)", "read_stream", floor=True, read=True),
    Case("pca", "GDAL: read the cleaned cube into memory (I/O floor)", "read_floor", floor=True),
    Case("pca", "Spectral Python principal_components + reduce(fraction=0.999) + transform (tutorial)", "spy_pca"),
    Case("pca", "scikit-learn PCA(0.999).fit_transform, float32 valid pixels in memory", "sklearn_pca",
         reference=True),
    Case("pca", "hyspec pca (VARIANCE_FRACTION 0.999), file to file", "hyspec_pca"),
    Case("pca", "hyspec:pca (VARIANCE_FRACTION 0.999) + EIGENVALUES, LOADINGS through qgis_process", "qgis_pca",
         qgis=True),
]


def _valid_pixels(path):
    from osgeo import gdal

    ds = gdal.Open(path)
    cube = ds.ReadAsArray(interleave="pixel")
    flat = cube.reshape(-1, cube.shape[-1])
    valid = ~np.any(flat == ds.GetRasterBand(1).GetNoDataValue(), axis=1) & np.isfinite(flat).all(axis=1)
    return flat[valid], valid


def _save(ctx, name, eigenvalues, count):
    np.save(os.path.join(ctx["out"], f"pca_{name}_eigenvalues.npy"), np.asarray(eigenvalues, dtype=np.float64))
    np.save(os.path.join(ctx["out"], f"pca_{name}_count.npy"), np.array(count))


def read_stream(ctx):
    return read_pass(ctx["clean_kmeans"])


def read_floor(ctx):
    x, valid = _valid_pixels(ctx["clean_kmeans"])
    return {"valid_pixels": int(valid.sum()), "bands": x.shape[1]}


def spy_pca(ctx):
    import spectral

    t0 = time.perf_counter()
    x, _ = _valid_pixels(ctx["clean_kmeans"])
    read_s = time.perf_counter() - t0
    image = x.reshape(-1, 1, x.shape[1])
    pc = spectral.principal_components(image)
    reduced = pc.reduce(fraction=FRACTION)
    scores = reduced.transform(image)
    _save(ctx, "spy", np.real(pc.eigenvalues), len(reduced.eigenvalues))
    return {"components": len(reduced.eigenvalues), "scores_dtype": str(scores.dtype), "read_s": round(read_s, 1)}


def sklearn_pca(ctx):
    from sklearn.decomposition import PCA

    t0 = time.perf_counter()
    x, _ = _valid_pixels(ctx["clean_kmeans"])
    read_s = time.perf_counter() - t0
    pca = PCA(n_components=FRACTION)
    scores = pca.fit_transform(x)
    _save(ctx, "sklearn", pca.explained_variance_, pca.n_components_)
    return {"components": int(pca.n_components_), "solver": pca._fit_svd_solver, "scores_dtype": str(scores.dtype),
            "read_s": round(read_s, 1)}


def hyspec_pca(ctx):
    from hyspec_qgis.core.methods.pca import run_pca

    out = os.path.join(ctx["out"], "pca.tif")
    with Timer() as timer:
        result = run_pca(ctx["clean_kmeans"], out, os.path.join(ctx["out"], "pca_eigenvalues.csv"),
                         os.path.join(ctx["out"], "pca_loadings.csv"), variance_fraction=FRACTION)
    model = result.model
    info = timer.info()
    info |= {"components": model.n_components, "variance_kept": round(float(model.cumulative[model.n_components - 1]), 5)}
    for name in ("spy", "sklearn"):
        path = os.path.join(ctx["out"], f"pca_{name}_eigenvalues.npy")
        if os.path.exists(path):
            ref = np.load(path)
            k = min(ref.size, 10)
            info[f"max_rel_diff_top10_eig_vs_{name}"] = float(f"{np.max(np.abs(model.eigenvalues[:k] / ref[:k] - 1)):.2g}")
            info[f"same_count_as_{name}"] = int(np.load(os.path.join(ctx["out"], f"pca_{name}_count.npy"))) == \
                model.n_components
    return info


def qgis_pca(ctx):
    results = qgis_process("hyspec:pca", INPUT=ctx["clean_kmeans"], VARIANCE_FRACTION=FRACTION,
                           OUTPUT=os.path.join(ctx["out"], "pca_qgis.tif"),
                           EIGENVALUES=os.path.join(ctx["out"], "pca_qgis_eigenvalues.csv"),
                           LOADINGS=os.path.join(ctx["out"], "pca_qgis_loadings.csv"))
    return {"components": results.get("N_COMPONENTS"), "variance_kept": results.get("VARIANCE_KEPT")}
