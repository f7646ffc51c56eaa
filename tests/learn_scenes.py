"""Generated scenes for the learned-feature tests: the nonlinear scene, and training polygons drawn from its truth."""
from __future__ import annotations

import os

import numpy as np
from osgeo import ogr, osr

from hyspec_qgis.core.io.sample import EAST0, EPSG, NORTH0

CLASS_NAMES = ("vegetation", "soil", "water", "roof")


def square_polygons(classes: np.ndarray, n_per_class: int, size: int = 3, seed: int = 0, purity=None,
                    min_purity: float = 0.0, at_least: int | None = None):
    """(class index 0-based, (row0, col0)) of ``n_per_class`` non-overlapping size x size squares per class whose
    pixels all belong to that class (and, with ``purity``, are at least ``min_purity`` pure); with ``at_least``, a
    class may get fewer squares (but that many)."""
    rng = np.random.default_rng(seed)
    rows, cols = classes.shape
    taken = np.zeros_like(classes, dtype=bool)
    out = []
    for c in np.unique(classes):
        found = 0
        for _ in range(20000):
            r, q = int(rng.integers(0, rows - size)), int(rng.integers(0, cols - size))
            win = np.s_[r:r + size, q:q + size]
            if taken[max(0, r - 1):r + size + 1, max(0, q - 1):q + size + 1].any() or not (classes[win] == c).all():
                continue
            if purity is not None and purity[win].min() < min_purity:
                continue
            taken[win] = True
            out.append((int(c) - 1, (r, q)))
            found += 1
            if found == n_per_class:
                break
        assert found >= (n_per_class if at_least is None else at_least), f"class {c}: only {found} squares found"
    return out


def write_polygons(path, squares, size, rows, names=CLASS_NAMES, field="landcover", epsg=EPSG, numeric=False):
    """A GeoPackage of the squares on the scene's grid (1 m pixels, upper-left at EAST0, NORTH0 + rows)."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = ds.CreateLayer("training", srs=srs, geom_type=ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn(field, ogr.OFTInteger if numeric else ogr.OFTString))
    top = NORTH0 + rows
    for c, (r, q) in squares:
        x0, y0 = EAST0 + q, top - r
        ring = ogr.Geometry(ogr.wkbLinearRing)
        for x, y in ((x0, y0), (x0 + size, y0), (x0 + size, y0 - size), (x0, y0 - size), (x0, y0)):
            ring.AddPoint_2D(float(x), float(y))
        poly = ogr.Geometry(ogr.wkbPolygon)
        poly.AddGeometry(ring)
        f = ogr.Feature(layer.GetLayerDefn())
        f.SetField(field, int(c) + 1 if numeric else names[c])
        f.SetGeometry(poly)
        layer.CreateFeature(f)
    ds = None  # noqa: F841
    return str(path)


def write_learn_scene(folder, size: int = 48, squares_per_class: int = 8, n_bands: int = 426):
    """The learned-feature algorithms' test scene in ``folder``: (the nonlinear scene, its training GeoPackage of
    3 x 3 px squares, the squares), shared by the algorithm and data-safety tests."""
    from hyspec_qgis.core.io.sample_nonlinear import write_nonlinear_scene

    sc = write_nonlinear_scene(os.path.join(folder, "scene.tif"), size, size, n_bands=n_bands, seed=7,
                               sharpness=6.0)
    squares = square_polygons(sc.classes, squares_per_class, 3, seed=2)
    return sc, write_polygons(os.path.join(folder, "training.gpkg"), squares, 3, size), squares
