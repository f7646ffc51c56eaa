"""hyspec:trainautoencoder and hyspec:encode in plain Python: learn spectral features, then map them block-wise.

Training reads only its sample (:mod:`sampling`: SAMPLE_SIZE valid pixels, a spatial hold-out of cells for the
validation loss), pre-processes it (deephyp's per-spectrum minmax by default), trains the network with Adam
(:mod:`train`) and writes the model file (:mod:`modelfile`), the LOSS_LOG CSV and, if asked for, the latent raster of
the input (the same as :func:`encode_raster` with the new model). Encoding streams the raster block by block.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from ..engine.blockwise import apply_blockwise
from ..engine.progress import as_progress
from ..errors import HyspecError, ParameterError
from ..io.raster_reader import SpectralRaster
from ..io.raster_writer import RasterWriter
from . import losses, networks, preprocessing
from .apply import FLOAT_NODATA, LoadedNetwork, encode_block, read_ahead_workers
from .modelfile import ModelFile, bands_description, check_bands, read_model, write_model
from .sampling import sample_pixels
from .torch_env import INFERENCE_THREADS, require_torch, torch_threads
from .train import fit, write_loss_log

DEFAULTS = {"architecture": "mlp", "hidden": (50, 30), "latent": 10, "loss": "CSA", "epochs": 100,
            "batch_size": 1000, "learning_rate": 1e-3, "sample_size": 200_000, "validation_fraction": 0.1,
            "seed": 0, "preprocessing": "minmax"}


@dataclass
class AutoencoderResult:
    model: ModelFile
    history: list
    n_train: int
    n_validation: int
    output: str | None = None
    error: str | None = None


def parse_hidden(text) -> list[int]:
    """'50,30' -> [50, 30]; '' -> [] (the latent layer straight after the input)."""
    if isinstance(text, (list, tuple)):
        return [int(v) for v in text]
    items = [t.strip() for t in str(text or "").replace(";", ",").split(",") if t.strip()]
    try:
        values = [int(t) for t in items]
    except ValueError:
        raise ParameterError("HIDDEN_LAYERS: expected whole numbers separated by commas (e.g. 50,30), got "
                             "{text!r}", text=text) from None
    if any(v < 1 for v in values):
        raise ParameterError("HIDDEN_LAYERS: every layer needs at least 1 unit, got {text!r}", text=text)
    return values


def check_training(epochs, batch_size, learning_rate, validation_fraction, sample_size=None):
    if int(epochs) < 1:
        raise ParameterError("EPOCHS: must be 1 or more, got {epochs}", epochs=epochs)
    if int(batch_size) < 1:
        raise ParameterError("BATCH_SIZE: must be 1 or more, got {batch_size}", batch_size=batch_size)
    if not (0 < float(learning_rate) < 1):
        raise ParameterError("LEARNING_RATE: must be between 0 and 1 (Adam's step size, e.g. 0.001), got "
                             "{learning_rate}", learning_rate=learning_rate)
    if not (0 <= float(validation_fraction) < 1):
        raise ParameterError("VALIDATION_FRACTION: must be at least 0 and below 1, got {validation_fraction}",
                             validation_fraction=validation_fraction)
    if sample_size is not None and int(sample_size) < 0:
        raise ParameterError("SAMPLE_SIZE: must be 0 (all valid pixels) or more, got {sample_size}", sample_size=sample_size)


def train_autoencoder(input_path, model_path, loss_log=None, output=None, error=None, *,
                      architecture=DEFAULTS["architecture"], hidden=DEFAULTS["hidden"], latent=DEFAULTS["latent"],
                      loss=DEFAULTS["loss"], epochs=DEFAULTS["epochs"], batch_size=DEFAULTS["batch_size"],
                      learning_rate=DEFAULTS["learning_rate"], sample_size=DEFAULTS["sample_size"],
                      validation_fraction=DEFAULTS["validation_fraction"], seed=DEFAULTS["seed"],
                      preprocessing_method=DEFAULTS["preprocessing"], model_name=None,
                      progress=None) -> AutoencoderResult:
    """Train an autoencoder on a sample of ``input_path`` and write the model (and optionally its latent raster).

    ``model_name``: the model file the latent raster names (default ``model_path``'s); a caller writing the model
    under a temporary name gives the final one, so the raster names a file that exists and repeats byte for byte."""
    progress = as_progress(progress)
    losses.check_loss(loss)
    preprocessing.check_method(preprocessing_method)
    check_training(epochs, batch_size, learning_rate, validation_fraction, sample_size)
    hidden = parse_hidden(hidden)
    require_torch("hyspec:trainautoencoder")
    raster = input_path if isinstance(input_path, SpectralRaster) else SpectralRaster(input_path, "INPUT")
    spec = networks.autoencoder_spec(architecture, raster.count, hidden, latent, losses.final_activation(loss))
    if loss == "SID" and preprocessing_method == "none":
        progress.log("note: SID compares sum-normalised spectra and needs positive values; values <= 0 are "
                     "clipped to 1e-12 (minmax pre-processing avoids this)")
    stop_train = 0.9 if output or error else 0.98
    sample = sample_pixels(raster, int(sample_size), seed, float(validation_fraction), progress=progress.sub(0, 0.1))
    if sample.train.shape[0] == 0:
        raise HyspecError("INPUT: {path}: no training pixel left after the hold-out; lower "
                          "VALIDATION_FRACTION", path=raster.path)
    progress.log("sample: {n_train} training and {n_validation} validation pixels "
                 "(hold-out cells of {cell} x {cell} px) of {n_valid} valid pixels", n_train=sample.train.shape[0],
                 n_validation=sample.validation.shape[0], cell=sample.cell, n_valid=sample.n_valid)
    x_train = preprocessing.apply(preprocessing_method, sample.train)
    x_val = preprocessing.apply(preprocessing_method, sample.validation) if sample.validation.size else None
    net = networks.build(spec, seed)

    def loss_fn(r, t):
        return losses.per_spectrum(loss, r, t).mean()

    history = fit(net, loss_fn, x_train, x_train, x_val, x_val, epochs=epochs, batch_size=batch_size,
                  learning_rate=learning_rate, seed=seed, progress=progress.sub(0.1, stop_train), label=loss)
    torch = require_torch()
    meta = {"kind": "autoencoder", "method": architecture, "network": spec, "loss": loss,
            "loss_units": losses.UNITS[loss], "preprocessing": preprocessing_method,
            "bands": bands_description(raster),
            "latent_names": [f"latent {i + 1}" for i in range(int(latent))],
            "training": {"input": os.path.basename(raster.path), "epochs": int(epochs), "batch_size": int(batch_size),
                         "learning_rate": float(learning_rate), "sample_size": int(sample_size),
                         "validation_fraction": float(validation_fraction), "seed": int(seed),
                         "training_pixels": int(sample.train.shape[0]),
                         "validation_pixels": int(sample.validation.shape[0]), "holdout_cell_px": sample.cell,
                         "final_train_loss": history[-1].train_loss,
                         "final_validation_loss": history[-1].validation_loss,
                         "optimizer": "Adam", "torch": torch.__version__}}
    model = ModelFile(meta, {f"weights/{k}": v for k, v in networks.weights(net).items()})
    result = AutoencoderResult(model, history, sample.train.shape[0], sample.validation.shape[0])
    if output or error:
        result.output, result.error = output, error
        _encode(raster, LoadedNetwork(model, net, preprocessing_method), model_name or model_path, output, error,
                progress.sub(stop_train, 1.0))
    write_model(model_path, model)
    if loss_log:
        write_loss_log(loss_log, history)
    return result


def encode_raster(input_path, model_path, output, error=None, progress=None) -> ModelFile:
    """hyspec:encode: the latent features (and optionally the reconstruction error) of every pixel."""
    progress = as_progress(progress)
    model = read_model(model_path, "MODEL", kind="autoencoder")
    raster = input_path if isinstance(input_path, SpectralRaster) else SpectralRaster(input_path, "INPUT")
    check_bands(model.meta, raster, os.fspath(model_path))
    _encode(raster, LoadedNetwork.from_model(model, os.fspath(model_path)), model_path, output, error, progress)
    return model


def _encode(raster, loaded: LoadedNetwork, model_path, output, error, progress):
    meta = loaded.model.meta
    k = meta["network"]["latent"]
    common = dict(width=raster.width, height=raster.height, geotransform=raster.geotransform,
                  crs_wkt=raster.crs_wkt, dtype="float32", nodata=FLOAT_NODATA)
    info = {"HYSPEC_ALGORITHM": "encode", "HYSPEC_MODEL": os.path.basename(os.fspath(model_path)),
            "HYSPEC_AUTOENCODER": f"{meta['method']} {meta['loss']}", "HYSPEC_INPUT": os.path.basename(raster.path)}
    writers = [RasterWriter(output, bands=k, band_names=meta["latent_names"], metadata=info, **common)
               if output else None]
    if error:
        writers.append(RasterWriter(error, bands=1, band_names=[f"reconstruction error ({meta['loss']})"],
                                    metadata={**info, "HYSPEC_ERROR_UNITS": meta["loss_units"]}, **common))
    try:
        with torch_threads(INFERENCE_THREADS):
            apply_blockwise(raster, lambda block: encode_block(loaded, block, bool(error)), writers,
                            progress=progress, read_ahead=read_ahead_workers(raster))
    except BaseException:
        for w in writers:
            if w is not None:
                w.abort()
        raise
