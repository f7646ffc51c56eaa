"""The NEON download core against a local stand-in of the NEON Data API (tests/neon_server.py, 127.0.0.1 only)."""
import glob
import hashlib
import os
import random

import pytest

from hyspec_qgis.core.errors import Cancelled
from hyspec_qgis.core.neonapi import (
    BoxArea,
    DownloadFailed,
    NeonApiError,
    NoDataError,
    PointArea,
    RetryPolicy,
    download_neon,
)
from hyspec_qgis.core.neonapi.checksum import NumpyCrc32c
from tests.neon_server import TOKEN, FakeNeon, Served

PRODUCT = "DP3.30006.002"


def tile_name(e, n, product=PRODUCT):
    if product == "DP3.30015.001":
        return f"NEON_D02_SERC_DP3_{e}_{n}_CHM.tif"
    if product == "DP3.30010.001":
        return f"2021_SERC_5_{e}_{n}_image.tif"
    kind = "bidirectional_reflectance" if product.endswith("002") else "reflectance"
    return f"NEON_D02_SERC_DP3_{e}_{n}_{kind}.h5"


def grid(nx=3, ny=3, e0=None, n0=None, size=150_000, seed=0, product=PRODUCT):
    """Served tiles on a grid around tile 368000_4306000 (it and the tiles west / south of it for even counts), each
    with distinct random content."""
    rng = random.Random(seed)
    e0 = 368000 - 1000 * (nx // 2) if e0 is None else e0
    n0 = 4306000 - 1000 * (ny // 2) if n0 is None else n0
    return [Served(tile_name(e0 + 1000 * i, n0 + 1000 * j, product), rng.randbytes(size + 997 * (3 * i + j)))
            for i in range(nx) for j in range(ny)]


class Recorder:
    """The progress callback: every log line and fraction; cancels after ``cancel_after`` fractions if asked."""

    def __init__(self, cancel_at=None):
        self.lines, self.fractions, self.cancel_at = [], [], cancel_at

    def __call__(self, fraction, message):
        if message:
            self.lines.append(message)
        if fraction is not None:
            self.fractions.append(fraction)
            if self.cancel_at is not None and fraction >= self.cancel_at:
                return False
        return True


@pytest.fixture
def waits():
    return []


@pytest.fixture
def policy(waits):
    return RetryPolicy(attempts=4, backoff=0.001, max_backoff=0.004, rate_pause=0.002, timeout=10, sleep=waits.append)


def run(server, folder, area, policy, product=PRODUCT, year=2021, token=TOKEN, progress=None, **kw):
    return download_neon(product, "SERC", year, area, str(folder), token=token, api_url=server.url, policy=policy,
                         progress=progress, **kw)


def served(server, name):
    return next(s for _, files in server.files.values() for s in files if s.name == name)


def leftovers(folder):
    return sorted(n for n in os.listdir(folder) if n.startswith("."))


CENTRE = BoxArea([(368100.0, 4306100.0, 368400.0, 4306300.0)])  # inside tile 368000_4306000
TWO = BoxArea([(367000, 4306000, 369000, 4307000)])  # exactly the tiles 367000_4306000 and 368000_4306000


def test_download_selects_checks_and_writes_the_tiles(tmp_path, policy):
    with FakeNeon() as server:
        server.add(PRODUCT, "SERC", "2021-07", grid())
        log = Recorder()
        report = run(server, tmp_path, BoxArea(CENTRE.boxes, buffer=150.0), policy, progress=log)
    # the box is 100-400 m east and 100-300 m north of the tile's corner: 150 m reach the west and south
    # neighbours (and their corner), not the east or north ones
    expected = {(367000, 4305000), (367000, 4306000), (368000, 4305000), (368000, 4306000)}
    assert {t.file.origin for t in report.tiles} == expected
    assert report.epsg == 32618 and report.months == ["2021-07"] and report.product == PRODUCT
    for tile in report.tiles:
        assert tile.status == "downloaded"
        with open(tile.path, "rb") as handle:
            assert handle.read() == served(server, tile.file.name).content
        e, n = tile.file.origin
        assert tile.box == (e, n, e + 1000, n + 1000)
    assert sorted(os.listdir(tmp_path)) == sorted(os.path.basename(p) for p in report.paths)  # nothing else
    assert report.fetched_bytes == report.total_bytes == sum(len(served(server, t.file.name).content)
                                                             for t in report.tiles)
    summary = next(line for line in log.lines if "in total" in line)
    assert "4 files" in summary and f"{report.total_bytes / 1e6:.1f} MB" in summary
    # the summary comes before the first byte: every fraction after it, rising to 1
    assert log.fractions == sorted(log.fractions) and log.fractions[-1] == pytest.approx(1.0)
    # the token went to the data endpoint only; storage never saw it; no readme or other files were fetched
    data_requests = [r for r in server.requests if "/api/v0/data/" in r.path]
    assert data_requests and all(r.headers.get("x-api-token") == TOKEN for r in data_requests)
    assert all("x-api-token" not in r.headers for r in server.storage_requests())
    assert len(server.storage_requests()) == 4


def test_every_tile_inside_a_large_buffer_is_chosen_inner_tiles_too(tmp_path, policy):
    """A point with a 1800 m buffer: NEON's by_tile_aop rounds the 4 corners of the buffer box down to tiles and so
    takes only 4 corner-tile positions (missing the inner ones); the disc meets 21 of the 5 x 5 tiles here."""
    point = (369500.0, 4307500.0)  # centre of the middle tile of a 5 x 5 grid
    with FakeNeon() as server:
        server.add(PRODUCT, "SERC", "2021-07", grid(5, 5, e0=367000, n0=4305000, size=2000))
        report = run(server, tmp_path, PointArea([point], buffer=1800.0), policy)
    chosen = {t.file.origin for t in report.tiles}

    def distance(e, n):  # point to the tile square, brute force on its edges
        dx = max(e - point[0], 0, point[0] - (e + 1000))
        dy = max(n - point[1], 0, point[1] - (n + 1000))
        return (dx * dx + dy * dy) ** 0.5

    brute = {(367000 + 1000 * i, 4305000 + 1000 * j) for i in range(5) for j in range(5)
             if distance(367000 + 1000 * i, 4305000 + 1000 * j) < 1800}
    assert chosen == brute and len(chosen) == 21
    corners = {(int((point[0] + dx) // 1000 * 1000), int((point[1] + dy) // 1000 * 1000))
               for dx in (-1800, 1800) for dy in (-1800, 1800)}
    assert len(corners) == 4 and (369000, 4307000) in chosen - corners  # the inner tile a corner rule misses


def test_corrupted_file_is_deleted_downloaded_again_and_reported_when_it_stays_bad(tmp_path, policy):
    tiles = grid(2, 1)
    bad, flaky = tiles[0].name, tiles[1].name
    with FakeNeon() as server:
        server.add(PRODUCT, "SERC", "2021-07", tiles)
        server.file_faults = {flaky: ["corrupt"], bad: ["corrupt", "corrupt"]}
        log = Recorder()
        with pytest.raises(DownloadFailed) as failure:
            run(server, tmp_path, TWO, policy, progress=log)
    message = str(failure.value)
    assert bad in message and "crc32c" in message and "1 of 2 files" in message and flaky not in message
    assert not (tmp_path / bad).exists()  # deleted, never under its final name
    with open(tmp_path / flaky, "rb") as handle:
        assert handle.read() == tiles[1].content  # the second try was good
    assert any(flaky in line and "failed its check" in line and "downloading it again" in line for line in log.lines)
    assert leftovers(tmp_path) == []  # no partial file of the bad one either


def test_dropped_connection_resumes_with_range(tmp_path, policy):
    tiles = grid(1, 1, size=900_000)
    name = tiles[0].name
    with FakeNeon() as server:
        server.add(PRODUCT, "SERC", "2021-07", tiles)
        server.file_faults = {name: ["drop:300000", "drop:200000"]}
        log = Recorder()
        report = run(server, tmp_path, CENTRE, policy, progress=log)
        ranges = [r.headers.get("range") for r in server.storage_requests(name)]
    assert ranges == [None, "bytes=300000-", "bytes=500000-"]
    with open(report.paths[0], "rb") as handle:
        assert handle.read() == tiles[0].content
    assert report.fetched_bytes == len(tiles[0].content)  # no byte fetched twice
    assert sum("resuming" in line for line in log.lines) == 2


def test_server_that_ignores_range_starts_the_file_over(tmp_path, policy):
    tiles = grid(1, 1, size=400_000)
    name = tiles[0].name
    with FakeNeon() as server:
        server.add(PRODUCT, "SERC", "2021-07", tiles)
        server.file_faults = {name: ["drop:100000", "ignore_range"]}
        report = run(server, tmp_path, CENTRE, policy)
    with open(report.paths[0], "rb") as handle:
        assert handle.read() == tiles[0].content


def test_429_honours_retry_after_and_5xx_bursts_back_off(tmp_path, policy, waits):
    tiles = grid(1, 1)
    with FakeNeon() as server:
        server.add(PRODUCT, "SERC", "2021-07", tiles)
        server.api_faults = {"products/": [503, 502, 500], "data/": [429]}
        server.file_faults = {tiles[0].name: ["429:7", "503"]}
        run(server, tmp_path, CENTRE, policy)
    # products: three 5xx, exponential backoff; data: 429 with Retry-After 1 and X-RateLimit-Remaining 0;
    # file: 429 asking 7 s, then a 503 (first failure of that request: backoff again from the start)
    assert waits[:3] == [0.001, 0.002, 0.004]
    assert waits.count(1.0) == 1 and waits.count(7.0) == 1  # each asked wait once (not again for Remaining: 0)
    assert waits[-1] == 0.002  # the 503 was the second failure of the file request: backoff doubled
    with open(tmp_path / tiles[0].name, "rb") as handle:
        assert handle.read() == tiles[0].content


def test_retries_are_bounded_and_long_waits_refused(tmp_path, policy):
    with FakeNeon() as server:
        server.add(PRODUCT, "SERC", "2021-07", grid(1, 1))
        server.api_faults = {"products/": [503] * 10}
        with pytest.raises(NeonApiError, match="failed 4 times, last: HTTP 503"):
            run(server, tmp_path, CENTRE, policy)
        assert len([r for r in server.requests if "/products/" in r.path]) == 4
        server.api_faults = {}
        tiles = list(server.files.values())[0][1]
        server.file_faults = {tiles[0].name: ["429:5000"]}
        with pytest.raises(DownloadFailed, match="asks to wait 5000 s"):
            run(server, tmp_path, CENTRE, policy)


def test_rate_limit_remaining_zero_pauses_before_the_next_request(tmp_path, policy, waits):
    with FakeNeon() as server:
        server.add(PRODUCT, "SERC", "2021-07", grid(1, 1))
        server.rate_remaining = 0
        run(server, tmp_path, CENTRE, policy)
    assert waits.count(0.002) >= 2  # after products/ and sites/ at least (rate_pause of the policy)


def test_expired_urls_are_asked_again(tmp_path, policy):
    tiles = grid(2, 1)
    with FakeNeon() as server:
        server.add(PRODUCT, "SERC", "2021-07", tiles)
        server.stale_listings = 1  # the first listing's URLs were signed 8 days ago
        server.file_faults = {tiles[1].name: ["expired"]}  # storage refuses a fresh-looking URL once (403)
        log = Recorder()
        report = run(server, tmp_path, TWO, policy, progress=log)
        listings = server.listings
        refused = [r.status for r in server.storage_requests(tiles[1].name)]
    assert len(report.tiles) == 2
    for tile, want in zip(report.tiles, tiles):
        with open(tile.path, "rb") as handle:
            assert handle.read() == want.content
    # the stale URL was noticed from its X-Goog-Date/Expires without asking storage; the 403 led to a new listing
    assert listings == 3 and refused == [403, 200]
    assert sum("asking the API for a new URL" in line for line in log.lines) == 2


def test_redirects_never_carry_the_token(tmp_path, policy):
    tiles = grid(1, 1)
    tiles[0].via_api = True  # the listing's URL is on the API host and redirects to storage
    with FakeNeon() as server:
        server.add(PRODUCT, "SERC", "2021-07", tiles)
        run(server, tmp_path, CENTRE, policy)
        redirect = [r for r in server.requests if "/api/v0/redirect/" in r.path]
        storage = server.storage_requests()
    assert redirect[0].headers.get("x-api-token") == TOKEN  # the API host may see it
    assert len(storage) == 1 and "x-api-token" not in storage[0].headers  # the redirect target never


def test_no_data_messages_list_what_exists(tmp_path, policy):
    with FakeNeon() as server:
        server.add("DP3.30006.001", "SERC", "2016-07", grid(1, 1))
        server.add("DP3.30006.001", "SERC", "2017-08", grid(1, 1))
        server.add(PRODUCT, "SERC", "2022-05", grid(1, 1))
        server.add("DP3.30015.001", "HARV", "2019-08", grid(1, 1))
        with pytest.raises(NoDataError) as no_year:
            run(server, tmp_path, CENTRE, policy, product="reflectance", year=2019)
        with pytest.raises(NoDataError) as no_site:
            run(server, tmp_path, CENTRE, policy, product="DP3.30015.001")
        with pytest.raises(NoDataError) as unknown:
            run(server, tmp_path, CENTRE, policy, product="DP3.30010.001")
        assert os.listdir(tmp_path) == []  # the refused runs wrote nothing
        report = run(server, tmp_path, CENTRE, policy, product="reflectance", year=2017)  # falls back to .001
    text = str(no_year.value)
    assert "2019" in text and "DP3.30006.002: 2022 (2022-05)" in text
    assert "DP3.30006.001: 2016 (2016-07), 2017 (2017-08)" in text
    assert "sites with data: HARV" in str(no_site.value)
    assert "does not know DP3.30010.001" in str(unknown.value)
    assert report.product == "DP3.30006.001" and report.months == ["2017-08"]
    assert sorted(os.listdir(tmp_path)) == [os.path.basename(p) for p in report.paths]


def test_area_outside_the_site_names_the_tiles_there(tmp_path, policy):
    with FakeNeon() as server:
        server.add(PRODUCT, "SERC", "2021-07", grid())
        with pytest.raises(NoDataError, match=r"no DP3\.30006\.002 tile .* 9 tiles, eastings 367000-370000"):
            run(server, tmp_path, BoxArea([(400000, 4300000, 400500, 4300500)], buffer=10), policy)


def test_missing_or_refused_token_names_the_parameter_and_never_shows_it(tmp_path, policy):
    secret = "s3cr3t-token-that-must-not-leak"
    with FakeNeon(token=TOKEN) as server:
        server.add(PRODUCT, "SERC", "2021-07", grid(1, 1))
        with pytest.raises(NeonApiError, match="TOKEN: .*NEON_API_TOKEN") as refused:
            run(server, tmp_path, CENTRE, policy, token=secret)
        log = Recorder()
        with pytest.raises(NeonApiError, match="NEON_API_TOKEN"):
            run(server, tmp_path, CENTRE, policy, token=None, progress=log)
    assert secret not in str(refused.value)
    assert any("No API token" in line for line in log.lines)


def test_the_token_never_appears_in_logs_messages_or_files(tmp_path, policy):
    tiles = grid(2, 1)
    with FakeNeon() as server:
        server.add(PRODUCT, "SERC", "2021-07", tiles)
        server.file_faults = {tiles[0].name: ["drop:1000", "503", "corrupt", "corrupt"]}
        server.api_faults = {"sites/": [503]}
        log = Recorder()
        with pytest.raises(DownloadFailed) as failure:
            run(server, tmp_path, TWO, policy, progress=log)
        # a server that repeats the token in its error detail: redacted
        server.api_faults = {"data/": [500] * 4}
        server.echo_token = True
        with pytest.raises(NeonApiError) as echoed:
            run(server, tmp_path, CENTRE, policy, progress=log)
    assert "for token <token>" in str(echoed.value)  # the server did echo it; we show a placeholder
    texts = log.lines + [str(failure.value), str(echoed.value)]
    assert all(TOKEN not in t for t in texts)
    for path in glob.glob(str(tmp_path / "**"), recursive=True) + glob.glob(str(tmp_path / ".*")):
        assert TOKEN not in path
        if os.path.isfile(path):
            with open(path, "rb") as handle:
                assert TOKEN.encode() not in handle.read()


def test_cancel_keeps_a_hidden_partial_that_the_next_run_resumes(tmp_path, policy):
    tiles = grid(1, 1, size=3_000_000)  # three 1 MiB chunks
    with FakeNeon() as server:
        server.add(PRODUCT, "SERC", "2021-07", tiles)
        with pytest.raises(Cancelled):
            run(server, tmp_path, CENTRE, policy, progress=Recorder(cancel_at=0.3))
        assert not (tmp_path / tiles[0].name).exists()  # nothing under the final name
        (partial,) = leftovers(tmp_path)
        assert partial.startswith("." + tiles[0].name) and partial.endswith(".resume")
        kept = os.path.getsize(tmp_path / partial)
        assert 0 < kept < len(tiles[0].content)
        report = run(server, tmp_path, CENTRE, policy)
        last = server.storage_requests()[-1]
    assert last.headers.get("range") == f"bytes={kept}-"
    assert report.fetched_bytes == len(tiles[0].content) - kept
    with open(report.paths[0], "rb") as handle:
        assert handle.read() == tiles[0].content
    assert leftovers(tmp_path) == []


def test_complete_files_are_checked_not_trusted_by_name(tmp_path, policy):
    tiles = grid(2, 1)
    area = TWO
    with FakeNeon() as server:
        server.add(PRODUCT, "SERC", "2021-07", tiles)
        run(server, tmp_path, area, policy)
        first = len(server.storage_requests())
        log = Recorder()
        again = run(server, tmp_path, area, policy, progress=log)
        assert len(server.storage_requests()) == first  # nothing fetched: both complete
        assert [t.status for t in again.tiles] == ["complete", "complete"]
        # same size, one byte changed: found by the checksum, deleted and fetched again
        damaged = bytearray(tiles[0].content)
        damaged[10] ^= 1
        (tmp_path / tiles[0].name).write_bytes(bytes(damaged))
        log = Recorder()
        third = run(server, tmp_path, area, policy, progress=log)
    assert [t.status for t in third.tiles] == ["downloaded", "complete"]
    assert (tmp_path / tiles[0].name).read_bytes() == tiles[0].content
    assert any("does not match NEON's" in line and "crc32c" in line for line in log.lines)


def test_md5_is_checked_where_the_api_gives_it_and_size_always(tmp_path, policy):
    content = random.Random(3).randbytes(50_000)
    good = Served(tile_name(368000, 4306000), content, crc32c=None, md5=hashlib.md5(content).hexdigest())
    with FakeNeon() as server:
        server.add(PRODUCT, "SERC", "2021-07", [good])
        server.file_faults = {good.name: ["corrupt"]}
        log = Recorder()
        report = run(server, tmp_path, CENTRE, policy, progress=log)
        assert any("md5" in line and "failed its check" in line for line in log.lines)
        assert (tmp_path / good.name).read_bytes() == content and report.tiles[0].status == "downloaded"
    short = Served(tile_name(368000, 4306000), content, crc32c=None, size=len(content) + 10)
    with FakeNeon() as server:
        server.add(PRODUCT, "SERC", "2021-08", [short])
        with pytest.raises(DownloadFailed, match="bytes instead of"):
            run(server, tmp_path / "other", CENTRE, policy)


def test_numpy_crc32c_fallback_downloads_the_same(tmp_path, policy):
    tiles = grid(1, 1, size=9_000_000)  # over two numpy blocks
    with FakeNeon() as server:
        server.add(PRODUCT, "SERC", "2021-07", tiles)
        server.file_faults = {tiles[0].name: ["corrupt"]}
        log = Recorder()
        report = run(server, tmp_path, CENTRE, policy, progress=log, crc_factory=NumpyCrc32c)
    assert (tmp_path / tiles[0].name).read_bytes() == tiles[0].content and report.tiles[0].status == "downloaded"
    assert any("failed its check (crc32c" in line for line in log.lines)  # the fallback found the flipped byte


def test_expired_token_is_refused_before_any_request(tmp_path, policy):
    import base64
    import json

    payload = base64.urlsafe_b64encode(json.dumps({"exp": 1_600_000_000}).encode()).decode().rstrip("=")
    with FakeNeon() as server:
        with pytest.raises(NeonApiError, match="TOKEN: the token expired on 2020-09-13"):
            run(server, tmp_path, CENTRE, policy, token=f"e30.{payload}.sig")
        assert server.requests == []


def test_bad_inputs_name_the_parameter(tmp_path, policy):
    with FakeNeon() as server:
        with pytest.raises(NeonApiError, match="TOKEN: the token holds spaces") as spaced:
            download_neon(PRODUCT, "SERC", 2021, CENTRE, str(tmp_path), token="abc def", api_url=server.url)
        assert "abc def" not in str(spaced.value) and server.requests == []
        with pytest.raises(NeonApiError, match="SITE: 'SER' is not a NEON site code"):
            download_neon(PRODUCT, "SER", 2021, CENTRE, str(tmp_path), api_url=server.url, policy=policy)
        with pytest.raises(NeonApiError, match="YEAR"):
            download_neon(PRODUCT, "SERC", 1999, CENTRE, str(tmp_path), api_url=server.url, policy=policy)
        with pytest.raises(NeonApiError, match="PRODUCT: 'DP1.x'"):
            download_neon("DP1.x", "SERC", 2021, CENTRE, str(tmp_path), api_url=server.url, policy=policy)
        with pytest.raises(NeonApiError, match="API_URL"):
            download_neon(PRODUCT, "SERC", 2021, CENTRE, str(tmp_path), api_url="ftp://x", policy=policy)
        server.add(PRODUCT, "SERC", "2021-07", grid(1, 1))
        server.api_faults = {"products/": ["drop"] * 2}
        report = download_neon(PRODUCT, "SERC", 2021, CENTRE, str(tmp_path), token=TOKEN, api_url=server.url,
                               policy=policy)  # an answer cut off twice, then whole
        assert len(report.tiles) == 1


def test_not_json_and_unreachable_api(tmp_path, policy):
    with FakeNeon() as server:
        url = server.url.replace("/api/v0/", "/html/")  # a web page, not the API
        with pytest.raises(NeonApiError, match="did not answer JSON .*is API_URL the NEON Data API"):
            download_neon(PRODUCT, "SERC", 2021, CENTRE, str(tmp_path), api_url=url, policy=policy)
        port = server.port
    with pytest.raises(NeonApiError, match="failed 4 times"):  # nothing listens there any more
        download_neon(PRODUCT, "SERC", 2021, CENTRE, str(tmp_path), api_url=f"http://127.0.0.1:{port}/api/v0/",
                      policy=policy)
