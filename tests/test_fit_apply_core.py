"""One fit/apply shape for every method: fit returns a small dataclass of plain arrays and values, which pickles (a
Dask worker receives it by pickle) and applies to a block exactly as before the round trip, here and in a fresh
worker process; and the walker's passes (several writers, rows per valid pixel, spills replayed, cancel) behave."""
import dataclasses
import multiprocessing
import os
import pickle
import threading
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest
from osgeo import gdal

from hyspec_qgis.core import Cancelled, RasterWriter, SpectralRaster
from hyspec_qgis.core.engine.blockwise import apply_blockwise, outputs, walk, write_pass
from hyspec_qgis.core.engine.spill import BlockSpill
from hyspec_qgis.core.methods.bands import select_bands
from hyspec_qgis.core.methods.classify import ClassifyModel, Limits, ScoreRange, make_scorer, resolve_limits
from hyspec_qgis.core.methods.kmeans import fit_kmeans, fit_kmeans_sample
from hyspec_qgis.core.methods.library import load_spectra
from hyspec_qgis.core.methods.nfindr import nfindr
from hyspec_qgis.core.methods.pca import fit_pca, fit_pca_sample
from hyspec_qgis.core.methods.unmix import fit_unmix, load_endmembers, unmix_pixels
from tests.leftovers import partials

PLAIN = (np.ndarray, np.generic, int, float, bool, str, bytes, type(None))


def _plain(value, depth=0) -> bool:
    """Only numpy arrays, numbers, strings, None, and lists / tuples / dicts / dataclasses of those."""
    if depth > 4:
        return False
    if isinstance(value, PLAIN):
        return not isinstance(value, np.ndarray) or value.dtype != object
    if isinstance(value, (list, tuple)):
        return all(_plain(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return all(_plain(k, depth + 1) and _plain(v, depth + 1) for k, v in value.items())
    if dataclasses.is_dataclass(value):
        return all(_plain(getattr(value, f.name), depth + 1) for f in dataclasses.fields(value))
    return False


@pytest.fixture(scope="module")
def block(clean_unmix_tile):
    raster = SpectralRaster(clean_unmix_tile)
    return next(raster.blocks(rows=raster.height))


@pytest.fixture(scope="module")
def models(clean_unmix_tile, truth_library_csv, block):
    """Every method's fitted model on the 362-band tile, with its apply function."""
    raster = SpectralRaster(clean_unmix_tile)
    library = load_spectra(truth_library_csv, raster)
    unmixer = fit_unmix(load_endmembers(truth_library_csv, raster).values, "FCLS", library.names)
    scorer = make_scorer("sid", library.values.T, library.names, "relative", (0.0, 0.6))
    ranges = ScoreRange(4)
    ranges.update(scorer.score(block.data), block.valid)
    return {
        "kmeans": (fit_kmeans(raster, 4, 20, seed=3), "predict"),
        "pca": (fit_pca(raster, 5), "transform"),
        "unmix": (unmixer, "transform"),
        "sam": (ClassifyModel(make_scorer("sam", library.values.T, library.names), Limits(np.full(4, 0.2), True)),
                "predict"),
        "sid": (ClassifyModel(scorer, resolve_limits([0.8, 0.3, 0.03, 0.5], "relative", 4, ranges)), "predict"),
    }


def test_models_are_plain_dataclasses_that_pickle_and_apply_the_same(models, block, clean_unmix_tile):
    x = block.data[block.valid]
    for name, (model, apply) in models.items():
        assert dataclasses.is_dataclass(model) and _plain(model), name
        again = pickle.loads(pickle.dumps(model))
        np.testing.assert_array_equal(getattr(again, apply)(x), getattr(model, apply)(x), err_msg=name)
        assert len(pickle.dumps(model)) < 4_000_000, name  # small: spectra and matrices, never pixels
    # The other fits' results too: N-FINDR's endmembers and a band selection.
    raster = SpectralRaster(clean_unmix_tile)
    for result in (nfindr(raster, 3), select_bands(raster.count, raster.wavelengths, [(1340, 1445)])):
        assert _plain(result)
        again = pickle.loads(pickle.dumps(result))
        assert dataclasses.asdict(again).keys() == dataclasses.asdict(result).keys()


def test_models_apply_in_a_fresh_worker_process(models, block):
    """What a Dask worker does: receive the model by pickle in another interpreter and apply it to a block."""
    x = block.data[block.valid][:500]
    names = ["kmeans", "unmix", "sid"]
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        got = [pool.submit(getattr(models[n][0], models[n][1]), x).result(timeout=120) for n in names]
    for n, values in zip(names, got):
        np.testing.assert_array_equal(values, getattr(models[n][0], models[n][1])(x), err_msg=n)


def test_fits_from_a_sample_in_memory_equal_the_fits_from_the_raster(clean_kmeans_tile, clean_kmeans_pixels):
    raster = SpectralRaster(clean_kmeans_tile)
    x = clean_kmeans_pixels[0]
    a, b = fit_pca(raster, 0, 0.999), fit_pca_sample(x, 0, 0.999)
    assert a.n_components == b.n_components and a.n_pixels == b.n_pixels
    np.testing.assert_allclose(b.eigenvalues[:a.n_components], a.eigenvalues[:a.n_components], rtol=1e-5)
    k1 = fit_kmeans(raster, 4, 30, seed=5, sample_size=0)
    k2 = fit_kmeans_sample(x, 4, 30, np.random.SeedSequence(5).spawn(2)[1])
    np.testing.assert_array_equal(k1.centers, k2.centers)  # the raster's fit is the sample's fit, same seed rule


def _writer(path, bands, dtype="float32", nodata=-9999.0, height=6, width=5):
    return RasterWriter(path, width=width, height=height, bands=bands, geotransform=(0, 1, 0, height, 0, -1),
                        crs_wkt="", dtype=dtype, nodata=nodata)


@pytest.fixture
def small(tmp_path, make_raster):
    data = np.arange(6 * 5 * 3, dtype=np.float32).reshape(6, 5, 3)
    data[1, 2, 0] = -1  # no-data in one band: the pixel is invalid
    data[4, 0, :] = -1
    return SpectralRaster(make_raster(tmp_path / "in.tif", data, [500.0, 600.0, 700.0], nodata=-1)), data


def test_walker_feeds_several_writers_with_rows_per_pixel_or_per_valid_pixel(small, tmp_path):
    raster, data = small
    valid = (data != -1).all(axis=2)
    outs = [str(tmp_path / n) for n in ("sum.tif", "first.tif", "count.tif")]

    def func(block):  # full rows, rows of the valid pixels only, and a class raster
        return [block.data.sum(axis=1), block.data[block.valid][:, :1], np.full(block.valid.size, 7, np.uint8)]

    writers = [_writer(outs[0], 1), _writer(outs[1], 1), _writer(outs[2], 1, "uint8", 0)]
    apply_blockwise(raster, func, writers, rows=2)
    total, first, cls = (gdal.Open(p).ReadAsArray() for p in outs)
    assert np.array_equal(total[valid], data.sum(axis=2)[valid]) and (total[~valid] == -9999).all()
    assert np.array_equal(first[valid], data[..., 0][valid]) and (first[~valid] == -9999).all()
    assert (cls[valid] == 7).all() and (cls[~valid] == 0).all()


def test_a_spill_replays_the_first_pass_as_blocks(small, tmp_path):
    raster, data = small
    out = str(tmp_path / "twice.tif")
    seen = []

    def doubled(b):
        seen.append((b.row0, b.nrows))
        return [b.data]

    with BlockSpill(str(tmp_path), raster.full_window(), 1, np.float64) as spill:
        with walk(raster, rows=4) as blocks:
            for block in blocks:
                spill.add(block, block.data[:, :1].astype(np.float64) * 2)
        with _writer(out, 1) as writer:
            write_pass(spill, doubled, [writer])
    assert seen == [(0, 4), (4, 2)]
    got = gdal.Open(out).ReadAsArray()
    valid = (data != -1).all(axis=2)
    assert np.array_equal(got[valid], 2 * data[..., 0][valid]) and (got[~valid] == -9999).all()
    assert sorted(os.listdir(tmp_path)) == ["in.tif", "twice.tif"]  # the spill leaves no file


def test_cancel_in_a_later_pass_removes_every_output(small, tmp_path):
    raster, _ = small
    calls = []

    def cancel_in_second_pass(fraction, message):
        calls.append(fraction)
        return len(calls) < 6

    a, b = str(tmp_path / "a.tif"), str(tmp_path / "b.tif")
    with pytest.raises(Cancelled):
        with outputs(_writer(a, 1), _writer(b, 3)) as (wa, wb):
            write_pass(raster, lambda blk: [blk.data[:, 0]], [wa], rows=3, progress=cancel_in_second_pass)
            write_pass(raster, lambda blk: [blk.data], [wb], rows=3, progress=cancel_in_second_pass, read_ahead=2)
    assert not os.path.exists(a) and not os.path.exists(b) and partials(tmp_path) == []
    assert not [t for t in threading.enumerate() if t.name.startswith("hyspec-")]  # the readers stopped


def test_unmix_pixels_is_the_models_transform(models, block):
    model = models["unmix"][0]
    x = block.data[block.valid][:200]
    np.testing.assert_array_equal(model.transform(x), unmix_pixels(x, model))
