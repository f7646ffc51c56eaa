"""Desktop-only parts of the plugin (QGIS window, no Processing): the spectral profile tool.

Imported by ``plugin.initGui`` only, never by ``initProcessing``, so ``qgis_process`` loads none of it.
"""
