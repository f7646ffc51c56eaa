"""Principal component analysis of raster pixels: exact streamed covariance, eigen-decomposition, block-wise transform.

Fit (:func:`fit_pca`): the mean and covariance of the valid pixels in one streamed pass (:func:`stats.pixel_stats`,
float64 sums, no copy of the cube), then the eigen-decomposition of the covariance (descending eigenvalues,
deterministic signs). The number of components is given, or chosen as Spectral Python's
``principal_components(img).reduce(fraction=f)`` does (:func:`components_for_fraction`).

Apply (:func:`pca_transform`): ``(x - mean) @ V[:, :q]`` per block, a pure function of the block and the fitted
parameters. Outputs: float32 component raster (-9999 where the input is no-data) with band names like
``PC1 (93.1 %)``, an EIGENVALUES CSV (component, eigenvalue, explained fraction, cumulative fraction, kept) and a
LOADINGS spectra CSV (one row per input band with its wavelength, one column per kept component).
"""
from __future__ import annotations

import csv
import os
from dataclasses import dataclass

import numpy as np

from ..engine.blockcache import CachedRaster
from ..engine.blockwise import apply_blockwise
from ..engine.linalg import matmul
from ..engine.progress import as_progress
from ..engine.stats import CovarianceSum, PixelStats, pixel_stats
from ..errors import ParameterError
from ..io.outputs import atomic_write
from ..io.raster_reader import SpectralRaster, Window
from ..io.raster_writer import FLOAT_NODATA, RasterWriter, exact_number
from ..io.spectra_csv import Spectra, write_spectra_csv

DEFAULT_FRACTION = 0.999
CHUNK_ROWS = 16384


def check_parameters(n_components, variance_fraction, n_bands: int | None = None, path: str = "") -> None:
    where = f" ({path})" if path else ""
    if variance_fraction is None or not (0.0 < float(variance_fraction) <= 1.0):
        raise ParameterError(
            "VARIANCE_FRACTION: must be in (0, 1] (e.g. 0.999 keeps 99.9 % of the variance), got {variance_fraction}",
            variance_fraction=variance_fraction)
    if n_components is None or int(n_components) != n_components or n_components < 0:
        raise ParameterError("COMPONENTS: must be 0 (choose by VARIANCE_FRACTION) or a positive number, got {n_components}",
                             n_components=n_components)
    if n_bands is not None and n_components > n_bands:
        raise ParameterError("COMPONENTS: {n_components} components asked for, but the input{where} has only "
                             "{n_bands} bands", n_components=n_components, where=where, n_bands=n_bands)


def components_for_fraction(eigenvalues, fraction: float) -> int:
    """How many leading components hold ``fraction`` of the variance: Spectral Python's ``reduce(fraction=...)`` rule.

    The smallest m with ``cumsum(eigenvalues)[m - 1] / sum(eigenvalues) >= fraction`` (all components when no such
    m exists, e.g. 1.0 with rounding, or when the variance is zero).
    """
    check_parameters(0, fraction)
    values = np.asarray(eigenvalues, dtype=np.float64)
    cumulative = np.cumsum(values)
    if values.size == 0 or cumulative[-1] <= 0:
        return int(values.size)
    reached = np.flatnonzero(cumulative / cumulative[-1] >= fraction)
    return int(reached[0]) + 1 if reached.size else int(values.size)


def percent_label(fraction: float) -> str:
    """93.1 %, 0.42 %, 0.0031 %: three significant digits below 10 %, one decimal above."""
    pct = 100.0 * float(fraction)
    if pct >= 10.0 or pct == 0.0:
        return f"{pct:.1f} %"
    return f"{pct:.2g} %" if pct < 1.0 else f"{pct:.2f} %"


@dataclass
class PcaModel:
    """Fitted PCA: ``mean`` (b,), ``eigenvalues`` (b,) descending, ``eigenvectors`` (b, b) with components as columns,
    ``n_components`` kept."""

    mean: np.ndarray
    eigenvalues: np.ndarray
    eigenvectors: np.ndarray
    n_components: int
    n_pixels: int = 0
    n_total: int = 0

    @property
    def explained(self) -> np.ndarray:
        total = self.eigenvalues.sum()
        return self.eigenvalues / total if total > 0 else np.zeros_like(self.eigenvalues)

    @property
    def cumulative(self) -> np.ndarray:
        return np.cumsum(self.explained)

    @property
    def loadings(self) -> np.ndarray:
        """(b, q) eigenvectors of the kept components."""
        return self.eigenvectors[:, :self.n_components]

    def band_names(self) -> list[str]:
        return [f"PC{i + 1} ({percent_label(f)})" for i, f in enumerate(self.explained[:self.n_components])]

    def transform(self, data: np.ndarray) -> np.ndarray:
        return pca_transform(data, self.mean, self.loadings)


def pca_transform(data: np.ndarray, mean: np.ndarray, vectors: np.ndarray) -> np.ndarray:
    """Component scores (n, q) float32 of the rows of ``data`` (n, b): ``(x - mean) @ vectors``.

    Centring first keeps float32 precision for the small components. ``data`` is not modified.
    """
    mean = np.asarray(mean, dtype=np.float32)
    vectors = np.asarray(vectors, dtype=np.float32)
    out = np.empty((data.shape[0], vectors.shape[1]), dtype=np.float32)
    for start in range(0, data.shape[0], CHUNK_ROWS):  # cache-sized chunks: centre, then project while hot
        sl = slice(start, start + CHUNK_ROWS)
        out[sl] = matmul(np.subtract(data[sl], mean, dtype=np.float32), vectors)
    return out


def fit_pca(raster: SpectralRaster, n_components: int = 0, variance_fraction: float = DEFAULT_FRACTION,
            window: Window | None = None, progress=None) -> PcaModel:
    """Mean, covariance and eigen-decomposition of the valid pixels (one streamed pass)."""
    progress = as_progress(progress)
    check_parameters(n_components, variance_fraction, raster.count, raster.path)
    stats = pixel_stats(raster, window=window, progress=progress)
    model = pca_from_stats(stats, n_components, variance_fraction)
    how = "COMPONENTS" if n_components else f"VARIANCE_FRACTION {variance_fraction:g}"
    progress.log("PCA: {n} valid pixels of {total}, {count} bands; keeping "
                 "{n_components} component(s) ({percent:.3f} % of the "
                 "variance; {how})", n=stats.n, total=stats.total, count=raster.count, n_components=model.n_components,
                 percent=100.0 * model.cumulative[model.n_components - 1], how=how)
    return model


def fit_pca_sample(x: np.ndarray, n_components: int = 0, variance_fraction: float = DEFAULT_FRACTION,
                   where: str = "the sample") -> PcaModel:
    """The same fit on pixels already in memory, ``x`` (n, b) float32 (all valid)."""
    check_parameters(n_components, variance_fraction, x.shape[1], where)
    acc = CovarianceSum()
    acc.add(x)
    return pca_from_stats(acc.stats(where), n_components, variance_fraction)


def pca_from_stats(stats: PixelStats, n_components: int = 0, variance_fraction: float = DEFAULT_FRACTION) -> PcaModel:
    """The model from streamed statistics: COMPONENTS, or as many as VARIANCE_FRACTION needs."""
    values, vectors = stats.eigen()
    q = int(n_components) or components_for_fraction(values, variance_fraction)
    return PcaModel(stats.mean, values, vectors, q, stats.n, stats.total)


def write_eigenvalues_csv(path, model: PcaModel) -> None:
    """component,eigenvalue,explained_fraction,cumulative_fraction,kept: one row per component (all of them), each
    number as the text that reads back exactly."""
    with atomic_write(os.fspath(path), newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["component", "eigenvalue", "explained_fraction", "cumulative_fraction", "kept"])
        for i, (value, frac, cum) in enumerate(zip(model.eigenvalues, model.explained, model.cumulative)):
            writer.writerow([i + 1, exact_number(value), exact_number(frac), exact_number(cum), int(i < model.n_components)])


def loadings_spectra(model: PcaModel, raster: SpectralRaster) -> Spectra:
    names = [f"PC{i + 1}" for i in range(model.n_components)]
    return Spectra(names, model.loadings, raster.wavelengths, np.arange(1, raster.count + 1))


@dataclass
class PcaRun:
    """What :func:`run_pca` did: the model and the files it wrote."""

    model: PcaModel
    output: str
    eigenvalues_csv: str | None = None
    loadings_csv: str | None = None


def run_pca(input_path, output, eigenvalues_csv=None, loadings_csv=None, n_components: int = 0,
            variance_fraction: float = DEFAULT_FRACTION, progress=None) -> PcaRun:
    """hyspec:pca in plain Python: fit from a streamed covariance, then transform every block.

    The CSVs are written after the raster is complete, so a failed run leaves no output at all.
    """
    progress = as_progress(progress)
    check_parameters(n_components, variance_fraction)
    raster = input_path if isinstance(input_path, SpectralRaster) else SpectralRaster(input_path, "INPUT")
    raster = raster if isinstance(raster, CachedRaster) else CachedRaster(raster)
    try:
        model = fit_pca(raster, n_components, variance_fraction, progress=progress.sub(0.0, 0.6))
        q = model.n_components
        band_meta = [{"eigenvalue": exact_number(v), "explained_fraction": exact_number(f)}
                     for v, f in zip(model.eigenvalues[:q], model.explained[:q])]
        meta = {"HYSPEC_ALGORITHM": "pca", "HYSPEC_PCA_COMPONENTS": q,
                "HYSPEC_PCA_VARIANCE_KEPT": f"{model.cumulative[q - 1]:.9g}",
                "HYSPEC_PCA_VALID_PIXELS": model.n_pixels, "HYSPEC_INPUT": os.path.basename(raster.path)}
        writer = RasterWriter(output, width=raster.width, height=raster.height, bands=q,
                              geotransform=raster.geotransform, crs_wkt=raster.crs_wkt, dtype="float32",
                              nodata=FLOAT_NODATA, band_names=model.band_names(), metadata=meta, band_metadata=band_meta)
        mean, vectors = model.mean.astype(np.float32), model.loadings.astype(np.float32)
        apply_blockwise(raster, lambda block: [pca_transform(block.data, mean, vectors)], [writer],
                        progress=progress.sub(0.6, 1.0))
    finally:
        raster.release()
    if eigenvalues_csv:
        write_eigenvalues_csv(eigenvalues_csv, model)
    if loadings_csv:
        write_spectra_csv(loadings_csv, loadings_spectra(model, raster))
    return PcaRun(model, output, eigenvalues_csv, loadings_csv)
