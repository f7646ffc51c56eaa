"""hyspec:site through QGIS Processing (pytest-qgis) and through bin/qgis_process (a LocalCluster of worker
processes inside qgis_process, whose sys.executable is not the Python QGIS runs)."""
import json
import os

import pytest
from qgis.core import QgsPalettedRasterRenderer, QgsProcessingException, QgsRasterLayer

from hyspec_qgis.core.io.sample import EAST0, NORTH0
from tests import site_helpers as helpers
from tests.qgis_process import qgis_process

SIZE = 40


@pytest.fixture(scope="module")
def tiles(tmp_path_factory):
    return helpers.write_block(str(tmp_path_factory.mktemp("alg_tiles")), SIZE, seed=20)


def test_provider_lists_site_with_the_contract_parameters(hyspec_provider):
    alg = hyspec_provider.algorithm("site")
    assert alg is not None and alg.id() == "hyspec:site"
    params = {p.name(): p for p in alg.parameterDefinitions()}
    for name in ("INPUTS", "CHAIN", "CLUSTERS", "VARIANCE_FRACTION", "ENDMEMBERS_COUNT", "SID_SELECT",
                 "SID_THRESHOLDS", "SAMPLE_SIZE", "SEED", "WORKERS", "SCHEDULER", "OUTPUT_FOLDER"):
        assert name in params, name
    assert params["CHAIN"].options() == ["kmeans", "unmixing"] and params["CHAIN"].defaultValue() == "kmeans"
    assert params["CLUSTERS"].defaultValue() == 5 and params["ENDMEMBERS_COUNT"].defaultValue() == 4
    assert params["SID_SELECT"].defaultValue() == "1,3,4" and params["SID_THRESHOLDS"].defaultValue() == "0.8,0.3,0.03"
    outputs = {o.name() for o in alg.outputDefinitions()}
    assert {"OUTPUT_FOLDER", "MOSAIC", "MODEL", "TILES_DONE", "TILES_FAILED"} <= outputs
    assert all(p.help() for p in params.values())
    assert "python -m hyspec_qgis.site" in alg.shortHelpString() and "SCHEDULER" in alg.shortHelpString()


def test_site_mosaic_loads_as_one_paletted_layer(run_alg, tiles, tmp_path):
    folder = str(tmp_path / "out")
    result = run_alg("hyspec:site", {"INPUTS": tiles, "WORKERS": 0, "SAMPLE_SIZE": 3000, "OUTPUT_FOLDER": folder})
    assert result["OUTPUT_FOLDER"] == folder and result["TILES_DONE"] == 4 and result["TILES_FAILED"] == 0
    assert result["MOSAIC"] == os.path.join(folder, "classes.vrt") and os.path.isfile(result["MODEL"])
    layer = QgsRasterLayer(result["MOSAIC"], "site")
    assert layer.isValid() and layer.crs().authid() == "EPSG:32618"
    ext = layer.extent()
    assert (ext.xMinimum(), ext.yMinimum(), ext.xMaximum(), ext.yMaximum()) == \
        (EAST0, NORTH0, EAST0 + 2 * SIZE, NORTH0 + 2 * SIZE)
    renderer = layer.renderer()  # the .qml QGIS wrote beside the VRT
    assert isinstance(renderer, QgsPalettedRasterRenderer)
    assert [c.label for c in renderer.classes()] == [f"cluster {i}" for i in range(1, 6)]
    messages = "\n".join(run_alg.feedback.messages)
    assert "[sample] 4/4" in messages and "[apply] 4/4" in messages
    again = run_alg("hyspec:site", {"INPUTS": [os.path.dirname(tiles[0])], "WORKERS": 0, "SAMPLE_SIZE": 3000,
                                    "OUTPUT_FOLDER": folder})  # a folder means its .h5 tiles
    assert again["TILES_DONE"] == 4 and "already complete" in "\n".join(run_alg.feedback.messages)


def test_failed_tile_fails_the_run_naming_it_unless_allowed(run_alg, tiles, tmp_path):
    broken = str(tmp_path / "broken.h5")
    with open(broken, "wb") as f:
        f.write(b"not an HDF5 file")
    params = {"INPUTS": tiles[:2] + [broken], "WORKERS": 0, "SAMPLE_SIZE": 2000, "OUTPUT_FOLDER": str(tmp_path / "o")}
    with pytest.raises(QgsProcessingException, match=r"1 of 3 tile\(s\) failed: broken: .*broken.h5"):
        run_alg("hyspec:site", params)
    assert os.path.isfile(str(tmp_path / "o" / "classes.vrt"))  # the complete tiles are kept
    result = run_alg("hyspec:site", {**params, "ALLOW_FAILED_TILES": True})
    assert result["TILES_DONE"] == 2 and result["TILES_FAILED"] == 1


def test_qgis_process_unmixing_chain_on_local_worker_processes(tiles, tmp_path):
    folder = str(tmp_path / "out")
    args = ["--json", "run", "hyspec:site", "--", *[f"INPUTS={t}" for t in tiles], "CHAIN=unmixing", "WORKERS=2",
            "SAMPLE_SIZE=3000", f"OUTPUT_FOLDER={folder}"]
    code, out, err = qgis_process(*args)
    assert code == 0, out[-3000:] + err[-3000:]
    results = json.loads(out[out.find("{"):])["results"]
    assert results["TILES_DONE"] == 4 and results["MOSAIC"] == os.path.join(folder, "sid_classes.vrt")
    assert "a local Dask cluster of 2 worker process(es)" in out
    layer = QgsRasterLayer(results["MOSAIC"], "sid")
    assert layer.isValid() and [c.label for c in layer.renderer().classes()] == ["EM1", "EM3", "EM4"]
    abundances = QgsRasterLayer(os.path.join(folder, "abundances.vrt"), "ab")
    assert abundances.isValid() and abundances.bandCount() == 4 and abundances.bandName(1).endswith("EM1")
