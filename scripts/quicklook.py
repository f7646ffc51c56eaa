"""Render rasters (each with its .qml style) and spectra plots (.html with an inline SVG) to PNG, with QGIS/Qt.

Usage: quicklook.py '[["path.tif or path.html", "caption"], ...]'  -> writes <name>_quicklook.png next to each.
"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsMapRendererCustomPainterJob,
    QgsMapSettings,
    QgsRasterLayer,
)
from qgis.PyQt.QtCore import QByteArray, QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor, QImage, QPainter  # noqa: E402
from qgis.PyQt.QtSvg import QSvgRenderer  # noqa: E402


def render_svg(html_path, png):
    """The inline SVG of a spectra plot page, as PNG."""
    text = open(html_path, encoding="utf-8").read()
    svg = text[text.find("<svg"): text.rfind("</svg>") + 6]
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    size = renderer.defaultSize()
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor(255, 255, 255))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    image.save(png)
    return png


def render(path, png, size=400):
    layer = QgsRasterLayer(path, os.path.basename(path), "gdal")
    if not layer.isValid():
        raise RuntimeError(f"cannot load {path}")
    qml = os.path.splitext(path)[0] + ".qml"
    if os.path.exists(qml):
        layer.loadNamedStyle(qml)
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setExtent(layer.extent())
    settings.setOutputSize(QSize(size, size))
    settings.setBackgroundColor(QColor(255, 255, 255))
    image = QImage(QSize(size, size), QImage.Format.Format_ARGB32)
    image.fill(QColor(255, 255, 255))
    painter = QPainter(image)
    job = QgsMapRendererCustomPainterJob(settings, painter)
    job.start()
    job.waitForFinished()
    painter.end()
    image.save(png)
    return png


def main():
    items = json.loads(sys.argv[1])
    app = QgsApplication([], False)
    app.initQgis()
    for path, caption in items:
        png = os.path.splitext(path)[0] + "_quicklook.png"
        (render_svg if path.endswith(".html") else render)(path, png)
        print(f"  {os.path.basename(png):<32} {caption}")
    app.exitQgis()


if __name__ == "__main__":
    main()
