"""NEON AOP reflectance HDF5: metadata without reading the cube, and the cube in row blocks.

Handles DP3.30006.001 tiles, DP3.30006.002 bidirectional tiles and DP1.30006.001 flightlines, with the variants
seen in the wild (bytes or str, scalar or shape-(1,) strings, int16 or int32 cubes, float64 wavelengths, missing
FWHM / Proj4 / band-window attributes). See NEON's "NEON AOP Hyperspectral Data in HDF5 format" tutorials.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

import numpy as np

from ..errors import NeonFormatError

DEFAULT_WATER_WINDOWS = ((1340.0, 1445.0), (1790.0, 1955.0))
_HDF5_SIGNATURE = b"\x89HDF\r\n\x1a\n"


def _text(value) -> str:
    """An HDF5 string attribute or dataset value as str, whatever way it was stored."""
    if isinstance(value, np.ndarray):
        if value.size != 1:
            raise NeonFormatError(f"expected one string, found an array of shape {value.shape}")
        value = value.reshape(()).item()
    if isinstance(value, (bytes, np.bytes_)):
        return bytes(value).decode("utf-8", "replace").strip()
    return str(value).strip()


def _read_string(group, name):
    if name not in group:
        return None
    obj = group[name]
    return _text(obj[()]) if hasattr(obj, "shape") else None


def parse_map_info(map_info: str):
    """Geotransform from an ENVI "map info" string (reference pixel is 1-based; (1, 1) = upper-left corner).

    Pixel sizes are fields 5 and 6 (0-based), not 1 and 2. Returns (geotransform, zone, hemisphere, datum).
    """
    parts = [p.strip() for p in map_info.strip().strip("{}").split(",")]
    if len(parts) < 7:
        raise NeonFormatError(f"Map_Info has {len(parts)} fields, expected at least 7: {map_info!r}")
    try:
        refx, refy, east, north, px, py = (float(p) for p in parts[1:7])
    except ValueError as exc:
        raise NeonFormatError(f"Map_Info has a non-numeric georeference field: {map_info!r}") from exc
    if px <= 0 or py <= 0:
        raise NeonFormatError(f"Map_Info gives a non-positive pixel size ({px}, {py}): {map_info!r}")
    for extra in parts[7:]:
        if extra.lower().startswith("rotation="):
            if float(extra.split("=", 1)[1]) != 0.0:
                raise NeonFormatError(f"Map_Info describes a rotated grid, which is not supported: {map_info!r}")
    zone = None
    hemisphere = None
    if parts[0].upper() == "UTM" and len(parts) >= 9:
        try:
            zone = int(float(parts[7]))
        except ValueError:
            zone = None
        hemisphere = parts[8].lower()
    datum = parts[9] if len(parts) > 9 else None
    gt = (east - (refx - 1.0) * px, px, 0.0, north + (refy - 1.0) * py, 0.0, -py)
    return gt, zone, hemisphere, datum


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
        from osgeo import osr

        srs = osr.SpatialReference()
        if srs.ImportFromEPSG(int(self.epsg)) != 0:
            raise NeonFormatError(f"{self.path}: unknown EPSG code {self.epsg}")
        return srs.ExportToWkt()


def _check_hdf5(path: str):
    if not os.path.exists(path):
        raise NeonFormatError(f"{path}: no such file")
    if os.path.isdir(path):
        raise NeonFormatError(f"{path}: is a folder, expected a NEON .h5 file")
    with open(path, "rb") as f:
        head = f.read(8)
    if head != _HDF5_SIGNATURE:
        raise NeonFormatError(f"{path}: not an HDF5 file (expected a NEON AOP reflectance .h5 file)")


def _open_h5(path: str):
    import h5py

    _check_hdf5(path)
    try:
        return h5py.File(path, "r")
    except OSError as exc:
        raise NeonFormatError(f"{path}: cannot be opened as HDF5 (truncated or damaged?): {exc}") from exc


def _guess_product(path: str, refl, site_group) -> str:
    name = os.path.basename(path)
    if "_DP1_" in name:
        return "DP1.30006.001"
    if "bidirectional" in name:
        return "DP3.30006.002"
    anc = refl.get("Metadata/Ancillary_Imagery")
    if anc is not None and ("Acqusition_Date" in anc or "Aerosol_Optical_Thickness" in anc):
        return "DP3.30006.002"
    return "DP3.30006.001"


def read_metadata(path: str) -> NeonMetadata:
    """Read everything but the cube. Raises NeonFormatError with the file name and what is wrong."""
    path = os.fspath(path)
    with _open_h5(path) as h5:
        try:
            return _read_metadata(path, h5)
        except NeonFormatError as exc:
            if path in str(exc):
                raise
            raise NeonFormatError(f"{path}: {exc}") from exc
        except (KeyError, OSError, TypeError, ValueError, IndexError) as exc:
            raise NeonFormatError(f"{path}: damaged or incomplete NEON reflectance file ({exc})") from exc


def _read_metadata(path, h5) -> NeonMetadata:
    import h5py

    keys = list(h5.keys())
    if not keys:
        raise NeonFormatError(f"{path}: empty HDF5 file; expected a NEON reflectance file with one site group")
    site = keys[0]
    site_group = h5[site]
    if not isinstance(site_group, h5py.Group):
        raise NeonFormatError(f"{path}: top-level item {site!r} is not a group; expected the NEON site group")
    if "Reflectance" not in site_group:
        if "Radiance" in site_group:
            raise NeonFormatError(
                f"{path}: this is a NEON radiance file (DP1.30008, group /{site}/Radiance); "
                "hyspec needs a reflectance product (DP3.30006.001/.002 or DP1.30006.001)")
        raise NeonFormatError(
            f"{path}: no NEON reflectance group; expected /<SITE>/Reflectance, found /{site} with "
            f"{sorted(site_group.keys())[:8]}")
    refl = site_group["Reflectance"]
    if "Reflectance_Data" not in refl:
        raise NeonFormatError(f"{path}: /{site}/Reflectance has no Reflectance_Data dataset")
    cube = refl["Reflectance_Data"]
    if cube.ndim != 3:
        raise NeonFormatError(f"{path}: Reflectance_Data has {cube.ndim} dimensions, expected (rows, cols, bands)")
    if cube.dtype.kind not in "iuf":
        raise NeonFormatError(f"{path}: Reflectance_Data has non-numeric type {cube.dtype}")
    notes = []

    meta = refl.get("Metadata")
    if meta is None:
        raise NeonFormatError(f"{path}: /{site}/Reflectance has no Metadata group")
    spectral = meta.get("Spectral_Data")
    if spectral is None or "Wavelength" not in spectral:
        raise NeonFormatError(f"{path}: missing Metadata/Spectral_Data/Wavelength")
    wavelengths = np.asarray(spectral["Wavelength"][()], dtype=np.float64).ravel()
    units = _text(spectral["Wavelength"].attrs.get("Units", "nanometers")).lower()
    if units.startswith("micro") or units in ("um", "µm"):
        wavelengths = wavelengths * 1000.0
    if wavelengths.size != cube.shape[2]:
        raise NeonFormatError(
            f"{path}: {wavelengths.size} wavelengths for {cube.shape[2]} bands in Reflectance_Data "
            "(expected the bands on the last axis)")
    if not np.all(np.isfinite(wavelengths)):
        raise NeonFormatError(f"{path}: Wavelength contains non-finite values")
    fwhm = None
    if "FWHM" in spectral:
        fwhm = np.asarray(spectral["FWHM"][()], dtype=np.float64).ravel()
        if fwhm.size != wavelengths.size:
            notes.append(f"FWHM has {fwhm.size} values for {wavelengths.size} bands; ignored")
            fwhm = None
    else:
        notes.append("no FWHM in the file")

    coords = meta.get("Coordinate_System")
    if coords is None or "Map_Info" not in coords:
        raise NeonFormatError(f"{path}: missing Metadata/Coordinate_System/Map_Info (no georeference)")
    gt, zone, hemisphere, datum = parse_map_info(_read_string(coords, "Map_Info"))
    epsg = None
    epsg_text = _read_string(coords, "EPSG Code")
    if epsg_text:
        try:
            epsg = int(float(epsg_text))
        except ValueError:
            notes.append(f"unreadable EPSG Code {epsg_text!r}")
    if epsg is None and zone is not None and (datum or "WGS-84").upper().replace("-", "").startswith("WGS84"):
        epsg = (32600 if (hemisphere or "north").startswith("n") else 32700) + zone
        notes.append(f"EPSG code derived from Map_Info (UTM zone {zone} {hemisphere}, WGS-84): {epsg}")
    if epsg is None:
        proj4 = _read_string(coords, "Proj4")
        if proj4:
            from osgeo import osr

            srs = osr.SpatialReference()
            cleaned = proj4.replace("= ", "=").replace("units=units=", "units=").replace("units=Meters", "units=m")
            if srs.ImportFromProj4(cleaned) == 0 and srs.AutoIdentifyEPSG() == 0:
                epsg = int(srs.GetAuthorityCode(None))
    if epsg is None:
        raise NeonFormatError(f"{path}: cannot determine the coordinate system (no EPSG Code, Map_Info zone or Proj4)")

    attrs = cube.attrs
    scale = float(np.asarray(attrs.get("Scale_Factor", 10000.0)).ravel()[0])
    if not np.isfinite(scale) or scale == 0:
        raise NeonFormatError(f"{path}: invalid Scale_Factor {scale}")
    nodata = attrs.get("Data_Ignore_Value", -9999.0)
    nodata = float(np.asarray(nodata).ravel()[0]) if nodata is not None else None

    extent = attrs.get("Spatial_Extent_meters")
    if extent is not None:
        xmin, xmax, ymin, ymax = (float(v) for v in np.asarray(extent).ravel()[:4])
        rows, cols = cube.shape[:2]
        want = (gt[0], gt[0] + cols * gt[1], gt[3] + rows * gt[5], gt[3])
        tol = 0.01 * gt[1]
        if max(abs(a - b) for a, b in zip((xmin, xmax, ymin, ymax), want)) > tol:
            notes.append(
                f"Spatial_Extent_meters {xmin, xmax, ymin, ymax} differs from the Map_Info grid {want}; "
                "Map_Info is used")

    windows = []
    for i in (1, 2, 3, 4):
        value = refl.attrs.get(f"Band_Window_{i}_Nanometers")
        if value is not None:
            lo, hi = (float(v) for v in np.asarray(value).ravel()[:2])
            windows.append((lo, hi))
    from_file = bool(windows)
    if not windows:
        windows = list(DEFAULT_WATER_WINDOWS)
        notes.append("no Band_Window attributes; using the default water-vapour windows 1340-1445 and 1790-1955 nm")

    ancillary = {}
    anc = meta.get("Ancillary_Imagery")
    rows, cols = cube.shape[:2]
    if anc is not None:
        for name, obj in anc.items():
            if isinstance(obj, h5py.Dataset) and obj.ndim in (2, 3) and obj.shape[:2] == (rows, cols):
                ancillary[name] = obj.name
    chunks = cube.chunks
    return NeonMetadata(
        path=path, site=site, product=_guess_product(path, refl, site_group), data_path=cube.name,
        shape=tuple(int(s) for s in cube.shape), dtype=cube.dtype, chunks=chunks, epsg=epsg, geotransform=gt,
        wavelengths=wavelengths, fwhm=fwhm, scale_factor=scale, nodata=nodata, water_windows=tuple(windows),
        water_windows_from_file=from_file, ancillary=ancillary, notes=notes)


class NeonReader:
    """Reads the cube (or an ancillary layer) of a NEON file in row blocks. Use as a context manager."""

    def __init__(self, path: str):
        self.metadata = read_metadata(path)
        self._h5 = _open_h5(self.metadata.path)
        self._cube = self._h5[self.metadata.data_path]

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
        try:
            data = self._cube[row0:row1, col0:col1, :]
        except OSError as exc:
            raise NeonFormatError(f"{self.metadata.path}: cannot read rows {row0}-{row1} (damaged file?): {exc}") from exc
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

    def read_ancillary(self, name: str, row0: int, row1: int, col0: int = 0, col1: int | None = None):
        if name not in self.metadata.ancillary:
            raise NeonFormatError(
                f"{self.metadata.path}: no ancillary layer {name!r}; available: {sorted(self.metadata.ancillary)}")
        col1 = self.metadata.cols if col1 is None else col1
        return self._h5[self.metadata.ancillary[name]][row0:row1, col0:col1]

    def ancillary_info(self, name: str):
        """(dtype, n_layers, nodata) of an ancillary dataset."""
        ds = self._h5[self.metadata.ancillary[name]]
        nodata = ds.attrs.get("Data_Ignore_Value")
        if nodata is not None:
            nodata = float(np.asarray(nodata).ravel()[0])
        elif ds.dtype == np.uint8:
            nodata = 241.0 if name != "Weather_Quality_Indicator" else 0.0
        return ds.dtype, (ds.shape[2] if ds.ndim == 3 else 1), nodata
