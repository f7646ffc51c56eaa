"""k-means in the core (no QGIS): the partition against scikit-learn and Spectral Python from the same start
centres, recovery of the sample tile's dominant materials, reproducibility, START_CENTERS resume, empty clusters,
no-data, rasters without wavelengths (an RGB photo and its k-colour picture), the outputs' format, clear errors."""
import os

import numpy as np
import pytest
from osgeo import gdal

from hyspec_qgis.core import Cancelled, ParameterError, SpectraError, SpectralRaster, read_spectra_csv, write_spectra_csv
from hyspec_qgis.core.engine.blockcache import CachedRaster
from hyspec_qgis.core.errors import HyspecError
from hyspec_qgis.core.io.spectra_csv import Spectra, match_to_raster
from hyspec_qgis.core.methods.kmeans import fit_kmeans, label_block, run_kmeans

gdal.UseExceptions()


@pytest.fixture(scope="module")
def dominant(neon_tile, clean_kmeans_pixels):
    """The generator's dominant material of each valid pixel (argmax of the true abundances)."""
    truth = neon_tile[1]
    valid = ~truth.nodata_mask.ravel()
    assert np.array_equal(valid, clean_kmeans_pixels[1])  # our validity mask is the generator's no-data mask
    return np.nanargmax(truth.abundances.reshape(-1, truth.abundances.shape[2])[valid], axis=1)


def read(path):
    return gdal.Open(path).ReadAsArray()


def ari(a, b):
    from sklearn.metrics import adjusted_rand_score

    return adjusted_rand_score(a, b)


def assert_no_output(folder):
    assert os.listdir(folder) == [], os.listdir(folder)


def pixel_start(x, k, seed):
    """k distinct sample pixels as start centres (a reproducible start both sides can share)."""
    idx = np.random.default_rng(seed).choice(x.shape[0], size=k, replace=False)
    return x[idx].copy()


# --- the numerical kernels ------------------------------------------------------------------------------------------
def test_label_block_is_the_nearest_centre():
    rng = np.random.default_rng(0)
    x = rng.random((3000, 20), dtype=np.float32)
    c = rng.random((7, 20), dtype=np.float32)
    labels, dist = label_block(x, c, return_distance=True)
    d = ((x[:, None, :].astype(np.float64) - c[None]) ** 2).sum(axis=2)
    assert np.array_equal(labels, d.argmin(axis=1))
    np.testing.assert_allclose(dist, d.min(axis=1), rtol=1e-4, atol=1e-5)


def test_kmeans_plusplus_start_is_seeded(clean_kmeans_tile):
    """The same SEED gives the same k-means++ start (scikit-learn's, seeded from SEED), another seed another one."""
    raster = SpectralRaster(clean_kmeans_tile)
    a = fit_kmeans(raster, 5, max_iter=1, seed=11, sample_size=0)
    b = fit_kmeans(raster, 5, max_iter=1, seed=11, sample_size=0)
    c = fit_kmeans(raster, 5, max_iter=1, seed=12, sample_size=0)
    assert np.array_equal(a.centers, b.centers) and not np.array_equal(a.centers, c.centers)


@pytest.mark.reference
def test_same_start_centres_same_labels_as_scikit_learn_and_spectral_python(clean_kmeans_tile, clean_kmeans_pixels):
    """From the same start, our fit on every valid pixel gives Spectral Python's and scikit-learn's partition."""
    import spectral
    from sklearn.cluster import KMeans

    x, _ = clean_kmeans_pixels
    start = pixel_start(x, 5, 3)
    model = fit_kmeans(SpectralRaster(clean_kmeans_tile), 5, max_iter=300, sample_size=0, start_centers=start)
    assert model.converged
    final = label_block(x, model.centers)
    sk = KMeans(5, init=start, n_init=1, max_iter=300, tol=0, algorithm="lloyd").fit(x)
    assert np.array_equal(final, sk.labels_)  # same start, same order: the labels are equal, not just up to order
    assert model.inertia == pytest.approx(sk.inertia_, rel=1e-4)
    spy_labels, spy_centers = spectral.kmeans(x.reshape(-1, 1, x.shape[1]), 5, 300,
                                              start_clusters=start.astype(np.float64))
    assert np.array_equal(final, spy_labels.ravel())
    np.testing.assert_allclose(model.centers, spy_centers, rtol=1e-5, atol=1e-6)


@pytest.mark.reference
def test_run_from_start_centres_csv_on_all_pixels_matches_scikit_learn(clean_kmeans_tile, clean_kmeans_pixels, tmp_path):
    """The whole chain (CSV start centres -> fit on every valid pixel -> block-wise labels) equals scikit-learn."""
    from sklearn.cluster import KMeans

    x, valid = clean_kmeans_pixels
    raster = SpectralRaster(clean_kmeans_tile)
    start = pixel_start(x, 4, 7)
    csv_path = str(tmp_path / "start.csv")
    write_spectra_csv(csv_path, Spectra(["a", "b", "c", "d"], start.T.astype(np.float64), raster.wavelengths))
    start_from_csv = read_spectra_csv(csv_path).values.T.astype(np.float32)  # what the run sees (7 digits)
    out = str(tmp_path / "k.tif")
    result = run_kmeans(clean_kmeans_tile, out, n_clusters=4, max_iter=300, sample_size=0, start_centers_csv=csv_path)
    sk = KMeans(4, init=start_from_csv, n_init=1, max_iter=300, tol=0, algorithm="lloyd").fit(x)
    classes = read(out).ravel()
    assert result.model.converged and result.model.n_fit == valid.sum()
    assert np.array_equal(classes[valid], sk.labels_ + 1) and (classes[~valid] == 0).all()


# --- on the sample tile ------------------------------------------------------------------------------------------------
def test_clusters_recover_the_dominant_materials(clean_kmeans_tile, dominant, clean_kmeans_pixels, tmp_path):
    import spectral

    x, valid = clean_kmeans_pixels
    out, centers = str(tmp_path / "k.tif"), str(tmp_path / "c.csv")
    result = run_kmeans(clean_kmeans_tile, out, centers, n_clusters=5, max_iter=50, seed=0)
    classes = read(out).ravel()
    score = ari(dominant, classes[valid])
    assert score > 0.6, score  # 5 materials mixed with smooth abundances: mixed pixels blur the boundaries
    # Spectral Python's tutorial call on the same pixels (it needs a NaN-free array): its bounding-box-diagonal
    # start does worse here; ours is at least as good.
    spy_labels, _ = spectral.kmeans(x.reshape(-1, 1, x.shape[1]), 5, 50)
    assert score >= ari(dominant, spy_labels.ravel()) - 1e-9
    model = result.model
    assert model.converged and 1 < model.iterations < 50
    assert result.counts.sum() == valid.sum() and (result.counts > 0).all()
    assert list(model.sample_counts) == sorted(model.sample_counts, reverse=True)  # cluster 1 = the largest


def test_same_seed_same_result_and_the_log(clean_kmeans_tile, tmp_path):
    messages = []
    a = run_kmeans(clean_kmeans_tile, str(tmp_path / "a.tif"), str(tmp_path / "a.csv"), seed=4, sample_size=2000,
                   progress=lambda f, m: messages.append(m) if m else None)
    b = run_kmeans(clean_kmeans_tile, str(tmp_path / "b.tif"), str(tmp_path / "b.csv"), seed=4, sample_size=2000)
    assert np.array_equal(read(str(tmp_path / "a.tif")), read(str(tmp_path / "b.tif")))
    assert open(tmp_path / "a.csv").read() == open(tmp_path / "b.csv").read()
    assert a.model.n_fit == b.model.n_fit < 4800  # a sample, every pixel still labelled
    assert (read(str(tmp_path / "a.tif")) > 0).sum() == a.counts.sum() == a.model.n_valid
    assert f"k-means: converged after {a.model.iterations} iteration(s)" in "\n".join(messages)


def test_start_centers_resume_a_stopped_run(clean_kmeans_tile, tmp_path):
    """Stopped by MAX_ITER, then resumed from its CENTERS: the same clusters as one run to convergence."""
    kw = dict(n_clusters=5, seed=1, sample_size=0)
    first = run_kmeans(clean_kmeans_tile, str(tmp_path / "1.tif"), str(tmp_path / "1.csv"), max_iter=2, **kw)
    assert not first.model.converged and first.model.iterations == 2
    resumed = run_kmeans(clean_kmeans_tile, str(tmp_path / "2.tif"), str(tmp_path / "2.csv"), max_iter=100,
                         start_centers_csv=str(tmp_path / "1.csv"), **kw)
    full = run_kmeans(clean_kmeans_tile, str(tmp_path / "3.tif"), str(tmp_path / "3.csv"), max_iter=100, **kw)
    assert resumed.model.converged and full.model.converged
    # The resumed run keeps the CSV's cluster order; the same partition, and the same iterates: the resumed run's
    # first assignment is the full run's third.
    a, b = read(str(tmp_path / "2.tif")).ravel(), read(str(tmp_path / "3.tif")).ravel()
    assert ari(a, b) == 1.0 and np.array_equal(a == 0, b == 0)
    assert first.model.iterations + resumed.model.iterations == full.model.iterations
    order = [int(np.bincount(b[a == i]).argmax()) - 1 for i in range(1, 6)]
    np.testing.assert_allclose(resumed.model.centers, full.model.centers[order], rtol=1e-5, atol=1e-6)


def test_empty_cluster_is_moved_deterministically(clean_kmeans_tile, clean_kmeans_pixels):
    x, _ = clean_kmeans_pixels
    start = pixel_start(x, 4, 0)
    start[3] = 50.0  # far from every pixel: nobody joins it in the first assignment
    raster = SpectralRaster(clean_kmeans_tile)
    runs = [fit_kmeans(raster, 4, max_iter=100, sample_size=0, start_centers=start) for _ in range(2)]
    assert runs[0].converged and (runs[0].sample_counts > 0).all()
    assert np.array_equal(runs[0].centers, runs[1].centers)
    assert (np.bincount(label_block(x, runs[0].centers), minlength=4) > 0).all()
    assert np.abs(runs[0].centers).max() < 50.0  # the far centre was moved into the data


def test_block_size_changes_nothing(clean_kmeans_tile, tmp_path, monkeypatch):
    import hyspec_qgis.core.io.raster_reader as rr

    run_kmeans(clean_kmeans_tile, str(tmp_path / "a.tif"), seed=2, sample_size=0)
    monkeypatch.setattr(rr, "BLOCK_BYTES", 7 * 4 * 174 * 80)  # 7-row blocks, a short last one
    monkeypatch.setenv("HYSPEC_CACHE_MB", "0")  # and read the file twice instead of caching it
    run_kmeans(clean_kmeans_tile, str(tmp_path / "b.tif"), seed=2, sample_size=0)
    assert np.array_equal(read(str(tmp_path / "a.tif")), read(str(tmp_path / "b.tif")))


def test_cached_raster_replays_the_same_blocks(clean_kmeans_tile):
    raster = CachedRaster(SpectralRaster(clean_kmeans_tile), budget=10 ** 9)
    first = [b.data for b in raster.blocks()]
    assert raster.is_cached
    second = [b.data for b in raster.blocks()]
    assert all(a is b for a, b in zip(first, second))
    assert not CachedRaster(SpectralRaster(clean_kmeans_tile), budget=1000).fits()


# --- outputs -----------------------------------------------------------------------------------------------------------
def test_outputs_class_raster_centres_csv_and_centre_image(clean_kmeans_tile, clean_kmeans_pixels, tmp_path):
    x, valid = clean_kmeans_pixels
    out, csv_path, image = str(tmp_path / "k.tif"), str(tmp_path / "c.csv"), str(tmp_path / "ci.tif")
    result = run_kmeans(clean_kmeans_tile, out, csv_path, image, n_clusters=3, seed=0)
    ds = gdal.Open(out)
    band = ds.GetRasterBand(1)
    assert band.DataType == gdal.GDT_Byte and band.GetNoDataValue() == 0
    assert band.GetCategoryNames()[:4] == ["unclassified", "cluster 1", "cluster 2", "cluster 3"]
    assert band.GetColorTable().GetColorEntry(0)[3] == 0 and band.GetColorTable().GetColorEntry(1)[3] == 255
    src = SpectralRaster(clean_kmeans_tile)
    assert ds.GetGeoTransform() == src.geotransform and ds.GetProjection() == src.crs_wkt
    # CENTERS: one row per band with its wavelength, one column per cluster, usable as endmembers.
    spectra = read_spectra_csv(csv_path, "ENDMEMBERS")
    assert spectra.names == ["cluster 1", "cluster 2", "cluster 3"] and spectra.n_bands == 174
    np.testing.assert_allclose(spectra.wavelengths, src.wavelengths, atol=1e-3)
    matched = match_to_raster(spectra, src.wavelengths, src.count)
    np.testing.assert_allclose(matched.values.T, result.model.centers, rtol=1e-6, atol=1e-7)
    # The centres are the means of their sample pixels' spectra; the centre image is each pixel's centre.
    classes = read(out).ravel()
    ci = SpectralRaster(image)
    assert ci.count == 174 and np.allclose(ci.wavelengths, src.wavelengths)
    block = next(ci.blocks(rows=ci.height))
    assert np.array_equal(block.valid, valid)
    np.testing.assert_array_equal(block.data[valid], result.model.centers[classes[valid] - 1])
    assert gdal.Open(image).GetRasterBand(1).GetNoDataValue() == -9999


def test_rgb_photo_without_wavelengths_gives_the_k_colour_picture(make_raster, tmp_path):
    rng = np.random.default_rng(0)
    palette = np.array([[200, 30, 30], [30, 200, 30], [30, 30, 200], [240, 240, 240]], dtype=np.float32)
    which = rng.integers(0, 4, size=(40, 50))
    rgb = np.clip(palette[which] + rng.normal(0, 6, size=(40, 50, 3)), 0, 255).astype(np.uint8)
    photo = make_raster(tmp_path / "photo.tif", rgb)
    out, csv_path, image = str(tmp_path / "k.tif"), str(tmp_path / "c.csv"), str(tmp_path / "ci.tif")
    run_kmeans(photo, out, csv_path, image, n_clusters=4, seed=0)
    assert ari(which.ravel(), read(out).ravel()) == 1.0
    picture = gdal.Open(image)
    assert picture.RasterCount == 3 and picture.GetRasterBand(1).DataType == gdal.GDT_Byte
    colours = {tuple(p) for p in read(image).reshape(3, -1).T}
    assert len(colours) == 4
    assert all(np.abs(np.array(c) - palette).sum(axis=1).min() < 10 for c in colours)
    spectra = read_spectra_csv(csv_path)
    assert spectra.wavelengths is None and spectra.n_bands == 3
    # ... and the CSV resumes a run on the same photo (matched by band count).
    run_kmeans(photo, str(tmp_path / "k2.tif"), n_clusters=4, start_centers_csv=csv_path)
    assert np.array_equal(read(out), read(str(tmp_path / "k2.tif")))


# --- errors: clear messages, no output ---------------------------------------------------------------------------------
@pytest.mark.parametrize("kwargs,match", [
    (dict(n_clusters=1), "CLUSTERS: k-means needs at least 2 clusters, got 1"),
    (dict(max_iter=0), "MAX_ITER: must be 1 or more"),
    (dict(sample_size=-5), "SAMPLE_SIZE: must be 0"),
    (dict(seed=-1), "SEED: must be 0 or a positive integer"),
    (dict(n_clusters=5000), r"CLUSTERS: 5000 clusters but .*clean_kmeans\.tif has only 4\d\d\d valid pixel"),
    (dict(n_clusters=30, sample_size=20), "SAMPLE_SIZE: the sample holds"),
])
def test_bad_parameters(clean_kmeans_tile, tmp_path, kwargs, match):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(ParameterError, match=match):
        run_kmeans(clean_kmeans_tile, str(out_dir / "k.tif"), str(out_dir / "c.csv"), str(out_dir / "ci.tif"), **kwargs)
    assert_no_output(out_dir)


def test_start_centres_that_do_not_match(clean_kmeans_tile, imported_tile, tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    raster = SpectralRaster(clean_kmeans_tile)
    # Centres on another band grid (every 2nd band from 1000 nm: most of the tile's bands have no row).
    wl = raster.wavelengths[raster.wavelengths > 1000][::2]
    other = str(tmp_path / "other.csv")
    write_spectra_csv(other, Spectra(["a", "b"], np.full((wl.size, 2), 0.1), wl))
    with pytest.raises(SpectraError, match=r"START_CENTERS: .*other.csv: \d+ of the raster's 174 bands have no CSV row"):
        run_kmeans(clean_kmeans_tile, str(out_dir / "k.tif"), str(out_dir / "c.csv"), n_clusters=2, start_centers_csv=other)
    # Right bands, wrong number of centres.
    three = str(tmp_path / "three.csv")
    write_spectra_csv(three, Spectra(["a", "b", "c"], np.full((174, 3), 0.1), raster.wavelengths))
    with pytest.raises(ParameterError, match="START_CENTERS: .*three.csv has 3 centres .* but CLUSTERS is 5"):
        run_kmeans(clean_kmeans_tile, str(out_dir / "k.tif"), str(out_dir / "c.csv"), n_clusters=5, start_centers_csv=three)
    # No wavelengths in the CSV and a different band count.
    bare = str(tmp_path / "bare.csv")
    write_spectra_csv(bare, Spectra(["a", "b"], np.full((10, 2), 0.1), None))
    with pytest.raises(SpectraError, match="START_CENTERS: .*10 bands in the CSV but 174 in the raster"):
        run_kmeans(clean_kmeans_tile, str(out_dir / "k.tif"), str(out_dir / "c.csv"), n_clusters=2, start_centers_csv=bare)
    assert_no_output(out_dir)


def test_all_nodata_raster(make_raster, tmp_path):
    path = make_raster(tmp_path / "empty.tif", np.full((4, 5, 2), -9999.0, np.float32), nodata=-9999)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(HyspecError, match="every pixel is no-data"):
        run_kmeans(path, str(out_dir / "k.tif"), str(out_dir / "c.csv"))
    assert_no_output(out_dir)


def test_fit_kmeans_on_a_window_and_predict(clean_kmeans_tile, clean_kmeans_pixels):
    raster = SpectralRaster(clean_kmeans_tile)
    model = fit_kmeans(raster, 3, 50, seed=0, sample_size=0)
    x, _ = clean_kmeans_pixels
    assert np.array_equal(model.predict(x), label_block(x, model.centers))
    assert model.n_fit == model.n_valid == x.shape[0] and model.n_total == 4800


@pytest.mark.parametrize("stop_at", [0.3, 0.9])  # during the fit (nothing created yet) and while labelling
def test_cancel_leaves_no_output(clean_kmeans_tile, tmp_path, stop_at):
    def progress(fraction, message):
        return fraction is None or fraction < stop_at

    with pytest.raises(Cancelled):
        run_kmeans(clean_kmeans_tile, str(tmp_path / "k.tif"), str(tmp_path / "c.csv"), str(tmp_path / "ci.tif"),
                   sample_size=0, progress=progress)
    assert_no_output(tmp_path)


def test_all_pixels_beyond_the_memory_budget_is_refused(clean_kmeans_tile, tmp_path, monkeypatch):
    import hyspec_qgis.core.methods.kmeans as km

    monkeypatch.setattr(km, "ALL_PIXELS_BUDGET", 1_000_000)
    with pytest.raises(ParameterError, match=r"SAMPLE_SIZE: 0 \(all valid pixels\) would hold .* give a sample size"):
        run_kmeans(clean_kmeans_tile, str(tmp_path / "k.tif"), sample_size=0)
    assert_no_output(tmp_path)
