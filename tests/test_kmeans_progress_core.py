"""k-means progress: monotone to 100 %, advancing with each of scikit-learn's Lloyd iterations (the bar stood at
38 % for the whole fit), a cancel honoured inside the fit, and the same clusters as a fit that reports nothing."""
import os

import numpy as np
import pytest

from hyspec_qgis.core.errors import Cancelled
from hyspec_qgis.core.methods.kmeans import fit_fraction, fit_kmeans_sample, phase_costs, run_kmeans


def _record():
    events = []

    def callback(fraction, message):
        events.append((fraction, message))
        return True

    return events, callback


def _phases(events):
    """Fractions reported before, during (between the 'fitting' and 'converged' lines) and after the fit."""
    fractions, phase, out = [], 0, {0: [], 1: [], 2: []}
    for fraction, message in events:
        if message and message.startswith("k-means: fitting"):
            phase = 1
        elif message and message.startswith("k-means: converged") or message and "MAX_ITER after" in message:
            phase = 2
        if fraction is not None:
            fractions.append(fraction)
            out[phase].append(fraction)
    return fractions, out


def test_progress_is_monotone_reaches_the_end_and_moves_during_the_fit(clean_kmeans_tile, tmp_path):
    events, callback = _record()
    result = run_kmeans(clean_kmeans_tile, str(tmp_path / "k.tif"), n_clusters=5, max_iter=50, seed=3,
                        sample_size=0, progress=callback)
    fractions, phases = _phases(events)
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    iterations = result.model.iterations
    assert iterations >= 3
    during = phases[1]
    assert len(during) >= iterations  # one report per iteration (it was none)
    assert len(set(during)) >= min(iterations, 10)
    # the fit's share of the bar is covered iteration by iteration: the first moves it by a tenth, not all of it
    span = during[-1] - phases[0][-1]
    steps = np.diff([phases[0][-1], *during])
    assert span > 0 and 0 < steps[0] <= 0.15 * span
    assert phases[2] and phases[2][-1] == 1.0  # the labelling pass ends the bar
    # each phase has the bar's share of its cost: sample pass, fit, then labelling (read again: no cache with 0)
    read, fit, label = phase_costs(60 * 80, 0, 5, 50, cached=False)
    assert phases[0][-1] == pytest.approx(read / (read + fit + label))
    assert during[-1] == pytest.approx((read + fit) / (read + fit + label))


def test_phase_costs_follow_the_measured_times():
    """Full tile, 200 000-pixel sample, cached blocks: the read pass is the largest share and labelling the
    smallest (measured at 450 x 450: 38 % / 59 % / 3 %; at full size the read grows five times, the fit not)."""
    read, fit, label = phase_costs(1_000_000, 200_000, 5, 50)
    total = read + fit + label
    assert (read / total, fit / total, label / total) == pytest.approx((0.625, 0.3125, 0.0625))
    read, fit, label = phase_costs(450 * 450, 200_000, 5, 50)
    assert fit > 2 * read and read > 5 * label
    assert phase_costs(1000, 0, 5, 50, cached=False)[2] > phase_costs(1000, 0, 5, 50)[2]  # labelling reads again


def test_fit_fraction_moves_fast_first_and_ends_at_max_iter():
    values = [fit_fraction(i, 50) for i in range(51)]
    assert values == sorted(values) and values[0] == 0.0 and values[-1] == 1.0
    assert values[10] > 0.6 and values[20] > 0.85  # most fits converge within 10-30 iterations
    assert fit_fraction(3, 3) == 1.0 and fit_fraction(1, 1) == 1.0


def test_a_cancel_during_the_fit_stops_it_and_writes_nothing(clean_kmeans_tile, tmp_path):
    seen = {"fitting": False, "after": 0}

    def callback(fraction, message):
        if message and message.startswith("k-means: fitting"):
            seen["fitting"] = True
        elif seen["fitting"] and fraction is not None:
            seen["after"] += 1
            return seen["after"] < 2  # cancel at the second iteration
        return True

    out = tmp_path / "k.tif"
    with pytest.raises(Cancelled):
        run_kmeans(clean_kmeans_tile, str(out), n_clusters=5, max_iter=50, seed=3, sample_size=0,
                   progress=callback)
    assert seen["after"] == 2 and not out.exists()
    assert not [p for p in os.listdir(tmp_path) if p.startswith("k")]


def test_reporting_changes_no_result(clean_kmeans_pixels):
    from sklearn.cluster import KMeans

    x = clean_kmeans_pixels[0]
    model = fit_kmeans_sample(x, 4, max_iter=30, seed=5, progress=lambda f, m: True)
    state = int(np.random.SeedSequence(5).generate_state(1)[0])
    ref = KMeans(4, init="k-means++", n_init=1, max_iter=30, tol=0.0, random_state=state, algorithm="lloyd").fit(x)
    order = np.argsort(-np.bincount(ref.labels_, minlength=4), kind="stable")
    np.testing.assert_array_equal(model.centers, ref.cluster_centers_.astype(np.float32)[order])
    assert model.iterations == ref.n_iter_


def _fit_reports(x, seed, max_iter=30):
    reports = []
    model = fit_kmeans_sample(x, 4, max_iter=max_iter, seed=seed,
                              progress=lambda f, m: reports.append(f) if f is not None else None)
    return model, reports


def test_two_fits_in_two_threads_each_report_their_own_iterations(clean_kmeans_pixels):
    import threading

    from sklearn.cluster import _kmeans

    original = _kmeans.lloyd_iter_chunked_dense
    x = clean_kmeans_pixels[0]
    results = {}
    threads = [threading.Thread(target=lambda s=s: results.__setitem__(s, _fit_reports(x, s))) for s in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for model, reports in results.values():
        assert len(reports) == model.iterations + 1  # one per iteration, then 1.0 at the end of the fit
        assert reports == sorted(reports) and reports[-1] == 1.0
    assert _kmeans.lloyd_iter_chunked_dense is original  # the wrapper is gone once no fit runs


def test_without_the_hook_the_fit_runs_as_before(clean_kmeans_pixels, monkeypatch):
    """A scikit-learn without lloyd_iter_chunked_dense: no progress during the fit, the same clusters."""
    from hyspec_qgis.core.methods import kmeans

    x = clean_kmeans_pixels[0]
    reference, reports = _fit_reports(x, 5)
    assert len(reports) > 1
    monkeypatch.setattr(kmeans, "_lloyd_module", lambda: None)
    model, reports = _fit_reports(x, 5)
    assert reports == [1.0]
    np.testing.assert_array_equal(model.centers, reference.centers)
    assert model.iterations == reference.iterations
