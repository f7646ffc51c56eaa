"""HTTP for the NEON Data API with the standard library only (urllib: proxies from the environment, HTTPS).

What makes it careful:
- the API token travels only as the ``X-API-Token`` header of requests below API_URL, as an *unredirected*
  header: a redirect (e.g. to a storage bucket) never carries it; it never appears in a URL, a log line or an
  error message (:meth:`Http.redact` removes it from anything a server echoes back);
- 429 and 5xx answers, refused or dropped connections and timeouts get a bounded number of retries with an
  exponential backoff; ``Retry-After`` (seconds or a date; NEON's docs also spell it ``RetryAfter``) and
  ``X-RateLimit-Reset`` are honoured, and ``X-RateLimit-Remaining: 0`` pauses before the next request;
- every wait is cancellable, and all waits and retry counts come from a :class:`RetryPolicy` (tests shrink them).
"""
from __future__ import annotations

import email.utils
import http.client
import json
import numbers
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Callable

from ..engine.progress import as_progress
from ..messages import Message, parts
from .errors import NeonApiError

USER_AGENT = "hyspec_qgis (QGIS plugin; NEON AOP download)"
RETRY_STATUS = (429, 500, 502, 503, 504)


@dataclass
class RetryPolicy:
    """How hard to try. ``sleep`` replaces the (cancellable) wait, e.g. to record waits in tests."""

    attempts: int = 6  # tries per request, the first included
    backoff: float = 2.0  # seconds before the first retry, doubled after each failure
    max_backoff: float = 120.0
    max_wait: float = 900.0  # the longest wait a server may ask for before we give up instead
    rate_pause: float = 1.0  # pause when X-RateLimit-Remaining is 0 (NEON refills 2-8 requests a second)
    timeout: float = 60.0  # socket timeout (s): a stalled transfer counts as a dropped connection
    sleep: Callable[[float], None] | None = None

    def delay(self, failures: int) -> float:
        return min(self.max_backoff, self.backoff * 2 ** max(failures - 1, 0))


class HttpStatusError(NeonApiError):
    """A non-retryable (or no longer retried) HTTP status; ``code``, ``detail`` (server message, redacted)."""

    def __init__(self, message: str, code: int, detail: str = "", headers=None):
        super().__init__(message)
        self.code = code
        self.detail = detail
        self.headers = headers or {}


def display_url(url: str) -> str:
    """A URL as shown to users: no query (signed URLs carry signatures) and no user:password."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urllib.parse.urlunsplit((parts.scheme, host, parts.path, "", ""))


def retry_after(headers, now: float | None = None) -> float | None:
    """Seconds a server asks us to wait (``Retry-After`` / ``RetryAfter``: seconds or an HTTP date), or None."""
    if headers is None:
        return None
    for name in ("Retry-After", "RetryAfter"):
        value = headers.get(name)
        if value is None:
            continue
        value = str(value).strip()
        try:
            return max(0.0, float(value))
        except ValueError:
            pass
        try:
            when = email.utils.parsedate_to_datetime(value).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            continue
        return max(0.0, when - (time.time() if now is None else now))
    return None


def _header_number(headers, name: str) -> float | None:
    value = headers.get(name) if headers is not None else None
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def error_detail(body: bytes) -> str:
    """The message of a NEON error body ({"error": {...}}, {"errors": [...]}, {"message": ...}) or its text."""
    text = body.decode("utf-8", "replace").strip()
    try:
        data = json.loads(text)
    except ValueError:
        return " ".join(text.split())[:300]
    items = []
    if isinstance(data, dict):
        for key in ("errors", "error"):
            value = data.get(key)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict) and item.get("detail"):
                    items.append(str(item["detail"]))
                elif isinstance(item, str):
                    items.append(item)
        if not items and data.get("message"):
            items.append(str(data["message"]))
    return "; ".join(items)[:300] if items else " ".join(text.split())[:300]


class _NoTokenRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects (at most 5); the token is an unredirected header, so no redirect target receives it."""

    max_redirections = 5


class Http:
    """One NEON API session: the token, the API's origin, the retry policy and the progress/cancel channel."""

    def __init__(self, api_url: str, token: str | None = None, policy: RetryPolicy | None = None, progress=None):
        self.api_url = api_url if api_url.endswith("/") else api_url + "/"
        parts = urllib.parse.urlsplit(self.api_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise NeonApiError("API_URL: {api_url!r} is not an http(s) URL", api_url=api_url)
        self._origin = (parts.scheme, parts.hostname, parts.port)
        self._path = parts.path
        self.token = (token or "").strip() or None
        self.policy = policy or RetryPolicy()
        self.progress = as_progress(progress)
        self._opener = urllib.request.build_opener(_NoTokenRedirects())
        self._pause_next = 0.0
        self.requests = 0

    # --- safety ---------------------------------------------------------------------------------------------------
    def redact(self, text) -> str:
        """``text`` without the token; a Message keeps its template and has its fields redacted."""
        split = parts(text)  # a Message or a HyspecError: keep the template (a literal), redact the values
        if split is not None:
            template, fields = split
            return Message(template, **{k: v if isinstance(v, numbers.Number) else self.redact(v)
                                        for k, v in fields.items()})
        text = str(text)
        return text.replace(self.token, "<token>") if self.token else text

    def _is_api(self, url: str) -> bool:
        """Whether ``url`` lies under API_URL (same scheme, host, port, and below its path): only those get the
        token, never a storage host, nor another path of the same host."""
        parts = urllib.parse.urlsplit(url)
        return (parts.scheme, parts.hostname, parts.port) == self._origin and parts.path.startswith(self._path)

    # --- waiting --------------------------------------------------------------------------------------------------
    def wait(self, seconds: float, why: str) -> None:
        if seconds <= 0:
            return
        self.progress.log(self.redact(Message("{why}: waiting {seconds:.3g} s", why=why, seconds=seconds)))
        if self.policy.sleep is not None:
            self.policy.sleep(seconds)
            self.progress.check()
            return
        end = time.monotonic() + seconds
        while True:
            self.progress.check()
            left = end - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(0.25, left))

    def _note_rate(self, headers, url: str) -> None:
        remaining = _header_number(headers, "X-RateLimit-Remaining")
        if remaining is not None and remaining <= 0:
            reset = _header_number(headers, "X-RateLimit-Reset")
            asked = retry_after(headers)
            self._pause_next = asked if asked is not None else self.policy.rate_pause
            self._pause_reason = Message("{url}: rate limit reached (X-RateLimit-Remaining 0, full reset in {reset:g} s)",
                                         url=display_url(url), reset=reset) if reset is not None else \
                Message("{url}: rate limit reached (X-RateLimit-Remaining 0)", url=display_url(url))

    # --- requests -------------------------------------------------------------------------------------------------
    def open(self, url: str, what: str, headers: dict | None = None):
        """GET ``url`` and return the open response (status 200/206), retrying what deserves a retry.

        Raises HttpStatusError for other statuses (the caller decides: expired URL, missing product, ...) and
        NeonApiError when the retries are used up."""
        failures = 0
        while True:
            if self._pause_next:
                pause, self._pause_next = self._pause_next, 0.0
                self.wait(pause, self._pause_reason)
            self.progress.check()
            request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **(headers or {})})
            if self.token and self._is_api(url):
                request.add_unredirected_header("X-API-Token", self.token)
            self.requests += 1
            try:
                response = self._opener.open(request, timeout=self.policy.timeout)
                self._note_rate(response.headers, url)
                return response
            except urllib.error.HTTPError as exc:
                self._note_rate(exc.headers, url)
                try:
                    body = exc.read(4096)
                except (OSError, http.client.HTTPException):
                    body = b""
                finally:
                    exc.close()
                detail = self.redact(error_detail(body))
                if exc.code not in RETRY_STATUS:
                    message = Message("{what}: {url} answered HTTP {code} ({detail})", what=what, url=display_url(url),
                                      code=exc.code, detail=detail) if detail else \
                        Message("{what}: {url} answered HTTP {code}", what=what, url=display_url(url), code=exc.code)
                    raise HttpStatusError(self.redact(message), exc.code, detail, exc.headers) from None
                failures += 1
                self._pause_next = 0.0  # the wait below covers X-RateLimit-Remaining: 0 of this answer
                asked = retry_after(exc.headers)
                if asked is None and exc.code == 429:
                    asked = _header_number(exc.headers, "X-RateLimit-Reset")
                reason = Message("HTTP {code} (rate limit)", code=exc.code) if exc.code == 429 else f"HTTP {exc.code}"
                if asked is not None and asked > self.policy.max_wait:
                    raise NeonApiError(self.redact(Message(
                        "{what}: {url} answered {reason} and asks to wait {asked:g} s, longer than this run waits "
                        "({max_wait:g} s); try again later", what=what, url=display_url(url), reason=reason, asked=asked,
                        max_wait=self.policy.max_wait))) from None
                last = Message("{reason}: {detail}", reason=reason, detail=detail) if detail else reason
                wait = asked if asked is not None else self.policy.delay(failures)
            except (urllib.error.URLError, OSError, http.client.HTTPException, socket.timeout) as exc:
                failures += 1
                reason = getattr(exc, "reason", exc)
                last = self.redact(f"{type(reason).__name__}: {reason}" if str(reason) else type(reason).__name__)
                wait = self.policy.delay(failures)
            if failures >= self.policy.attempts:
                raise NeonApiError(self.redact(Message(
                    "{what}: {url} failed {failures} times, last: {last}. Check the network connection (and the "
                    "API_URL) or try again later", what=what, url=display_url(url), failures=failures,
                    last=last))) from None
            self.wait(wait, self.redact(Message("{what}: {last} (try {failures} of {attempts})", what=what, last=last,
                                                failures=failures, attempts=self.policy.attempts)))

    def get_json(self, path_or_url: str, what: str):
        """GET an API path (relative to API_URL) or URL and decode its JSON."""
        url = path_or_url if "://" in path_or_url else urllib.parse.urljoin(self.api_url, path_or_url)
        failures = 0
        while True:
            response = self.open(url, what, {"Accept": "application/json"})
            try:
                body = response.read()
            except (OSError, http.client.HTTPException) as exc:  # dropped mid-answer: retry the whole request
                failures += 1
                if failures >= self.policy.attempts:
                    raise NeonApiError(self.redact(Message(
                        "{what}: {url}: the answer was cut off {failures} times ({error_type})", what=what,
                        url=display_url(url), failures=failures, error_type=type(exc).__name__))) from None
                self.wait(self.policy.delay(failures), Message("{what}: answer cut off", what=what))
                continue
            finally:
                response.close()
            try:
                return json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                text = " ".join(body[:120].decode("utf-8", "replace").split())
                raise NeonApiError(self.redact(Message(
                    "{what}: {url} did not answer JSON (it begins {text!r}); is API_URL the NEON Data API?", what=what,
                    url=display_url(url), text=text))) from None
