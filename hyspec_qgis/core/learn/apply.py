"""Applying a model block by block in bounded memory: latent features, reconstruction error, classes, probabilities.

Each function here is a pure function of a pixel block and a loaded model (the "apply" half of fit/apply), streamed
through :func:`engine.blockwise.apply_blockwise`. Only the valid pixels of a block go through the network, in chunks
of :data:`CHUNK` rows, so memory stays at one block plus one chunk's activations whatever the raster size.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import HyspecError
from ..io.raster_writer import FLOAT_NODATA  # noqa: F401 - imported from here by the learn modules
from . import losses, networks, preprocessing
from .modelfile import ModelFile, ModelFileError

CHUNK = 4096  # rows per forward pass: fastest of 4096/16384/65536 for the MLP on one thread (measured here)


@dataclass
class LoadedNetwork:
    """A model file's network, rebuilt and ready to run."""

    model: ModelFile
    net: object
    preprocessing: str

    @classmethod
    def from_model(cls, model: ModelFile, path: str = "") -> LoadedNetwork:
        spec = model.meta.get("network")
        if not isinstance(spec, dict):
            raise ModelFileError("MODEL: {path}: the model description has no network", path=path)
        state = {k[len("weights/"):]: v for k, v in model.arrays.items() if k.startswith("weights/")}
        try:
            net = networks.build(spec, state=state)
        except HyspecError as exc:
            raise ModelFileError("MODEL: {path}: {exc}", path=path, exc=exc) from None
        return cls(model, net, preprocessing.check_method(model.meta["preprocessing"]))


def read_ahead_workers(raster) -> int:
    """Background readers decode the next blocks while the network runs (a plain file-backed raster only)."""
    from ..engine.prefetch import DEFAULT_WORKERS
    from ..io.raster_reader import SpectralRaster

    return DEFAULT_WORKERS if type(raster) is SpectralRaster else 0


def _valid_rows(block):
    return block.data[block.valid] if not block.valid.all() else block.data


def _scatter(block, values, width, dtype=np.float32, fill=0):
    out = np.full((block.valid.size, width), fill, dtype=dtype)
    out[block.valid] = values
    return out


def encode_values(loaded: LoadedNetwork, x: np.ndarray, loss: str | None = None):
    """(latent (n, k) float32, per-pixel error (n,) float32 or None) of raw spectra ``x`` (n, b)."""
    from .torch_env import require_torch

    torch = require_torch("hyspec:encode")
    x = preprocessing.apply(loaded.preprocessing, x)
    k = loaded.model.meta["network"]["latent"]
    latent = np.empty((x.shape[0], k), dtype=np.float32)
    error = np.empty(x.shape[0], dtype=np.float32) if loss else None
    with torch.no_grad():
        for i in range(0, x.shape[0], CHUNK):
            xt = torch.from_numpy(x[i:i + CHUNK])
            z = loaded.net.encode(xt)
            latent[i:i + CHUNK] = z.numpy()
            if loss:
                error[i:i + CHUNK] = losses.per_spectrum(loss, loaded.net.decode(z), xt).numpy()
    return latent, error


def encode_block(loaded: LoadedNetwork, block, with_error: bool):
    """[latent (n_pixels, k), error (n_pixels, 1) or None] for a raster block (invalid pixels filled later)."""
    loss = loaded.model.meta.get("loss") if with_error else None
    latent, error = encode_values(loaded, _valid_rows(block), loss)
    k = latent.shape[1]
    return [_scatter(block, latent, k), _scatter(block, error[:, None], 1) if with_error else None]


def class_probabilities(model: ModelFile, predictor, x: np.ndarray) -> np.ndarray:
    """(n, k) float32 class probabilities (rows sum to 1) of raw spectra ``x``, from a CNN or a stored forest."""
    x = preprocessing.apply(model.meta["preprocessing"], x)
    if model.method == "random_forest":
        return predictor.predict_proba(x).astype(np.float32)
    from .torch_env import require_torch

    torch = require_torch("hyspec:predictclassifier with a cnn model")
    out = np.empty((x.shape[0], len(model.meta["classes"])), dtype=np.float32)
    with torch.no_grad():
        for i in range(0, x.shape[0], CHUNK):
            out[i:i + CHUNK] = torch.softmax(predictor(torch.from_numpy(x[i:i + CHUNK])), dim=1).numpy()
    return out


def predict_block(model: ModelFile, predictor, block, with_probability: bool, class_dtype):
    """[classes (n_pixels,) 1..k, probabilities (n_pixels, k) or None] for a raster block."""
    proba = class_probabilities(model, predictor, _valid_rows(block))
    classes = _scatter(block, (proba.argmax(axis=1) + 1)[:, None], 1, dtype=class_dtype)
    return [classes, _scatter(block, proba, proba.shape[1]) if with_probability else None]
