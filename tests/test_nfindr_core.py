"""N-FINDR core (no QGIS): the volume-linearity sweep, ATGP, the sample tile's materials, pysptools, bad input."""
import itertools
import math

import numpy as np
import pytest

from hyspec_qgis.core import SpectralRaster, import_neon
from hyspec_qgis.core.errors import HyspecError, ParameterError
from hyspec_qgis.core.io.raster_writer import RasterWriter
from hyspec_qgis.core.io.sample import MATERIALS, material_spectra, transmission, write_sample
from hyspec_qgis.core.methods.nfindr import (
    _cofactors,
    atgp,
    nfindr,
    nfindr_points,
    project,
    simplex_volume,
    spectral_angles,
)
from tests.recipes import clean_recipe


@pytest.fixture(scope="module")
def tile200(tmp_path_factory):
    """A 200 x 200 sample tile (all five materials have pure regions), cleaned with the endmember recipe (362 bands)."""
    folder = tmp_path_factory.mktemp("nfindr")
    h5 = str(folder / "tile200.h5")
    truth = write_sample(h5, rows=200, cols=200, seed=0)
    imported = str(folder / "tile200.tif")
    import_neon(h5, imported)
    return clean_recipe(imported, str(folder / "tile200_clean.tif"), "unmix"), truth


# --- the geometry ---------------------------------------------------------------------------------------------------

def test_volume_is_linear_in_the_replaced_vertex():
    rng = np.random.default_rng(0)
    for q in (2, 3, 5, 8):
        v = rng.standard_normal((q, q - 1))
        m = np.vstack([np.ones(q), v.T])
        pts = rng.standard_normal((50, q - 1))
        for j in range(q):
            a = _cofactors(m, j)
            for p in pts[:5]:
                w = v.copy()
                w[j] = p
                assert abs(abs(a[0] + p @ a[1:]) / math.factorial(q - 1) - simplex_volume(w)) < 1e-10


def test_simplex_volume_of_known_shapes():
    assert simplex_volume([[0.0], [3.0]]) == pytest.approx(3.0)
    assert simplex_volume([[0, 0], [1, 0], [0, 1]]) == pytest.approx(0.5)
    assert simplex_volume([[0, 0, 0], [2, 0, 0], [0, 2, 0], [0, 0, 2]]) == pytest.approx(8 / 6)


def test_sweeps_reach_a_vertex_optimal_simplex():
    """At the end no single replacement enlarges the simplex (checked by brute force over all pixels)."""
    rng = np.random.default_rng(1)
    q = 4
    pts = rng.standard_normal((400, q - 1)).astype(np.float32)
    idx, history, sweeps = nfindr_points(pts, q, max_iter=50)
    assert np.all(np.diff(history) >= 0) and sweeps < 50
    best = simplex_volume(pts[idx])
    assert best == pytest.approx(history[-1], rel=1e-9)
    for j in range(q):
        for i in range(len(pts)):
            trial = idx.copy()
            trial[j] = i
            assert simplex_volume(pts[trial]) <= best * (1 + 1e-9)


def test_finds_the_corners_of_a_noisy_simplex():
    rng = np.random.default_rng(2)
    q = 5
    corners = rng.standard_normal((q, q - 1)) * 3
    mix = rng.dirichlet(np.full(q, 0.7), size=3000)
    pts = mix @ corners + 0.01 * rng.standard_normal((3000, q - 1))
    pts[:q] = corners  # the pure pixels
    for init in ("ATGP", "random"):
        idx, _, _ = nfindr_points(pts.astype(np.float32), q, init=init, seed=3)
        assert sorted(idx.tolist()) == list(range(q)), init


def test_exhaustive_optimum_on_a_tiny_set():
    rng = np.random.default_rng(4)
    pts = rng.standard_normal((14, 2)).astype(np.float32)
    best = max(simplex_volume(pts[list(c)]) for c in itertools.combinations(range(14), 3))
    idx, history, _ = nfindr_points(pts, 3)
    assert history[-1] == pytest.approx(best, rel=1e-6)  # in 2-D the vertex-optimal triangle is the optimum here


def test_atgp_first_targets_follow_pysptools_rule():
    """First target: the largest norm; next: the largest residual after projecting out the chosen ones."""
    rng = np.random.default_rng(5)
    pts = rng.standard_normal((500, 3)).astype(np.float32)
    idx = atgp(pts, 4)
    assert idx[0] == np.argmax(np.sum(pts.astype(np.float64) ** 2, axis=1))
    u = pts[idx[0]].astype(np.float64)
    res = pts - np.outer(pts @ u / (u @ u), u)
    assert idx[1] == np.argmax(np.sum(res ** 2, axis=1))
    assert len(set(idx.tolist())) == 4 and simplex_volume(pts[idx]) > 0


def test_random_start_is_reproducible():
    rng = np.random.default_rng(6)
    pts = rng.standard_normal((2000, 3)).astype(np.float32)
    a = nfindr_points(pts, 4, init="random", seed=11, max_iter=1)[0]
    b = nfindr_points(pts, 4, init="random", seed=11, max_iter=1)[0]
    assert np.array_equal(a, b)


# --- rasters ---------------------------------------------------------------------------------------------------------

def test_sample_tile_endmembers_are_the_generators_materials(tile200):
    """Five endmembers on the 200 x 200 tile: each is a nearly pure pixel of a different material, and its spectrum is
    within a few degrees of that material as it appears in the cube (the generator multiplies its surface spectra by an
    atmospheric transmission, so the surface spectra in its truth CSV are ~10 degrees away for every pixel). Water is
    dark (reflectance < 0.05): its single pixels sit at the noise floor, so only its purity is checked."""
    path, truth = tile200
    raster = SpectralRaster(path)
    result = nfindr(raster, 5, max_iter=15)
    wl = raster.wavelengths
    apparent = material_spectra(wl) * transmission(wl)[:, None]
    angles = spectral_angles(result.spectra.values, apparent)  # (5 endmembers, 5 materials)
    abund = truth.abundances[result.rows, result.cols]  # (5, 5) true abundances at the chosen pixels
    material = np.argmax(abund, axis=1)
    assert sorted(material.tolist()) == [0, 1, 2, 3, 4]  # one endmember per material
    assert abund.max(axis=1).min() > 0.95
    for j, m in enumerate(material):
        if MATERIALS[m] != "water":
            assert angles[j, m] < 3.0, (MATERIALS[m], angles[j])
            assert np.argmin(angles[j]) == m
    # The CSV holds the pixels' original spectra.
    for j in range(5):
        pixel = raster.read_block(int(result.rows[j]), 1, int(result.cols[j]), 1, list(range(raster.count))).data[0]
        assert np.array_equal(result.spectra.values[:, j].astype(np.float32), pixel)
    assert not truth.nodata_mask[result.rows, result.cols].any()


def test_nodata_pixels_are_never_candidates(clean_unmix_tile, neon_tile):
    """The small tile has a no-data wedge; read as zeros those pixels would be an extreme vertex."""
    raster = SpectralRaster(clean_unmix_tile)
    mask = neon_tile[1].nodata_mask
    assert mask.sum() > 50
    proj = project(raster, 3)
    assert proj.n_valid == int((~mask).sum()) and proj.coords.shape == (proj.n_valid, 3)
    result = nfindr(raster, 4)
    assert not mask[result.rows, result.cols].any()
    assert np.all(result.spectra.values > -1000)
    # Pixel centres in the raster CRS.
    gt = raster.geotransform
    assert np.allclose(result.xy[:, 0], gt[0] + (result.cols + 0.5) * gt[1])
    assert np.allclose(result.xy[:, 1], gt[3] + (result.rows + 0.5) * gt[5])
    assert result.spectra.names == ["EM1", "EM2", "EM3", "EM4"]
    assert np.allclose(result.spectra.wavelengths, raster.wavelengths)


def test_volume_history_is_logged_and_never_decreases(clean_unmix_tile):
    lines = []
    result = nfindr(SpectralRaster(clean_unmix_tile), 4, max_iter=5, progress=lambda f, m: lines.append(m) if m else None)
    assert np.all(np.diff(result.history) >= 0)
    sweep_lines = [ln for ln in lines if ln.startswith("N-FINDR iteration")]
    assert len(sweep_lines) == result.iterations and "simplex volume" in sweep_lines[0]
    assert result.iterations <= 5


def test_random_init_with_seed_is_reproducible_on_a_raster(clean_unmix_tile):
    raster = SpectralRaster(clean_unmix_tile)
    a = nfindr(raster, 4, init="random", seed=7)
    b = nfindr(raster, 4, init="random", seed=7)
    assert np.array_equal(a.rows, b.rows) and np.array_equal(a.cols, b.cols)
    atgp_result = nfindr(raster, 4)
    # Both reach the same largest simplex, the random start from a far smaller one.
    assert a.volume == pytest.approx(atgp_result.volume, rel=1e-9) and a.history[0] < 0.1 * a.volume


@pytest.mark.reference
def test_volume_at_least_pysptools(tile200):
    """Same data, count and iterations: our simplex is at least as large as pysptools NFINDR(ATGP_init=True)'s,
    both measured in the same PCA space. pysptools gets the valid pixels only (its own ``mask`` argument)."""
    pytest.importorskip("sklearn")
    if not hasattr(np, "float"):
        np.float = float
        np.int = int
    from pysptools.eea import NFINDR

    path, truth = tile200
    raster = SpectralRaster(path)
    block = raster.read_block(0, raster.height, 0, raster.width, list(range(raster.count)))
    cube = block.data.reshape(raster.height, raster.width, raster.count)
    mask = block.valid.reshape(raster.height, raster.width)
    for q in (4, 5):
        ours = nfindr(raster, q, max_iter=5)
        theirs = NFINDR().extract(cube.astype(np.float64), q, maxit=5, normalize=False, ATGP_init=True, mask=mask)
        proj = project(raster, q - 1)
        coords = (np.asarray(theirs, dtype=np.float64) - proj.mean) @ proj.components
        their_volume = simplex_volume(coords)
        our_volume = simplex_volume((ours.spectra.values.T - proj.mean) @ proj.components)
        assert our_volume >= their_volume * (1 - 1e-6), (q, our_volume, their_volume)
        print(f"\n[info] N-FINDR {q} endmembers: volume ours {our_volume:.6g}, pysptools {their_volume:.6g}")


def _tiny_raster(path, values, nodata=-9999.0):
    rows, cols, bands = values.shape
    w = RasterWriter(path, width=cols, height=rows, bands=bands, geotransform=(0, 1, 0, rows, 0, -1), crs_wkt="",
                     nodata=nodata, wavelengths=500.0 + 10 * np.arange(bands))
    with w:
        w.write(values.astype(np.float32), 0)
    return SpectralRaster(path)


def test_bad_counts_fail_clearly(clean_unmix_tile, tmp_path):
    raster = SpectralRaster(clean_unmix_tile)
    with pytest.raises(ParameterError, match="ENDMEMBERS_COUNT: N-FINDR needs at least 2"):
        nfindr(raster, 1)
    with pytest.raises(ParameterError, match="ENDMEMBERS_COUNT: 400 endmembers but .* has only 362 bands"):
        nfindr(raster, 400)
    with pytest.raises(ParameterError, match="MAX_ITER"):
        nfindr(raster, 4, max_iter=0)
    with pytest.raises(ParameterError, match="INITIALIZATION"):
        nfindr(raster, 4, init="PPI")
    # More endmembers than valid pixels: 3 valid pixels, 4 endmembers.
    values = np.full((2, 3, 6), -9999.0)
    values[0, :3] = np.random.default_rng(0).uniform(0.1, 0.5, (3, 6))
    few = _tiny_raster(str(tmp_path / "few.tif"), values)
    with pytest.raises(HyspecError, match="4 endmembers but .*few.tif has only 3 valid pixels"):
        nfindr(few, 4)


def test_flat_data_fail_clearly(tmp_path):
    """Pixels that vary in fewer directions than count - 1: no simplex of that dimension exists."""
    rng = np.random.default_rng(0)
    a = rng.uniform(0, 1, (10, 10, 1))
    spectra = np.array([0.1, 0.2, 0.3, 0.4, 0.5])
    values = a * spectra + (1 - a) * spectra[::-1]  # a line: two endmembers at most
    raster = _tiny_raster(str(tmp_path / "line.tif"), values)
    with pytest.raises(HyspecError, match="vary in only 1 independent direction"):
        nfindr(raster, 3)
    assert nfindr(raster, 2).volume > 0
    ends = {np.unravel_index(a[..., 0].argmin(), a.shape[:2]), np.unravel_index(a[..., 0].argmax(), a.shape[:2])}
    two = nfindr(raster, 2)
    assert set(zip(two.rows.tolist(), two.cols.tolist())) == {(int(r), int(c)) for r, c in ends}  # the line's ends


def test_cancel_stops_nfindr(clean_unmix_tile):
    from hyspec_qgis.core.errors import Cancelled

    seen = []

    def cancel_in_sweeps(fraction, message):
        seen.append(message)
        return not (message or "").startswith("N-FINDR: initial")

    with pytest.raises(Cancelled):
        nfindr(SpectralRaster(clean_unmix_tile), 4, progress=cancel_in_sweeps)
    assert any((m or "").startswith("N-FINDR: initial") for m in seen)


def test_raster_without_wavelengths_gives_a_csv_without_them(tmp_path):
    from hyspec_qgis.core import read_spectra_csv, write_spectra_csv

    rng = np.random.default_rng(3)
    corners = rng.uniform(0.05, 0.6, (3, 8))
    values = (rng.dirichlet(np.ones(3), size=(12, 12)) @ corners).astype(np.float32)
    path = str(tmp_path / "plain.tif")
    w = RasterWriter(path, width=12, height=12, bands=8, geotransform=(0, 1, 0, 12, 0, -1), crs_wkt="")
    with w:
        w.write(values, 0)
    result = nfindr(SpectralRaster(path), 3)
    assert result.spectra.wavelengths is None
    out = str(tmp_path / "em.csv")
    write_spectra_csv(out, result.spectra)
    back = read_spectra_csv(out)
    assert back.wavelengths is None and back.names == ["EM1", "EM2", "EM3"]
    np.testing.assert_array_equal(back.values, result.spectra.values)  # the chosen pixels, exactly
