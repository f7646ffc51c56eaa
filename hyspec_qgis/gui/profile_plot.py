"""The plot of the profile dock: matplotlib where QGIS's Python has it, otherwise a plain QPainter drawing.

Both draw the same thing from :mod:`hyspec_qgis.core.io.profile_spectra`: every curve broken at removed bands and
no-data bands (``segments``), pixel spectra as solid lines, library spectra (a CSV) dashed in their class colours, on
the same axis limits and ticks. matplotlib is imported only when the dock is first opened, never at plugin start-up.
"""
from __future__ import annotations

import numpy as np
from qgis.PyQt.QtCore import QPointF, QRectF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QFont, QPainter, QPen, QPolygonF, QTextOption
from qgis.PyQt.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from ..core.io.profile_spectra import limits, nice_ticks, segments
from ..i18n.translator import tr


def _axis_labels():
    return tr("Wavelength (nm)"), tr("Reflectance")


def _tick_text(value: float) -> str:
    return f"{value:g}"


def _text(painter, rect, text, alignment):
    """drawText with an alignment, through QTextOption (the int-flags overload differs between PyQt5 and PyQt6)."""
    painter.drawText(rect, text, QTextOption(alignment))


class PainterPlot(QWidget):
    """The fallback plot, drawn with QPainter only (no matplotlib)."""

    backend = "painter"
    MARGINS = (58, 14, 16, 42)  # left, top, right, bottom

    def __init__(self, parent=None):
        super().__init__(parent)
        self.curves = []
        self.current = None
        self.setMinimumSize(QSize(320, 220))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAutoFillBackground(True)

    def set_curves(self, curves, current=None):
        self.curves, self.current = list(curves), current
        self.update()

    def paintEvent(self, event):  # noqa: N802 - Qt API
        p = QPainter(self)
        try:
            self._paint(p)
        finally:
            p.end()

    def _paint(self, p):
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.fillRect(self.rect(), QColor(255, 255, 255))
        left, top, right, bottom = self.MARGINS
        area = QRectF(left, top, max(10, self.width() - left - right), max(10, self.height() - top - bottom))
        xlabel, ylabel = _axis_labels()
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        p.setFont(font)
        lim = limits(self.curves)
        if lim is None:
            p.setPen(QColor(110, 110, 110))
            _text(p, area, tr("Click a pixel of a raster with wavelengths"), Qt.AlignmentFlag.AlignCenter)
            return
        x0, x1, y0, y1 = lim

        def sx(v):
            return area.left() + (v - x0) / (x1 - x0) * area.width()

        def sy(v):
            return area.bottom() - (v - y0) / ((y1 - y0) or 1.0) * area.height()

        grid = QPen(QColor(225, 225, 225))
        axis = QPen(QColor(70, 70, 70))
        for t in nice_ticks(y0, y1, 5):
            y = sy(t)
            p.setPen(grid)
            p.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            p.setPen(axis)
            _text(p, QRectF(0, y - 8, left - 6, 16), _tick_text(t),
                  Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for t in nice_ticks(x0, x1, 6):
            x = sx(t)
            p.setPen(axis)
            p.drawLine(QPointF(x, area.bottom()), QPointF(x, area.bottom() + 4))
            _text(p, QRectF(x - 30, area.bottom() + 5, 60, 16), _tick_text(t), Qt.AlignmentFlag.AlignHCenter)
        p.setPen(axis)
        p.drawRect(area)
        _text(p, QRectF(area.left(), self.height() - 20, area.width(), 18), xlabel, Qt.AlignmentFlag.AlignHCenter)
        p.save()
        p.translate(12, area.center().y())
        p.rotate(-90)
        _text(p, QRectF(-area.height() / 2, -8, area.height(), 16), ylabel, Qt.AlignmentFlag.AlignHCenter)
        p.restore()
        p.setClipRect(area.adjusted(-1, -1, 1, 1))
        for curve in self.curves:
            pen = QPen(QColor(*curve.color))
            pen.setWidthF(1.4 if curve.kind == "library" else (2.4 if curve is self.current else 1.8))
            if curve.kind == "library":
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            wl = np.asarray(curve.wavelengths, dtype=float)
            v = np.asarray(curve.values, dtype=float)
            for run in segments(wl, v):
                if run.size == 1:
                    p.drawEllipse(QPointF(sx(wl[run[0]]), sy(v[run[0]])), 1.5, 1.5)
                    continue
                p.drawPolyline(QPolygonF([QPointF(sx(wl[i]), sy(v[i])) for i in run]))


def _matplotlib_plot_class():
    """The matplotlib plot class, or None when matplotlib (or its Qt backend for this Qt) cannot be imported."""
    try:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure
    except Exception:  # noqa: BLE001 - missing, or built for another Qt binding: fall back to QPainter
        return None

    class MatplotlibPlot(QWidget):
        backend = "matplotlib"

        def __init__(self, parent=None):
            super().__init__(parent)
            self.curves, self.current = [], None
            self.figure = Figure(figsize=(5.0, 3.2), dpi=100, facecolor="white")
            self.canvas = FigureCanvasQTAgg(self.figure)
            self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            layout = QVBoxLayout(self)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(self.canvas)
            self.setMinimumSize(QSize(320, 220))
            self.axes = self.figure.add_subplot(111)
            self._draw()

        def set_curves(self, curves, current=None):
            self.curves, self.current = list(curves), current
            self._draw()

        def resizeEvent(self, event):  # noqa: N802 - Qt API
            super().resizeEvent(event)
            self._layout()

        def _layout(self):
            try:
                self.figure.tight_layout(pad=0.6)
            except (ValueError, RuntimeError):  # too small to lay out: keep the previous layout
                pass

        def _draw(self):
            ax = self.axes
            ax.clear()
            xlabel, ylabel = _axis_labels()
            ax.set_xlabel(xlabel, fontsize=9)
            ax.set_ylabel(ylabel, fontsize=9)
            ax.tick_params(labelsize=8)
            ax.grid(True, color="#e1e1e1", linewidth=0.8)
            ax.set_axisbelow(True)
            lim = limits(self.curves)
            if lim is None:
                ax.text(0.5, 0.5, tr("Click a pixel of a raster with wavelengths"), transform=ax.transAxes,
                        ha="center", va="center", color="#6e6e6e", fontsize=9)
                ax.set_xticks([])
                ax.set_yticks([])
            else:
                for curve in self.curves:
                    color = tuple(c / 255.0 for c in curve.color)
                    library = curve.kind == "library"
                    width = 1.4 if library else (2.4 if curve is self.current else 1.8)
                    wl = np.asarray(curve.wavelengths, dtype=float)
                    v = np.asarray(curve.values, dtype=float)
                    for run in segments(wl, v):
                        ax.plot(wl[run], v[run], color=color, linewidth=width, linestyle="--" if library else "-",
                                marker="." if run.size == 1 else None, markersize=3)
                x0, x1, y0, y1 = lim
                ax.set_xlim(x0, x1)
                ax.set_ylim(y0, y1)
                ax.set_xticks(nice_ticks(x0, x1, 6))
                ax.set_yticks(nice_ticks(y0, y1, 5))
            self._layout()
            self.canvas.draw_idle()

    return MatplotlibPlot


def make_plot(parent=None, prefer_matplotlib: bool = True):
    """A plot widget with ``set_curves(curves, current)`` and ``backend`` ("matplotlib" or "painter")."""
    cls = _matplotlib_plot_class() if prefer_matplotlib else None
    return (cls or PainterPlot)(parent)
