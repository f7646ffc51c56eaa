"""core/learn without QGIS: pre-processing, losses, networks, model files, sampling, forest storage, metrics."""
import json
import zipfile

import numpy as np
import pytest
from scipy.spatial.distance import cosine
from scipy.stats import entropy

from hyspec_qgis.core import SpectralRaster
from hyspec_qgis.core.errors import Cancelled, HyspecError
from hyspec_qgis.core.learn import losses, networks, preprocessing
from hyspec_qgis.core.learn.forest import StoredForest, fit_forest, forest_arrays
from hyspec_qgis.core.learn.metrics import accuracy
from hyspec_qgis.core.learn.modelfile import ModelFile, ModelFileError, check_bands, read_model, write_model
from hyspec_qgis.core.learn.sampling import held_out_cells, sample_pixels
from hyspec_qgis.core.learn.train import fit

torch = pytest.importorskip("torch")


def test_minmax_is_deephyps_per_spectrum_formula():
    rng = np.random.default_rng(0)
    x = rng.uniform(0.01, 0.6, (50, 30)).astype(np.float32)
    # deephyp data.HypImg.pre_process('minmax'), verbatim in numpy
    ref = x - np.transpose(np.tile(np.min(x, axis=1) - 1e-3, (x.shape[1], 1)))
    ref = ref / np.transpose(np.tile(np.max(x, axis=1), (x.shape[1], 1)))
    np.testing.assert_allclose(preprocessing.minmax(x), ref, rtol=1e-6)
    assert preprocessing.minmax(x).min() > 0  # SID takes logs: strictly positive
    # brightness is (almost) divided out: a spectrum and half of it map to nearly the same values
    np.testing.assert_allclose(preprocessing.minmax(x * 0.5), preprocessing.minmax(x), atol=2e-3)
    dark = np.array([[0.0, 0.0, 0.0], [-0.2, -0.1, -0.3]], dtype=np.float32)  # deephyp divides by 0 / flips sign
    out = preprocessing.minmax(dark)
    assert np.isfinite(out).all() and (out > 0).all()
    with pytest.raises(HyspecError, match="PREPROCESSING"):
        preprocessing.apply("zscore", x)


def test_losses_match_independent_formulas():
    rng = np.random.default_rng(1)
    t = rng.uniform(0.05, 1.0, (20, 40))
    r = np.clip(t + rng.normal(0, 0.05, t.shape), 0.01, None)
    rt, tt = torch.from_numpy(r), torch.from_numpy(t)
    np.testing.assert_allclose(losses.per_spectrum("SSE", rt, tt).numpy(), ((t - r) ** 2).sum(axis=1), rtol=1e-10)
    csa = np.array([cosine(a, b) for a, b in zip(r, t)])  # scipy: 1 - cos
    np.testing.assert_allclose(losses.per_spectrum("CSA", rt, tt).numpy(), csa, rtol=1e-8)
    np.testing.assert_allclose(losses.per_spectrum("SA", rt, tt).numpy(), np.arccos(1 - csa), rtol=1e-6)
    sid = np.array([entropy(a, b) + entropy(b, a) for a, b in zip(t, r)])  # symmetric KL of sum-normalised spectra
    np.testing.assert_allclose(losses.per_spectrum("SID", rt, tt).numpy(), sid, rtol=1e-8)
    # scale invariance of the angle losses, not of SSE
    assert np.allclose(losses.per_spectrum("CSA", 3 * rt, tt).numpy(), csa)
    assert np.allclose(losses.per_spectrum("SID", 3 * rt, tt).numpy(), sid)
    # SA stays finite (and its gradient too) for identical spectra
    same = tt.clone().requires_grad_(True)
    value = losses.per_spectrum("SA", same, tt).sum()
    value.backward()
    assert np.isfinite(value.item()) and torch.isfinite(same.grad).all()
    assert losses.final_activation("SID") == "sigmoid" and losses.final_activation("CSA") == "linear"
    with pytest.raises(HyspecError, match="LOSS"):
        losses.check_loss("MSE")


def test_networks_have_deephyps_shapes_and_rebuild_from_their_weights():
    mlp = networks.build(networks.autoencoder_spec("mlp", 100, [50, 30], 10), seed=3)
    shapes = [tuple(v.shape) for v in networks.weights(mlp).values()]
    assert shapes[::2] == [(50, 100), (30, 50), (10, 30), (30, 10), (50, 30), (100, 50)]
    x = torch.rand(7, 100)
    with torch.no_grad():
        assert mlp.encode(x).shape == (7, 10) and mlp(x).shape == (7, 100)
        assert (mlp.encode(x) < 0).any()  # the latent layer is linear (deephyp's relu there left units dead)
    # deephyp's truncated-normal start: |w| <= 2 std
    assert all(np.abs(v).max() <= 0.2 + 1e-6 for v in networks.weights(mlp).values())
    again = networks.build(networks.autoencoder_spec("mlp", 100, [50, 30], 10), seed=3)
    assert all(np.array_equal(a, b) for a, b in zip(networks.weights(mlp).values(), networks.weights(again).values()))
    cnn = networks.build(networks.autoencoder_spec("cnn", 100, latent=4), seed=0)
    assert networks.conv_lengths(100) == [100, 81, 72, 63]
    clf = networks.build(networks.classifier_spec(100, 3), seed=0)
    with torch.no_grad():
        assert cnn.encode(x).shape == (7, 4) and cnn(x).shape == (7, 100)
        assert clf(x).shape == (7, 3)
        rebuilt = networks.build(networks.classifier_spec(100, 3), state=networks.weights(clf))
        assert torch.equal(rebuilt(x), clf(x))
    bad = networks.weights(clf)
    bad[next(iter(bad))] = np.zeros((1, 1), np.float32)
    with pytest.raises(HyspecError, match="shape"):
        networks.build(networks.classifier_spec(100, 3), state=bad)
    with pytest.raises(HyspecError, match="at least 38 bands"):
        networks.classifier_spec(30, 3)
    with pytest.raises(HyspecError, match="ARCHITECTURE"):
        networks.autoencoder_spec("transformer", 100)


def _raster(make_raster, path, rows=20, cols=30, bands=12, wl=None, seed=0, nodata_pixels=()):
    rng = np.random.default_rng(seed)
    data = rng.uniform(0.05, 0.5, (rows, cols, bands)).astype(np.float32)
    for r, c in nodata_pixels:
        data[r, c, 0] = -9999.0
    wl = np.linspace(400, 2400, bands) if wl is None else wl
    return make_raster(path, data, wavelengths=wl, nodata=-9999.0), data


def test_the_same_model_written_at_another_time_has_the_same_bytes(tmp_path, monkeypatch):
    """A zip entry stamps the time it was written unless told otherwise: the model file carries none."""
    import time

    model = ModelFile({"kind": "classifier", "method": "random_forest", "preprocessing": "none",
                       "bands": {"count": 2, "wavelengths": None, "fwhm": None, "names": []}},
                      {"forest/n": np.array([1, 2], np.int64)})
    write_model(tmp_path / "a.npz", model)
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 3 * 86400 + 7)  # zip dates have a 2 s resolution
    write_model(tmp_path / "b.npz", model)
    assert (tmp_path / "a.npz").read_bytes() == (tmp_path / "b.npz").read_bytes()
    with zipfile.ZipFile(tmp_path / "b.npz") as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert {i.compress_type for i in zf.infolist()} == {zipfile.ZIP_DEFLATED}


def test_model_file_round_trip_and_refusals(tmp_path, make_raster):
    arrays = {"weights/a": np.arange(6, dtype=np.float32).reshape(2, 3), "forest/n": np.array([1, 2], np.int64)}
    meta = {"kind": "autoencoder", "method": "mlp", "preprocessing": "minmax",
            "bands": {"count": 12, "wavelengths": list(np.linspace(400, 2400, 12)), "fwhm": None, "names": []}}
    path = tmp_path / "m.npz"
    write_model(path, ModelFile(meta, arrays))
    back = read_model(path, kind="autoencoder")
    assert back.meta["method"] == "mlp" and all(np.array_equal(back.arrays[k], v) for k, v in arrays.items())
    assert sorted(np.load(path, allow_pickle=False).files) == ["forest/n", "model.json", "weights/a"]  # a plain npz
    with pytest.raises(ModelFileError, match="not a classifier model"):
        read_model(path, kind="classifier")
    # a pickled (object) array is refused, never unpickled
    evil = tmp_path / "evil.npz"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("model.json", json.dumps({**meta, "format": "hyspec-model", "version": 1,
                                              "arrays": {"x": {"shape": [1], "dtype": "object"}}}))
        import io
        buf = io.BytesIO()
        np.save(buf, np.array([object()], dtype=object), allow_pickle=True)
        zf.writestr("x.npy", buf.getvalue())
    with pytest.raises(ModelFileError, match="without pickle"):
        read_model(evil)
    (tmp_path / "text.npz").write_text("hello")
    with pytest.raises(ModelFileError, match="not a hyspec model file"):
        read_model(tmp_path / "text.npz")
    with zipfile.ZipFile(tmp_path / "future.npz", "w") as zf:
        zf.writestr("model.json", json.dumps({**meta, "format": "hyspec-model", "version": 99, "arrays": {}}))
    with pytest.raises(ModelFileError, match="version 99"):
        read_model(tmp_path / "future.npz")
    with pytest.raises(ModelFileError, match="no such file"):
        read_model(tmp_path / "missing.npz")
    # bands: count, then wavelengths
    good, _ = _raster(make_raster, tmp_path / "good.tif")
    check_bands(meta, SpectralRaster(good), "m.npz")
    fewer, _ = _raster(make_raster, tmp_path / "fewer.tif", bands=11)
    with pytest.raises(ModelFileError, match="11 bands, but the model m.npz was trained on 12"):
        check_bands(meta, SpectralRaster(fewer), "m.npz")
    wl = np.linspace(400, 2400, 12)
    wl[5] += 150
    shifted, _ = _raster(make_raster, tmp_path / "shifted.tif", wl=wl)
    with pytest.raises(ModelFileError, match="band 6 is at"):
        check_bands(meta, SpectralRaster(shifted), "m.npz")
    plain = make_raster(tmp_path / "plain.tif", np.ones((4, 4, 12), np.float32))
    with pytest.raises(ModelFileError, match="no wavelength metadata"):
        check_bands(meta, SpectralRaster(plain), "m.npz")
    check_bands({**meta, "bands": {**meta["bands"], "wavelengths": None}}, SpectralRaster(plain), "m.npz")


def test_sample_is_exactly_n_valid_pixels_with_a_spatial_holdout(tmp_path, make_raster):
    path, data = _raster(make_raster, tmp_path / "s.tif", rows=40, cols=50, bands=3,
                         nodata_pixels=[(i, i) for i in range(40)])
    raster = SpectralRaster(path)
    s = sample_pixels(raster, 500, seed=4, holdout_fraction=0.3)
    assert s.train.shape[0] + s.validation.shape[0] == 500 and s.n_valid == 2000 - 40
    assert not (s.train == -9999).any() and not (s.validation == -9999).any()
    # the reference: the 500 valid pixels with the smallest seeded keys, split by cell, from the whole image at once
    rng = np.random.default_rng(4)
    keys = rng.random(2000)
    valid = np.ones(2000, bool)
    valid[[i * 50 + i for i in range(40)]] = False
    keys[~valid] = np.inf
    chosen = np.sort(np.argsort(keys)[:500])
    rows, cols = chosen // 50, chosen % 50
    held = held_out_cells(rows // s.cell, cols // s.cell, 4, 0.3)
    flat = data.reshape(-1, 3)
    np.testing.assert_array_equal(s.validation, flat[chosen[held]])
    np.testing.assert_array_equal(s.train, flat[chosen[~held]])
    assert 0.1 < held.mean() < 0.5
    again = sample_pixels(SpectralRaster(path), 500, seed=4, holdout_fraction=0.3)
    assert np.array_equal(again.train, s.train)
    everything = sample_pixels(raster, 0, seed=1, holdout_fraction=0.0)
    assert everything.train.shape[0] == 1960 and everything.validation.shape[0] == 0


def test_stored_forest_predicts_as_scikit_learns_forest():
    rng = np.random.default_rng(2)
    x = rng.random((600, 6)).astype(np.float32)
    y = (x[:, 0] > 0.5).astype(int) + (x[:, 1] > 0.7) * 2
    forest = fit_forest(x, y, 4, trees=15, seed=1)
    arrays = forest_arrays(forest)
    stored = StoredForest(arrays, 6, 4)
    test = rng.random((300, 6)).astype(np.float32)
    np.testing.assert_allclose(stored.predict_proba(test), forest.predict_proba(test), rtol=0, atol=1e-12)
    # an independent walk of the stored arrays (no scikit-learn): the first tree's leaf values
    a, b = arrays["forest/node_offsets"][:2]
    left, right = arrays["forest/children_left"][a:b], arrays["forest/children_right"][a:b]
    feat, thr, val = arrays["forest/feature"][a:b], arrays["forest/threshold"][a:b], arrays["forest/value"][a:b]
    node = np.zeros(len(test), dtype=np.int64)
    for _ in range(64):
        inner = left[node] != -1
        go_left = test[np.arange(len(test)), np.maximum(feat[node], 0)] <= thr[node]
        node = np.where(inner, np.where(go_left, left[node], right[node]), node)
    first = val[node] / val[node].sum(axis=1, keepdims=True)
    np.testing.assert_allclose(first, forest.estimators_[0].predict_proba(test), atol=1e-12)
    broken = dict(arrays)
    broken["forest/children_left"] = arrays["forest/children_left"].copy()
    broken["forest/children_left"][0] = 0  # a node pointing at itself: the walk would never end
    with pytest.raises(HyspecError, match="malformed"):
        StoredForest(broken, 6, 4)


def test_accuracy_matches_scikit_learn():
    from sklearn.metrics import cohen_kappa_score, confusion_matrix, precision_recall_fscore_support

    rng = np.random.default_rng(3)
    ref = rng.integers(0, 4, 400)
    pred = np.where(rng.random(400) < 0.7, ref, rng.integers(0, 4, 400))
    pred[pred == 3] = 2  # class 3 never predicted: precision undefined -> 0
    acc = accuracy(ref, pred, 4)
    np.testing.assert_array_equal(acc.confusion, confusion_matrix(ref, pred, labels=range(4)))
    assert acc.overall == pytest.approx((ref == pred).mean())
    assert acc.kappa == pytest.approx(cohen_kappa_score(ref, pred))
    p, r, f, s = precision_recall_fscore_support(ref, pred, labels=range(4), zero_division=0)
    np.testing.assert_allclose(acc.precision, p)
    np.testing.assert_allclose(acc.recall, r)
    np.testing.assert_allclose(acc.f1, f)
    np.testing.assert_array_equal(acc.support, s)


def test_training_is_repeatable_learns_and_cancels_between_batches():
    rng = np.random.default_rng(5)
    x = rng.random((300, 40)).astype(np.float32)
    spec = networks.autoencoder_spec("mlp", 40, [20], 5)

    def loss_fn(r, t):
        return losses.per_spectrum("SSE", r, t).mean()

    runs = []
    for _ in range(2):
        net = networks.build(spec, seed=1)
        history = fit(net, loss_fn, x, x, x[:50], x[:50], epochs=15, batch_size=32, learning_rate=1e-2, seed=1)
        runs.append(networks.weights(net))
    assert all(np.array_equal(runs[0][k], runs[1][k]) for k in runs[0])
    assert history[-1].train_loss < 0.5 * history[0].train_loss and history[-1].validation_loss is not None
    calls = []

    def cancel_after_three(fraction, message):
        calls.append(fraction)
        return len(calls) < 3

    with pytest.raises(Cancelled):
        fit(networks.build(spec), loss_fn, x, x, epochs=5, batch_size=32, learning_rate=1e-3,
            progress=cancel_after_three)
    assert len(calls) == 3  # stopped at the third batch, mid-epoch
