"""Band statistics and histograms stored inside our GeoTIFFs, where GDAL and QGIS look for them.

* ``STATISTICS_MINIMUM`` / ``MAXIMUM`` / ``MEAN`` / ``STDDEV`` / ``VALID_PERCENT`` (band metadata, default domain):
  GDAL's own keys. ``GetStatistics`` returns them without reading pixels, and QGIS 3.22 shows them on the Layer
  Properties Information page instead of computing every band (its approximate path, taken for rasters of more than
  500,000 pixels; on smaller ones QGIS recomputes exact values, which one-band reads now make cheap).
* ``HISTOGRAM_MIN`` / ``HISTOGRAM_MAX`` / ``HISTOGRAM_COUNTS`` / ``HISTOGRAM_SAMPLE`` (band metadata, domain
  ``HYSPEC``): the streamed histogram (see :mod:`..engine.band_stats`) for the 2-98 % stretch of our styles. Kept in
  the GeoTIFF rather than a PAM ``.aux.xml`` so the file carries it when copied alone, and out of the default domain
  so QGIS's Information page does not list a thousand counts per band. QGIS's own cumulative cut asks GDAL for a
  histogram of 250,000 bins tied to its sample size, which no stored histogram of sensible size can match.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..engine.band_stats import BandSummary, cumulative_cut

DOMAIN = "HYSPEC"


def _number(value: float) -> str:
    return repr(float(value))  # the shortest text that reads back as the same float64


def write_band_statistics(ds, summaries: list[BandSummary], stride: int = 1) -> None:
    """Store each band's statistics and histogram in ``ds`` (a GDAL dataset open for writing). Bands without a valid
    pixel get none (GDAL then reports that itself)."""
    for i, s in enumerate(summaries):
        if s.valid == 0:
            continue
        band = ds.GetRasterBand(i + 1)
        for key, value in (("MINIMUM", s.minimum), ("MAXIMUM", s.maximum), ("MEAN", s.mean), ("STDDEV", s.stddev)):
            band.SetMetadataItem(f"STATISTICS_{key}", _number(value))
        band.SetMetadataItem("STATISTICS_VALID_PERCENT", format(s.valid_percent, ".6g"))
        if len(s.counts):
            low, high = s.histogram_range
            band.SetMetadataItem("HISTOGRAM_MIN", _number(low), DOMAIN)
            band.SetMetadataItem("HISTOGRAM_MAX", _number(high), DOMAIN)
            band.SetMetadataItem("HISTOGRAM_COUNTS", "|".join(str(int(c)) for c in s.counts), DOMAIN)
            band.SetMetadataItem("HISTOGRAM_SAMPLE", f"every {stride} pixel(s)" if stride > 1 else "all pixels",
                                 DOMAIN)


@dataclass
class StoredBand:
    """What a band of one of our files says about itself (None where the file has nothing)."""

    minimum: float
    maximum: float
    mean: float
    stddev: float
    valid_percent: float | None
    histogram: tuple[float, float, np.ndarray] | None  # (low edge, high edge, counts)

    def cut(self, lower: float = 0.02, upper: float = 0.98):
        """The (low, high) cumulative count cut from the stored histogram, or None."""
        if self.histogram is None:
            return None
        return cumulative_cut(*self.histogram, lower, upper)


def finite_float(text):
    """A metadata item as a finite float, or None (missing, not a number, inf or nan)."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def read_band_statistics(band) -> StoredBand | None:
    """The stored statistics of a GDAL band (no pixel is read), or None when the file holds none."""
    values = [finite_float(band.GetMetadataItem(f"STATISTICS_{k}")) for k in ("MINIMUM", "MAXIMUM", "MEAN", "STDDEV")]
    if any(v is None for v in values):
        return None
    histogram = None
    low, high = finite_float(band.GetMetadataItem("HISTOGRAM_MIN", DOMAIN)), finite_float(band.GetMetadataItem("HISTOGRAM_MAX",
                                                                                                    DOMAIN))
    text = band.GetMetadataItem("HISTOGRAM_COUNTS", DOMAIN)
    if low is not None and high is not None and high > low and text:
        try:
            counts = np.array([int(c) for c in text.split("|")], dtype=np.int64)
        except ValueError:
            counts = None
        if counts is not None and counts.size and (counts >= 0).all():
            histogram = (low, high, counts)
    return StoredBand(*values, finite_float(band.GetMetadataItem("STATISTICS_VALID_PERCENT")), histogram)


def stored_cuts(path: str, bands, lower: float = 0.02, upper: float = 0.98):
    """{band number: (low, high)} from the histograms stored in ``path``, for the 1-based ``bands`` that have one,
    in the band's stored units (before scale/offset). Reads metadata only; {} for a file GDAL cannot open."""
    from osgeo import gdal

    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        ds = gdal.OpenEx(path, gdal.OF_RASTER | gdal.OF_READONLY)
    except RuntimeError:
        ds = None
    finally:
        gdal.PopErrorHandler()
    if ds is None:
        return {}
    out = {}
    for b in bands:
        if not 1 <= int(b) <= ds.RasterCount:
            continue
        stored = read_band_statistics(ds.GetRasterBand(int(b)))
        cut = stored.cut(lower, upper) if stored is not None else None
        if cut is not None:
            out[int(b)] = cut
    return out
