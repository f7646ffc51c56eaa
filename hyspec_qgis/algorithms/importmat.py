"""hyspec:importmat - a MATLAB .mat benchmark scene (v5 or v7.3) to our spectral GeoTIFF, with its ground truth."""
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingParameterCrs,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterString,
)

from ..core.defaults import MAT_LAYOUTS as LAYOUTS
from ..i18n.translator import tr
from . import styling
from .base import HyspecAlgorithm
from .params import enum_param, enum_value


class ImportMatAlgorithm(HyspecAlgorithm):
    ID = "importmat"
    DISPLAY = "Import MATLAB scene (.mat)"
    GROUP = "Import"
    GROUP_ID = "import"
    REQUIRES = ("h5py",)
    INTRO = (
        "<p>Converts a hyperspectral scene stored in a MATLAB .mat file (the classic benchmark scenes: Samson, "
        "Jasper Ridge, Indian Pines, Pavia, Cuprite...) into the spectral GeoTIFF every hyspec algorithm reads: "
        "float32 values divided by SCALE, wavelengths, -9999 as no-data (for NaN and infinite values). An optional "
        "TRUTH variable (a label map or abundances) is written as its own raster on the same grid.</p>"
        "<p>Formats: MATLAB v5/v6/v7 files (save's default) are read with scipy.io, which loads a variable whole; a "
        "variable that would not fit in the memory available is refused (re-save it with "
        "<code>save(file, 'x', '-v7.3')</code>). MATLAB v7.3 files are HDF5 and are read with h5py in row blocks, "
        "so their size is not limited by memory.</p>"
        "<p>Shapes are MATLAB's, as <code>size(x)</code> shows them, for both formats (h5py sees v7.3 arrays with "
        "their axes reversed; the import undoes that). The cube is a 3-D array whose axes LAYOUT names (auto: "
        "rows x columns x bands, or the axis whose length is the number of wavelengths given), or a 2-D pixel list "
        "(pixels x bands or bands x pixels, recognised from ROWS x COLS) whose pixels are stored column-major "
        "(MATLAB's order, the auto choice) or row-major. The file's variables (name, size, class) are listed in "
        "the log and in every error about VARIABLE.</p>"
        "<p>Without EXTENT the output is a pixel grid: 1 map unit per pixel, the upper-left corner at (0, rows), "
        "MATLAB's first row on top, no CRS; QGIS shows it unscaled. With EXTENT (and CRS) the scene is placed "
        "there.</p>"
        "<p>Safety: nothing in the file is executed or unpickled. Only numeric and logical arrays are read as data; "
        "structs, cell arrays, objects, function handles, sparse and complex arrays are refused with a message "
        "(class names are read as plain text from char arrays and cell arrays of text). In v7.3 files, links and "
        "datasets stored in other files are never followed.</p>"
    )
    REFERENCE = (
        "The MathWorks. MAT-File Format (v5) and MAT-file version 7.3 (HDF5-based). Benchmark scenes: Zhu, F. "
        "(2017). Hyperspectral unmixing: ground truth labeling, datasets, benchmark performances and survey. "
        "arXiv:1708.05125 (Samson, Jasper Ridge, Urban, Cuprite); Baumgardner, M. F. et al. (2015). 220 band "
        "AVIRIS hyperspectral image data set: June 12, 1992 Indian Pine test site 3. Purdue University Research "
        "Repository."
    )

    INPUT, VARIABLE, LAYOUT, ROWS, COLS, SCALE, WAVELENGTHS, CRS, EXTENT, TRUTH, TRUTH_FILE, TRUTH_NAMES = (
        "INPUT", "VARIABLE", "LAYOUT", "ROWS", "COLS", "SCALE", "WAVELENGTHS", "CRS", "EXTENT", "TRUTH", "TRUTH_FILE",
        "TRUTH_NAMES")
    OUTPUT, TRUTH_OUTPUT = "OUTPUT", "TRUTH_OUTPUT"

    def declare(self):
        self.add(QgsProcessingParameterFile(self.INPUT, tr("MATLAB file (.mat)"),
                                            fileFilter=tr("MATLAB files (*.mat);;All files (*.*)")),
                 tr("A MATLAB .mat file, v5/v6/v7 or v7.3 (HDF5). MATLAB v4 files are not read."))
        self.add(QgsProcessingParameterString(self.VARIABLE, tr("Cube variable"), optional=True),
                 tr("Name of the variable holding the cube. Default: the largest 3-D numeric array, else the "
                    "largest 2-D array with ROWS x COLS pixels."))
        self.add(enum_param(self.LAYOUT, tr("Layout"), LAYOUTS),
                 tr("Which MATLAB axes are rows, columns and bands of a 3-D array (rows-cols-bands, "
                    "bands-rows-cols, ...), or the pixel order of a 2-D pixel list: pixels-column-major (MATLAB's "
                    "order, pixel k is row k mod ROWS) or pixels-row-major (pixel k is row k div COLS). auto: "
                    "rows-cols-bands for 3-D arrays (or the axis whose length equals the number of wavelengths "
                    "given), pixels-column-major for 2-D arrays. A wrong pixel order shows the image transposed or "
                    "sheared."))
        for name, label, text in (
                (self.ROWS, tr("Rows (2-D arrays)"),
                 tr("Image rows of a 2-D pixel list. 0: read from a variable of the file such as nRow, or derived "
                    "from COLS.")),
                (self.COLS, tr("Columns (2-D arrays)"),
                 tr("Image columns of a 2-D pixel list. 0: read from a variable of the file such as nCol, or "
                    "derived from ROWS."))):
            self.add(QgsProcessingParameterNumber(name, label, QgsProcessingParameterNumber.Type.Integer,
                                                  defaultValue=0, minValue=0, optional=True), text)
        self.add(QgsProcessingParameterNumber(self.SCALE, tr("Divide values by"),
                                              QgsProcessingParameterNumber.Type.Double, defaultValue=1.0,
                                              minValue=0.0),
                 tr("Every value is divided by this number, e.g. 10000 for reflectance stored as integers "
                    "0-10000, or the file's maximum for scenes normalised that way. 1: values as stored."))
        self.add(QgsProcessingParameterString(self.WAVELENGTHS, tr("Wavelengths"), optional=True),
                 tr("A variable of the file (one value per band, nm or µm), a range 'min-max' spread evenly over "
                    "the bands (e.g. 400-2500 or 0.4-2.5 um; values below 100 are read as µm, and whole numbers below "
                    "100 without a unit are refused as band numbers), or the path of a spectra CSV "
                    "(band,wavelength_nm,...). Default: a vector variable named like 'wavelength', else none. A "
                    "range is exact only for evenly spaced bands: scenes whose noisy bands were removed need the "
                    "sensor's own band centres."))
        self.add(QgsProcessingParameterCrs(self.CRS, tr("CRS"), optional=True),
                 tr("The coordinate reference system of EXTENT. Default: EXTENT's own CRS; without EXTENT, none."))
        self.add(QgsProcessingParameterExtent(self.EXTENT, tr("Extent"), optional=True),
                 tr("Where the scene lies (its outer pixel edges), reprojected to CRS when that is given. Default: a "
                    "pixel grid, 1 unit per pixel, with the upper-left corner at (0, rows)."))
        self.add(QgsProcessingParameterString(self.TRUTH, tr("Ground truth variable"), optional=True),
                 tr("A label map (rows x cols, or one value per pixel: whole numbers, 0 = unlabelled) written as a "
                    "class raster, or abundances (rows x cols x endmembers, or endmembers x pixels) written as "
                    "float32 with one band per endmember. A variable of INPUT, or of TRUTH_FILE when that is given "
                    "(default there: its largest array that fits the image)."))
        self.add(QgsProcessingParameterFile(self.TRUTH_FILE, tr("Ground truth file"), optional=True,
                                            fileFilter=tr("MATLAB files (*.mat);;All files (*.*)")),
                 tr("The .mat file holding the truth when it is not INPUT: most benchmark scenes ship it separately "
                    "(e.g. Indian_pines_gt.mat, or the end3.mat / end4.mat abundances of Samson and Jasper Ridge)."))
        self.add(QgsProcessingParameterString(self.TRUTH_NAMES, tr("Class names"), optional=True),
                 tr("Names of the truth's classes or endmembers: a variable of the truth's file (char array or cell "
                    "array of text) or names separated by ';'. Default: a text variable of that file with one name "
                    "per class (or one more, the first naming class 0), else 'class 1', 'class 2', ..."),
                 advanced=True)
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT, tr("Spectral raster")),
                 tr("float32 GeoTIFF, one band per wavelength, -9999 as no-data, with the wavelengths as metadata."))
        self.add(QgsProcessingParameterRasterDestination(self.TRUTH_OUTPUT, tr("Ground truth raster"), optional=True,
                                                         createByDefault=True),
                 tr("The TRUTH variable on the same grid: a paletted class raster (Byte, UInt16 past 255 classes, "
                    "0 = unlabelled) with the class names, or an abundance raster. Written only when TRUTH or "
                    "TRUTH_FILE is set."))

    def process(self, parameters, context, feedback, progress):
        from ..core.io.matfile import import_mat

        path = self.parameterAsFile(parameters, self.INPUT, context)
        output = self.dest(self.OUTPUT)
        truth_output = self.dest(self.TRUTH_OUTPUT)
        truth = self.parameterAsString(parameters, self.TRUTH, context).strip() or None
        truth_file = self.parameterAsFile(parameters, self.TRUTH_FILE, context) or None
        bounds, crs_wkt = None, ""
        crs = self.parameterAsCrs(parameters, self.CRS, context) if parameters.get(self.CRS) else \
            QgsCoordinateReferenceSystem()
        if parameters.get(self.EXTENT):
            if not crs.isValid():
                crs = self.parameterAsExtentCrs(parameters, self.EXTENT, context)
            rect = self.parameterAsExtent(parameters, self.EXTENT, context, crs)
            if not rect.isNull():
                bounds = (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum())
        if crs.isValid():
            crs_wkt = crs.toWkt(QgsCoordinateReferenceSystem.WktVariant.WKT_PREFERRED_GDAL)
        result = import_mat(
            path, output,
            variable=self.parameterAsString(parameters, self.VARIABLE, context).strip() or None,
            layout=enum_value(self, parameters, self.LAYOUT, context, LAYOUTS),
            rows=self.parameterAsInt(parameters, self.ROWS, context),
            cols=self.parameterAsInt(parameters, self.COLS, context),
            scale=self.parameterAsDouble(parameters, self.SCALE, context),
            wavelengths=self.parameterAsString(parameters, self.WAVELENGTHS, context).strip() or None,
            bounds=bounds, crs_wkt=crs_wkt, truth=truth, truth_file=truth_file,
            truth_names=self.parameterAsString(parameters, self.TRUTH_NAMES, context).strip() or None,
            truth_output=truth_output if truth or truth_file else None, progress=progress)
        self.style_output(context, output, styling.true_color(result.wavelengths, result.bands))
        self.name_output(self.OUTPUT, tr("spectral raster ({0} bands)").format(result.bands))
        written = None
        if result.truth_kind == "classes":
            self.style_output(context, truth_output, styling.classes(result.truth_names))
            self.name_output(self.TRUTH_OUTPUT, tr("ground truth classes ({0})").format(len(result.truth_names)))
            written = truth_output
        elif result.truth_kind == "abundances":
            self.style_output(context, truth_output, styling.ramp(0.0, 1.0))
            self.name_output(self.TRUTH_OUTPUT, tr("ground truth abundances ({0})").format(len(result.truth_names)))
            written = truth_output
        elif truth_output and context is not None:  # asked for (the dialog creates it by default), not written
            final = self._outputs.finals.get(self.TRUTH_OUTPUT)
            loads = context.layersToLoadOnCompletion()
            if final in loads:
                context.setLayersToLoadOnCompletion({k: v for k, v in loads.items() if k != final})
        return {self.OUTPUT: output, self.TRUTH_OUTPUT: written}
