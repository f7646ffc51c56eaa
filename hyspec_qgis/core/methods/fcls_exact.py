"""Exact NNLS / FCLS for up to 8 endmembers by supports: every pixel's optimum is certified by its KKT conditions.

Per pixel (``c = E^T x``, one shared ``G = E^T E``) the problem is ``min 1/2 a'Ga - c'a`` with ``a >= 0`` (NNLS) and
also ``sum(a) = 1`` (FCLS). The optimum is the minimiser on some support S (``a_i = 0`` off S, with sum-to-one for
FCLS) whose coefficients are >= 0 and whose multipliers off S have the right sign: ``w_i = c_i - (G a)_i - mu <= tol``
(``mu`` is the sum-to-one multiplier, 0 for NNLS). For a fixed S both are affine in c, so one small map per support
gives a pixel's whole KKT vector ``z = c @ Z_S + z0_S`` (``a`` on S, ``w`` off S). The 2^q - 1 maps are factored once
per Gram matrix in float64 (cached).

Search: block principal pivoting (Kim & Park 2011, with the Judice & Pires backup rule): flip every variable that
breaks its KKT sign at once, and after three rounds without fewer violations flip only the last one. Rows are kept
sorted by support, so a round is one small BLAS product per support present plus a few vector operations, never a
Python loop over pixels. Neighbouring pixels mostly share a support, so every 8th row starts from the full support
and the rows between start from the support of the nearest row before them already solved. Rows still
uncertified after ROUNDS rounds get the full enumeration: every support's KKT vector, the certified one, or, should
rounding certify none, the feasible face minimiser with the lowest objective (the optimum is one of them).
"""
from __future__ import annotations

import functools
import sys
from dataclasses import dataclass

import numpy as np

MAX_Q = 8  # supports are byte masks; 2^8 maps of (10 x 8) values
ROUNDS = 12  # pivoting rounds before the remaining rows are enumerated
BACKUP = 3  # rounds without fewer violations before single-variable flips (Judice & Pires)
CHUNK = 65536  # rows per pass
STRIDES = (8, 1)  # pivoting stages (see _solve_chunk); (16, 4, 1), (1,) measured no better
ROW_BLOCK = 8192  # rows per small product: OpenBLAS stays on one thread (5x faster than one 65536-row call here)
ENUM_CHUNK = 1024  # rows per enumeration pass ((ENUM_CHUNK, 2^q, q) values)
COND_MAX = 1e14  # a support whose face system is this ill-conditioned is not used (dependent endmembers)

_POPCOUNT = np.array([bin(k).count("1") for k in range(256)], dtype=np.uint8)
_HIGHBIT = np.array([0] + [1 << (k.bit_length() - 1) for k in range(1, 256)], dtype=np.uint8)
_PACK = np.uint64(0x0102040810204080)  # 8 bytes of 0/1 times this, >> 56: byte i -> bit i (little-endian)


@dataclass(frozen=True, eq=False)
class Supports:
    """The KKT maps of every support of one Gram matrix; support k is the bit mask of its variables."""

    q: int
    sum_to_one: bool
    scale: float  # the maps are those of gram / scale: use them on c / scale, tol / scale
    zmap: np.ndarray  # (2^q, q, q): z = c @ zmap[k] + zoff[k] (a on the support, w off it)
    zoff: np.ndarray  # (2^q, q)
    muoff: np.ndarray  # (2^q, q + 1): mu = c @ muoff[k, :q] + muoff[k, q] (0 for NNLS)
    members: np.ndarray  # (2^q, q) bool
    usable: np.ndarray  # (2^q,) bool: a well-posed face system (FCLS: not the empty support)
    start: int  # the full support, or the largest usable one if the endmembers are dependent
    pmap: np.ndarray  # (2^q, q + 2, 8): the pivoting maps (see _pivot_maps)
    back: np.ndarray  # (2^q, q): -1.0 on the support, 0 off it


def factor(gram, sum_to_one: bool) -> Supports:
    """The maps of all supports of ``gram`` (q x q symmetric positive semi-definite, q <= MAX_Q); cached."""
    g = np.ascontiguousarray(gram, dtype=np.float64)
    if g.ndim != 2 or g.shape[0] != g.shape[1] or not 1 <= g.shape[0] <= MAX_Q:
        raise ValueError(f"the support solver needs a square Gram matrix of 1 to {MAX_Q} endmembers, not {g.shape}")
    # Solved on G / scale (a power of two: exact), so that the conditioning test of the FCLS face systems, whose
    # constraint row has unit scale, does not depend on the data's units. Abundances are unchanged.
    top = float(np.abs(np.diag(g)).max()) if np.all(np.isfinite(g)) else 0.0
    scale = float(2.0 ** np.round(np.log2(top))) if top > 0 else 1.0
    return _factor_cached((g / scale).tobytes(), g.shape[0], bool(sum_to_one), scale)


@functools.lru_cache(maxsize=16)
def _factor_cached(gram_bytes: bytes, q: int, sum_to_one: bool, scale: float) -> Supports:
    g = np.frombuffer(gram_bytes, dtype=np.float64).reshape(q, q)
    g = (g + g.T) / 2
    n_keys = 1 << q
    members = ((np.arange(n_keys)[:, None] >> np.arange(q)[None, :]) & 1).astype(bool)
    zmap = np.zeros((n_keys, q, q))
    zoff = np.zeros((n_keys, q))
    muoff = np.zeros((n_keys, q + 1))
    usable = np.zeros(n_keys, dtype=bool)
    if not sum_to_one:  # the empty support: a = 0, w = c
        zmap[0] = np.eye(q)
        usable[0] = True
    eye = np.eye(q)
    sizes = _POPCOUNT[np.arange(n_keys)]
    for s in range(1, q + 1):  # all supports of one size at once: a few batched LAPACK calls, not 2^q small ones
        keys = np.flatnonzero(sizes == s)
        idx = np.stack([np.flatnonzero(members[k]) for k in keys])  # (m, s)
        rows = np.arange(keys.size)[:, None]
        # The face systems [G_SS 1; 1' 0] [a_S; mu] = [c_S; 1] (FCLS) or G_SS a_S = c_S (NNLS), stacked.
        size = s + 1 if sum_to_one else s
        kkt = np.zeros((keys.size, size, size))
        kkt[:, :s, :s] = g[idx[:, :, None], idx[:, None, :]]
        if sum_to_one:
            kkt[:, :s, s] = 1.0
            kkt[:, s, :s] = 1.0
        inv, cond = _inverses(kkt)
        ok = cond <= COND_MAX
        if not ok.any():
            continue
        keys, idx, rows, inv = keys[ok], idx[ok], rows[:ok.sum()], inv[ok]
        # (a_S, mu) = inv @ (c_S, 1): a part linear in c, written as (q, size) maps of the full c, and a constant.
        lin = np.zeros((keys.size, q, size))
        lin[rows, idx, :] = inv[:, :, :s].transpose(0, 2, 1)
        const = inv[:, :, s] if sum_to_one else np.zeros((keys.size, size))
        a_lin = np.zeros((keys.size, q, q))
        a_lin[rows, :, idx] = lin[:, :, :s].transpose(0, 2, 1)
        a_const = np.zeros((keys.size, q))
        a_const[rows, idx] = const[:, :s]
        mu_lin = lin[:, :, s] if sum_to_one else np.zeros((keys.size, q))
        mu_const = const[:, s] if sum_to_one else np.zeros(keys.size)
        # Multipliers: w = c - G a - mu = c @ (I - a_lin G - mu_lin 1') - (a_const G + mu_const).
        w_lin = eye - np.einsum("mij,jk->mik", a_lin, g) - mu_lin[:, :, None]
        w_const = -np.einsum("mj,jk->mk", a_const, g) - mu_const[:, None]
        inside = members[keys]
        zmap[keys] = np.where(inside[:, None, :], a_lin, w_lin)
        zoff[keys] = np.where(inside, a_const, w_const)
        muoff[keys, :q] = mu_lin
        muoff[keys, q] = mu_const
        usable[keys] = True
    full = n_keys - 1
    if usable[full]:
        start = full
    else:
        cand = np.flatnonzero(usable & (np.arange(n_keys) > 0))
        start = int(cand[np.argmax(_POPCOUNT[cand])]) if cand.size else full
    pmap, back = _pivot_maps(members, zmap, zoff)
    for arr in (zmap, zoff, muoff, members, usable, pmap, back):
        arr.setflags(write=False)
    return Supports(q, sum_to_one, scale, zmap, zoff, muoff, members, usable, start, pmap, back)


def _inverses(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Inverses of a stack of small square matrices (Gauss-Jordan with partial pivoting, vectorised over the stack)
    and their 1-norm condition numbers (inf where singular). Not LAPACK: next to GDAL's decoding threads, OpenBLAS
    took 4-90 ms per call for these 2^q tiny systems (measured in unmix_raster), this takes about a millisecond."""
    m, n, _ = a.shape
    aug = np.concatenate([a, np.broadcast_to(np.eye(n), a.shape)], axis=2)
    rows = np.arange(m)
    singular = np.zeros(m, dtype=bool)
    with np.errstate(all="ignore"):
        for k in range(n):
            p = k + np.argmax(np.abs(aug[:, k:, k]), axis=1)
            top = aug[rows, k].copy()
            aug[rows, k] = aug[rows, p]
            aug[rows, p] = top
            piv = aug[:, k, k].copy()
            singular |= piv == 0
            aug[:, k] /= np.where(piv == 0, 1.0, piv)[:, None]
            factor = aug[:, :, k].copy()
            factor[:, k] = 0.0
            aug -= factor[:, :, None] * aug[:, k][:, None, :]
        inv = aug[:, :, n:]
        cond = np.abs(a).sum(axis=1).max(axis=1) * np.abs(inv).sum(axis=1).max(axis=1)
    cond[singular | ~np.isfinite(cond)] = np.inf
    return inv, cond


def _pivot_maps(members, zmap, zoff) -> tuple[np.ndarray, np.ndarray]:
    """Maps of the scaled, sign-folded KKT vector: ``v = [c/t, 1/t, tol/t] @ pmap[k]`` is > 0 exactly where support k
    breaks a KKT sign (on S ``v_i = -a_i / t``, off S ``v_i = (w_i - tol) / t``), padded with zero columns to 8, so a
    row's violations are one byte per variable; and the table that turns v back into abundances (a = -t v on S)."""
    q = members.shape[1]
    sign = np.where(members, -1.0, 1.0)
    pmap = np.zeros((zmap.shape[0], q + 2, 8))
    pmap[:, :q, :q] = zmap * sign[:, None, :]
    pmap[:, q, :q] = zoff * sign
    pmap[:, q + 1, :q] = -(~members).astype(np.float64)
    return pmap, -members.astype(np.float64)


def _pack(bad: np.ndarray) -> np.ndarray:
    """(m, 8) bool -> (m,) uint8 with bit i set where column i is True."""
    if sys.byteorder != "little":  # pragma: no cover
        return np.packbits(bad, axis=1, bitorder="little")[:, 0]
    return ((np.ascontiguousarray(bad).view(np.uint64)[:, 0] * _PACK) >> np.uint64(56)).astype(np.uint8)


def solve(gram, c, sum_to_one: bool, tol=0.0, stats: dict | None = None) -> np.ndarray:
    """Exact NNLS (``sum_to_one=False``) or FCLS abundances (n, q) float64 for every row of ``c`` (n, q), q <= 8.

    Same inputs as unmix.py's active set: ``gram = E^T E`` (q x q), ``c = E^T x`` (one row per pixel, float64),
    ``tol`` the dual-feasibility tolerance (a scalar or one per row, in units of c). Each row's result satisfies its
    KKT conditions: ``a >= 0`` (exactly 0 off its support), ``sum(a) = 1`` for FCLS, multipliers <= tol. Rows of c
    that are not finite give NaN. With dependent endmembers (a singular Gram matrix) the result is *an* optimum.
    ``stats`` (optional dict) receives ``rounds`` (most pivoting rounds a row needed), ``pixel_rounds`` (the
    pivoting work, in rows) and ``enumerated`` (rows that needed the full enumeration).
    """
    c = np.asarray(c, dtype=np.float64)
    if c.ndim != 2:
        raise ValueError(f"c must be (n, q), not {c.shape}")
    n, q = c.shape
    sup = factor(gram, sum_to_one)
    if sup.q != q:
        raise ValueError(f"gram is {sup.q} x {sup.q} but c has {q} columns")
    c = c / sup.scale
    tol = np.maximum(np.broadcast_to(np.asarray(tol, dtype=np.float64), (n,)), 0.0) / sup.scale
    out = np.full((n, q), np.nan)
    info = {"rounds": 0, "pixel_rounds": 0, "enumerated": 0}
    good = np.isfinite(c).all(axis=1) & np.isfinite(tol)
    every = bool(good.all())
    cg, tg = (c, tol) if every else (c[good], tol[good])
    res = np.empty((cg.shape[0], q))
    for s in range(0, cg.shape[0], CHUNK):
        res[s:s + CHUNK] = _solve_chunk(cg[s:s + CHUNK], tg[s:s + CHUNK], sup, info)
    # Rounding-level coefficients (a pixel on a vertex or an edge certifies a larger face too, with entries of 1e-16)
    # are zeros; FCLS sums are then put back to one (the face solves leave sum(a) - 1 at rounding level).
    res[res <= 16 * np.finfo(np.float64).eps * res.max(axis=1, initial=0.0)[:, None]] = 0.0
    if sum_to_one:
        res /= res.sum(axis=1, keepdims=True)
    if every:
        out = res
    else:
        out[good] = res
    if stats is not None:
        stats.update(info)
    return out


def _solve_chunk(c, tol, sup: Supports, info) -> np.ndarray:
    """Pivoting in stages (STRIDES): every 8th row from the start support, then the rows between from the support of
    the nearest row solved before (neighbouring pixels mostly share one), then the enumeration of the rest."""
    n, q = c.shape
    # Each row scaled by its tolerance (or by its own size where the tolerance is 0), so that one product per
    # support gives the sign test of every KKT condition: [c/t, 1/t, tol/t] (n, q + 2).
    size = np.abs(c).max(axis=1, initial=0.0)
    t = np.where(tol > 0, tol, np.where(size > 0, size, 1.0))
    ch = np.empty((n, q + 2))
    np.divide(c, t[:, None], out=ch[:, :q])
    np.divide(1.0, t, out=ch[:, q])
    np.divide(tol, t, out=ch[:, q + 1])
    out = np.zeros((n, q))
    keys = np.full(n, sup.start, dtype=np.uint8)  # each row's start, then its certified support
    solved = np.zeros(n, dtype=bool)
    left = []
    prev = None
    for stride in STRIDES:
        rows = np.arange(0, n, stride)
        if prev is not None:
            rows = rows[~solved[rows]]
            start = keys[(rows // prev) * prev]
            start = np.where(sup.usable[start], start, np.uint8(sup.start))
        else:
            start = keys[rows]
        if rows.size:
            keys[rows], stuck = _pivot(np.take(ch, rows, axis=0), t[rows], start, sup, out, rows, info)
            left.append(stuck)
            solved[rows] = True
        prev = stride
    rows = np.concatenate(left)
    if rows.size:
        info["enumerated"] += int(rows.size)
        out[rows] = _enumerate(c[rows], tol[rows], sup)
    return out


def _pivot(ch, t, keys, sup: Supports, out, rows, info):
    """Block principal pivoting of the scaled rows ``ch`` from the supports ``keys``; certified abundances go to
    ``out[rows[i]]``. Returns (each row's last support, the rows (of ``rows``) left for the enumeration)."""
    q = sup.q
    final = keys.copy()
    work = np.argsort(keys, kind="stable")
    keys, ch, t = np.take(keys, work), np.take(ch, work, axis=0), np.take(t, work)
    best = np.full(work.size, q + 1, dtype=np.uint8)  # fewest violations so far, for the backup rule
    backup = np.full(work.size, BACKUP, dtype=np.int8)
    left = []
    n_keys = sup.pmap.shape[0]
    for rnd in range(ROUNDS):
        m = work.size
        if m == 0:
            break
        info["rounds"] = max(info["rounds"], rnd + 1)
        info["pixel_rounds"] += m
        counts = np.bincount(keys, minlength=n_keys)
        ends = np.cumsum(counts)
        v = np.empty((m, 8))
        for k in np.flatnonzero(counts):
            for lo in range(ends[k] - counts[k], ends[k], ROW_BLOCK):
                hi = min(lo + ROW_BLOCK, ends[k])
                np.matmul(ch[lo:hi], sup.pmap[k], out=v[lo:hi])
        packed = _pack(v > 0.0)
        ok = packed == 0
        if ok.any():
            idx = np.flatnonzero(ok)
            kk, w = np.take(keys, idx), np.take(work, idx)
            final[w] = kk
            out[rows[w]] = np.take(v[:, :q], idx, axis=0) * np.take(sup.back, kk, axis=0) * np.take(t, idx)[:, None]
        # Flip every violating variable while the number of violations falls (or within the backup allowance),
        # else only the last violating one.
        nbad = _POPCOUNT[packed]
        better = nbad < best
        np.minimum(best, nbad, out=best)
        backup = np.where(better, np.int8(BACKUP), backup - np.int8(1)).astype(np.int8)
        new_keys = keys ^ np.where(backup < 0, _HIGHBIT[packed], packed)
        usable = sup.usable[new_keys]
        stuck = ~ok & ~usable  # FCLS: the empty support; dependent endmembers: no well-posed face system
        if stuck.any():
            left.append(work[stuck])
        go = np.flatnonzero(~ok & usable)
        sel = np.take(go, np.argsort(np.take(new_keys, go), kind="stable"))
        keys, work, best, backup, t = (np.take(a, sel) for a in (new_keys, work, best, backup, t))
        ch = np.take(ch, sel, axis=0)
    left.append(work)
    return final, rows[np.concatenate(left)]


def _enumerate(c, tol, sup: Supports) -> np.ndarray:
    """Every usable support's KKT vector for each row: the certified one (the lowest objective if rounding certifies
    several), else the feasible face minimiser with the lowest objective."""
    n, q = c.shape
    keys = np.flatnonzero(sup.usable)
    zmap = np.ascontiguousarray(sup.zmap[keys].transpose(1, 0, 2).reshape(q, -1))
    zoff = sup.zoff[keys].reshape(-1)
    inside = sup.members[keys]  # (K, q)
    mu_lin, mu_const = sup.muoff[keys, :q].T, sup.muoff[keys, q]
    out = np.zeros((n, q))
    for s in range(0, n, ENUM_CHUNK):
        cc = c[s:s + ENUM_CHUNK]
        m = cc.shape[0]
        z = (cc @ zmap + zoff).reshape(m, keys.size, q)
        neg = (z < 0.0) & inside
        certified = ~(neg | ((z > tol[s:s + ENUM_CHUNK, None, None]) & ~inside)).any(axis=2)
        a = np.where(inside, z, 0.0)
        feasible = ~neg.any(axis=2)
        # The objective at a face minimiser is -1/2 (c'a + mu), from G_SS a_S = c_S - mu 1.
        f = -0.5 * (np.einsum("mkq,mq->mk", a, cc) + cc @ mu_lin + mu_const)
        pick = np.where(certified.any(axis=1), np.argmin(np.where(certified, f, np.inf), axis=1),
                        np.argmin(np.where(feasible, f, np.inf), axis=1))
        out[s:s + m] = a[np.arange(m), pick]
    return out
