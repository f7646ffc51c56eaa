"""The one spectral-raster reader: any GDAL raster, its wavelengths, and float32 pixel blocks with a validity mask.

Wavelengths are read from the first of these that the file has: band-level ``wavelength`` (any domain), IMAGERY
``CENTRAL_WAVELENGTH_UM``, ENVI-domain ``wavelength`` list; units are normalised to nanometres. A plain RGB image
has no wavelengths (``wavelengths is None``), and algorithms that need none still run.
"""
from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from osgeo import gdal, gdal_array

from ..engine.gdal_env import GdalFailure, gdal_call, thread_config
from ..engine.progress import as_progress
from ..errors import HyspecError, ParameterError
from ..messages import Message
from .band_metadata import finite_float
from .vrt_check import check_vrt_file, check_vrt_xml

BLOCK_BYTES = 64 * 1024 * 1024  # float32 block budget: bounded memory whatever the raster size
SLAB_BYTES = 8 * 1024 * 1024  # band-major rows GDAL reads at once, before numpy interleaves them
CHUNK_BYTES = 1024 * 1024  # pixels finished together (interleave, checks, scale): they stay in cache


@dataclass
class Window:
    """A pixel window of a raster: rows [row0, row0 + height), cols [col0, col0 + width)."""

    row0: int
    col0: int
    height: int
    width: int


@dataclass
class Block:
    """Pixels of a window as a (n_pixels, n_bands) float32 matrix, rows of invalid pixels set to 0.

    ``row0``/``col0`` are relative to the window being read (i.e. to the output grid).
    """

    row0: int
    col0: int
    nrows: int
    ncols: int
    data: np.ndarray
    valid: np.ndarray

    def image(self, values: np.ndarray) -> np.ndarray:
        """(n_pixels, k) values as a (nrows, ncols, k) image for writing."""
        return values.reshape(self.nrows, self.ncols, -1)


_UNIT_FACTORS = {"nanometers": 1.0, "nanometer": 1.0, "nm": 1.0, "micrometers": 1000.0, "micrometer": 1000.0,
                 "microns": 1000.0, "micron": 1000.0, "um": 1000.0, "µm": 1000.0, "millimeters": 1e6, "mm": 1e6}


def _unit_factor(units: str | None, values: np.ndarray) -> float:
    if units:
        key = units.strip().lower()
        if key in _UNIT_FACTORS:
            return _UNIT_FACTORS[key]
    # Unknown units: reflectance spectrometers cover 0.35-2.5 um or 350-2500 nm.
    return 1000.0 if np.nanmax(values) < 100 else 1.0


def _parse_list(text: str | None):
    if not text:
        return None
    items = [t for t in re.split(r"[\s,{}]+", text) if t]
    try:
        return np.array([float(t) for t in items])
    except ValueError:
        return None


def _normalise(values: np.ndarray, units: str | None, wavelengths_factor: float | None = None) -> np.ndarray:
    """Values in ``units`` (or guessed) as nanometres. FWHM without units follow the wavelengths' units."""
    if units and units.strip().lower() in _UNIT_FACTORS:
        return values * _UNIT_FACTORS[units.strip().lower()]
    if wavelengths_factor is not None:
        # An FWHM list with no units of its own: micrometre wavelengths have FWHM < 1 (e.g. 0.005).
        return values * (wavelengths_factor if np.nanmax(values) < 1.0 else 1.0)
    return values * _unit_factor(None, values)


def _band_level(bands, key, units_key):
    """(values, units) of a band-level metadata item present on every band (any domain but IMAGERY), or None."""
    values, units = [], None
    for band in bands:
        found = None
        for domain in [""] + [d for d in (band.GetMetadataDomainList() or []) if d not in ("", "IMAGERY")]:
            found = finite_float(band.GetMetadataItem(key, domain))
            if found is not None:
                units = units or band.GetMetadataItem(units_key, domain)
                break
        if found is None:
            return None, None
        values.append(found)
    return np.array(values), units


def _imagery_nm(bands, key):
    """The IMAGERY domain's micrometres as nanometres, shifted in decimal: 1.435277 um is 1435.277 nm, the float its
    text means, where * 1000 in binary gives 1435.2769999999998."""
    values = []
    for b in bands:
        text = b.GetMetadataItem(key, "IMAGERY")
        if finite_float(text) is None:
            return None
        values.append(float(Decimal(text.strip()).scaleb(3)))
    return np.array(values)


def read_wavelengths(ds) -> tuple[np.ndarray | None, np.ndarray | None]:
    """(wavelengths_nm, fwhm_nm) from a GDAL dataset, or None where unknown.

    Each of the two is read from the first source that has it for every band: band-level metadata (any domain;
    GDAL's ENVI driver puts ``wavelength`` there but not ``fwhm``), the IMAGERY domain (micrometres), then the
    dataset's ENVI-domain list (units from ``wavelength units``; unknown units are guessed from the values).
    """
    n = ds.RasterCount
    bands = [ds.GetRasterBand(i + 1) for i in range(n)]
    envi = ds.GetMetadata("ENVI") or {}
    envi_units = envi.get("wavelength_units") or envi.get("wavelength units")

    def envi_list(key):
        values = _parse_list(envi.get(key))
        return values if values is not None and values.size == n else None

    wl, units = _band_level(bands, "wavelength", "wavelength_units")
    if wl is None and (nm := _imagery_nm(bands, "CENTRAL_WAVELENGTH_UM")) is not None:
        wl, units = nm, "nanometers"
    if wl is None and (values := envi_list("wavelength")) is not None:
        wl, units = values, envi_units
    if wl is None:
        return None, None
    factor = _UNIT_FACTORS.get((units or "").strip().lower()) or _unit_factor(None, wl)
    wl = wl * factor

    fwhm, fwhm_units = _band_level(bands, "fwhm", "wavelength_units")
    if fwhm is None and (nm := _imagery_nm(bands, "FWHM_UM")) is not None:
        fwhm, fwhm_units = nm, "nanometers"
    if fwhm is None and (values := envi_list("fwhm")) is not None:
        fwhm, fwhm_units = values, envi_units
    if fwhm is not None:
        fwhm = _normalise(fwhm, fwhm_units, factor)
    return wl, fwhm


def _envi_reflectance_scale(ds, bands) -> float | None:
    """ENVI's ``reflectance scale factor`` (stored integers / factor = reflectance) for integer bands that carry no
    GDAL scale/offset of their own; GDAL's ENVI driver does not apply it."""
    text = (ds.GetMetadata("ENVI") or {}).get("reflectance_scale_factor") or \
        (ds.GetMetadata("ENVI") or {}).get("reflectance scale factor")
    factor = finite_float(text)
    if not factor or factor <= 0 or factor == 1.0:
        return None
    if any(b.DataType in (gdal.GDT_Float32, gdal.GDT_Float64) for b in bands):
        return None
    if any((b.GetScale() or 1.0) != 1.0 or (b.GetOffset() or 0.0) != 0.0 for b in bands):
        return None
    return factor


# GDAL drivers of raw binary rasters (header + pixels as they lie), whose pixel-interleaved files read fastest as they are.
RAW_DRIVERS = ("ENVI", "EHdr", "GenBin", "PAux", "ISCE", "ROI_PAC", "RRASTER", "MFF", "LAN")

_OPEN_FLAGS = gdal.OF_RASTER | gdal.OF_READONLY | gdal.OF_VERBOSE_ERROR


def _open(path: str, where: str):
    """(the dataset, opened read-only, whether GDAL decodes its tiles on several threads); a VRT only after its XML
    passed :func:`check_vrt_file`.

    Pixel-interleaved GeoTIFFs are reopened with GDAL's multi-threaded tile decoding (the GTiff NUM_THREADS open
    option, per dataset): decoding dominates a pass over a compressed cube, and on 2 cores it halves the read of a
    362-band tile. Not band-interleaved ones (our outputs since issue 12) before GDAL 3.8: there GDAL 3.6's worker
    threads report a libtiff error for every tile ("Bad value ... for ExtraSamples"), outside any handler of ours, and
    a read of a band subset with gaps (the kept bands of a cleaning) corrupted the heap ("malloc(): corrupted top
    size"); GDAL fixed both in 3.7.1 (OSGeo/gdal#7921, #7963)."""
    check_vrt_file(path, where)
    with thread_config(GDAL_VRT_ENABLE_RAWRASTERBAND="NO"):  # GDAL >= 3.10 also refuses raw bands itself
        try:
            ds = gdal_call(gdal.OpenEx, path, _OPEN_FLAGS)
        except GdalFailure as exc:
            detail = str(exc).replace(f"{path}: ", "").replace(path, "the file")
            raise HyspecError("{where}: not a raster GDAL can read ({detail})", where=where, detail=detail) from None
        if ds.GetDriver().ShortName == "VRT":  # recognised by content, whatever the name: check what GDAL parsed
            check_vrt_xml((ds.GetMetadata("xml:VRT") or [""])[0], os.path.dirname(path), where)
        interleave = ds.GetMetadataItem("INTERLEAVE", "IMAGE_STRUCTURE") or "PIXEL"
        if ds.GetDriver().ShortName == "GTiff" and (os.cpu_count() or 1) >= 2 and \
                (ds.RasterCount == 1 or interleave.upper() != "BAND" or int(gdal.VersionInfo()) >= 3080000):
            try:
                return gdal_call(gdal.OpenEx, path, _OPEN_FLAGS, open_options=["NUM_THREADS=ALL_CPUS"]), True
            except GdalFailure:
                pass
    return ds, False


class _Check:
    """The per-pixel work of a block, done on cache-sized slices: interleave (band-major parts), cast to float32,
    no-data test in the band's own type, scale and offset, the finite test, zeros at invalid pixels. Whole-block
    numpy passes read the block from memory once per step; a slice of CHUNK_BYTES stays in cache for all of them."""

    def __init__(self, raster: SpectralRaster, band_idx):
        nodata = np.array([np.nan if raster.nodata[b] is None else raster.nodata[b] for b in band_idx], np.float64)
        self.nodata = None if np.all(np.isnan(nodata)) else nodata
        self.scales, self.offsets = raster.scales[band_idx], raster.offsets[band_idx]
        self.scaled, self.shifted = bool(np.any(self.scales != 1.0)), bool(np.any(self.offsets != 0.0))
        self.step = max(16, CHUNK_BYTES // (4 * max(1, len(band_idx))))

    def finish(self, part: np.ndarray, band_major: bool, out: np.ndarray, valid: np.ndarray,
               in_place: bool = False) -> None:
        """``part`` (native values, (b, m) or (m, b); ``in_place``: it is ``out`` itself) into ``out`` (m, b)
        float32 and ``valid`` (m,)."""
        m = out.shape[0]
        floats = part.dtype.kind == "f"
        # Compare as GDAL does, in the band's type (a value near no-data may round onto it in float32).
        nodata = None if self.nodata is None else (self.nodata.astype(part.dtype) if floats else self.nodata)
        for i in range(0, m, self.step):
            j = min(i + self.step, m)
            src = part[:, i:j].T if band_major else part[i:j]
            chunk = out[i:j]
            if nodata is not None and part.dtype != np.float32:
                bad = (src == nodata).any(axis=1)
            if not in_place:
                chunk[...] = src
            if nodata is not None and part.dtype == np.float32:
                bad = (chunk == nodata).any(axis=1)
            elif nodata is None:
                bad = np.zeros(j - i, dtype=bool)
            if self.scaled:
                chunk *= self.scales
            if self.shifted:
                chunk += self.offsets
            bad |= ~np.isfinite(chunk).all(axis=1)
            chunk[bad] = 0.0
            np.logical_not(bad, out=valid[i:j])


class SpectralRaster:
    """A GDAL raster opened read-only, with what the algorithms need to know about its bands."""

    def __init__(self, path, parameter: str = "INPUT"):
        self.path = os.fspath(path)
        self.parameter = parameter
        where = f"{parameter}: {self.path}"
        if not os.path.exists(self.path) and not self.path.startswith("/vsi"):
            raise HyspecError("{where}: no such file", where=where)
        if os.path.isdir(self.path):
            raise HyspecError("{where}: is a folder, expected a raster file", where=where)
        self.ds, self._threaded = _open(self.path, where)
        if self.ds.RasterCount == 0:
            raise HyspecError("{where}: the file has no raster bands", where=where)
        try:
            gdal_call(self._describe)
        except GdalFailure as exc:
            raise HyspecError("{where}: damaged raster, its metadata cannot be read ({exc})", where=where, exc=exc) from None
        self._next_row = None  # where a sequential pass continues (see _release_blocks)

    def _describe(self):
        ds = self.ds
        self.width, self.height, self.count = ds.RasterXSize, ds.RasterYSize, ds.RasterCount
        self.geotransform = tuple(ds.GetGeoTransform(can_return_null=True) or (0.0, 1.0, 0.0, 0.0, 0.0, -1.0))
        self.crs_wkt = ds.GetProjection() or ""
        bands = [ds.GetRasterBand(i + 1) for i in range(self.count)]
        self.nodata = [b.GetNoDataValue() for b in bands]
        self.scales = np.array([b.GetScale() or 1.0 for b in bands], dtype=np.float32)
        envi_scale = _envi_reflectance_scale(ds, bands)
        if envi_scale is not None:
            self.scales[:] = np.float32(1.0 / envi_scale)
        self.offsets = np.array([b.GetOffset() or 0.0 for b in bands], dtype=np.float32)
        self.band_names = [b.GetDescription() or f"band {i + 1}" for i, b in enumerate(bands)]
        self.wavelengths, self.fwhm = read_wavelengths(ds)
        block = bands[0].GetBlockSize()
        self.natural_rows = max(1, int(block[1]))
        interleave = (ds.GetMetadataItem("INTERLEAVE", "IMAGE_STRUCTURE") or "").upper()
        compressed = bool(ds.GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE"))
        # Files GDAL reads fastest into a pixel-interleaved buffer (see _read_parts): raw files stored pixel by pixel
        # (ENVI BIP), and compressed pixel-interleaved GeoTIFFs decoded on several threads.
        self._pixel_major = interleave == "PIXEL" and (ds.GetDriver().ShortName in RAW_DRIVERS or
                                                      (compressed and self._threaded))
        self.metadata = ds.GetMetadata() or {}
        return self

    def close(self):
        self.ds = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def n_pixels(self) -> int:
        return self.width * self.height

    def require_wavelengths(self, why: str) -> np.ndarray:
        if self.wavelengths is None:
            raise ParameterError(
                "{parameter}: {path} has no wavelength metadata, which {why} needs "
                "(band 'wavelength' metadata, IMAGERY CENTRAL_WAVELENGTH_UM or an ENVI header 'wavelength' list)",
                parameter=self.parameter, path=self.path, why=why)
        return self.wavelengths

    def full_window(self) -> Window:
        return Window(0, 0, self.height, self.width)

    def stored_range(self, bands=None) -> tuple[float, float] | None:
        """(min, max) over ``bands`` (0-based, default all) of the values :meth:`blocks` returns, from the band
        statistics stored in the file (GDAL's ``STATISTICS_MINIMUM`` / ``MAXIMUM``: our writer stores exact ones),
        without reading a pixel; None when a band has none, they are marked approximate, or a band's scale is not
        positive. Scale and offset are applied in float32, as :meth:`read_block` does.

        A hint, not a fact: a band's statistics count that band's own valid values, while a block's valid pixels
        are those valid in every band, and another tool may have left stale ones. A caller that needs the exact
        range checks it on the pass that reads the pixels anyway (see ``classify_run``)."""
        idx = range(self.count) if bands is None else [int(b) for b in bands]
        lo, hi = np.inf, -np.inf
        for b in idx:
            band = self.ds.GetRasterBand(b + 1)
            if (band.GetMetadataItem("STATISTICS_APPROXIMATE") or "").upper() == "YES":
                return None
            low = finite_float(band.GetMetadataItem("STATISTICS_MINIMUM"))
            high = finite_float(band.GetMetadataItem("STATISTICS_MAXIMUM"))
            scale, offset = self.scales[b], self.offsets[b]
            if low is None or high is None or low > high or not scale > 0:
                return None
            ends = np.array([low, high], dtype=np.float64).astype(np.float32)
            if scale != 1.0:
                ends *= scale
            if offset != 0.0:
                ends += offset
            lo, hi = min(lo, float(ends[0])), max(hi, float(ends[1]))
        return (lo, hi) if lo <= hi else None

    def window_from_bounds(self, xmin, ymin, xmax, ymax, parameter="EXTENT") -> Window:
        """The pixel window (on this raster's grid) covering bounds given in this raster's CRS."""
        return window_from_bounds(self.geotransform, self.width, self.height, (xmin, ymin, xmax, ymax),
                                  Message("{parameter}: the extent does not overlap {path}", parameter=parameter,
                                          path=self.path), parameter)

    def window_geotransform(self, window: Window) -> tuple:
        gt = self.geotransform
        return (gt[0] + window.col0 * gt[1] + window.row0 * gt[2], gt[1], gt[2],
                gt[3] + window.col0 * gt[4] + window.row0 * gt[5], gt[4], gt[5])

    def block_rows(self, n_bands: int, width: int) -> int:
        """Rows per block within the memory budget, a multiple of the file's block height where possible."""
        rows = max(1, BLOCK_BYTES // max(1, 4 * n_bands * width))
        if rows >= self.natural_rows:
            rows -= rows % self.natural_rows
        return rows

    def blocks(self, bands=None, window: Window | None = None, progress=None, rows: int | None = None):
        """Yield :class:`Block` objects covering ``window`` (default: the whole raster), top to bottom.

        ``bands``: 0-based band indices to read (default all). Scale/offset are applied; a pixel is invalid where
        any read band equals its no-data value or is not finite.
        """
        progress = as_progress(progress)
        window = window or self.full_window()
        band_idx = list(range(self.count)) if bands is None else [int(b) for b in bands]
        rows = rows or self.block_rows(len(band_idx), window.width)
        for r in range(0, window.height, rows):
            n = min(rows, window.height - r)
            progress(r / window.height)
            yield self.read_block(window.row0 + r, n, window.col0, window.width, band_idx, out_row0=r)
        progress(1.0)

    def read_block(self, row0, nrows, col0, ncols, band_idx, out_row0=None) -> Block:
        """The pixels of rows [row0, row0 + nrows) x cols [col0, col0 + ncols) of the 0-based bands ``band_idx``.

        The values are those of one ``ReadAsArray(..., interleave="pixel")`` of the window, cast to float32, times
        the band's scale, plus its offset, bit for bit (tests/test_raster_io.py checks every layout against GDAL);
        how they get there depends on the file (see :meth:`_read_parts`)."""
        if self._next_row is not None and row0 != self._next_row:
            self._release_blocks()  # a jump: the cached tiles belong to another part of the raster
        band_idx = [int(b) for b in band_idx]
        npix = nrows * ncols
        data = np.empty((npix, len(band_idx)), dtype=np.float32)
        valid = np.empty(npix, dtype=bool)
        check = _Check(self, band_idx)
        try:
            for p0, part, band_major in self._read_parts(row0, nrows, col0, ncols, band_idx, data):
                m = part.shape[1] if band_major else part.shape[0]
                check.finish(part, band_major, data[p0:p0 + m], valid[p0:p0 + m], in_place=part is data)
        except GdalFailure as exc:
            self._release_blocks()
            raise HyspecError("{parameter}: {path}: cannot read rows {row0}-{row1} "
                              "(truncated or damaged file?): {exc}", parameter=self.parameter, path=self.path,
                              row0=row0, row1=row0 + nrows, exc=exc) from None
        end = row0 + nrows
        if end % self.natural_rows == 0 or end >= self.height:
            self._release_blocks()
        else:
            self._next_row = end  # the next block continues this tile row: keep its decoded tiles
        return Block(row0 if out_row0 is None else out_row0, 0, nrows, ncols, data, valid)

    def _read_parts(self, row0, nrows, col0, ncols, band_idx, data):
        """Yield (first pixel, values in the bands' own type, band-major?) covering the window in order: band-major
        parts are (n_bands, m) slabs of rows, pixel-major ones (m, n_bands); a float32 pixel-major part is ``data``
        itself, read in place.

        GDAL's block cache holds the bands apart (GeoTIFF tiles of every interleave, ENVI BIL and BSQ lines), and asked
        for a pixel-interleaved buffer it scatters every value to its own place, 4 bytes at a time: on a
        1000 x 1000 x 362 tile that took as long as decoding it. Read band by band, each band is one copy, and numpy
        then interleaves cache-sized slices (:class:`_Check`): 1.5 times faster in all. Raw pixel-interleaved files
        (ENVI BIP) GDAL reads as they lie, compressed pixel-interleaved GeoTIFFs that it decodes on several threads
        it decodes straight into a pixel-interleaved buffer of the whole window (each thread a tile), and one band
        needs no interleaving. Band-major slabs of rows go to one
        buffer of at most SLAB_BYTES, reused (GDAL keeps the decoded tiles in its cache from one slab to the next)."""
        bands = [b + 1 for b in band_idx]
        dtype = self._buffer_dtype(bands)
        if self._pixel_major or len(bands) == 1:
            if dtype == np.float32:
                gdal_call(self.ds.ReadAsArray, col0, row0, ncols, nrows, band_list=bands, interleave="pixel",
                          buf_obj=data.reshape(nrows, ncols, len(bands)) if len(bands) > 1 else
                          data.reshape(nrows, ncols))
                yield 0, data, False
            else:
                arr = gdal_call(self.ds.ReadAsArray, col0, row0, ncols, nrows, band_list=bands, interleave="pixel")
                yield 0, arr.reshape(nrows * ncols, len(bands)), False
            return
        slab = max(1, min(nrows, SLAB_BYTES // max(1, len(bands) * ncols * dtype.itemsize)))
        buf = np.empty((len(bands), slab, ncols), dtype=dtype)
        for r in range(0, nrows, slab):
            k = min(slab, nrows - r)
            part = buf[:, :k] if k < slab else buf
            gdal_call(self.ds.ReadAsArray, col0, row0 + r, ncols, k, buf_obj=part, band_list=bands)
            yield r * ncols, part.reshape(len(bands), k * ncols), True

    def _buffer_dtype(self, bands) -> np.dtype:
        """The numpy type ``ReadAsArray`` gives these 1-based bands (gdal_array's rule: the first band's type,
        float32 when the bands' types differ)."""
        types = {self.ds.GetRasterBand(b).DataType for b in bands}
        gdal_type = types.pop() if len(types) == 1 else gdal.GDT_Float32
        code = gdal_array.GDALTypeCodeToNumericTypeCode(gdal_type)
        if code is None:
            return np.dtype(np.float32)
        if gdal_type == gdal.GDT_Byte and \
                self.ds.GetRasterBand(1).GetMetadataItem("PIXELTYPE", "IMAGE_STRUCTURE") == "SIGNEDBYTE":
            return np.dtype(np.int8)
        return np.dtype(code)

    def _release_blocks(self):
        """Drop this dataset's blocks from GDAL's block cache once a pass has moved past them.

        The cache is shared by the whole process (about 1.2 GB here) and fills with decoded tiles during a pass.
        Capping it per run changed a setting other runs and plugins share; releasing our own dataset's blocks keeps
        a pass at about one block of decoded tiles whatever the cap (measured: 340 MB peak instead of 1.46 GB over a
        1000 x 1000 x 362 float32 tile)."""
        self._next_row = None
        try:
            self.ds.FlushCache()  # read-only, nothing dirty: this only frees memory
        except RuntimeError:
            pass

    def sample(self, max_pixels: int, seed: int | None = 0, bands=None, window: Window | None = None,
               progress=None):
        """A reproducible random sample of about ``max_pixels`` valid pixels, streamed.

        Returns (data (n, b) float32, valid_count, total_count). When the raster holds fewer valid pixels than
        ``max_pixels``, all of them are returned.
        """
        window = window or self.full_window()
        total = window.width * window.height
        keep_fraction = min(1.0, max_pixels / max(total, 1))
        rng = np.random.default_rng(seed)
        parts, n_valid = [], 0
        for block in self.blocks(bands, window, progress):
            n_valid += int(block.valid.sum())
            if keep_fraction >= 1.0:
                parts.append(block.data[block.valid])
            else:
                pick = block.valid & (rng.random(block.valid.size) < keep_fraction)
                parts.append(block.data[pick])
        data = np.concatenate(parts) if parts else np.empty((0, len(bands or range(self.count))), np.float32)
        return data, n_valid, total


def _span(origin: float, step: float, lo: float, hi: float, size: int) -> tuple[int, int]:
    """Pixel range [i0, i1) along one axis that covers coordinates [lo, hi], snapped outwards and clipped."""
    a, b = sorted(((lo - origin) / step, (hi - origin) / step))
    return max(math.floor(a + 1e-9), 0), min(math.ceil(b - 1e-9), size)


def window_from_bounds(gt, width, height, bounds, error_message, parameter: str = "EXTENT") -> Window:
    """Pixel window of the grid ``gt`` that intersects ``bounds`` = (xmin, ymin, xmax, ymax); snaps outwards.

    Works for north-up grids (negative pixel height) and south-up ones (positive pixel height, rows going north)."""
    if gt[2] != 0 or gt[4] != 0:
        raise ParameterError("{parameter}: rotated rasters cannot be subset by extent", parameter=parameter)
    if not all(math.isfinite(v) for v in gt) or gt[1] == 0 or gt[5] == 0:
        raise ParameterError("{parameter}: the raster has no usable georeference (geotransform {gt})", parameter=parameter,
                             gt=tuple(gt))
    xmin, ymin, xmax, ymax = bounds
    if not all(math.isfinite(float(v)) for v in bounds) or xmax < xmin or ymax < ymin:
        raise ParameterError("{parameter}: invalid extent {bounds}", parameter=parameter, bounds=tuple(bounds))
    c0, c1 = _span(gt[0], gt[1], xmin, xmax, width)
    r0, r1 = _span(gt[3], gt[5], ymin, ymax, height)
    if c1 <= c0 or r1 <= r0:
        xs, ys = sorted((gt[0], gt[0] + width * gt[1])), sorted((gt[3], gt[3] + height * gt[5]))
        raise ParameterError("{error_message}: extent {bounds} vs raster {raster_bounds}", error_message=error_message,
                             bounds=tuple(bounds), raster_bounds=(xs[0], ys[0], xs[1], ys[1]))
    return Window(r0, c0, r1 - r0, c1 - c0)
