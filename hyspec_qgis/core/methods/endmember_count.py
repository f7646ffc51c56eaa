"""How many endmembers: HySime and HFC / NWHFC virtual dimensionality, all from streamed moments.

Everything below is a function of three streamed sums of the N valid pixels x (L bands): N, the band sums and the
cross-product matrix R = X^T X (:class:`hyspec_qgis.core.engine.moments.Moments`), so a tile costs one read, and a
site one reduction (merge the tiles' moments, then call :func:`estimate_from_moments`).

Noise: multiple regression from R alone (Bioucas-Dias & Nascimento 2008, eqs. 9-14). Band i is regressed on the other
bands, x_i ~ X_{-i} b_i, without intercept, over all pixels. With P = R^{-1}:

* the coefficients are b_i = R_{-i,-i}^{-1} R_{-i,i} = -P_{-i,i} / P_ii (block inverse of R), i.e. the authors'
  ``beta`` of eq. (14) in closed form;
* the residual sum of squares is the Schur complement R_ii - R_{i,-i} R_{-i,-i}^{-1} R_{-i,i} = 1 / P_ii, so the
  noise variance of band i (per pixel) is sigma_i^2 = 1 / (N P_ii): the diagonal noise correlation matrix R_n that
  the authors' code keeps;
* the residuals of all bands at once are W = X P D^{-1} (D = diag(P)), so the signal estimate S = X - W has
  S^T S = R - 2 D^{-1} + D^{-1} P D^{-1}: the signal correlation matrix R_x of eq. (15), without a pass over pixels.

R is inverted after scaling it to a unit diagonal (R~ = d^-1 R d^-1), which makes every estimate invariant to the
data's units (a reflectance scale factor of 1e4 changes nothing).

HySime (eqs. 19-24): E = eigenvectors of R_x; for each, p_i = e_i^T R_y e_i (R_y = R / N) and the noise power
s_i = e_i^T R_n e_i; the cost of keeping e_i is delta_i = -p_i + 2 s_i; the subspace of minimum mean squared error
keeps every e_i with delta_i < 0: that count is the estimate. mse(k) = tr(R_y) - sum p + 2 sum s over the k
components of smallest delta (the authors' eq. 19 curve). The authors' code adds tr(R_x) / L * 1e-5 to R_n "for
stability"; that changes the answer on clean data and is not in the paper's equations, so it is left out.

HFC (Harsanyi, Farrand & Chang 1993; Chang & Du 2004): the l-th eigenvalues of the sample correlation matrix R_y
and of the covariance K = R_y - m m^T (both 1/N), paired by rank, differ only where a signal source lies. Under
H0 the difference z_l = lambda^_l - lambda_l is N(0, sigma_l^2), sigma_l^2 = 2 (lambda^_l^2 + lambda_l^2) / N; the
Neyman-Pearson test at false-alarm rate P_F counts the l with z_l > sigma_l Phi^-1(1 - P_F). NWHFC does the same
on noise-whitened data x_i / sigma_i (the same regression noise variances), i.e. on R_y and K scaled by
1 / (sigma_i sigma_j). pysptools' HfcVd compares the correlation *coefficients* with the covariance, which depends
on the data's scale: it is not this method.
"""
from __future__ import annotations

import csv
import os
import statistics
from dataclasses import dataclass, field

import numpy as np

from ..engine.linalg import matmul
from ..engine.moments import Moments, pixel_moments
from ..engine.progress import as_progress
from ..errors import HyspecError
from ..io.outputs import atomic_write
from ..messages import Message

FALSE_ALARM_RATES = (1e-3, 1e-4, 1e-5)
MIN_BANDS = 3


@dataclass
class HfcResult:
    """One HFC test: eigenvalues paired by rank (descending), the H0 standard deviation of their difference, and
    the count per false-alarm rate."""

    corr_eigenvalues: np.ndarray  # (L,) of R_y
    cov_eigenvalues: np.ndarray  # (L,) of K
    sigma: np.ndarray  # (L,)
    counts: dict = field(default_factory=dict)  # {P_F: count}

    @property
    def difference(self) -> np.ndarray:
        return self.corr_eigenvalues - self.cov_eigenvalues

    def threshold(self, far: float) -> np.ndarray:
        return self.sigma * statistics.NormalDist().inv_cdf(1.0 - far)

    def decisions(self, far: float) -> np.ndarray:
        return self.difference > self.threshold(far)


@dataclass
class HysimeResult:
    """HySime per eigenvector of R_x, in the order of increasing cost delta (the order the estimate keeps them)."""

    signal_eigenvalues: np.ndarray  # (L,) eigenvalues of R_x, descending (for reference)
    power: np.ndarray  # (L,) p_i, sorted by delta
    noise_power: np.ndarray  # (L,) s_i, sorted by delta
    mse: np.ndarray  # (L,) mse(k) for k = 1..L (eq. 19 as the authors plot it)
    count: int


@dataclass
class EndmemberCount:
    """The estimates and everything they were read from (see the module docstring)."""

    hysime: HysimeResult
    hfc: HfcResult
    nwhfc: HfcResult
    noise_variance: np.ndarray  # (L,) per-pixel noise variance of each band used, from the regression
    bands: np.ndarray  # (L,) 0-based indices of the bands used (all-zero bands are left out)
    n_pixels: int
    n_total: int = 0
    far: tuple = FALSE_ALARM_RATES

    @property
    def suggested(self) -> int:
        """The number to hand N-FINDR: HySime's estimate, at least 2 (N-FINDR's minimum)."""
        return max(2, int(self.hysime.count))

    def estimates(self) -> dict:
        """{"HYSIME": k, "HFC_1E_3": ..., "NWHFC_1E_3": ...} (the algorithm's output names)."""
        out = {"HYSIME": int(self.hysime.count)}
        for name, test in (("HFC", self.hfc), ("NWHFC", self.nwhfc)):
            for far in self.far:
                out[f"{name}_{far_label(far)}"] = int(test.counts[far])
        return out


def far_label(far: float) -> str:
    """1e-3 -> "1E_3" (output names must stay valid in modeler expressions: no '-')."""
    mantissa, exponent = f"{far:.0e}".split("e")
    return f"{mantissa}E_{abs(int(exponent))}" if int(exponent) < 0 else f"{mantissa}E{int(exponent)}"


def _sym_eigh(a: np.ndarray):
    values, vectors = np.linalg.eigh((a + a.T) / 2)
    order = np.argsort(values)[::-1]
    return values[order], vectors[:, order]


def regression_noise(r: np.ndarray, n: int, where: str = "the input"):
    """(noise variances (L,), P = R^{-1}) of the regression of each band on the others, from R = X^T X alone."""
    d = np.sqrt(np.diag(r))
    r_unit = r / np.outer(d, d)
    try:
        chol = np.linalg.cholesky(r_unit)
    except np.linalg.LinAlgError:
        chol = None
    if chol is None or not np.all(np.isfinite(chol)):
        raise HyspecError(
            "{where}: the bands are linearly dependent (a band is an exact combination of others, e.g. duplicated "
            "or derived bands), so no band has a noise of its own to estimate; remove such bands first", where=where)
    inv_chol = np.linalg.inv(chol)
    p_unit = matmul(inv_chol.T.copy(), inv_chol)  # R~^{-1} = L^-T L^-1
    p = p_unit / np.outer(d, d)
    p = (p + p.T) / 2
    variance = 1.0 / (n * np.diag(p))
    relative = variance / (np.diag(r) / n)
    exact = np.flatnonzero(~(relative > 1e-12))
    if exact.size:
        raise HyspecError(
            "{where}: band(s) {exact} are predicted exactly by the "
            "other bands (no noise of their own: duplicated or derived bands, or noise-free data); HySime's "
            "noise estimate needs independent noise in every band", where=where,
            exact=", ".join(str(int(i) + 1) for i in exact[:10]))
    return variance, p


def hysime(r: np.ndarray, n: int, p: np.ndarray, variance: np.ndarray) -> HysimeResult:
    """HySime's subspace size from R = X^T X, P = R^{-1} and the regression noise variances (module docstring)."""
    inv_d = 1.0 / np.diag(p)
    rx = (r - 2.0 * np.diag(inv_d) + p * np.outer(inv_d, inv_d)) / n  # eq. (15): (X - W)^T (X - W) / N
    ry = r / n
    values, e = _sym_eigh(rx)
    power = np.einsum("ij,ij->j", e, matmul(ry, e))  # eq. (23): diag(E^T R_y E)
    noise_power = (e * e).T @ variance  # eq. (24) with the diagonal R_n
    delta = -power + 2.0 * noise_power  # eq. (22)
    order = np.argsort(delta, kind="stable")
    mse = np.trace(ry) - np.cumsum(power[order]) + 2.0 * np.cumsum(noise_power[order])  # eq. (19)
    return HysimeResult(values, power[order], noise_power[order], mse, int(np.sum(delta < 0)))


def hfc(corr: np.ndarray, cov: np.ndarray, n: int, far=FALSE_ALARM_RATES) -> HfcResult:
    """HFC's Neyman-Pearson count at each false-alarm rate from the correlation and covariance matrices (1/N)."""
    lam_corr = np.sort(np.linalg.eigvalsh((corr + corr.T) / 2))[::-1]
    lam_cov = np.sort(np.linalg.eigvalsh((cov + cov.T) / 2))[::-1]
    sigma = np.sqrt(2.0 * (lam_corr ** 2 + lam_cov ** 2) / n)
    result = HfcResult(lam_corr, lam_cov, sigma)
    result.counts = {f: int(np.sum(result.decisions(f))) for f in far}
    return result


def check_size(n_pixels: int, n_bands: int, where: str = "INPUT", total: int | None = None) -> None:
    if n_bands < MIN_BANDS:
        raise HyspecError("{where} has {n_bands} band(s); estimating a number of endmembers needs at least "
                          "{min_bands} bands", where=where, n_bands=n_bands, min_bands=MIN_BANDS)
    if n_pixels <= n_bands:
        seen = Message(" of {total}", total=total) if total is not None else ""
        raise HyspecError(
            "{where} has {n_pixels} valid pixel(s){seen} for {n_bands} bands; the noise estimate (a regression of "
            "each band on the others) needs more valid pixels than bands (at least {min_pixels}, and many more "
            "for a stable estimate); pixels that are no-data or NaN in any band do not count", where=where, n_pixels=n_pixels,
            seen=seen, n_bands=n_bands, min_pixels=n_bands + 1)


def estimate_from_moments(moments: Moments, far=FALSE_ALARM_RATES, where: str = "INPUT", progress=None
                          ) -> EndmemberCount:
    """HySime, HFC and NWHFC estimates from the moments of the valid pixels (of one tile or merged over many)."""
    progress = as_progress(progress)
    far = tuple(sorted({float(f) for f in far}, reverse=True))
    if not far or not all(0.0 < f < 0.5 for f in far):
        raise HyspecError("false-alarm rates must be in (0, 0.5), got {far}", far=far)
    n = int(moments.n)
    if n == 0:
        check_size(0, moments.n_bands, where, moments.total)
    r_all = moments.cross_product()
    keep = np.flatnonzero(np.diag(r_all) > 0)  # an all-zero band has neither signal nor noise
    dropped = moments.n_bands - keep.size
    if dropped and n > 0:
        progress.log("{where}: {dropped} band(s) are 0 in every valid pixel and are left out", where=where, dropped=dropped)
    check_size(n, int(keep.size), where, moments.total)
    if n < 10 * keep.size:
        progress.log("{where}: only {n} valid pixels for {n_keep} bands; below about 10 pixels per band the "
                     "noise estimate, and so every count, is unstable", where=where, n=n, n_keep=keep.size)
    r = r_all[np.ix_(keep, keep)]
    variance, p = regression_noise(r, n, where)
    mean = moments.mean[keep]
    corr = r / n
    cov = moments.covariance()[np.ix_(keep, keep)]
    result_hysime = hysime(r, n, p, variance)
    result_hfc = hfc(corr, cov, n, far)
    scale = 1.0 / np.sqrt(np.outer(variance, variance))
    result_nwhfc = hfc(corr * scale, cov * scale, n, far)
    progress.log("{where}: {n} valid pixels of {total}, {n_keep} bands; mean noise standard deviation "
                 "{noise:.4g} (mean spectrum {mean:.4g})", where=where, n=n, total=moments.total, n_keep=keep.size,
                 noise=np.sqrt(variance.mean()), mean=np.abs(mean).mean())
    return EndmemberCount(result_hysime, result_hfc, result_nwhfc, variance, keep, n, moments.total, far)


def count_endmembers(raster, far=FALSE_ALARM_RATES, bands=None, window=None, progress=None) -> EndmemberCount:
    """Stream the raster once (reads ahead in background threads) and estimate the number of endmembers."""
    progress = as_progress(progress)
    where = f"{raster.parameter}: {raster.path}"
    if raster.count < MIN_BANDS and bands is None:
        check_size(0, raster.count, where)
    # One background reader overlaps decoding with the products (GDAL already decodes a block on several threads).
    moments = pixel_moments(raster, bands=bands, window=window, progress=progress.sub(0.0, 0.98), read_ahead=1)
    result = estimate_from_moments(moments, far, where, progress)
    progress(1.0)
    return result


def csv_header(result: EndmemberCount) -> list[str]:
    cols = ["k", "corr_eigenvalue", "cov_eigenvalue", "hfc_difference", "hfc_sigma"]
    cols += [f"hfc_{f:.0e}" for f in result.far]
    cols += ["nwhfc_corr_eigenvalue", "nwhfc_cov_eigenvalue", "nwhfc_difference", "nwhfc_sigma"]
    cols += [f"nwhfc_{f:.0e}" for f in result.far]
    cols += ["hysime_signal_eigenvalue", "hysime_power", "hysime_noise_power", "hysime_mse", "hysime_kept"]
    return cols


def write_count_csv(path, result: EndmemberCount) -> str:
    """One row per k = 1..L (L bands used). HFC / NWHFC columns: the k-th eigenvalues of the correlation and
    covariance matrices (descending), their difference, its H0 standard deviation and the decision (1 = a signal
    source) at each false-alarm rate; the estimate is the number of 1s. HySime columns: the eigenvalues of the
    signal correlation matrix (descending), then, for the eigenvectors in the order HySime adds them (increasing
    cost), the data power p, the noise power s and mse(k) after adding the k-th; hysime_kept = 1 up to the
    estimate (where mse(k) is smallest)."""
    path = os.fspath(path)

    def num(v):
        return repr(float(v))

    h, w, s = result.hfc, result.nwhfc, result.hysime
    h_dec = [h.decisions(f) for f in result.far]
    w_dec = [w.decisions(f) for f in result.far]
    with atomic_write(path, newline="") as f:
        writer = csv.writer(f)
        writer.writerow(csv_header(result))
        for i in range(len(h.corr_eigenvalues)):
            row = [i + 1, num(h.corr_eigenvalues[i]), num(h.cov_eigenvalues[i]), num(h.difference[i]),
                   num(h.sigma[i])]
            row += [int(d[i]) for d in h_dec]
            row += [num(w.corr_eigenvalues[i]), num(w.cov_eigenvalues[i]), num(w.difference[i]), num(w.sigma[i])]
            row += [int(d[i]) for d in w_dec]
            row += [num(s.signal_eigenvalues[i]), num(s.power[i]), num(s.noise_power[i]), num(s.mse[i]),
                    int(i < s.count)]
            writer.writerow(row)
    return path
