"""A generated scene with nonlinear (intimate) mixing and illumination variation, and its ground-truth classes.

The evidence scene for learned features: where a linear projection (PCA) is at a disadvantage, as in real
scenes and unlike :mod:`sample`, whose purely linear mixtures keep all their signal in a few principal components.

- Materials: ``MATERIALS`` (four of :func:`sample.material_spectra`), spatially smooth abundances (a softmax of
  smooth random fields, shifted so that the four classes cover about equal areas); the truth class of a pixel is
  its most abundant material.
- Intimate mixing (Hapke's isotropic-scatterer approximation): each material's reflectance r is converted to its
  single-scattering albedo w (r = (1 - g) / (1 + g), g = sqrt(1 - w)), the albedos are mixed linearly by abundance,
  and the mixture converted back. Dark materials then weigh far more than their abundance, and mixtures lie on
  curved paths between the pure spectra.
- Illumination: every pixel is scaled by a shading factor (smooth topographic shading times per-pixel canopy
  shadow, 0.25-1.3), the dominant source of variance in the scene, and one that carries no class information.
- Sensor noise, then a GeoTIFF with wavelengths (on NEON's grid, water-vapour windows removed).

Deterministic by seed.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from .raster_writer import FLOAT_NODATA, RasterWriter
from .sample import EAST0, EPSG, NORTH0, material_spectra, neon_wavelengths, smooth_abundances

MATERIALS = ("vegetation", "soil", "water", "roof")
WINDOWS = ((1340.0, 1445.0), (1790.0, 1955.0))


@dataclass
class NonlinearScene:
    path: str
    classes: np.ndarray  # (rows, cols) int, 1..4: the most abundant material
    abundances: np.ndarray  # (rows, cols, 4) float32
    shading: np.ndarray  # (rows, cols) float32
    wavelengths: np.ndarray


def albedo(r: np.ndarray) -> np.ndarray:
    """Single-scattering albedo of an isotropic scatterer with diffusive reflectance r (inverse of reflectance())."""
    g = (1.0 - r) / (1.0 + r)
    return 1.0 - g * g


def reflectance(w: np.ndarray) -> np.ndarray:
    g = np.sqrt(np.clip(1.0 - w, 0.0, 1.0))
    return (1.0 - g) / (1.0 + g)


def _balanced(abund: np.ndarray, rounds: int = 30) -> np.ndarray:
    """Shift each material's log-abundance until every material is the most abundant one in about the same number
    of pixels (random fields alone can leave a class with a handful of pixels)."""
    logs = np.log(np.maximum(abund, 1e-12)).reshape(-1, abund.shape[2])
    offset = np.zeros(abund.shape[2])
    for _ in range(rounds):
        share = np.bincount((logs + offset).argmax(axis=1), minlength=abund.shape[2]) / logs.shape[0]
        offset -= 0.5 * np.log(np.maximum(share, 1e-3) * abund.shape[2])
    shifted = logs + offset
    shifted -= shifted.max(axis=1, keepdims=True)
    out = np.exp(shifted)
    out /= out.sum(axis=1, keepdims=True)
    return out.reshape(abund.shape).astype(np.float32)


def scene_wavelengths(n_bands: int = 426) -> np.ndarray:
    wl = neon_wavelengths(n_bands)
    keep = np.ones(wl.size, dtype=bool)
    for lo, hi in WINDOWS:
        keep &= ~((wl >= lo) & (wl <= hi))
    keep[-10:] = False
    return wl[keep]


def write_nonlinear_scene(path, rows: int = 120, cols: int = 120, n_bands: int = 426, seed: int = 0,
                          sharpness: float = 2.5, noise: float = 0.003) -> NonlinearScene:
    """Write the scene as a float32 GeoTIFF (EPSG:32618, 1 m pixels) and return it with its truth."""
    from scipy.ndimage import zoom

    rng = np.random.default_rng(seed)
    wl = scene_wavelengths(n_bands)
    spectra = material_spectra(wl)[:, [0, 1, 2, 3]]  # vegetation, soil, water, roof
    w = albedo(np.clip(spectra, 1e-4, 0.95)).T.astype(np.float32)  # (4, b)
    abund = _balanced(smooth_abundances(rows, cols, len(MATERIALS), rng, sharpness=sharpness))
    coarse = max(3, int(round(max(rows, cols) / 30)))
    relief = zoom(rng.standard_normal((coarse, coarse)), (rows / coarse, cols / coarse), order=3,
                  mode="nearest")[:rows, :cols]
    shading = np.clip(0.8 + 0.25 * relief, 0.35, 1.3) * rng.uniform(0.55, 1.0, size=(rows, cols))
    shading = shading.astype(np.float32)
    mixed = reflectance(abund.reshape(-1, len(MATERIALS)) @ w)  # (n, b)
    cube = mixed * shading.reshape(-1, 1)
    cube += rng.standard_normal(cube.shape).astype(np.float32) * noise
    cube = cube.astype(np.float32).reshape(rows, cols, -1)
    os.makedirs(os.path.dirname(os.path.abspath(os.fspath(path))), exist_ok=True)
    from osgeo import osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    with RasterWriter(os.fspath(path), width=cols, height=rows, bands=wl.size,
                      geotransform=(EAST0, 1.0, 0.0, NORTH0 + rows, 0.0, -1.0), crs_wkt=srs.ExportToWkt(),
                      dtype="float32", nodata=FLOAT_NODATA, wavelengths=wl,
                      metadata={"HYSPEC_SCENE": "intimate mixture with illumination variation (generated)"}) as out:
        out.write(cube, 0, 0)
    classes = (abund.argmax(axis=2) + 1).astype(np.int32)
    return NonlinearScene(os.fspath(path), classes, abund, shading, wl)
