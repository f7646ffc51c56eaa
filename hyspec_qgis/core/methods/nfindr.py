"""N-FINDR endmember extraction (Winter 1999) in the (q-1)-dimensional PCA space of the valid pixels.

N-FINDR looks for the q pixels that span the simplex of largest volume. In the (q-1)-dimensional PCA space the
volume of the simplex with vertices y_1..y_q is ``|det M| / (q-1)!`` with ``M = [[1 ... 1], [y_1 ... y_q]]``
(q x q). Expanding the determinant along column j shows that it is *linear* in the replaced vertex:
``det M(y_j := x) = a_j . [1, x]``, where ``a_j`` are the cofactors of column j. So one vertex update over all pixels
is a single matrix-vector product followed by an argmax, instead of one determinant per pixel (pysptools).

Steps (fit once, streamed; no float64 copy of the cube):

1. mean and covariance of the valid pixels in one streamed pass (:func:`hyspec_qgis.core.engine.stats.pixel_stats`);
2. a second streamed pass projects every valid pixel onto the top q-1 principal components: (n, q-1) float32;
3. initial vertices: ATGP (Plaza & Chang 2006) in that space, as pysptools does with ``ATGP_init=True`` (the pixel
   of largest norm, then repeatedly the pixel of largest residual after orthogonal projection away from the chosen
   ones). In q-1 dimensions the q-th target has no orthogonal residual left (pysptools then picks on rounding noise);
   we take the pixel farthest from the affine hull of the other q-1, i.e. the one giving the largest simplex. Or q
   distinct random valid pixels drawn with the seed;
4. sweeps: for each vertex in turn, the pixel maximising the volume with the others fixed replaces it when that
   enlarges the simplex; stop after a sweep that replaces nothing, or after MAX_ITER sweeps (default 3 q, as
   pysptools). No-data pixels are never candidates: only valid pixels are projected.

The endmembers reported are the original spectra (all bands, as stored in the input) of the chosen pixels.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field

import numpy as np

from ..engine.blockwise import walk
from ..engine.linalg import matmul
from ..engine.prefetch import DEFAULT_WORKERS
from ..engine.progress import as_progress
from ..engine.seeds import check_seed
from ..engine.stats import pixel_stats
from ..errors import HyspecError, ParameterError
from ..io.raster_reader import SpectralRaster
from ..io.spectra_csv import Spectra, write_spectra_csv
from ..messages import Message

INITS = ("ATGP", "random")
CHUNK = 1 << 18  # rows per float64 chunk when scoring pixels: bounded temporaries on a flightline too


@dataclass
class Projection:
    """The valid pixels of a window in the (q-1)-dimensional PCA space."""

    coords: np.ndarray  # (n, d) float32
    flat: np.ndarray  # (n,) int64 index of each valid pixel in the window, row-major
    mean: np.ndarray  # (b,) float64
    components: np.ndarray  # (b, d) float64, columns = principal axes
    eigenvalues: np.ndarray  # (b,) descending
    n_valid: int
    n_pixels: int


@dataclass
class NFindrResult:
    spectra: Spectra  # (b, q) original spectra of the chosen pixels, names EM1..EMq
    rows: np.ndarray  # (q,) pixel row in the raster
    cols: np.ndarray  # (q,) pixel column in the raster
    xy: np.ndarray  # (q, 2) pixel centres in the raster CRS
    volume: float  # simplex volume in the PCA space, |det M| / (q-1)!
    history: list = field(default_factory=list)  # volume after initialisation, then after each sweep
    iterations: int = 0  # sweeps run
    init: str = "ATGP"
    coords: np.ndarray | None = None  # (q, q-1) PCA coordinates of the vertices
    n_valid: int = 0
    pca_mean: np.ndarray | None = None  # (b,) mean of the valid pixels
    pca_components: np.ndarray | None = None  # (b, q-1) principal axes: coords = (spectrum - mean) @ components
    crs_wkt: str = ""  # the raster's CRS, for the pixel positions


def check_count(count: int, n_bands: int, parameter: str = "ENDMEMBERS_COUNT", where: str = "") -> int:
    count = int(count)
    if count < 2:
        raise ParameterError("{parameter}: N-FINDR needs at least 2 endmembers, got {count}", parameter=parameter, count=count)
    if count > n_bands:
        raise ParameterError(
            "{parameter}: {count} endmembers but {where} has only {n_bands} bands; "
            "ask for at most {n_bands}", parameter=parameter, count=count, where=where or "the raster", n_bands=n_bands)
    return count


def simplex_volume(vertices) -> float:
    """Volume of the simplex with vertices (q, q-1) in R^(q-1): |det [[1..1], [v_1..v_q]]| / (q-1)!."""
    v = np.asarray(vertices, dtype=np.float64)
    q = v.shape[0]
    if v.shape != (q, q - 1):
        raise ValueError(f"expected (q, q-1) vertices, got {v.shape}")
    m = np.vstack([np.ones(q), v.T])
    return abs(float(np.linalg.det(m))) / math.factorial(q - 1)


def _cofactors(m: np.ndarray, j: int) -> np.ndarray:
    """Cofactors of column j of the square matrix m: det(m with column j := z) = cofactors . z for every z."""
    q = m.shape[0]
    rest = np.delete(m, j, axis=1)
    out = np.empty(q)
    for i in range(q):
        out[i] = (-1.0) ** (i + j) * (np.linalg.det(np.delete(rest, i, axis=0)) if q > 1 else 1.0)
    return out


def _argmax_abs_affine(coords: np.ndarray, a: np.ndarray):
    """max over pixels of |a[0] + coords @ a[1:]| and its (first) index, in float64 chunks."""
    best, best_i = -1.0, -1
    w = a[1:]
    for s in range(0, coords.shape[0], CHUNK):
        score = np.abs(coords[s:s + CHUNK].astype(np.float64) @ w + a[0])
        i = int(np.argmax(score))
        if score[i] > best:
            best, best_i = float(score[i]), s + i
    return best, best_i


def _argmax_residual(coords: np.ndarray, basis: np.ndarray | None, exclude, origin=None):
    """Pixel with the largest squared norm (of ``coords - origin``) after projecting out span(basis) (d, r
    orthonormal columns)."""
    best, best_i = -1.0, -1
    for s in range(0, coords.shape[0], CHUNK):
        y = coords[s:s + CHUNK].astype(np.float64)
        if origin is not None:
            y -= origin
        energy = np.einsum("ij,ij->i", y, y)
        if basis is not None and basis.shape[1]:
            p = y @ basis
            energy -= np.einsum("ij,ij->i", p, p)
        for e in exclude:
            if s <= e < s + y.shape[0]:
                energy[e - s] = -np.inf
        i = int(np.argmax(energy))
        if energy[i] > best:
            best, best_i = float(energy[i]), s + i
    return best, best_i


def atgp(coords: np.ndarray, q: int) -> np.ndarray:
    """ATGP initial vertices (indices into coords (n, d)), as pysptools' ATGP on the PCA-transformed pixels.

    Targets beyond the dimension of the space (the q-th in q-1 dimensions) are the pixels farthest from the affine
    hull of those already chosen, so the initial simplex is never flat when the data are not.
    """
    d = coords.shape[1]
    chosen = []
    scale, first = _argmax_residual(coords, None, [])
    chosen.append(first)
    scale = scale if scale > 0 else 1.0
    while len(chosen) < q:
        pts = coords[chosen].astype(np.float64)
        pick = -1
        if len(chosen) < d:
            q_basis, r = np.linalg.qr(pts.T)
            rank = int(np.sum(np.abs(np.diag(r)) > 1e-12 * math.sqrt(scale)))
            energy, pick = _argmax_residual(coords, q_basis[:, :rank], chosen)
            if energy <= 1e-12 * scale:
                pick = -1
        if pick < 0:
            # Affine: the pixel farthest from the affine hull of the chosen points.
            rel = (pts[1:] - pts[0]).T  # (d, k-1)
            basis = None
            if rel.shape[1]:
                q_basis, r = np.linalg.qr(rel)
                rank = int(np.sum(np.abs(np.diag(r)) > 1e-12 * math.sqrt(scale)))
                basis = q_basis[:, :rank]
            _, pick = _argmax_residual(coords, basis, chosen, origin=pts[0])
        chosen.append(pick)
    return np.array(chosen, dtype=np.int64)


def nfindr_points(coords, q: int, max_iter: int | None = None, init: str = "ATGP", seed: int = 0,
                  progress=None, start=None):
    """N-FINDR on points already in a (q-1)-dimensional space.

    Returns (indices (q,) into coords, history of volumes [initial, after sweep 1, ...], sweeps run).
    ``start``: optional initial indices (overrides ``init``). ``seed``: 0 or a positive integer (random start).
    """
    progress = as_progress(progress)
    seed = check_seed(seed)
    coords = np.asarray(coords)
    n, d = coords.shape
    if d != q - 1:
        raise ValueError(f"N-FINDR with {q} endmembers works in {q - 1} dimensions, got {d}")
    if n < q:
        raise HyspecError("{count} endmembers but only {n_valid} valid pixels", count=q, n_valid=n)
    max_iter = 3 * q if max_iter is None else int(max_iter)
    if max_iter < 1:
        raise ParameterError("MAX_ITER: must be at least 1, got {max_iter}", max_iter=max_iter)
    if start is not None:
        idx = np.asarray(start, dtype=np.int64).copy()
    elif str(init).upper() == "ATGP":
        idx = atgp(coords, q)
    elif str(init).lower() == "random":
        rng = np.random.default_rng(seed)
        idx = rng.choice(n, q, replace=False).astype(np.int64)
        for _ in range(20):  # a flat random start cannot be improved vertex by vertex: draw again
            if simplex_volume(coords[idx]) > 0:
                break
            idx = rng.choice(n, q, replace=False).astype(np.int64)
    else:
        raise ParameterError("INITIALIZATION: {init!r} is not one of {inits}", init=init, inits=", ".join(INITS))
    norm = math.factorial(q - 1)
    m = np.vstack([np.ones(q), coords[idx].astype(np.float64).T])
    vol = abs(float(np.linalg.det(m)))
    history = [vol / norm]
    progress.log("N-FINDR: initial simplex ({init}), volume {volume:.6g}", init=init if start is None else Message("given"),
                 volume=vol / norm)
    sweeps = 0
    for it in range(1, max_iter + 1):
        sweeps = it
        replaced = 0
        for j in range(q):
            progress.check()
            a = _cofactors(m, j)
            best, best_i = _argmax_abs_affine(coords, a)
            if best > vol * (1.0 + 1e-9) and best_i != idx[j]:
                idx[j] = best_i
                m[1:, j] = coords[best_i].astype(np.float64)
                vol = abs(float(np.linalg.det(m)))
                replaced += 1
        history.append(vol / norm)
        if replaced == 1:
            progress(it / max_iter, Message("N-FINDR iteration {it}: simplex volume {volume:.6g} (1 vertex replaced)",
                                            it=it, volume=vol / norm))
        else:
            progress(it / max_iter, Message("N-FINDR iteration {it}: simplex volume {volume:.6g} ({replaced} vertices "
                                            "replaced)", it=it, volume=vol / norm, replaced=replaced))
        if replaced == 0:
            break
    return idx, history, sweeps


def project(raster, n_components: int, window=None, progress=None, parameter: str = "ENDMEMBERS_COUNT") -> Projection:
    """Two streamed passes: covariance of the valid pixels, then their coordinates on the top principal axes."""
    progress = as_progress(progress)
    window = window or raster.full_window()
    stats = pixel_stats(raster, window=window, progress=progress.sub(0.0, 0.5), read_ahead=DEFAULT_WORKERS)
    d = int(n_components)
    if stats.n < d + 1:
        raise HyspecError("{parameter}: {count} endmembers but {path} has only {n} valid pixels", parameter=parameter,
                          count=d + 1, path=raster.path, n=stats.n)
    values, vectors = stats.eigen()
    if d > 0:
        rank = int(np.sum(values > 1e-10 * max(values[0], 1e-300)))
        if values[0] <= 0 or rank < d:
            raise HyspecError(
                "{parameter}: the valid pixels of {path} vary in only {rank} independent "
                "direction(s); {count} endmembers need {dims}. Ask for at most {max_count} endmembers",
                parameter=raster.parameter, path=raster.path, rank=rank, count=d + 1, dims=d, max_count=rank + 1)
    comps = vectors[:, :d]
    v32 = comps.astype(np.float32)
    offset = (stats.mean @ comps).astype(np.float32)
    parts, flats = [], []
    with walk(raster, window=window, progress=progress.sub(0.5, 1.0), read_ahead=DEFAULT_WORKERS) as blocks:
        for block in blocks:
            pos = np.flatnonzero(block.valid)
            if pos.size == 0:
                continue
            y = matmul(block.data, v32)[pos]  # project, then select: no gathered copy of the spectra
            y -= offset
            parts.append(y)
            flats.append(pos.astype(np.int64) + block.row0 * window.width)
    coords = np.concatenate(parts) if parts else np.empty((0, d), np.float32)
    flat = np.concatenate(flats) if flats else np.empty(0, np.int64)
    return Projection(coords, flat, stats.mean, comps, values, stats.n, stats.total)


def nfindr(raster, count: int = 4, max_iter: int | None = None, init: str = "ATGP", seed: int = 0,
           window=None, progress=None, parameter: str = "ENDMEMBERS_COUNT") -> NFindrResult:
    """N-FINDR endmembers of ``raster`` (a :class:`SpectralRaster`): their original spectra and pixel positions.

    Parameters are checked before the first pass over the raster (SEED too, whatever the start)."""
    progress = as_progress(progress)
    count = check_count(count, raster.count, parameter, raster.path)
    seed = check_seed(seed)
    if max_iter is not None and int(max_iter) < 1:
        raise ParameterError("MAX_ITER: must be at least 1 (or empty for 3 x {parameter} = {default})", parameter=parameter,
                             default=3 * count)
    init_name = {"atgp": "ATGP", "random": "random"}.get(str(init).strip().lower())
    if init_name is None:
        raise ParameterError("INITIALIZATION: {init!r} is not one of {inits}", init=init, inits=", ".join(INITS))
    window = window or raster.full_window()
    proj = project(raster, count - 1, window=window, progress=progress.sub(0.0, 0.85), parameter=parameter)
    progress.log("N-FINDR: {n_valid} valid pixels of {n_pixels} projected on {n_components} principal "
                 "component(s) ({percent:.2f}"
                 "% of the variance)", n_valid=proj.n_valid, n_pixels=proj.n_pixels, n_components=count - 1,
                 percent=100 * proj.eigenvalues[:count - 1].sum() / max(proj.eigenvalues.sum(), 1e-300))
    idx, history, sweeps = nfindr_points(proj.coords, count, max_iter, init_name, seed,
                                         progress=progress.sub(0.85, 0.97))
    flat = proj.flat[idx]
    rows = window.row0 + flat // window.width
    cols = window.col0 + flat % window.width
    spectra = np.empty((raster.count, count), np.float64)
    all_bands = list(range(raster.count))
    for j, (r, c) in enumerate(zip(rows, cols)):
        block = raster.read_block(int(r), 1, int(c), 1, all_bands)
        spectra[:, j] = block.data[0]
    gt = raster.geotransform
    x = gt[0] + (cols + 0.5) * gt[1] + (rows + 0.5) * gt[2]
    y = gt[3] + (cols + 0.5) * gt[4] + (rows + 0.5) * gt[5]
    names = [f"EM{j + 1}" for j in range(count)]
    result = NFindrResult(
        Spectra(names, spectra, None if raster.wavelengths is None else np.asarray(raster.wavelengths, float),
                np.arange(1, raster.count + 1)),
        rows.astype(np.int64), cols.astype(np.int64), np.column_stack([x, y]), history[-1], history, sweeps,
        init_name, proj.coords[idx].astype(np.float64), proj.n_valid, proj.mean, proj.components, raster.crs_wkt)
    progress(1.0, Message("N-FINDR: {count} endmembers after {sweeps} iteration(s), simplex volume {volume:.6g}",
                          count=count, sweeps=sweeps, volume=history[-1]))
    return result


def run_nfindr(input_path, output, count: int = 4, max_iter: int | None = None, init: str = "ATGP", seed: int = 0,
               progress=None, parameter: str = "ENDMEMBERS_COUNT") -> NFindrResult:
    """hyspec:nfindr in plain Python: the endmembers of ``input_path`` written as the spectra CSV ``output``."""
    progress = as_progress(progress)
    with SpectralRaster(input_path, "INPUT") as raster:
        count = check_count(count, raster.count, parameter, raster.path)
        progress.log("{file}: {width} x {height} pixels, {count} "
                     "bands; {endmembers} endmembers, at most {max_iter} iterations, {init} start",
                     file=os.path.basename(raster.path), width=raster.width, height=raster.height, count=raster.count,
                     endmembers=count, max_iter=max_iter or 3 * count, init=init)
        result = nfindr(raster, count, max_iter=max_iter, init=init, seed=seed, progress=progress,
                        parameter=parameter)
    write_spectra_csv(output, result.spectra)
    return result


def spectral_angles(a, b) -> np.ndarray:
    """Angles in degrees between the columns of a (b, p) and b (b, k): (p, k)."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    na = np.linalg.norm(a, axis=0)
    nb = np.linalg.norm(b, axis=0)
    cos = (a.T @ b) / np.maximum(np.outer(na, nb), 1e-300)
    return np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))
