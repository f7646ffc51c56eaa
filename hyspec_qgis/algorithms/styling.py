"""Output styling: a .qml sidecar written by QGIS itself next to each output, applied when Processing loads it.

The sidecar means the same style appears when a user later drags the GeoTIFF into QGIS (QGIS loads
``<name>.qml`` as the layer's default style). Styles are plain dicts, built by the helpers below:
``true_color(wavelengths)``, ``classes(names, colors)``, ``ramp(min, max)``, ``stretch()``.

Stretches (2-98 % cumulative cut) come from the histograms our writer stores in the file while it streams
(core/io/band_metadata.py): QGIS's ``cumulativeCut`` reads each band again, which on our pixel-interleaved cubes meant
reading the whole cube three times (12-14 s at 100 % with no log line). Files without stored histograms (written by
other tools) still go through QGIS.
"""
from __future__ import annotations

import math
import os

from qgis.core import (
    QgsColorRampShader,
    QgsContrastEnhancement,
    QgsMapLayerStyle,
    QgsMultiBandColorRenderer,
    QgsPalettedRasterRenderer,
    QgsProcessingLayerPostProcessorInterface,
    QgsRasterLayer,
    QgsRasterShader,
    QgsSingleBandGrayRenderer,
    QgsSingleBandPseudoColorRenderer,
    QgsStyle,
)
from qgis.PyQt.QtGui import QColor

from ..i18n.translator import tr

_post_processors = []  # Python must keep these alive until Processing has used them


def nearest_band(wavelengths, target_nm, tolerance_nm=60.0):
    if wavelengths is None or len(wavelengths) == 0:
        return None
    i = min(range(len(wavelengths)), key=lambda j: abs(float(wavelengths[j]) - target_nm))  # the first of ties
    return i + 1 if abs(wavelengths[i] - target_nm) <= tolerance_nm else None


def true_color(wavelengths, n_bands=None):
    """Red/green/blue bands nearest 650/550/450 nm; bands 1-3 when wavelengths are unknown."""
    bands = [nearest_band(wavelengths, t) for t in (650.0, 550.0, 450.0)]
    if any(b is None for b in bands):
        n = n_bands or 3
        bands = [1, min(2, n), min(3, n)] if n >= 3 else None
    if bands is None:
        return stretch()
    return {"kind": "rgb", "bands": bands}


def classes(names, colors=None):
    from ..core.io.raster_writer import class_colors  # numpy and GDAL: not at plugin start-up

    return {"kind": "classes", "names": list(names), "colors": colors or class_colors(len(names))}


def ramp(vmin=0.0, vmax=1.0, band=1, name="Viridis"):
    return {"kind": "ramp", "min": float(vmin), "max": float(vmax), "band": band, "ramp": name}


def stretch(band=1):
    return {"kind": "stretch", "band": band}


def _stored_cuts(layer, bands) -> dict:
    """{band: (low, high)} 2-98 % cuts from the histograms stored in the layer's file, in the layer's units."""
    from ..core.io.band_metadata import stored_cuts

    provider = layer.dataProvider()
    out = {}
    for band, (lo, hi) in stored_cuts(layer.source(), bands).items():
        scale, offset = provider.bandScale(band), provider.bandOffset(band)  # stored values are before scale/offset
        lo, hi = sorted((lo * scale + offset, hi * scale + offset))
        if hi > lo:
            out[band] = (lo, hi)
    return out


def _cut(provider, band, layer, stored=None):
    if stored and band in stored:
        return stored[band]
    lo, hi = provider.cumulativeCut(band, 0.02, 0.98, layer.extent(), 250000)
    if not math.isfinite(lo) or not math.isfinite(hi) or hi <= lo:
        stats = provider.bandStatistics(band)
        lo, hi = stats.minimumValue, stats.maximumValue
    return lo, hi


def make_renderer(layer, style, stored=None):
    """The QGIS renderer for ``style``; ``stored``: {band: (low, high)} cuts already known (see _stored_cuts)."""
    provider = layer.dataProvider()
    kind = style["kind"]
    if kind == "rgb":
        r, g, b = style["bands"]
        renderer = QgsMultiBandColorRenderer(provider, r, g, b)
        enhancements = []
        for band in (r, g, b):
            ce = QgsContrastEnhancement(provider.dataType(band))
            ce.setContrastEnhancementAlgorithm(QgsContrastEnhancement.ContrastEnhancementAlgorithm.StretchToMinimumMaximum)
            lo, hi = _cut(provider, band, layer, stored)
            ce.setMinimumValue(lo)
            ce.setMaximumValue(hi)
            enhancements.append(ce)
        renderer.setRedContrastEnhancement(enhancements[0])
        renderer.setGreenContrastEnhancement(enhancements[1])
        renderer.setBlueContrastEnhancement(enhancements[2])
        return renderer
    if kind == "classes":
        items = [QgsPalettedRasterRenderer.Class(i + 1, QColor(*c[:3]), str(name))
                 for i, (name, c) in enumerate(zip(style["names"], style["colors"]))]
        return QgsPalettedRasterRenderer(provider, 1, items)
    if kind == "ramp":
        color_ramp = QgsStyle.defaultStyle().colorRamp(style.get("ramp", "Viridis"))
        fn = QgsColorRampShader(style["min"], style["max"], color_ramp)
        fn.setColorRampType(QgsColorRampShader.Type.Interpolated)
        fn.classifyColorRamp(5, style["band"])
        shader = QgsRasterShader()
        shader.setRasterShaderFunction(fn)
        renderer = QgsSingleBandPseudoColorRenderer(provider, style["band"], shader)
        renderer.setClassificationMin(style["min"])
        renderer.setClassificationMax(style["max"])
        return renderer
    if kind == "stretch":
        band = style.get("band", 1)
        renderer = QgsSingleBandGrayRenderer(provider, band)
        ce = QgsContrastEnhancement(provider.dataType(band))
        ce.setContrastEnhancementAlgorithm(QgsContrastEnhancement.ContrastEnhancementAlgorithm.StretchToMinimumMaximum)
        lo, hi = _cut(provider, band, layer, stored)
        ce.setMinimumValue(lo)
        ce.setMaximumValue(hi)
        renderer.setContrastEnhancement(ce)
        return renderer
    raise ValueError(f"unknown style kind {kind!r}")


def qml_path(raster_path):
    return os.path.splitext(raster_path)[0] + ".qml"


def _stretched_bands(style) -> list[int]:
    if style["kind"] == "rgb":
        return list(style["bands"])
    return [style.get("band", 1)] if style["kind"] == "stretch" else []


def write_style(raster_path, style, log=None) -> str | None:
    """Render the style with QGIS and save it as the raster's .qml sidecar; returns the .qml path. ``log``: a
    function of one message, told where the stretch came from."""
    layer = QgsRasterLayer(raster_path, os.path.basename(raster_path), "gdal")
    if not layer.isValid():
        return None
    bands = _stretched_bands(style)
    stored = _stored_cuts(layer, bands) if bands else {}
    if bands and log is not None:
        names = ", ".join(str(b) for b in bands)
        if len(stored) == len(set(bands)):
            log(tr("Style: 2-98 % stretch of band(s) {0} from the histograms stored in the file").format(names))
        else:
            log(tr("Style: 2-98 % stretch of band(s) {0} computed by QGIS (the file stores no histogram); this reads "
                   "those bands once").format(names))
    layer.setRenderer(make_renderer(layer, style, stored))
    path = qml_path(raster_path)
    message, ok = layer.saveNamedStyle(path)
    return path if ok else None


class _ApplyStyle(QgsProcessingLayerPostProcessorInterface):
    """Applies the style from its XML text, so it works wherever the sidecar file went."""

    def __init__(self, xml):
        super().__init__()
        self.xml = xml

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if layer is not None and self.xml:
            QgsMapLayerStyle(self.xml).writeToLayer(layer)
            layer.triggerRepaint()


def apply_on_load(context, raster_path, style, final_path=None, feedback=None):
    """Write the sidecar next to ``raster_path`` (the file being written) and, if Processing will load the output
    (``final_path``, where it is put in place) into the project, style it on load. ``feedback`` (else the context's)
    is told where the stretch came from."""
    feedback = feedback if feedback is not None else context.feedback() if context is not None else None
    qml = write_style(raster_path, style, feedback.pushInfo if feedback is not None else None)
    final_path = final_path or raster_path
    if qml and context is not None and context.willLoadLayerOnCompletion(final_path):
        with open(qml, encoding="utf-8") as f:
            post = _ApplyStyle(f.read())
        _post_processors.append(post)
        context.layerToLoadOnCompletionDetails(final_path).setPostProcessor(post)
    return qml
