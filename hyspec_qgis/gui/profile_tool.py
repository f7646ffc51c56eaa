"""The map tool of the spectral profile: a click on the canvas emits the point (in the canvas CRS).

A plain click replaces the current spectrum; Shift- or Ctrl-click keeps it at once (as the dock's Add button does).
"""
from __future__ import annotations

from qgis.core import QgsPointXY
from qgis.gui import QgsMapTool
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QCursor


class ProfileMapTool(QgsMapTool):
    clicked = pyqtSignal(QgsPointXY, bool)  # the point in the canvas CRS, and whether to keep the spectrum

    def __init__(self, canvas):
        super().__init__(canvas)
        self.setCursor(QCursor(Qt.CursorShape.CrossCursor))

    def canvasReleaseEvent(self, event):  # noqa: N802 - QGIS API
        if event.button() != Qt.MouseButton.LeftButton:
            return
        keep = bool(event.modifiers() & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier))
        self.clicked.emit(QgsPointXY(event.originalMapPoint()), keep)  # never a snapped point
