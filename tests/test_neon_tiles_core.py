"""AOP tile names, tile selection rules and the CRC32C implementations (no network, no QGIS)."""
import os
import random

import google_crc32c
import numpy as np
import pytest

from hyspec_qgis.core.neonapi import BoxArea, PointArea, select_tiles, tile_box, tile_origin, utm_epsg
from hyspec_qgis.core.neonapi.checksum import FileChecks, NumpyCrc32c, crc32c_hex, normalise_hex
from hyspec_qgis.core.neonapi.download import url_expiry


@pytest.mark.parametrize("name, origin", [
    ("NEON_D02_SERC_DP3_368000_4306000_reflectance.h5", (368000, 4306000)),
    ("NEON_D13_NIWO_DP3_449000_4433000_bidirectional_reflectance.h5", (449000, 4433000)),
    ("NEON_D02_SCBI_DP3_741000_4301000_CHM.tif", (741000, 4301000)),
    ("2021_SERC_5_368000_4306000_image.tif", (368000, 4306000)),
    ("NEON_D19_HEAL_DP3_389000_7085000_reflectance.h5", (389000, 7085000)),
    ("NEON.D02.SERC.DP3.30006.001.readme.20260101T000000Z.txt", None),
    ("NEON_D02_SERC_DP3_368500_4306000_reflectance.h5", None),  # not on the 1000 m grid
    ("2021_SERC_5_merged_tiles_boundary.shp", None),
])
def test_tile_origin_from_names(name, origin):
    assert tile_origin(name) == origin


def test_utm_zones_of_neon_sites():
    assert utm_epsg(38.89, -76.56) == 32618  # SERC
    assert utm_epsg(39.06, -78.04) == 32617  # BLAN: NEON flies it in 17N
    assert utm_epsg(63.88, -149.21) == 32606  # HEAL
    assert utm_epsg(17.97, -66.87) == 32619  # GUAN
    assert utm_epsg(-33.0, 151.0) == 32756


def chosen(area, cells):
    return set(select_tiles(area, cells).chosen)


GRID = [(e, n) for e in range(0, 5000, 1000) for n in range(0, 5000, 1000)]


def test_no_buffer_box_on_tile_edges_takes_only_the_tiles_it_covers():
    assert chosen(BoxArea([(1000, 1000, 2000, 2000)]), GRID) == {(1000, 1000)}
    assert chosen(BoxArea([(1000, 1000, 3000, 2000)]), GRID) == {(1000, 1000), (2000, 1000)}
    assert chosen(BoxArea([(1999.9, 1000, 2000.1, 1000.1)]), GRID) == {(1000, 1000), (2000, 1000)}


def test_points_belong_to_one_tile_half_open():
    assert chosen(PointArea([(2000, 2000)]), GRID) == {(2000, 2000)}  # on a corner: the north-east tile
    assert chosen(PointArea([(1999.999, 2500)]), GRID) == {(1000, 2000)}
    # a vertical line on an edge with no buffer: the tile east of it
    assert chosen(BoxArea([(2000, 1200, 2000, 1800)]), GRID) == {(2000, 1000)}


def test_buffer_is_a_distance_strictly_less_than():
    # 300 m from the tile 3000_2000's west edge; a 300 m buffer only touches it: not taken; 300.01 m is
    assert (3000, 2000) not in chosen(PointArea([(2700, 2500)], 300), GRID)
    assert (3000, 2000) in chosen(PointArea([(2700, 2500)], 300.01), GRID)
    # round corners: 250 m from the corner in x and y = 353.6 m
    near = PointArea([(2750, 2750)], 350)
    assert (3000, 3000) not in chosen(near, GRID) and (3000, 2000) in chosen(near, GRID)
    assert (3000, 3000) in chosen(PointArea([(2750, 2750)], 354), GRID)


def test_selection_matches_a_brute_force_sampling_of_the_buffered_area():
    rng = random.Random(7)
    xs = np.linspace(0, 1000, 201)
    for _ in range(60):
        x0, y0 = rng.uniform(500, 4000), rng.uniform(500, 4000)
        box = (x0, y0, x0 + rng.uniform(0, 900), y0 + rng.uniform(0, 900))
        buffer = rng.choice([0.0, rng.uniform(1, 1500)])
        area = BoxArea([box], buffer)
        for origin in GRID:
            # distance from the box to sample points of the tile (5 m spacing, edges included)
            px = origin[0] + xs[:, None]
            py = origin[1] + xs[None, :]
            dx = np.maximum(np.maximum(box[0] - px, 0), px - box[2])
            dy = np.maximum(np.maximum(box[1] - py, 0), py - box[3])
            d = np.sqrt(dx ** 2 + dy ** 2).min()
            if buffer and abs(d - buffer) < 6:
                continue  # within the sampling step of the boundary: not decidable by sampling
            if not buffer:
                continue  # covered by the edge tests above
            assert area.intersects(tile_box(origin)) == (d < buffer), (box, buffer, origin, d)


def test_missing_cells_are_counted():
    selection = select_tiles(BoxArea([(500, 500, 2500, 1500)]), [(1000, 1000), (2000, 1000)])
    assert selection.chosen == [(1000, 1000), (2000, 1000)] and selection.without_data == 4


def test_numpy_crc32c_equals_the_wheel_for_awkward_sizes_and_chunks():
    assert crc32c_hex(b"123456789") == "e3069283"  # the CRC-32C check value
    rng = random.Random(1)
    for size in (0, 1, 3, 63, 8191, 8192 * 64 - 1, 8192 * 64, 4 << 20, (4 << 20) + 8191, 9_000_001):
        data = rng.randbytes(size)
        for step in (7, 65536, 3_000_017):
            if step == 7 and size > 20000:
                continue
            crc = NumpyCrc32c()
            for i in range(0, len(data), step):
                crc.update(data[i:i + step])
            assert crc.value() == google_crc32c.value(data), (size, step)


def test_file_checks_report_each_mismatch():
    data = os.urandom(1000)
    good = FileChecks(f"{google_crc32c.value(data):x}", None)  # leading zeros dropped, as some listings do
    good.update(data)
    assert good.mismatches() == []
    bad = FileChecks("00000001", "0" * 32)
    bad.update(data)
    problems = bad.mismatches()
    assert len(problems) == 2 and problems[0].startswith("crc32c ") and problems[1].startswith("md5 ")
    assert normalise_hex(None, 8) is None and normalise_hex("", 8) is None and normalise_hex("0xABC", 8) == "00000abc"
    assert normalise_hex("4waSgw==", 8) == "e3069283"  # base64 of the big-endian bytes, as GCS reports it
    with pytest.raises(ValueError):
        normalise_hex("xyz", 8)


def test_signed_url_expiry():
    url = "https://storage.googleapis.com/b/x.h5?X-Goog-Date=20260601T000000Z&X-Goog-Expires=604800&X-Goog-Signature=s"
    assert url_expiry(url) == pytest.approx(1780272000 + 604800)
    assert url_expiry("https://s/x.h5?Expires=1780000000&Signature=s") == 1780000000
    assert url_expiry("https://s/x.h5") is None


def test_the_download_core_imports_without_qgis_and_falls_back_without_the_crc_wheels():
    import subprocess
    import sys

    code = ("import sys; sys.modules['google_crc32c'] = None; sys.modules['crc32c'] = None; "
            "import hyspec_qgis.core.neonapi as n; from hyspec_qgis.core.neonapi.checksum import crc32c_backend, "
            "crc32c_hex; factory, name = crc32c_backend(); "
            "assert factory.__name__ == 'NumpyCrc32c' and name.startswith('numpy (slower'), name; "
            "assert crc32c_hex(b'123456789') == 'e3069283'; "
            "sys.exit(any(m.split('.')[0] in ('qgis', 'processing') for m in sys.modules))")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    proc = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
