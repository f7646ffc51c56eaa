"""EXTENT parameters for the core: a function of the input's CRS that gives the extent's bounds in that CRS.

The input's CRS is only known once the core has opened the file, so the algorithms hand the core this function
instead of bounds: the one core call opens the input once, and the reprojection stays QGIS's."""
from __future__ import annotations

from qgis.core import QgsCoordinateReferenceSystem


def extent_in_crs(alg, parameters, name, context):
    """None when the parameter is empty; else ``bounds(crs) -> (xmin, ymin, xmax, ymax) | None``, where ``crs`` is
    "EPSG:<code>" or WKT (an empty string or an unknown CRS: the extent as given)."""
    if not parameters.get(name):
        return None

    def bounds(crs: str):
        target = None
        if crs:
            target = QgsCoordinateReferenceSystem(crs) if crs.startswith("EPSG:") else \
                QgsCoordinateReferenceSystem.fromWkt(crs)
        if target is not None and target.isValid():
            rect = alg.parameterAsExtent(parameters, name, context, target)
        else:
            rect = alg.parameterAsExtent(parameters, name, context)
        if rect.isNull():
            return None
        return rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()

    return bounds
