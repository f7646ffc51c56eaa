"""NEON AOP reflectance HDF5: metadata without reading the cube, and the cube in row blocks.

Handles DP3.30006.001 tiles, DP3.30006.002 bidirectional tiles and DP1.30006.001 flightlines, with the variants
seen in the wild (bytes or str, scalar or shape-(1,) strings, int16 or int32 cubes, float64 wavelengths, missing
FWHM / Proj4 / band-window attributes). Only data inside the named file are read (see ``h5_safe``), and every
problem is a NeonFormatError naming the parameter, the file and what was being read.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field

import numpy as np

from ..engine.gdal_env import GdalFailure, gdal_call
from ..errors import NeonFormatError
from ..messages import Message
from .h5_safe import get as _get
from .h5_safe import read_string as _read_string
from .h5_safe import reading as _reading
from .h5_safe import text as _text

DEFAULT_WATER_WINDOWS = ((1340.0, 1445.0), (1790.0, 1955.0))
_HDF5_SIGNATURE = b"\x89HDF\r\n\x1a\n"


def _utm_zone(text: str):
    try:
        zone = float(text)
    except ValueError:
        return None
    return int(zone) if math.isfinite(zone) and zone == int(zone) and 1 <= zone <= 60 else None


def parse_map_info(map_info: str):
    """Geotransform from an ENVI "map info" string (reference pixel is 1-based; (1, 1) = upper-left corner).

    Pixel sizes are fields 5 and 6 (0-based), not 1 and 2. Returns (geotransform, zone, hemisphere, datum); the
    zone is None unless it is a whole number 1-60."""
    parts = [p.strip() for p in str(map_info).strip().strip("{}").split(",")]
    if len(parts) < 7:
        raise NeonFormatError("Map_Info has {n_parts} fields, expected at least 7: {map_info!r}", n_parts=len(parts),
                              map_info=map_info)
    try:
        refx, refy, east, north, px, py = (float(p) for p in parts[1:7])
    except ValueError as exc:
        raise NeonFormatError("Map_Info has a non-numeric georeference field: {map_info!r}", map_info=map_info) from exc
    if not all(math.isfinite(v) for v in (refx, refy, east, north, px, py)):
        raise NeonFormatError("Map_Info has a non-finite georeference field (NaN or inf): {map_info!r}", map_info=map_info)
    if px <= 0 or py <= 0:
        raise NeonFormatError("Map_Info gives a non-positive pixel size ({px}, {py}): {map_info!r}", px=px, py=py,
                              map_info=map_info)
    for extra in parts[7:]:
        if extra.lower().startswith("rotation="):
            try:
                rotation = float(extra.split("=", 1)[1])
            except ValueError as exc:
                raise NeonFormatError("Map_Info has an unreadable rotation: {map_info!r}", map_info=map_info) from exc
            if rotation != 0.0:
                raise NeonFormatError("Map_Info describes a rotated grid, which is not supported: {map_info!r}",
                                      map_info=map_info)
    zone = None
    hemisphere = None
    if parts[0].upper() == "UTM" and len(parts) >= 9:
        zone = _utm_zone(parts[7])
        hemisphere = parts[8].lower()
    datum = parts[9] if len(parts) > 9 else None
    gt = (east - (refx - 1.0) * px, px, 0.0, north + (refy - 1.0) * py, 0.0, -py)
    return gt, zone, hemisphere, datum


def _srs_from(method: str, value):
    """An osr.SpatialReference built by ``method`` (e.g. "ImportFromEPSG"), or None when PROJ does not know it."""
    from osgeo import osr

    srs = osr.SpatialReference()
    try:
        return srs if gdal_call(getattr(srs, method), value) == 0 else None
    except (GdalFailure, TypeError, OverflowError):
        return None


def _epsg(text) -> int | None:
    """A whole EPSG code PROJ knows, or None ("inf", "nan", 1e300 and unknown codes are not codes)."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(value) or value != int(value) or not 0 < value < 10**7:
        return None
    return int(value) if _srs_from("ImportFromEPSG", int(value)) is not None else None


@dataclass
class NeonMetadata:
    """What the importer and the algorithms need to know about a NEON reflectance file (no cube read)."""

    path: str
    site: str
    product: str  # "DP3.30006.001", "DP3.30006.002" or "DP1.30006.001"
    data_path: str  # HDF5 path of the reflectance cube
    shape: tuple  # (rows, cols, bands)
    dtype: np.dtype
    chunks: tuple | None
    epsg: int | None
    geotransform: tuple
    wavelengths: np.ndarray  # nm, float64
    fwhm: np.ndarray | None
    scale_factor: float
    nodata: float | None
    water_windows: tuple
    water_windows_from_file: bool
    ancillary: dict = field(default_factory=dict)  # name -> HDF5 path of 2-D/3-D georeferenced layers
    notes: list = field(default_factory=list)  # things worth telling the user (fallbacks taken)
    parameter: str = "INPUT"  # the parameter that named the file, for messages

    @property
    def rows(self) -> int:
        return self.shape[0]

    @property
    def cols(self) -> int:
        return self.shape[1]

    @property
    def bands(self) -> int:
        return self.shape[2]

    def crs_wkt(self) -> str:
        srs = _srs_from("ImportFromEPSG", int(self.epsg))
        if srs is None:
            raise NeonFormatError("{parameter}: {path}: unknown EPSG code {epsg}", parameter=self.parameter, path=self.path,
                                  epsg=self.epsg)
        return srs.ExportToWkt()


def _open_h5(path: str, where: str):
    import h5py

    if not os.path.exists(path):
        raise NeonFormatError("{where}: no such file", where=where)
    if os.path.isdir(path):
        raise NeonFormatError("{where}: is a folder, expected a NEON .h5 file", where=where)
    with _reading(where, Message("the file")):
        with open(path, "rb") as f:
            head = f.read(8)
    if head != _HDF5_SIGNATURE:
        raise NeonFormatError("{where}: not an HDF5 file (expected a NEON AOP reflectance .h5 file)", where=where)
    try:
        return h5py.File(path, "r")
    except (OSError, RuntimeError, ValueError) as exc:
        raise NeonFormatError("{where}: cannot be opened as HDF5 (truncated or damaged?): {exc}", where=where, exc=exc) from exc


def _guess_product(path: str, ancillary_names) -> str:
    name = os.path.basename(path)
    if "_DP1_" in name:
        return "DP1.30006.001"
    if "bidirectional" in name or {"Acqusition_Date", "Aerosol_Optical_Thickness"} & set(ancillary_names):
        return "DP3.30006.002"
    return "DP3.30006.001"


def read_metadata(path: str, parameter: str = "INPUT") -> NeonMetadata:
    """Read everything but the cube. Raises NeonFormatError naming the parameter, the file and what is wrong."""
    path = os.fspath(path)
    where = f"{parameter}: {path}"
    with _open_h5(path, where) as h5, _reading(where, Message("the file structure")):
        return _read_metadata(path, h5, where, parameter)


def _first(value, what, where) -> float:
    values = np.asarray(value).ravel()
    if values.size == 0:
        raise NeonFormatError("{where}: {what} is empty", where=where, what=what)
    return float(values[0])


def _reflectance(h5, where):
    """(site name, Reflectance group, cube dataset) after checking the layout."""
    import h5py

    keys = list(h5.keys())
    if not keys:
        raise NeonFormatError("{where}: empty HDF5 file; expected a NEON reflectance file with one site group", where=where)
    site = keys[0]
    site_group = _get(h5, site, where)
    if not isinstance(site_group, h5py.Group):
        raise NeonFormatError("{where}: top-level item {site!r} is not a group; expected the NEON site group", where=where,
                              site=site)
    refl = _get(site_group, "Reflectance", where)
    if not isinstance(refl, h5py.Group):
        if site_group.get("Radiance", getlink=True) is not None:
            raise NeonFormatError(
                "{where}: this is a NEON radiance file (DP1.30008, group /{site}/Radiance); "
                "hyspec needs a reflectance product (DP3.30006.001/.002 or DP1.30006.001)", where=where, site=site)
        raise NeonFormatError("{where}: no NEON reflectance group; expected /<SITE>/Reflectance, found /{site} "
                              "with {keys}", where=where, site=site, keys=sorted(site_group.keys())[:8])
    cube = _get(refl, "Reflectance_Data", where)
    if not isinstance(cube, h5py.Dataset):
        raise NeonFormatError("{where}: /{site}/Reflectance has no Reflectance_Data dataset", where=where, site=site)
    if cube.ndim != 3 or min(cube.shape) < 1:
        raise NeonFormatError("{where}: Reflectance_Data has shape {shape}, expected (rows, cols, bands)", where=where,
                              shape=cube.shape)
    if cube.dtype.kind not in "iuf":
        raise NeonFormatError("{where}: Reflectance_Data has non-numeric type {dtype}", where=where, dtype=cube.dtype)
    return site, refl, cube


def _spectral(meta, n_bands, where, notes):
    """(wavelengths in nm, FWHM or None) from Metadata/Spectral_Data."""
    wl_ds = _get(meta, "Spectral_Data/Wavelength", where)
    if wl_ds is None or not hasattr(wl_ds, "shape"):
        raise NeonFormatError("{where}: missing Metadata/Spectral_Data/Wavelength", where=where)
    if wl_ds.size != n_bands:
        raise NeonFormatError("{where}: {n_wavelengths} wavelengths for {n_bands} bands in Reflectance_Data "
                              "(expected the bands on the last axis)", where=where, n_wavelengths=wl_ds.size, n_bands=n_bands)
    wavelengths = np.asarray(wl_ds[()], dtype=np.float64).ravel()
    units = _text(wl_ds.attrs.get("Units", "nanometers")).lower()
    if units.startswith("micro") or units in ("um", "µm"):
        wavelengths = wavelengths * 1000.0
    if not np.all(np.isfinite(wavelengths)) or np.any(wavelengths <= 0):
        raise NeonFormatError("{where}: Wavelength contains non-finite or non-positive values", where=where)
    fwhm_ds = _get(meta, "Spectral_Data/FWHM", where)
    if fwhm_ds is None or not hasattr(fwhm_ds, "shape"):
        notes.append(Message("no FWHM in the file"))
        return wavelengths, None
    if fwhm_ds.size != wavelengths.size:
        notes.append(Message("FWHM has {n_fwhm} values for {n_wavelengths} bands; ignored", n_fwhm=fwhm_ds.size,
                             n_wavelengths=wavelengths.size))
        return wavelengths, None
    fwhm = np.asarray(fwhm_ds[()], dtype=np.float64).ravel()
    if not np.all(np.isfinite(fwhm)):
        notes.append(Message("FWHM contains non-finite values; ignored"))
        return wavelengths, None
    return wavelengths, fwhm


def _georeference(meta, where, notes):
    """(geotransform, EPSG code) from Metadata/Coordinate_System."""
    coords = _get(meta, "Coordinate_System", where)
    map_info = _read_string(coords, "Map_Info", where) if coords is not None else None
    if map_info is None:
        raise NeonFormatError("{where}: missing Metadata/Coordinate_System/Map_Info (no georeference)", where=where)
    gt, zone, hemisphere, datum = parse_map_info(map_info)
    epsg_text = _read_string(coords, "EPSG Code", where)
    epsg = _epsg(epsg_text) if epsg_text else None
    if epsg_text and epsg is None:
        notes.append(Message("unusable EPSG Code {epsg_text!r}", epsg_text=epsg_text[:40]))
    if epsg is None and zone is not None and (datum or "WGS-84").upper().replace("-", "").startswith("WGS84"):
        epsg = (32600 if (hemisphere or "north").startswith("n") else 32700) + zone
        notes.append(Message("EPSG code derived from Map_Info (UTM zone {zone} {hemisphere}, WGS-84): {epsg}", zone=zone,
                             hemisphere=hemisphere, epsg=epsg))
    if epsg is None:
        proj4 = _read_string(coords, "Proj4", where)
        if proj4:
            cleaned = proj4.replace("= ", "=").replace("units=units=", "units=").replace("units=Meters", "units=m")
            srs = _srs_from("ImportFromProj4", cleaned)
            if srs is not None and srs.AutoIdentifyEPSG() == 0:
                epsg = _epsg(srs.GetAuthorityCode(None))
    if epsg is None:
        raise NeonFormatError("{where}: cannot determine the coordinate system (no usable EPSG Code, Map_Info "
                              "UTM zone or Proj4)", where=where)
    return gt, epsg


def _windows(refl, where, notes):
    """The water-vapour windows from the Band_Window attributes, or the defaults; (windows, from_file)."""
    windows = []
    for i in (1, 2, 3, 4):
        value = refl.attrs.get(f"Band_Window_{i}_Nanometers")
        if value is not None:
            values = np.asarray(value, dtype=np.float64).ravel()
            if values.size < 2 or not np.all(np.isfinite(values[:2])) or values[0] > values[1]:
                raise NeonFormatError("{where}: Band_Window_{i}_Nanometers {values} is not a window "
                                      "(two finite wavelengths, low to high)", where=where, i=i, values=values[:4].tolist())
            windows.append((float(values[0]), float(values[1])))
    if windows:
        return tuple(windows), True
    notes.append(Message("no Band_Window attributes; using the default water-vapour windows 1340-1445 and 1790-1955 nm"))
    return DEFAULT_WATER_WINDOWS, False


def _read_metadata(path, h5, where, parameter) -> NeonMetadata:
    import h5py

    notes = []
    with _reading(where, "Reflectance_Data"):
        site, refl, cube = _reflectance(h5, where)
    rows, cols, n_bands = (int(v) for v in cube.shape)
    meta = _get(refl, "Metadata", where)
    if not isinstance(meta, h5py.Group):
        raise NeonFormatError("{where}: /{site}/Reflectance has no Metadata group", where=where, site=site)
    with _reading(where, "Metadata/Spectral_Data"):
        wavelengths, fwhm = _spectral(meta, n_bands, where, notes)
    with _reading(where, "Metadata/Coordinate_System"):
        gt, epsg = _georeference(meta, where, notes)
    with _reading(where, Message("the Reflectance_Data attributes")):
        attrs = cube.attrs
        scale = _first(attrs.get("Scale_Factor", 10000.0), "Scale_Factor", where)
        if not math.isfinite(scale) or scale <= 0:
            raise NeonFormatError("{where}: invalid Scale_Factor {scale} (must be a positive number)", where=where, scale=scale)
        nodata = attrs.get("Data_Ignore_Value", -9999.0)
        nodata = _first(nodata, "Data_Ignore_Value", where) if nodata is not None else None
        extent = attrs.get("Spatial_Extent_meters")
        if extent is not None:
            got = tuple(float(v) for v in np.asarray(extent).ravel()[:4])
            want = (gt[0], gt[0] + cols * gt[1], gt[3] + rows * gt[5], gt[3])
            if len(got) < 4 or max(abs(a - b) for a, b in zip(got, want)) > 0.01 * gt[1]:
                notes.append(Message("Spatial_Extent_meters {got} differs from the Map_Info grid {want}; Map_Info is used",
                                     got=got, want=want))
    with _reading(where, Message("the Band_Window attributes")):
        windows, from_file = _windows(refl, where, notes)
    ancillary = {}
    with _reading(where, "Metadata/Ancillary_Imagery"):
        anc = _get(meta, "Ancillary_Imagery", where)
        for name in (list(anc.keys()) if isinstance(anc, h5py.Group) else []):
            obj = _get(anc, name, where)
            if isinstance(obj, h5py.Dataset) and obj.ndim in (2, 3) and obj.shape[:2] == (rows, cols) \
                    and obj.dtype.kind in "iuf":
                ancillary[name] = obj.name
    return NeonMetadata(
        path=path, site=site, product=_guess_product(path, ancillary), data_path=cube.name,
        shape=(rows, cols, n_bands), dtype=cube.dtype, chunks=cube.chunks, epsg=epsg, geotransform=gt,
        wavelengths=wavelengths, fwhm=fwhm, scale_factor=scale, nodata=nodata, water_windows=windows,
        water_windows_from_file=from_file, ancillary=ancillary, notes=notes, parameter=parameter)


class NeonReader:
    """Reads the cube (or an ancillary layer) of a NEON file in row blocks. Use as a context manager."""

    def __init__(self, path: str, parameter: str = "INPUT"):
        self.metadata = read_metadata(path, parameter)
        self._where = f"{parameter}: {self.metadata.path}"
        self._h5 = _open_h5(self.metadata.path, self._where)
        with _reading(self._where, "Reflectance_Data"):
            self._cube = _get(self._h5, self.metadata.data_path, self._where)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        if self._h5 is not None:
            self._h5.close()
            self._h5 = None

    def read(self, row0: int, row1: int, col0: int = 0, col1: int | None = None, bands=None) -> np.ndarray:
        """Raw stored values, shape (row1-row0, col1-col0, n_bands), in the file's dtype."""
        col1 = self.metadata.cols if col1 is None else col1
        with _reading(self._where, Message("rows {row0}-{row1} of Reflectance_Data", row0=row0, row1=row1)):
            data = self._cube[row0:row1, col0:col1, :]
        if bands is not None:
            data = data[:, :, bands]
        return data

    def read_reflectance(self, row0, row1, col0=0, col1=None, bands=None, nodata_out=np.nan) -> np.ndarray:
        """Reflectance as float32 (stored / Scale_Factor); no-data pixels (any band) become ``nodata_out``."""
        raw = self.read(row0, row1, col0, col1, bands)
        out = raw.astype(np.float32)
        out *= np.float32(1.0 / self.metadata.scale_factor)
        invalid = self.invalid_mask(raw)
        if invalid.any():
            out[invalid] = nodata_out
        return out

    def invalid_mask(self, raw: np.ndarray) -> np.ndarray:
        """(rows, cols) True where any band is the ignore value or not finite."""
        nodata = self.metadata.nodata
        bad = np.zeros(raw.shape[:2], dtype=bool)
        if nodata is not None:
            bad |= (raw == nodata).any(axis=2)
        if raw.dtype.kind == "f":
            bad |= ~np.isfinite(raw).all(axis=2)
        return bad

    def _ancillary(self, name: str):
        if name not in self.metadata.ancillary:
            raise NeonFormatError(
                "{where}: no ancillary layer {name!r}; available: {ancillary}", where=self._where, name=name,
                ancillary=sorted(self.metadata.ancillary))
        return _get(self._h5, self.metadata.ancillary[name], self._where)

    def read_ancillary(self, name: str, row0: int, row1: int, col0: int = 0, col1: int | None = None):
        col1 = self.metadata.cols if col1 is None else col1
        with _reading(self._where, Message("rows {row0}-{row1} of the ancillary layer {name}", row0=row0, row1=row1,
                                           name=name)):
            return self._ancillary(name)[row0:row1, col0:col1]

    def ancillary_info(self, name: str):
        """(dtype, n_layers, nodata) of an ancillary dataset."""
        with _reading(self._where, Message("the ancillary layer {name}", name=name)):
            ds = self._ancillary(name)
            nodata = ds.attrs.get("Data_Ignore_Value")
            if nodata is not None:
                nodata = _first(nodata, "Data_Ignore_Value", self._where)
            elif ds.dtype == np.uint8:
                nodata = 241.0 if name != "Weather_Quality_Indicator" else 0.0
            return ds.dtype, (ds.shape[2] if ds.ndim == 3 else 1), nodata
