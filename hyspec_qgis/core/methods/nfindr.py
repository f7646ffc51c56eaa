"""N-FINDR endmember extraction (Winter 1999) in the (q-1)-dimensional PCA space of the valid pixels.

N-FINDR looks for the q pixels that span the simplex of largest volume. In the (q-1)-dimensional PCA space the
volume of the simplex with vertices y_1..y_q is ``|det M| / (q-1)!`` with ``M = [[1 ... 1], [y_1 ... y_q]]``
(q x q). Expanding the determinant along column j shows that it is *linear* in the replaced vertex:
``det M(y_j := x) = a_j . [1, x]``, where ``a_j`` are the cofactors of column j. So one vertex update over all pixels
is a single matrix-vector product followed by an argmax, instead of one determinant per pixel (pysptools).

Steps (fit once, streamed; no float64 copy of the cube):

1. the principal axes. ``pca_fit="sample"`` (default, :func:`project_sampled`): a seeded sample of whole row blocks
   (about ``pca_sample`` pixels: the file's own block rows, one drawn at random in each of as many equal stretches
   of the raster, so the sample is spread over it and each read decodes whole tiles once) gives a search space, its
   top q-1+16 principal axes; the sample's spectra stay in memory and are projected at once, the other rows are read
   and projected once, and the principal axes of *all* valid pixels within that space (Rayleigh-Ritz) are the ones
   used. The whole run reads the file once. ``pca_fit="exact"`` (:func:`project`): mean and covariance of every
   valid pixel in a first streamed pass (:func:`hyspec_qgis.core.engine.stats.pixel_stats`), as before;
2. a streamed pass projects every valid pixel (the rows not in the sample) onto the top q-1 principal components:
   (n, q-1) float32 for all valid pixels, so every valid pixel is a candidate whichever fit;
3. initial vertices: ATGP (Plaza & Chang 2006) in that space, as pysptools does with ``ATGP_init=True`` (the pixel
   of largest norm, then repeatedly the pixel of largest residual after orthogonal projection away from the chosen
   ones). In q-1 dimensions the q-th target has no orthogonal residual left (pysptools then picks on rounding noise);
   we take the pixel farthest from the affine hull of the other q-1, i.e. the one giving the largest simplex. Or q
   distinct random valid pixels drawn with the seed;
4. sweeps: for each vertex in turn, the pixel maximising the volume with the others fixed replaces it when that
   enlarges the simplex; stop after a sweep that replaces nothing, or after MAX_ITER sweeps (default 3 q, as
   pysptools). No-data pixels are never candidates: only valid pixels are projected.

The endmembers reported are the original spectra (all bands, as stored in the input) of the chosen pixels, read
back pixel by pixel at the end.

How close the sampled fit comes (measured; tests/test_nfindr_core.py, benchmarks/bench_unmix.py): rasters of at most
``pca_sample`` pixels are fitted on all of them, so the small test scenes get the exact axes in one read. On the
generated 1000 x 1000 tile (5 materials, 362 bands), default sample (7 of 63 block rows), seeds 0-2: the same
endmembers as the exact fit for 3 to 7 endmembers; for 8, one seed of three picked others. There the last axes carry
barely more variance than the next (7 and 8 endmembers: 8.5 % and 3.7 % apart), so which pixels they favour is set
by small differences that a sample does not reproduce; the log says so below a 15 % gap. N-FINDR's choice between
near-tied pure pixels is the sensitive part, and a sample of few block rows can miss a material: on the 200 x 200
tile (13 block rows), 5 endmembers, 8 seeds, samples of 2 to 7 block rows picked another soil pixel (1.9 degrees
from the exact fit's) in 1 to 5 seeds, and 2 of the 2-row samples held no water at all.
"""
from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass, field

import numpy as np

from ..engine.blockwise import walk
from ..engine.linalg import gram, matmul
from ..engine.prefetch import DEFAULT_WORKERS, read_units
from ..engine.progress import as_progress
from ..engine.seeds import check_seed
from ..engine.stats import CovarianceSum, pixel_stats
from ..errors import HyspecError, ParameterError
from ..io.raster_reader import SpectralRaster
from ..io.spectra_csv import Spectra, write_spectra_csv
from ..messages import Message

INITS = ("ATGP", "random")
PCA_FITS = ("sample", "exact")
DEFAULT_PCA_SAMPLE = 100_000  # pixels in the PCA sample: about 11 % of a NEON tile, 145 MB of 362-band spectra
SAMPLE_HOLD_BYTES = 512 * 1024 * 1024  # a larger sample is streamed and its rows read again in the projection pass
RR_EXTRA = 16  # the sampled fit's search space: 16 axes more than N-FINDR uses (Rayleigh-Ritz, project_sampled)
RR_BYTES = 256 * 1024 * 1024  # ... and no more than this for the coordinates of every pixel on it
GAP_NOTE = 0.15  # the log warns when the last two principal variances are closer than this (relative)
CHUNK = 1 << 18  # rows per float64 chunk when scoring pixels: bounded temporaries on a flightline too


@dataclass
class Projection:
    """The valid pixels of a window in the (q-1)-dimensional PCA space."""

    coords: np.ndarray  # (n, d) float32
    flat: np.ndarray  # (n,) int64 index of each valid pixel in the window, row-major
    mean: np.ndarray  # (b,) float64
    components: np.ndarray  # (b, d) float64, columns = principal axes
    eigenvalues: np.ndarray  # (b,) descending; sampled fit: (K,), all valid pixels' variances in the search space
    n_valid: int
    n_pixels: int
    fit: str = "exact"  # how the axes were fitted: "exact" (all valid pixels) or "sample"
    n_fit: int = 0  # valid pixels the axes were fitted on
    fit_rows: int = 0  # raster rows in the fit
    stages: dict = field(default_factory=dict)  # seconds per stage
    variance_total: float | None = None  # total variance (sample: the sample's estimate); None: eigenvalues.sum()


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
    pca_fit: str = "exact"  # "sample" or "exact": what the principal axes were fitted on
    n_fit: int = 0  # valid pixels of that fit
    stages: dict = field(default_factory=dict)  # seconds per stage (PCA fit, projection, search, spectra read)


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


def _project_valid(block, vectors32, offset, width):
    """(coordinates (n_valid, k) float32, flat window positions) of a block's valid pixels, or None if it has none.
    Projects the whole block, then selects: no gathered copy of the spectra."""
    pos = np.flatnonzero(block.valid)
    if pos.size == 0:
        return None
    c = matmul(block.data, vectors32)[pos]
    c -= offset
    return c, pos.astype(np.int64) + block.row0 * width


def project(raster, n_components: int, window=None, progress=None, parameter: str = "ENDMEMBERS_COUNT") -> Projection:
    """Two streamed passes: covariance of the valid pixels, then their coordinates on the top principal axes."""
    progress = as_progress(progress)
    window = window or raster.full_window()
    start = time.perf_counter()
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
    fitted = time.perf_counter()
    parts, flats = [], []
    with walk(raster, window=window, progress=progress.sub(0.5, 1.0), read_ahead=DEFAULT_WORKERS) as blocks:
        for block in blocks:
            if (found := _project_valid(block, v32, offset, window.width)) is None:
                continue
            parts.append(found[0])
            flats.append(found[1])
    coords = np.concatenate(parts) if parts else np.empty((0, d), np.float32)
    flat = np.concatenate(flats) if flats else np.empty(0, np.int64)
    stages = {"covariance pass + PCA": fitted - start, "projection pass": time.perf_counter() - fitted}
    return Projection(coords, flat, stats.mean, comps, values, stats.n, stats.total, "exact", stats.n,
                      window.height, stages)


def check_pca_fit(pca_fit, pca_sample) -> tuple[str, int]:
    """PCA_FIT as its word and PCA_SAMPLE_SIZE as a whole number of pixels, or a ParameterError naming them."""
    name = str(pca_fit).strip().lower() if pca_fit is not None else ""
    if name not in PCA_FITS:
        raise ParameterError("PCA_FIT: {value!r} is not one of {choices}", value=pca_fit, choices=", ".join(PCA_FITS))
    size = None
    if not isinstance(pca_sample, bool):
        try:
            size = int(pca_sample) if float(pca_sample).is_integer() else None
        except (TypeError, ValueError, OverflowError):
            size = None
    if size is None or size < 1:
        raise ParameterError("PCA_SAMPLE_SIZE: must be a positive number of pixels (e.g. {default}), got {value!r}",
                             default=DEFAULT_PCA_SAMPLE, value=pca_sample)
    return name, size


def sample_spans(window, natural_rows: int, sample_pixels: int, seed: int = 0) -> list[tuple[int, int]]:
    """The rows of the PCA sample: ``[(row, nrows), ...]`` relative to ``window``, ascending.

    Whole block rows of the file (``natural_rows`` high, on its own grid), so each read decodes its tiles once and
    nothing else; about ``sample_pixels`` pixels, at least one block row. The block rows are split into as many equal
    stretches as the sample needs and one is drawn in each (``seed``): spread over the raster, with no stretch left
    out, and the same rows for the same seed."""
    h = max(1, int(natural_rows))
    top, end = window.row0, window.row0 + window.height
    edges = [top, *range((top // h + 1) * h, end, h), end]
    strips = list(zip(edges[:-1], edges[1:]))
    n = len(strips)
    m = min(n, max(1, math.ceil(int(sample_pixels) / max(1, h * window.width))))
    bounds = (np.arange(m + 1) * n) // m
    rng = np.random.default_rng(seed)
    picks = [int(rng.integers(lo, hi)) for lo, hi in zip(bounds[:-1], bounds[1:])]
    return [(strips[i][0] - top, strips[i][1] - strips[i][0]) for i in picks]


def _complement(spans, height: int) -> list[tuple[int, int]]:
    """The rows of [0, height) not in ``spans`` (ascending, disjoint), as spans."""
    out, r = [], 0
    for start, n in spans:
        if start > r:
            out.append((r, start - r))
        r = max(r, start + n)
    if r < height:
        out.append((r, height - r))
    return out


class RowSpans:
    """Some row spans of a raster as a source for :func:`~hyspec_qgis.core.engine.blockwise.walk`: their blocks in
    order, each span read in blocks within the reader's budget.

    With ``workers`` > 1 (a plain :class:`SpectralRaster`) background threads decode ahead
    (:func:`~hyspec_qgis.core.engine.prefetch.read_units`, the read-ahead of whole passes); the handles are opened
    once for all spans. A block row of the file is read by one thread only, so no tile is decoded twice when the
    file's blocks are taller than a read."""

    def __init__(self, raster, spans, window, workers: int = DEFAULT_WORKERS):
        self.raster, self.window = raster, window
        rows = raster.block_rows(raster.count, window.width)
        h = max(1, int(raster.natural_rows))
        self.units = []  # what one thread reads at a time: [[(row, nrows), ...], ...], never sharing a block row
        for start, n in spans:
            r, end = start, start + n
            while r < end:  # reads end on the file's block rows: tall blocks split, short ones whole
                a = window.row0 + r
                stop = min(end, (a // h) * h + (rows if rows >= h else h) - window.row0)
                self.units.append([(x, min(rows, stop - x)) for x in range(r, stop, rows)])
                r = stop
        plain = type(raster) is SpectralRaster
        self.workers = max(1, min(int(workers), len(self.units))) if plain else 1

    def full_window(self):
        return self.window

    def _read(self, reader, r, n, band_idx):
        w = self.window
        return reader.read_block(w.row0 + r, n, w.col0, w.width, band_idx, out_row0=r)

    def blocks(self, bands=None, window=None, progress=None, rows=None):
        band_idx = list(range(self.raster.count)) if bands is None else [int(b) for b in bands]
        if self.workers == 1:
            for unit in self.units:
                for r, n in unit:
                    yield self._read(self.raster, r, n, band_idx)
            return
        yield from read_units(self.raster, self.units, self.window, band_idx, self.workers)


def pixel_spectra(raster, rows, cols, workers: int = DEFAULT_WORKERS) -> np.ndarray:
    """(b, len(rows)) float64 spectra of the pixels (rows[j], cols[j]) of ``raster``, all bands, as stored.

    A pixel's read decodes its whole block row of the file anyway, so each distinct row is read once, in full, and
    the rows are read by ``workers`` threads at once (:class:`RowSpans`)."""
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    spectra = np.empty((raster.count, rows.size), np.float64)
    wanted = sorted(set(rows.tolist()))
    source = RowSpans(raster, [(r, 1) for r in wanted], raster.full_window(), workers)
    with walk(source) as blocks:
        for block in blocks:
            for j in np.flatnonzero(rows == block.row0):
                spectra[:, j] = block.data[cols[j]]
    return spectra


class _Moments:
    """Pixel count, sum and cross-product of K coordinates, in float64: the coordinates are centred on the sample's
    mean already, and K is small, so a plain float64 sum is exact enough and cheap (dsyrk on K columns)."""

    def __init__(self, k: int):
        self.n, self.s, self.xtx = 0, np.zeros(k), np.zeros((k, k))

    def add(self, c: np.ndarray) -> None:
        c64 = c.astype(np.float64)
        self.n += c64.shape[0]
        self.s += c64.sum(axis=0)
        self.xtx += gram(c64)

    def mean_cov(self):
        mean = self.s / self.n
        cov = (self.xtx - self.n * np.outer(mean, mean)) / max(1, self.n - 1)
        return mean, (cov + cov.T) / 2


def project_sampled(raster, n_components: int, window=None, sample_pixels: int = DEFAULT_PCA_SAMPLE, seed: int = 0,
                    progress=None, parameter: str = "ENDMEMBERS_COUNT", workers: int = DEFAULT_WORKERS) -> Projection:
    """The coordinates of every valid pixel on the top principal axes, in one read of the file.

    1. A seeded sample of row blocks (:func:`sample_spans`) is read; its covariance gives a search space: its top
       K = ``n_components`` + :data:`RR_EXTRA` principal axes (fewer when K coordinates of every pixel would pass
       :data:`RR_BYTES`). Its spectra stay in memory (within :data:`SAMPLE_HOLD_BYTES`; a larger sample is streamed
       and read again with the rest) and are projected on those axes at once.
    2. The other rows are read and projected on the same K axes, and the K x K covariance of *every* valid pixel's
       coordinates is summed on the way.
    3. Its top ``n_components`` eigenvectors are the principal axes of all valid pixels within the search space
       (Rayleigh-Ritz, the last step of randomized PCA): the sample only has to find a space that holds them, and
       all pixels weigh them, so the axes come out far closer to the exact ones than the sample's own (on the
       generated 1000 x 1000 tile, 8 seeds: 2 axes 0.016-0.023 degree from the exact subspace, against 0.6-2.9
       degrees for the sample's own axes, which moved 3 of the 3 endmembers by 2.4-12.6 degrees; 3 axes 0.04-0.06
       against 0.4-2.6).

    When the sample's valid pixels do not span ``n_components`` directions (too few valid pixels in it, or flat
    there) the exact two-pass fit (:func:`project`) runs instead, and says so."""
    progress = as_progress(progress)
    window = window or raster.full_window()
    d = int(n_components)
    start = time.perf_counter()
    spans = sample_spans(window, raster.natural_rows, sample_pixels, seed)
    sample_rows = sum(n for _, n in spans)
    hold = sample_rows * window.width * raster.count * 4 <= SAMPLE_HOLD_BYTES
    rest = _complement(spans, window.height) if hold else [(0, window.height)]
    rest_rows = sum(n for _, n in rest)
    split = sample_rows / max(1, sample_rows + rest_rows)
    acc, held = CovarianceSum(), []
    with walk(RowSpans(raster, spans, window, workers), progress=progress.sub(0.0, split)) as blocks:
        for block in blocks:
            x = block.data[block.valid]
            acc.add(x, block.valid.size)
            if hold and x.shape[0]:
                held.append((block.row0, np.flatnonzero(block.valid), x))
    values = vectors = None
    if acc.n >= max(2, d + 1):
        stats = acc.stats(f"{raster.parameter}: {raster.path}")
        values, vectors = stats.eigen()
        rank = int(np.sum(values > 1e-10 * max(values[0], 1e-300)))
        if values[0] <= 0 or rank < d:
            values = None
    if values is None:
        held.clear()
        progress.log("N-FINDR: the PCA sample ({n} valid pixels in {rows} rows) does not span {d} direction(s); "
                     "fitting the principal axes on every valid pixel instead (PCA_FIT=exact)", n=acc.n,
                     rows=sample_rows, d=d)
        return project(raster, d, window=window, progress=progress.sub(split, 1.0), parameter=parameter)
    k = int(min(raster.count, d + RR_EXTRA, max(d, RR_BYTES // (4 * max(1, window.width * window.height)))))
    basis = vectors[:, :k]
    b32 = basis.astype(np.float32)
    offset = (stats.mean @ basis).astype(np.float32)
    ritz = _Moments(k)  # of every valid pixel's K coordinates
    parts = {}  # block row -> (coordinates, flat index): concatenated in raster order, as the exact fit's
    for row0, pos, x in held:
        c = matmul(x, b32)
        c -= offset
        ritz.add(c)
        parts[row0] = (c, pos.astype(np.int64) + row0 * window.width)
    del held
    fitted = time.perf_counter()
    if rest:
        with walk(RowSpans(raster, rest, window, workers), progress=progress.sub(split, 1.0)) as blocks:
            for block in blocks:
                if (found := _project_valid(block, b32, offset, window.width)) is None:
                    continue
                ritz.add(found[0])
                parts[block.row0] = found
    order = sorted(parts)
    n_valid = sum(parts[key][1].size for key in order)
    if n_valid < d + 1:
        raise HyspecError("{parameter}: {count} endmembers but {path} has only {n} valid pixels", parameter=parameter,
                          count=d + 1, path=raster.path, n=n_valid)
    projected = time.perf_counter()
    within_mean, within_cov = ritz.mean_cov()
    ritz_values, u = np.linalg.eigh(within_cov)
    keep = np.argsort(ritz_values)[::-1]
    ritz_values, u = np.clip(ritz_values[keep], 0.0, None), u[:, keep[:d]]
    axes = basis @ u
    signs = np.sign(axes[np.argmax(np.abs(axes), axis=0), np.arange(d)])  # as PixelStats.eigen: deterministic
    signs[signs == 0] = 1
    axes, u = axes * signs, u * signs
    mean = stats.mean + basis @ within_mean  # the mean of all valid pixels, within the search space
    u32, shift = u.astype(np.float32), (within_mean @ u).astype(np.float32)
    coords = np.empty((n_valid, d), np.float32)
    flat = np.empty(n_valid, np.int64)
    at = 0
    for key in order:
        c, f = parts.pop(key)
        coords[at:at + f.size] = matmul(c, u32) - shift
        flat[at:at + f.size] = f
        at += f.size
    stages = {"sample read + PCA": fitted - start, "projection pass": projected - fitted,
              "Rayleigh-Ritz": time.perf_counter() - projected}
    return Projection(coords, flat, mean, axes, ritz_values, n_valid, window.width * window.height, "sample",
                      acc.n, sample_rows, stages, float(np.trace(stats.cov)))


def nfindr(raster, count: int = 4, max_iter: int | None = None, init: str = "ATGP", seed: int = 0,
           window=None, progress=None, parameter: str = "ENDMEMBERS_COUNT", pca_fit: str = "sample",
           pca_sample: int = DEFAULT_PCA_SAMPLE) -> NFindrResult:
    """N-FINDR endmembers of ``raster`` (a :class:`SpectralRaster`): their original spectra and pixel positions.

    ``pca_fit``: "sample" (principal axes from about ``pca_sample`` pixels in seeded row blocks, one read of the
    file) or "exact" (from every valid pixel, two reads). Parameters are checked before the first pass over the
    raster (SEED too, whatever the start)."""
    progress = as_progress(progress)
    count = check_count(count, raster.count, parameter, raster.path)
    seed = check_seed(seed)
    if max_iter is not None and int(max_iter) < 1:
        raise ParameterError("MAX_ITER: must be at least 1 (or empty for 3 x {parameter} = {default})", parameter=parameter,
                             default=3 * count)
    init_name = {"atgp": "ATGP", "random": "random"}.get(str(init).strip().lower())
    if init_name is None:
        raise ParameterError("INITIALIZATION: {init!r} is not one of {inits}", init=init, inits=", ".join(INITS))
    pca_fit, pca_sample = check_pca_fit(pca_fit, pca_sample)
    window = window or raster.full_window()
    if pca_fit == "sample":
        proj = project_sampled(raster, count - 1, window=window, sample_pixels=pca_sample, seed=seed,
                               progress=progress.sub(0.0, 0.85), parameter=parameter)
    else:
        proj = project(raster, count - 1, window=window, progress=progress.sub(0.0, 0.85), parameter=parameter)
    values = proj.eigenvalues
    if proj.fit == "sample" and values.size > count - 1 and values[count - 2] > 0 and \
            (values[count - 2] - values[count - 1]) / values[count - 2] < GAP_NOTE:
        progress.log("N-FINDR: principal components {last} and {next} hold nearly the same variance "
                     "({gap:.1f} % apart), so the last axis is set by small differences between pixels: the "
                     "endmember it adds can differ from the exact fit's (PCA_FIT=exact). Fewer endmembers may suit "
                     "the data (hyspec:endmembercount)", last=count - 1, next=count,
                     gap=100 * (values[count - 2] - values[count - 1]) / values[count - 2])
    if proj.fit == "sample":
        progress.log("N-FINDR: principal axes fitted on a sample of {n_fit} valid pixels in {fit_rows} of {height} "
                     "rows (whole row blocks drawn with SEED {seed}; PCA_FIT=exact fits them on every valid pixel, "
                     "with one more read of the file)", n_fit=proj.n_fit, fit_rows=proj.fit_rows,
                     height=window.height, seed=seed)
    total = proj.eigenvalues.sum() if proj.variance_total is None else proj.variance_total
    progress.log("N-FINDR: {n_valid} valid pixels of {n_pixels} projected on {n_components} principal "
                 "component(s) ({percent:.2f}"
                 "% of the variance)", n_valid=proj.n_valid, n_pixels=proj.n_pixels, n_components=count - 1,
                 percent=100 * proj.eigenvalues[:count - 1].sum() / max(total, 1e-300))
    searched = time.perf_counter()
    idx, history, sweeps = nfindr_points(proj.coords, count, max_iter, init_name, seed,
                                         progress=progress.sub(0.85, 0.97))
    stages = dict(proj.stages)
    stages["ATGP + sweeps"] = time.perf_counter() - searched
    searched = time.perf_counter()
    flat = proj.flat[idx]
    rows = window.row0 + flat // window.width
    cols = window.col0 + flat % window.width
    spectra = pixel_spectra(raster, rows, cols)
    stages["spectra read"] = time.perf_counter() - searched
    gt = raster.geotransform
    x = gt[0] + (cols + 0.5) * gt[1] + (rows + 0.5) * gt[2]
    y = gt[3] + (cols + 0.5) * gt[4] + (rows + 0.5) * gt[5]
    names = [f"EM{j + 1}" for j in range(count)]
    result = NFindrResult(
        Spectra(names, spectra, None if raster.wavelengths is None else np.asarray(raster.wavelengths, float),
                np.arange(1, raster.count + 1)),
        rows.astype(np.int64), cols.astype(np.int64), np.column_stack([x, y]), history[-1], history, sweeps,
        init_name, proj.coords[idx].astype(np.float64), proj.n_valid, proj.mean, proj.components, raster.crs_wkt,
        proj.fit, proj.n_fit, stages)
    progress(1.0, Message("N-FINDR: {count} endmembers after {sweeps} iteration(s), simplex volume {volume:.6g}",
                          count=count, sweeps=sweeps, volume=history[-1]))
    return result


def run_nfindr(input_path, output, count: int = 4, max_iter: int | None = None, init: str = "ATGP", seed: int = 0,
               progress=None, parameter: str = "ENDMEMBERS_COUNT", pca_fit: str = "sample",
               pca_sample: int = DEFAULT_PCA_SAMPLE) -> NFindrResult:
    """hyspec:nfindr in plain Python: the endmembers of ``input_path`` written as the spectra CSV ``output``."""
    progress = as_progress(progress)
    with SpectralRaster(input_path, "INPUT") as raster:
        count = check_count(count, raster.count, parameter, raster.path)
        pca_fit, pca_sample = check_pca_fit(pca_fit, pca_sample)
        fitted_on = (Message("every valid pixel") if pca_fit == "exact"
                     else Message("about {n} pixels", n=pca_sample))
        progress.log("{file}: {width} x {height} pixels, {count} "
                     "bands; {endmembers} endmembers, at most {max_iter} iterations, {init} start, PCA fitted on "
                     "{fitted_on}", file=os.path.basename(raster.path), width=raster.width, height=raster.height,
                     count=raster.count, endmembers=count, max_iter=max_iter or 3 * count, init=init,
                     fitted_on=fitted_on)
        result = nfindr(raster, count, max_iter=max_iter, init=init, seed=seed, progress=progress,
                        parameter=parameter, pca_fit=pca_fit, pca_sample=pca_sample)
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
