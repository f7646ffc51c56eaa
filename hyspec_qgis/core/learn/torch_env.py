"""PyTorch, imported only when a network is trained or applied, with a thread policy measured on 2 cores.

PyTorch is optional for the plugin: the core must import without it. :func:`require_torch` imports it on demand and
turns a missing package into a :class:`HyspecError` that says what to install.

Threads (measured here, Debian 12, torch 2.13.0+cpu, 2 cores shared with other jobs): one training epoch of the
default MLP (200 batches of 1000 x 360) took 1.8-2.1 s with one intra-op thread and 37-69 s with two, because
OpenMP's spinning barrier waits for a thread the busy machine has descheduled (``OMP_WAIT_POLICY=PASSIVE``: 3.5 s).
Small mini-batch products gain nothing from a second thread anyway, so training runs single-threaded; inference on
large blocks uses :data:`INFERENCE_THREADS`. PyTorch's own MKL/oneDNN kernels are not bound to GSL's CBLAS inside
``qgis_process`` (a 200000 x 360 by 360 x 50 product: 0.2-0.5 s there, as in plain Python).
"""
from __future__ import annotations

import contextlib
import importlib
import os

from ..errors import HyspecError

TRAIN_THREADS = 1
# Encoding a 65536 x 360 block with the MLP: 1.1 s per million pixels on one thread, 2.7-8.6 s on two (busy machine).
# HYSPEC_TORCH_THREADS raises it on a machine with cores to spare.
INFERENCE_THREADS = int(os.environ.get("HYSPEC_TORCH_THREADS", "1")) if \
    os.environ.get("HYSPEC_TORCH_THREADS", "1").isdigit() else 1

INSTALL = ("Debian/Ubuntu: sudo apt install python3-torch; "
           "Windows (OSGeo4W Shell): python -m pip install torch --index-url https://download.pytorch.org/whl/cpu; "
           "macOS (QGIS installer): /Applications/QGIS.app/Contents/MacOS/bin/pip3 install torch")


def torch_available() -> bool:
    try:
        importlib.import_module("torch")
    except ImportError:
        return False
    return True


def require_torch(why: str = "this method"):
    """The ``torch`` module, or a HyspecError naming what to install."""
    try:
        return importlib.import_module("torch")
    except ImportError as exc:
        raise HyspecError("{why} needs PyTorch (the Python package 'torch'), which cannot be imported here. "
                          "{install}. Then restart QGIS.", why=why, install=INSTALL) from exc


@contextlib.contextmanager
def torch_threads(n: int):
    """Run with ``n`` intra-op threads and restore the previous setting (QGIS shares the process)."""
    torch = require_torch()
    previous = torch.get_num_threads()
    torch.set_num_threads(max(1, int(n)))
    try:
        yield torch
    finally:
        torch.set_num_threads(previous)
