"""AOP tiles: names, footprints, and which tiles an area needs.

NEON's L3 AOP products are mosaics cut in 1 km x 1 km tiles on 1000 m boundaries of the site's UTM zone (WGS 84),
named after their lower-left corner: ``NEON_D02_SERC_DP3_368000_4306000_reflectance.h5``,
``NEON_D02_SERC_DP3_368000_4306000_CHM.tif``, ``2021_SERC_5_368000_4306000_image.tif``. A tile covers
[easting, easting + 1000) x [northing, northing + 1000).

Which tiles an area needs: every tile whose footprint meets the area grown by the buffer in a set of positive
area, inner tiles included (NEON's own by_tile_aop looks only at the corners of each buffered point, so a buffer
wider than a tile misses the tiles in between). Precisely, with ``d`` the distance from the area to the tile:
``d < buffer``; with no buffer, a shape with an area (a box, a polygon) must overlap the tile with positive area, and
a point belongs to the one tile that holds it (half-open: a point on a tile edge belongs to the tile east / north
of it, as a pixel corner does). An area that only touches a tile edge therefore does not take the neighbour tile.

An *area* is any object with ``bounds() -> (xmin, ymin, xmax, ymax)`` and ``intersects((xmin, ymin, xmax, ymax))
-> bool`` in the tiles' CRS; :class:`BoxArea` and :class:`PointArea` implement it exactly here; the QGIS algorithm
implements it with GEOS for any geometry.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Protocol

TILE = 1000
_ORIGIN = re.compile(r"(?:^|_)(\d{6})_(\d{6,7})_")


def tile_origin(name: str) -> tuple[int, int] | None:
    """(easting, northing) of a tile's lower-left corner from its file name, or None when it is no tile."""
    match = _ORIGIN.search(name)
    if not match:
        return None
    easting, northing = int(match.group(1)), int(match.group(2))
    if easting % TILE or northing % TILE:
        return None
    return easting, northing


def tile_box(origin: tuple[int, int]) -> tuple[float, float, float, float]:
    e, n = origin
    return float(e), float(n), float(e + TILE), float(n + TILE)


def utm_epsg(latitude: float, longitude: float) -> int:
    """EPSG code of the WGS 84 UTM zone holding a point (NEON AOP mosaics use the site's zone)."""
    zone = int(math.floor((longitude + 180.0) / 6.0)) % 60 + 1
    return (32600 if latitude >= 0 else 32700) + zone


class Area(Protocol):
    def bounds(self) -> tuple[float, float, float, float]: ...

    def intersects(self, box: tuple[float, float, float, float]) -> bool: ...


def _gap(lo: float, hi: float, t0: float, t1: float) -> float:
    """Distance between the intervals [lo, hi] and [t0, t1]."""
    return max(0.0, t0 - hi, lo - t1)


def _overlaps(lo: float, hi: float, t0: float, t1: float) -> bool:
    """Whether [lo, hi] meets the half-open [t0, t1) in a set of positive length (or holds the point lo == hi)."""
    if hi > lo:
        return lo < t1 and hi > t0
    return t0 <= lo < t1


@dataclass
class BoxArea:
    """Axis-aligned boxes (xmin, ymin, xmax, ymax) grown by ``buffer`` (a box grown by a distance: round corners)."""

    boxes: list
    buffer: float = 0.0

    def bounds(self):
        b = self.buffer
        return (min(x[0] for x in self.boxes) - b, min(x[1] for x in self.boxes) - b,
                max(x[2] for x in self.boxes) + b, max(x[3] for x in self.boxes) + b)

    def intersects(self, box) -> bool:
        for x0, y0, x1, y1 in self.boxes:
            if self.buffer > 0:
                if math.hypot(_gap(x0, x1, box[0], box[2]), _gap(y0, y1, box[1], box[3])) < self.buffer:
                    return True
            elif _overlaps(x0, x1, box[0], box[2]) and _overlaps(y0, y1, box[1], box[3]):
                return True
        return False


@dataclass
class PointArea:
    """Points (x, y) grown by ``buffer`` (discs)."""

    points: list
    buffer: float = 0.0

    def bounds(self):
        b = self.buffer
        xs = [p[0] for p in self.points]
        ys = [p[1] for p in self.points]
        return min(xs) - b, min(ys) - b, max(xs) + b, max(ys) + b

    def intersects(self, box) -> bool:
        return BoxArea([(x, y, x, y) for x, y in self.points], self.buffer).intersects(box)


def grid_cells(bounds, limit: int = 200_000) -> list[tuple[int, int]] | None:
    """Origins of every tile-grid cell that meets ``bounds`` (None when there are more than ``limit``)."""
    x0, y0, x1, y1 = bounds
    e0, e1 = math.floor(x0 / TILE) * TILE, math.floor(x1 / TILE) * TILE
    n0, n1 = math.floor(y0 / TILE) * TILE, math.floor(y1 / TILE) * TILE
    count = ((e1 - e0) // TILE + 1) * ((n1 - n0) // TILE + 1)
    if count > limit:
        return None
    return [(int(e), int(n)) for e in range(int(e0), int(e1) + 1, TILE) for n in range(int(n0), int(n1) + 1, TILE)]


@dataclass
class Selection:
    chosen: list  # origins of the available tiles the area needs, sorted
    without_data: int | None  # grid cells the area needs that the product does not have (None: not counted)


def select_tiles(area: Area, available) -> Selection:
    """The available tile origins (an iterable of (easting, northing)) that ``area`` needs, and how many of the
    cells it needs have no tile (outside the flight box)."""
    available = set(available)
    chosen = sorted(o for o in available if area.intersects(tile_box(o)))
    cells = grid_cells(area.bounds())
    missing = None if cells is None else sum(1 for c in cells if c not in available and area.intersects(tile_box(c)))
    return Selection(chosen, missing)


def describe_tiles(origins) -> str:
    """'84 tiles, eastings 364000-372000, northings 4302000-4310000' (lower-left corners)."""
    origins = list(origins)
    if not origins:
        return "no tiles"
    es = [o[0] for o in origins]
    ns = [o[1] for o in origins]
    return (f"{len(origins)} tile{'s' if len(origins) != 1 else ''}, eastings {min(es)}-{max(es) + TILE}, "
            f"northings {min(ns)}-{max(ns) + TILE}")
