"""hyspec_qgis: NEON AOP imaging spectroscopy as QGIS Processing algorithms.

Only ``classFactory`` lives here, and it imports QGIS lazily, so ``import hyspec_qgis.core`` stays QGIS-free.
"""


def classFactory(iface):  # noqa: N802 - QGIS plugin entry point
    from .plugin import HyspecPlugin

    return HyspecPlugin(iface)
