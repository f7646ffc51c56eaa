"""A seeded sample of exactly n valid pixels, streamed in one pass, split into training and spatial hold-out.

Every pixel gets a random key (from ``seed``, in reading order); the sample is the n valid pixels with the smallest
keys, kept in bounded memory by raising a key threshold as blocks arrive (a reservoir sample: every valid pixel is
equally likely, whatever its block). The hold-out for the validation loss is spatial: the raster is cut into square
cells (32 px on a full tile) and a seeded ``holdout_fraction`` of the cells goes to validation. Neighbouring pixels
are near-copies of each other, so a random pixel hold-out would mostly measure how well the network memorised the
training pixels' neighbours.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..engine.progress import as_progress
from ..errors import HyspecError

_MASK = np.uint64(0xFFFFFFFF)


@dataclass
class PixelSample:
    train: np.ndarray  # (n_train, bands) float32
    validation: np.ndarray  # (n_val, bands) float32
    n_valid: int  # valid pixels in the raster
    n_total: int
    cell: int  # hold-out cell size in pixels


def cell_size(height: int, width: int) -> int:
    """Hold-out cells: 32 px on a full tile, smaller on small rasters so that there are a few hundred cells."""
    return int(max(2, min(32, math.floor(math.sqrt(height * width / 400.0)))))


def held_out_cells(cell_rows: np.ndarray, cell_cols: np.ndarray, seed: int, fraction: float) -> np.ndarray:
    """Whether each cell (row, col index) is held out: a seeded hash of the cell, uniform in [0, 1) < fraction."""
    h = (cell_rows.astype(np.uint64) * np.uint64(0x9E3779B1) + cell_cols.astype(np.uint64) * np.uint64(0x85EBCA77)
         + np.uint64(int(seed) & 0xFFFFFFFF) * np.uint64(0xC2B2AE3D)) & _MASK
    h ^= h >> np.uint64(15)
    h = (h * np.uint64(0x2C1B3C6D)) & _MASK
    h ^= h >> np.uint64(12)
    h = (h * np.uint64(0x297A2D39)) & _MASK
    h ^= h >> np.uint64(15)
    return (h.astype(np.float64) / 4294967296.0) < float(fraction)


def sample_pixels(raster, n: int, seed: int = 0, holdout_fraction: float = 0.1, bands=None, progress=None,
                  cell: int | None = None) -> PixelSample:
    """``n`` valid pixels (all of them if fewer; 0 = all), split by spatial cell into training and validation."""
    progress = as_progress(progress)
    cell = cell or cell_size(raster.height, raster.width)
    rng = np.random.default_rng(seed)
    keep_all = n <= 0
    threshold = 1.0
    keys, data, held = [], [], []
    n_valid = 0

    def compact():
        nonlocal threshold, keys, data, held
        all_keys = np.concatenate(keys)
        if all_keys.size <= n:
            return
        threshold = float(np.partition(all_keys, n - 1)[n - 1])
        for i in range(len(keys)):
            if keys[i].size and keys[i].max() > threshold:
                m = keys[i] <= threshold
                keys[i], data[i], held[i] = keys[i][m], data[i][m], held[i][m]

    for block in raster.blocks(bands=bands, progress=progress):
        draw = rng.random(block.valid.size)
        n_valid += int(block.valid.sum())
        pick = block.valid & (draw <= threshold)
        index = np.flatnonzero(pick)
        rows = block.row0 + index // block.ncols
        cols = block.col0 + index % block.ncols
        keys.append(draw[index])
        data.append(block.data[index])
        held.append(held_out_cells(rows // cell, cols // cell, seed, holdout_fraction))
        if not keep_all and sum(k.size for k in keys) > 1.25 * n:
            compact()
    if not keep_all:
        compact()
    if n_valid == 0:
        raise HyspecError("{parameter}: {path}: every pixel is no-data (or NaN in some band)", parameter=raster.parameter,
                          path=raster.path)
    x = np.concatenate(data)
    h = np.concatenate(held)
    return PixelSample(x[~h], x[h], n_valid, raster.width * raster.height, cell)
