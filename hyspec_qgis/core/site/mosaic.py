"""VRT mosaics of the tiles' rasters that load as one layer, with what GDAL's BuildVRT drops written back.

``gdal.BuildVRT`` (GDAL 3.6, measured) keeps the grid and the colour table but drops band descriptions, band
metadata (wavelength, the IMAGERY domain), dataset metadata and category names. We build the VRT under a hidden
name, open it in update mode, copy those items from the first tile's raster (every tile of a product carries the
same ones), and rename it into place; GDAL saves them in the VRT's XML. Each tile keeps its own exact georeference:
the VRT only references the tiles (paths relative to the VRT) on the union of their extents.

A ``.qml`` style is written beside each VRT without QGIS (paletted classes with their names and colours; a ramp for
values), so the mosaic loads styled from a plain-Python run too.
"""
from __future__ import annotations

import contextlib
import html
import os

from osgeo import gdal

from ..errors import HyspecError
from ..io.outputs import atomic_write, partial_path


def _copy_metadata(src, dst):
    for domain in src.GetMetadataDomainList() or []:
        if domain in ("DERIVED_SUBDATASETS", "IMAGE_STRUCTURE", "xml:XMP"):
            continue
        items = src.GetMetadata(domain)
        if isinstance(items, dict) and items:
            dst.SetMetadata(dict(items), domain)


def build_vrt(path: str, sources: list[str], extra_metadata: dict | None = None) -> str:
    """Mosaic ``sources`` (rasters of one product, same bands, CRS and pixel size) into the VRT ``path``."""
    if not sources:
        raise HyspecError("{path}: no tile raster to mosaic", path=path)
    tmp = partial_path(path)
    old = gdal.GetUseExceptions()
    gdal.UseExceptions()
    try:
        first = gdal.Open(sources[0])  # kept in a variable while its bands are used (GDAL < 3.8)
        nodata = first.GetRasterBand(1).GetNoDataValue()
        options = gdal.BuildVRTOptions(srcNodata=nodata, VRTNodata=nodata) if nodata is not None else None
        vrt = gdal.BuildVRT(tmp, [os.path.abspath(s) for s in sources], options=options)
        if vrt is None:
            raise HyspecError("{path}: GDAL could not build the mosaic ({detail})", path=path, detail=gdal.GetLastErrorMsg())
        vrt = None  # noqa: F841 - written to disk, then reopened for update
        vrt = gdal.Open(tmp, gdal.GA_Update)
        _copy_metadata(first, vrt)
        if vrt.GetMetadataItem("HYSPEC_INPUT") is not None:
            vrt.SetMetadataItem("HYSPEC_INPUT", None)  # the first tile's: not the mosaic's
        if extra_metadata:
            for k, v in extra_metadata.items():
                vrt.SetMetadataItem(str(k), str(v))
        for i in range(1, first.RasterCount + 1):
            sb, db = first.GetRasterBand(i), vrt.GetRasterBand(i)
            db.SetDescription(sb.GetDescription())
            _copy_metadata(sb, db)
            if sb.GetNoDataValue() is not None:
                db.SetNoDataValue(sb.GetNoDataValue())
            table = sb.GetRasterColorTable()
            if table is not None:
                db.SetRasterColorTable(table)
                db.SetRasterColorInterpretation(gdal.GCI_PaletteIndex)
            names = sb.GetCategoryNames()
            if names:
                db.SetCategoryNames(list(names))
        vrt.FlushCache()
        vrt = None
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise
    finally:
        if not old:
            gdal.DontUseExceptions()
    return path


_QML_HEAD = ("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
             '<qgis version="3.22.16" styleCategories="AllStyleCategories">\n  <pipe>\n')
_QML_TAIL = ('    <brightnesscontrast brightness="0" contrast="0" gamma="1"/>\n'
             '    <huesaturation saturation="0" colorizeOn="0" grayscaleMode="0" colorizeStrength="100"/>\n'
             '    <rasterresampler maxOversampling="2"/>\n  </pipe>\n  <blendMode>0</blendMode>\n</qgis>\n')


def _hex(color) -> str:
    r, g, b = (int(c) for c in color[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def classes_qml(names, colors) -> str:
    entries = "".join(f'        <paletteEntry value="{i + 1}" color="{_hex(c)}" alpha="255" '
                      f'label="{html.escape(str(n), quote=True)}"/>\n' for i, (n, c) in enumerate(zip(names, colors)))
    return (_QML_HEAD + '    <rasterrenderer type="paletted" band="1" opacity="1" alphaBand="-1" nodataColor="">\n'
            '      <rasterTransparency/>\n      <colorPalette>\n' + entries + '      </colorPalette>\n'
            '    </rasterrenderer>\n' + _QML_TAIL)


def ramp_qml(vmin: float, vmax: float, band: int = 1) -> str:
    """Viridis from vmin to vmax on one band (five stops, interpolated)."""
    stops = ("#440154", "#3b528b", "#21918c", "#5ec962", "#fde725")
    items = "".join(f'          <item value="{vmin + (vmax - vmin) * i / 4:.9g}" color="{c}" alpha="255" '
                    f'label="{vmin + (vmax - vmin) * i / 4:.4g}"/>\n' for i, c in enumerate(stops))
    return (_QML_HEAD + f'    <rasterrenderer type="singlebandpseudocolor" band="{band}" opacity="1" alphaBand="-1" '
            f'classificationMin="{vmin:.9g}" classificationMax="{vmax:.9g}" nodataColor="">\n'
            '      <rasterTransparency/>\n      <rastershader>\n'
            f'        <colorrampshader colorRampType="INTERPOLATED" classificationMode="2" clip="0" '
            f'minimumValue="{vmin:.9g}" maximumValue="{vmax:.9g}">\n' + items +
            '        </colorrampshader>\n      </rastershader>\n    </rasterrenderer>\n' + _QML_TAIL)


def write_qml(vrt_path: str, product) -> str | None:
    """The product's default style beside its VRT (``<stem>.qml``, which QGIS loads with the layer)."""
    if product.kind == "classes":
        text = classes_qml(product.class_names, product.colors)
    elif product.value_range is not None:
        text = ramp_qml(*product.value_range)
    else:
        return None
    path = os.path.splitext(vrt_path)[0] + ".qml"
    with atomic_write(path, encoding="utf-8") as f:
        f.write(text)
    return path
