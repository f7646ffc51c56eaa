"""Download one NEON file: checked, resumable, never visible under its final name before it is complete.

Bytes go to a hidden resume file beside the final one, ``.<name>.<checksum>.resume`` (the expected checksum, or
size, is part of the name, so a partial file of another version of the file is never continued). They are checked
while they arrive (size, crc32c, md5: whatever the API gives) and the file is renamed to its final name only when
every check passed; a file that fails is deleted, downloaded once more, and reported if it fails again.

An interrupted transfer (dropped connection, timeout, cancel, a killed QGIS) resumes with ``Range: bytes=N-`` from
the bytes already on disk, in the same run or the next one; a server that ignores the Range starts the file over.
A URL that has expired (HTTP 403 / 410, or 400 ExpiredToken from the storage service, or an expiry written in
a signed URL) is asked from the API again. A file already under its final name is checked, not trusted by name.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import glob
import http.client
import os
import re
import socket
import urllib.parse
from dataclasses import dataclass
from typing import Callable

from ..messages import Message, join
from .api import NeonFile
from .checksum import FileChecks
from .errors import NeonApiError
from .http import Http, HttpStatusError, display_url

CHUNK = 1 << 20
EXPIRED_STATUS = (403, 410)


@dataclass
class FileResult:
    file: NeonFile
    path: str
    status: str  # "downloaded", "complete" (already there and checked), "failed"
    fetched: int = 0  # bytes transferred in this run
    message: str = ""


def resume_path(folder: str, f: NeonFile) -> str:
    key = (f.crc32c or f.md5 or f"size{f.size}").lower()
    return os.path.join(folder, f".{f.name}.{key}.resume")


def url_expiry(url: str) -> float | None:
    """When a signed URL stops working (epoch seconds), from its query (X-Goog-/X-Amz- Date + Expires, or a V2
    ``Expires`` timestamp), or None."""
    query = {k.lower(): v[-1] for k, v in urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).items()}
    for prefix in ("x-goog-", "x-amz-"):
        date, expires = query.get(prefix + "date"), query.get(prefix + "expires")
        if date and expires:
            try:
                start = dt.datetime.strptime(date, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.timezone.utc)
                return start.timestamp() + float(expires)
            except ValueError:
                return None
    if query.get("expires", "").isdigit():
        return float(query["expires"])
    return None


def _expired_answer(exc: HttpStatusError) -> bool:
    return exc.code in EXPIRED_STATUS or (exc.code == 400 and re.search(r"expired", exc.detail, re.IGNORECASE))


class Downloader:
    """Fetches files into ``folder``; ``refresh(file) -> file`` asks the API for a fresh URL of the same file;
    ``on_bytes(n)`` is told every chunk written or checked (progress in bytes across files)."""

    def __init__(self, http: Http, refresh: Callable[[NeonFile], NeonFile], on_bytes: Callable[[int], None],
                 crc_factory=None, clock=None):
        self.http = http
        self.refresh = refresh
        self.on_bytes = on_bytes
        self.crc_factory = crc_factory
        self.clock = clock
        self.log = http.progress.log

    def _checks(self, f: NeonFile) -> FileChecks:
        return FileChecks(f.crc32c, f.md5, self.crc_factory)

    def verify(self, path: str, f: NeonFile) -> list[str]:
        """What is wrong with a complete file on disk (empty list: size and checksums match)."""
        size = os.path.getsize(path)
        if size != f.size:
            return [Message("{size} bytes instead of {expected}", size=size, expected=f.size)]
        checks = self._checks(f)
        checks.update_from_file(path, progress=self._tick)
        return checks.mismatches()

    def _tick(self, n: int) -> None:
        self.on_bytes(n)
        self.http.progress.check()

    def fetch(self, f: NeonFile, folder: str, attempts: int = 2) -> FileResult:
        final = os.path.join(folder, f.name)
        part = resume_path(folder, f)
        for stale in glob.glob(os.path.join(glob.escape(folder), f".{glob.escape(f.name)}.*.resume")):
            if stale != part:  # a partial download of another version of this file
                os.remove(stale)
        fetched = 0
        problems: list[str] = []
        for attempt in range(1, attempts + 1):
            fetched += self._transfer(f, part)
            problems = self._checks_after(f, part)
            if not problems:
                os.replace(part, final)
                return FileResult(f, final, "downloaded", fetched)
            os.remove(part)
            more = Message("downloading it again") if attempt < attempts else Message("giving up")
            self.log("{name}: failed its check ({problems}); deleted, {more}", name=f.name, problems=join("; ", problems),
                     more=more)
        return FileResult(f, final, "failed", fetched, Message("{name}: failed its check twice ({problems}); deleted",
                                                               name=f.name, problems=join("; ", problems)))

    def _checks_after(self, f: NeonFile, part: str) -> list[str]:
        size = os.path.getsize(part)
        if size != f.size:
            return [Message("{size} bytes instead of {expected}", size=size, expected=f.size)]
        return self._last_checks.mismatches()

    def _now(self) -> float:
        return self.clock() if self.clock else dt.datetime.now(dt.timezone.utc).timestamp()

    def _transfer(self, f: NeonFile, part: str) -> int:
        """Bring ``part`` to ``f.size`` bytes (resuming what is there); returns the bytes transferred."""
        policy = self.http.policy
        checks = self._last_checks = self._checks(f)
        offset = os.path.getsize(part) if os.path.exists(part) else 0
        if offset > f.size:
            os.remove(part)
            offset = 0
        if offset:
            self.log("{name}: resuming at {mb:.1f} MB of {total_mb:.1f} MB", name=f.name, mb=offset / 1e6, total_mb=f.size / 1e6)
            checks.update_from_file(part, offset, progress=self._tick)  # the checksums cover the bytes there
        transferred = 0
        refreshes = 0
        restarts = 0
        stalls = 0
        drops = 0
        while offset < f.size:
            expiry = url_expiry(f.url)
            if expiry is not None and expiry - self._now() < 60:
                f, refreshes = self._refreshed(f, refreshes, Message("its URL has expired"))
                continue
            headers = {"Range": f"bytes={offset}-"} if offset else {}
            try:
                response = self.http.open(f.url, f.name, headers)
            except HttpStatusError as exc:
                if _expired_answer(exc):
                    f, refreshes = self._refreshed(f, refreshes, Message("HTTP {code} (an expired URL)", code=exc.code))
                    continue
                if exc.code == 416 and offset:  # no such range
                    if _content_range_total(exc.headers.get("Content-Range")) == offset:
                        break  # the server's file ends here, short of the API's size: the size check reports it
                    restarts += 1
                    if restarts > 2:
                        raise
                    self.log("{name}: the server refused to resume (HTTP 416); starting again", name=f.name)
                    offset, checks = self._restart(f, part)
                    continue
                raise
            with response:
                status = response.status
                if offset and status == 200:
                    restarts += 1
                    if restarts > 2:
                        raise NeonApiError("{name}: {url} ignores Range requests and the "
                                           "transfer keeps breaking off", name=f.name, url=display_url(f.url))
                    self.log("{name}: the server ignored the Range request; starting again from the first byte", name=f.name)
                    offset, checks = self._restart(f, part)
                elif status == 206:
                    start = _content_range_start(response.headers.get("Content-Range"))
                    if start != offset:
                        raise NeonApiError("{name}: asked for bytes from {offset}, {url} sent "
                                           "{content_range!r}", name=f.name, offset=offset, url=display_url(f.url),
                                           content_range=response.headers.get("Content-Range"))
                before = offset
                try:
                    offset = self._copy(response, part, offset, f, checks)
                except (OSError, http.client.HTTPException, socket.timeout) as exc:
                    if isinstance(exc, OSError) and exc.errno is not None and not isinstance(exc, ConnectionError):
                        raise  # a disk error (full, read-only): no retry helps
                    offset = os.path.getsize(part)
                    reason = type(exc).__name__
                else:
                    reason = Message("the connection closed early")
                transferred += offset - before
            if offset >= f.size:
                break
            drops += 1
            stalls = 0 if offset > before else stalls + 1
            if stalls >= policy.attempts or drops >= 4 * policy.attempts:
                raise NeonApiError("{name}: the transfer broke off {drops} times ({reason}); the "
                                   "{mb:.1f} MB received are kept and the next run resumes them", name=f.name, drops=drops,
                                   reason=reason, mb=offset / 1e6)
            self.log("{name}: {reason} at {mb:.1f} MB of {total_mb:.1f} MB; resuming", name=f.name, reason=reason,
                     mb=offset / 1e6, total_mb=f.size / 1e6)
            if stalls:  # nothing arrived since the last try: back off before the next
                self.http.wait(policy.delay(stalls), Message("{name}: no bytes received", name=f.name))
        return transferred

    def _restart(self, f: NeonFile, part: str):
        with open(part, "wb"):
            pass
        checks = self._last_checks = self._checks(f)
        return 0, checks

    def _refreshed(self, f: NeonFile, refreshes: int, why: str):
        if refreshes >= 2:
            raise NeonApiError("{name}: {url}: {why}, again after asking the API for a new "
                               "URL twice", name=f.name, url=display_url(f.url), why=why)
        self.log("{name}: {why}; asking the API for a new URL", name=f.name, why=why)
        return self.refresh(f), refreshes + 1

    def _copy(self, response, part: str, offset: int, f: NeonFile, checks: FileChecks) -> int:
        with open(part, "r+b" if os.path.exists(part) else "wb") as out:
            out.seek(offset)
            out.truncate()
            try:
                while offset < f.size:
                    chunk = response.read(min(CHUNK, f.size - offset))
                    if not chunk:
                        break
                    out.write(chunk)
                    checks.update(chunk)
                    offset += len(chunk)
                    self._tick(len(chunk))
            finally:
                out.flush()
                with contextlib.suppress(OSError):
                    os.fsync(out.fileno())
        return offset


def _content_range_total(value) -> int | None:
    match = re.match(r"\s*bytes\s+[^/]*/(\d+)", value or "")
    return int(match.group(1)) if match else None


def _content_range_start(value) -> int | None:
    match = re.match(r"\s*bytes\s+(\d+)-", value or "")
    return int(match.group(1)) if match else None
