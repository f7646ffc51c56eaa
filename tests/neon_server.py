"""A stand-in for the NEON Data API on 127.0.0.1 (an ephemeral port, a thread) for download tests.

It answers with the documented shapes (``products/{p}``: ``data.siteCodes[].availableMonths``; ``sites/{s}``:
``siteLatitude/Longitude``; ``data/{p}/{s}/{m}``: ``data.release`` and ``data.files[]`` with name, size, url, crc32c,
md5 and crc32 null) and serves the files from "storage" URLs shaped like signed URLs (X-Goog-Date / X-Goog-Expires).
Data endpoints require the token in ``X-API-Token``; storage never needs it. Every request is recorded, and
misbehaviour is scripted per file or per API path:

- ``server.file_faults[name] = ["drop:5000", "corrupt", "429:1", "503", "expired", "ignore_range", "gone"]``: one
  fault per request of that file, in order (drop after N bytes, one flipped byte, 429 with Retry-After, a 5xx,
  403 for an expired URL, a 200 that ignores Range, 404);
- ``server.api_faults[path_prefix] = [503, 502, 429, "drop"]``: statuses answered before the real answer;
- ``server.echo_token = True``: scripted API errors repeat the token they received (redaction tests);
- ``server.stale_listings = n``: the next n file listings give URLs signed 8 days ago (expired: storage answers
  403 to them, as Google Cloud Storage does after 7 days).
"""
from __future__ import annotations

import datetime as dt
import json
import socket
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import google_crc32c

TOKEN = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0ZXN0In0.c2VjcmV0LXRlc3QtdG9rZW4tOTk4"  # a JWT-shaped fake, no exp


@dataclass
class Served:
    name: str
    content: bytes
    crc32c: str | None = "auto"  # "auto": the right one; None: the API gives none
    md5: str | None = None
    size: int | None = None  # what the API claims (default: the real size)
    via_api: bool = False  # the listing's URL is an API URL that redirects (302) to storage


@dataclass
class Request:
    method: str
    path: str
    headers: dict
    status: int = 0


@dataclass
class FakeNeon:
    token: str | None = TOKEN
    products: dict = field(default_factory=dict)  # product -> {site: [months]}
    sites: dict = field(default_factory=lambda: {"SERC": (38.89013, -76.5600)})
    files: dict = field(default_factory=dict)  # (product, site, month) -> [Served]
    file_faults: dict = field(default_factory=dict)
    api_faults: dict = field(default_factory=dict)
    stale_listings: int = 0
    echo_token: bool = False  # scripted API errors repeat the X-API-Token they received
    rate_remaining: int | None = None  # X-RateLimit-Remaining on API answers (None: no rate headers)
    requests: list = field(default_factory=list)
    listings: int = 0  # file listings answered

    def add(self, product: str, site: str, month: str, served: list, release: str = "RELEASE-2026"):
        self.products.setdefault(product, {}).setdefault(site, []).append(month)
        self.files[(product, site, month)] = (release, served)

    # --- life -----------------------------------------------------------------------------------------------------
    def __enter__(self):
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v0/"

    def storage_requests(self, name: str | None = None) -> list:
        return [r for r in self.requests if r.path.startswith("/storage/") and (name is None or name in r.path)]

    def file_url(self, product, site, month, name) -> str:
        when = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=8 if self.stale_listings > 0 else 0)
        query = urllib.parse.urlencode({"X-Goog-Date": when.strftime("%Y%m%dT%H%M%SZ"), "X-Goog-Expires": 604800,
                                        "X-Goog-Signature": f"sig{self.listings}"})
        return f"http://127.0.0.1:{self.port}/storage/{product}/{site}/{month}/{name}?{query}"


class _Handler(BaseHTTPRequestHandler):
    fake: FakeNeon = None

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):  # noqa: N802
        fake = self.fake
        record = Request("GET", self.path, {k.lower(): v for k, v in self.headers.items()})
        fake.requests.append(record)
        parts = urllib.parse.urlsplit(self.path)
        try:
            if parts.path.startswith("/api/v0/"):
                self._api(parts.path[len("/api/v0/"):], record)
            elif parts.path.startswith("/storage/"):
                self._storage(parts, record)
            elif parts.path.startswith("/html/"):  # a web page where the API was expected
                record.status = 200
                body = b"<html><body>Welcome</body></html>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            else:
                self._json(404, {"error": {"status": 404, "detail": "not found"}}, record)
        except (BrokenPipeError, ConnectionResetError):
            pass

    # --- answers --------------------------------------------------------------------------------------------------
    def _json(self, status, payload, record, headers=None):
        body = json.dumps(payload).encode()
        record.status = status
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        if self.fake.rate_remaining is not None:
            self.send_header("X-RateLimit-Limit", "2000")
            self.send_header("X-RateLimit-Remaining", str(self.fake.rate_remaining))
            self.send_header("X-RateLimit-Reset", "3")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _fault(self, fault, record) -> bool:
        """Answer a scripted API fault; True when answered."""
        if fault == "drop":
            record.status = -1
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b'{"data": {')
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            return True
        status = int(fault)
        headers = {"Retry-After": "1", "X-RateLimit-Remaining": "0"} if status == 429 else {}
        detail = f"scripted {status}"
        if self.fake.echo_token:  # a careless server that repeats the request's token in its error
            detail += f" for token {self.headers.get('X-API-Token')}"
        self._json(status, {"error": {"status": status, "detail": detail}}, record, headers)
        return True

    def _api(self, path, record):
        fake = self.fake
        for prefix, faults in fake.api_faults.items():
            if path.startswith(prefix) and faults:
                self._fault(faults.pop(0), record)
                return
        parts = path.strip("/").split("/")
        if parts[0] == "redirect" and len(parts) == 5:
            record.status = 302
            self.send_response(302)
            self.send_header("Location", fake.file_url(*parts[1:]))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if parts[0] == "products" and len(parts) == 2:
            product = parts[1]
            if product not in fake.products:
                return self._json(400, {"error": {"status": 400, "detail": f"Product(s) not found: {product}"}},
                                  record)
            site_codes = [{"siteCode": s, "availableMonths": sorted(months),
                           "availableDataUrls": [f"{fake.url}data/{product}/{s}/{m}" for m in sorted(months)],
                           "availableReleases": [{"release": "RELEASE-2026", "availableMonths": sorted(months)}]}
                          for s, months in sorted(fake.products[product].items())]
            return self._json(200, {"data": {"productCode": product, "productName": "x",
                                             "productScienceTeamAbbr": "AOP", "siteCodes": site_codes}}, record)
        if parts[0] == "sites" and len(parts) == 2:
            if parts[1] not in fake.sites:
                return self._json(400, {"errors": [{"status": 400, "detail": f"Site(s) not found: {parts[1]}"}]},
                                  record)
            lat, lon = fake.sites[parts[1]]
            return self._json(200, {"data": {"siteCode": parts[1], "siteLatitude": lat, "siteLongitude": lon,
                                             "domainCode": "D02"}}, record)
        if parts[0] == "data" and len(parts) == 4:
            if fake.token and self.headers.get("X-API-Token") != fake.token:
                return self._json(401, {"error": {"status": 401, "detail": "API token required or invalid"}},
                                  record)
            key = tuple(parts[1:])
            if key not in fake.files:
                return self._json(400, {"errors": [{"status": 400, "detail": "No data for this month"}]}, record)
            release, served = fake.files[key]
            fake.listings += 1
            files = []
            for s in served:
                crc = f"{google_crc32c.value(s.content):08x}" if s.crc32c == "auto" else s.crc32c
                files.append({"name": s.name, "size": len(s.content) if s.size is None else s.size, "md5": s.md5,
                              "crc32": None, "crc32c": crc,
                              "url": (f"{fake.url}redirect/{'/'.join(key)}/{s.name}" if s.via_api
                                      else fake.file_url(*key, s.name))})
            files.append({"name": f"NEON.D02.{key[1]}.{key[0]}.readme.20260101T000000Z.txt", "size": 5,
                          "md5": None, "crc32": None, "crc32c": "00000000",
                          "url": fake.file_url(*key, "readme.txt")})
            fake.stale_listings -= 1
            return self._json(200, {"data": {"productCode": key[0], "siteCode": key[1], "month": key[2],
                                             "release": release, "packages": [], "files": files}}, record)
        return self._json(404, {"error": {"status": 404, "detail": f"no endpoint {path}"}}, record)

    def _storage(self, parts, record):
        fake = self.fake
        product, site, month, name = parts.path[len("/storage/"):].split("/")
        query = urllib.parse.parse_qs(parts.query)
        served = next((s for s in fake.files.get((product, site, month), ("", []))[1] if s.name == name), None)
        if served is None:
            record.status = 404
            self.send_error(404)
            return
        faults = fake.file_faults.get(name) or []
        fault = faults.pop(0) if faults else None
        content = served.content
        signed = dt.datetime.strptime(query["X-Goog-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.timezone.utc)
        if fault == "expired" or dt.datetime.now(dt.timezone.utc) - signed > dt.timedelta(days=7):
            record.status = 403
            body = b"<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"
            self.send_response(403)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if fault == "gone":
            record.status = 404
            self.send_error(404)
            return
        if fault and fault.split(":")[0] in ("429", "500", "502", "503"):
            status = int(fault.split(":")[0])
            record.status = status
            self.send_response(status)
            if status == 429:
                self.send_header("Retry-After", fault.split(":")[1] if ":" in fault else "1")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if fault == "corrupt":
            content = bytearray(content)
            content[len(content) // 2] ^= 0xFF
            content = bytes(content)
        start = 0
        ranged = self.headers.get("Range")
        if ranged and fault != "ignore_range":
            start = int(ranged.split("=")[1].split("-")[0])
        if start >= len(content) > 0:
            record.status = 416
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{len(content)}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if start:
            record.status = 206
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(content) - 1}/{len(content)}")
        else:
            record.status = 200
            self.send_response(200)
        self.send_header("Content-Length", str(len(content) - start))
        self.end_headers()
        body = content[start:]
        if fault and fault.startswith("drop:"):
            self.wfile.write(body[:int(fault.split(":")[1])])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.wfile.write(body)
