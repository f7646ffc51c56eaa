"""hyspec:unmix through QGIS Processing (pytest-qgis) and bin/qgis_process."""
import os

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import QgsProcessingException, QgsRasterLayer

from tests.leftovers import partials
from tests.qgis_process import run_json


@pytest.fixture(scope="module")
def truth_csv(neon_tile):
    return os.path.splitext(neon_tile[0])[0] + "_truth_endmembers.csv"


def test_provider_lists_unmix(hyspec_provider):
    alg = hyspec_provider.algorithm("unmix")
    assert alg is not None and alg.id() == "hyspec:unmix"
    names = [p.name() for p in alg.parameterDefinitions()]
    assert names[:3] == ["INPUT", "ENDMEMBERS", "METHOD"] and "OUTPUT" in names and "RMSE" in names
    assert alg.parameterDefinition("METHOD").options() == ["FCLS", "NNLS", "UCLS"]
    assert all(p.help() for p in alg.parameterDefinitions())


def test_unmix_fcls_bands_named_means_logged_and_styled(run_alg, clean_unmix_tile, truth_csv, neon_tile, tmp_path):
    out, rmse = str(tmp_path / "ab.tif"), str(tmp_path / "rmse.tif")
    result = run_alg("hyspec:unmix", {"INPUT": clean_unmix_tile, "ENDMEMBERS": truth_csv, "METHOD": "FCLS",
                                      "OUTPUT": out, "RMSE": rmse})
    assert result["OUTPUT"] == out and result["RMSE"] == rmse
    layer = QgsRasterLayer(out, "ab")
    assert layer.isValid() and layer.bandCount() == 5 and layer.crs().authid() == "EPSG:32618"
    assert [layer.bandName(i) for i in range(1, 6)][0].endswith("vegetation")
    ds = gdal.Open(out)
    assert [ds.GetRasterBand(i + 1).GetDescription() for i in range(5)] == [
        "vegetation", "soil", "water", "roof", "dry_grass"]
    # Styled with a 0-1 ramp (the .qml sidecar is the layer's default style).
    assert os.path.exists(os.path.splitext(out)[0] + ".qml")
    assert layer.renderer().type() == "singlebandpseudocolor"
    assert layer.renderer().classificationMin() == 0 and layer.renderer().classificationMax() == 1
    a = ds.ReadAsArray()
    mask = neon_tile[1].nodata_mask
    assert np.all(a[:, mask] == -9999) and np.all(gdal.Open(rmse).ReadAsArray()[mask] == -9999)
    means = a[:, ~mask].mean(axis=1)
    log = "\n".join(run_alg.feedback.messages)
    assert "mean abundance over" in log and "KKT" in log
    reported = dict(item.split("=") for item in result["MEAN_ABUNDANCE"].split(";"))
    assert list(reported) == ["vegetation", "soil", "water", "roof", "dry_grass"]
    for name, m in zip(reported, means):
        assert float(reported[name]) == pytest.approx(m, abs=1e-5)
        assert f"{m:.4f}" in log
    assert ds.GetMetadataItem("MEAN_ABUNDANCE").startswith("vegetation=")


def test_unmix_methods_by_word(run_alg, clean_unmix_tile, truth_csv, tmp_path):
    nn = str(tmp_path / "nnls.tif")
    uc = str(tmp_path / "ucls.tif")
    run_alg("hyspec:unmix", {"INPUT": clean_unmix_tile, "ENDMEMBERS": truth_csv, "METHOD": "NNLS", "OUTPUT": nn})
    run_alg("hyspec:unmix", {"INPUT": clean_unmix_tile, "ENDMEMBERS": truth_csv, "METHOD": "UCLS", "OUTPUT": uc})
    a = gdal.Open(nn).ReadAsArray()
    u = gdal.Open(uc).ReadAsArray()
    valid = a[0] != -9999
    assert a[:, valid].min() >= 0 and u[:, valid].min() < 0
    assert gdal.Open(uc).GetMetadataItem("METHOD") == "UCLS"


def test_bad_csv_fails_clearly_without_output(run_alg, clean_unmix_tile, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name;value\nfoo;1\n")
    out = tmp_path / "ab.tif"
    with pytest.raises(QgsProcessingException, match="ENDMEMBERS: .*bad.csv: malformed header"):
        run_alg("hyspec:unmix", {"INPUT": clean_unmix_tile, "ENDMEMBERS": str(bad), "OUTPUT": str(out)})
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(QgsProcessingException, match="empty spectra CSV"):
        run_alg("hyspec:unmix", {"INPUT": clean_unmix_tile, "ENDMEMBERS": str(empty), "OUTPUT": str(out)})
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tif")] and partials(tmp_path) == []


def test_csv_missing_raster_bands_fails_clearly(run_alg, clean_unmix_tile, truth_csv, tmp_path):
    short = tmp_path / "visible.csv"
    lines = open(truth_csv).read().splitlines()
    short.write_text("\n".join(lines[:100]) + "\n")  # header + 99 bands below ~880 nm
    out = tmp_path / "ab.tif"
    with pytest.raises(QgsProcessingException, match="no CSV row within half a band"):
        run_alg("hyspec:unmix", {"INPUT": clean_unmix_tile, "ENDMEMBERS": str(short), "OUTPUT": str(out)})
    assert not out.exists() and partials(tmp_path) == []


@pytest.mark.qgis_process
def test_unmix_through_qgis_process(clean_unmix_tile, truth_csv, tmp_path):
    out = str(tmp_path / "ab.tif")
    code, data, err = run_json("hyspec:unmix", INPUT=clean_unmix_tile, ENDMEMBERS=truth_csv, METHOD="FCLS", OUTPUT=out)
    assert code == 0, err
    assert data["results"]["OUTPUT"] == out and gdal.Open(out).RasterCount == 5
    assert data["results"]["MEAN_ABUNDANCE"].startswith("vegetation=")
