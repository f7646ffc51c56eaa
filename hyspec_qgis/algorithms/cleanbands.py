"""hyspec:cleanbands - remove water-vapour windows and noisy bands, keep every n-th band, as a float32 GeoTIFF."""
from __future__ import annotations

import math

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterExtent,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
)

from ..core.defaults import NO_WINDOWS, format_windows
from ..core.defaults import WATER_WINDOWS as DEFAULT_WINDOWS
from ..core.errors import ParameterError
from ..i18n.translator import tr, translate_message
from . import styling
from .base import HyspecAlgorithm
from .extent import extent_in_crs


class CleanBandsAlgorithm(HyspecAlgorithm):
    ID = "cleanbands"
    DISPLAY = "Clean bands (water vapour, noisy ends, band step)"
    GROUP = "Preprocessing"
    GROUP_ID = "preprocessing"
    INTRO = (
        "<p>Removes the bands that NEON's tutorials remove before any analysis and writes the rest as a float32 "
        "reflectance GeoTIFF (scale factor applied, no-data and NaN written as -9999), streamed block by block. "
        "The input is any GDAL raster: the output of <i>Import NEON reflectance</i>, an ENVI .dat/.hdr, a GeoTIFF "
        "from another tool, or an image without wavelengths.</p>"
        "<p>Rules: DROP_FIRST and DROP_LAST remove bands by position; a band is removed when its centre wavelength "
        "lies inside a water-vapour window (inclusive) or outside WAVELENGTH_MIN / WAVELENGTH_MAX; BAND_STEP then "
        "keeps every n-th of the remaining bands, starting with the first. The log lists which bands were removed "
        "and why; the output's metadata lists the kept input bands (HYSPEC_KEPT_BANDS) and their wavelengths "
        "(HYSPEC_KEPT_WAVELENGTHS_NM), and every output band keeps its wavelength and FWHM.</p>"
        "<h3>NEON tutorial recipes</h3>"
        "<ul><li><b>Endmember extraction / unmixing tutorial</b>: WATER_WINDOWS empty (1340-1445;1790-1955), "
        "DROP_FIRST 0, DROP_LAST 10, BAND_STEP 1: 362 bands on NEON's 426-band grid.</li>"
        "<li><b>K-means / PCA tutorial</b>: WATER_WINDOWS empty, DROP_FIRST 10, DROP_LAST 15, BAND_STEP 2: "
        "174 bands.</li></ul>"
        "<p>The tutorials report 360 and 173 bands. Their code keeps <code>range(first, i0)</code> where i0 is the "
        "last band <i>below</i> a window, and Python's range stops before i0, so it also drops the last band below "
        "each window (e.g. 1335 nm and 1786 nm), although its centre is outside the window. This algorithm applies "
        "the windows as stated (inclusive wavelength ranges), which keeps those two bands: 362 instead of 360, and "
        "174 instead of 173 once every 2nd band is kept. To get the tutorials' band lists exactly, start each window "
        "just below that band: WATER_WINDOWS 1335-1445;1785-1955. (Counts are for the 383.9-2512 nm grid of the "
        "tutorials' tile; NEON's grids differ by up to 2 nm between years, which can move a band across a window "
        "edge.)</p>"
        "<p>Without wavelengths (e.g. an RGB image), only DROP_FIRST, DROP_LAST and BAND_STEP apply: the default "
        "windows are skipped with a note in the log, while windows typed in WATER_WINDOWS or a WAVELENGTH_MIN / "
        "WAVELENGTH_MAX stop the run with an error.</p>"
    )
    REFERENCE = (
        "NEON Data Skills tutorials 'Unsupervised Spectral Classification in Python: Endmember Extraction' and "
        "'Unsupervised Spectral Classification in Python: KMeans &amp; PCA' (clean_neon_refl_data); "
        "NEON Reflectance_Data attributes Band_Window_1_Nanometers / Band_Window_2_Nanometers."
    )

    INPUT, WATER_WINDOWS, DROP_FIRST, DROP_LAST, BAND_STEP = (
        "INPUT", "WATER_WINDOWS", "DROP_FIRST", "DROP_LAST", "BAND_STEP")
    WAVELENGTH_MIN, WAVELENGTH_MAX, EXTENT, OUTPUT, BANDS = (
        "WAVELENGTH_MIN", "WAVELENGTH_MAX", "EXTENT", "OUTPUT", "BANDS")

    def declare(self):
        self.add(QgsProcessingParameterRasterLayer(self.INPUT, tr("Input raster")),
                 tr("Any GDAL raster file: our GeoTIFFs, ENVI .dat/.hdr, GeoTIFFs from other tools, plain images. "
                    "Wavelengths are read from band metadata, the IMAGERY domain or the ENVI header (µm or nm)."))
        self.add(QgsProcessingParameterString(self.WATER_WINDOWS, tr("Water-vapour windows (nm)"), defaultValue="",
                                              optional=True),
                 tr("Wavelength windows to remove, inclusive, as low-high in nm separated by ';', e.g. "
                    "1340-1445;1790-1955. Empty: the windows recorded from the NEON file by Import NEON "
                    "(WATER_WINDOWS_NM), else {0}. '{1}': remove no windows.").format(
                     format_windows(DEFAULT_WINDOWS), NO_WINDOWS))
        self.add(QgsProcessingParameterNumber(self.DROP_FIRST, tr("Drop first bands"),
                                              QgsProcessingParameterNumber.Type.Integer, defaultValue=0, minValue=0),
                 tr("Number of bands to remove at the start of the spectrum (noisy blue end): 10 in the k-means "
                    "tutorial."))
        self.add(QgsProcessingParameterNumber(self.DROP_LAST, tr("Drop last bands"),
                                              QgsProcessingParameterNumber.Type.Integer, defaultValue=10, minValue=0),
                 tr("Number of bands to remove at the end of the spectrum (noisy SWIR end): 10 in the endmember "
                    "tutorial, 15 in the k-means tutorial."))
        self.add(QgsProcessingParameterNumber(self.BAND_STEP, tr("Keep every n-th band"),
                                              QgsProcessingParameterNumber.Type.Integer, defaultValue=1, minValue=1),
                 tr("After the other rules, keep every n-th remaining band, starting with the first: 1 keeps all, "
                    "2 halves the bands (k-means tutorial)."))
        self.add(QgsProcessingParameterNumber(self.WAVELENGTH_MIN, tr("Minimum wavelength (nm)"),
                                              QgsProcessingParameterNumber.Type.Double, optional=True, minValue=0.0),
                 tr("Remove bands whose centre wavelength is below this (optional; needs wavelengths)."),
                 advanced=True)
        self.add(QgsProcessingParameterNumber(self.WAVELENGTH_MAX, tr("Maximum wavelength (nm)"),
                                              QgsProcessingParameterNumber.Type.Double, optional=True, minValue=0.0),
                 tr("Remove bands whose centre wavelength is above this (optional; needs wavelengths)."),
                 advanced=True)
        self.add(QgsProcessingParameterExtent(self.EXTENT, tr("Extent"), optional=True),
                 tr("Only write the pixels intersecting this extent (any CRS; it is reprojected to the raster's). "
                    "The output keeps the input's pixel grid."))
        self.add(QgsProcessingParameterRasterDestination(self.OUTPUT, tr("Cleaned reflectance")),
                 tr("float32 GeoTIFF (tiled, compressed, BIGTIFF when needed) with the kept bands, their wavelengths "
                    "and FWHM, no-data -9999; opens as true colour."))
        self.addOutput(QgsProcessingOutputNumber(self.BANDS, tr("Number of bands kept")))

    # --- validation before anything runs (clear messages instead of Processing's generic ones) -----------------
    def checkParameterValues(self, parameters, context):  # noqa: N802
        step = parameters.get(self.BAND_STEP)
        try:
            if step is not None and str(step).strip() != "" and float(step) < 1:
                return False, tr("BAND_STEP: must be 1 or more (1 keeps every band), got {0}").format(step)
        except (TypeError, ValueError):
            pass  # not a number: Processing's own check names the parameter
        for name in (self.DROP_FIRST, self.DROP_LAST):
            value = parameters.get(name)
            try:
                if value is not None and str(value).strip() != "" and float(value) < 0:
                    return False, tr("{0}: must be 0 or more, got {1}").format(name, value)
            except (TypeError, ValueError):
                pass
        windows = parameters.get(self.WATER_WINDOWS)
        if isinstance(windows, str):
            from ..core.methods.bands import parse_windows

            try:
                parse_windows(windows, self.WATER_WINDOWS)
            except ParameterError as exc:
                return False, translate_message(exc)
        return super().checkParameterValues(parameters, context)

    def _optional_float(self, parameters, name, context):
        raw = parameters.get(name)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        value = self.parameterAsDouble(parameters, name, context)
        return None if value is None or math.isnan(value) else float(value)

    def process(self, parameters, context, feedback, progress):
        from ..core.methods.bands import run_clean_bands

        path = self.input_raster_path(parameters, self.INPUT, context)
        output = self.dest(self.OUTPUT)
        result = run_clean_bands(
            path, output, self.parameterAsString(parameters, self.WATER_WINDOWS, context),
            drop_first=self.parameterAsInt(parameters, self.DROP_FIRST, context),
            drop_last=self.parameterAsInt(parameters, self.DROP_LAST, context),
            step=self.parameterAsInt(parameters, self.BAND_STEP, context),
            wavelength_min=self._optional_float(parameters, self.WAVELENGTH_MIN, context),
            wavelength_max=self._optional_float(parameters, self.WAVELENGTH_MAX, context),
            extent=extent_in_crs(self, parameters, self.EXTENT, context), progress=progress)
        self.style_output(context, output, styling.true_color(result.wavelengths, result.bands))
        self.name_output(self.OUTPUT, tr("cleaned ({0} bands)").format(result.bands))
        return {self.OUTPUT: output, self.BANDS: result.bands}
