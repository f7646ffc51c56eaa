"""The one builder of small input rasters for tests (the ``make_raster`` fixture in conftest.py returns it).

It writes with plain GDAL, not with the plugin's RasterWriter, so an input built here does not depend on the writer
the tests check, and it carries wavelengths the way other tools do (band-level ``wavelength`` metadata in nm).
"""
import os

import numpy as np
from osgeo import gdal

_GDAL_TYPES = {np.dtype(np.uint8): gdal.GDT_Byte, np.dtype(np.int16): gdal.GDT_Int16,
               np.dtype(np.uint16): gdal.GDT_UInt16, np.dtype(np.int32): gdal.GDT_Int32,
               np.dtype(np.float32): gdal.GDT_Float32, np.dtype(np.float64): gdal.GDT_Float64}


def make_raster(path, data, wavelengths=None, *, fwhm=None, nodata=None, geotransform=None, crs=None,
                band_names=None, dtype=None, driver="GTiff", options=(), metadata=None):
    """Write ``data`` ((rows, cols, bands), or (rows, cols) for one band) to ``path`` and return the path as a str.

    ``wavelengths`` / ``fwhm`` (nm, one per band) become band-level ``wavelength`` / ``fwhm`` metadata with
    ``wavelength_units=Nanometers``; ``nodata`` is set on every band; ``geotransform`` defaults to 1 m pixels, north
    up, with the upper-left corner at (0, rows); ``crs`` is a WKT string or an EPSG code (default: none);
    ``band_names`` become band descriptions; ``dtype`` defaults to the array's; ``metadata`` is
    ``{domain: {key: value}}`` for the dataset ("" is the default domain), e.g. ``{"ENVI": {...}}``.
    """
    path = os.fspath(path)
    data = np.asarray(data)
    if data.ndim == 2:
        data = data[:, :, None]
    rows, cols, bands = data.shape
    dtype = np.dtype(dtype or data.dtype)
    ds = gdal.GetDriverByName(driver).Create(path, cols, rows, bands, _GDAL_TYPES[dtype], list(options))
    if ds is None:
        raise RuntimeError(f"{path}: GDAL could not create the test raster ({gdal.GetLastErrorMsg()})")
    ds.SetGeoTransform(tuple(geotransform) if geotransform is not None else (0.0, 1.0, 0.0, float(rows), 0.0, -1.0))
    if crs is not None:
        if isinstance(crs, int):
            from osgeo import osr

            srs = osr.SpatialReference()
            srs.ImportFromEPSG(crs)
            crs = srs.ExportToWkt()
        ds.SetProjection(crs)
    for domain, items in (metadata or {}).items():
        ds.SetMetadata({k: str(v) for k, v in items.items()}, domain)
    for b in range(bands):
        band = ds.GetRasterBand(b + 1)
        if nodata is not None:
            band.SetNoDataValue(float(nodata))
        if band_names is not None:
            band.SetDescription(str(band_names[b]))
        if wavelengths is not None:
            band.SetMetadataItem("wavelength", repr(float(wavelengths[b])))
            band.SetMetadataItem("wavelength_units", "Nanometers")
        if fwhm is not None:
            band.SetMetadataItem("fwhm", repr(float(fwhm[b])))
    ds.WriteArray(np.ascontiguousarray(data.astype(dtype, copy=False)), interleave="pixel")
    ds.FlushCache()
    ds = None
    return path


def label_wavelength(description):
    """(band number, wavelength in nm) from a band description ``"<n>: <wavelength> nm"``, also as QGIS shows it
    (``"Band 054: 54: 649.2842 nm"``); fails on any other form. Tests compare the wavelength at the precision they
    care about, not the writer's choice of digits."""
    import re

    match = re.fullmatch(r"(?:Band (\d+): )?(\d+): (\d+(?:\.\d+)?) nm", description)
    assert match, f"not a '<n>: <wavelength> nm' description: {description!r}"
    assert match[1] is None or int(match[1]) == int(match[2]), description
    return int(match[2]), float(match[3])
