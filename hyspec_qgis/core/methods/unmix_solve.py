"""The unmixing model and its exact solvers: FCLS (non-negative, sum to one), NNLS (non-negative), UCLS.

Every pixel ``x`` (b bands) is modelled as ``E a`` with the endmember matrix ``E`` (b, q). The abundances solve

* UCLS: ``min ||E a - x||^2`` (the least-squares solution, ``np.linalg.lstsq``; minimum norm if E is rank deficient);
* NNLS: the same with ``a >= 0``;
* FCLS: the same with ``a >= 0`` and ``sum(a) = 1`` (Heinz & Chang 2001).

NNLS and FCLS are solved exactly by a primal active-set method (Lawson & Hanson 1974, chapter 23; for FCLS the same
method on the equality-constrained subproblems) run on all pixels of a block at once, as in the "fast combinatorial"
NNLS of Van Benthem & Keenan (2004): every pixel carries its own passive set; pixels that share a passive set are
solved together with one small (q x q) factorisation, so each step is a few matrix products over the block, never a
Python loop over pixels. All pixels share the Gram matrix ``G = E^T E``; only ``c = E^T x`` differs.

Why it terminates with the exact optimum: each outer step starts from the minimiser on the current face (passive set)
and adds a variable whose Lagrange multiplier has the wrong sign, so the objective strictly decreases; the inner
loop moves along the segment towards the new face minimiser and drops the variables that hit zero, which keeps the
point feasible and the objective decreasing. A face is therefore never visited twice and there are finitely many.
At the end the KKT conditions hold: primal feasibility, stationarity on the passive set, the right sign of the
multipliers on the active set (see :func:`kkt_residuals`, which the tests use and the algorithm logs).

Fit / apply: :func:`fit_unmix` checks an endmember set once and precomputes what every pixel shares
(:class:`UnmixModel`); :func:`unmix_pixels` (``model.transform``) is a pure function of any (n, b) block and the
model. :mod:`.unmix` streams a raster through it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..engine.linalg import matmul
from ..errors import ParameterError
from .fcls_exact import MAX_Q as SUPPORTS_MAX_Q
from .fcls_exact import solve as solve_supports

METHODS = ("FCLS", "NNLS", "UCLS")
CHUNK = 2048  # at most this many pixels per float64 chunk of spectra (cache-sized: the float64 copy costs little)
# and fewer multiply-adds per product (rows x bands x endmembers) than this: OpenBLAS (0.3.21) runs products of
# under 2 x 262144 of them on the calling thread, larger ones on two threads that then spin between calls, next to
# GDAL's decoding (measured: E^T x of a 46000 x 362 block, q = 5, in 576-row chunks 61 ms CPU, in 256-row chunks
# 20 ms; the whole product of a tile took 2.2 s in 576-row chunks).
CHUNK_WORK = 2 * 262144 - 1
SOLVE_CHUNK = 65536  # pixels per active-set batch (its arrays are (n, q))
# Rank test for the endmember matrix: singular values below this fraction of the largest count as zero.
RANK_RTOL = 1e-9
# Dual-feasibility tolerance, relative to the pixel's own scale (max |E^T x|; for FCLS also max |E^T E|, the scale
# of the sum-to-one multiplier): rounding in G a - c is about 1e-16 of it, and a pixel 1e-30 times darker than the
# endmembers gets the same relative precision as any other.
DUAL_RTOL = 1e-10
# FCLS needs pixels and endmembers on one scale: a pixel 1e6 times brighter makes the face minimisers the small
# difference of huge numbers (about 1e6 * 1e-16 of error per unit of abundance, more with ill-conditioned E).
FCLS_MAX_SCALE = 1e6


@dataclass
class UnmixModel:
    """Fitted parameters: what :func:`unmix_pixels` needs besides the pixels (all float64)."""

    method: str
    endmembers: np.ndarray  # (b, q)
    gram: np.ndarray  # (q, q) = E^T E
    pinv: np.ndarray  # (q, b) Moore-Penrose pseudo-inverse of E (UCLS)
    tol: float  # the dual tolerance's floor, in units of c = E^T x (FCLS: DUAL_RTOL * max |G|; else 0)
    names: list = field(default_factory=list)

    @property
    def n_endmembers(self) -> int:
        return self.endmembers.shape[1]

    def transform(self, x: np.ndarray) -> np.ndarray:
        """Abundances (n, q) float64 of the pixels x (n, b): :func:`unmix_pixels`."""
        return unmix_pixels(x, self)


def fit_unmix(endmembers, method: str = "FCLS", names=None, parameter: str = "ENDMEMBERS") -> UnmixModel:
    """Check the endmember matrix (b, q) and precompute the Gram matrix and tolerances for ``method``."""
    method = str(method).upper()
    if method not in METHODS:
        raise ParameterError("METHOD: {method!r} is not one of {methods}", method=method, methods=", ".join(METHODS))
    e = np.asarray(endmembers, dtype=np.float64)
    if e.ndim != 2 or e.shape[1] < 1 or e.shape[0] < 1:
        raise ParameterError("{parameter}: expected a (bands, endmembers) matrix, got shape {shape}", parameter=parameter,
                             shape=e.shape)
    b, q = e.shape
    names = list(names) if names is not None else [f"EM{i + 1}" for i in range(q)]
    if not np.all(np.isfinite(e)):
        bad = sorted({names[j] for j in np.where(~np.isfinite(e))[1]})
        raise ParameterError("{parameter}: non-finite values in endmember {bad}", parameter=parameter, bad=", ".join(bad))
    if q > b:
        raise ParameterError(
            "{parameter}: {n_endmembers} endmembers but only {n_bands} bands; unmixing needs at most as many endmembers as bands",
            parameter=parameter, n_endmembers=q, n_bands=b)
    sv = np.linalg.svd(e, compute_uv=False)
    if method != "UCLS" and (sv[-1] <= RANK_RTOL * sv[0] or sv[0] == 0):
        raise ParameterError(
            "{parameter}: the endmembers {names} are linearly dependent (a spectrum is a combination of "
            "the others, or all zero), so {method} abundances are not unique; remove the redundant endmember",
            parameter=parameter, names=", ".join(names), method=method)
    gram = e.T @ e
    gram = (gram + gram.T) / 2
    pinv = np.linalg.pinv(e)
    # c = E^T x has the scale of ||E|| ||x||; rounding in G a - c is about 1e-16 of it. 1e-10 leaves a wide margin
    # and is still far below anything that changes an abundance by more than ~1e-10 / sigma_min(G).
    tol = DUAL_RTOL * max(float(np.abs(gram).max()), 1e-300) if method == "FCLS" else 0.0
    return UnmixModel(method, e, gram, pinv, tol, names)


def _group_keys(passive: np.ndarray):
    """A hashable key per row of a boolean (n, q) matrix: a bit mask when q <= 62, else row-unique labels."""
    q = passive.shape[1]
    if q <= 62:
        weights = (np.int64(1) << np.arange(q, dtype=np.int64))
        return passive.astype(np.int64) @ weights
    _, inverse = np.unique(passive, axis=0, return_inverse=True)
    return inverse.ravel()


def _solve_faces(gram, c, passive, sum_to_one):
    """Minimiser of 1/2 a'Ga - c'a on the face {a_i = 0 for i not passive} (and sum(a) = 1 for FCLS), per row.

    Rows sharing a passive set are solved together: one small (s x s) inverse per distinct set, then one matrix
    product for all its rows.
    Returns (a (n, q), lam (n,)) where lam is the sum-to-one multiplier (0 without the constraint).
    """
    n, q = c.shape
    out = np.zeros((n, q))
    lam = np.zeros(n)
    if n == 0:
        return out, lam
    keys = _group_keys(passive)
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    ends = np.r_[starts[1:], n]
    for s, t in zip(starts, ends):
        rows = order[s:t]
        idx = np.flatnonzero(passive[rows[0]])
        if idx.size == 0:
            continue  # NNLS: the empty face, a = 0 (FCLS never has an empty passive set)
        h = np.linalg.inv(gram[np.ix_(idx, idx)])
        h = (h + h.T) / 2
        y = c[np.ix_(rows, idx)] @ h  # unconstrained face minimiser, (m, s)
        if sum_to_one:
            hs = h.sum(axis=1)  # H 1
            mu = (y.sum(axis=1) - 1.0) / hs.sum()
            y -= mu[:, None] * hs[None, :]
            lam[rows] = mu
        out[np.ix_(rows, idx)] = y
    return out, lam


def _active_set(gram, c, sum_to_one, tol, max_outer=None):
    """Exact NNLS / FCLS for every row of c (n, q): batched primal active-set method. Returns (a, passive, steps).

    ``tol`` (n,): each row's dual-feasibility tolerance."""
    n, q = c.shape
    max_outer = max_outer or (3 * q + 20)
    a = np.zeros((n, q))
    passive_out = np.zeros((n, q), dtype=bool)
    if n == 0:
        return a, passive_out, 0
    # Warm start: the minimiser with every variable passive (LS, or sum-to-one LS). Rows where it is positive are done.
    full = np.ones((n, q), dtype=bool)
    u, _ = _solve_faces(gram, c, full, sum_to_one)
    done = np.all(u > 0, axis=1)
    a[done] = u[done]
    passive_out[done] = True
    work = np.flatnonzero(~done)
    if work.size == 0:
        return a, passive_out, 0
    # A feasible starting point on the face of the positive part of u.
    d = np.clip(u[work], 0.0, None)
    if sum_to_one:
        d /= d.sum(axis=1, keepdims=True)  # sum(u) = 1, so some entry is positive
    p = d > 0
    cw = c[work]
    tw = np.broadcast_to(np.asarray(tol, dtype=np.float64), (n,))[work]
    steps = 0
    for _outer in range(max_outer):
        steps += 1
        k, _ = _solve_faces(gram, cw, p, sum_to_one)
        # Inner loop: walk from the feasible d towards the face minimiser k, dropping variables that hit zero.
        for _inner in range(q + 1):
            bad_var = p & (k < 0)
            bad = np.flatnonzero(bad_var.any(axis=1))
            if bad.size == 0:
                break
            db, kb, pb = d[bad], k[bad], bad_var[bad]
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = np.where(pb, db / (db - kb), np.inf)
            alpha = np.clip(ratio.min(axis=1), 0.0, 1.0)
            db = db + alpha[:, None] * (kb - db)
            hit = np.zeros_like(pb)
            hit[np.arange(bad.size), np.argmin(ratio, axis=1)] = True
            # Leave the face: the blocking variable, and any other negative one that reached zero. (A variable that
            # is still at zero but moving up, like the one just added, stays.)
            p_bad = p[bad] & ~hit & ~(pb & (db <= 0))
            db[~p_bad] = 0.0
            if sum_to_one:
                db /= db.sum(axis=1, keepdims=True)
            d[bad] = db
            p[bad] = p_bad
            k[bad], _ = _solve_faces(gram, cw[bad], p_bad, sum_to_one)
        k[~p] = 0.0
        np.clip(k, 0.0, None, out=k)  # rounding-level negatives on passive variables
        d = k
        # Multipliers: w = c - G a (- lam for FCLS; lam is the same for every passive variable at the face optimum).
        w = cw - k @ gram
        if sum_to_one:
            cnt = p.sum(axis=1)
            lam = np.where(cnt > 0, (w * p).sum(axis=1) / np.maximum(cnt, 1), 0.0)
            w = w - lam[:, None]
        w[p] = -np.inf
        best = np.argmax(w, axis=1)
        wmax = w[np.arange(best.size), best]
        finished = wmax <= tw
        fin_rows = work[finished]
        a[fin_rows] = k[finished]
        passive_out[fin_rows] = p[finished]
        keep = ~finished
        if not keep.any():
            return a, passive_out, steps
        work, cw, tw, d, p, best = work[keep], cw[keep], tw[keep], d[keep], p[keep], best[keep]
        p[np.arange(work.size), best] = True
    # Not reached for well-posed problems (finite termination); keep the last feasible point rather than fail.
    a[work] = d
    passive_out[work] = p
    return a, passive_out, steps


def chunk_rows(b: int, q: int) -> int:
    """Pixels per float64 chunk of :func:`unmix_pixels`' product ``E^T x``: CHUNK_WORK multiply-adds, 64 to CHUNK."""
    return int(max(64, min(CHUNK, CHUNK_WORK // max(1, b * q))))


def unmix_pixels(x, model: UnmixModel, with_rmse: bool = False, where: str = ""):
    """Abundances (n, q) float64 of the pixels x (n, b); with ``with_rmse`` also the per-pixel RMSE (n,).

    Any scale works for NNLS and UCLS (their abundances scale with the pixel). FCLS refuses pixels more than
    FCLS_MAX_SCALE times the endmembers' scale with a :class:`ParameterError` (``where`` names the files).

    A pure function of the block and the fitted model (no state). Only ``c = E^T x`` touches the b bands: it is formed
    in float64 on small, cache-sized chunks; the solver then works on (n, q). A float32 product is twice as fast but
    off by up to 1e-6 of ``|c|`` (measured on the generator's tile: float32 sums of 362 products), a thousand times the
    optimality conditions' tolerance, and no float32 correction reaches that without a second pass over the bands.
    The RMSE uses ||x - E a||^2 = ||x||^2 - 2 a.c + a'Ga, all in float64.
    """
    x = np.asarray(x)
    n, b = x.shape
    q = model.n_endmembers
    e = model.endmembers
    c = np.empty((n, q))
    out = np.empty((n, q))
    ucls = model.method == "UCLS"
    xx = np.empty(n) if with_rmse else None
    step = chunk_rows(b, q)
    for s in range(0, n, step):
        xd = x[s:s + step].astype(np.float64)
        c[s:s + step] = matmul(xd, e)
        if ucls:  # E^+ x directly (better conditioned than going through E^T E)
            out[s:s + step] = matmul(xd, model.pinv.T)
        if with_rmse:
            xx[s:s + step] = np.einsum("ij,ij->i", xd, xd)
    if not ucls:
        tol = np.maximum(DUAL_RTOL * np.abs(c).max(axis=1, initial=0.0), model.tol)
        if model.method == "FCLS" and n:
            _check_fcls_scale(c, model, where)
        if q <= SUPPORTS_MAX_Q:  # exact by supports, vectorised over all pixels (methods/fcls_exact.py)
            out[:] = solve_supports(model.gram, c, model.method == "FCLS", tol)
        else:
            for s in range(0, n, SOLVE_CHUNK):
                out[s:s + SOLVE_CHUNK] = _active_set(model.gram, c[s:s + SOLVE_CHUNK], model.method == "FCLS",
                                                     tol[s:s + SOLVE_CHUNK])[0]
    if not with_rmse:
        return out
    sq = xx - 2.0 * np.einsum("ij,ij->i", out, c) + np.einsum("ij,ij->i", out @ model.gram, out)
    return out, np.sqrt(np.clip(sq, 0.0, None) / b)


def _check_fcls_scale(c: np.ndarray, model: UnmixModel, where: str) -> None:
    """Refuse pixels whose E^T x is more than FCLS_MAX_SCALE times max |E^T E| (see FCLS_MAX_SCALE)."""
    gram_scale = float(np.abs(model.gram).max())
    ratio = float(np.abs(c).max()) / gram_scale
    if not ratio <= FCLS_MAX_SCALE:
        prefix = f"{where}: " if where else ""
        raise ParameterError(
            "{prefix}pixel values are about {ratio:.3g} times the scale of the endmember spectra; FCLS (abundances "
            "that sum to one) needs both on the same scale (e.g. reflectance 0-1 for both). Check the raster's scale "
            "factor, or use METHOD=NNLS or UCLS, whose abundances follow the pixels' scale", prefix=prefix, ratio=ratio)


def kkt_residuals(x, endmembers, abundances, method: str) -> dict:
    """How far ``abundances`` are from satisfying the optimality (KKT) conditions of ``method`` (all >= 0; 0 = exact).

    ``negativity``: max(-a); ``sum_to_one``: max |sum(a) - 1| (FCLS); ``stationarity``: max |(E^T(x - E a))_i + lam|
    over variables with a_i > 0; ``dual``: max violation of the multiplier sign on variables with a_i = 0
    (``(E^T(x - E a))_i - lam <= 0``). Gradients are relative to max(|E^T x|, |E^T E a|) so the numbers are
    scale-free.
    For UCLS only ``stationarity`` (the normal equations) is meaningful.
    """
    e = np.asarray(endmembers, dtype=np.float64)
    xd = np.asarray(x, dtype=np.float64)
    a = np.asarray(abundances, dtype=np.float64)
    method = method.upper()
    gram = e.T @ e
    grad = xd @ e - a @ gram  # E^T (x - E a), (n, q)
    # The gradient's scale: E^T x, or G a when the pixels are dark next to the endmembers (x -> 0 in FCLS).
    scale = max(float(np.abs(xd @ e).max()), float(np.abs(a @ gram).max()), 1e-300)
    res = {"negativity": 0.0, "sum_to_one": 0.0, "stationarity": 0.0, "dual": 0.0}
    if method == "UCLS":
        res["stationarity"] = float(np.abs(grad).max() / scale)
        return res
    pos = a > 1e-12
    if method == "FCLS":
        cnt = pos.sum(axis=1)
        lam = np.where(cnt > 0, (grad * pos).sum(axis=1) / np.maximum(cnt, 1), 0.0)
        grad = grad - lam[:, None]
        res["sum_to_one"] = float(np.abs(a.sum(axis=1) - 1.0).max())
    res["negativity"] = float(max(0.0, -a.min()))
    res["stationarity"] = float(np.abs(np.where(pos, grad, 0.0)).max() / scale)
    res["dual"] = float(max(0.0, np.where(pos, -np.inf, grad).max()) / scale)
    return res
