"""hyspec_qgis.core: the QGIS-free engine (numpy, h5py, GDAL, scikit-learn).

Usable from plain Python: ``from hyspec_qgis.core import import_neon, SpectralRaster``. The names below are imported
on first use (PEP 562), so importing one light module (``hyspec_qgis.core.errors``, ``.defaults``) does not import
numpy, h5py and the engine: the QGIS plugin starts without them.
"""
import importlib

_EXPORTS = {
    "Progress": ".engine.progress",
    "Cancelled": ".errors", "HyspecError": ".errors", "NeonFormatError": ".errors", "OutputError": ".errors",
    "ParameterError": ".errors", "SpectraError": ".errors",
    "import_neon": ".io.importer",
    "NeonReader": ".io.neon", "read_metadata": ".io.neon",
    "SpectralRaster": ".io.raster_reader",
    "RasterWriter": ".io.raster_writer",
    "Spectra": ".io.spectra_csv", "match_to_raster": ".io.spectra_csv", "read_spectra_csv": ".io.spectra_csv",
    "write_spectra_csv": ".io.spectra_csv",
}

__all__ = list(_EXPORTS)


def __getattr__(name):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
