"""The one GeoTIFF writer: spectral metadata, class palettes, streaming writes, and no half-written outputs.

What it writes, so that GDAL, QGIS, EnMAP-Box and ENVI users all see the wavelengths: band description
``"<n>: <wavelength> nm"``; band metadata ``wavelength``, ``wavelength_units``, ``fwhm``; dataset ENVI-domain
``wavelength`` / ``fwhm`` / ``wavelength units`` lists; IMAGERY ``CENTRAL_WAVELENGTH_UM`` / ``FWHM_UM`` per band.
The file is written under a hidden temporary name in the target folder and renamed when complete, so a failed or
cancelled run leaves nothing that looks finished.

Layout: bands are stored one after the other (INTERLEAVE=BAND), so reading one band (QGIS drawing three bands,
statistics, a band subset) decodes that band only; on a 1000 x 1000 x 426 float32 tile a band read took 2.3 s with
pixel-interleaved tiles (every tile holds all bands) and 0.03 s band-interleaved. Cubes keep tiles of the full width
(up to 1024) x 16 rows, so the row blocks the algorithms stream are whole tiles in every band: nothing partial waits
in GDAL's block cache, and the reader's blocks stay a multiple of 16 rows (benchmarks/bench_layout.py compares the
layouts: 256 x 256 or 512 x 512 band tiles read one band equally fast, but a row block then needs a whole stripe of
tiles of every band in memory, and 512 x 512 tiles written from 39-row blocks grew the file by a third).

Statistics: every block written is also folded into per-band statistics and a histogram
(:mod:`..engine.band_stats`), stored in the file on close (see :mod:`.band_metadata`), so QGIS's Layer Properties,
GDAL and our 2-98 % stretch find them instead of reading all bands again.
"""
from __future__ import annotations

import colorsys
import math
import os
from decimal import Decimal

import numpy as np
from osgeo import gdal

from ..engine.band_stats import BandStatistics
from ..errors import HyspecError
from .band_metadata import write_band_statistics
from .outputs import partial_path, sidecar_paths

_GDAL_TYPES = {
    np.dtype("uint8"): gdal.GDT_Byte, np.dtype("uint16"): gdal.GDT_UInt16, np.dtype("int16"): gdal.GDT_Int16,
    np.dtype("int32"): gdal.GDT_Int32, np.dtype("float32"): gdal.GDT_Float32, np.dtype("float64"): gdal.GDT_Float64,
}
TILE = 256
COMPRESS = "ZSTD"  # several times faster than DEFLATE at a similar ratio; read by every GDAL >= 2.3 (QGIS 3.x)
FLOAT_NODATA = -9999.0  # the no-data value of every float output, in the whole plugin (class rasters use 0)
HISTOGRAM_PIXELS = 1 << 16  # pixels per band the histogram samples (evenly): plenty for a 2-98 % cut, and cheap


def block_shape(width: int, bands: int) -> tuple[int, int]:
    """GeoTIFF tile size (every band has its own tiles, see the module notes). Spectral cubes get tiles of the full
    width x 16 rows, so that a block of rows reads and writes whole tiles with little memory (one 16-row stripe of a
    426-band tile is 27 MB; a 256-row stripe, 436 MB); few-band rasters get the usual 256 x 256 tiles."""
    if bands <= 16:
        return TILE, TILE
    return min(1024, -(-width // 16) * 16), 16


def exact_number(value) -> str:
    """The shortest text that reads back (as a float64) as exactly ``value``: metadata and CSVs carry wavelengths
    without loss. A float32 2056.175 becomes "2056.175048828125", which is that float32 whether parsed as float32 or
    float64 (six significant digits would turn it into 2056.18)."""
    return repr(float(value))


def exact_micrometres(nanometres) -> str:
    """``nanometres`` / 1000 as text, shifted in decimal rather than divided in binary: the digits are exactly those
    of :func:`exact_number`, so no rounding is added on the way to the IMAGERY domain's micrometres."""
    return format(Decimal(exact_number(nanometres)).scaleb(-3).normalize(), "f")


def label_number(value) -> str:
    """The shortest text at the value's own precision, for people (band descriptions): a float32 2056.175 (or a
    float64 holding exactly that float32, as read back from our metadata) is "2056.175"; no trailing ".0"."""
    value = np.asarray(value)[()]
    as_float = float(value)
    if value.dtype == np.float32 or (math.isfinite(as_float) and float(np.float32(as_float)) == as_float):
        return np.format_float_positional(np.float32(as_float), unique=True, trim="-")
    return np.format_float_positional(as_float, unique=True, trim="-")


def format_wavelength(value: float) -> str:
    """Six significant digits, for messages only (it loses digits: never use it for metadata or CSVs)."""
    return format(float(value), ".6g")


_BASE_COLORS = (
    (31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189), (140, 86, 75),
    (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207),
)
_GOLDEN = 0.618033988749895
_PLASTIC = (0.7548776662466927, 0.5698402909980532)  # R2 sequence steps: evenly spread (saturation, value) pairs
_TWO_LEVEL = 1024  # the first candidates use two saturation and two value levels (the palette since the first wave)


def _candidate(i: int) -> tuple[int, int, int]:
    """The i-th candidate colour after the base palette: golden-ratio hues, so neighbouring classes differ."""
    h = (0.11 + i * _GOLDEN) % 1.0
    if i < _TWO_LEVEL:
        s, v = 0.65 + 0.3 * (i % 2), 0.75 + 0.2 * ((i // 2) % 2)
    else:  # past a thousand classes two levels repeat colours: spread saturation and value too
        s = 0.4 + 0.55 * ((0.5 + i * _PLASTIC[0]) % 1.0)
        v = 0.5 + 0.45 * ((0.5 + i * _PLASTIC[1]) % 1.0)
    r, g, b = colorsys.hsv_to_rgb(h, s, v)
    return int(r * 255), int(g * 255), int(b * 255)


def class_colors(n: int) -> list[tuple[int, int, int]]:
    """n distinct colours that do not depend on the data or a random state: class i always has the same colour
    (``class_colors(m)`` is the start of ``class_colors(n)`` for m < n). O(n): a candidate already taken is
    skipped, so colours stay distinct however many classes a library has."""
    colors = list(_BASE_COLORS[:n])
    seen = set(colors)
    i = 0
    while len(colors) < n:
        color = _candidate(i)
        i += 1
        if color not in seen:
            seen.add(color)
            colors.append(color)
    return colors


def class_dtype(n_classes: int) -> np.dtype:
    return np.dtype("uint8") if n_classes <= 255 else np.dtype("uint16")


class RasterWriter:
    """Create a GeoTIFF and write it block by block. Use as a context manager: an exception aborts the output.

    ``write(array, row0, col0)`` takes (rows, cols, bands) or (rows, cols) arrays in the output grid.
    """

    def __init__(self, path, *, width, height, bands, geotransform, crs_wkt, dtype="float32", nodata=None,
                 wavelengths=None, fwhm=None, band_names=None, class_names=None, colors=None, metadata=None,
                 band_metadata=None, scale=None, offset=None, compress=COMPRESS):
        self.path = os.fspath(path)
        self.width, self.height, self.bands = int(width), int(height), int(bands)
        self.dtype = np.dtype(dtype)
        self.nodata = nodata
        folder = os.path.dirname(os.path.abspath(self.path))
        if not os.path.isdir(folder):
            raise HyspecError("{path}: output folder {folder} does not exist", path=self.path, folder=folder)
        # Per process: two runs writing the same output (a batch started twice) must not share a temporary file.
        self._tmp = partial_path(self.path)
        self._closed = False
        size = self.width * self.height * self.bands * self.dtype.itemsize
        # No predictor for floats: the floating-point predictor (3) shrinks reflectance files by about 20 % but makes
        # decoding 25-30 % and encoding about 45 % slower, and every algorithm reads its input at least once.
        predictor = "1" if self.dtype.kind == "f" else "2"
        bx, by = block_shape(self.width, self.bands)
        options = ["TILED=YES", f"BLOCKXSIZE={bx}", f"BLOCKYSIZE={by}", f"COMPRESS={compress}",
                   f"PREDICTOR={predictor}", "NUM_THREADS=ALL_CPUS",
                   "BIGTIFF=YES" if size > 3_500_000_000 else "BIGTIFF=IF_SAFER", "INTERLEAVE=BAND"]
        if compress == "ZSTD":
            options.append("ZSTD_LEVEL=1")
        driver = gdal.GetDriverByName("GTiff")
        ds = driver.Create(self._tmp, self.width, self.height, self.bands, _GDAL_TYPES[self.dtype], options)
        if ds is None:
            raise HyspecError("{path}: cannot create the output file ({detail})", path=self.path, detail=gdal.GetLastErrorMsg())
        self._ds = ds
        self._stats = BandStatistics(self.bands, nodata=nodata, integer=self.dtype.kind in "iub",
                                     stride=max(1, self.width * self.height // HISTOGRAM_PIXELS))
        try:
            self._setup(geotransform, crs_wkt, nodata, scale, offset, metadata, wavelengths, fwhm, band_names,
                        band_metadata, class_names, colors)
        except BaseException:
            self.abort()  # bad metadata (e.g. a wavelength list of the wrong length) leaves no file behind
            raise

    def _setup(self, geotransform, crs_wkt, nodata, scale, offset, metadata, wavelengths, fwhm, band_names,
               band_metadata, class_names, colors):
        ds = self._ds
        ds.SetGeoTransform(tuple(float(v) for v in geotransform))
        if crs_wkt:
            ds.SetProjection(crs_wkt)
        for i in range(self.bands):
            band = ds.GetRasterBand(i + 1)
            if nodata is not None:
                band.SetNoDataValue(float(nodata))
            if scale is not None:
                band.SetScale(float(scale))
                band.SetOffset(float(offset or 0.0))
        if metadata:
            ds.SetMetadata({str(k): str(v) for k, v in metadata.items()})
        self._set_spectral(wavelengths, fwhm, band_names)
        if band_metadata:
            for i, items in enumerate(band_metadata):
                for k, v in items.items():
                    ds.GetRasterBand(i + 1).SetMetadataItem(str(k), str(v))
        if class_names is not None:
            self._set_classes(class_names, colors)

    def _set_spectral(self, wavelengths, fwhm, band_names):
        ds = self._ds
        if band_names is not None and len(band_names) != self.bands:
            raise ValueError(f"{len(band_names)} band names for {self.bands} bands")
        if wavelengths is not None:
            # Not cast to float64: a float32 array keeps its own precision for the descriptions (label_number).
            wavelengths = np.asarray(wavelengths)
            if wavelengths.size != self.bands:
                raise ValueError(f"{wavelengths.size} wavelengths for {self.bands} bands")
            fwhm = None if fwhm is None else np.asarray(fwhm)
            if fwhm is not None and fwhm.size != self.bands:
                raise ValueError(f"{fwhm.size} FWHM values for {self.bands} bands")
            ds.SetMetadata({
                "wavelength": "{" + ", ".join(exact_number(w) for w in wavelengths) + "}",
                "wavelength units": "Nanometers",
                **({"fwhm": "{" + ", ".join(exact_number(f) for f in fwhm) + "}"} if fwhm is not None else {}),
            }, "ENVI")
            for i, wl in enumerate(wavelengths):
                band = ds.GetRasterBand(i + 1)
                band.SetDescription(band_names[i] if band_names is not None else f"{i + 1}: {label_number(wl)} nm")
                band.SetMetadataItem("wavelength", exact_number(wl))
                band.SetMetadataItem("wavelength_units", "Nanometers")
                band.SetMetadataItem("CENTRAL_WAVELENGTH_UM", exact_micrometres(wl), "IMAGERY")
                if fwhm is not None:
                    band.SetMetadataItem("fwhm", exact_number(fwhm[i]))
                    band.SetMetadataItem("FWHM_UM", exact_micrometres(fwhm[i]), "IMAGERY")
        elif band_names is not None:
            for i, name in enumerate(band_names):
                ds.GetRasterBand(i + 1).SetDescription(str(name))

    def _set_classes(self, class_names, colors):
        """Palette and category names for a class raster: 0 = no data / unclassified, classes 1..k."""
        colors = colors or class_colors(len(class_names))
        band = self._ds.GetRasterBand(1)
        table = gdal.ColorTable()
        table.SetColorEntry(0, (0, 0, 0, 0))
        for i, color in enumerate(colors):
            table.SetColorEntry(i + 1, (*color[:3], 255))
        band.SetRasterColorTable(table)
        band.SetRasterColorInterpretation(gdal.GCI_PaletteIndex)
        band.SetCategoryNames(["unclassified"] + [str(n) for n in class_names])
        band.SetDescription("class")
        self._ds.SetMetadataItem("CLASS_NAMES", ";".join(str(n) for n in class_names))

    def set_metadata_item(self, key, value, band=None):
        target = self._ds if band is None else self._ds.GetRasterBand(band)
        target.SetMetadataItem(str(key), str(value))

    def write(self, array: np.ndarray, row0: int, col0: int = 0):
        if array.ndim == 2:
            array = array[:, :, None]
        if array.shape[2] != self.bands:
            raise ValueError(f"block has {array.shape[2]} bands, the output {self.bands}")
        data = np.ascontiguousarray(array, dtype=self.dtype)
        if self.bands == 1:
            self._ds.GetRasterBand(1).WriteArray(data[:, :, 0], col0, row0)
        else:
            self._ds.WriteArray(data, col0, row0, interleave="pixel")
        self._stats.add(data.reshape(-1, self.bands))  # each pixel is written once: blocks never overlap
        end = row0 + data.shape[0]
        if col0 == 0 and data.shape[1] == self.width and \
                (end % self._ds.GetRasterBand(1).GetBlockSize()[1] == 0 or end >= self.height):
            # Whole tile rows are done: hand them to the file now. GDAL's block cache is process-wide (about 1.2 GB
            # here) and capping it per run undid other runs' settings, so each dataset releases its own blocks.
            self._ds.FlushCache()

    def close(self):
        """Flush, close and move the finished file into place (with its .aux.xml sidecar)."""
        if self._closed:
            return
        self._closed = True
        ds, self._ds = self._ds, None
        try:
            write_band_statistics(ds, self._stats.summaries(), self._stats.stride)
            ds.FlushCache()
            ds = None  # noqa: F841 - releasing the last reference closes the file
        except BaseException:
            self._remove_tmp()  # e.g. disk full while flushing: nothing half-written is left
            raise
        for stale in sidecar_paths(self.path):
            if os.path.exists(stale):
                os.remove(stale)
        os.replace(self._tmp, self.path)  # atomic, and replaces an older output of the same name
        if os.path.exists(self._tmp + ".aux.xml"):
            os.replace(self._tmp + ".aux.xml", self.path + ".aux.xml")

    def _remove_tmp(self):
        for p in (self._tmp, self._tmp + ".aux.xml"):
            if os.path.exists(p):
                os.remove(p)

    def abort(self):
        """Remove the temporary file: the run failed or was cancelled."""
        if self._closed:
            return
        self._closed = True
        self._ds = None
        self._remove_tmp()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.close()
        else:
            self.abort()
        return False
