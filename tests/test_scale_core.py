"""Huge and tiny but finite values (a raster times 1e30 or 1e-30): PCA, N-FINDR and unmixing give the original's
results scaled as the method says, or a clear error; never NaN components or all-zero abundances with exit 0."""
import os

import numpy as np
import pytest
from osgeo import gdal

from hyspec_qgis.core import SpectralRaster, read_spectra_csv
from hyspec_qgis.core.errors import HyspecError, ParameterError
from hyspec_qgis.core.io.raster_writer import RasterWriter
from hyspec_qgis.core.io.spectra_csv import Spectra
from hyspec_qgis.core.methods.nfindr import nfindr
from hyspec_qgis.core.methods.pca import run_pca
from hyspec_qgis.core.methods.unmix import fit_unmix, kkt_residuals, load_endmembers, unmix_pixels, unmix_raster

FACTORS = [1e30, 1e-30]


def scaled(src_path, factor, path):
    """The raster with every valid value times ``factor`` (float32, no-data kept, same grid and wavelengths)."""
    src = SpectralRaster(src_path)
    block = next(src.blocks(rows=src.height))
    data = np.full(block.data.shape, -9999.0, np.float32)
    data[block.valid] = block.data[block.valid] * np.float32(factor)
    with RasterWriter(path, width=src.width, height=src.height, bands=src.count, geotransform=src.geotransform,
                      crs_wkt=src.crs_wkt, nodata=-9999.0, wavelengths=src.wavelengths) as w:
        w.write(data.reshape(src.height, src.width, src.count), 0)
    return path, block.valid


@pytest.fixture(scope="module")
def truth(neon_tile):
    return read_spectra_csv(os.path.splitext(neon_tile[0])[0] + "_truth_endmembers.csv")


def band_array(path):
    return gdal.Open(path).ReadAsArray().reshape(gdal.Open(path).RasterCount, -1)


@pytest.mark.parametrize("factor", FACTORS)
def test_pca_of_a_scaled_raster_is_the_scaled_pca(clean_kmeans_tile, tmp_path, factor):
    path, valid = scaled(clean_kmeans_tile, factor, str(tmp_path / "scaled.tif"))
    base = run_pca(clean_kmeans_tile, str(tmp_path / "a.tif"), n_components=5).model
    big = run_pca(path, str(tmp_path / "b.tif"), n_components=5).model
    assert np.all(np.isfinite(big.eigenvalues)) and big.eigenvalues[0] > 0
    np.testing.assert_allclose(big.eigenvalues[:5], base.eigenvalues[:5] * factor ** 2, rtol=1e-4)
    np.testing.assert_allclose(big.loadings, base.loadings, atol=1e-4)  # same axes, same signs
    a, b = band_array(str(tmp_path / "a.tif"))[:, valid], band_array(str(tmp_path / "b.tif"))[:, valid]
    assert np.all(np.isfinite(b))
    np.testing.assert_allclose(b / np.float32(factor), a, rtol=1e-3, atol=1e-3 * np.abs(a).max())


def test_statistics_that_overflow_anyway_are_a_clear_error(tmp_path, monkeypatch):
    """+-1.5e38 to 3e38 in different blocks: the centred values themselves overflow float32. A clear error, no output."""
    import hyspec_qgis.core.io.raster_reader as rr

    values = np.ones((4, 5, 6), np.float32) * np.linspace(1, 2, 6, dtype=np.float32)
    values[0] *= np.float32(-1.5e38)
    values[1:] *= np.float32(1.5e38)
    path = str(tmp_path / "wild.tif")
    with RasterWriter(path, width=5, height=4, bands=6, geotransform=(0, 1, 0, 4, 0, -1), crs_wkt="") as w:
        w.write(values, 0)
    monkeypatch.setattr(rr, "BLOCK_BYTES", 4 * 6 * 5)  # one row per block
    with pytest.raises(HyspecError, match=r"INPUT: .*wild.tif has values too large for statistics"):
        run_pca(path, str(tmp_path / "pca.tif"))
    assert sorted(os.listdir(tmp_path)) == ["wild.tif"]


@pytest.mark.parametrize("factor", FACTORS)
def test_nfindr_of_a_scaled_raster_picks_the_same_pixels(clean_unmix_tile, tmp_path, factor):
    path, _ = scaled(clean_unmix_tile, factor, str(tmp_path / "scaled.tif"))
    base = nfindr(SpectralRaster(clean_unmix_tile), 4)
    big = nfindr(SpectralRaster(path), 4)
    assert np.array_equal(base.rows, big.rows) and np.array_equal(base.cols, big.cols)
    np.testing.assert_allclose(big.spectra.values, base.spectra.values * factor, rtol=1e-6)


@pytest.mark.parametrize("factor", FACTORS)
@pytest.mark.parametrize("method", ["NNLS", "UCLS"])
def test_nnls_and_ucls_abundances_follow_the_pixels_scale(clean_unmix_tile, truth, tmp_path, factor, method):
    path, valid = scaled(clean_unmix_tile, factor, str(tmp_path / "scaled.tif"))
    raster, big_raster = SpectralRaster(clean_unmix_tile), SpectralRaster(path)
    em = load_endmembers(truth, raster)
    base = unmix_raster(raster, em, str(tmp_path / "a.tif"), method=method)
    big = unmix_raster(big_raster, em, str(tmp_path / "b.tif"), method=method)
    a, b = band_array(str(tmp_path / "a.tif"))[:, valid], band_array(str(tmp_path / "b.tif"))[:, valid]
    assert np.all(np.isfinite(b)) and np.abs(b).max() > 0
    np.testing.assert_allclose(b / np.float32(factor), a, rtol=1e-4, atol=1e-5)
    assert big.kkt["dual"] < 1e-9 and big.kkt["stationarity"] < 1e-9
    assert {n: m / factor for n, m in big.means.items()} == pytest.approx(base.means, rel=1e-4, abs=1e-6)


@pytest.mark.parametrize("factor", FACTORS)
def test_fcls_with_pixels_and_endmembers_scaled_alike_gives_the_same_abundances(clean_unmix_tile, truth, tmp_path,
                                                                                factor):
    path, valid = scaled(clean_unmix_tile, factor, str(tmp_path / "scaled.tif"))
    raster = SpectralRaster(clean_unmix_tile)
    em = load_endmembers(truth, raster)
    em_big = Spectra(em.names, em.values * factor, em.wavelengths, em.bands)
    unmix_raster(raster, em, str(tmp_path / "a.tif"), method="FCLS")
    big = unmix_raster(SpectralRaster(path), em_big, str(tmp_path / "b.tif"), method="FCLS")
    a, b = band_array(str(tmp_path / "a.tif"))[:, valid], band_array(str(tmp_path / "b.tif"))[:, valid]
    np.testing.assert_allclose(b, a, atol=1e-5)
    np.testing.assert_allclose(b.sum(axis=0), 1.0, atol=1e-5)  # not all zeros: abundances that sum to one
    assert big.kkt["sum_to_one"] < 1e-9 and big.kkt["dual"] < 1e-9


def test_fcls_of_pixels_1e30_times_the_endmembers_is_refused_clearly(clean_unmix_tile, truth, tmp_path):
    path, _ = scaled(clean_unmix_tile, 1e30, str(tmp_path / "scaled.tif"))
    raster = SpectralRaster(path)
    out = str(tmp_path / "ab.tif")
    with pytest.raises(ParameterError, match=r"INPUT: .*scaled.tif with ENDMEMBERS: .*truth_endmembers.csv: pixel "
                                             r"values are about .*e\+29 times the scale of the endmember spectra; FCLS"):
        unmix_raster(raster, load_endmembers(truth, raster), out, method="FCLS",
                     endmembers_path=os.path.splitext(clean_unmix_tile)[0] + "_truth_endmembers.csv")
    assert sorted(os.listdir(tmp_path)) == ["scaled.tif"]


def test_fcls_of_pixels_far_darker_than_the_endmembers_is_the_exact_optimum():
    """x -> 0: the sum-to-one optimum is the point of the simplex nearest the origin; the tolerances follow the
    pixel's scale, so the KKT conditions hold however dark the pixel is."""
    rng = np.random.default_rng(0)
    e = rng.uniform(0.02, 0.6, (40, 4))
    x = (rng.dirichlet(np.ones(4), 300) @ e.T).astype(np.float32)
    for m in ("FCLS", "NNLS"):
        for factor in (1e-30, 1.0):
            xs = x * np.float32(factor)
            a = unmix_pixels(xs, fit_unmix(e, m))
            res = kkt_residuals(xs, e, a, m)
            assert res["stationarity"] < 1e-9 and res["dual"] < 1e-9 and res["negativity"] == 0.0, (m, factor)
            if m == "NNLS":
                assert np.abs(a).max() > 0.01 * factor  # not all zeros
    dark = unmix_pixels(x * np.float32(1e-30), fit_unmix(e, "FCLS"))
    zero = unmix_pixels(np.zeros((1, 40), np.float32), fit_unmix(e, "FCLS"))
    np.testing.assert_allclose(dark, np.repeat(zero, 300, axis=0), atol=1e-9)
