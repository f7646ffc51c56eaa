"""Reconstruction losses for hyperspectral autoencoders, per spectrum, as deephyp defines them.

deephyp (``network_ops.loss_function_reconstruction_1D``) sums these terms over a batch; here the training loop
averages them (Adam is invariant to a constant scale of the loss, and a mean keeps LOSS_LOG comparable between
batch sizes). Per spectrum, with target t and reconstruction r (n_bands each):

- ``SSE``: sum of squared errors, sum((t - r)^2);
- ``CSA``: cosine of the spectral angle, 1 - t.r / (|t| |r|) (Windrim et al. 2016);
- ``SA``: the spectral angle itself, arccos(t.r / (|t| |r|)), in radians. Its gradient grows without bound as the
  angle goes to 0 (arccos' derivative at 1), so on many-band spectra it stalls where CSA keeps learning;
- ``SID``: spectral information divergence, KL(p||q) + KL(q||p) of the sum-normalised spectra p = t/sum(t),
  q = r/sum(r). It needs positive values: a sigmoid output layer for r, and minmax-pre-processed targets.

The same per-spectrum values are the ERROR raster of hyspec:encode.
"""
from __future__ import annotations

from .torch_env import require_torch

LOSSES = ("SSE", "SA", "SID", "CSA")
_EPS = 1e-12
_COS_LIMIT = 1.0 - 1e-7  # arccos has an infinite gradient at +-1: keep SA finite for identical spectra


def check_loss(name: str) -> str:
    from ..errors import ParameterError

    if name not in LOSSES:
        raise ParameterError("LOSS: {name!r} is not one of {losses}", name=name, losses=", ".join(LOSSES))
    return name


def _cosine(r, t):
    torch = require_torch()
    dot = (r * t).sum(dim=1)
    norms = torch.linalg.vector_norm(r, dim=1) * torch.linalg.vector_norm(t, dim=1)
    return dot / norms.clamp_min(_EPS)


def per_spectrum(name: str, r, t):
    """Loss ``name`` of each row: reconstruction ``r`` and target ``t`` are (n, b) tensors; returns (n,)."""
    torch = require_torch()
    if name == "SSE":
        return ((t - r) ** 2).sum(dim=1)
    if name == "CSA":
        return 1.0 - _cosine(r, t)
    if name == "SA":
        return torch.arccos(_cosine(r, t).clamp(-_COS_LIMIT, _COS_LIMIT))
    if name == "SID":
        p = t.clamp_min(_EPS)
        q = r.clamp_min(_EPS)
        p = p / p.sum(dim=1, keepdim=True)
        q = q / q.sum(dim=1, keepdim=True)
        log_ratio = torch.log(p) - torch.log(q)
        return (p * log_ratio).sum(dim=1) - (q * log_ratio).sum(dim=1)
    check_loss(name)
    raise AssertionError(name)  # pragma: no cover


def final_activation(loss: str) -> str:
    """The output layer's activation for a loss: SID needs positive outputs (sigmoid); the others are linear."""
    return "sigmoid" if loss == "SID" else "linear"


UNITS = {"SSE": "sum of squared errors of the pre-processed spectrum", "CSA": "1 - cosine of the spectral angle",
         "SA": "spectral angle in radians", "SID": "spectral information divergence"}
