"""The spectral profile dock: the clicked pixel's spectrum against wavelength, kept spectra, CSV overlays, export.

It holds the shown curves (:class:`~hyspec_qgis.core.io.profile_spectra.Curve`) and nothing of the raster: every
click opens the layer's file, reads the one pixel (``PixelReader``: 1 x 1 x bands) and closes it again, so no file
stays open (an algorithm may replace it) and a re-written layer is read as it is now. Each kept pixel gets a marker
on the map in its curve's colour.
"""
from __future__ import annotations

import os

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsMapLayerProxyModel,
    QgsPointXY,
    QgsProject,
    QgsProviderRegistry,
    QgsRasterLayer,
    QgsSettings,
)
from qgis.gui import QgsDockWidget, QgsMapLayerComboBox, QgsVertexMarker
from qgis.PyQt.QtCore import QPointF, Qt
from qgis.PyQt.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import HyspecError
from ..core.io.pixel_spectrum import NoDataPixel, PixelReader
from ..core.io.profile_spectra import PIXEL_COLORS, coordinate_decimals, export_spectra, library_curves, pixel_curve
from ..core.io.spectra_csv import read_spectra_csv
from ..i18n.translator import tr, translate_message
from .profile_plot import make_plot

SETTINGS_DIR = "hyspec/profile/lastDir"


def _raster_filter():
    """The layer combo's raster filter: Qgis.LayerFilter from QGIS 3.34 on, QgsMapLayerProxyModel.Filter before."""
    return getattr(Qgis, "LayerFilter", QgsMapLayerProxyModel.Filter).RasterLayer


def _swatch(color, dashed: bool) -> QIcon:
    pix = QPixmap(26, 12)
    pix.fill(QColor(255, 255, 255, 0))
    p = QPainter(pix)
    pen = QPen(QColor(*color))
    pen.setWidthF(2.5)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    p.setPen(pen)
    p.drawLine(QPointF(1, 6), QPointF(25, 6))
    p.end()
    return QIcon(pix)


def layer_path(layer) -> str | None:
    """The file behind a GDAL raster layer (None for other providers: WMS, XYZ, ...)."""
    if not isinstance(layer, QgsRasterLayer) or layer.providerType() != "gdal":
        return None
    parts = QgsProviderRegistry.instance().decodeUri("gdal", layer.source())
    return parts.get("path") or layer.source()


class ProfileDock(QgsDockWidget):
    def __init__(self, iface, parent=None):
        super().__init__(tr("Spectral profile"), parent)
        self.setObjectName("HyspecSpectralProfileDock")
        self.iface = iface
        self.canvas = iface.mapCanvas()
        self.kept = []  # pixel curves kept for comparison
        self.current = None  # the last clicked pixel, replaced by the next click
        self.library = []  # curves from spectra CSVs
        self.markers = {}  # curve name -> QgsVertexMarker
        self.message_text = ""

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Layer"), body))
        self.layer_combo = QgsMapLayerComboBox(body)
        self.layer_combo.setFilters(_raster_filter())
        self.layer_combo.setToolTip(tr("The raster whose pixels are read; follows the layer selected in the "
                                       "Layers panel"))
        row.addWidget(self.layer_combo, 1)
        layout.addLayout(row)
        self.plot = make_plot(body)
        layout.addWidget(self.plot, 5)
        self.legend = QListWidget(body)
        self.legend.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.legend.setWordWrap(True)  # long labels (layer, row/col, coordinates) wrap instead of scrolling away
        self.legend.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.legend.setResizeMode(QListView.ResizeMode.Adjust)
        self.legend.setToolTip(tr("Row and column are 0-based; coordinates are the pixel centre in the layer's CRS"))
        layout.addWidget(self.legend, 2)
        buttons = QHBoxLayout()
        self.add_button = self._button(buttons, tr("Add"), tr("Keep the current spectrum for comparison "
                                                              "(or Shift-click on the map)"), self.add_current)
        self.remove_button = self._button(buttons, tr("Remove"), tr("Remove the selected spectra"),
                                          self.remove_selected)
        self.clear_button = self._button(buttons, tr("Clear"), tr("Remove every spectrum"), self.clear)
        self.overlay_button = self._button(buttons, tr("Overlay CSV…"),
                                           tr("Draw the spectra of a spectra CSV (endmembers, cluster centres) in "
                                              "their class colours"), self._overlay_clicked)
        self.export_button = self._button(buttons, tr("Export CSV…"),
                                          tr("Save the spectra shown as a spectra CSV (band,wavelength_nm,name1,"
                                             "name2,...) usable as ENDMEMBERS or START_CENTERS"),
                                          self._export_clicked)
        layout.addLayout(buttons)
        self.status = QLabel(body)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        self.setWidget(body)
        self.setMinimumWidth(380)

        self._follow(iface.activeLayer())
        iface.currentLayerChanged.connect(self._follow)
        self.canvas.destinationCrsChanged.connect(self._place_markers)
        self.closed.connect(lambda: self._show_markers(False))
        self.opened.connect(lambda: self._show_markers(True))
        self._refresh()

    def _button(self, row, text, tip, slot):
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.clicked.connect(lambda _checked=False: slot())
        row.addWidget(button)
        return button

    def _follow(self, layer):
        if isinstance(layer, QgsRasterLayer):
            self.layer_combo.setLayer(layer)

    # --- what is shown ----------------------------------------------------------------------------------------------

    def curves(self):
        """The curves in legend order: kept pixels, the current pixel, library spectra."""
        return self.kept + ([self.current] if self.current is not None else []) + self.library

    def _names(self, without=None):
        return [c.name for c in self.curves() if c is not without]

    def _color_index(self):
        used = {c.color for c in self.kept}
        return next((i for i, color in enumerate(PIXEL_COLORS) if color not in used), len(self.kept))

    def _refresh(self):
        self.plot.set_curves(self.library + self.kept + ([self.current] if self.current else []), self.current)
        self.legend.clear()
        for curve in self.curves():
            text = tr("{0} (current)").format(curve.label) if curve is self.current else curve.label
            item = QListWidgetItem(_swatch(curve.color, curve.kind == "library"), text)
            lines = [curve.label, curve.source, tr("CSV column: {0}").format(curve.name)]
            if curve.details.get("crs_name"):
                lines.insert(1, tr("Coordinates in {0}").format(curve.details["crs_name"]))
            item.setToolTip("\n".join(lines))
            item.setData(Qt.ItemDataRole.UserRole, curve.name)
            self.legend.addItem(item)
        has_pixels = bool(self.kept or self.current)
        self.add_button.setEnabled(self.current is not None)
        self.remove_button.setEnabled(bool(self.curves()))
        self.clear_button.setEnabled(bool(self.curves()))
        self.export_button.setEnabled(has_pixels or bool(self.library))

    def message(self, text: str, error: bool = False):
        self.message_text = text
        self.status.setStyleSheet("color: #b00020;" if error else "")
        self.status.setText(text)

    # --- clicks -----------------------------------------------------------------------------------------------------

    def pick(self, point: QgsPointXY, crs: QgsCoordinateReferenceSystem | None = None, keep: bool = False):
        """Read the pixel under ``point`` (given in ``crs``, default the canvas CRS) of the chosen layer; returns
        its curve, or None with the reason in the status line."""
        layer = self.layer_combo.currentLayer()
        if layer is None:
            self.message(tr("Choose a raster layer with wavelengths first."), True)
            return None
        path = layer_path(layer)
        if path is None:
            self.message(tr("{0}: only rasters read through GDAL (files) have pixel spectra.").format(layer.name()),
                         True)
            return None
        crs = crs if crs is not None else self.canvas.mapSettings().destinationCrs()
        try:
            target = self._to_layer(point, crs, layer)
        except QgsCsException:
            self.message(tr("{0}: the point cannot be transformed to the layer's CRS.").format(layer.name()), True)
            return None
        try:
            with PixelReader(path, layer.name()) as reader:
                found = reader.locate(target.x(), target.y())
                if found is None:
                    self.message(tr("{0}: the point is outside the raster.").format(layer.name()), True)
                    return None
                spectrum = reader.read(*found)
        except NoDataPixel:
            self.message(tr("{0}: no data at this pixel (row {1}, col {2}).").format(layer.name(), *found), True)
            return None
        except HyspecError as exc:
            self.message(translate_message(exc), True)
            return None
        index = self._color_index()
        curve = pixel_curve(spectrum, layer.name(), layer.crs().authid(), index,
                            taken=self._names(without=self.current))
        curve.details["crs"] = layer.crs()
        d = coordinate_decimals(spectrum.pixel_size)
        curve.label = tr("{0}: row {1}, col {2} ({3}, {4})").format(
            layer.name(), spectrum.row, spectrum.col, f"{spectrum.x:.{d}f}", f"{spectrum.y:.{d}f}")
        if spectrum.n_missing:
            curve.label += " " + tr("[{0} no-data bands]").format(spectrum.n_missing)
        self._drop_marker(self.current)
        self.current = curve
        self._add_marker(curve)
        text = tr("{0}: row {1}, col {2}, {3} bands").format(layer.name(), spectrum.row, spectrum.col,
                                                               spectrum.values.size)
        if spectrum.n_missing:
            text += tr("; {0} bands are no-data (gaps in the line)").format(spectrum.n_missing)
        self.message(text)
        if keep:
            self.add_current()
        else:
            self._refresh()
        return curve

    def _to_layer(self, point, crs, layer):
        if not crs.isValid() or not layer.crs().isValid() or crs == layer.crs():
            return QgsPointXY(point)
        return QgsCoordinateTransform(crs, layer.crs(), QgsProject.instance()).transform(QgsPointXY(point))

    def add_current(self):
        if self.current is None:
            return
        self.kept.append(self.current)
        self.current = None
        self._refresh()

    def remove_selected(self):
        names = {item.data(Qt.ItemDataRole.UserRole) for item in self.legend.selectedItems()}
        if not names:
            self.message(tr("Select spectra in the list to remove them."))
            return
        for curve in self.curves():
            if curve.name in names:
                self._drop_marker(curve)
        self.kept = [c for c in self.kept if c.name not in names]
        self.library = [c for c in self.library if c.name not in names]
        if self.current is not None and self.current.name in names:
            self.current = None
        self._refresh()

    def clear(self):
        for curve in self.curves():
            self._drop_marker(curve)
        self.kept, self.current, self.library = [], None, []
        self.message("")
        self._refresh()

    # --- CSV overlay and export -------------------------------------------------------------------------------------

    def overlay_csv(self, path: str):
        """Draw every spectrum of a spectra CSV in its class colour; returns the new curves or None."""
        try:
            spectra = read_spectra_csv(path, tr("Spectra CSV"))
            curves = library_curves(spectra, path, os.path.basename(path), taken=self._names())
            for curve, name in zip(curves, spectra.names):
                curve.label = tr("{0} ({1})").format(name, os.path.basename(path))
        except HyspecError as exc:
            self.message(translate_message(exc), True)
            return None
        self.library += curves
        self.message(tr("{0}: {1} spectra").format(os.path.basename(path), len(curves)))
        self._refresh()
        return curves

    def export_csv(self, path: str):
        """Write the spectra shown as a spectra CSV; returns the export plan or None."""
        if not path.lower().endswith(".csv"):
            path += ".csv"
        try:
            plan = export_spectra(path, self.curves())
        except (HyspecError, OSError) as exc:
            self.message(translate_message(exc), True)
            return None
        text = tr("Exported {0} spectra ({1} bands) to {2}").format(plan.spectra.n_spectra, plan.spectra.n_bands,
                                                                    path)
        if plan.skipped:
            text += tr("; left out (no-data bands): {0}").format(", ".join(n for n, _ in plan.skipped))
        if plan.dropped_bands:
            text += tr("; {0} bands not shared by every spectrum were left out").format(plan.dropped_bands)
        self.message(text)
        return plan

    def _ask_open_path(self):
        path, _ = QFileDialog.getOpenFileName(self, tr("Overlay a spectra CSV"), self._last_dir(),
                                              tr("Spectra CSV (*.csv);;All files (*)"))
        return path

    def _ask_save_path(self):
        path, _ = QFileDialog.getSaveFileName(self, tr("Export the spectra shown"),
                                              os.path.join(self._last_dir(), "spectra.csv"), tr("Spectra CSV (*.csv)"))
        return path

    def _last_dir(self):
        return QgsSettings().value(SETTINGS_DIR, os.path.expanduser("~"))

    def _remember(self, path):
        QgsSettings().setValue(SETTINGS_DIR, os.path.dirname(os.path.abspath(path)))

    def _overlay_clicked(self):
        path = self._ask_open_path()
        if path:
            self._remember(path)
            self.overlay_csv(path)

    def _export_clicked(self):
        path = self._ask_save_path()
        if path:
            self._remember(path)
            self.export_csv(path)

    # --- markers on the map -----------------------------------------------------------------------------------------

    def _add_marker(self, curve):
        marker = QgsVertexMarker(self.canvas)
        marker.setIconType(QgsVertexMarker.IconType.ICON_BOX)
        marker.setIconSize(12)
        marker.setPenWidth(3)
        marker.setColor(QColor(*curve.color))
        marker.setFillColor(QColor(255, 255, 255, 0))
        self.markers[curve.name] = (marker, curve)
        self._place(marker, curve)
        marker.setVisible(self.isVisible())

    def _place(self, marker, curve):
        point = QgsPointXY(curve.details["x"], curve.details["y"])
        crs, canvas_crs = curve.details.get("crs"), self.canvas.mapSettings().destinationCrs()
        if crs is not None and crs.isValid() and canvas_crs.isValid() and crs != canvas_crs:
            try:
                point = QgsCoordinateTransform(crs, canvas_crs, QgsProject.instance()).transform(point)
            except QgsCsException:
                marker.setVisible(False)
                return
        marker.setCenter(point)

    def _place_markers(self):
        for marker, curve in self.markers.values():
            self._place(marker, curve)

    def _show_markers(self, visible):
        for marker, _ in self.markers.values():
            marker.setVisible(visible)

    def _drop_marker(self, curve):
        if curve is None or curve.name not in self.markers:
            return
        marker, _ = self.markers.pop(curve.name)
        self.canvas.scene().removeItem(marker)

    def cleanup(self):
        """Remove the markers and disconnect from QGIS (called on unload)."""
        for curve in list(self.curves()):
            self._drop_marker(curve)
        for signal, slot in ((self.iface.currentLayerChanged, self._follow),
                             (self.canvas.destinationCrsChanged, self._place_markers)):
            try:
                signal.disconnect(slot)
            except (TypeError, RuntimeError):
                pass
