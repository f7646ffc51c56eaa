"""Learned features and supervised classification on a full tile (ctx["clean_unmix"]: 362 bands), each time beside
the read floor (one plain pass over the same file, measured in the same run), plus the clustering evidence.

- Training the default MLP autoencoder (50-30-10, CSA, batch 1000, Adam 1e-3) on a 200 000-pixel sample: timed for
  TRAIN_EPOCHS epochs and scaled to 100 (the sampling pass once, plus 100 x the measured time per epoch), as the case
  name says: 100 epochs take several minutes on the shared 2-core machine.
- Encoding the whole tile with that model, in Python and through qgis_process (torch's own BLAS is not bound to
  GSL's CBLAS inside QGIS); target: encoding <= 2 x one read of the tile.
- The classifiers, trained on square polygons drawn from the generator's truth (the most abundant material,
  held out by feature): the random forest predicts the whole tile; the CNN (deephyp's, about 40 x the arithmetic of
  the MLP per pixel) is timed on 100 000 valid pixels and scaled to the tile's valid pixels (plus one read).
- ARI of k-means on the latent features vs on as many PCA components, for each loss: on the generated nonlinear
  scene (intimate mixing, illumination variation; core/io/sample_nonlinear.py) and on this tile (linear mixtures:
  PCA keeps all their signal, so there is no win to expect; the figures are reported as they come).
"""
import json
import os
import subprocess
import time

import numpy as np

from common import ROOT, Case, record, recorded_floor

TRAIN_EPOCHS = 5
SAMPLE = 200_000
CNN_PIXELS = 100_000
GROUP = "learned features: full tile, 362 bands"
EVIDENCE = "k-means on autoencoder features vs on as many PCA components (ARI against the truth)"

CASES = [
    Case(GROUP, "read the cleaned tile once (floor)", "read_floor", floor=True),
    Case(GROUP, f"train the default MLP autoencoder, 200 000 px: {TRAIN_EPOCHS} epochs timed, scaled to 100",
         "train_mlp"),
    Case(GROUP, "hyspec encode (MLP, 10 latent features), core, whole tile", "encode_core"),
    Case(GROUP, "hyspec:encode through qgis_process (start-up included), whole tile", "encode_qgis_process"),
    Case(GROUP, "train random forest (100 trees, <= 1000 px per class) on 5 x 5 px truth squares", "train_forest"),
    Case(GROUP, "hyspec predictclassifier random_forest, core, whole tile (+ probabilities)", "predict_forest"),
    Case(GROUP, "train CNN classifier (20 epochs, batch 50, <= 1000 px per class)", "train_cnn"),
    Case(GROUP, "hyspec predictclassifier cnn: 100 000 px timed, scaled to the tile (+ one read)", "predict_cnn"),
    Case(EVIDENCE, "nonlinear scene 150 x 150 (4 materials, intimate mixing, shading), 30 epochs per loss",
         "ari_nonlinear"),
    Case(EVIDENCE, "this tile (5 materials, linear mixtures): 30 000 px sample, 20 epochs per loss",
         "ari_tile"),
]


def _out(ctx, name):
    return os.path.join(ctx["out"], name)


def _record(ctx, key, value):
    return record(ctx, "learn_times.json", key, value)


def _vs_floor(ctx, key, seconds, cpu=None):
    times = _record(ctx, key, seconds)
    info = {}
    if "floor" in times:
        info["x read floor"] = round(seconds / times["floor"], 2)
        if cpu is not None and times.get("floor_cpu"):
            info["CPU x floor CPU"] = round(cpu / times["floor_cpu"], 2)
    return info


def read_floor(ctx):
    return recorded_floor(ctx, "learn_times.json", ctx["clean_unmix"])


def train_mlp(ctx):
    from hyspec_qgis.core.learn.autoencoder import train_autoencoder

    marks = {}

    def progress(fraction, message):
        if message and message.startswith("sample:"):
            marks["sampled"] = time.perf_counter()

    start = time.perf_counter()
    result = train_autoencoder(ctx["clean_unmix"], _out(ctx, "ae_mlp.npz"), _out(ctx, "ae_mlp_log.csv"),
                               epochs=TRAIN_EPOCHS, sample_size=SAMPLE, seed=0, progress=progress)
    total = time.perf_counter() - start
    sampling = marks["sampled"] - start
    per_epoch = (total - sampling) / TRAIN_EPOCHS
    last = result.history[-1]
    return {"extrapolated_seconds": round(sampling + 100 * per_epoch, 1), "sampling_s": round(sampling, 1),
            "s_per_epoch": round(per_epoch, 2), "training_px": result.n_train, "validation_px": result.n_validation,
            f"loss after {TRAIN_EPOCHS} epochs (train/val)": f"{last.train_loss:.4g}/{last.validation_loss:.4g}"}


def encode_core(ctx):
    from hyspec_qgis.core.learn.autoencoder import encode_raster

    start, cpu = time.perf_counter(), time.process_time()
    encode_raster(ctx["clean_unmix"], _out(ctx, "ae_mlp.npz"), _out(ctx, "latent.tif"))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return _vs_floor(ctx, "encode", seconds, cpu)


def encode_qgis_process(ctx):
    out = _out(ctx, "latent_qgis_process.tif")
    start = time.perf_counter()
    proc = subprocess.run([os.path.join(ROOT, "bin", "qgis_process"), "run", "hyspec:encode", "--",
                           f"INPUT={ctx['clean_unmix']}", f"MODEL={_out(ctx, 'ae_mlp.npz')}", f"OUTPUT={out}"],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(proc.stdout[-2000:] + proc.stderr[-2000:])
    from osgeo import gdal

    # Not bit for bit: PyTorch's MKL kernels round differently in the two processes (float32 rounding level).
    a = gdal.Open(out).ReadAsArray(0, 500, 1000, 20)
    b = gdal.Open(_out(ctx, "latent.tif")).ReadAsArray(0, 500, 1000, 20)
    info = _vs_floor(ctx, "encode_qgis_process", seconds)
    info["max |difference| vs core, rows 500-519"] = float(f"{np.abs(a - b).max():.2g}")
    info["largest |latent value|"] = round(float(np.abs(b[b != -9999]).max()), 1)
    return info


def _training_polygons(ctx):
    """5 x 5 px squares, 20 per material (at least 2), where the generator's truth has that material at >= 0.7."""
    path = _out(ctx, "truth_squares.gpkg")
    if os.path.exists(path):
        return path
    import sys

    sys.path.insert(0, ROOT)
    from hyspec_qgis.core.io.sample import MATERIALS
    from tests.learn_scenes import square_polygons, write_polygons

    abundances = np.load(ctx["truth_abundances"])
    dominant = np.nan_to_num(abundances, nan=0).argmax(axis=2) + 1
    purity = np.nan_to_num(abundances, nan=0).max(axis=2)
    squares = square_polygons(dominant, 20, 5, seed=0, purity=purity, min_purity=0.7, at_least=2)
    return write_polygons(path, squares, 5, abundances.shape[0], names=MATERIALS)


def _train_classifier(ctx, method, **kwargs):
    from hyspec_qgis.core.learn.supervised import train_classifier

    result = train_classifier(ctx["clean_unmix"], _training_polygons(ctx), "landcover", _out(ctx, f"{method}.npz"),
                              _out(ctx, f"{method}_report.html"), method=method, seed=0, **kwargs)
    acc = result.accuracy
    return {"held-out OA": round(acc.overall, 4), "kappa": round(acc.kappa, 4),
            "training px": int(result.data.counts[:, 2].sum()), "held-out px": int(result.data.counts[:, 3].sum())}


def train_forest(ctx):
    return _train_classifier(ctx, "random_forest", trees=100)


def predict_forest(ctx):
    from hyspec_qgis.core.learn.supervised import predict_classifier

    start, cpu = time.perf_counter(), time.process_time()
    predict_classifier(ctx["clean_unmix"], _out(ctx, "random_forest.npz"), _out(ctx, "rf_classes.tif"),
                       _out(ctx, "rf_probability.tif"))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    info = _vs_floor(ctx, "predict_forest", seconds, cpu)
    info.update(_agreement(ctx, _out(ctx, "rf_classes.tif")))
    return info


def _agreement(ctx, path):
    """Share of valid pixels whose predicted class is the truth's most abundant material."""
    from osgeo import gdal

    from hyspec_qgis.core.io.sample import MATERIALS

    ds = gdal.Open(path)
    band = ds.GetRasterBand(1)
    band.GetDescription()
    names = band.GetCategoryNames()[1:]
    classes = ds.ReadAsArray()
    abundances = np.load(ctx["truth_abundances"])
    valid = classes > 0
    truth = np.nan_to_num(abundances, nan=0).argmax(axis=2)
    lut = np.array([-1] + [MATERIALS.index(n) for n in names])
    return {"agreement with truth (whole tile)": round(float((lut[classes] == truth)[valid].mean()), 4)}


def train_cnn(ctx):
    return _train_classifier(ctx, "cnn", epochs=20, batch_size=50)


def predict_cnn(ctx):
    from hyspec_qgis.core import SpectralRaster
    from hyspec_qgis.core.learn.apply import class_probabilities
    from hyspec_qgis.core.learn.modelfile import read_model
    from hyspec_qgis.core.learn.supervised import load_predictor
    from hyspec_qgis.core.learn.torch_env import INFERENCE_THREADS, torch_threads

    times = json.load(open(_out(ctx, "learn_times.json")))
    model = read_model(_out(ctx, "cnn.npz"))
    predictor = load_predictor(model, _out(ctx, "cnn.npz"))
    raster = SpectralRaster(ctx["clean_unmix"])
    rows = min(raster.height, -(-CNN_PIXELS // raster.width))
    row0 = min(200, raster.height - rows)
    block = raster.read_block(row0, rows, 0, raster.width, list(range(raster.count)))
    x = block.data[block.valid]
    start, cpu = time.perf_counter(), time.process_time()
    with torch_threads(INFERENCE_THREADS):
        class_probabilities(model, predictor, x)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    scaled = seconds * times["valid"] / x.shape[0] + times["floor"]
    info = _vs_floor(ctx, "predict_cnn", scaled)
    info.update({"extrapolated_seconds": round(scaled, 1), "s per million px": round(seconds * 1e6 / x.shape[0], 1)})
    return info


def _pixels(path, index):
    """The pixels at flat indices ``index`` (sorted) of a raster, streamed block by block."""
    from hyspec_qgis.core import SpectralRaster

    parts = []
    for b in SpectralRaster(path).blocks():
        start = b.row0 * b.ncols
        lo, hi = np.searchsorted(index, [start, start + b.valid.size])
        parts.append(b.data[index[lo:hi] - start])
    return np.concatenate(parts)


def _ari_table(path, truth, index, k, epochs, sample, batch, prefix):
    """ARI against ``truth`` (at flat pixel ``index``) of k-means on 10 PCA components of the spectra, on 10 PCA
    components of the minmax spectra, and on each loss's 10 latent features (k-means fitted on up to 50 000 px)."""
    from sklearn.cluster import KMeans
    from sklearn.decomposition import PCA
    from sklearn.metrics import adjusted_rand_score

    from hyspec_qgis.core.learn.autoencoder import train_autoencoder
    from hyspec_qgis.core.learn.losses import LOSSES
    from hyspec_qgis.core.learn.preprocessing import minmax

    rng = np.random.default_rng(0)
    fit = rng.permutation(index.size)[:50_000]

    def kmeans_ari(features):
        labels = KMeans(k, n_init=4, random_state=0).fit(features[fit]).predict(features)
        return round(float(adjusted_rand_score(truth, labels)), 3)

    x = _pixels(path, index)
    info = {"pixels": int(index.size), "PCA of reflectance": kmeans_ari(PCA(10).fit(x[fit]).transform(x)),
            "PCA of minmax spectra": kmeans_ari(PCA(10).fit(minmax(x[fit])).transform(minmax(x)))}
    for loss in LOSSES:
        out = prefix + f"_{loss}.tif"
        train_autoencoder(path, prefix + f"_{loss}.npz", output=out, loss=loss, epochs=epochs, sample_size=sample,
                          batch_size=batch, seed=0)
        info[f"AE {loss}"] = kmeans_ari(_pixels(out, index))
    return info


def ari_nonlinear(ctx):
    from hyspec_qgis.core.io.sample_nonlinear import write_nonlinear_scene

    sc = write_nonlinear_scene(_out(ctx, "nonlinear.tif"), 150, 150, seed=2, sharpness=6.0)
    return _ari_table(sc.path, sc.classes.ravel(), np.arange(sc.classes.size), 4, epochs=30, sample=0, batch=100,
                      prefix=_out(ctx, "nl"))


def ari_tile(ctx):
    """On up to 200 000 valid pixels of the tile; truth: each pixel's most abundant material."""
    abundances = np.load(ctx["truth_abundances"])
    flat = abundances.reshape(-1, abundances.shape[2])
    valid = np.flatnonzero(np.isfinite(flat).all(axis=1))
    index = np.sort(np.random.default_rng(1).permutation(valid)[:200_000])
    return _ari_table(ctx["clean_unmix"], flat[index].argmax(axis=1), index, abundances.shape[2], epochs=20,
                      sample=30_000, batch=256, prefix=_out(ctx, "tile_ae"))
