"""The training loop shared by the autoencoders and the CNN classifier: Adam on shuffled mini-batches.

As deephyp's ``network_ops.train``: every epoch visits all training samples once in batches of ``batch_size`` (the
last batch may be smaller), the epoch's training loss is the mean of its batch losses (weighted by batch size), and
the validation loss is computed on the held-out samples after the epoch. The shuffle order comes from ``seed`` (the
initial weights too, see :func:`networks.build`); PyTorch runs single-threaded here (see :mod:`torch_env`), so a
run is repeatable on one machine. Progress goes to ``progress`` after every batch (so cancel is honoured between
batches) and one log line per epoch gives both losses.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..engine.progress import as_progress
from .torch_env import TRAIN_THREADS, torch_threads

EVAL_CHUNK = 8192


@dataclass
class EpochLoss:
    epoch: int
    train_loss: float
    validation_loss: float | None


def evaluate(net, loss_fn, x, y, torch) -> float | None:
    """``loss_fn`` over all of (x, y) without gradients, the outputs computed in chunks."""
    if x is None or len(x) == 0:
        return None
    with torch.no_grad():
        outs = [net(torch.from_numpy(x[i:i + EVAL_CHUNK])) for i in range(0, len(x), EVAL_CHUNK)]
        return float(loss_fn(torch.cat(outs), torch.from_numpy(y)))


def fit(net, loss_fn, x_train: np.ndarray, y_train: np.ndarray, x_val=None, y_val=None, *, epochs: int,
        batch_size: int, learning_rate: float, seed: int = 0, progress=None, label: str = "loss") -> list[EpochLoss]:
    """Train ``net`` in place to minimise ``loss_fn(output, target) -> scalar``; returns the loss of every epoch.

    ``x_*`` float32 (n, b); ``y_*`` the targets (the spectra themselves for an autoencoder, int64 class indices for
    a classifier). Raises Cancelled (from ``progress``) between batches.
    """
    progress = as_progress(progress)
    n = len(x_train)
    batch_size = max(1, min(int(batch_size), n))
    n_batches = math.ceil(n / batch_size)
    rng = np.random.default_rng(seed + 7919)
    history = []
    with torch_threads(TRAIN_THREADS) as torch:
        optimizer = torch.optim.Adam(net.parameters(), lr=float(learning_rate))
        xt, yt = torch.from_numpy(x_train), torch.from_numpy(y_train)
        for epoch in range(1, int(epochs) + 1):
            net.train()
            order = torch.from_numpy(rng.permutation(n))
            total = 0.0
            for b in range(n_batches):
                idx = order[b * batch_size:(b + 1) * batch_size]
                optimizer.zero_grad(set_to_none=True)
                loss = loss_fn(net(xt[idx]), yt[idx])
                loss.backward()
                optimizer.step()
                value = float(loss.detach())
                if not math.isfinite(value):
                    from ..errors import HyspecError

                    raise HyspecError("training diverged at epoch {epoch} ({label} {value}): lower LEARNING_RATE", epoch=epoch,
                                      label=label, value=value)
                total += value * len(idx)
                progress(((epoch - 1) * n_batches + b + 1) / (int(epochs) * n_batches))
            net.eval()
            val = evaluate(net, loss_fn, x_val, y_val, torch)
            history.append(EpochLoss(epoch, total / n, val))
            if val is None:
                progress.log("epoch {epoch}/{epochs}: training {label} {train:.6g}", epoch=epoch, epochs=epochs,
                             label=label, train=total / n)
            else:
                progress.log("epoch {epoch}/{epochs}: training {label} {train:.6g}, validation {label} {val:.6g}",
                             epoch=epoch, epochs=epochs, label=label, train=total / n, val=val)
    return history


def write_loss_log(path, history: list[EpochLoss]) -> None:
    """LOSS_LOG CSV: ``epoch,train_loss,validation_loss`` (validation empty when nothing was held out)."""
    from ..io.outputs import atomic_write

    with atomic_write(str(path), newline="") as f:
        f.write("epoch,train_loss,validation_loss\n")
        for h in history:
            val = "" if h.validation_loss is None else f"{h.validation_loss:.9g}"
            f.write(f"{h.epoch},{h.train_loss:.9g},{val}\n")
