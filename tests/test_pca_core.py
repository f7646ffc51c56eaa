"""PCA in the core (no QGIS): eigenvalues against numpy's covariance eigen-decomposition, the component count for a
variance fraction against Spectral Python's reduce, the block-wise transform, the outputs (band names, EIGENVALUES
and LOADINGS CSVs, no-data), reproducibility and clear errors."""
import csv
import os

import numpy as np
import pytest
from osgeo import gdal

from hyspec_qgis.core import Cancelled, ParameterError, SpectralRaster, read_spectra_csv
from hyspec_qgis.core.errors import HyspecError
from hyspec_qgis.core.io.raster_writer import FLOAT_NODATA, RasterWriter
from hyspec_qgis.core.methods.pca import (
    components_for_fraction,
    fit_pca,
    pca_transform,
    percent_label,
    run_pca,
)

gdal.UseExceptions()


@pytest.fixture(scope="module")
def fitted(clean_kmeans_tile, tmp_path_factory):
    folder = tmp_path_factory.mktemp("pca_run")
    paths = {k: str(folder / v) for k, v in (("out", "pc.tif"), ("eig", "eig.csv"), ("load", "load.csv"))}
    result = run_pca(clean_kmeans_tile, paths["out"], paths["eig"], paths["load"])
    return result, paths


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def assert_no_output(folder):
    assert os.listdir(folder) == [], os.listdir(folder)


def test_eigenvalues_and_vectors_match_numpy(clean_kmeans_pixels, fitted):
    x, _ = clean_kmeans_pixels
    model = fitted[0].model
    cov = np.cov(x.astype(np.float64), rowvar=False)
    values, vectors = np.linalg.eigh(cov)
    values, vectors = values[::-1], vectors[:, ::-1]
    np.testing.assert_allclose(model.mean, x.astype(np.float64).mean(axis=0), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(model.eigenvalues, np.clip(values, 0, None), rtol=1e-4, atol=1e-6 * values[0])
    # Well-separated leading components: the same axes (signs are ours: largest loading positive).
    for j in range(4):
        assert abs(model.eigenvectors[:, j] @ vectors[:, j]) == pytest.approx(1.0, abs=1e-6)
        assert model.eigenvectors[np.argmax(np.abs(model.eigenvectors[:, j])), j] > 0
    assert model.n_pixels == x.shape[0]


@pytest.mark.reference
def test_component_count_for_the_fraction_matches_spectral_python(clean_kmeans_pixels, fitted):
    import spectral

    x, _ = clean_kmeans_pixels
    pc = spectral.principal_components(x.reshape(-1, 1, x.shape[1]))
    for fraction in (0.9, 0.99, 0.995, 0.999, 0.9999):
        expected = len(pc.reduce(fraction=fraction).eigenvalues)
        assert components_for_fraction(fitted[0].model.eigenvalues, fraction) == expected, fraction
    assert fitted[0].model.n_components == len(pc.reduce(fraction=0.999).eigenvalues)


@pytest.mark.reference
def test_explained_variance_matches_scikit_learn(clean_kmeans_pixels, fitted):
    from sklearn.decomposition import PCA

    x, _ = clean_kmeans_pixels
    sk = PCA(n_components=10, svd_solver="full").fit(x.astype(np.float64))
    model = fitted[0].model
    np.testing.assert_allclose(model.explained[:10], sk.explained_variance_ratio_, rtol=1e-4, atol=1e-8)


@pytest.mark.reference
def test_component_count_rule_on_hand_made_spectra():
    import spectral
    from spectral.algorithms.algorithms import GaussianStats

    rng = np.random.default_rng(0)
    for trial in range(20):
        b = int(rng.integers(2, 12))
        a = rng.normal(size=(b, b)) * rng.random(b) ** 3
        cov = a @ a.T
        pc = spectral.principal_components(GaussianStats(np.zeros(b), cov, 100))
        values = np.sort(np.linalg.eigvalsh(cov))[::-1]
        for fraction in (0.5, 0.8, 0.95, 0.999, 1.0):
            assert components_for_fraction(values, fraction) == len(pc.reduce(fraction=fraction).eigenvalues), \
                (trial, fraction)
    assert components_for_fraction([5, 3, 1, 1], 0.8) == 2  # reached exactly: 8 / 10
    assert components_for_fraction([5, 3, 1, 1], 0.81) == 3
    assert components_for_fraction([5, 3, 1, 1], 1.0) == 4
    assert components_for_fraction([0, 0, 0], 0.5) == 3  # no variance: nothing to reduce


def test_transform_output_and_no_data(clean_kmeans_tile, clean_kmeans_pixels, fitted):
    x, valid = clean_kmeans_pixels
    result, paths = fitted
    model = result.model
    q = model.n_components
    ds = gdal.Open(paths["out"])
    assert ds.RasterCount == q and ds.GetRasterBand(1).DataType == gdal.GDT_Float32
    values = ds.ReadAsArray().reshape(q, -1).T
    expected = (x.astype(np.float64) - model.mean) @ model.eigenvectors[:, :q]
    np.testing.assert_allclose(values[valid], expected, rtol=1e-4, atol=1e-5)
    assert (values[~valid] == FLOAT_NODATA).all() and ds.GetRasterBand(1).GetNoDataValue() == FLOAT_NODATA
    # Component scores are centred and their variances are the eigenvalues.
    np.testing.assert_allclose(values[valid].mean(axis=0), 0, atol=1e-4)
    np.testing.assert_allclose(values[valid].var(axis=0, ddof=1), model.eigenvalues[:q], rtol=1e-3)
    src = SpectralRaster(clean_kmeans_tile)
    assert ds.GetGeoTransform() == src.geotransform and ds.GetProjection() == src.crs_wkt
    assert SpectralRaster(paths["out"]).wavelengths is None  # components are not wavelengths


def test_band_names_and_csvs(clean_kmeans_tile, fitted):
    result, paths = fitted
    model = result.model
    q = model.n_components
    ds = gdal.Open(paths["out"])
    names = [ds.GetRasterBand(i + 1).GetDescription() for i in range(q)]
    assert names[0] == f"PC1 ({100 * model.explained[0]:.1f} %)" and names[0].endswith(" %)")
    assert all(n.startswith(f"PC{i + 1} (") for i, n in enumerate(names))
    assert float(ds.GetRasterBand(1).GetMetadataItem("eigenvalue")) == model.eigenvalues[0]  # exact
    assert ds.GetMetadataItem("HYSPEC_PCA_COMPONENTS") == str(q)
    rows = read_csv(paths["eig"])
    assert list(rows[0]) == ["component", "eigenvalue", "explained_fraction", "cumulative_fraction", "kept"]
    assert len(rows) == 174 and [int(r["component"]) for r in rows] == list(range(1, 175))
    explained = np.array([float(r["explained_fraction"]) for r in rows])
    np.testing.assert_array_equal([float(r["eigenvalue"]) for r in rows], model.eigenvalues)  # carried exactly
    cumulative = np.array([float(r["cumulative_fraction"]) for r in rows])
    assert explained.sum() == pytest.approx(1.0) and cumulative[-1] == pytest.approx(1.0)
    np.testing.assert_allclose(np.cumsum(explained), cumulative, atol=1e-8)
    assert [int(r["kept"]) for r in rows].count(1) == q
    assert cumulative[q - 1] >= 0.999 > cumulative[q - 2]
    # LOADINGS: a spectra CSV, one row per input band with its wavelength, orthonormal columns.
    loadings = read_spectra_csv(paths["load"], "LOADINGS")
    assert loadings.names == [f"PC{i + 1}" for i in range(q)] and loadings.n_bands == 174
    np.testing.assert_allclose(loadings.wavelengths, SpectralRaster(clean_kmeans_tile).wavelengths, atol=1e-3)
    np.testing.assert_allclose(loadings.values.T @ loadings.values, np.eye(q), atol=1e-5)


def test_fixed_component_count_and_reproducibility(clean_kmeans_tile, fitted, tmp_path):
    run_pca(clean_kmeans_tile, str(tmp_path / "a.tif"), n_components=3)
    run_pca(clean_kmeans_tile, str(tmp_path / "b.tif"), n_components=3)
    a, b = gdal.Open(str(tmp_path / "a.tif")).ReadAsArray(), gdal.Open(str(tmp_path / "b.tif")).ReadAsArray()
    assert a.shape[0] == 3 and np.array_equal(a, b)
    full = gdal.Open(fitted[1]["out"]).ReadAsArray()
    np.testing.assert_array_equal(a, full[:3])  # the same leading components whatever the count kept


def test_transform_is_a_pure_function_of_the_block(clean_kmeans_pixels, fitted):
    x, _ = clean_kmeans_pixels
    model = fitted[0].model
    before = x.copy()
    whole = model.transform(x)
    parts = np.concatenate([pca_transform(x[i:i + 777], model.mean, model.loadings) for i in range(0, len(x), 777)])
    np.testing.assert_allclose(whole, parts, rtol=1e-6, atol=1e-7)
    assert np.array_equal(x, before)  # the block is not modified


def test_block_size_and_cache_change_nothing(clean_kmeans_tile, fitted, tmp_path, monkeypatch):
    import hyspec_qgis.core.io.raster_reader as rr

    monkeypatch.setattr(rr, "BLOCK_BYTES", 9 * 4 * 174 * 80)
    monkeypatch.setenv("HYSPEC_CACHE_MB", "0")
    result = run_pca(clean_kmeans_tile, str(tmp_path / "a.tif"))
    model = fitted[0].model
    np.testing.assert_allclose(result.model.eigenvalues, model.eigenvalues, rtol=1e-5, atol=1e-7 * model.eigenvalues[0])
    a, b = gdal.Open(str(tmp_path / "a.tif")).ReadAsArray(), gdal.Open(fitted[1]["out"]).ReadAsArray()
    # float32 block products summed in another order move the smallest kept components' axes slightly (how much
    # depends on the CPU's BLAS kernel: up to 1.5e-5 measured, on scores of order 1)
    np.testing.assert_allclose(a, b, rtol=1e-4, atol=4e-5)


def test_percent_labels():
    assert percent_label(0.931) == "93.1 %" and percent_label(0.0523) == "5.23 %"
    assert percent_label(0.0042) == "0.42 %" and percent_label(0.0) == "0.0 %"


# --- errors: clear messages, no output ---------------------------------------------------------------------------------
@pytest.mark.parametrize("kwargs,match", [
    (dict(variance_fraction=0.0), r"VARIANCE_FRACTION: must be in \(0, 1\]"),
    (dict(variance_fraction=1.5), r"VARIANCE_FRACTION: must be in \(0, 1\] .*got 1.5"),
    (dict(variance_fraction=-0.2), r"VARIANCE_FRACTION: must be in \(0, 1\]"),
    (dict(n_components=-1), "COMPONENTS: must be 0"),
    (dict(n_components=200), r"COMPONENTS: 200 components asked for, but the input .*clean_kmeans\.tif. has only 174 bands"),
])
def test_bad_parameters(clean_kmeans_tile, tmp_path, kwargs, match):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(ParameterError, match=match):
        run_pca(clean_kmeans_tile, str(out_dir / "pc.tif"), str(out_dir / "e.csv"), str(out_dir / "l.csv"), **kwargs)
    assert_no_output(out_dir)


def test_too_few_valid_pixels(tmp_path):
    path = str(tmp_path / "empty.tif")
    with RasterWriter(path, width=5, height=4, bands=3, geotransform=(0, 1, 0, 4, 0, -1), crs_wkt="",
                      nodata=-9999.0) as w:
        data = np.full((4, 5, 3), -9999.0, np.float32)
        data[0, 0] = 0.2
        w.write(data, 0)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(HyspecError, match="empty.tif has 1 valid pixel"):
        run_pca(path, str(out_dir / "pc.tif"), str(out_dir / "e.csv"), str(out_dir / "l.csv"))
    assert_no_output(out_dir)


def test_fit_pca_on_an_rgb_like_raster_without_wavelengths(tmp_path):
    rng = np.random.default_rng(1)
    data = rng.normal(size=(30, 40, 3)).astype(np.float32) @ np.array([[3, 0, 0], [1, 1, 0], [0, 0, 0.1]], np.float32)
    path = str(tmp_path / "rgb.tif")
    with RasterWriter(path, width=40, height=30, bands=3, geotransform=(0, 1, 0, 30, 0, -1), crs_wkt="") as w:
        w.write(data, 0)
    model = fit_pca(SpectralRaster(path), 0, 0.99)
    x = data.reshape(-1, 3).astype(np.float64)
    np.testing.assert_allclose(model.eigenvalues, np.linalg.eigvalsh(np.cov(x, rowvar=False))[::-1], rtol=1e-5)
    run_pca(path, str(tmp_path / "pc.tif"), loadings_csv=str(tmp_path / "l.csv"), n_components=2)
    assert read_spectra_csv(str(tmp_path / "l.csv")).wavelengths is None


@pytest.mark.parametrize("stop_at", [0.3, 0.9])  # during the covariance pass and during the transform
def test_cancel_leaves_no_output(clean_kmeans_tile, tmp_path, stop_at):
    def progress(fraction, message):
        return fraction is None or fraction < stop_at

    with pytest.raises(Cancelled):
        run_pca(clean_kmeans_tile, str(tmp_path / "pc.tif"), str(tmp_path / "e.csv"), str(tmp_path / "l.csv"), progress=progress)
    assert_no_output(tmp_path)
