"""hyspec:importneon - NEON AOP reflectance HDF5 to a georeferenced, wavelength-labelled GeoTIFF."""
import os

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterString,
)

from ..core.defaults import IMPORT_ENCODINGS as ENCODINGS
from ..i18n.translator import tr
from . import styling
from .base import HyspecAlgorithm
from .extent import extent_in_crs
from .params import enum_param, enum_value

ANCILLARY_ALIASES = {"Acquisition_Date": "Acqusition_Date"}  # NEON's .002 files spell it "Acqusition_Date"


class ImportNeonAlgorithm(HyspecAlgorithm):
    ID = "importneon"
    DISPLAY = "Import NEON reflectance (HDF5)"
    GROUP = "Import"
    GROUP_ID = "import"
    REQUIRES = ("h5py",)
    INTRO = (
        "Converts a NEON AOP surface reflectance HDF5 file (DP3.30006.001 tile, DP3.30006.002 bidirectional tile or "
        "DP1.30006.001 flightline) into a GeoTIFF that loads as a georeferenced layer: CRS from the file's EPSG "
        "code, pixel-corner georeference from Map_Info, one band per wavelength named '<n>: <wavelength> nm' with "
        "wavelength and FWHM metadata, and -9999 as no-data. The file is read in row blocks, so a full tile or a "
        "long flightline never needs the whole cube in memory. The output opens as a true-colour composite "
        "(bands nearest 650, 550 and 450 nm)."
    )
    REFERENCE = (
        "NEON (2024). Spectrometer orthorectified surface reflectance (DP1.30006.001, DP3.30006.001, DP3.30006.002). "
        "NEON Algorithm Theoretical Basis Documents; NEON Data Skills tutorial 'NEON AOP Hyperspectral Data in HDF5 "
        "format with Python'."
    )

    INPUT, EXTENT, ENCODING, ANCILLARY, ANCILLARY_FOLDER, OUTPUT = (
        "INPUT", "EXTENT", "ENCODING", "ANCILLARY", "ANCILLARY_FOLDER", "OUTPUT")

    def declare(self):
        self.add(QgsProcessingParameterFile(self.INPUT, tr("NEON reflectance file (.h5)"), extension="h5"),
                 tr("A NEON AOP reflectance HDF5 file. Radiance files (DP1.30008) are not reflectance and are refused."))
        self.add(QgsProcessingParameterExtent(self.EXTENT, tr("Extent"), optional=True),
                 tr("Only import the pixels intersecting this extent (any CRS; it is reprojected to the file's). "
                    "The output keeps the original pixel grid."))
        self.add(enum_param(self.ENCODING, tr("Output encoding"), ENCODINGS),
                 tr("float32: reflectance 0-1 (default; about 4 bytes per value). int16: the stored integers "
                    "with a GDAL scale of 1/Scale_Factor, so QGIS and GDAL read reflectance; half the size."))
        self.add(QgsProcessingParameterString(self.ANCILLARY, tr("Ancillary layers to export"), optional=True),
                 tr("Semicolon-separated names of ancillary rasters to export next to the cube, e.g. "
                    "'Weather_Quality_Indicator;Water_Vapor_Column;Acquisition_Date;Slope'. Each becomes "
                    "<name>.tif in the ancillary folder."), advanced=True)
        self.add(QgsProcessingParameterFolderDestination(self.ANCILLARY_FOLDER, tr("Ancillary output folder"),
                                                         optional=True, createByDefault=False),
                 tr("Folder for the ancillary rasters (required when ancillary layers are asked for)."), advanced=True)
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT, tr("Reflectance")),
                 tr("GeoTIFF reflectance cube (tiled, ZSTD-compressed, BIGTIFF when needed)."))

    def process(self, parameters, context, feedback, progress):
        from ..core.io.importer import import_neon

        path = self.parameterAsFile(parameters, self.INPUT, context)
        output = self.dest(self.OUTPUT)
        encoding = enum_value(self, parameters, self.ENCODING, context, ENCODINGS)
        names = [n.strip() for n in (self.parameterAsString(parameters, self.ANCILLARY, context) or "").split(";")
                 if n.strip()]
        ancillary = {}
        folder = None
        if names:
            folder = self.parameterAsFileOutput(parameters, self.ANCILLARY_FOLDER, context)
            if not folder:
                raise QgsProcessingException(tr("ANCILLARY_FOLDER: a folder is needed to export ancillary layers"))
            if os.path.exists(folder) and not os.path.isdir(folder):
                raise QgsProcessingException(tr("ANCILLARY_FOLDER: {0} is a file, not a folder").format(folder))
            os.makedirs(folder, exist_ok=True)
            for name in names:
                stored = ANCILLARY_ALIASES.get(name, name)
                ancillary[stored] = self.stage(f"{self.ANCILLARY_FOLDER}/{name}", os.path.join(folder, f"{name}.tif"))
        result = import_neon(path, output, encoding=encoding, ancillary=ancillary, progress=progress,
                             extent=extent_in_crs(self, parameters, self.EXTENT, context))
        window = result.window
        feedback.pushInfo(tr("Wrote {0} x {1} pixels from row {2}, column {3}").format(
            window.width, window.height, window.row0, window.col0))
        self.style_output(context, output, styling.true_color(result.metadata.wavelengths))
        self.name_output(self.OUTPUT, tr("reflectance ({0} bands)").format(len(result.metadata.wavelengths)))
        return {self.OUTPUT: output, self.ANCILLARY_FOLDER: folder}
