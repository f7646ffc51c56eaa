"""Runs inside a real QGIS desktop (``qgis --code``, under Xvfb): adds a full-size cube written by our RasterWriter,
draws it, opens its Layer Properties dialog (Information page, then Symbology) and writes what it saw to JSON for
tests/test_layer_desktop.py. Not a test module itself.

The job (JSON file named by HYSPEC_LAYER_JOB) gives the raster, where to write the result and the screenshots. The
style is written as our algorithms write it (styling.write_style: true colour, 2-98 % stretch from the histograms the
writer stored), so the layer loads as it loads after a Processing run.
"""
import json
import os
import re
import time

from desktop_session_base import start
from qgis.core import QgsProject, QgsRasterBandStats, QgsRasterLayer
from qgis.gui import QgsRasterLayerProperties
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QListWidget
from qgis.utils import iface

JOB = json.load(open(os.environ["HYSPEC_LAYER_JOB"]))
RESULT = {}


def _wait(ms=50):
    QTest.qWait(ms)


def _page(dialog, title):
    """Show the dialog page whose entry in the side list reads ``title``; returns whether it was found."""
    for lst in dialog.findChildren(QListWidget):
        for i in range(lst.count()):
            if lst.item(i).text() == title:
                lst.setCurrentRow(i)
                _wait(200)
                return True
    return False


def _shot(widget, name):
    path = os.path.join(JOB["out"], name)
    widget.grab().save(path)
    RESULT.setdefault("screenshots", {})[name] = path


def run():
    from hyspec_qgis.algorithms import styling
    from hyspec_qgis.core import SpectralRaster

    win = iface.mainWindow()
    win.resize(1500, 940)
    win.showNormal()
    _wait(200)
    canvas = iface.mapCanvas()
    path = JOB["raster"]
    messages = []
    start = time.perf_counter()
    styling.write_style(path, styling.true_color(SpectralRaster(path).wavelengths), messages.append)
    RESULT["style_s"] = time.perf_counter() - start
    RESULT["style_messages"] = messages

    start = time.perf_counter()
    layer = QgsRasterLayer(path, "reflectance")  # loads the .qml beside it, as after a Processing run
    QgsProject.instance().addMapLayer(layer)
    RESULT["add_s"] = time.perf_counter() - start
    renderer = layer.renderer()
    RESULT["renderer"] = renderer.type()
    RESULT["rgb"] = [renderer.redBand(), renderer.greenBand(), renderer.blueBand()]
    RESULT["rgb_limits"] = [[ce.minimumValue(), ce.maximumValue()] for ce in (
        renderer.redContrastEnhancement(), renderer.greenContrastEnhancement(), renderer.blueContrastEnhancement())]
    canvas.setDestinationCrs(layer.crs())
    canvas.setExtent(layer.extent())
    start = time.perf_counter()
    canvas.refresh()
    _wait(20)
    canvas.waitWhileRendering()
    RESULT["first_draw_s"] = time.perf_counter() - start
    _wait(200)
    _shot(canvas, "layer_canvas.png")

    start = time.perf_counter()
    dialog = QgsRasterLayerProperties(layer, canvas, win)
    dialog.show()
    _wait(20)
    RESULT["properties_open_s"] = time.perf_counter() - start
    dialog.resize(1100, 800)
    start = time.perf_counter()
    RESULT["information_page"] = _page(dialog, "Information")
    RESULT["information_s"] = time.perf_counter() - start
    _shot(dialog, "layer_properties_information.png")
    html = layer.htmlMetadata()  # what the Information page shows (computed once, cached by the provider)
    RESULT["html_bands_with_statistics"] = len(re.findall("STATISTICS_MINIMUM=", html))
    RESULT["html_has_approximate"] = "STATISTICS_APPROXIMATE" in html
    RESULT["symbology_page"] = _page(dialog, "Symbology")
    _shot(dialog, "layer_properties_symbology.png")
    _shot(win, "layer_window.png")
    dialog.close()

    provider = layer.dataProvider()
    stats = {}
    for b in JOB["check_bands"]:  # what QGIS reports, to compare with what the writer stored
        s = provider.bandStatistics(b, QgsRasterBandStats.Min | QgsRasterBandStats.Max, layer.extent(), 250000)
        stats[str(b)] = [s.minimumValue, s.maximumValue]
    RESULT["qgis_band_statistics"] = stats
    img = canvas.grab().toImage()
    RESULT["canvas_size"] = [img.width(), img.height()]


start(run, RESULT, JOB)
