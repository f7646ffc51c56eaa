"""QGIS plugin: registers the Processing provider in initProcessing (which is what makes qgis_process see it)."""
from qgis.core import QgsApplication

from .i18n.translator import install_translator, remove_translators


class HyspecPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.profile = None  # the spectral profile tool (desktop only: created in initGui)
        self.translator = install_translator()

    def initProcessing(self):  # noqa: N802 - QGIS API
        from .provider import HyspecProvider

        self.provider = HyspecProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802 - QGIS API
        self.initProcessing()
        from .gui.profile import SpectralProfile

        self.profile = SpectralProfile(self.iface)
        self.profile.init_gui()

    def unload(self):
        if self.profile is not None:
            self.profile.unload()
            self.profile = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translators()
        self.translator = None
