"""The AREA of hyspec:downloadneon as a tile-selection area (core/neonapi/tiles.py) in the site's UTM CRS.

An extent (any CRS) becomes a polygon (its edges densified before reprojection, so a WGS 84 box keeps its curved
shape in UTM); a vector layer gives its features' geometries, each grown by the buffer on its own (plots or points
far apart do not take the tiles between them). GEOS measures the distance from the geometries to each tile, with the
same rules as the core's BoxArea / PointArea (distance < buffer; no buffer: positive overlap, or the tile that holds
a point, half-open).
"""
from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingUtils,
    QgsRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..i18n.translator import tr


class GeometryArea:
    """Geometries in the tiles' CRS grown by ``buffer`` metres."""

    def __init__(self, geometries: list, buffer: float):
        self.buffer = float(buffer)
        parts = {"point": [], "line": [], "polygon": []}
        for g in geometries:
            if g is None or g.isNull() or g.isEmpty():
                continue
            kind = {QgsWkbTypes.GeometryType.PointGeometry: "point", QgsWkbTypes.GeometryType.LineGeometry: "line",
                    QgsWkbTypes.GeometryType.PolygonGeometry: "polygon"}.get(g.type())
            if kind:
                parts[kind].append(g)
        self._points = [p for g in parts["point"] for p in _points_of(g)]
        self._lines = QgsGeometry.collectGeometry(parts["line"]) if parts["line"] else None
        self._polygons = QgsGeometry.unaryUnion(parts["polygon"]) if parts["polygon"] else None
        boxes = [g.boundingBox() for g in parts["line"] + parts["polygon"]]
        boxes += [QgsRectangle(x, y, x, y) for x, y in self._points]
        if not boxes:
            raise QgsProcessingException(tr("AREA: no geometry to download tiles for"))
        self._bounds = (min(b.xMinimum() for b in boxes) - self.buffer, min(b.yMinimum() for b in boxes) - self.buffer,
                        max(b.xMaximum() for b in boxes) + self.buffer, max(b.yMaximum() for b in boxes) + self.buffer)
        self._point_geom = (QgsGeometry.fromMultiPointXY([_xy(p) for p in self._points]) if self._points else None)

    def bounds(self):
        return self._bounds

    def intersects(self, box) -> bool:
        x0, y0, x1, y1 = box
        b = self.bounds()
        if x0 > b[2] or x1 < b[0] or y0 > b[3] or y1 < b[1]:
            return False
        tile = QgsGeometry.fromRect(QgsRectangle(x0, y0, x1, y1))
        if self.buffer > 0:
            return any(g is not None and g.distance(tile) < self.buffer
                       for g in (self._point_geom, self._lines, self._polygons))
        if any(x0 <= x < x1 and y0 <= y < y1 for x, y in self._points):
            return True
        if self._lines is not None and self._lines.intersection(tile).length() > 0:
            return True
        return self._polygons is not None and self._polygons.intersection(tile).area() > 0


def _xy(p):
    from qgis.core import QgsPointXY

    return QgsPointXY(p[0], p[1])


def _points_of(g: QgsGeometry) -> list:
    if g.isMultipart():
        return [(p.x(), p.y()) for p in g.asMultiPoint()]
    p = g.asPoint()
    return [(p.x(), p.y())]


def area_layer(alg, parameters, name, context):
    """The vector layer AREA names (a layer object, a layer id or a file path), or None for an extent."""
    value = parameters.get(name)
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        value = value.source.staticValue()
    if isinstance(value, QgsVectorLayer):
        return value
    if isinstance(value, str) and value.strip() and "[" not in value and value.count(",") != 3:
        layer = QgsProcessingUtils.mapLayerFromString(value, context)
        if isinstance(layer, QgsVectorLayer):
            return layer
    return None


def area_geometries(alg, parameters, name, context, epsg: int, feedback) -> list:
    """AREA's geometries in EPSG:``epsg`` (the site's UTM zone)."""
    target = QgsCoordinateReferenceSystem(f"EPSG:{epsg}")
    layer = area_layer(alg, parameters, name, context)
    if layer is not None:
        source_crs = layer.crs() if layer.crs().isValid() else target
        transform = QgsCoordinateTransform(source_crs, target, context.transformContext())
        geometries = []
        for feature in layer.getFeatures(QgsFeatureRequest()):
            g = QgsGeometry(feature.geometry())
            if g.isNull() or g.isEmpty():
                continue
            if source_crs != target:
                g.transform(transform)
            geometries.append(g)
        if not geometries:
            raise QgsProcessingException(tr("AREA: the layer {0} has no feature with a geometry").format(layer.name()))
        feedback.pushInfo(tr("AREA: {0} features of {1} ({2})").format(len(geometries), layer.name(),
                                                                       source_crs.authid()))
        return geometries
    if parameters.get(name) in (None, ""):
        raise QgsProcessingException(tr("AREA: give an extent or a vector layer of plots / points"))
    rect = alg.parameterAsExtent(parameters, name, context)
    crs = alg.parameterAsExtentCrs(parameters, name, context)
    if not crs.isValid():
        crs = target
        feedback.pushInfo(tr("AREA: the extent has no CRS; taken as {0}").format(target.authid()))
    x0, y0, x1, y1 = rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()
    if x1 > x0 and y1 > y0:
        geometry = QgsGeometry.fromRect(rect)
        if crs != target:
            geometry = geometry.densifyByCount(99)  # keep the box's curved edges in the new CRS
    elif x1 > x0 or y1 > y0:
        geometry = QgsGeometry.fromPolylineXY([_xy((x0, y0)), _xy((x1, y1))])
    else:
        geometry = QgsGeometry.fromPointXY(_xy((x0, y0)))
    if crs != target:
        geometry.transform(QgsCoordinateTransform(crs, target, context.transformContext()))
    return [geometry]
