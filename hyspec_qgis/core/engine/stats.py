"""Streamed statistics of the valid pixels: mean and covariance in one pass, bounded memory.

The covariance is accumulated around a provisional mean (the first block's) so float32 block products do not lose
precision to cancellation; sums are kept in float64. A block whose centred values would overflow float32 when squared
(beyond 2^40, e.g. a raster scaled by 1e30) or underflow (all below 2^-40) is scaled by a power of two before its
product and unscaled in float64 after: exact, and a no-op for ordinary data. This is the "fit" pass of PCA and of
N-FINDR's projection.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import HyspecError
from .gdal_env import gdal_streaming
from .linalg import gram
from .progress import as_progress

SAFE_MAGNITUDE = (2.0 ** -40, 2.0 ** 40)  # centred values in this range square and sum over a block within float32


@dataclass
class PixelStats:
    n: int  # valid pixels
    total: int  # all pixels in the window
    mean: np.ndarray  # (b,) float64
    cov: np.ndarray  # (b, b) float64, normalised by n - 1

    def eigen(self):
        """Eigenvalues (descending) and eigenvectors (columns) of the covariance."""
        values, vectors = np.linalg.eigh(self.cov)
        order = np.argsort(values)[::-1]
        values, vectors = values[order], vectors[:, order]
        # A deterministic sign: the largest-magnitude loading of each component is positive.
        signs = np.sign(vectors[np.argmax(np.abs(vectors), axis=0), np.arange(vectors.shape[1])])
        signs[signs == 0] = 1
        return np.clip(values, 0.0, None), vectors * signs


def pixel_stats(raster, bands=None, window=None, progress=None) -> PixelStats:
    """Mean and covariance of the valid pixels of ``raster`` (one streamed pass)."""
    progress = as_progress(progress)
    n, total, shift, s, xtx = 0, 0, None, None, None
    with gdal_streaming():
        for block in raster.blocks(bands=bands, window=window, progress=progress):
            total += block.valid.size
            x = block.data[block.valid]
            if x.shape[0] == 0:
                continue
            if shift is None:
                shift = x.mean(axis=0, dtype=np.float64).astype(np.float32)
                s = np.zeros(x.shape[1], np.float64)
                xtx = np.zeros((x.shape[1], x.shape[1]), np.float64)
            with np.errstate(over="ignore"):  # an overflow here is caught by the finite check at the end
                xc = x - shift
            factor = block_factor(xc)
            if factor != 1.0:
                xc *= np.float32(factor)
            s += xc.sum(axis=0, dtype=np.float64) / factor
            xtx += gram(xc).astype(np.float64) / (factor * factor)  # BLAS syrk, fast inside QGIS too (see linalg.py)
            n += x.shape[0]
    if n < 2:
        raise HyspecError(f"{raster.parameter}: {raster.path} has {n} valid pixel(s); statistics need at least 2")
    with np.errstate(over="ignore", invalid="ignore"):
        d = s / n
        cov = (xtx - n * np.outer(d, d)) / (n - 1)
        mean = shift.astype(np.float64) + d
    if not (np.all(np.isfinite(cov)) and np.all(np.isfinite(mean))):
        raise HyspecError(f"{raster.parameter}: {raster.path} has values too large for statistics (the mean or "
                          "covariance of its valid pixels is infinite); check the file's scale factor and no-data value")
    return PixelStats(n, total, mean, (cov + cov.T) / 2)


def block_factor(xc: np.ndarray) -> float:
    """The power of two that brings the largest magnitude of ``xc`` near 1, or 1 when float32 squares of it are safe."""
    peak = max(float(xc.max()), -float(xc.min())) if xc.size else 0.0
    if peak == 0.0 or not np.isfinite(peak) or SAFE_MAGNITUDE[0] <= peak <= SAFE_MAGNITUDE[1]:
        return 1.0
    return float(np.ldexp(1.0, -np.frexp(peak)[1]))
