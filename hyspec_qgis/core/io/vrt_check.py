"""A VRT input may assemble rasters, never pull in the bytes of files the user did not name.

GDAL recognises a VRT by its content, whatever the file is called, and a VRT band can be the raw bytes of any local
file at any offset (``VRTRawRasterBand``): a crafted ``.tif`` would turn another file's bytes into pixels of an
output. GDAL 3.6 has no setting that refuses raw bands, so the XML is checked here before GDAL opens the file.
Mosaics of GeoTIFFs (``SimpleSource`` / ``ComplexSource`` bands, as the site mosaics are written) stay accepted;
sources that are themselves VRTs are checked the same way.
"""
from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET

from osgeo import gdal

from ..errors import HyspecError

MAX_VRT_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 8
_HEADER_BYTES = 1024  # GDAL's VRT driver looks for "<VRTDataset" in the first 1024 bytes
_ARCHIVES = ("/vsizip/", "/vsigzip/", "/vsitar/")
_CONNECTION = re.compile(r"^[A-Za-z][A-Za-z0-9_]+:")  # "MEM:::", "HDF5:...", "vrt://": not a plain file


def _read(path: str, limit: int) -> bytes | None:
    """Up to ``limit`` bytes of ``path`` through GDAL's file layer (so /vsizip/ paths work), or None if unreadable."""
    f = gdal.VSIFOpenL(path, "rb")
    if f is None:
        return None
    try:
        return bytes(gdal.VSIFReadL(1, limit, f) or b"")
    finally:
        gdal.VSIFCloseL(f)


def check_vrt_file(path: str, where: str, depth: int = 0) -> None:
    """Refuse ``path`` if it is a VRT (by content) that reads raw bytes, runs code or names a non-file source."""
    head = _read(path, _HEADER_BYTES)
    if not head or b"<VRTDataset" not in head:
        return
    data = _read(path, MAX_VRT_BYTES + 1)
    if data is None or len(data) > MAX_VRT_BYTES:
        raise HyspecError("{where}: the VRT {path} is unreadable or larger than {max_mb} MB", where=where, path=path,
                          max_mb=MAX_VRT_BYTES // 2 ** 20)
    check_vrt_xml(data, os.path.dirname(path), where, depth)


def check_vrt_xml(xml, vrt_dir: str, where: str, depth: int = 0) -> None:
    """Check the XML of a VRT (bytes or str); sources that are VRTs are checked recursively."""
    if depth > MAX_DEPTH:
        raise HyspecError("{where}: VRT sources nest deeper than {max_depth} levels", where=where, max_depth=MAX_DEPTH)
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        raise HyspecError("{where}: a VRT whose XML cannot be parsed ({exc})", where=where, exc=exc) from None
    for el in root.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "VRTRasterBand" and (el.get("subClass") or "") == "VRTRawRasterBand":
            raise HyspecError(
                "{where}: a VRT with a raw band (VRTRawRasterBand reading "
                "{source!r}) is refused: it would read the bytes of a file "
                "that was not given as input. Convert the raw file to GeoTIFF, or give it directly with its header", where=where,
                source=(el.findtext("SourceFilename") or "?").strip())
        if tag == "PixelFunctionLanguage" and (el.text or "").strip().lower() == "python":
            raise HyspecError("{where}: a VRT with a Python pixel function is refused (it would run code)", where=where)
        if tag in ("SourceFilename", "SourceDataset"):
            _check_source(el, vrt_dir, where, depth)


def _check_source(el, vrt_dir, where, depth):
    name = (el.text or "").strip()
    inner = name
    for prefix in _ARCHIVES:
        if inner.startswith(prefix):
            inner = inner[len(prefix):]
    if not name or name.startswith("<") or _CONNECTION.match(name) or "://" in name or inner.startswith("/vsi"):
        raise HyspecError(
            "{where}: VRT source {name!r} is not a plain file; only VRTs that assemble raster files are read", where=where,
            name=name[:80])
    relative = el.get("relativeToVRT") == "1" and not os.path.isabs(name)
    path = os.path.join(vrt_dir, name) if relative else name
    check_vrt_file(path, where, depth + 1)
