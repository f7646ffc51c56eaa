"""hyspec_qgis.core: the QGIS-free engine (numpy, h5py, GDAL, scikit-learn).

Usable from plain Python: ``from hyspec_qgis.core import import_neon, SpectralRaster``.
"""
from .errors import Cancelled, HyspecError, NeonFormatError, ParameterError, SpectraError
from .importer import import_neon
from .neon import NeonReader, read_metadata
from .progress import Progress
from .raster_reader import SpectralRaster
from .raster_writer import RasterWriter
from .spectra_csv import Spectra, match_to_raster, read_spectra_csv, write_spectra_csv

__all__ = [
    "Cancelled", "HyspecError", "NeonFormatError", "ParameterError", "SpectraError", "import_neon", "NeonReader",
    "read_metadata", "Progress", "SpectralRaster", "RasterWriter", "Spectra", "match_to_raster",
    "read_spectra_csv", "write_spectra_csv",
]
