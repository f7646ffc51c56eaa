"""The Processing provider "hyspec": one addAlgorithm per algorithm file, plus the bundled models."""
import os

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from .i18n.translator import tr

ICON = os.path.join(os.path.dirname(__file__), "icons", "hyspec.svg")


class HyspecProvider(QgsProcessingProvider):
    def id(self):
        return "hyspec"

    def name(self):
        return tr("Hyperspectral (NEON AOP)")

    def longName(self):  # noqa: N802
        return tr("hyspec: NEON AOP imaging spectroscopy")

    def icon(self):
        return QIcon(ICON) if os.path.exists(ICON) else super().icon()

    def loadAlgorithms(self):  # noqa: N802
        from .algorithms.importneon import ImportNeonAlgorithm

        self.addAlgorithm(ImportNeonAlgorithm())
        # hyspec: algorithms above this line (one import + addAlgorithm per algorithm file)
