"""Unmixing core (no QGIS): exactness of FCLS / NNLS / UCLS, references, no-data, CSV matching and bad input."""
import csv
import os

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from osgeo import gdal
from scipy.optimize import nnls

from hyspec_qgis.core import SpectralRaster, read_spectra_csv, write_spectra_csv
from hyspec_qgis.core.errors import HyspecError, ParameterError, SpectraError
from hyspec_qgis.core.io.raster_writer import FLOAT_NODATA, RasterWriter
from hyspec_qgis.core.io.spectra_csv import Spectra
from hyspec_qgis.core.methods.unmix import (
    fit_unmix,
    kkt_residuals,
    load_endmembers,
    unmix_pixels,
    unmix_raster,
)

KKT_TOL = 1e-9  # relative to max |E^T x|: rounding is ~1e-15


def _mixtures(rng, b=40, q=5, n=3000, noise=0.02, alpha=0.4):
    e = rng.uniform(0.02, 0.6, size=(b, q))
    a = rng.dirichlet(np.full(q, alpha), size=n)
    x = a @ e.T + noise * rng.standard_normal((n, b))
    return e, x.astype(np.float32), a


def _fcls_reference(e, x, weight=1e3):
    """An independent solve: scipy's NNLS on the system augmented with a heavily weighted sum-to-one row."""
    aug = np.vstack([e, weight * np.ones((1, e.shape[1]))])
    return np.array([nnls(aug, np.r_[xi.astype(np.float64), weight])[0] for xi in x])


# --- exactness ------------------------------------------------------------------------------------------------------

def test_fcls_satisfies_kkt_and_matches_an_independent_exact_solve():
    rng = np.random.default_rng(0)
    e, x, _ = _mixtures(rng)
    a = unmix_pixels(x, fit_unmix(e, "FCLS"))
    res = kkt_residuals(x, e, a, "FCLS")
    assert res["negativity"] == 0.0 and res["sum_to_one"] < 1e-12
    assert res["stationarity"] < KKT_TOL and res["dual"] < KKT_TOL
    # Many pixels have active constraints (zeros), so this is not just the unconstrained solution.
    assert (a == 0).any(axis=1).mean() > 0.3
    ref = _fcls_reference(e, x[:600])
    assert np.abs(ref - a[:600]).max() < 1e-5  # the augmented system is exact only as weight -> infinity


def test_nnls_matches_scipy_nnls_exactly():
    rng = np.random.default_rng(1)
    e, x, _ = _mixtures(rng, noise=0.05)
    a = unmix_pixels(x, fit_unmix(e, "NNLS"))
    ref = np.array([nnls(e, xi.astype(np.float64))[0] for xi in x])
    assert np.abs(ref - a).max() < 1e-9
    res = kkt_residuals(x, e, a, "NNLS")
    assert res["stationarity"] < KKT_TOL and res["dual"] < KKT_TOL and res["negativity"] == 0.0
    assert (a == 0).any(axis=1).mean() > 0.3


def test_ucls_equals_lstsq():
    rng = np.random.default_rng(2)
    e, x, _ = _mixtures(rng, noise=0.05)
    a = unmix_pixels(x, fit_unmix(e, "UCLS"))
    ref = np.linalg.lstsq(e, x.T.astype(np.float64), rcond=None)[0].T
    assert np.abs(ref - a).max() < 1e-10
    assert (a < 0).any()  # unconstrained: negative abundances are allowed


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), b=st.integers(2, 30), q=st.integers(1, 8), noise=st.sampled_from([0.0, 0.01, 0.3]),
       scale=st.sampled_from([1e-3, 1.0, 1e4]))
def test_exact_for_random_problems(seed, b, q, noise, scale):
    """Any shape, scale and noise: both constrained solvers meet the KKT conditions and NNLS equals scipy's."""
    q = min(q, b)
    rng = np.random.default_rng(seed)
    e = rng.uniform(0.0, 1.0, size=(b, q)) * scale
    x = (rng.dirichlet(np.ones(q), size=64) @ e.T + noise * scale * rng.standard_normal((64, b))).astype(np.float32)
    x[0] = 0.0  # an all-zero pixel
    x[1] = e[:, 0]  # a pure pixel
    sv = np.linalg.svd(e, compute_uv=False)
    if sv[-1] <= 1e-9 * sv[0]:  # (nearly) dependent random endmembers: refused (see the test below), and only those
        with pytest.raises(ParameterError, match="linearly dependent"):
            fit_unmix(e, "NNLS")
        return
    a = unmix_pixels(x, fit_unmix(e, "NNLS"))
    res = kkt_residuals(x, e, a, "NNLS")
    assert res["negativity"] == 0 and res["stationarity"] < 1e-8 and res["dual"] < 1e-8
    ref = np.array([nnls(e, xi.astype(np.float64))[0] for xi in x])
    assert np.abs(ref - a).max() <= 1e-7 * max(1.0, np.abs(ref).max())
    f = unmix_pixels(x, fit_unmix(e, "FCLS"))
    res = kkt_residuals(x, e, f, "FCLS")
    assert res["negativity"] == 0 and res["sum_to_one"] < 1e-10
    assert res["stationarity"] < 1e-8 and res["dual"] < 1e-8


def test_pure_pixels_and_exact_mixtures_are_recovered():
    rng = np.random.default_rng(3)
    e, _, _ = _mixtures(rng, q=4)
    a_true = np.vstack([np.eye(4), rng.dirichlet(np.ones(4), size=50)])
    x = a_true @ e.T
    for method in ("FCLS", "NNLS", "UCLS"):
        a = unmix_pixels(x, fit_unmix(e, method))
        assert np.abs(a - a_true).max() < 1e-9, method


def test_dependent_endmembers_are_refused_for_constrained_methods():
    e = np.array([[0.1, 0.2, 0.3], [0.2, 0.4, 0.6], [0.3, 0.6, 0.1]]).T  # EM2 = 2 x EM1
    with pytest.raises(ParameterError, match="linearly dependent"):
        fit_unmix(e, "FCLS", names=["a", "b", "c"])
    model = fit_unmix(e, "UCLS")  # least squares: the minimum-norm solution, as lstsq
    x = np.array([[0.1, 0.3, 0.2]])
    ref = np.linalg.lstsq(e, x.T, rcond=None)[0].T
    assert np.allclose(unmix_pixels(x, model), ref)


# --- references -----------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pysptools_amaps():
    pytest.importorskip("cvxopt")
    if not hasattr(np, "float"):  # pysptools 0.15 needs np.float / np.int (removed in numpy 1.24): tests only
        np.float = float
        np.int = int
    from pysptools.abundance_maps import amaps

    return amaps


@pytest.mark.reference
def test_nnls_against_pysptools(pysptools_amaps, sample_cube):
    """pysptools' NNLS calls scipy's nnls(E^T E, E^T x): the NNLS of the normal equations, which is the least-squares
    optimum only where no constraint is active. Where none is, we agree within 1e-4; our batched solver applied to
    pysptools' own formulation reproduces it everywhere (so the remaining difference is the formulation, not the
    solver); and ours is the true NNLS (scipy nnls(E, x), above)."""
    e, x = sample_cube["endmembers"], sample_cube["pixels"][::7]
    ours = unmix_pixels(x, fit_unmix(e, "NNLS"))
    theirs = pysptools_amaps.NNLS(x.astype(np.float64), e.T)
    interior = (ours > 1e-9).all(axis=1)
    assert interior.sum() > 50
    assert np.abs(ours[interior] - theirs[interior]).max() < 1e-4
    g = e.T @ e
    replica = unmix_pixels(x.astype(np.float64) @ e, fit_unmix(g, "NNLS"))
    assert np.abs(replica - theirs).max() < 1e-4
    print(f"\n[info] NNLS vs pysptools over all {len(x)} pixels: max |difference| {np.abs(ours - theirs).max():.3g} "
          f"(pysptools' normal-equation formulation); KKT of pysptools' result: "
          f"{kkt_residuals(x, e, theirs, 'NNLS')}")


@pytest.mark.reference
def test_fcls_against_pysptools_is_information_only(pysptools_amaps, sample_cube):
    """pysptools' FCLS (cvxopt, default tolerances) stops short of the optimum (up to 0.18 off on a synthetic tile):
    the difference is reported, not asserted; ours is checked against the exact optimum above and here."""
    e, x = sample_cube["endmembers"], sample_cube["pixels"][::25]
    ours = unmix_pixels(x, fit_unmix(e, "FCLS"))
    theirs = pysptools_amaps.FCLS(x.astype(np.float64), e.T)
    ours_kkt = kkt_residuals(x, e, ours, "FCLS")
    theirs_kkt = kkt_residuals(x, e, theirs, "FCLS")
    assert ours_kkt["stationarity"] < KKT_TOL and ours_kkt["dual"] < KKT_TOL
    obj = lambda a: np.sum((x.astype(np.float64) - a @ e.T) ** 2, axis=1)  # noqa: E731
    feasible = np.clip(theirs.astype(np.float64), 0, None)
    feasible /= feasible.sum(axis=1, keepdims=True)
    assert np.all(obj(ours) <= obj(feasible) * (1 + 1e-9))  # ours is optimal: never worse than theirs made feasible
    print(f"\n[info] FCLS vs pysptools on {len(x)} pixels: max |difference| {np.abs(ours - theirs).max():.3g}, "
          f"mean {np.abs(ours - theirs).mean():.3g}; KKT stationarity ours {ours_kkt['stationarity']:.1e}, "
          f"pysptools {theirs_kkt['stationarity']:.1e}")


# --- rasters: no-data, metadata, CSV matching -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_cube(clean_unmix_tile, neon_tile):
    """Valid pixels of the small tile and the true materials as they appear in its cube (with the atmosphere)."""
    from hyspec_qgis.core.io.sample import material_spectra, transmission

    r = SpectralRaster(clean_unmix_tile)
    block = r.read_block(0, r.height, 0, r.width, list(range(r.count)))
    wl = r.wavelengths
    e = material_spectra(wl) * transmission(wl)[:, None]
    return {"pixels": block.data[block.valid], "endmembers": e[:, [0, 1, 3, 4]], "raster": r}


@pytest.fixture(scope="module")
def truth_csv(neon_tile):
    return os.path.splitext(neon_tile[0])[0] + "_truth_endmembers.csv"


def test_unmix_raster_nodata_metadata_and_means(clean_unmix_tile, neon_tile, truth_csv, tmp_path):
    raster = SpectralRaster(clean_unmix_tile)
    # The truth CSV has all 426 bands; the cleaned raster 362: rows are matched by wavelength.
    spectra = load_endmembers(read_spectra_csv(truth_csv), raster, path=truth_csv)
    assert spectra.n_bands == 362 and spectra.names[0] == "vegetation"
    out, rmse = str(tmp_path / "ab.tif"), str(tmp_path / "rmse.tif")
    result = unmix_raster(raster, spectra, out, "FCLS", rmse_output=rmse)
    ds = gdal.Open(out)
    assert ds.RasterCount == 5
    assert [ds.GetRasterBand(i + 1).GetDescription() for i in range(5)] == spectra.names
    a = ds.ReadAsArray()  # (5, rows, cols)
    nodata = neon_tile[1].nodata_mask
    assert np.all(a[:, nodata] == FLOAT_NODATA) and ds.GetRasterBand(1).GetNoDataValue() == FLOAT_NODATA
    valid = a[:, ~nodata]
    assert valid.min() >= 0 and np.allclose(valid.sum(axis=0), 1.0, atol=1e-5)
    r = gdal.Open(rmse).ReadAsArray()
    assert np.all(r[nodata] == FLOAT_NODATA) and np.all(r[~nodata] >= 0) and r[~nodata].mean() < 0.05
    # Mean abundances: log/return value, dataset and band metadata agree with the pixels.
    means = valid.mean(axis=1)
    assert np.allclose(list(result.means.values()), means, atol=1e-5)
    meta = ds.GetMetadataItem("MEAN_ABUNDANCE")
    assert meta.startswith("vegetation=")
    assert abs(float(ds.GetRasterBand(2).GetMetadataItem("MEAN_ABUNDANCE")) - means[1]) < 1e-5
    assert result.n_valid == int((~nodata).sum())
    assert result.kkt["stationarity"] < KKT_TOL and result.kkt["dual"] < KKT_TOL
    # Against the generator's abundances (with its atmosphere-free spectra the fit is approximate, so loosely).
    truth = neon_tile[1].abundances[~nodata].T
    assert np.abs(valid - truth).mean() < 0.1


def test_each_method_writes_its_solution(clean_unmix_tile, sample_cube, tmp_path):
    raster = SpectralRaster(clean_unmix_tile)
    e = sample_cube["endmembers"]
    spectra = Spectra(["veg", "soil", "roof", "grass"], e, raster.wavelengths)
    pixels = sample_cube["pixels"]
    for method in ("FCLS", "NNLS", "UCLS"):
        out = str(tmp_path / f"{method}.tif")
        unmix_raster(raster, spectra, out, method)
        a = gdal.Open(out).ReadAsArray().reshape(4, -1).T
        valid = a[:, 0] != FLOAT_NODATA
        expected = unmix_pixels(pixels, fit_unmix(e, method))
        assert np.abs(a[valid] - expected).max() < 1e-6, method


def _write_csv(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return str(path)


def _no_output(folder):
    return [p for p in os.listdir(folder) if p.endswith((".tif", ".partial"))] == []


def test_csv_with_other_bands_matched_or_refused(clean_unmix_tile, truth_csv, tmp_path):
    raster = SpectralRaster(clean_unmix_tile)
    truth = read_spectra_csv(truth_csv)
    # Every 3rd band only: most raster bands have no row within half a band -> a clear error naming wavelengths.
    thin = Spectra(truth.names, truth.values[::3], truth.wavelengths[::3], truth.bands[::3])
    path = str(tmp_path / "thin.csv")
    write_spectra_csv(path, thin)
    with pytest.raises(SpectraError, match=r"ENDMEMBERS: .*thin.csv.*no CSV row within half a band"):
        load_endmembers(read_spectra_csv(path), raster, path=path)
    # Slightly shifted wavelengths (1 nm, within half a 5 nm band) still match.
    shifted = Spectra(truth.names, truth.values, truth.wavelengths + 1.0, truth.bands)
    path = str(tmp_path / "shifted.csv")
    write_spectra_csv(path, shifted)
    assert load_endmembers(read_spectra_csv(path), raster, path=path).n_bands == raster.count
    # No wavelengths and a different band count: cannot be matched.
    nowl = Spectra(truth.names, truth.values, None, truth.bands)
    path = str(tmp_path / "nowl.csv")
    write_spectra_csv(path, nowl)
    with pytest.raises(SpectraError, match="wavelengths are missing"):
        load_endmembers(read_spectra_csv(path), raster, path=path)


def test_bad_csvs_fail_clearly(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(SpectraError, match="empty"):
        read_spectra_csv(str(empty))
    bad = _write_csv(tmp_path / "bad.csv", ["wavelength", "a"], [[400, 0.1], [410, 0.2]])
    with pytest.raises(SpectraError, match="malformed header"):
        read_spectra_csv(bad)
    text = _write_csv(tmp_path / "text.csv", ["band", "wavelength_nm", "a"], [[1, 400, "x"], [2, 410, 0.2]])
    with pytest.raises(SpectraError, match="not numeric"):
        read_spectra_csv(text)
    nan = _write_csv(tmp_path / "nan.csv", ["band", "wavelength_nm", "a", "b"], [[1, 400, 0.1, "nan"], [2, 410, 0.2, 0.3]])
    with pytest.raises(SpectraError, match="non-finite values in spectrum b"):
        read_spectra_csv(nan)
    with pytest.raises(ParameterError, match="non-finite"):
        fit_unmix(np.array([[0.1, np.inf], [0.2, 0.3]]), "FCLS", names=["a", "b"])


def _small_raster(path, bands=3, rows=4, cols=5, nodata_all=False):
    w = RasterWriter(path, width=cols, height=rows, bands=bands, geotransform=(0, 1, 0, rows, 0, -1), crs_wkt="",
                     nodata=-9999.0, wavelengths=500.0 + 10 * np.arange(bands))
    data = np.random.default_rng(0).uniform(0.1, 0.5, (rows, cols, bands)).astype(np.float32)
    if nodata_all:
        data[:] = -9999.0
    with w:
        w.write(data, 0)
    return path


def test_more_endmembers_than_bands_is_refused_without_output(tmp_path):
    path = _small_raster(str(tmp_path / "three.tif"), bands=3)
    raster = SpectralRaster(path)
    spectra = Spectra([f"e{i}" for i in range(4)], np.random.default_rng(1).uniform(0.1, 0.5, (3, 4)),
                      raster.wavelengths)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(ParameterError, match=r"ENDMEMBERS: lib.csv: 4 endmembers but .*three.tif has only 3 bands"):
        load_endmembers(spectra, raster, path="lib.csv")
    with pytest.raises(ParameterError, match="4 endmembers but only 3 bands"):
        unmix_raster(raster, spectra, str(out_dir / "ab.tif"))
    assert _no_output(out_dir)


def test_all_nodata_raster_fails_and_leaves_nothing(tmp_path):
    path = _small_raster(str(tmp_path / "empty.tif"), bands=3, nodata_all=True)
    raster = SpectralRaster(path)
    spectra = Spectra(["a", "b"], np.array([[0.1, 0.5], [0.2, 0.4], [0.3, 0.1]]), raster.wavelengths)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(HyspecError, match="no valid pixel"):
        unmix_raster(raster, spectra, str(out_dir / "ab.tif"), rmse_output=str(out_dir / "rmse.tif"))
    assert _no_output(out_dir)


def test_unknown_method_is_refused():
    with pytest.raises(ParameterError, match="METHOD"):
        fit_unmix(np.eye(3), "SUNSAL")


def test_cancel_stops_the_run_and_leaves_no_output(clean_unmix_tile, sample_cube, tmp_path):
    import threading

    from hyspec_qgis.core.errors import Cancelled

    raster = SpectralRaster(clean_unmix_tile)
    spectra = Spectra(["veg", "soil", "roof", "grass"], sample_cube["endmembers"], raster.wavelengths)
    calls = []

    def cancel_at_once(fraction, message):
        calls.append(fraction)
        return False

    with pytest.raises(Cancelled):
        unmix_raster(raster, spectra, str(tmp_path / "ab.tif"), rmse_output=str(tmp_path / "rmse.tif"),
                     progress=cancel_at_once)
    assert calls and _no_output(tmp_path)
    assert not [t for t in threading.enumerate() if t.name.startswith("hyspec-")]


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_read_ahead_yields_the_same_blocks_in_order(clean_unmix_tile, workers):
    from hyspec_qgis.core.engine.prefetch import read_ahead
    from hyspec_qgis.core.engine.stats import pixel_stats

    raster = SpectralRaster(clean_unmix_tile)
    plain = list(raster.blocks(rows=7))
    ahead = list(read_ahead(raster, rows=7, workers=workers))
    assert [b.row0 for b in ahead] == [b.row0 for b in plain] and len(plain) > 5
    for a, b in zip(ahead, plain):
        assert np.array_equal(a.data, b.data) and np.array_equal(a.valid, b.valid)
    s1, s2 = pixel_stats(raster), pixel_stats(raster, read_ahead=workers)
    assert s1.n == s2.n and np.allclose(s1.cov, s2.cov, rtol=1e-6, atol=1e-12)
