"""k-means on a full tile (ctx["clean_kmeans"]: the k-means tutorial's 174 bands), 5 clusters, 50 iterations:
hyspec (file to file: sample fit, every pixel labelled, GeoTIFF + CSV written) next to Spectral Python's
``kmeans(img, 5, 50)`` (the tutorial's call) and scikit-learn's KMeans on the same pixels in memory.

Agreement: adjusted Rand index against the generator's dominant material (argmax of the true abundances) over the
valid pixels, and between hyspec's and scikit-learn's labels. Spectral Python raises on NaN (and the no-data value
would be clustered as a spectrum), so its case fills no-data pixels with 0, as a tutorial user has to; the ARI is
still computed on the valid pixels only. Reading the GeoTIFF is inside every case's time; hyspec's cases time the
run alone (not the agreement checks after it) and also run through ``bin/qgis_process``.
"""
import os
import time

import numpy as np

from common import Case, Timer, qgis_process, read_pass

K, ITER = 5, 50

CASES = [
    Case("kmeans", "hyspec: stream-read the cleaned cube once (read floor)", "read_stream", floor=True, read=True),
    Case("kmeans", "GDAL: read the cleaned cube into memory (I/O floor)", "read_floor", floor=True),
    Case("kmeans", "Spectral Python kmeans(img, 5, 50), no-data filled with 0 (tutorial)", "spy_kmeans",
         reference=True),
    Case("kmeans", "scikit-learn KMeans(5, max_iter=50), float32 valid pixels in memory", "sklearn_kmeans"),
    Case("kmeans", "hyspec kmeans (SAMPLE_SIZE 200000, MAX_ITER 50), file to file", "hyspec_kmeans"),
    Case("kmeans", "hyspec:kmeans (SAMPLE_SIZE 200000, MAX_ITER 50) + CENTERS through qgis_process", "qgis_kmeans",
         qgis=True),
    Case("kmeans", "hyspec kmeans (SAMPLE_SIZE 0: fit on all valid pixels), file to file", "hyspec_kmeans_all"),
]


def ari(a, b):
    """Adjusted Rand index of two label vectors (Hubert & Arabie 1985) from their contingency table."""
    a = np.unique(a, return_inverse=True)[1]
    b = np.unique(b, return_inverse=True)[1]
    table = np.bincount(a * (b.max() + 1) + b, minlength=(a.max() + 1) * (b.max() + 1)).astype(np.float64)
    table = table.reshape(a.max() + 1, b.max() + 1)

    def pairs(v):
        return (v * (v - 1) / 2).sum()

    n = table.sum()
    index, rows, cols = pairs(table), pairs(table.sum(axis=1)), pairs(table.sum(axis=0))
    expected = rows * cols / pairs(np.array([n]))
    return float((index - expected) / ((rows + cols) / 2 - expected))


def _truth(ctx):
    """(dominant material per pixel, valid mask), both flat."""
    abundances = np.load(ctx["truth_abundances"])
    valid = np.isfinite(abundances).all(axis=2).ravel()
    dominant = np.argmax(np.nan_to_num(abundances, nan=-1.0), axis=2).ravel()
    return dominant, valid


def _read_cube(path):
    """(rows, cols, bands) float32 and the flat valid mask (no-data -9999 or NaN in any band)."""
    from osgeo import gdal

    ds = gdal.Open(path)
    cube = ds.ReadAsArray(interleave="pixel")
    nodata = ds.GetRasterBand(1).GetNoDataValue()
    flat = cube.reshape(-1, cube.shape[-1])
    valid = ~np.any(flat == nodata, axis=1) & np.isfinite(flat).all(axis=1)
    return cube, valid


def _save(ctx, name, labels):
    np.save(os.path.join(ctx["out"], f"kmeans_{name}_labels.npy"), labels)


def read_stream(ctx):
    return read_pass(ctx["clean_kmeans"])


def read_floor(ctx):
    cube, valid = _read_cube(ctx["clean_kmeans"])
    return {"shape": cube.shape, "valid_pixels": int(valid.sum())}


def spy_kmeans(ctx):
    import spectral

    t0 = time.perf_counter()
    cube, valid = _read_cube(ctx["clean_kmeans"])
    cube.reshape(-1, cube.shape[-1])[~valid] = 0.0  # kmeans raises NaNValueError on NaN; -9999 would be a spectrum
    read_s = time.perf_counter() - t0
    labels, _ = spectral.kmeans(cube, K, ITER)
    labels = labels.ravel()
    dominant, truth_valid = _truth(ctx)
    _save(ctx, "spy", labels)
    return {"ARI_truth": round(ari(dominant[truth_valid], labels[truth_valid]), 3), "read_s": round(read_s, 1),
            "non_empty_clusters": int(np.unique(labels[valid]).size)}


def sklearn_kmeans(ctx):
    from sklearn.cluster import KMeans

    t0 = time.perf_counter()
    cube, valid = _read_cube(ctx["clean_kmeans"])
    x = cube.reshape(-1, cube.shape[-1])[valid]
    read_s = time.perf_counter() - t0
    km = KMeans(n_clusters=K, max_iter=ITER, random_state=0).fit(x)
    labels = np.zeros(valid.size, dtype=np.int64)
    labels[valid] = km.labels_ + 1
    dominant, truth_valid = _truth(ctx)
    _save(ctx, "sklearn", labels)
    return {"ARI_truth": round(ari(dominant[truth_valid], labels[truth_valid]), 3), "read_s": round(read_s, 1),
            "iterations": int(km.n_iter_)}


def _hyspec(ctx, sample_size):
    from osgeo import gdal

    from hyspec_qgis.core.methods.kmeans import run_kmeans

    out = os.path.join(ctx["out"], f"kmeans_{sample_size}.tif")
    with Timer() as timer:
        result = run_kmeans(ctx["clean_kmeans"], out, os.path.join(ctx["out"], f"kmeans_{sample_size}_centers.csv"),
                            n_clusters=K, max_iter=ITER, seed=0, sample_size=sample_size)
    labels = gdal.Open(out).ReadAsArray().ravel()
    dominant, valid = _truth(ctx)
    model = result.model
    info = timer.info()
    info |= {"ARI_truth": round(ari(dominant[valid], labels[valid]), 3), "iterations": model.iterations,
            "converged": model.converged, "fit_pixels": model.n_fit,
            "nodata_is_0": bool((labels[~valid] == 0).all())}
    other = os.path.join(ctx["out"], "kmeans_sklearn_labels.npy")
    if os.path.exists(other):
        info["ARI_vs_sklearn"] = round(ari(np.load(other)[valid], labels[valid]), 3)
    return info


def hyspec_kmeans(ctx):
    return _hyspec(ctx, 200_000)


def hyspec_kmeans_all(ctx):
    return _hyspec(ctx, 0)


def qgis_kmeans(ctx):
    from osgeo import gdal

    out = os.path.join(ctx["out"], "kmeans_qgis.tif")
    results = qgis_process("hyspec:kmeans", INPUT=ctx["clean_kmeans"], CLUSTERS=K, MAX_ITER=ITER, SEED=0,
                           SAMPLE_SIZE=200_000, OUTPUT=out, CENTERS=os.path.join(ctx["out"], "kmeans_qgis_centers.csv"))
    labels = gdal.Open(out).ReadAsArray().ravel()
    dominant, valid = _truth(ctx)
    return {"ARI_truth": round(ari(dominant[valid], labels[valid]), 3), "iterations": results.get("ITERATIONS")}
