"""K-means clustering of raster pixels: fit on a reproducible sample of valid pixels, label every pixel block-wise.

Fit (:func:`fit_kmeans`): a seeded random sample of the valid pixels (``sample_size``; 0 = all of them), seeded
greedy k-means++ initialisation (as scikit-learn's) or given start centres (resuming a run, as Spectral Python's
``start_clusters``), then Lloyd iterations. Squared distances are BLAS-shaped, ``||x||^2 - 2 x.c + ||c||^2`` in
float32 over cache-sized chunks; Hamerly's distance bounds skip the pixels that provably keep their centre and the
centre sums (float64) are updated from the pixels that moved, so later iterations cost a fraction of the first while
the iterates stay Lloyd's. Each iteration logs the number of pixels reassigned (as Spectral Python does); the fit
stops when no pixel changes cluster, or after ``max_iter`` iterations. A cluster left empty is moved,
deterministically, to the sample pixel farthest from its centre (as scikit-learn does). A fresh fit numbers its
clusters by decreasing size in the sample, so the largest cluster is cluster 1 whatever the seed; start centres keep
their order.

Apply (:func:`label_block`): the nearest centre of each pixel of a block, a pure function of the block and the
centres, so labelling streams block by block (:func:`run_kmeans`) and could run over many tiles in parallel.

References: Lloyd (1982), Least squares quantization in PCM; Arthur & Vassilvitskii (2007), k-means++;
Hamerly (2010), Making k-means even faster.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field

import numpy as np

from ..engine.blockcache import READ_PASS_GDAL_CACHE, CachedRaster
from ..engine.blockwise import apply_blockwise
from ..engine.gdal_env import gdal_streaming
from ..engine.linalg import matmul
from ..engine.progress import as_progress
from ..errors import HyspecError, ParameterError
from ..io.raster_reader import SpectralRaster, Window
from ..io.raster_writer import RasterWriter, class_colors, class_dtype
from ..io.spectra_csv import Spectra, match_to_raster, read_spectra_csv, write_spectra_csv

DEFAULT_CLUSTERS = 5
DEFAULT_MAX_ITER = 50
DEFAULT_SAMPLE_SIZE = 200_000
ALL_PIXELS_BUDGET = 2 * 1024 ** 3  # bytes of float32 pixels SAMPLE_SIZE=0 may hold in memory
CHUNK_ROWS = 16384  # pixels per BLAS chunk (11 MB for 174 bands)
ROUNDING = 4e-6  # relative rounding error allowed for float32 squared distances (||x||^2 + ||c||^2 scale)
FLOAT_NODATA = -9999.0


def cluster_names(k: int) -> list[str]:
    return [f"cluster {i + 1}" for i in range(k)]


@dataclass
class KMeansModel:
    """A fitted k-means: ``centers`` (k, n_bands) float32, and how the fit went."""

    centers: np.ndarray
    iterations: int = 0
    converged: bool = False
    reassigned: list = field(default_factory=list)  # pixels reassigned at each iteration (the first: all)
    inertia: float = 0.0  # sum of squared distances of the fit sample to their centres
    sample_counts: np.ndarray | None = None  # fit-sample pixels per cluster
    n_fit: int = 0  # pixels the fit used
    n_valid: int = 0  # valid pixels in the raster (window)
    n_total: int = 0  # all pixels in the raster (window)
    relocated: int = 0  # empty clusters moved during the fit

    @property
    def n_clusters(self) -> int:
        return self.centers.shape[0]

    def predict(self, data: np.ndarray) -> np.ndarray:
        """0-based cluster of each row of ``data`` (n, n_bands)."""
        return label_block(data, self.centers)


# --- the numerical kernels ------------------------------------------------------------------------------------------

def _chunks(n: int, size: int = CHUNK_ROWS):
    for start in range(0, n, size):
        yield slice(start, min(n, start + size))


def squared_norms(x: np.ndarray) -> np.ndarray:
    """Row-wise ||x||^2 (float32 input, float32 output)."""
    return np.einsum("ij,ij->i", x, x)


def label_block(data: np.ndarray, centers: np.ndarray, return_distance: bool = False):
    """Nearest centre (0-based) of each row of ``data`` (n, b) float32: argmin over ``||c||^2 - 2 x.c``.

    With ``return_distance`` also the squared Euclidean distance to that centre (float32, clipped at 0).
    Pure function of the block and the centres (the "apply" half of k-means).
    """
    c = np.ascontiguousarray(centers, dtype=np.float32)
    c_sq = squared_norms(c)
    n = data.shape[0]
    labels = np.empty(n, dtype=np.intp)
    dist = np.empty(n, dtype=np.float32) if return_distance else None
    for sl in _chunks(n):
        d = matmul(data[sl], c.T)
        d *= -2.0
        d += c_sq
        lab = d.argmin(axis=1)
        labels[sl] = lab
        if return_distance:
            x = data[sl]
            dist[sl] = np.maximum(d[np.arange(lab.size), lab] + squared_norms(x), 0.0)
    return (labels, dist) if return_distance else labels


def _pairwise_sq(x: np.ndarray, x_sq: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Squared distances (len(y), n) between the rows of y and all rows of x, float32, clipped at 0."""
    y = np.ascontiguousarray(y, dtype=np.float32)
    out = np.empty((y.shape[0], x.shape[0]), dtype=np.float32)
    y_sq = squared_norms(y)
    for sl in _chunks(x.shape[0], 65536):
        d = matmul(x[sl], y.T).T
        d *= -2.0
        d += x_sq[sl]
        d += y_sq[:, None]
        np.maximum(d, 0.0, out=out[:, sl])
    return out


def kmeans_plusplus(x: np.ndarray, k: int, rng: np.random.Generator, x_sq: np.ndarray | None = None) -> np.ndarray:
    """Greedy k-means++ seeding (Arthur & Vassilvitskii 2007, with 2 + ln k local trials as scikit-learn): (k, b)."""
    n = x.shape[0]
    x_sq = squared_norms(x) if x_sq is None else x_sq
    trials = 2 + int(math.log(k))
    chosen = [int(rng.integers(n))]
    closest = _pairwise_sq(x, x_sq, x[chosen[0]:chosen[0] + 1])[0].astype(np.float64)
    potential = closest.sum()
    for _ in range(1, k):
        if potential <= 0.0:  # every pixel coincides with a chosen centre: no distance to weigh by
            candidates = rng.integers(n, size=trials)
        else:
            cumulative = np.cumsum(closest)
            candidates = np.searchsorted(cumulative, rng.random(trials) * cumulative[-1], side="right")
            candidates = np.minimum(candidates, n - 1)
        d = _pairwise_sq(x, x_sq, x[candidates]).astype(np.float64)
        np.minimum(d, closest, out=d)
        potentials = d.sum(axis=1)
        best = int(np.argmin(potentials))
        chosen.append(int(candidates[best]))
        closest, potential = d[best], potentials[best]
    return x[chosen].astype(np.float32)


def _nearest_two(x, x_sq, centers):
    """Squared distances to the nearest and second-nearest centre, and the nearest's index, chunk by chunk."""
    c = np.ascontiguousarray(centers, dtype=np.float32)
    c_sq = squared_norms(c)
    n = x.shape[0]
    labels = np.empty(n, dtype=np.intp)
    d1 = np.empty(n, dtype=np.float32)
    d2 = np.empty(n, dtype=np.float32)
    for sl in _chunks(n):
        d = matmul(x[sl], c.T)
        d *= -2.0
        d += c_sq
        lab = d.argmin(axis=1)
        rows = np.arange(lab.size)
        labels[sl] = lab
        d1[sl] = d[rows, lab]
        d[rows, lab] = np.inf
        d2[sl] = d.min(axis=1)
    d1 += x_sq
    d2 += x_sq
    return labels, d1, d2


def _bounds(d1, d2, slack):
    """Distance bounds (float64) from float32 squared distances, widened by their rounding error ``slack``."""
    upper = np.sqrt(np.maximum(d1, 0.0) + slack, dtype=np.float64)
    lower = np.sqrt(np.maximum(d2 - slack, 0.0), dtype=np.float64)
    return upper, lower


def _cluster_sums(x, labels, k):
    """Per-cluster sums (k, b) float64 and counts, accumulated chunk by chunk with one-hot matrix products."""
    sums = np.zeros((k, x.shape[1]), dtype=np.float64)
    for sl in _chunks(x.shape[0]):
        lab = labels[sl]
        onehot = np.zeros((lab.size, k), dtype=np.float32)
        onehot[np.arange(lab.size), lab] = 1.0
        sums += matmul(onehot.T, x[sl])
    return sums, np.bincount(labels, minlength=k).astype(np.int64)


def lloyd(x: np.ndarray, centers: np.ndarray, max_iter: int, progress=None, x_sq: np.ndarray | None = None):
    """Lloyd iterations on ``x`` (n, b) float32 from ``centers`` (k, b), accelerated with Hamerly's bounds.

    Each iteration assigns every pixel to its nearest centre, then moves each centre to the mean of its pixels;
    it stops when no pixel changes cluster (or after ``max_iter`` iterations). Hamerly's (2010) upper/lower distance
    bounds skip the pixels whose nearest centre provably did not change, so the iterates are Lloyd's (the bounds are
    widened by the float32 rounding error of the distances), and later iterations cost a fraction of the first.
    Centre sums are kept in float64 and updated from the pixels that moved.

    Returns (centers float32, labels of x, iterations, converged, reassigned per iteration, inertia, counts per
    cluster, number of empty-cluster relocations).
    """
    progress = as_progress(progress)
    n = x.shape[0]
    x_sq = squared_norms(x) if x_sq is None else x_sq
    centers = np.array(centers, dtype=np.float32)
    k = centers.shape[0]
    reassigned, converged, relocated, iteration = [], False, 0, 0
    labels = upper = lower = sums = counts = None
    for iteration in range(1, max_iter + 1):
        c_sq_max = float(squared_norms(centers).max())
        if labels is None:
            labels, d1, d2 = _nearest_two(x, x_sq, centers)
            upper, lower = _bounds(d1, d2, ROUNDING * (x_sq + c_sq_max))
            sums, counts = _cluster_sums(x, labels, k)
            changed = n
        else:
            # Pixels whose bounds cannot rule out a closer centre: half the distance from their centre to the
            # nearest other centre, or their lower bound, is below their upper bound.
            c64 = centers.astype(np.float64)
            cc = np.sqrt(((c64[:, None, :] - c64[None, :, :]) ** 2).sum(axis=2))
            np.fill_diagonal(cc, np.inf)
            half = 0.5 * cc.min(axis=1)
            check = np.flatnonzero(upper > np.maximum(half[labels], lower))
            changed = 0
            if check.size:
                xs = x[check]
                new, d1, d2 = _nearest_two(xs, x_sq[check], centers)
                upper[check], lower[check] = _bounds(d1, d2, ROUNDING * (x_sq[check] + c_sq_max))
                moved = new != labels[check]
                changed = int(np.count_nonzero(moved))
                if changed:
                    old, new, xm = labels[check][moved], new[moved], xs[moved].astype(np.float64)
                    delta = np.zeros((changed, k), dtype=np.float64)
                    delta[np.arange(changed), new] = 1.0
                    delta[np.arange(changed), old] -= 1.0
                    sums += matmul(delta.T, xm)
                    counts += np.bincount(new, minlength=k) - np.bincount(old, minlength=k)
                    labels[check[moved]] = new
        reassigned.append(changed)
        progress.log(f"k-means iteration {iteration}: {changed} of {n} pixels reassigned "
                     f"({100.0 * changed / max(n, 1):.2f} %)")
        progress(iteration / max_iter)
        if changed == 0:
            converged = True  # same labels as the previous iteration, so the centres are already their means
            break
        old_centers = centers.copy()
        filled = counts > 0
        centers[filled] = (sums[filled] / counts[filled, None]).astype(np.float32)
        empty = np.flatnonzero(~filled)
        if empty.size:
            # Deterministic relocation (as scikit-learn): the pixels farthest from their centre (ties by position)
            # seed the empty clusters. Rare, so the exact distances are recomputed here.
            dist = label_block(x, old_centers, return_distance=True)[1]
            far = np.argsort(-dist, kind="stable")[:empty.size]
            centers[empty] = x[far]
            relocated += int(empty.size)
            progress.log(f"k-means iteration {iteration}: {empty.size} empty cluster(s) moved to the farthest pixels")
        shift = np.sqrt(((centers.astype(np.float64) - old_centers) ** 2).sum(axis=1))
        order = np.argsort(-shift, kind="stable")
        largest, second = shift[order[0]], shift[order[1]]
        upper += shift[labels]
        lower -= np.where(labels == order[0], second, largest)
        if empty.size:
            lower[:] = 0.0  # the relocated pixels' bounds no longer hold: check everyone next time
    # Within-cluster sum of squares of the last assignment around its cluster means (the centres, once converged):
    # sum ||x||^2 - sum_k n_k ||mean_k||^2, without another pass over the sample.
    filled = counts > 0
    means = sums[filled] / counts[filled, None]
    inertia = float(x_sq.sum(dtype=np.float64) - (counts[filled] * (means ** 2).sum(axis=1)).sum())
    return centers, labels, iteration, converged, reassigned, max(inertia, 0.0), counts, relocated


# --- fitting on a raster --------------------------------------------------------------------------------------------

def check_parameters(n_clusters, max_iter, sample_size, seed) -> None:
    if n_clusters is None or int(n_clusters) != n_clusters or n_clusters < 2:
        raise ParameterError(f"CLUSTERS: k-means needs at least 2 clusters, got {n_clusters}")
    if n_clusters > 65535:
        raise ParameterError(f"CLUSTERS: at most 65535 clusters, got {n_clusters}")
    if max_iter is None or max_iter < 1:
        raise ParameterError(f"MAX_ITER: must be 1 or more, got {max_iter}")
    if sample_size is None or sample_size < 0:
        raise ParameterError(f"SAMPLE_SIZE: must be 0 (all valid pixels) or a positive number of pixels, got {sample_size}")
    if seed is None or seed < 0:
        raise ParameterError(f"SEED: must be 0 or a positive integer, got {seed}")


def load_start_centers(path: str, raster: SpectralRaster, n_clusters: int | None = None,
                       parameter: str = "START_CENTERS") -> np.ndarray:
    """Start centres (k, n_bands) float32 from a spectra CSV (e.g. a previous run's CENTERS), matched to the raster by
    wavelength (or band count when either side has no wavelengths)."""
    spectra = read_spectra_csv(path, parameter)
    matched = match_to_raster(spectra, raster.wavelengths, raster.count, parameter, path)
    if n_clusters is not None and matched.n_spectra != n_clusters:
        raise ParameterError(
            f"{parameter}: {path} has {matched.n_spectra} centres ({', '.join(matched.names)}) but CLUSTERS is "
            f"{n_clusters}; set CLUSTERS to {matched.n_spectra} to resume that run")
    return np.ascontiguousarray(matched.values.T, dtype=np.float32)


def _all_valid_pixels(raster: SpectralRaster, window: Window, progress):
    """Every valid pixel (n_valid, b) float32 in raster order, gathered into one buffer (no concatenation copy)."""
    total = window.width * window.height
    out = np.empty((total, raster.count), dtype=np.float32)  # pages past the valid pixels are never touched
    n = 0
    for block in raster.blocks(window=window, progress=progress):
        m = int(block.valid.sum())
        out[n:n + m] = block.data[block.valid]
        n += m
    return out[:n], n, total


def fit_kmeans(raster: SpectralRaster, n_clusters: int = DEFAULT_CLUSTERS, max_iter: int = DEFAULT_MAX_ITER,
               seed: int = 0, sample_size: int = DEFAULT_SAMPLE_SIZE, start_centers: np.ndarray | None = None,
               window: Window | None = None, progress=None, n_init: int = 1) -> KMeansModel:
    """Fit k-means on a reproducible sample of the raster's valid pixels (one streamed pass to draw it).

    ``start_centers`` (k, n_bands): resume from these centres instead of k-means++ (their order is kept).
    ``n_init``: k-means++ restarts; the fit with the lowest inertia is kept (ignored with start centres).
    """
    progress = as_progress(progress)
    check_parameters(n_clusters, max_iter, sample_size, seed)
    window = window or raster.full_window()
    total = window.width * window.height
    if start_centers is not None:
        start_centers = np.asarray(start_centers, dtype=np.float32)
        if start_centers.shape != (n_clusters, raster.count):
            raise ParameterError(
                f"START_CENTERS: expected {n_clusters} centres of {raster.count} bands, got an array of shape "
                f"{start_centers.shape}")
        if not np.all(np.isfinite(start_centers)):
            raise ParameterError("START_CENTERS: the centres contain non-finite values")
    if sample_size == 0 and total * raster.count * 4 > ALL_PIXELS_BUDGET:
        gb = total * raster.count * 4 / 1024 ** 3
        raise ParameterError(
            f"SAMPLE_SIZE: 0 (all valid pixels) would hold {gb:.1f} GB of pixels of {raster.path} in memory; give a "
            f"sample size instead (e.g. {DEFAULT_SAMPLE_SIZE}): every pixel is still labelled")
    seeds = np.random.SeedSequence(int(seed)).spawn(2)
    with gdal_streaming(READ_PASS_GDAL_CACHE):
        if sample_size == 0:
            x, n_valid, n_total = _all_valid_pixels(raster, window, progress.sub(0.0, 0.7))
        else:
            x, n_valid, n_total = raster.sample(int(sample_size), seed=seeds[0], window=window,
                                                progress=progress.sub(0.0, 0.7))
    if n_valid == 0:
        raise HyspecError(f"{raster.parameter}: {raster.path}: every pixel is no-data; nothing to cluster")
    if n_clusters > n_valid:
        raise ParameterError(
            f"CLUSTERS: {n_clusters} clusters but {raster.path} has only {n_valid} valid pixel(s)")
    if n_clusters > x.shape[0]:
        raise ParameterError(
            f"SAMPLE_SIZE: the sample holds {x.shape[0]} valid pixels, fewer than the {n_clusters} CLUSTERS; "
            "use a larger sample (or 0 for all valid pixels)")
    progress.log(f"k-means: fitting {n_clusters} clusters on {x.shape[0]} of {n_valid} valid pixels "
                 f"({raster.count} bands)")
    fit_progress = progress.sub(0.7, 1.0)
    x_sq = squared_norms(x)
    if start_centers is not None:
        starts = [start_centers]
        progress.log("k-means: starting from the given centres (START_CENTERS)")
    else:
        rng = np.random.default_rng(seeds[1])
        starts = [kmeans_plusplus(x, n_clusters, rng, x_sq) for _ in range(max(1, int(n_init)))]
    best = None
    for i, start in enumerate(starts):
        if len(starts) > 1:
            progress.log(f"k-means: start {i + 1} of {len(starts)}")
        result = lloyd(x, start, max_iter, fit_progress.sub(i / len(starts), (i + 1) / len(starts)), x_sq)
        if best is None or result[5] < best[5]:
            best = result
    centers, _labels, iterations, converged, reassigned, inertia, counts, relocated = best
    if start_centers is None:
        order = np.argsort(-counts, kind="stable")  # cluster 1 = the largest in the sample
        centers, counts = centers[order], counts[order]
    progress.log(f"k-means: {'converged' if converged else 'stopped at MAX_ITER'} after {iterations} iteration(s); "
                 f"within-cluster sum of squares {inertia:.6g}")
    return KMeansModel(centers=centers, iterations=iterations, converged=converged, reassigned=reassigned,
                       inertia=inertia, sample_counts=counts, n_fit=int(x.shape[0]), n_valid=int(n_valid),
                       n_total=int(n_total), relocated=relocated)


# --- the whole run: fit, label every pixel, write the outputs --------------------------------------------------------

def center_image_layout(raster: SpectralRaster) -> tuple[np.dtype, float | None]:
    """dtype and no-data of the CENTER_IMAGE output: the input's integer type when it has no scale/offset (an RGB photo
    stays a Byte image, so its k-colour version shows as is), float32 otherwise."""
    from osgeo import gdal

    types = {raster.ds.GetRasterBand(i + 1).DataType for i in range(raster.count)}
    integer = {gdal.GDT_Byte: "uint8", gdal.GDT_UInt16: "uint16", gdal.GDT_Int16: "int16", gdal.GDT_Int32: "int32"}
    plain = bool(np.all(raster.scales == 1.0) and np.all(raster.offsets == 0.0))
    if len(types) == 1 and plain and next(iter(types)) in integer:
        nodata = next((v for v in raster.nodata if v is not None and math.isfinite(v)), None)
        return np.dtype(integer[next(iter(types))]), nodata
    return np.dtype("float32"), FLOAT_NODATA


def centers_spectra(model: KMeansModel, raster: SpectralRaster) -> Spectra:
    """The centres as a spectra CSV table: one row per band (with its wavelength), one column per cluster."""
    return Spectra(cluster_names(model.n_clusters), model.centers.T.astype(np.float64), raster.wavelengths,
                   np.arange(1, raster.count + 1))


def run_kmeans(input_path, output, centers_csv=None, center_image=None, n_clusters: int = DEFAULT_CLUSTERS,
               max_iter: int = DEFAULT_MAX_ITER, seed: int = 0, sample_size: int = DEFAULT_SAMPLE_SIZE,
               start_centers_csv: str | None = None, progress=None, n_init: int = 1) -> dict:
    """hyspec:kmeans in plain Python: fit, then label every pixel block by block.

    Writes ``output`` (class raster 1..k, 0 = no-data, palette and names "cluster 1"...), ``centers_csv`` (spectra
    CSV, usable as START_CENTERS or as endmembers) and, if given, ``center_image`` (each pixel replaced by its
    centre). Returns a summary dict (model, counts per cluster over the whole raster, output paths).
    """
    progress = as_progress(progress)
    check_parameters(n_clusters, max_iter, sample_size, seed)
    raster = input_path if isinstance(input_path, SpectralRaster) else SpectralRaster(input_path, "INPUT")
    # Keep the decoded blocks of the sampling pass for the labelling pass when they fit the memory budget (not when
    # the fit holds every valid pixel already: the file is then read again rather than held twice).
    if not isinstance(raster, CachedRaster):
        raster = CachedRaster(raster, budget=0 if sample_size == 0 else None)
    start = None
    if start_centers_csv:
        start = load_start_centers(start_centers_csv, raster, n_clusters)
    model = fit_kmeans(raster, n_clusters, max_iter, seed, sample_size, start, progress=progress.sub(0.0, 0.55),
                       n_init=n_init)
    k = model.n_clusters
    names = cluster_names(k)
    common = dict(width=raster.width, height=raster.height, geotransform=raster.geotransform, crs_wkt=raster.crs_wkt)
    meta = {"HYSPEC_ALGORITHM": "kmeans", "HYSPEC_CLUSTERS": k, "HYSPEC_ITERATIONS": model.iterations,
            "HYSPEC_CONVERGED": "yes" if model.converged else "no", "HYSPEC_SEED": seed,
            "HYSPEC_SAMPLE_PIXELS": model.n_fit, "HYSPEC_INPUT": os.path.basename(raster.path)}
    writers = [RasterWriter(output, bands=1, dtype=class_dtype(k), nodata=0, class_names=names,
                            colors=class_colors(k), metadata=meta, **common)]
    try:
        if center_image:
            dtype, nodata = center_image_layout(raster)
            band_names = None if raster.wavelengths is not None else list(raster.band_names)
            writers.append(RasterWriter(center_image, bands=raster.count, dtype=dtype, nodata=nodata,
                                        wavelengths=raster.wavelengths, fwhm=raster.fwhm, band_names=band_names,
                                        metadata=meta, **common))
    except Exception:
        for w in writers:
            w.abort()
        raise
    counts = np.zeros(k, dtype=np.int64)
    centers = model.centers
    class_type = writers[0].dtype
    if center_image:
        ci_type = writers[1].dtype
        if ci_type.kind in "iu":
            info = np.iinfo(ci_type)
            ci_values = np.clip(np.rint(centers), info.min, info.max).astype(ci_type)
        else:
            ci_values = centers.astype(ci_type)

    def apply(block):
        labels = label_block(block.data, centers)
        counts[:] += np.bincount(labels[block.valid], minlength=k)
        classes = (labels + 1).astype(class_type)
        out = [classes]
        if center_image:
            out.append(ci_values[labels])
        return out

    try:
        apply_blockwise(raster, apply, writers, progress=progress.sub(0.55, 1.0))
    finally:
        raster.release()
    spectra = centers_spectra(model, raster)
    if centers_csv:
        write_spectra_csv(centers_csv, spectra)
    for i in np.flatnonzero(counts == 0):
        progress.log(f"k-means: {names[i]} has no pixel (the data has fewer distinct spectra than CLUSTERS)")
    summary = ", ".join(f"{name}: {int(c)}" for name, c in zip(names, counts))
    progress.log(f"k-means: labelled {int(counts.sum())} valid pixels ({summary})")
    return {"model": model, "counts": counts, "names": names, "output": output, "centers_csv": centers_csv,
            "centers": spectra,
            "center_image": center_image, "center_image_float": bool(center_image) and writers[1].dtype.kind == "f",
            "wavelengths": raster.wavelengths, "bands": raster.count}
