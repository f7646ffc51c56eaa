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
from .blockwise import walk
from .linalg import gram

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


class CovarianceSum:
    """Running float64 sums of valid pixels around a provisional shift (the first rows' mean): ``add`` block by
    block (or once, for a sample already in memory), then :meth:`stats`."""

    def __init__(self):
        self.n, self.total, self.shift, self.s, self.xtx = 0, 0, None, None, None

    def add(self, x: np.ndarray, total: int | None = None) -> None:
        """Add the valid pixels ``x`` (n, b) float32 of ``total`` pixels (default n)."""
        self.total += x.shape[0] if total is None else int(total)
        if x.shape[0] == 0:
            return
        if self.shift is None:
            self.shift = x.mean(axis=0, dtype=np.float64).astype(np.float32)
            self.s = np.zeros(x.shape[1], np.float64)
            self.xtx = np.zeros((x.shape[1], x.shape[1]), np.float64)
        with np.errstate(over="ignore"):  # an overflow here is caught by the finite check in stats()
            xc = x - self.shift
        factor = block_factor(xc)
        if factor != 1.0:
            xc *= np.float32(factor)
        self.s += xc.sum(axis=0, dtype=np.float64) / factor
        self.xtx += gram(xc).astype(np.float64) / (factor * factor)  # BLAS syrk, fast inside QGIS too (linalg.py)
        self.n += x.shape[0]

    def stats(self, where: str) -> PixelStats:
        """Mean and covariance; ``where`` ("PARAMETER: path") names the input in errors."""
        n = self.n
        if n < 2:
            raise HyspecError("{where} has {n} valid pixel(s); statistics need at least 2", where=where, n=n)
        with np.errstate(over="ignore", invalid="ignore"):
            d = self.s / n
            cov = (self.xtx - n * np.outer(d, d)) / (n - 1)
            mean = self.shift.astype(np.float64) + d
        if not (np.all(np.isfinite(cov)) and np.all(np.isfinite(mean))):
            raise HyspecError("{where} has values too large for statistics (the mean or covariance of its valid "
                              "pixels is infinite); check the file's scale factor and no-data value", where=where)
        return PixelStats(n, self.total, mean, (cov + cov.T) / 2)


def pixel_stats(raster, bands=None, window=None, progress=None, read_ahead: int = 0) -> PixelStats:
    """Mean and covariance of the valid pixels of ``raster`` (one streamed pass)."""
    acc = CovarianceSum()
    with walk(raster, bands, window, progress, read_ahead=read_ahead) as blocks:
        for block in blocks:
            acc.add(block.data[block.valid], block.valid.size)
    return acc.stats(f"{raster.parameter}: {raster.path}")


def block_factor(xc: np.ndarray) -> float:
    """The power of two that brings the largest magnitude of ``xc`` near 1, or 1 when float32 squares of it are safe."""
    peak = max(float(xc.max()), -float(xc.min())) if xc.size else 0.0
    if peak == 0.0 or not np.isfinite(peak) or SAFE_MAGNITUDE[0] <= peak <= SAFE_MAGNITUDE[1]:
        return 1.0
    return float(np.ldexp(1.0, -np.frexp(peak)[1]))
