"""Runs inside a real QGIS desktop (``qgis --code``, under Xvfb): drives the spectral profile tool as a user would and
writes what it saw to JSON for tests/test_profile_desktop.py to check. Not a test module itself.

The job (JSON file named by HYSPEC_PROFILE_JOB) gives the raster, the CSV, the clicks and where to write results
and screenshots. Clicks are real mouse events on the map canvas's viewport (QTest), so they go through QGIS's map
tool handling exactly as a user's clicks do.
"""
import json
import os
import sys

from desktop_session_base import start
from qgis.core import (
    QgsContrastEnhancement,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsMultiBandColorRenderer,
    QgsPointXY,
    QgsProject,
    QgsRasterLayer,
)
from qgis.gui import QgsVertexMarker
from qgis.PyQt.QtCore import QPoint, Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QDockWidget
from qgis.utils import iface, plugins, unloadPlugin

JOB = json.load(open(os.environ["HYSPEC_PROFILE_JOB"]))
RESULT = {"steps": []}


def _process(ms=50):
    QTest.qWait(ms)


def _settle(canvas):
    canvas.refresh()
    _process(100)
    canvas.waitWhileRendering()
    _process(100)


def _raster_centre(layer, row, col):
    gt = (layer.extent().xMinimum(), layer.rasterUnitsPerPixelX(), layer.extent().yMaximum(),
          layer.rasterUnitsPerPixelY())
    return QgsPointXY(gt[0] + (col + 0.5) * gt[1], gt[2] - (row + 0.5) * gt[3])


def _click(canvas, layer, row=None, col=None, keep=False, point=None):
    """A real left click on the canvas where pixel (row, col) of ``layer`` is drawn (or at ``point``, layer CRS)."""
    point = point if point is not None else _raster_centre(layer, row, col)
    dest = canvas.mapSettings().destinationCrs()
    if dest != layer.crs():
        point = QgsCoordinateTransform(layer.crs(), dest, QgsProject.instance()).transform(point)
    device = canvas.getCoordinateTransform().transform(point)
    pos = QPoint(int(round(device.x())), int(round(device.y())))
    modifier = Qt.KeyboardModifier.ShiftModifier if keep else Qt.KeyboardModifier.NoModifier
    QTest.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, modifier, pos)
    _process(30)
    return [pos.x(), pos.y()]


def _curve(c):
    d = {k: v for k, v in c.details.items() if k != "crs"}
    return {"name": c.name, "label": c.label, "kind": c.kind, "color": list(c.color),
            "values": [None if v != v else float(v) for v in c.values], "bands": len(c.values), **d}


def _markers(canvas):
    """The vertex markers on the canvas that are visible (QGIS keeps hidden ones of its own, e.g. for snapping)."""
    return sum(isinstance(item, QgsVertexMarker) and item.isVisible() for item in canvas.scene().items())


def _menu_actions(menu):
    """Every action of a menu and of its submenus."""
    out = []
    for a in menu.actions():
        out.append(a)
        if a.menu() is not None:
            out += _menu_actions(a.menu())
    return out


def _true_color(layer):
    """A true-colour rendering (bands nearest 640/550/460 nm, min-max stretched) for a readable screenshot."""
    from hyspec_qgis.core import SpectralRaster

    wl = SpectralRaster(JOB["raster"]).wavelengths
    bands = [int(abs(wl - target).argmin()) + 1 for target in (640, 550, 460)]
    renderer = QgsMultiBandColorRenderer(layer.dataProvider(), *bands)
    for setter, band in zip((renderer.setRedContrastEnhancement, renderer.setGreenContrastEnhancement,
                             renderer.setBlueContrastEnhancement), bands):
        ce = QgsContrastEnhancement(layer.dataProvider().dataType(band))
        ce.setContrastEnhancementAlgorithm(QgsContrastEnhancement.ContrastEnhancementAlgorithm.StretchToMinimumMaximum)
        ce.setMinimumValue(0.0)
        ce.setMaximumValue(0.35)
        setter(ce)
    layer.setRenderer(renderer)


def run():
    out = JOB["out"]
    win = iface.mainWindow()
    win.resize(1500, 940)
    win.showNormal()
    _process(200)
    canvas = iface.mapCanvas()
    RESULT["plugin_loaded"] = "hyspec_qgis" in plugins
    RESULT["gui_imported_at_start"] = sorted(m for m in ("hyspec_qgis.gui.profile_dock", "matplotlib")
                                             if m in sys.modules)
    toolbar_actions = [a for a in iface.pluginToolBar().actions() if a.objectName() == "hyspecSpectralProfile"]
    submenus = [a.menu() for a in iface.rasterMenu().actions() if a.menu() is not None]
    menu_actions = [a for m in submenus for a in m.actions() if a.objectName() == "hyspecSpectralProfile"]
    RESULT["toolbar"] = [a.text() for a in toolbar_actions]
    RESULT["raster_menu"] = [m.title() for m in submenus if any(a in m.actions() for a in menu_actions)]
    RESULT["icon_ok"] = bool(toolbar_actions) and not toolbar_actions[0].icon().isNull()
    action = toolbar_actions[0]

    layer = QgsRasterLayer(JOB["raster"], "clean_kmeans")
    _true_color(layer)
    QgsProject.instance().addMapLayer(layer)
    iface.setActiveLayer(layer)
    utm = layer.crs()
    canvas.setDestinationCrs(utm)
    extent = layer.extent()
    extent.scale(1.15)  # a margin around the raster, for a click outside it
    canvas.setExtent(extent)
    _settle(canvas)

    RESULT["markers_at_start"] = _markers(canvas)
    action.trigger()
    _process(200)
    dock = plugins["hyspec_qgis"].profile.dock
    RESULT["dock_visible"] = dock.isVisible()
    RESULT["tool_active"] = canvas.mapTool() is plugins["hyspec_qgis"].profile.tool
    RESULT["action_checked"] = action.isChecked()
    RESULT["backend"] = dock.plot.backend
    RESULT["dock_layer"] = dock.layer_combo.currentLayer().name() if dock.layer_combo.currentLayer() else None

    for click in JOB["clicks"]:
        pos = _click(canvas, layer, click["row"], click["col"], click.get("keep", False))
        RESULT["steps"].append({"click": click, "pos": pos, "message": dock.message_text,
                                "kept": [c.name for c in dock.kept],
                                "current": dock.current.name if dock.current else None})
    pos = _click(canvas, layer, point=QgsPointXY(extent.xMinimum() + 1.0, extent.yMaximum() - 1.0))
    RESULT["outside"] = {"pos": pos, "message": dock.message_text,
                         "current": dock.current.name if dock.current else None}
    r, c = JOB["nodata_pixel"]
    _click(canvas, layer, r, c)
    RESULT["nodata"] = {"message": dock.message_text}

    # A raster without wavelengths (an RGB photo) chosen in the dock: said, nothing added.
    rgb = QgsRasterLayer(JOB["rgb"], "photo")
    QgsProject.instance().addMapLayer(rgb, False)  # not drawn: the dock reads it all the same
    dock.layer_combo.setLayer(rgb)
    _click(canvas, layer, 5, 5)
    RESULT["rgb"] = {"message": dock.message_text, "combo": dock.layer_combo.currentLayer().name()}
    dock.layer_combo.setLayer(layer)
    dock.add_button.click()  # keep the current spectrum
    RESULT["after_add"] = {"kept": [c.name for c in dock.kept], "current": dock.current.name if dock.current else None}

    # NEON's ENVI format (int16, reflectance scale factor, data ignore value), over the tile's upper-left corner.
    envi = QgsRasterLayer(JOB["envi"], "neon_envi")
    QgsProject.instance().addMapLayer(envi)
    iface.setActiveLayer(envi)  # the dock follows the layer selected in the Layers panel
    _click(canvas, envi, 0, 3)
    RESULT["envi"] = {"message": dock.message_text, "combo": dock.layer_combo.currentLayer().name(),
                      "curve": _curve(dock.current) if dock.current else None}
    _click(canvas, envi, 2, 0)  # one band of this pixel is no-data
    RESULT["envi_partial"] = {"message": dock.message_text, "label": dock.current.label if dock.current else None,
                              "curve": _curve(dock.current) if dock.current else None}
    QgsProject.instance().removeMapLayer(envi.id())
    iface.setActiveLayer(layer)
    dock.layer_combo.setLayer(layer)

    # A canvas in another CRS than the layer's: geographic lon/lat.
    wgs = QgsCoordinateReferenceSystem("EPSG:4326")
    canvas.setDestinationCrs(wgs)
    canvas.setExtent(QgsCoordinateTransform(utm, wgs, QgsProject.instance()).transformBoundingBox(extent))
    _settle(canvas)
    r, c = JOB["crs_pixel"]
    _click(canvas, layer, r, c)
    RESULT["crs_click"] = {"canvas_crs": canvas.mapSettings().destinationCrs().authid(),
                           "message": dock.message_text, "curve": _curve(dock.current) if dock.current else None}
    canvas.setDestinationCrs(utm)
    canvas.setExtent(extent)
    _settle(canvas)
    # The markers follow the canvas CRS: each sits on its pixel's centre again.
    RESULT["markers_utm"] = [[m.center().x(), m.center().y(), cv.details["x"], cv.details["y"]]
                             for m, cv in dock.markers.values()]

    dock._ask_open_path = lambda: JOB["csv"]
    dock.overlay_button.click()
    RESULT["overlay"] = {"message": dock.message_text, "curves": [_curve(cv) for cv in dock.library]}
    RESULT["legend"] = [dock.legend.item(i).text() for i in range(dock.legend.count())]
    RESULT["legend_tooltips"] = [dock.legend.item(i).toolTip() for i in range(dock.legend.count())]
    RESULT["curves"] = [_curve(cv) for cv in dock.curves()]
    RESULT["markers_before_unload"] = _markers(canvas)

    win.resizeDocks([dock], [540], Qt.Orientation.Horizontal)
    _process(300)
    _settle(canvas)
    shots = {}
    for name, widget in (("profile_tool.png", dock), ("profile_tool_canvas.png", canvas),
                         ("profile_tool_window.png", win)):
        path = os.path.join(out, name)
        widget.grab().save(path)
        shots[name] = path
    RESULT["screenshots"] = shots
    RESULT["dock_size"] = [dock.width(), dock.height()]
    dock._ask_save_path = lambda: JOB["export"]
    dock.export_button.click()
    RESULT["export"] = {"message": dock.message_text}

    # Closing the dock hides the markers; a click with the tool still active brings both back.
    dock.close()
    _process(100)
    RESULT["closed"] = {"visible": dock.isVisible(), "markers": _markers(canvas)}
    first = JOB["clicks"][0]
    _click(canvas, layer, first["row"], first["col"])
    _process(100)
    RESULT["reopened"] = {"visible": dock.isVisible(), "markers": _markers(canvas),
                          "current": dock.current.name if dock.current else None}

    # Without matplotlib the same curves are drawn with QPainter.
    from hyspec_qgis.gui import profile_plot

    blocked = ("matplotlib", "matplotlib.figure", "matplotlib.backends", "matplotlib.backends.backend_qtagg")
    saved = {m: sys.modules.get(m) for m in blocked}
    try:
        for m in blocked:
            sys.modules[m] = None  # import of these now raises ImportError, as in a QGIS without matplotlib
        fallback = profile_plot.make_plot()
    finally:
        for m, mod in saved.items():
            if mod is None:
                sys.modules.pop(m, None)
            else:
                sys.modules[m] = mod
    fallback.set_curves(dock.library + dock.kept, None)
    fallback.resize(540, 320)
    fallback.show()
    _process(200)
    path = os.path.join(out, "profile_painter.png")
    fallback.grab().save(path)
    fallback.close()
    RESULT["painter"] = {"backend": fallback.backend, "path": path}

    unloadPlugin("hyspec_qgis")
    _process(200)
    RESULT["after_unload"] = {
        "toolbar": [a.objectName() for a in iface.pluginToolBar().actions() if a.objectName() == "hyspecSpectralProfile"],
        "menu": [a.text() for a in _menu_actions(iface.rasterMenu()) if a.objectName() == "hyspecSpectralProfile"],
        "submenus": [a.text() for a in iface.rasterMenu().actions() if a.text() == "Hyperspectral (NEON AOP)"],
        "docks": [d.objectName() for d in win.findChildren(QDockWidget)
                  if d.objectName() == "HyspecSpectralProfileDock"],
        "markers": _markers(canvas),
        "map_tool": type(canvas.mapTool()).__name__ if canvas.mapTool() else None,
    }


start(run, RESULT, JOB)
