"""K-means clustering of raster pixels: fit on a reproducible sample of valid pixels, label every pixel block-wise.

Fit (:func:`fit_kmeans`): a seeded random sample of the valid pixels (``sample_size``; 0 = all of them), then
scikit-learn's ``KMeans`` (Lloyd's algorithm, ``n_init=1``) from its seeded greedy k-means++ start or from given
start centres (resuming a run, as Spectral Python's ``start_clusters``). ``tol=0``: the fit stops when no pixel
changes cluster, or after ``max_iter`` iterations. A fresh fit numbers its clusters by decreasing size in the sample,
so the largest cluster is cluster 1 whatever the seed; start centres keep their order.

Apply (:func:`label_block`): the nearest centre of each pixel of a block, a pure function of the block and the
centres through SciPy's BLAS (see ``engine/linalg``), so labelling streams block by block (:func:`run_kmeans`) and
runs over many tiles in parallel.

References: Lloyd (1982), Least squares quantization in PCM; Arthur & Vassilvitskii (2007), k-means++.
"""
from __future__ import annotations

import contextlib
import math
import os
import threading
from dataclasses import dataclass

import numpy as np

from ..engine.blockcache import CachedRaster
from ..engine.blockwise import walk, write_pass
from ..engine.linalg import matmul
from ..engine.progress import as_progress
from ..engine.seeds import check_seed
from ..errors import HyspecError, ParameterError
from ..io.raster_reader import SpectralRaster, Window
from ..io.raster_writer import FLOAT_NODATA, RasterWriter, class_colors, class_dtype
from ..io.spectra_csv import Spectra, write_spectra_csv
from ..messages import Message
from .library import load_spectra

DEFAULT_CLUSTERS = 5
DEFAULT_MAX_ITER = 50
DEFAULT_SAMPLE_SIZE = 200_000
ALL_PIXELS_BUDGET = 2 * 1024 ** 3  # bytes of float32 pixels SAMPLE_SIZE=0 may hold in memory
CHUNK_ROWS = 16384  # pixels per BLAS chunk (11 MB for 174 bands)


# Relative cost per pixel (and band) of the three phases, measured here on 174-band tiles of 300 x 300 and 450 x 450
# pixels: a read pass about 4e-8 s, one Lloyd iteration about 1e-9 s per cluster (scikit-learn), labelling cached
# blocks about 4e-9 s. They split the progress bar so that it moves at about the same speed in every phase: on a full
# tile (1000 x 1000, a 200 000-pixel sample, 5 clusters) the sample pass takes 62 %, the fit 31 %, labelling 6 %.
_READ_COST, _ITERATION_COST, _LABEL_COST = 40.0, 1.0, 4.0
_TYPICAL_ITERATIONS = 20  # Lloyd's iterations usually converge well before MAX_ITER


def phase_costs(n_pixels: int, sample_size: int, n_clusters: int, max_iter: int, cached: bool = True):
    """Relative costs (sample pass, fit, labelling pass) of a run over ``n_pixels``; uncached labelling reads the
    file again."""
    n_fit = n_pixels if sample_size == 0 else min(sample_size, n_pixels)
    read = _READ_COST * n_pixels
    fit = _ITERATION_COST * n_fit * n_clusters * min(max_iter, _TYPICAL_ITERATIONS)
    return read, fit, _LABEL_COST * n_pixels + (0.0 if cached else read)


def cluster_names(k: int) -> list[str]:
    return [f"cluster {i + 1}" for i in range(k)]


@dataclass
class KMeansModel:
    """A fitted k-means: ``centers`` (k, n_bands) float32, and how the fit went."""

    centers: np.ndarray
    iterations: int = 0
    converged: bool = False
    inertia: float = 0.0  # sum of squared distances of the fit sample to their centres
    sample_counts: np.ndarray | None = None  # fit-sample pixels per cluster
    n_fit: int = 0  # pixels the fit used
    n_valid: int = 0  # valid pixels in the raster (window)
    n_total: int = 0  # all pixels in the raster (window)

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


# --- fitting on a raster --------------------------------------------------------------------------------------------

def check_parameters(n_clusters, max_iter, sample_size, seed) -> None:
    if n_clusters is None or int(n_clusters) != n_clusters or n_clusters < 2:
        raise ParameterError("CLUSTERS: k-means needs at least 2 clusters, got {n_clusters}", n_clusters=n_clusters)
    if n_clusters > 65535:
        raise ParameterError("CLUSTERS: at most 65535 clusters, got {n_clusters}", n_clusters=n_clusters)
    if max_iter is None or max_iter < 1:
        raise ParameterError("MAX_ITER: must be 1 or more, got {max_iter}", max_iter=max_iter)
    if sample_size is None or sample_size < 0:
        raise ParameterError("SAMPLE_SIZE: must be 0 (all valid pixels) or a positive number of pixels, got {sample_size}",
                             sample_size=sample_size)
    check_seed(seed)


def load_start_centers(path: str, raster: SpectralRaster, n_clusters: int | None = None,
                       parameter: str = "START_CENTERS") -> np.ndarray:
    """Start centres (k, n_bands) float32 from a spectra CSV (e.g. a previous run's CENTERS), matched to the raster by
    wavelength (or band count when either side has no wavelengths)."""
    matched = load_spectra(path, raster, parameter)
    if n_clusters is not None and matched.n_spectra != n_clusters:
        raise ParameterError(
            "{parameter}: {path} has {n_spectra} centres ({names}) but CLUSTERS is "
            "{n_clusters}; set CLUSTERS to {n_spectra} to resume that run", parameter=parameter, path=path,
            n_spectra=matched.n_spectra, names=", ".join(matched.names), n_clusters=n_clusters)
    return np.ascontiguousarray(matched.values.T, dtype=np.float32)


def _all_valid_pixels(raster: SpectralRaster, window: Window, progress):
    """Every valid pixel (n_valid, b) float32 in raster order, gathered into one buffer (no concatenation copy)."""
    total = window.width * window.height
    out = np.empty((total, raster.count), dtype=np.float32)  # pages past the valid pixels are never touched
    n = 0
    with walk(raster, window=window, progress=progress) as blocks:
        for block in blocks:
            m = int(block.valid.sum())
            out[n:n + m] = block.data[block.valid]
            n += m
    return out[:n], n, total


def _check_start(start_centers, n_clusters: int, n_bands: int) -> np.ndarray | None:
    if start_centers is None:
        return None
    start_centers = np.asarray(start_centers, dtype=np.float32)
    if start_centers.shape != (n_clusters, n_bands):
        raise ParameterError(
            "START_CENTERS: expected {n_clusters} centres of {n_bands} bands, got an array of shape "
            "{shape}", n_clusters=n_clusters, n_bands=n_bands, shape=start_centers.shape)
    if not np.all(np.isfinite(start_centers)):
        raise ParameterError("START_CENTERS: the centres contain non-finite values")
    return start_centers


def fit_kmeans(raster: SpectralRaster, n_clusters: int = DEFAULT_CLUSTERS, max_iter: int = DEFAULT_MAX_ITER,
               seed: int = 0, sample_size: int = DEFAULT_SAMPLE_SIZE, start_centers: np.ndarray | None = None,
               window: Window | None = None, progress=None) -> KMeansModel:
    """Fit k-means on a reproducible sample of the raster's valid pixels (one streamed pass to draw it).

    ``start_centers`` (k, n_bands): resume from these centres instead of k-means++ (their order is kept).
    """
    progress = as_progress(progress)
    check_parameters(n_clusters, max_iter, sample_size, seed)
    window = window or raster.full_window()
    total = window.width * window.height
    start_centers = _check_start(start_centers, n_clusters, raster.count)
    if sample_size == 0 and total * raster.count * 4 > ALL_PIXELS_BUDGET:
        gb = total * raster.count * 4 / 1024 ** 3
        raise ParameterError(
            "SAMPLE_SIZE: 0 (all valid pixels) would hold {gb:.1f} GB of pixels of {path} in memory; give a "
            "sample size instead (e.g. {default_sample_size}): every pixel is still labelled", gb=gb, path=raster.path,
            default_sample_size=DEFAULT_SAMPLE_SIZE)
    seeds = np.random.SeedSequence(int(seed)).spawn(2)
    read, fit, _ = phase_costs(total, sample_size, n_clusters, max_iter)
    share = read / (read + fit)  # of this function's progress, for the sample pass
    if sample_size == 0:
        x, n_valid, n_total = _all_valid_pixels(raster, window, progress.sub(0.0, share))
    else:
        x, n_valid, n_total = raster.sample(int(sample_size), seed=seeds[0], window=window,
                                            progress=progress.sub(0.0, share))
    if n_valid == 0:
        raise HyspecError("{parameter}: {path}: every pixel is no-data; nothing to cluster", parameter=raster.parameter,
                          path=raster.path)
    if n_clusters > n_valid:
        raise ParameterError(
            "CLUSTERS: {n_clusters} clusters but {path} has only {n_valid} valid pixel(s)", n_clusters=n_clusters,
            path=raster.path, n_valid=n_valid)
    if n_clusters > x.shape[0]:
        raise ParameterError(
            "SAMPLE_SIZE: the sample holds {n_sample} valid pixels, fewer than the {n_clusters} CLUSTERS; "
            "use a larger sample (or 0 for all valid pixels)", n_sample=x.shape[0], n_clusters=n_clusters)
    progress.log("k-means: fitting {n_clusters} clusters on {n_sample} of {n_valid} valid pixels "
                 "({count} bands)", n_clusters=n_clusters, n_sample=x.shape[0], n_valid=n_valid, count=raster.count)
    model = fit_kmeans_sample(x, n_clusters, max_iter, seeds[1], start_centers, progress.sub(share, 1.0))
    model.n_valid, model.n_total = int(n_valid), int(n_total)
    return model


def fit_kmeans_sample(x: np.ndarray, n_clusters: int, max_iter: int = DEFAULT_MAX_ITER, seed=0,
                      start_centers: np.ndarray | None = None, progress=None) -> KMeansModel:
    """scikit-learn's Lloyd on the pixels ``x`` (n, b) float32 already drawn (``seed``: an int or a SeedSequence)."""
    from sklearn.cluster import KMeans

    progress = as_progress(progress)
    start_centers = _check_start(start_centers, n_clusters, x.shape[1])
    init = start_centers if start_centers is not None else "k-means++"
    if start_centers is not None:
        progress.log("k-means: starting from the given centres (START_CENTERS)")
    seq = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(int(seed))
    state = int(seq.generate_state(1)[0])
    with _fit_progress(progress, int(max_iter)):
        fit = KMeans(n_clusters, init=init, n_init=1, max_iter=int(max_iter), tol=0.0, random_state=state,
                     algorithm="lloyd", copy_x=False).fit(x)
    centers = fit.cluster_centers_.astype(np.float32)
    counts = np.bincount(fit.labels_, minlength=n_clusters)
    iterations, inertia = int(fit.n_iter_), float(fit.inertia_)
    converged = iterations < max_iter or np.array_equal(label_block(x, centers), fit.labels_) and _are_means(
        x, fit.labels_, centers)
    progress(1.0)
    if start_centers is None:
        order = np.argsort(-counts, kind="stable")  # cluster 1 = the largest in the sample
        centers, counts = centers[order], counts[order]
    progress.log("k-means: {status} after {iterations} iteration(s); within-cluster sum of squares {inertia:.6g}",
                 status=Message("converged") if converged else Message("stopped at MAX_ITER"), iterations=iterations,
                 inertia=inertia)
    return KMeansModel(centers=centers, iterations=iterations, converged=bool(converged), inertia=inertia,
                       sample_counts=counts, n_fit=int(x.shape[0]), n_valid=int(x.shape[0]), n_total=int(x.shape[0]))


# --- progress during scikit-learn's fit ------------------------------------------------------------------------------
# KMeans.fit reports nothing while it runs (seconds on a tile, minutes with SAMPLE_SIZE 0), so the bar stood still and
# no cancel was seen until it returned. Its Lloyd loop calls sklearn.cluster._kmeans.lloyd_iter_chunked_dense once per
# iteration (looked up when the fit starts): while a fit runs, that name is a wrapper that calls the original and then
# tells the fitting thread's listener (other threads' fits pass straight through). verbose=1 would say the same but
# computes the inertia after every iteration (measured: half an iteration's time). Where scikit-learn has no such
# function, the fit runs as before, without progress.
_lock = threading.Lock()
_listeners = {}  # {thread id: function called after each Lloyd iteration of that thread's fit}


def _lloyd_module():
    try:
        from sklearn.cluster import _kmeans
    except ImportError:
        return None
    return _kmeans if callable(getattr(_kmeans, "lloyd_iter_chunked_dense", None)) else None


def _counting(original):
    def lloyd_iter(*args, **kwargs):
        result = original(*args, **kwargs)
        listener = _listeners.get(threading.get_ident())
        if listener is not None and kwargs.get("update_centers", True):  # not the final labelling call
            listener()  # may raise Cancelled: it leaves scikit-learn's fit
        return result

    lloyd_iter.hyspec_original = original
    return lloyd_iter


def fit_fraction(iterations: int, max_iter: int) -> float:
    """Share of the fit reported after ``iterations``: Lloyd's iterations stop at convergence, usually well before
    ``max_iter``, so the bar advances fast at first (1 - 0.9^i) and never slower than i / max_iter."""
    return min(1.0, max(iterations / max_iter, 1.0 - 0.9 ** iterations))


@contextlib.contextmanager
def _fit_progress(progress, max_iter: int):
    """Report this thread's Lloyd iterations through ``progress`` while the block runs."""
    module = _lloyd_module()
    if module is None:
        yield
        return
    done = [0]

    def listener():
        done[0] += 1
        progress(fit_fraction(done[0], max_iter))

    thread = threading.get_ident()
    with _lock:
        if not hasattr(module.lloyd_iter_chunked_dense, "hyspec_original"):
            module.lloyd_iter_chunked_dense = _counting(module.lloyd_iter_chunked_dense)
        _listeners[thread] = listener
    try:
        yield
    finally:
        with _lock:
            _listeners.pop(thread, None)
            wrapped = module.lloyd_iter_chunked_dense
            if not _listeners and hasattr(wrapped, "hyspec_original"):
                module.lloyd_iter_chunked_dense = wrapped.hyspec_original


def _are_means(x, labels, centers) -> bool:
    """Whether each centre is the mean of its pixels (a fit that stopped exactly at MAX_ITER may have converged)."""
    for i in range(centers.shape[0]):
        members = x[labels == i]
        if members.size and not np.allclose(members.mean(axis=0, dtype=np.float64), centers[i], atol=1e-6):
            return False
    return True


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


@dataclass
class KMeansRun:
    """What :func:`run_kmeans` did: the model, pixels per cluster over the whole raster, and what it wrote."""

    model: KMeansModel
    counts: np.ndarray  # (k,) valid pixels per cluster
    names: list
    centers: Spectra  # the centres as written to CENTERS
    output: str
    centers_csv: str | None = None
    center_image: str | None = None
    center_image_float: bool = False  # CENTER_IMAGE is float32 (a reflectance-like picture), not the input's integers
    wavelengths: np.ndarray | None = None
    bands: int = 0


def _center_values(centers: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """The centres in CENTER_IMAGE's type (rounded and clipped into an integer type's range)."""
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        return np.clip(np.rint(centers), info.min, info.max).astype(dtype)
    return centers.astype(dtype)


def _open_writers(stack, raster, model: KMeansModel, output, center_image, meta):
    k = model.n_clusters
    grid = dict(width=raster.width, height=raster.height, geotransform=raster.geotransform, crs_wkt=raster.crs_wkt,
                metadata=meta)
    writers = [stack.enter_context(RasterWriter(output, bands=1, dtype=class_dtype(k), nodata=0,
                                                class_names=cluster_names(k), colors=class_colors(k), **grid))]
    if center_image:
        dtype, nodata = center_image_layout(raster)
        band_names = None if raster.wavelengths is not None else list(raster.band_names)
        writers.append(stack.enter_context(RasterWriter(center_image, bands=raster.count, dtype=dtype, nodata=nodata,
                                                        wavelengths=raster.wavelengths, fwhm=raster.fwhm,
                                                        band_names=band_names, **grid)))
    return writers


def run_kmeans(input_path, output, centers_csv=None, center_image=None, n_clusters: int = DEFAULT_CLUSTERS,
               max_iter: int = DEFAULT_MAX_ITER, seed: int = 0, sample_size: int = DEFAULT_SAMPLE_SIZE,
               start_centers_csv: str | None = None, progress=None) -> KMeansRun:
    """hyspec:kmeans in plain Python: fit, then label every pixel block by block.

    Writes ``output`` (class raster 1..k, 0 = no-data, palette and names "cluster 1"...), ``centers_csv`` (spectra
    CSV, usable as START_CENTERS or as endmembers) and, if given, ``center_image`` (each pixel replaced by its
    centre).
    """
    progress = as_progress(progress)
    check_parameters(n_clusters, max_iter, sample_size, seed)
    raster = input_path if isinstance(input_path, SpectralRaster) else SpectralRaster(input_path, "INPUT")
    # Keep the decoded blocks of the sampling pass for the labelling pass when they fit the memory budget (not when
    # the fit holds every valid pixel already: the file is then read again rather than held twice).
    if not isinstance(raster, CachedRaster):
        raster = CachedRaster(raster, budget=0 if sample_size == 0 else None)
    start = load_start_centers(start_centers_csv, raster, n_clusters) if start_centers_csv else None
    read, fit, label = phase_costs(raster.width * raster.height, sample_size, n_clusters, max_iter,
                                   cached=raster.budget > 0 and raster.fits())
    split = (read + fit) / (read + fit + label)  # the bar's share of the fit, the rest for labelling
    model = fit_kmeans(raster, n_clusters, max_iter, seed, sample_size, start, progress=progress.sub(0.0, split))
    k, names = model.n_clusters, cluster_names(model.n_clusters)
    meta = {"HYSPEC_ALGORITHM": "kmeans", "HYSPEC_CLUSTERS": k, "HYSPEC_ITERATIONS": model.iterations,
            "HYSPEC_CONVERGED": "yes" if model.converged else "no", "HYSPEC_SEED": seed,
            "HYSPEC_SAMPLE_PIXELS": model.n_fit, "HYSPEC_INPUT": os.path.basename(raster.path)}
    counts = np.zeros(k, dtype=np.int64)
    with contextlib.ExitStack() as stack:
        stack.callback(raster.release)
        writers = _open_writers(stack, raster, model, output, center_image, meta)
        class_type = writers[0].dtype
        ci_values = _center_values(model.centers, writers[1].dtype) if center_image else None

        def apply(block):
            labels = model.predict(block.data)
            counts[:] += np.bincount(labels[block.valid], minlength=k)
            classes = (labels + 1).astype(class_type)
            return [classes] if ci_values is None else [classes, ci_values[labels]]

        write_pass(raster, apply, writers, progress=progress.sub(split, 1.0))
    spectra = centers_spectra(model, raster)
    if centers_csv:
        write_spectra_csv(centers_csv, spectra)
    for i in np.flatnonzero(counts == 0):
        progress.log("k-means: {name} has no pixel (the data has fewer distinct spectra than CLUSTERS)", name=names[i])
    summary = ", ".join(f"{name}: {int(c)}" for name, c in zip(names, counts))
    progress.log("k-means: labelled {n_labelled} valid pixels ({summary})", n_labelled=int(counts.sum()), summary=summary)
    return KMeansRun(model, counts, names, spectra, output, centers_csv, center_image,
                     bool(center_image) and writers[1].dtype.kind == "f", raster.wavelengths, raster.count)
