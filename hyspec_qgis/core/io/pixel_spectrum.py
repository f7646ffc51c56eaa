"""The spectrum of one pixel, read as the algorithms read it, for the desktop spectral profile tool.

Only the clicked pixel is read: one GDAL read of 1 x 1 x bands, whatever the file's layout (a NEON ENVI file, our
GeoTIFFs, any GDAL raster with wavelengths). Values go through the same arithmetic as
:meth:`SpectralRaster.read_block` (float32, band scale then offset, ENVI's reflectance scale factor), so a spectrum
exported from the profile is exactly what an algorithm sees at that pixel. Unlike the algorithms, which drop a pixel
when any band is no-data, a band that is no-data (or not finite) is kept as NaN: the plot shows a gap there, and only
a pixel with every band missing counts as a no-data pixel.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from osgeo import gdal, osr

from ..errors import HyspecError
from ..messages import Message
from .raster_reader import SpectralRaster


class OutsideRaster(HyspecError):
    """The point is not on the raster."""


class NoDataPixel(HyspecError):
    """Every band of the pixel is no-data."""


@dataclass
class PixelSpectrum:
    """One pixel's spectrum. ``values`` (n_bands,) float32 with NaN where a band is no-data or not finite;
    ``row``/``col`` are 0-based; ``x``/``y`` is the pixel centre in the raster's CRS."""

    path: str
    row: int
    col: int
    x: float
    y: float
    values: np.ndarray
    wavelengths: np.ndarray
    bands: np.ndarray
    crs_wkt: str = ""
    pixel_size: float = 0.0  # the smaller pixel side in CRS units (how many decimals tell centres apart)

    @property
    def n_missing(self) -> int:
        return int(np.count_nonzero(np.isnan(self.values)))

    @property
    def complete(self) -> bool:
        return self.n_missing == 0


def _srs(text: str, where: str) -> osr.SpatialReference:
    srs = osr.SpatialReference()
    try:
        ok = srs.SetFromUserInput(text) == 0
    except RuntimeError:
        ok = False
    if not ok:
        raise HyspecError("{where}: unknown coordinate reference system {text!r}", where=where, text=text[:80])
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)  # x = easting / longitude, as maps click
    return srs


class PixelReader:
    """A raster opened for single-pixel reads; ``parameter`` names it in messages (e.g. the layer's name)."""

    def __init__(self, path, parameter: str = "INPUT"):
        self.raster = SpectralRaster(path, parameter)
        self.wavelengths = np.asarray(self.raster.require_wavelengths(Message("a spectral profile")), dtype=np.float64)
        gt = self.raster.geotransform
        inverse = gdal.InvGeoTransform(gt)
        if inverse is None or not all(math.isfinite(v) for v in gt):
            raise HyspecError("{parameter}: {path}: the geotransform {gt} cannot be inverted", parameter=parameter,
                              path=self.raster.path, gt=gt)
        self._inverse = inverse
        self._transforms = {}

    @property
    def path(self) -> str:
        return self.raster.path

    def close(self):
        self.raster.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def to_raster_crs(self, x: float, y: float, crs: str | None) -> tuple[float, float]:
        """(x, y) given in ``crs`` (WKT, "EPSG:4326", PROJ text; None = the raster's own) in the raster's CRS."""
        if not crs:
            return float(x), float(y)
        where = f"{self.raster.parameter}: {self.path}"
        if not self.raster.crs_wkt:
            raise HyspecError("{where}: the raster has no coordinate reference system, so a point in {crs!r} "
                              "cannot be placed on it", where=where, crs=crs[:40])
        if crs not in self._transforms:
            src, dst = _srs(crs, where), _srs(self.raster.crs_wkt, where)
            self._transforms[crs] = None if src.IsSame(dst) else osr.CoordinateTransformation(src, dst)
        transform = self._transforms[crs]
        if transform is None:
            return float(x), float(y)
        try:
            tx, ty, _ = transform.TransformPoint(float(x), float(y))
        except RuntimeError as exc:
            raise OutsideRaster("{where}: the point ({x}, {y}) cannot be transformed to the raster's CRS ({exc})",
                                where=where, x=x, y=y, exc=exc) from None
        if not (math.isfinite(tx) and math.isfinite(ty)):
            raise OutsideRaster("{where}: the point ({x}, {y}) has no position in the raster's CRS", where=where, x=x, y=y)
        return tx, ty

    def locate(self, x: float, y: float, crs: str | None = None) -> tuple[int, int] | None:
        """0-based (row, col) of the pixel holding the point, or None when the point is off the raster."""
        x, y = self.to_raster_crs(x, y, crs)
        px, py = gdal.ApplyGeoTransform(self._inverse, x, y)
        if not (math.isfinite(px) and math.isfinite(py)):
            return None
        col, row = math.floor(px), math.floor(py)
        if 0 <= row < self.raster.height and 0 <= col < self.raster.width:
            return row, col
        return None

    def read(self, row: int, col: int) -> PixelSpectrum:
        """The spectrum at (row, col): one read of 1 x 1 x bands. Raises :class:`OutsideRaster` off the grid and
        :class:`NoDataPixel` when every band is missing."""
        r = self.raster
        where = f"{r.parameter}: {r.path}"
        row, col = int(row), int(col)
        if not (0 <= row < r.height and 0 <= col < r.width):
            raise OutsideRaster("{where}: pixel (row {row}, col {col}) is outside the raster "
                                "({height} rows x {width} columns)", where=where, row=row, col=col, height=r.height,
                                width=r.width)
        try:
            arr = r.ds.ReadAsArray(col, row, 1, 1)
        except RuntimeError as exc:
            arr, error = None, str(exc)
        else:
            error = gdal.GetLastErrorMsg()
        if arr is None:
            raise HyspecError("{where}: cannot read pixel (row {row}, col {col}) (truncated or damaged file?): "
                              "{error}", where=where, row=row, col=col, error=error)
        raw = np.asarray(arr).reshape(r.count)
        missing = np.zeros(r.count, dtype=bool)
        nodata = np.array([np.nan if v is None else v for v in r.nodata], dtype=np.float64)
        has = ~np.isnan(nodata)
        if has.any():
            compare = nodata.astype(raw.dtype) if raw.dtype.kind == "f" else nodata  # as GDAL does, in the band's type
            missing[has] = raw[has] == compare[has]
        values = raw.astype(np.float32)  # the same float32 arithmetic as SpectralRaster.read_block
        if np.any(r.scales != 1.0):
            values *= r.scales
        if np.any(r.offsets != 0.0):
            values += r.offsets
        missing |= ~np.isfinite(values)
        values[missing] = np.nan
        x, y = gdal.ApplyGeoTransform(list(r.geotransform), col + 0.5, row + 0.5)
        if missing.all():
            raise NoDataPixel("{where}: pixel (row {row}, col {col}) is no-data in every band", where=where, row=row, col=col)
        gt = r.geotransform
        size = min(math.hypot(gt[1], gt[4]), math.hypot(gt[2], gt[5]))
        return PixelSpectrum(r.path, row, col, float(x), float(y), values, self.wavelengths,
                             np.arange(1, r.count + 1), r.crs_wkt, size)

    def at(self, x: float, y: float, crs: str | None = None) -> PixelSpectrum:
        """The spectrum of the pixel under the point (x, y) given in ``crs`` (default: the raster's CRS)."""
        where = f"{self.raster.parameter}: {self.path}"
        tx, ty = self.to_raster_crs(x, y, crs)
        found = self.locate(tx, ty)
        if found is None:
            raise OutsideRaster("{where}: the point ({tx:.3f}, {ty:.3f}) is outside the raster", where=where, tx=tx, ty=ty)
        return self.read(*found)


def pixel_spectrum(path, x: float, y: float, crs: str | None = None, parameter: str = "INPUT") -> PixelSpectrum:
    """The spectrum of the pixel under (x, y) in ``crs`` (default: the raster's), e.g. from a script:
    ``pixel_spectrum("refl.tif", -76.56, 38.89, "EPSG:4326")``."""
    with PixelReader(path, parameter) as reader:
        return reader.at(x, y, crs)
