"""Every algorithm, table-driven: an output never replaces an input or another output, a failed run leaves nothing
that looks finished, errors are messages naming the parameter, inputs stay byte-identical, and a seed repeats a run.
"""
import hashlib
import os
import shutil

import pytest
from qgis.core import QgsProcessingException

from tests.neon_server import TOKEN

PRODUCT = "DP3.30006.002"

RASTER_DESTS = {"OUTPUT", "CENTER_IMAGE", "RMSE", "RULE"}
FOLDER_DESTS = {"OUTPUT_FOLDER"}  # written into by the algorithm itself, file by file (see the tests' notes)
LEARN_SIZE = 24  # the learned-feature scene: 24 x 24 px, 60 bands

# Every destination of every algorithm, in order (the first two file destinations are made to collide).
DESTS = {
    "hyspec:importneon": {"OUTPUT": "reflectance.tif"},
    "hyspec:cleanbands": {"OUTPUT": "clean.tif"},
    "hyspec:kmeans": {"OUTPUT": "classes.tif", "CENTERS": "centers.csv", "CENTER_IMAGE": "centres.tif",
                      "PLOT": "plot.html"},
    "hyspec:pca": {"OUTPUT": "pcs.tif", "EIGENVALUES": "eig.csv", "LOADINGS": "loadings.csv"},
    "hyspec:nfindr": {"OUTPUT": "em.csv", "LOCATIONS": "em_points.gpkg", "PLOT": "em.html"},
    "hyspec:unmix": {"OUTPUT": "abundances.tif", "RMSE": "rmse.tif"},
    "hyspec:sam": {"OUTPUT": "classes.tif", "RULE": "rule.tif"},
    "hyspec:sid": {"OUTPUT": "classes.tif", "RULE": "rule.tif"},
    "hyspec:endmembercount": {"OUTPUT": "count.csv", "PLOT": "count.html"},
    "hyspec:importmat": {"OUTPUT": "scene.tif", "TRUTH_OUTPUT": "truth.tif"},
    "hyspec:downloadneon": {"FILES": "files.txt", "FOOTPRINTS": "footprints.gpkg", "OUTPUT_FOLDER": "tiles"},
    "hyspec:site": {"OUTPUT_FOLDER": "site"},
    "hyspec:trainautoencoder": {"MODEL": "ae.npz", "LOSS_LOG": "loss.csv", "OUTPUT": "latent.tif"},
    "hyspec:encode": {"OUTPUT": "latent.tif", "ERROR": "error.tif"},
    "hyspec:trainclassifier": {"MODEL": "rf.npz", "REPORT": "report.html"},
    "hyspec:predictclassifier": {"OUTPUT": "classes.tif", "PROBABILITY": "probability.tif"},
}
ALGS = list(DESTS)
# The inputs a damaged copy replaces (default INPUT): downloadneon has no raster, its input is the AREA vector file;
# site's INPUTS is a list of tiles (the damaged tile is then the only one); a model file is damaged too.
DAMAGED = {"hyspec:downloadneon": ["AREA"], "hyspec:site": ["INPUTS"], "hyspec:encode": ["INPUT", "MODEL"],
           "hyspec:trainclassifier": ["INPUT", "TRAINING"], "hyspec:predictclassifier": ["INPUT", "MODEL"]}
# Files of a folder output that record the run itself, not its result: not compared between two runs.
NOT_REPEATED = {"hyspec:site": ("report.json", "report.md", "tile.json")}  # per-phase and per-tile seconds


def _cases(neon_tile, imported_tile, kmeans_tile, unmix_tile, library, mat="", learn=None, neon_api=None,
           site_tiles=()):
    """alg id -> (inputs {name: path or [paths]}, other parameters, destinations {name: file or folder name})."""
    learn = learn or {}
    api = neon_api or {}
    inputs = {
        "hyspec:importneon": ({"INPUT": neon_tile}, {}),
        "hyspec:cleanbands": ({"INPUT": imported_tile}, {}),
        "hyspec:kmeans": ({"INPUT": kmeans_tile}, {"CLUSTERS": 3, "SEED": 2}),
        "hyspec:pca": ({"INPUT": kmeans_tile}, {"COMPONENTS": 3}),
        "hyspec:nfindr": ({"INPUT": unmix_tile}, {"ENDMEMBERS_COUNT": 3}),
        "hyspec:unmix": ({"INPUT": unmix_tile, "ENDMEMBERS": library}, {"METHOD": "FCLS"}),
        "hyspec:sam": ({"INPUT": unmix_tile, "ENDMEMBERS": library}, {"THRESHOLD": "0.5"}),
        "hyspec:sid": ({"INPUT": unmix_tile, "ENDMEMBERS": library}, {"THRESHOLD": "0.5"}),
        "hyspec:endmembercount": ({"INPUT": unmix_tile}, {}),
        "hyspec:importmat": ({"INPUT": mat}, {"VARIABLE": "cube", "TRUTH": "gt", "WAVELENGTHS": "400-1000"}),
        "hyspec:downloadneon": ({"AREA": api.get("area", "")},
                                {"PRODUCT": PRODUCT, "SITE": "SERC", "YEAR": 2021, "BUFFER": 0.0, "TOKEN": TOKEN,
                                 "API_URL": api.get("url", "")}),
        "hyspec:site": ({"INPUTS": list(site_tiles)}, {"WORKERS": 0, "SAMPLE_SIZE": 400, "CLUSTERS": 3, "SEED": 1}),
        "hyspec:trainautoencoder": ({"INPUT": learn.get("scene", "")},
                                    {"LATENT_SIZE": 3, "HIDDEN_LAYERS": "8", "EPOCHS": 1, "BATCH_SIZE": 64,
                                     "SAMPLE_SIZE": 300, "SEED": 1}),
        "hyspec:encode": ({"INPUT": learn.get("scene", ""), "MODEL": learn.get("autoencoder", "")}, {}),
        "hyspec:trainclassifier": ({"INPUT": learn.get("scene", ""), "TRAINING": learn.get("training", "")},
                                   {"CLASS_FIELD": "landcover", "METHOD": "random_forest", "TREES": 5, "SEED": 1}),
        "hyspec:predictclassifier": ({"INPUT": learn.get("scene", ""), "MODEL": learn.get("classifier", "")}, {}),
    }
    return {alg: (ins, extra, DESTS[alg]) for alg, (ins, extra) in inputs.items()}


@pytest.fixture(scope="session")
def mat_scene(sample_dir):
    """A small MATLAB v5 scene: a 20 x 30 x 8 cube and its label map."""
    import numpy as np

    from tests.matfiles import write_v5

    rng = np.random.default_rng(3)
    labels = np.repeat(np.arange(1, 4), 200).reshape(20, 30).astype(np.uint8)
    spectra = rng.random((4, 8))
    cube = spectra[labels] + 0.01 * rng.standard_normal((20, 30, 8))
    return write_v5(sample_dir / "scene.mat", {"cube": cube, "gt": labels})


@pytest.fixture(scope="session")
def learn_inputs(tmp_path_factory):
    """The learned-feature inputs: a 24 x 24 x 60 scene, its training polygons, and a model of each kind trained on
    it by the core (the cheapest settings: one epoch, five trees)."""
    try:
        import torch  # noqa: F401
    except ImportError:
        return None  # the four learned-feature rows are skipped (see cases); the others run
    from hyspec_qgis.core.learn.autoencoder import train_autoencoder
    from hyspec_qgis.core.learn.supervised import train_classifier
    from tests.learn_scenes import write_learn_scene

    folder = str(tmp_path_factory.mktemp("safety_learn"))
    sc, training, _ = write_learn_scene(folder, LEARN_SIZE, squares_per_class=3, n_bands=60)
    autoencoder, classifier = os.path.join(folder, "ae.npz"), os.path.join(folder, "rf.npz")
    train_autoencoder(sc.path, autoencoder, latent=3, hidden="8", epochs=1, batch_size=64, sample_size=300)
    train_classifier(sc.path, training, "landcover", classifier, method="random_forest", trees=5)
    return {"scene": sc.path, "training": training, "autoencoder": autoencoder, "classifier": classifier}


@pytest.fixture(scope="session")
def site_tiles(tmp_path_factory):
    """Four adjacent 16 x 16 NEON-like .h5 tiles."""
    from tests.site_helpers import write_block

    return write_block(str(tmp_path_factory.mktemp("safety_site")), size=16, seed=20)


@pytest.fixture(scope="module")
def neon_api(tmp_path_factory):
    """The local NEON stand-in (127.0.0.1) serving a 2 x 2 block of small tiles, and an AREA file (a GeoPackage
    of one plot inside one tile)."""
    from osgeo import ogr, osr

    from tests.neon_server import FakeNeon, Served

    folder = tmp_path_factory.mktemp("safety_neon")
    area = str(folder / "plots.gpkg")
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32618)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(area)
    layer = ds.CreateLayer("plots", srs=srs, geom_type=ogr.wkbPoint)
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetGeometry(ogr.CreateGeometryFromWkt("POINT (368500 4306500)"))
    layer.CreateFeature(feature)
    ds = None  # noqa: F841 - closes the GeoPackage
    served = [Served(f"NEON_D02_SERC_DP3_{e}_{n}_bidirectional_reflectance.h5", bytes([i]) * (3000 + i))
              for i, (e, n) in enumerate([(367000, 4305000), (368000, 4305000), (367000, 4306000),
                                          (368000, 4306000)])]
    with FakeNeon() as fake:
        fake.add(PRODUCT, "SERC", "2021-07", served)
        yield {"url": fake.url, "area": area}


LEARN_ALGS = {"hyspec:trainautoencoder", "hyspec:encode", "hyspec:trainclassifier", "hyspec:predictclassifier"}


@pytest.fixture
def cases(request, neon_tile, imported_tile, clean_kmeans_tile, clean_unmix_tile, truth_library_csv, mat_scene,
          learn_inputs, neon_api, site_tiles):
    alg = getattr(getattr(request.node, "callspec", None), "params", {}).get("alg")
    if learn_inputs is None and alg in LEARN_ALGS:
        pytest.skip("PyTorch is not installed (the learned-feature inputs are trained with it)")
    return _cases(neon_tile[0], imported_tile, clean_kmeans_tile, clean_unmix_tile, truth_library_csv, mat_scene,
                  learn_inputs, neon_api, site_tiles)


def input_files(inputs):
    """Every input file (a list parameter counts each of its files)."""
    return [p for v in inputs.values() for p in (v if isinstance(v, list) else [v])]


def first(value):
    return value[0] if isinstance(value, list) else value


def digest(path, folder=None):
    """SHA-256 of the file; with ``folder``, its path inside the bytes counts as the same (a file list, a VRT)."""
    with open(path, "rb") as f:
        data = f.read()
    if folder is not None:
        data = data.replace(str(folder).encode(), b"<run folder>")
    return hashlib.sha256(data).hexdigest()


def snapshot(paths):
    """Hashes of the inputs and a listing of their folders (nothing may appear beside an input either)."""
    return {p: digest(p) for p in paths}, {d: sorted(os.listdir(d)) for d in {os.path.dirname(p) for p in paths}}


def params_for(case, folder):
    inputs, extra, dests = case
    params = {**inputs, **extra}
    params.update({name: str(folder / fname) for name, fname in dests.items()})
    return params


def leftovers(folder):
    return sorted(os.listdir(folder))


def refuse(run_alg, alg, params, *names):
    with pytest.raises(QgsProcessingException) as info:
        run_alg(alg, params)
    message = str(info.value)
    for name in names:
        assert name in message, message
    assert "Traceback" not in message
    return message


def test_the_table_covers_every_algorithm_of_the_provider(hyspec_provider):
    """A new algorithm cannot be forgotten here: every hyspec algorithm (not the shipped models) is in the table."""
    from qgis.core import QgsProcessingModelAlgorithm

    registered = {a.id() for a in hyspec_provider.algorithms() if not isinstance(a, QgsProcessingModelAlgorithm)}
    assert registered == set(ALGS), (registered - set(ALGS), set(ALGS) - registered)
    for alg in ALGS:  # the table's destinations exist, and hold every mandatory one
        definitions = hyspec_provider.algorithm(alg.split(":")[1]).destinationParameterDefinitions()
        mandatory = {d.name() for d in definitions if not d.flags() & d.FlagOptional}
        assert mandatory <= set(DESTS[alg]) <= {d.name() for d in definitions}, alg


@pytest.mark.parametrize("alg", ALGS)
def test_an_output_never_replaces_an_input(alg, cases, run_alg, tmp_path):
    inputs, _, dests = cases[alg]
    before = snapshot(input_files(inputs))
    for dest in dests:
        for in_name, in_value in inputs.items():
            in_path = first(in_value)  # a folder output (OUTPUT_FOLDER) given an input file counts the same
            params = params_for(cases[alg], tmp_path)
            params[dest] = in_path
            refuse(run_alg, alg, params, dest, in_name, "never replaces an input")
            # the same file through a link and a ./ detour counts too
            link = tmp_path / ("link" + os.path.splitext(in_path)[1])
            if not link.exists():
                os.symlink(in_path, link)
            params[dest] = str(link)
            refuse(run_alg, alg, params, dest, in_name)
            params[dest] = os.path.join(os.path.dirname(in_path), ".", os.path.basename(in_path))
            refuse(run_alg, alg, params, dest, in_name)
    assert snapshot(input_files(inputs)) == before
    assert [p for p in leftovers(tmp_path) if not p.startswith("link")] == []


@pytest.mark.parametrize("alg", [a for a in ALGS if len(set(DESTS[a]) - FOLDER_DESTS) > 1])
def test_two_outputs_of_one_run_never_share_a_file(alg, cases, run_alg, tmp_path):
    dests = [d for d in cases[alg][2] if d not in FOLDER_DESTS]
    params = params_for(cases[alg], tmp_path)
    params[dests[1]] = params[dests[0]]
    refuse(run_alg, alg, params, dests[0], dests[1], "also the destination")
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("alg", ALGS)
def test_an_unwritable_or_missing_destination_fails_before_anything_is_written(alg, cases, run_alg, tmp_path):
    inputs, _, dests = cases[alg]
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    for dest in dests:
        out = tmp_path / "out"
        out.mkdir()
        params = params_for(cases[alg], out)
        params[dest] = str(blocker / "x" / os.path.basename(params[dest]))  # a folder inside a file
        message = refuse(run_alg, alg, params, dest)
        assert "is a file, not a folder" in message or "does not exist" in message
        if dest in FOLDER_DESTS:
            # a missing output folder is created (that is what the user asks for); a file where it should be is not
            params[dest] = str(blocker)
            refuse(run_alg, alg, params, dest, "is a file, not a folder")
            assert blocker.read_text() == "not a folder"
        else:
            params[dest] = str(tmp_path / "missing" / os.path.basename(params[dest]))
            refuse(run_alg, alg, params, dest, "does not exist")
            params[dest] = str(out)  # a folder where a file is expected
            refuse(run_alg, alg, params, dest, "is a folder")
        assert leftovers(out) == [], (dest, leftovers(out))
        shutil.rmtree(out)
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize("alg", ALGS)
def test_a_damaged_input_gives_a_message_and_no_output(alg, cases, run_alg, tmp_path):
    inputs, _, _ = cases[alg]
    for name in DAMAGED.get(alg, ["INPUT"]):
        source = first(inputs[name])
        damaged = tmp_path / ("damaged_" + name.lower() + os.path.splitext(source)[1])
        data = open(source, "rb").read()
        damaged.write_bytes(data[: len(data) // 3])
        out = tmp_path / "out"
        out.mkdir()
        params = params_for(cases[alg], out)
        params[name] = [str(damaged)] if isinstance(inputs[name], list) else str(damaged)
        with pytest.raises(QgsProcessingException) as info:
            run_alg(alg, params)
        assert "Traceback" not in str(info.value)
        assert leftovers(out) == [], (name, leftovers(out))
        shutil.rmtree(out)


@pytest.mark.parametrize("alg", ALGS)
def test_an_unexpected_error_is_a_message_and_leaves_no_output(alg, cases, run_alg, tmp_path, monkeypatch):
    from qgis.core import QgsApplication

    cls = type(QgsApplication.processingRegistry().algorithmById(alg))
    original = cls.process

    def failing(self, parameters, context, feedback, progress):
        original(self, parameters, context, feedback, progress)  # every output written, under temporary names
        raise ValueError("boom")

    monkeypatch.setattr(cls, "process", failing)
    dests = cases[alg][2]
    folders = FOLDER_DESTS & set(dests)
    # A folder output is filled file by file, each file complete when it appears (a tile downloaded and checked, a
    # site tile's folder), so a later run resumes: those stay, and the message says so instead of "no output".
    said = "no other output was written" if folders else "no output was written"
    message = refuse(run_alg, alg, params_for(cases[alg], tmp_path), "unexpected error", "ValueError", "boom", said)
    assert alg in message
    assert leftovers(tmp_path) == sorted(dests[f] for f in folders)
    for folder in folders:
        assert not [p for _, _, names in os.walk(tmp_path / dests[folder]) for p in names if ".partial" in p]


def repeated_files(alg, out, dests):
    """{file: digest} of a run's outputs (every file of a folder output), paths to the run's folder neutralised."""
    files = {}
    for name, fname in dests.items():
        path = out / fname
        if name in FOLDER_DESTS:
            for root, _, names in os.walk(path):
                files.update({os.path.relpath(os.path.join(root, n), out): os.path.join(root, n) for n in names})
        else:
            files[fname] = str(path)
    return {rel: digest(path, out) for rel, path in files.items()
            if not rel.endswith((".gpkg", ".html")) and os.path.basename(rel) not in NOT_REPEATED.get(alg, ())}


@pytest.mark.parametrize("alg", ALGS)
def test_a_run_writes_all_outputs_and_the_same_seed_repeats_it_byte_for_byte(alg, cases, run_alg, tmp_path):
    inputs, _, dests = cases[alg]
    before = snapshot(input_files(inputs))
    runs = []
    for i in range(2):
        out = tmp_path / f"run{i}"
        out.mkdir()
        result = run_alg(alg, params_for(cases[alg], out))
        for name, fname in dests.items():
            assert os.path.exists(out / fname), (name, leftovers(out))
            if name in result and isinstance(result[name], str):
                assert result[name].split("|")[0] == str(out / fname)
        assert not [p for _, _, names in os.walk(out) for p in names if ".partial" in p]
        runs.append(repeated_files(alg, out, dests))
    assert runs[0] == runs[1]
    assert snapshot(input_files(inputs)) == before


def test_cancel_after_the_last_block_writes_nothing(run_alg, cases, tmp_path):
    """A cancel that arrives when the computation is over is still honoured: nothing is put in place."""
    from qgis.core import QgsProcessingFeedback

    class LateCancel(QgsProcessingFeedback):
        def setProgress(self, value):  # noqa: N802
            super().setProgress(value)
            if value >= 99.9:
                self.cancel()

    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_alg("hyspec:kmeans", params_for(cases["hyspec:kmeans"], tmp_path), feedback=LateCancel())
    assert leftovers(tmp_path) == []


def test_output_beside_an_input_with_the_same_stem_keeps_the_inputs_style(run_alg, cases, tmp_path):
    """tile.tif and tile.tiff would share tile.qml: the input's style is not touched."""
    src = cases["hyspec:pca"][0]["INPUT"]
    tile = tmp_path / "tile.tif"
    shutil.copy(src, tile)
    style = tmp_path / "tile.qml"
    style.write_text("<qgis>the user's own style</qgis>")
    run_alg("hyspec:pca", {"INPUT": str(tile), "COMPONENTS": 3, "OUTPUT": str(tmp_path / "tile.tiff")})
    assert style.read_text() == "<qgis>the user's own style</qgis>"
    assert (tmp_path / "tile.tiff").exists()
    assert not [p for p in leftovers(tmp_path) if ".partial" in p]


def test_only_the_main_output_is_needed(run_alg, cases, tmp_path):
    """Secondary destinations are optional: qgis_process runs with INPUT and OUTPUT alone."""
    from tests.qgis_process import run_json

    inputs, extra, _ = cases["hyspec:pca"]
    code, data, err = run_json("hyspec:pca", INPUT=inputs["INPUT"], COMPONENTS=3, OUTPUT=str(tmp_path / "pcs.tif"))
    assert code == 0, err
    assert os.path.exists(tmp_path / "pcs.tif")
    inputs, extra, _ = cases["hyspec:kmeans"]
    code, data, err = run_json("hyspec:kmeans", INPUT=inputs["INPUT"], CLUSTERS=3, OUTPUT=str(tmp_path / "k.tif"))
    assert code == 0, err
    assert os.path.exists(tmp_path / "k.tif")


def test_a_fractional_integer_is_refused(run_alg, cases, tmp_path):
    params = params_for(cases["hyspec:kmeans"], tmp_path)
    params["CLUSTERS"] = 2.5
    refuse(run_alg, "hyspec:kmeans", params, "CLUSTERS", "whole number")
    assert leftovers(tmp_path) == []


def test_a_killed_run_leaves_nothing_incomplete_under_a_final_name(cases, tmp_path):
    """SIGKILL a headless run at several moments: every file under a final name is complete (equal to a full run's),
    and the next run cleans the hidden files the killed one left."""
    import random
    import signal
    import subprocess
    import time

    from tests.qgis_process import LAUNCHER

    inputs, extra, dests = cases["hyspec:kmeans"]

    def command(folder):
        params = params_for(cases["hyspec:kmeans"], folder)
        return [LAUNCHER, "run", "hyspec:kmeans", "--"] + [f"{k}={v}" for k, v in params.items()]

    reference = tmp_path / "reference"
    reference.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.monotonic()
    subprocess.run(command(reference), check=True, capture_output=True, env=env, timeout=300)
    duration = time.monotonic() - start
    expected = {f: digest(reference / f) for f in dests.values() if not f.endswith(".html")}
    rng = random.Random(7)
    killed = tmp_path / "killed"
    killed.mkdir()
    for _ in range(4):
        proc = subprocess.Popen(command(killed), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                                start_new_session=True)
        time.sleep(rng.uniform(0.3, 1.0) * duration)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        for fname, want in expected.items():
            if (killed / fname).exists():
                assert digest(killed / fname) == want, fname
    subprocess.run(command(killed), check=True, capture_output=True, env=env, timeout=300)
    assert {f: digest(killed / f) for f in expected} == expected
    assert not [p for p in leftovers(killed) if ".partial" in p], leftovers(killed)


def test_a_vrt_input_is_never_rewritten(run_alg, cases, tmp_path):
    """QGIS computes statistics when it loads a raster layer, and GDAL saves them into a VRT even opened read-only:
    inputs given as files are never loaded as layers, so the VRT stays byte-identical and gets no sidecar.
    (Known gap: QGIS 3.22's qgis_process loads the input layer itself before the algorithm runs.)"""
    from osgeo import gdal

    src = cases["hyspec:pca"][0]["INPUT"]
    vrt = tmp_path / "mosaic.vrt"
    ds = gdal.BuildVRT(str(vrt), [src])
    ds = None  # noqa: F841 - closes the VRT
    out = tmp_path / "out"
    out.mkdir()
    before = snapshot([str(vrt)])
    run_alg("hyspec:pca", {"INPUT": str(vrt), "COMPONENTS": 3, "OUTPUT": str(out / "pcs.tif")})
    assert snapshot([str(vrt)]) == before
    assert (out / "pcs.tif").exists()
