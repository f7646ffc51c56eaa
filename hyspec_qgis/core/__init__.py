"""hyspec_qgis.core: the QGIS-free engine (numpy, h5py, GDAL, scikit-learn).

Usable from plain Python: ``from hyspec_qgis.core import import_neon, SpectralRaster``.
"""
from .engine.progress import Progress
from .errors import Cancelled, HyspecError, NeonFormatError, OutputError, ParameterError, SpectraError
from .io.importer import import_neon
from .io.neon import NeonReader, read_metadata
from .io.raster_reader import SpectralRaster
from .io.raster_writer import RasterWriter
from .io.spectra_csv import Spectra, match_to_raster, read_spectra_csv, write_spectra_csv

__all__ = [
    "Cancelled", "HyspecError", "NeonFormatError", "OutputError", "ParameterError", "SpectraError", "import_neon", "NeonReader",
    "read_metadata", "Progress", "SpectralRaster", "RasterWriter", "Spectra", "match_to_raster",
    "read_spectra_csv", "write_spectra_csv",
]
