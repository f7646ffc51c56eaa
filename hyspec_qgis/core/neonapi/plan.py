"""NEON AOP download, end to end: which months, which tiles, a size summary, then checked, resumable downloads.

:func:`download_neon` is what ``hyspec:downloadneon`` calls; it is plain Python (no QGIS) and can be scripted.
"""
from __future__ import annotations

import base64
import datetime as dt
import json
import os
import re
import shutil
import time
from dataclasses import dataclass, field

from ..engine.progress import as_progress
from ..messages import Message, join
from .api import PRODUCTS, Availability, NeonApi, NeonFile, check_site, data_files, products_for
from .checksum import FileChecks, crc32c_backend
from .download import Downloader, FileResult, resume_path
from .errors import DownloadFailed, NeonApiError, NoDataError
from .http import Http, RetryPolicy
from .tiles import describe_tiles, select_tiles, tile_box

DEFAULT_API_URL = "https://data.neonscience.org/api/v0/"


@dataclass
class TileDownload:
    file: NeonFile
    path: str
    status: str  # "downloaded" or "complete" (was already there, checked)
    box: tuple  # footprint (xmin, ymin, xmax, ymax) in EPSG ``epsg``


@dataclass
class DownloadReport:
    product: str
    site: str
    year: int
    months: list
    epsg: int
    tiles: list = field(default_factory=list)
    total_bytes: int = 0
    fetched_bytes: int = 0
    checksum: str = ""

    @property
    def paths(self) -> list:
        return [t.path for t in self.tiles]


def token_expiry(token: str) -> float | None:
    """The expiry (epoch seconds) written in a NEON token (a JWT with an ``exp`` claim), or None."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
        return float(payload["exp"])
    except (ValueError, KeyError, TypeError):
        return None


def _gb(n: int) -> str:
    return f"{n / 1e9:.2f} GB" if n >= 1e8 else f"{n / 1e6:.1f} MB"


def _files(n: int) -> Message:
    return Message("{n} file", n=n) if n == 1 else Message("{n} files", n=n)


def _no_data_message(choice: str, site: str, year: int, found: list) -> Message:
    lines = [Message("PRODUCT / SITE / YEAR: {products} has no data at {site} in {year}.",
                     products=" or ".join(a.product for a in found), site=site, year=year)]
    for a in found:
        if a.site_found:
            lines.append(Message("{site} has {availability}.", site=site, availability=a.describe()))
        else:
            sites = ", ".join(a.sites) if a.sites else "none"
            lines.append(Message("{product} has no data at {site}; sites with data: {sites}. Aquatic and some small "
                                 "sites are flown inside a nearby terrestrial site's box and published under that "
                                 "site's code.", product=a.product, site=site, sites=sites))
    return join(" ", lines)


def _choose_months(api: NeonApi, choice: str, site: str, year: int, log):
    found = []
    codes = products_for(choice)
    for code in codes:
        try:
            availability = api.availability(code, site)
        except NoDataError:
            if len(codes) == 1:
                raise
            availability = Availability(code, False, [], {}, [])  # e.g. a mirror without that product
        months = [m for m in availability.months if m.startswith(f"{year:04d}-")]
        if months:
            if found:
                log("{product} has no data at {site} in {year}; using {code}", product=found[0].product, site=site,
                    year=year, code=code)
            return code, months, availability
        found.append(availability)
    raise NoDataError(_no_data_message(choice, site, year, found))


def _files_of_months(api: NeonApi, code: str, site: str, months: list, log) -> list[NeonFile]:
    by_name: dict = {}
    names_seen = []
    for month in months:
        month_files = api.month_files(code, site, month)
        names_seen += [f.name for f in month_files]
        for f in data_files(month_files, code):
            if f.name in by_name:
                log("{name} is published for {other} and {month}; taking {month}", name=f.name,
                    other=by_name[f.name].month, month=month)
            by_name[f.name] = f
        log("{code} {site} {month}: {n_files} files ({release})", code=code, site=site, month=month,
            n_files=len(month_files), release=month_files[0].release if month_files else "none")
    if not by_name:
        shown = ", ".join(names_seen[:5]) + (" ..." if len(names_seen) > 5 else "")
        raise NoDataError("PRODUCT: {code} at {site} in {months} lists no tile data files "
                          "({n_other} other files: {names})", code=code, site=site, months=", ".join(months),
                          n_other=len(names_seen), names=shown or "none")
    return sorted(by_name.values(), key=lambda f: (f.origin, f.name))


def download_neon(product: str, site: str, year: int, area, folder: str, token: str | None = None,
                  api_url: str = DEFAULT_API_URL, policy: RetryPolicy | None = None, progress=None,
                  crc_factory=None) -> DownloadReport:
    """Download every tile of ``product`` (a code of :data:`PRODUCTS` or "reflectance") at ``site`` in ``year``
    that ``area`` needs into ``folder``.

    ``area``: a tiles-module area in the site's UTM CRS, or a callable ``epsg -> area`` (the caller reprojects).
    Raises NoDataError (with what exists), NeonApiError, DownloadFailed (after trying every file; the files that
    succeeded stay in place), or Cancelled (partial files stay hidden and the next run resumes them)."""
    progress = as_progress(progress)
    log = progress.log
    site = check_site(site)
    if not isinstance(year, int) or not 2013 <= year <= 2100:
        raise NeonApiError("YEAR: {year!r} is not a year of NEON flights (2013 on)", year=year)
    token = (token or "").strip() or None
    if token and not re.fullmatch(r"[\x21-\x7e]+", token):
        raise NeonApiError("TOKEN: the token holds spaces or characters a NEON token cannot have (copied with "
                           "quotes or a line break?)")
    if token:
        expiry = token_expiry(token)
        if expiry is not None and expiry < time.time():
            day = dt.datetime.fromtimestamp(expiry, dt.timezone.utc).date().isoformat()
            raise NeonApiError("TOKEN: the token expired on {day}; create a new one in your NEON user account "
                               "(My Account, API Token)", day=day)
    else:
        log("No API token (TOKEN or NEON_API_TOKEN): NEON's data endpoint refuses file lists without one")
    os.makedirs(folder, exist_ok=True)
    http = Http(api_url, token, policy, progress)
    api = NeonApi(http)

    code, months, _ = _choose_months(api, product, site, year, log)
    epsg = api.site_epsg(site)
    area = area(epsg) if callable(area) else area
    buffer = getattr(area, "buffer", 0.0)
    files = _files_of_months(api, code, site, months, log)
    by_origin: dict = {}
    for f in files:
        by_origin.setdefault(f.origin, []).append(f)
    selection = select_tiles(area, by_origin)
    x0, y0, x1, y1 = area.bounds()
    if not selection.chosen:
        raise NoDataError(
            "AREA: no {code} tile at {site} in {year} meets the area (buffer {buffer:g} m; x {x0:.0f}-{x1:.0f}, "
            "y {y0:.0f}-{y1:.0f} in EPSG:{epsg}). The site's tiles: {tiles} (lower-left "
            "corners, 1 km tiles)", code=code, site=site, year=year, buffer=buffer, x0=x0, x1=x1, y0=y0, y1=y1, epsg=epsg,
            tiles=describe_tiles(by_origin))
    chosen = [f for origin in selection.chosen for f in by_origin[origin]]
    total = sum(f.size for f in chosen)
    log("{code} ({title}) at {site}, {year} ({months}), EPSG:{epsg}: {files} for the area (buffer {buffer:g} m), "
        "{total} in total", code=code, title=PRODUCTS[code].title, site=site, year=year, months=", ".join(months),
        epsg=epsg, files=_files(len(chosen)), buffer=buffer, total=_gb(total))
    if selection.without_data:
        log("{km2} km² of the area (1 km cells) lie outside the site's {year} tiles", km2=selection.without_data,
            year=year)

    backend_factory, backend = crc32c_backend()
    crc_factory = crc_factory or backend_factory
    report = DownloadReport(code, site, year, months, epsg, total_bytes=total, checksum=backend)
    existing = [f for f in chosen if os.path.exists(os.path.join(folder, f.name))]
    work = total + sum(os.path.getsize(os.path.join(folder, f.name)) for f in existing)
    counter = {"done": 0}
    bar = progress.sub(0.0, 1.0)

    def on_bytes(n: int) -> None:
        counter["done"] += n
        bar(min(1.0, counter["done"] / work) if work else 1.0)

    latest: dict = {}  # (product, site, month) -> {name: file} of the newest listing: fresh URLs for all its files

    def refresh(f: NeonFile) -> NeonFile:
        listing = latest[(f.product, f.site, f.month)] = {g.name: g for g in
                                                         api.month_files(f.product, f.site, f.month)}
        if f.name not in listing:
            raise NeonApiError("{name}: no longer listed by the API for {site} {month}", name=f.name, site=f.site, month=f.month)
        return listing[f.name]

    downloader = Downloader(http, refresh, on_bytes, crc_factory)
    complete = set()
    for f in existing:
        path = os.path.join(folder, f.name)
        problems = downloader.verify(path, f)
        if problems:
            log("{name}: the file in the folder does not match NEON's ({problems}); deleted, downloading it again",
                name=f.name, problems=join("; ", problems))
            os.remove(path)
        else:
            complete.add(f.name)
            on_bytes(f.size)
    todo = [f for f in chosen if f.name not in complete]
    resumable = sum(min(os.path.getsize(p), f.size) for f in todo if os.path.exists(p := resume_path(folder, f)))
    needed = sum(f.size for f in todo) - resumable
    resumed = Message(" ({size} already received are resumed)", size=_gb(resumable)) if resumable else ""
    kept = Message("; {n_complete} already complete (checked), {size}", n_complete=len(complete),
                   size=_gb(total - sum(f.size for f in todo))) if complete else ""
    log("To download: {files}, {needed}{resumed}{kept}; checksums with {backend}", files=_files(len(todo)),
        needed=_gb(needed), resumed=resumed, kept=kept, backend=backend)
    free = shutil.disk_usage(folder).free
    if needed > free:
        raise NeonApiError("OUTPUT_FOLDER: {folder} has {free} free, the download needs {needed}", folder=folder, free=_gb(free),
                           needed=_gb(needed))

    results: list[FileResult] = []
    started = time.monotonic()
    broken_in_row = 0
    for number, f in enumerate(chosen, 1):
        if f.name in complete:
            results.append(FileResult(f, os.path.join(folder, f.name), "complete"))
            log("[{number}/{n_files}] {name}: already complete (size and checksum checked)", number=number,
                n_files=len(chosen), name=f.name)
            continue
        f = latest.get((f.product, f.site, f.month), {}).get(f.name, f)
        try:
            result = downloader.fetch(f, folder)
            broken_in_row = 0
        except NeonApiError as exc:
            broken_in_row += 1
            result = FileResult(f, os.path.join(folder, f.name), "failed", message=http.redact(exc))
            if broken_in_row >= 2:
                results.append(result)
                failed = [r for r in results if r.status == "failed"]
                raise DownloadFailed(_failure_message(failed, results, chosen,
                                                      Message("stopped after two files in a row failed"))) from None
        report.fetched_bytes += result.fetched
        results.append(result)
        checked = FileChecks(f.crc32c, f.md5, crc_factory).names() or Message("size only: the API gives no checksum")
        if result.status == "downloaded":
            log("[{number}/{n_files}] {name}: {size} downloaded and checked ({checked})", number=number,
                n_files=len(chosen), name=f.name, size=_gb(f.size), checked=checked)
        else:
            log("[{number}/{n_files}] {name}: {message}", number=number, n_files=len(chosen), name=f.name,
                message=result.message)
    seconds = time.monotonic() - started
    if report.fetched_bytes:
        log("Downloaded {size} in {seconds:.0f} s ({rate:.1f} MB/s)", size=_gb(report.fetched_bytes), seconds=seconds,
            rate=report.fetched_bytes / 1e6 / max(seconds, 1e-3))
    failed = [r for r in results if r.status == "failed"]
    if failed:
        raise DownloadFailed(_failure_message(failed, results, chosen, Message("every other file was tried")))
    report.tiles = [TileDownload(r.file, r.path, r.status, tile_box(r.file.origin)) for r in results]
    return report


def _failure_message(failed, results, chosen, how) -> Message:
    good = sum(1 for r in results if r.status != "failed")
    return Message("{n_failed} of {n_files} files could not be downloaded ({how}): {reasons}. {good} checked files are "
                   "in OUTPUT_FOLDER; run again to resume the others.", n_failed=len(failed), n_files=len(chosen),
                   how=how, reasons=join(" | ", [r.message for r in failed]), good=good)
