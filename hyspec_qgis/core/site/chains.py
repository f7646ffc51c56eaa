"""The two tutorial chains as site models: fit once on the site sample, apply to any block of any tile.

This is the only module of the site engine that calls ``hyspec_qgis.core.methods``: when the methods' names move,
only these adapters change. Each chain has

* ``fit_<chain>_chain(sample, params, ...) -> model``: a small picklable dataclass (numpy arrays and plain values);
* ``apply_<chain>_chain(block, model) -> [array per product]``: a pure function of one block and the model.

``kmeans`` (NEON's k-means / PCA tutorial): clean with its recipe (first 10, water windows, last 15, every 2nd band:
174 bands on NEON's grid), PCA keeping VARIANCE_FRACTION of the variance (fitted on the site sample), k-means with
CLUSTERS on the components (k-means++ start drawn with SEED, Lloyd to convergence or MAX_ITER).

``unmixing`` (NEON's endmember tutorial): clean with its recipe (water windows, last 10 bands: 362), N-FINDR with
ENDMEMBERS_COUNT on the site sample (ATGP start, in the sample's (q-1)-dimensional PCA space), FCLS abundances of
every pixel, SID classes of the SID_SELECT endmembers with the relative SID_THRESHOLDS. Relative thresholds are
fractions of the score range: for one site model that is the range over every pixel of every tile (one extra
streamed pass, :func:`score_range_block`), and the cube is rescaled by the site's value range.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

import numpy as np

from ..engine.progress import as_progress
from ..errors import ParameterError
from ..io.raster_writer import FLOAT_NODATA as NODATA
from ..io.raster_writer import class_colors, class_dtype
from ..io.spectra_csv import Spectra, write_spectra_csv
from ..methods import bands as _bands
from ..methods import classify as _classify
from ..methods import kmeans as _kmeans
from ..methods import nfindr as _nfindr
from ..methods import pca as _pca
from ..methods import unmix as _unmix

CHAINS = ("kmeans", "unmixing")
RECIPES = {"kmeans": {"drop_first": 10, "drop_last": 15, "step": 2},  # 174 bands of NEON's 426
           "unmixing": {"drop_first": 0, "drop_last": 10, "step": 1}}  # 362 bands


@dataclass
class ChainParams:
    """The chain and its parameters (the shipped tutorial models' defaults)."""

    chain: str = "kmeans"
    clusters: int = 5
    max_iter: int = 50
    variance_fraction: float = 0.999
    endmembers: int = 4
    sid_select: str = "1,3,4"
    sid_thresholds: str = "0.8,0.3,0.03"

    def check(self) -> ChainParams:
        """Refuse bad values before any tile is read (ParameterError naming the parameter)."""
        if self.chain not in CHAINS:
            raise ParameterError("CHAIN: {chain!r} is not one of {chains}", chain=self.chain, chains=", ".join(CHAINS))
        if self.chain == "kmeans":
            _kmeans.check_parameters(self.clusters, self.max_iter, 1, 0)
            _pca.check_parameters(0, self.variance_fraction)
        else:
            if int(self.endmembers) < 2:
                raise ParameterError("ENDMEMBERS_COUNT: N-FINDR needs at least 2 endmembers, got {endmembers}",
                                     endmembers=self.endmembers)
            names = [f"EM{i + 1}" for i in range(int(self.endmembers))]
            library = Spectra(names, np.eye(len(names)), None, np.arange(1, len(names) + 1))
            chosen, _ = _classify.select_endmembers(library, self.sid_select, parameter="SID_SELECT")
            _classify.parse_thresholds(self.threshold_values(), chosen.names, "sid", "relative", "SID_THRESHOLDS")
        return self

    def threshold_values(self) -> list[float]:
        items = [t.strip() for t in str(self.sid_thresholds or "").replace(";", ",").split(",") if t.strip()]
        try:
            return [float(t) for t in items]
        except ValueError as exc:
            raise ParameterError("SID_THRESHOLDS: expected numbers separated by commas, got "
                                 "{sid_thresholds!r}", sid_thresholds=self.sid_thresholds) from exc

    def key(self) -> dict:
        """The parameters that shape this chain's model (a model is reused only when they match)."""
        if self.chain == "kmeans":
            return {"chain": "kmeans", "CLUSTERS": int(self.clusters), "MAX_ITER": int(self.max_iter),
                    "VARIANCE_FRACTION": float(self.variance_fraction)}
        return {"chain": "unmixing", "ENDMEMBERS_COUNT": int(self.endmembers), "SID_SELECT": str(self.sid_select),
                "SID_THRESHOLDS": self.threshold_values()}


@dataclass
class BandChoice:
    keep: np.ndarray  # 0-based bands of the tile kept by the recipe
    wavelengths: np.ndarray | None
    fwhm: np.ndarray | None


def choose_bands(reader, chain: str) -> BandChoice:
    """The chain's cleaning recipe on one tile (water windows from the file, else NEON's defaults)."""
    has_wl = reader.wavelengths is not None
    windows, _ = _bands.resolve_windows(None, reader.metadata, has_wl)
    sel = _bands.select_bands(reader.count, reader.wavelengths, windows, path=reader.path, **RECIPES[chain])
    wl = None if reader.wavelengths is None else np.asarray(reader.wavelengths, np.float64)[sel.keep]
    fwhm = None if reader.fwhm is None else np.asarray(reader.fwhm, np.float64)[sel.keep]
    return BandChoice(sel.keep, wl, fwhm)


@dataclass
class Product:
    """One raster product of a chain: what every tile writes and the mosaic carries."""

    name: str  # file stem: <tile>/<name>.tif and <name>.vrt
    kind: str  # "classes" (0 = no-data / unclassified) or "values" (float32, -9999 = no-data)
    band_names: list
    dtype: str
    nodata: float
    class_names: list | None = None
    colors: list | None = None
    value_range: tuple | None = None  # a natural display range (abundances: 0-1)


# --- k-means chain ------------------------------------------------------------------------------------------------
@dataclass
class KMeansChainModel:
    wavelengths: np.ndarray | None  # (b,) of the cleaned bands
    fwhm: np.ndarray | None
    mean: np.ndarray  # (b,) float64
    eigenvalues: np.ndarray  # (b,) descending
    eigenvectors: np.ndarray  # (b, b) columns
    n_components: int
    centers: np.ndarray  # (k, q) float32, in component space, cluster 1 = largest in the sample
    iterations: int = 0
    converged: bool = False
    n_sample: int = 0
    sample_counts: np.ndarray | None = None
    chain: str = "kmeans"

    @property
    def names(self) -> list[str]:
        return _kmeans.cluster_names(self.centers.shape[0])

    def pca(self) -> _pca.PcaModel:
        return _pca.PcaModel(self.mean, self.eigenvalues, self.eigenvectors, self.n_components, self.n_sample,
                             self.n_sample)


def fit_kmeans_chain(sample: np.ndarray, params: ChainParams, wavelengths=None, fwhm=None, seed: int = 0,
                     progress=None) -> KMeansChainModel:
    """PCA (VARIANCE_FRACTION) and k-means (CLUSTERS, MAX_ITER, seeded) fitted on the site sample."""
    progress = as_progress(progress)
    x = np.ascontiguousarray(sample, dtype=np.float32)
    pca = _pca.fit_pca_sample(x, 0, params.variance_fraction, where="the site sample")
    progress.log("PCA: {n} valid pixels of {total}, {count} bands; keeping "
                 "{n_components} component(s) ({percent:.3f} % of the "
                 "variance; {how})", n=x.shape[0], total=x.shape[0], count=x.shape[1], n_components=pca.n_components,
                 percent=100.0 * pca.cumulative[pca.n_components - 1],
                 how=f"VARIANCE_FRACTION {params.variance_fraction:g}")
    progress(0.3)
    scores = pca.transform(x)
    del x
    k = int(params.clusters)
    if k > scores.shape[0]:
        raise ParameterError("CLUSTERS: {k} clusters but the site sample holds only {n_scores} pixels", k=k,
                             n_scores=scores.shape[0])
    # the seed of fit_kmeans's fitting step, so the site model is the one hyspec:kmeans fits on these pixels
    fit_seed = np.random.SeedSequence(int(seed)).spawn(2)[1]
    km = _kmeans.fit_kmeans_sample(scores, k, int(params.max_iter), fit_seed, progress=progress.sub(0.3, 1.0))
    return KMeansChainModel(wavelengths, fwhm, np.asarray(pca.mean, np.float64), np.asarray(pca.eigenvalues),
                            np.asarray(pca.eigenvectors), int(pca.n_components), km.centers.astype(np.float32),
                            int(km.iterations), bool(km.converged), int(scores.shape[0]),
                            np.asarray(km.sample_counts, np.int64))


def apply_kmeans_chain(block, model: KMeansChainModel) -> list[np.ndarray]:
    """[classes (n,) 1..k, components (n, q) float32] of one block."""
    scores = _pca.pca_transform(block.data, model.mean, model.eigenvectors[:, :model.n_components])
    labels = _kmeans.label_block(scores, model.centers)
    return [(labels + 1).astype(class_dtype(model.centers.shape[0])), scores]


def kmeans_products(model: KMeansChainModel) -> list[Product]:
    k = model.centers.shape[0]
    spread = float(np.sqrt(max(model.eigenvalues[0], 0.0))) or 1.0
    return [Product("classes", "classes", ["class"], class_dtype(k).name, 0, model.names, class_colors(k)),
            Product("components", "values", model.pca().band_names(), "float32", NODATA,
                    value_range=(-2.0 * spread, 2.0 * spread))]  # PC1 scores: mean 0, variance = eigenvalue 1


# --- unmixing chain -----------------------------------------------------------------------------------------------
@dataclass
class UnmixingChainModel:
    wavelengths: np.ndarray | None
    fwhm: np.ndarray | None
    endmembers: np.ndarray  # (b, q) float64 spectra of the chosen sample pixels
    select: list  # 0-based endmembers classified by SID
    cube_range: tuple  # (min, max) of every valid value of the site (relative SID rescales by it)
    thresholds: list | None
    score_range: tuple | None = None  # (n, min (k,), max (k,)) over every valid pixel of the site
    n_sample: int = 0
    history: list = field(default_factory=list)  # N-FINDR simplex volumes
    chain: str = "unmixing"

    @property
    def names(self) -> list[str]:
        return [f"EM{j + 1}" for j in range(self.endmembers.shape[1])]

    @property
    def sid_names(self) -> list[str]:
        return [self.names[i] for i in self.select]

    def unmixer(self) -> _unmix.UnmixModel:
        return _unmix.fit_unmix(self.endmembers, "FCLS", self.names)

    def scorer(self) -> _classify.Scorer:
        library = self.endmembers[:, self.select].T
        return _classify.make_scorer("sid", library, self.sid_names, "relative", self.cube_range,
                                     parameter="SID_SELECT")

    def limits(self):
        if not self.thresholds:
            return None
        if self.score_range is None:
            raise ValueError("relative thresholds need the site's score range (score_range_block pass)")
        n, lo, hi = self.score_range
        ranges = _classify.ScoreRange(len(self.select), int(n), np.asarray(lo, float), np.asarray(hi, float))
        return _classify.resolve_limits(self.thresholds, "relative", len(self.select), ranges)


def fit_unmixing_chain(sample: np.ndarray, params: ChainParams, cube_range, wavelengths=None, fwhm=None,
                       seed: int = 0, progress=None) -> UnmixingChainModel:
    """N-FINDR (ATGP start) on the site sample; the SID library and thresholds checked against it."""
    progress = as_progress(progress)
    x = np.ascontiguousarray(sample, dtype=np.float32)
    q = _nfindr.check_count(params.endmembers, x.shape[1], "ENDMEMBERS_COUNT", "the cleaned tiles")
    # N-FINDR's exact PCA and search on the pooled sample (a sample already: every pixel of it fits the axes)
    pca = _pca.fit_pca_sample(x, q - 1, where="the site sample")
    idx, history, sweeps = _nfindr.nfindr_points(pca.transform(x), q, None, "ATGP", int(seed), progress=progress)
    progress.log("N-FINDR: {count} endmembers after {sweeps} iteration(s), simplex volume {volume:.6g}", count=q,
                 sweeps=sweeps, volume=history[-1])
    endmembers = np.asarray(x[np.asarray(idx)], np.float64).T  # (bands, q): the chosen sample pixels' spectra
    names = [f"EM{j + 1}" for j in range(q)]
    library = Spectra(names, endmembers, wavelengths, np.arange(1, x.shape[1] + 1))
    chosen, select = _classify.select_endmembers(library, params.sid_select, parameter="SID_SELECT")
    thresholds = _classify.parse_thresholds(params.threshold_values(), chosen.names, "sid", "relative",
                                            "SID_THRESHOLDS")
    model = UnmixingChainModel(wavelengths, fwhm, endmembers, list(select), (float(cube_range[0]),
                                                                             float(cube_range[1])),
                               thresholds, None, int(x.shape[0]), [float(v) for v in history])
    model.unmixer()  # dependent endmembers or an unusable SID library fail here, before any tile is written
    model.scorer()
    return model


def score_range_block(block, model: UnmixingChainModel, scorer=None) -> tuple:
    """(n, min (k,), max (k,)) of the SID scores of the block's valid pixels: what relative thresholds need."""
    scorer = scorer or model.scorer()
    ranges = _classify.ScoreRange(len(model.select))
    ranges.update(scorer.score(block.data), block.valid)
    return ranges.n, ranges.min, ranges.max


def merge_score_ranges(parts) -> tuple:
    k = len(parts[0][1])
    total = _classify.ScoreRange(k)
    for n, lo, hi in parts:
        total = total.merge(_classify.ScoreRange(k, int(n), np.asarray(lo, float), np.asarray(hi, float)))
    return total.n, total.min, total.max


def apply_unmixing_chain(block, model: UnmixingChainModel, prepared=None) -> list[np.ndarray]:
    """[abundances (n, q) float32 (FCLS), SID classes (n,) 1..k, 0 = unclassified] of one block.
    ``prepared``: (unmixer, scorer, limits) from :func:`prepare_apply`, to build them once per tile."""
    unmixer, scorer, limits = prepared or prepare_apply(model)
    q = model.endmembers.shape[1]
    abundances = np.full((block.data.shape[0], q), NODATA, dtype=np.float32)
    if block.valid.any():
        abundances[block.valid] = _unmix.unmix_pixels(block.data[block.valid], unmixer)
    labels = _classify.label_scores(scorer.score(block.data), limits, class_dtype(len(model.select)))
    return [abundances, labels]


def prepare_apply(model):
    """What applying needs besides the block, built once per tile (the model itself stays small)."""
    if model.chain == "kmeans":
        return None
    return model.unmixer(), model.scorer(), model.limits()


def unmixing_products(model: UnmixingChainModel) -> list[Product]:
    colors = [class_colors(max(model.select) + 1)[i] for i in model.select]  # an endmember keeps its colour
    k = len(model.select)
    return [Product("abundances", "values", model.names, "float32", NODATA, value_range=(0.0, 1.0)),
            Product("sid_classes", "classes", ["class"], class_dtype(k).name, 0, model.sid_names, colors)]


# --- both chains --------------------------------------------------------------------------------------------------
def fit_chain(sample, params: ChainParams, cube_range, wavelengths=None, fwhm=None, seed=0, progress=None):
    if params.chain == "kmeans":
        return fit_kmeans_chain(sample, params, wavelengths, fwhm, seed, progress)
    return fit_unmixing_chain(sample, params, cube_range, wavelengths, fwhm, seed, progress)


def needs_score_range(model) -> bool:
    return model.chain == "unmixing" and bool(model.thresholds) and model.score_range is None


def with_score_range(model, score_range):
    return replace(model, score_range=(int(score_range[0]), np.asarray(score_range[1], float),
                                       np.asarray(score_range[2], float)))


def apply_chain(block, model, prepared=None) -> list[np.ndarray]:
    if model.chain == "kmeans":
        return apply_kmeans_chain(block, model)
    return apply_unmixing_chain(block, model, prepared)


def products(model) -> list[Product]:
    return kmeans_products(model) if model.chain == "kmeans" else unmixing_products(model)


MAIN_PRODUCT = {"kmeans": "classes", "unmixing": "sid_classes"}


# --- saving and loading (arrays + JSON, never pickle) -----------------------------------------------------------
def model_to_arrays(model) -> tuple[dict, dict]:
    arrays = {}
    if model.wavelengths is not None:
        arrays["wavelengths"] = np.asarray(model.wavelengths, np.float64)
    if model.fwhm is not None:
        arrays["fwhm"] = np.asarray(model.fwhm, np.float64)
    if model.chain == "kmeans":
        arrays.update(mean=model.mean, eigenvalues=model.eigenvalues, eigenvectors=model.eigenvectors,
                      centers=model.centers, sample_counts=np.asarray(model.sample_counts, np.int64))
        meta = {"chain": "kmeans", "n_components": int(model.n_components), "iterations": int(model.iterations),
                "converged": bool(model.converged), "n_sample": int(model.n_sample), "classes": model.names}
    else:
        arrays.update(endmembers=model.endmembers)
        meta = {"chain": "unmixing", "select": [int(i) for i in model.select],
                "cube_range": [float(v) for v in model.cube_range], "thresholds": model.thresholds,
                "n_sample": int(model.n_sample), "history": model.history, "endmembers": model.names,
                "sid_classes": model.sid_names}
        if model.score_range is not None:
            arrays.update(score_min=np.asarray(model.score_range[1], float),
                          score_max=np.asarray(model.score_range[2], float))
            meta["score_pixels"] = int(model.score_range[0])
    return meta, arrays


def model_from_arrays(meta: dict, arrays) -> KMeansChainModel | UnmixingChainModel:
    wl = arrays["wavelengths"] if "wavelengths" in arrays else None
    fwhm = arrays["fwhm"] if "fwhm" in arrays else None
    if meta["chain"] == "kmeans":
        return KMeansChainModel(wl, fwhm, arrays["mean"], arrays["eigenvalues"], arrays["eigenvectors"],
                                int(meta["n_components"]), arrays["centers"].astype(np.float32),
                                int(meta["iterations"]), bool(meta["converged"]), int(meta["n_sample"]),
                                arrays["sample_counts"])
    score_range = None
    if "score_min" in arrays:
        score_range = (int(meta["score_pixels"]), arrays["score_min"], arrays["score_max"])
    return UnmixingChainModel(wl, fwhm, arrays["endmembers"], list(meta["select"]), tuple(meta["cube_range"]),
                              meta["thresholds"], score_range, int(meta["n_sample"]), list(meta["history"]))


def write_model_files(model, folder: str) -> dict:
    """The site model as people read it: spectra CSVs (and a plot) next to the mosaics. Returns {role: path}."""
    from ..io.spectra_plot import write_spectra_html

    out = {}
    b = model.mean.size if model.chain == "kmeans" else model.endmembers.shape[0]
    band_numbers = np.arange(1, b + 1)
    if model.chain == "kmeans":
        pca = model.pca()
        out["eigenvalues"] = os.path.join(folder, "pca_eigenvalues.csv")
        _pca.write_eigenvalues_csv(out["eigenvalues"], pca)
        q = model.n_components
        out["loadings"] = os.path.join(folder, "pca_loadings.csv")
        write_spectra_csv(out["loadings"], Spectra([f"PC{i + 1}" for i in range(q)], pca.loadings,
                                                   model.wavelengths, band_numbers))
        out["centers"] = os.path.join(folder, "centers.csv")  # in component space: usable on the components
        write_spectra_csv(out["centers"], Spectra(model.names, model.centers.T.astype(np.float64), None,
                                                  np.arange(1, q + 1)))
        spectra = Spectra(model.names, model.mean[:, None] + pca.loadings @ model.centers.T.astype(np.float64),
                          model.wavelengths, band_numbers)
        out["center_spectra"] = os.path.join(folder, "center_spectra.csv")
        write_spectra_csv(out["center_spectra"], spectra)
        title = "site k-means cluster centres (reflectance, from the component space)"
    else:
        spectra = Spectra(model.names, model.endmembers, model.wavelengths, band_numbers)
        out["endmembers"] = os.path.join(folder, "endmembers.csv")
        write_spectra_csv(out["endmembers"], spectra)
        title = "site N-FINDR endmembers"
    if model.wavelengths is not None:
        out["plot"] = os.path.join(folder, "spectra.html")
        write_spectra_html(out["plot"], spectra, title)
    return out
