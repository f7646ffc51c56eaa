"""The spectral profile tool's place in the QGIS window: one checkable action (Plugins toolbar and the Raster menu),
the map tool and the dock, all created on first use and all removed by :meth:`SpectralProfile.unload`.

Only ``plugin.initGui`` imports this module (QGIS desktop); ``qgis_process`` calls ``initProcessing`` alone, so
nothing of the GUI, nor matplotlib, is imported headless.
"""
from __future__ import annotations

import os

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QIcon

try:
    from qgis.PyQt.QtGui import QAction  # Qt6
except ImportError:
    from qgis.PyQt.QtWidgets import QAction  # Qt5

from ..i18n.translator import tr

ICON = os.path.join(os.path.dirname(os.path.dirname(__file__)), "icons", "profile.svg")


class SpectralProfile:
    def __init__(self, iface):
        self.iface = iface
        self.action = None
        self.tool = None
        self.dock = None
        self.menu = tr("Hyperspectral (NEON AOP)")  # the plugin's name, as the Toolbox shows it

    def init_gui(self):
        self.action = QAction(QIcon(ICON), tr("Spectral profile"), self.iface.mainWindow())
        self.action.setObjectName("hyspecSpectralProfile")
        self.action.setCheckable(True)
        self.action.setToolTip(tr("Spectral profile: click a pixel of a raster with wavelengths to see its spectrum"))
        self.action.setStatusTip(self.action.toolTip())
        self.action.triggered.connect(self.activate)
        self.iface.addToolBarIcon(self.action)
        self.iface.addPluginToRasterMenu(self.menu, self.action)

    def activate(self, checked: bool = True):
        """Show the dock and make the profile the canvas's map tool (or, unchecked, give the canvas back)."""
        canvas = self.iface.mapCanvas()
        if not checked:
            if self.tool is not None and canvas.mapTool() is self.tool:
                canvas.unsetMapTool(self.tool)
            return
        if self.dock is None:
            from .profile_dock import ProfileDock
            from .profile_tool import ProfileMapTool

            self.dock = ProfileDock(self.iface, self.iface.mainWindow())
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
            self.tool = ProfileMapTool(canvas)
            self.tool.setAction(self.action)  # QGIS unchecks the action when another tool takes over
            self.tool.clicked.connect(self._clicked)
        self.dock.setUserVisible(True)
        canvas.setMapTool(self.tool)
        self.action.setChecked(True)

    def _clicked(self, point, keep):
        if not self.dock.isUserVisible():
            self.dock.setUserVisible(True)  # closed while the tool stayed active: a click brings it back
        self.dock.pick(point, None, keep)

    def unload(self):
        canvas = self.iface.mapCanvas()
        if self.tool is not None:
            if canvas.mapTool() is self.tool:
                canvas.unsetMapTool(self.tool)
            self.tool.deleteLater()
            self.tool = None
        if self.dock is not None:
            self.dock.cleanup()
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
        if self.action is not None:
            self.iface.removePluginRasterMenu(self.menu, self.action)
            self.iface.removeToolBarIcon(self.action)
            self.action.deleteLater()
            self.action = None
