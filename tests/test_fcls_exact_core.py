"""The support solver (core/methods/fcls_exact.py): exact NNLS / FCLS for up to 8 endmembers, against unmix's
batched active set, scipy's NNLS, the KKT conditions and brute-force enumeration, on generator scenes with its true
endmembers (many abundances at 0) and with N-FINDR endmembers, q from 3 to 8, degenerate and random problems."""
import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import nnls

from hyspec_qgis.core.io.sample import material_spectra, neon_wavelengths, smooth_abundances, transmission
from hyspec_qgis.core.methods import fcls_exact
from hyspec_qgis.core.methods.fcls_exact import factor, solve
from hyspec_qgis.core.methods.nfindr import nfindr_points

try:  # the existing exact solver (being moved from unmix.py to unmix_solve.py)
    from hyspec_qgis.core.methods.unmix_solve import _active_set
except ImportError:  # pragma: no cover
    from hyspec_qgis.core.methods.unmix import _active_set

RTOL = 1e-10  # unmix's DUAL_RTOL


def _problem(e, x, fcls):
    """(gram, c, tol) as unmix_pixels forms them: float64 products, per-row dual tolerance."""
    e = np.asarray(e, dtype=np.float64)
    gram = e.T @ e
    gram = (gram + gram.T) / 2
    c = np.asarray(x, dtype=np.float64) @ e
    tol = RTOL * np.abs(c).max(axis=1, initial=0.0)
    if fcls:
        tol = np.maximum(tol, RTOL * np.abs(gram).max())
    return gram, c, tol


def _reference(gram, c, fcls, tol):
    return np.concatenate([_active_set(gram, c[s:s + 4096], fcls, tol[s:s + 4096])[0]
                           for s in range(0, len(c), 4096)]) if len(c) else np.zeros((0, gram.shape[0]))


def _kkt(gram, c, a, fcls):
    """Worst relative KKT violation of a (n, q): negativity, sum to one, stationarity on a > 0, dual sign on a = 0."""
    grad = c - a @ gram
    pos = a > 0
    if fcls:
        cnt = pos.sum(axis=1)
        lam = np.where(cnt > 0, (grad * pos).sum(axis=1) / np.maximum(cnt, 1), 0.0)
        grad = grad - lam[:, None]
    scale = max(np.abs(c).max(), np.abs(a @ gram).max(), 1e-300)
    return {"negativity": float(max(0.0, -a.min())),
            "sum_to_one": float(np.abs(a.sum(axis=1) - 1).max()) if fcls else 0.0,
            "stationarity": float(np.abs(np.where(pos, grad, 0.0)).max() / scale),
            "dual": float(max(0.0, np.where(pos, -np.inf, grad).max()) / scale)}


def _objective(gram, c, a):
    return 0.5 * np.einsum("ij,jk,ik->i", a, gram, a) - np.einsum("ij,ij->i", a, c)


def _brute_force(gram, c, fcls):
    """The optimum by enumeration, one pixel at a time: the feasible face minimiser with the lowest objective."""
    q = gram.shape[0]
    out = np.zeros(c.shape)
    for i, ci in enumerate(c):
        best, best_f = None, np.inf
        for s in range(1 if fcls else 0, q + 1):
            for idx in itertools.combinations(range(q), s):
                idx = list(idx)
                a = np.zeros(q)
                if idx:
                    g = gram[np.ix_(idx, idx)]
                    if fcls:
                        k = np.block([[g, np.ones((len(idx), 1))], [np.ones((1, len(idx))), np.zeros((1, 1))]])
                        rhs = np.r_[ci[idx], 1.0]
                    else:
                        k, rhs = g, ci[idx]
                    if np.linalg.cond(k) > 1e12:
                        continue  # dependent endmembers: this face's minimiser is not unique (another face has it)
                    a[idx] = np.linalg.solve(k, rhs)[:len(idx)]
                if (a < 0).any():
                    continue
                f = 0.5 * a @ gram @ a - a @ ci
                if f < best_f:
                    best, best_f = a, f
        out[i] = best
    return out


# --- scenes from the generator: its true endmembers and N-FINDR endmembers --------------------------------------

@pytest.fixture(scope="module")
def scene():
    """Pixels as core/io/sample.py makes them (smooth mixtures of its five materials, times the atmosphere, noise),
    on the bands the cleaning keeps (no water-vapour windows), and the spectra of its truth CSV."""
    rng = np.random.default_rng(7)
    wl = neon_wavelengths(426)
    trans = transmission(wl)
    keep = trans > 0.3
    surface = material_spectra(wl)[keep]
    apparent = surface * trans[keep, None]
    abund = smooth_abundances(48, 48, 5, rng).reshape(-1, 5)
    x = abund @ apparent.T + 0.002 * rng.standard_normal((abund.shape[0], keep.sum()))
    return {"x": x.astype(np.float32), "surface": surface, "apparent": apparent}


def _true_set(scene, q):
    """The truth CSV's spectra (surface reflectance: the pixels carry the atmosphere, so many abundances are 0); past
    5, the apparent spectra of the first materials as well."""
    cols = [scene["surface"][:, :min(q, 5)]]
    if q > 5:
        cols.append(scene["apparent"][:, :q - 5])
    return np.concatenate(cols, axis=1)


def _nfindr_set(scene, q):
    x = scene["x"].astype(np.float64)
    centred = x - x.mean(axis=0)
    _, _, vt = np.linalg.svd(centred[::3], full_matrices=False)
    idx, _, _ = nfindr_points((centred @ vt[:q - 1].T).astype(np.float32), q)
    return x[idx].T


@pytest.mark.parametrize("kind", ["true", "nfindr"])
@pytest.mark.parametrize("q", [3, 4, 5, 6, 7, 8])
@pytest.mark.parametrize("method", ["FCLS", "NNLS"])
def test_equals_the_active_set_and_meets_kkt_on_generator_scenes(scene, kind, q, method):
    e = _true_set(scene, q) if kind == "true" else _nfindr_set(scene, q)
    fcls = method == "FCLS"
    gram, c, tol = _problem(e, scene["x"], fcls)
    stats = {}
    a = solve(gram, c, fcls, tol, stats=stats)
    ref = _reference(gram, c, fcls, tol)
    assert np.abs(a - ref).max() < 1e-9
    res = _kkt(gram, c, a, fcls)
    assert res["negativity"] == 0.0 and res["sum_to_one"] < 1e-12
    assert res["stationarity"] < 1e-9 and res["dual"] < 1e-9
    # The hard case the solver is for: abundances at 0 in many pixels, most of all with the true endmembers.
    assert (a == 0).any(axis=1).mean() > (0.25 if kind == "true" else 0.1)
    assert stats["pixel_rounds"] >= len(c)


@pytest.mark.parametrize("q", [3, 5, 8])
def test_nnls_equals_scipy_per_pixel(scene, q):
    for e in (_true_set(scene, q), _nfindr_set(scene, q)):
        x = scene["x"][::9].astype(np.float64)
        gram, c, tol = _problem(e, x, False)
        a = solve(gram, c, False, tol)
        ref = np.array([nnls(e, xi)[0] for xi in x])
        assert np.abs(a - ref).max() <= 1e-6 * max(1.0, np.abs(ref).max())


@pytest.mark.parametrize("q", [3, 5, 8])
def test_fcls_equals_scipy_nnls_on_the_sum_to_one_augmented_system(scene, q):
    """An independent solve: scipy's NNLS with a heavily weighted row of ones (exact as the weight grows)."""
    for e in (_true_set(scene, q), _nfindr_set(scene, q)):
        x = scene["x"][::9].astype(np.float64)
        gram, c, tol = _problem(e, x, True)
        a = solve(gram, c, True, tol)
        weight = 1e4 * np.sqrt(np.abs(gram).max())
        aug = np.vstack([e, weight * np.ones((1, q))])
        ref = np.array([nnls(aug, np.r_[xi, weight])[0] for xi in x])
        assert np.abs(a - ref).max() < 1e-6


def test_equals_brute_force_enumeration(scene):
    for q in (3, 6):
        e = _true_set(scene, q)
        for fcls in (True, False):
            gram, c, tol = _problem(e, scene["x"][::37], fcls)
            assert np.abs(solve(gram, c, fcls, tol) - _brute_force(gram, c, fcls)).max() < 1e-9


def test_every_stage_and_the_enumeration_alone_give_the_same_optimum(scene, monkeypatch):
    e = _true_set(scene, 8)
    for fcls in (True, False):
        gram, c, tol = _problem(e, scene["x"], fcls)
        a = solve(gram, c, fcls, tol)
        monkeypatch.setattr(fcls_exact, "STRIDES", (1,))
        assert np.abs(solve(gram, c, fcls, tol) - a).max() < 1e-12
        monkeypatch.setattr(fcls_exact, "ROUNDS", 0)  # everything by enumeration
        stats = {}
        assert np.abs(solve(gram, c, fcls, tol, stats=stats) - a).max() < 1e-12
        assert stats["enumerated"] == len(c)
        monkeypatch.undo()


def test_chunks_do_not_change_the_result(scene, monkeypatch):
    e = _nfindr_set(scene, 5)
    gram, c, tol = _problem(e, scene["x"], True)
    a = solve(gram, c, True, tol)
    monkeypatch.setattr(fcls_exact, "CHUNK", 333)
    assert np.abs(solve(gram, c, True, tol) - a).max() < 1e-12  # ties between supports at rounding level aside


# --- degenerate cases -----------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def four():
    rng = np.random.default_rng(3)
    return rng.uniform(0.05, 0.6, size=(30, 4))


@pytest.mark.parametrize("method", ["FCLS", "NNLS"])
def test_vertices_edges_and_exact_mixtures_are_recovered(four, method):
    rng = np.random.default_rng(4)
    truth = np.vstack([np.eye(4), [[0.3, 0.7, 0, 0], [0, 0.5, 0, 0.5], [0, 0, 1e-9, 1 - 1e-9]],
                       rng.dirichlet(np.ones(4), size=40), rng.dirichlet(np.full(3, 0.5), size=40) @ np.eye(4)[1:]])
    gram, c, tol = _problem(four, truth @ four.T, method == "FCLS")
    a = solve(gram, c, method == "FCLS", tol)
    assert np.abs(a - truth).max() < 1e-9
    if method == "FCLS":
        assert (a[:4] == np.eye(4)).all()  # a pixel on a vertex is exactly that endmember


def test_zero_pixels_and_scales(four):
    gram, c, tol = _problem(four, np.zeros((3, 30)), False)
    assert (solve(gram, c, False, tol) == 0).all()
    assert (solve(gram, c, False, 0.0) == 0).all()  # tolerance 0 too
    fc = solve(gram, c, True, RTOL * np.abs(gram).max())  # FCLS of a black pixel: the sum-to-one point nearest 0
    ref = _reference(gram, c, True, np.full(3, RTOL * np.abs(gram).max()))
    assert np.abs(fc - ref).max() < 1e-12 and np.allclose(fc.sum(axis=1), 1.0)
    rng = np.random.default_rng(5)
    x = rng.dirichlet(np.ones(4), size=50) @ four.T + 0.05 * rng.standard_normal((50, 30))
    gram, c, tol = _problem(four, x, False)
    a = solve(gram, c, False, tol)
    for k in (1e-30, 1e30):  # NNLS abundances follow the pixels' scale, whatever it is
        assert np.allclose(solve(gram, c * k, False, tol * k), a * k, rtol=1e-9, atol=0)
    for k in (1e-6, 1e6):  # the endmembers' units (FCLS: pixels and endmembers together) do not matter
        g2, c2, t2 = _problem(four * k, x * k, True)
        g1, c1, t1 = _problem(four, x, True)
        assert np.abs(solve(g2, c2, True, t2) - solve(g1, c1, True, t1)).max() < 1e-9


def test_non_finite_rows_give_nan_and_leave_the_others_alone(four):
    rng = np.random.default_rng(6)
    x = rng.dirichlet(np.ones(4), size=20) @ four.T
    gram, c, tol = _problem(four, x, True)
    ref = solve(gram, c, True, tol)
    c[3, 1] = np.nan
    c[7, 0] = np.inf
    a = solve(gram, c, True, tol)
    assert np.isnan(a[[3, 7]]).all()
    keep = np.setdiff1d(np.arange(20), [3, 7])
    assert np.array_equal(a[keep], ref[keep])


def test_empty_input_and_one_endmember():
    assert solve(np.eye(3), np.zeros((0, 3)), True).shape == (0, 3)
    c = np.array([[2.0], [-1.0], [0.0]])
    assert np.array_equal(solve([[4.0]], c, False, 1e-12), [[0.5], [0.0], [0.0]])
    assert np.array_equal(solve([[4.0]], c, True, 1e-12), np.ones((3, 1)))


@pytest.mark.parametrize("method", ["FCLS", "NNLS"])
def test_duplicate_and_collinear_endmembers_give_an_optimum(four, method):
    """Dependent endmembers (unmix refuses them; the solver alone still returns an optimum): the objective equals the
    brute-force optimum over the well-posed supports, and the KKT conditions hold."""
    fcls = method == "FCLS"
    rng = np.random.default_rng(8)
    x = rng.dirichlet(np.ones(4), size=60) @ four.T + 0.03 * rng.standard_normal((60, 30))
    for e in (np.column_stack([four, four[:, 1]]), np.column_stack([four, 2.0 * four[:, 2]])):
        gram, c, tol = _problem(e, x, fcls)
        a = solve(gram, c, fcls, tol)
        ref = _brute_force(gram, c, fcls)
        assert np.allclose(_objective(gram, c, a), _objective(gram, c, ref), rtol=1e-9, atol=1e-12)
        res = _kkt(gram, c, a, fcls)
        assert res["negativity"] == 0.0 and res["sum_to_one"] < 1e-12 and res["dual"] < 1e-8


def test_factor_is_cached_and_checks_its_input(four):
    gram = four.T @ four
    assert factor(gram, True) is factor(gram.copy(), True)
    assert factor(gram, True) is not factor(gram, False)
    with pytest.raises(ValueError, match="1 to 8"):
        factor(np.eye(9), True)
    with pytest.raises(ValueError, match="columns"):
        solve(gram, np.zeros((2, 3)), True)


# --- random problems ------------------------------------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), b=st.integers(3, 40), q=st.integers(1, 8),
       noise=st.sampled_from([0.0, 0.01, 0.1, 1.0]), alpha=st.sampled_from([0.1, 0.5, 2.0]),
       scale=st.sampled_from([1e-4, 1.0, 1e4]))
def test_random_problems_equal_the_active_set_and_meet_kkt(seed, b, q, noise, alpha, scale):
    q = min(q, b)
    rng = np.random.default_rng(seed)
    e = rng.uniform(0.0, 1.0, size=(b, q)) * scale
    sv = np.linalg.svd(e, compute_uv=False)
    if sv[-1] <= 1e-6 * sv[0]:
        return  # (nearly) dependent random endmembers: unmix refuses them
    x = rng.dirichlet(np.full(q, alpha), size=200) @ e.T + noise * scale * rng.standard_normal((200, b))
    x[0] = 0.0
    x[1] = e[:, -1]
    for fcls in (True, False):
        gram, c, tol = _problem(e, x, fcls)
        a = solve(gram, c, fcls, tol)
        ref = _reference(gram, c, fcls, tol)
        cond = sv[0] / sv[-1]
        assert np.abs(a - ref).max() <= 1e-10 * cond ** 2 * max(1.0, np.abs(ref).max())
        res = _kkt(gram, c, a, fcls)
        assert res["negativity"] == 0.0 and res["sum_to_one"] < 1e-10
        assert res["stationarity"] < 1e-8 * cond and res["dual"] < 1e-8 * cond


def test_batched_inverses_match_lapack_and_flag_singular_systems():
    rng = np.random.default_rng(9)
    a = rng.standard_normal((200, 6, 6)) + 3 * np.eye(6)
    inv, cond = fcls_exact._inverses(a)
    assert np.abs(inv - np.linalg.inv(a)).max() < 1e-10
    assert np.allclose(cond, np.linalg.cond(a, 1), rtol=1e-9)
    s = a.copy()
    s[:, 4] = 2 * s[:, 1]  # dependent rows
    s[0] = 0.0  # all zero
    assert (fcls_exact._inverses(s)[1] > fcls_exact.COND_MAX).all()
