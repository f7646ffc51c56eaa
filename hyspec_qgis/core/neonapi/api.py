"""The NEON Data API endpoints the download uses, read into small dataclasses.

- ``products/{product}``: ``data.siteCodes[]`` with ``siteCode``, ``availableMonths`` (YYYY-MM) and
  ``availableReleases`` ({release, availableMonths});
- ``sites/{site}``: ``data.siteLatitude`` / ``siteLongitude`` (which UTM zone the mosaics use);
- ``data/{product}/{site}/{month}``: ``data.release`` and ``data.files[]`` with ``name``, ``size`` (bytes), ``url``
  (may be a signed storage URL that expires after about a week), ``crc32c`` (hex; AOP files) and ``md5`` /
  ``crc32`` (null for AOP files; ``crc32`` is deprecated and not checked).
The data endpoint needs a token (X-API-Token) since June 2026; the others answer without one.
"""
from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass

from .checksum import normalise_hex
from .errors import NeonApiError, NoDataError
from .http import Http, HttpStatusError
from .tiles import tile_origin, utm_epsg


@dataclass(frozen=True)
class Product:
    code: str
    title: str
    data_file: str  # regular expression a tile's data file name matches (other files: readme, metadata)


PRODUCTS = {
    "DP3.30006.001": Product("DP3.30006.001", "spectrometer surface reflectance mosaic", r"reflectance\.h5$"),
    "DP3.30006.002": Product("DP3.30006.002", "spectrometer bidirectional surface reflectance mosaic",
                             r"reflectance\.h5$"),
    "DP3.30015.001": Product("DP3.30015.001", "canopy height model (lidar) mosaic", r"_CHM\.tif$"),
    "DP3.30010.001": Product("DP3.30010.001", "RGB camera orthomosaic", r"_image\.tif$"),
}
REFLECTANCE = "reflectance"  # the bidirectional DP3.30006.002 where the year has it, else DP3.30006.001
REFLECTANCE_ORDER = ("DP3.30006.002", "DP3.30006.001")
_SITE = re.compile(r"^[A-Z]{4}$")


def check_site(site: str) -> str:
    code = (site or "").strip().upper()
    if not _SITE.match(code):
        raise NeonApiError("SITE: {site!r} is not a NEON site code (four letters, e.g. SERC, HARV)", site=site)
    return code


def products_for(choice: str) -> tuple[str, ...]:
    if choice == REFLECTANCE:
        return REFLECTANCE_ORDER
    if choice not in PRODUCTS:
        raise NeonApiError("PRODUCT: {choice!r} is not one of {reflectance}, {products}", choice=choice, reflectance=REFLECTANCE,
                           products=", ".join(PRODUCTS))
    return (choice,)


@dataclass
class NeonFile:
    name: str
    size: int
    url: str
    crc32c: str | None
    md5: str | None
    product: str
    site: str
    month: str
    release: str
    origin: tuple[int, int] | None  # lower-left corner of the tile, from the name


@dataclass
class Availability:
    """Months of one product at one site (all years), from ``products/{product}``."""

    product: str
    site_found: bool
    months: list
    releases: dict  # month -> release names
    sites: list  # every site with data for the product

    def years(self) -> dict:
        years: dict = {}
        for month in self.months:
            years.setdefault(month[:4], []).append(month)
        return years

    def describe(self) -> str:
        if not self.site_found:
            return f"{self.product}: no data at this site"
        return f"{self.product}: " + ", ".join(f"{y} ({', '.join(m)})" for y, m in sorted(self.years().items()))


def _data(payload, what: str):
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), dict):
        raise NeonApiError("{what}: the API's answer has no 'data' object (is API_URL the NEON Data API?)", what=what)
    return payload["data"]


class NeonApi:
    def __init__(self, http: Http):
        self.http = http

    def availability(self, product: str, site: str) -> Availability:
        what = f"PRODUCT {product}"
        try:
            data = _data(self.http.get_json(f"products/{urllib.parse.quote(product)}", what), what)
        except HttpStatusError as exc:
            if exc.code in (400, 404):
                raise NoDataError("PRODUCT: the NEON Data API does not know {product} ({detail})", product=product,
                                  detail=exc.detail or exc.code) from None
            raise
        entries = data.get("siteCodes") or []
        sites = sorted({str(e.get("siteCode")) for e in entries if isinstance(e, dict) and e.get("siteCode")})
        for entry in entries:
            if isinstance(entry, dict) and entry.get("siteCode") == site:
                months = sorted({str(m) for m in entry.get("availableMonths") or []})
                releases: dict = {}
                for rel in entry.get("availableReleases") or []:
                    for month in rel.get("availableMonths") or []:
                        releases.setdefault(str(month), []).append(str(rel.get("release")))
                return Availability(product, True, months, releases, sites)
        return Availability(product, False, [], {}, sites)

    def site_epsg(self, site: str) -> int:
        """EPSG code of the UTM zone of the site's mosaics (from the site's coordinates)."""
        what = f"SITE {site}"
        try:
            data = _data(self.http.get_json(f"sites/{urllib.parse.quote(site)}", what), what)
        except HttpStatusError as exc:
            if exc.code in (400, 404):
                raise NoDataError("SITE: {site} is not a NEON site ({detail})", site=site,
                                  detail=exc.detail or exc.code) from None
            raise
        try:
            return utm_epsg(float(data["siteLatitude"]), float(data["siteLongitude"]))
        except (KeyError, TypeError, ValueError):
            raise NeonApiError("SITE {site}: the API gives no coordinates for the site", site=site) from None

    def month_files(self, product: str, site: str, month: str) -> list[NeonFile]:
        what = f"{product} {site} {month}"
        path = "data/" + "/".join(urllib.parse.quote(p) for p in (product, site, month))
        try:
            data = _data(self.http.get_json(path, what), what)
        except HttpStatusError as exc:
            if exc.code in (401, 403):
                raise NeonApiError(
                    "TOKEN: the NEON Data API refused the file list of {what} (HTTP {code}{detail}). Downloads need a "
                    "valid API token: set TOKEN or the environment variable NEON_API_TOKEN (a NEON user account gives "
                    "one: My Account, API Token)", what=what, code=exc.code,
                    detail=f": {exc.detail}" if exc.detail else "") from None
            raise
        release = str(data.get("release") or "")
        files = []
        for item in data.get("files") or []:
            if not isinstance(item, dict) or not item.get("name") or not item.get("url"):
                continue
            try:
                size = int(item.get("size"))
            except (TypeError, ValueError):
                raise NeonApiError("{what}: the API gives no size for {name}", what=what, name=item.get("name")) from None
            try:
                crc, md5 = normalise_hex(item.get("crc32c"), 8), normalise_hex(item.get("md5"), 32)
            except ValueError as exc:
                raise NeonApiError("{what}: {name}: {exc}", what=what, name=item.get("name"), exc=exc) from None
            files.append(NeonFile(str(item["name"]), size, str(item["url"]), crc, md5, product, site, month, release,
                                  tile_origin(str(item["name"]))))
        return files


def data_files(files: list[NeonFile], product: str) -> list[NeonFile]:
    """The tiles' data files among a month's files (readme, metadata and other files left out)."""
    pattern = re.compile(PRODUCTS[product].data_file, re.IGNORECASE) if product in PRODUCTS else None
    return [f for f in files if f.origin is not None and (pattern is None or pattern.search(f.name))]
