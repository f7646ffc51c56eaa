"""hyspec:trainclassifier and hyspec:predictclassifier in plain Python: a 1-D CNN or a random forest.

Training pixels come from vector features rasterised onto the raster grid (:mod:`training_data`), validation is
held out by feature, the model is fitted on the training pixels (at most ``max_pixels_per_class`` per class, drawn
with SEED), and the REPORT assesses it on the held-out features (:mod:`metrics`, :mod:`report`). Prediction streams
the raster block by block: the class of highest probability (1..k, 0 = no-data) and, optionally, the probability of
every class (float32 bands that sum to 1).

The CNN is deephyp's ``classifier.cnn_1D_network`` trained with its balanced cross-entropy: in every batch a sample
of class c weighs max_c'(n_c' + 1) / (n_c + 1), n_c being the batch's count of class c, so small classes count as
much as large ones. The random forest is scikit-learn's RandomForestClassifier with ``class_weight="balanced"``.
"""
from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass

import numpy as np

from ..engine.blockwise import apply_blockwise
from ..engine.progress import as_progress
from ..errors import ParameterError
from ..io.raster_reader import SpectralRaster
from ..io.raster_writer import RasterWriter, class_colors, class_dtype
from ..messages import Message
from . import networks, preprocessing
from .apply import FLOAT_NODATA, LoadedNetwork, class_probabilities, predict_block, read_ahead_workers
from .autoencoder import check_training
from .forest import DEFAULT_TREES, StoredForest, fit_forest, forest_arrays
from .metrics import Accuracy, accuracy
from .modelfile import ModelFile, bands_description, check_bands, read_model, write_model
from .report import write_report
from .torch_env import INFERENCE_THREADS, require_torch, torch_threads
from .train import fit
from .training_data import TrainingSet, rasterize_features, training_set

METHODS = ("cnn", "random_forest")
DEFAULTS = {"method": "cnn", "validation_fraction": 0.3, "epochs": 100, "batch_size": 50, "learning_rate": 1e-3,
            "trees": DEFAULT_TREES, "seed": 0, "max_pixels_per_class": 1000, "preprocessing": "minmax"}


@dataclass
class ClassifierResult:
    model: ModelFile
    data: TrainingSet
    accuracy: Accuracy | None
    history: list | None


def balanced_cross_entropy(logits, target, n_classes):
    """deephyp's class-balanced softmax cross-entropy (``network_ops.balance_classes`` weights) of one batch."""
    torch = require_torch()
    count = torch.bincount(target, minlength=n_classes).to(logits.dtype) + 1.0
    weights = count.max() / count
    ce = torch.nn.functional.cross_entropy(logits, target, reduction="none")
    return (weights[target] * ce).mean()


def _cap_per_class(x, y, n_classes, cap, seed):
    if not cap or cap <= 0:
        return x, y
    rng = np.random.default_rng(seed + 104729)
    keep = []
    for c in range(n_classes):
        idx = np.flatnonzero(y == c)
        keep.append(np.sort(rng.permutation(idx)[:cap]) if idx.size > cap else idx)
    keep = np.concatenate(keep)
    return x[keep], y[keep]


def train_classifier(input_path, training_path, class_field, model_path, report=None, *, layer_name=None,
                     method=DEFAULTS["method"], validation_fraction=DEFAULTS["validation_fraction"],
                     epochs=DEFAULTS["epochs"], batch_size=DEFAULTS["batch_size"],
                     learning_rate=DEFAULTS["learning_rate"], trees=DEFAULTS["trees"], seed=DEFAULTS["seed"],
                     max_pixels_per_class=DEFAULTS["max_pixels_per_class"],
                     preprocessing_method=DEFAULTS["preprocessing"], training_label=None,
                     progress=None) -> ClassifierResult:
    """Fit a classifier on the pixels under the features of ``training_path`` and write the model and report."""
    progress = as_progress(progress)
    if method not in METHODS:
        raise ParameterError("METHOD: {method!r} is not one of {methods}", method=method, methods=", ".join(METHODS))
    preprocessing.check_method(preprocessing_method)
    check_training(epochs, batch_size, learning_rate, validation_fraction)
    if int(max_pixels_per_class) < 0:
        raise ParameterError("MAX_PIXELS_PER_CLASS: must be 0 (all) or more, got {max_pixels_per_class}",
                             max_pixels_per_class=max_pixels_per_class)
    if method == "random_forest" and int(trees) < 1:
        raise ParameterError("TREES: must be 1 or more, got {trees}", trees=trees)
    if method == "cnn":
        require_torch("hyspec:trainclassifier with METHOD cnn")
    raster = input_path if isinstance(input_path, SpectralRaster) else SpectralRaster(input_path, "INPUT")
    labels = rasterize_features(training_path, class_field, raster, layer_name)
    data = training_set(raster, labels, float(validation_fraction), seed, progress=progress.sub(0.0, 0.1))
    for m in data.messages:
        progress.log(m)
    k = len(data.class_names)
    x_fit, y_fit = _cap_per_class(data.x_train, data.y_train, k, int(max_pixels_per_class), seed)
    progress.log("{n_classes} classes; training on {n_fit} pixels of {n_features} features "
                 "({n_train} available), validating on {n_val} pixels of "
                 "{n_held_out} held-out features", n_classes=k, n_fit=x_fit.shape[0], n_features=int(data.counts[:, 0].sum()),
                 n_train=data.x_train.shape[0], n_val=data.x_val.shape[0], n_held_out=int(data.counts[:, 1].sum()))
    x_pre = preprocessing.apply(preprocessing_method, x_fit)
    x_val_pre = preprocessing.apply(preprocessing_method, data.x_val)
    colors = class_colors(k)
    meta = {"kind": "classifier", "method": method, "preprocessing": preprocessing_method,
            "bands": bands_description(raster),
            "classes": [{"value": i + 1, "name": str(n), "color": list(colors[i])} for i, n in enumerate(data.class_names)],
            "training": {"input": os.path.basename(raster.path),
                         "training_data": training_label or os.path.basename(os.fspath(training_path)),
                         "class_field": class_field, "validation_fraction": float(validation_fraction),
                         "seed": int(seed), "max_pixels_per_class": int(max_pixels_per_class),
                         "training_pixels": int(x_fit.shape[0]), "validation_pixels": int(data.x_val.shape[0]),
                         "features": data.counts[:, :2].sum(axis=0).tolist()}}
    history, importances = None, None
    fit_progress = progress.sub(0.1, 0.95)
    if method == "cnn":
        spec = networks.classifier_spec(raster.count, k)
        net = networks.build(spec, seed)

        def loss_fn(logits, target):
            return balanced_cross_entropy(logits, target, k)

        history = fit(net, loss_fn, x_pre, y_fit, x_val_pre if len(x_val_pre) else None, data.y_val, epochs=epochs,
                      batch_size=batch_size, learning_rate=learning_rate, seed=seed, progress=fit_progress,
                      label="balanced cross-entropy")
        meta["network"] = spec
        meta["training"].update({"epochs": int(epochs), "batch_size": int(batch_size),
                                 "learning_rate": float(learning_rate), "optimizer": "Adam",
                                 "loss": "balanced softmax cross-entropy", "torch": require_torch().__version__,
                                 "final_train_loss": history[-1].train_loss,
                                 "final_validation_loss": history[-1].validation_loss})
        arrays = {f"weights/{name}": v for name, v in networks.weights(net).items()}
        predictor = net
    else:
        import sklearn

        fit_progress(0.0, Message("random forest: {trees} trees on {n_pixels} pixels", trees=int(trees),
                                  n_pixels=x_pre.shape[0]))
        forest = fit_forest(x_pre, y_fit, k, int(trees), int(seed))
        arrays = forest_arrays(forest)
        meta["training"].update({"trees": int(trees), "class_weight": "balanced", "scikit_learn": sklearn.__version__})
        predictor = StoredForest(arrays, raster.count, k)
        order = np.argsort(forest.feature_importances_)[::-1][:10]
        importances = [(raster.band_names[i], float(forest.feature_importances_[i])) for i in order]
        fit_progress(1.0, None)
    model = ModelFile(meta, arrays)
    acc = None
    if len(data.x_val):
        with torch_threads(INFERENCE_THREADS) if method == "cnn" else contextlib.nullcontext():
            proba = class_probabilities(model, predictor, data.x_val)
        acc = accuracy(data.y_val, proba.argmax(axis=1), k)
        meta["training"].update({"validation_overall_accuracy": acc.overall, "validation_kappa": acc.kappa})
        progress.log("held-out features: overall accuracy {overall:.4f}, kappa {kappa:.4f}", overall=acc.overall, kappa=acc.kappa)
    write_model(model_path, model)
    if report:
        info = [("input raster", raster.path), ("training features", meta["training"]["training_data"]),
                ("class field", class_field), ("method", method), ("pre-processing", preprocessing_method),
                ("validation fraction (of each class's features)", validation_fraction), ("seed", seed),
                ("training pixels used", f"{x_fit.shape[0]} (at most {max_pixels_per_class} per class; 0 = all)")]
        if method == "cnn":
            info += [("epochs", epochs), ("batch size", batch_size), ("learning rate (Adam)", learning_rate)]
        else:
            info += [("trees", trees)]
        write_report(report, title=f"hyspec:trainclassifier ({method})", info=info, class_names=data.class_names,
                     colors=colors, counts=data.counts, accuracy=acc, history=history, messages=data.messages,
                     importances=importances, loss_label="balanced cross-entropy")
    progress(1.0)
    return ClassifierResult(model, data, acc, history)


def load_predictor(model: ModelFile, path: str):
    """The network (cnn) or the rebuilt forest (random_forest) of a classifier model."""
    if model.method == "cnn":
        return LoadedNetwork.from_model(model, path).net
    if model.method == "random_forest":
        return StoredForest(model.arrays, model.meta["bands"]["count"], len(model.meta["classes"]))
    raise ParameterError("MODEL: {path}: unknown classifier method {method!r}", path=path, method=model.method)


def predict_classifier(input_path, model_path, output, probability=None, progress=None) -> ModelFile:
    """hyspec:predictclassifier: the class (and optionally each class's probability) of every pixel."""
    progress = as_progress(progress)
    path = os.fspath(model_path)
    model = read_model(path, "MODEL", kind="classifier")
    raster = input_path if isinstance(input_path, SpectralRaster) else SpectralRaster(input_path, "INPUT")
    check_bands(model.meta, raster, path)
    classes = model.meta["classes"]
    names = [c["name"] for c in classes]
    colors = [tuple(c["color"]) for c in classes]
    predictor = load_predictor(model, path)
    dtype = class_dtype(len(classes))
    common = dict(width=raster.width, height=raster.height, geotransform=raster.geotransform, crs_wkt=raster.crs_wkt)
    info = {"HYSPEC_ALGORITHM": "predictclassifier", "HYSPEC_MODEL": os.path.basename(path),
            "HYSPEC_CLASSIFIER": model.method, "HYSPEC_INPUT": os.path.basename(raster.path)}
    writers = [RasterWriter(output, bands=1, dtype=dtype, nodata=0, class_names=names, colors=colors, metadata=info,
                            **common)]
    try:
        if probability:
            writers.append(RasterWriter(probability, bands=len(classes), dtype="float32", nodata=FLOAT_NODATA,
                                        band_names=[f"p({n})" for n in names], metadata=info, **common))
        with torch_threads(INFERENCE_THREADS) if model.method == "cnn" else contextlib.nullcontext():
            apply_blockwise(raster, lambda block: predict_block(model, predictor, block, bool(probability), dtype),
                            writers, progress=progress, read_ahead=read_ahead_workers(raster))
    except BaseException:
        for w in writers:
            w.abort()
        raise
    return model
