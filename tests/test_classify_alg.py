"""hyspec:sam and hyspec:sid through QGIS Processing (pytest-qgis) and once through bin/qgis_process: parameters,
outputs (paletted class raster, rule raster, styles), the same map as the core, help text, clear errors."""
import os

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import QgsProcessingException, QgsRasterLayer

from hyspec_qgis.core import SpectralRaster
from hyspec_qgis.core.io.spectra_csv import read_spectra_csv, write_spectra_csv
from hyspec_qgis.core.methods.classify import classify_raster
from tests.leftovers import partials
from tests.qgis_process import run_json

gdal.UseExceptions()
TUTORIAL = {"SELECT": "1,3,4", "THRESHOLD": "0.8,0.3,0.03", "THRESHOLD_MODE": "relative"}


def files(folder):
    """Every file but the finished CSVs (a hidden ``.<name>.partial.csv`` left by a failed run is listed)."""
    return sorted({f for f in os.listdir(folder) if not f.endswith(".csv")} | set(partials(folder)))


def test_provider_lists_sam_and_sid_with_the_contract_parameters(hyspec_provider):
    for alg_id in ("sam", "sid"):
        alg = hyspec_provider.algorithm(alg_id)
        assert alg is not None and alg.id() == f"hyspec:{alg_id}"
        names = [p.name() for p in alg.parameterDefinitions()]
        assert names == ["INPUT", "ENDMEMBERS", "SELECT", "THRESHOLD", "THRESHOLD_MODE", "OUTPUT", "RULE"]
        assert all(p.help() for p in alg.parameterDefinitions())
        mode = alg.parameterDefinition("THRESHOLD_MODE")
        assert mode.options() == ["absolute", "relative"] and mode.usesStaticStrings()
        assert alg.parameterDefinition("RULE").flags() & alg.parameterDefinition("RULE").FlagOptional
        text = alg.shortHelpString()
        assert "absolute" in text and "relative" in text and "min + (max - min) * t" in text
    sid_help = hyspec_provider.algorithm("sid").shortHelpString()
    assert "SID(data, U[[0,2,3]], [0.8, 0.3, 0.03])" in sid_help and "SELECT = 1,3,4" in sid_help
    assert "0.1 %" in sid_help and "root-mean-square" in sid_help  # how zeros / negatives are floored
    assert "radians" in hyspec_provider.algorithm("sam").shortHelpString()


def test_sid_tutorial_call(run_alg, clean_unmix_tile, truth_library_csv, tmp_path):
    out, rule = str(tmp_path / "sid.tif"), str(tmp_path / "rule.tif")
    result = run_alg("hyspec:sid", {"INPUT": clean_unmix_tile, "ENDMEMBERS": truth_library_csv, **TUTORIAL, "OUTPUT": out,
                                    "RULE": rule})
    assert result["OUTPUT"] == out and result["RULE"] == rule
    # The same map as the core (which the core tests compare with pysptools pixel for pixel).
    core = classify_raster(clean_unmix_tile, truth_library_csv, str(tmp_path / "core.tif"), method="sid", select="1,3,4",
                           thresholds=[0.8, 0.3, 0.03], mode="relative")
    ours = gdal.Open(out).ReadAsArray()
    assert np.array_equal(ours, gdal.Open(str(tmp_path / "core.tif")).ReadAsArray())
    assert result["UNCLASSIFIED"] == core.n_unclassified > 0
    # A paletted layer named after the endmembers, georeferenced like the input.
    layer = QgsRasterLayer(out, "sid")
    assert layer.isValid() and layer.renderer().type() == "paletted"
    assert [c.label for c in layer.renderer().classes()] == ["vegetation", "water", "roof"]
    assert layer.extent() == QgsRasterLayer(clean_unmix_tile, "in").extent()
    ds = gdal.Open(rule)
    assert ds.RasterCount == 3 and ds.GetRasterBand(1).DataType == gdal.GDT_Float32
    assert [ds.GetRasterBand(i + 1).GetDescription() for i in range(3)] == ["vegetation", "water", "roof"]
    assert ds.GetRasterBand(1).GetNoDataValue() == -9999
    # The log gives each class's pixels and limit.
    log = "\n".join(run_alg.feedback.messages)
    assert "SID (relative thresholds)" in log and "roof:" in log and "limit" in log


def test_sam_absolute_without_threshold_classifies_every_valid_pixel(run_alg, clean_unmix_tile, truth_library_csv, tmp_path):
    out = str(tmp_path / "sam.tif")
    result = run_alg("hyspec:sam", {"INPUT": clean_unmix_tile, "ENDMEMBERS": truth_library_csv, "OUTPUT": out})
    assert result["UNCLASSIFIED"] == 0 and result.get("RULE") is None
    labels = gdal.Open(out).ReadAsArray()
    valid = next(SpectralRaster(clean_unmix_tile).blocks(rows=10_000)).valid.reshape(labels.shape)
    assert np.all(labels[valid] > 0) and np.all(labels[~valid] == 0)
    assert files(tmp_path) == ["sam.qml", "sam.tif", "sam.tif.aux.xml"]  # no rule raster when not asked


def test_threshold_modes_by_word_and_one_value_for_all_classes(run_alg, clean_unmix_tile, truth_library_csv, tmp_path):
    out = str(tmp_path / "rel.tif")
    run_alg("hyspec:sam", {"INPUT": clean_unmix_tile, "ENDMEMBERS": truth_library_csv, "THRESHOLD": "0.1",
                           "THRESHOLD_MODE": "relative",
                           "OUTPUT": out})
    core = classify_raster(clean_unmix_tile, truth_library_csv, str(tmp_path / "core.tif"), method="sam", thresholds=0.1,
                           mode="relative")
    assert np.array_equal(gdal.Open(out).ReadAsArray(), gdal.Open(core.output).ReadAsArray())
    limits = [float(v) for v in gdal.Open(out).GetMetadata()["SCORE_LIMITS"].split(",")]
    assert len(set(limits)) == 1  # one value: one limit from the range of all classes' angles
    out = str(tmp_path / "abs.tif")
    run_alg("hyspec:sam", {"INPUT": clean_unmix_tile, "ENDMEMBERS": truth_library_csv, "THRESHOLD": "0.2",
                           "THRESHOLD_MODE": "absolute",
                           "OUTPUT": out})
    md = gdal.Open(out).GetMetadata()
    assert md["SCORE_LIMITS"] == "0.2,0.2,0.2,0.2" and md["THRESHOLD_MODE"] == "absolute"


@pytest.mark.parametrize("params,message", [
    ({"SELECT": "1,3,4", "THRESHOLD": "0.8,0.3", "THRESHOLD_MODE": "relative"},
     "THRESHOLD: 2 values for 3 classes (vegetation, water, roof)"),
    ({"SELECT": "vegetation,grass"}, "SELECT: unknown endmember 'grass'"),
    ({"THRESHOLD": "0.1;x"}, "THRESHOLD: expected numbers separated by commas"),
    ({"THRESHOLD": "2", "THRESHOLD_MODE": "relative"}, "THRESHOLD: 2.0 is over 1; in relative mode"),
])
def test_bad_parameters_fail_clearly_and_leave_no_output(run_alg, clean_unmix_tile, truth_library_csv, tmp_path, params, message):
    out, rule = str(tmp_path / "c.tif"), str(tmp_path / "r.tif")
    with pytest.raises(QgsProcessingException, match=None) as info:
        run_alg("hyspec:sid", {"INPUT": clean_unmix_tile, "ENDMEMBERS": truth_library_csv, **params, "OUTPUT": out, "RULE": rule})
    assert message in str(info.value)
    assert files(tmp_path) == []


def test_mismatched_bands_fail_clearly(run_alg, imported_tile, truth_library_csv, tmp_path):
    """A CSV on a different wavelength grid (here: shifted by a band and a half) is refused with the CSV named."""
    spectra = read_spectra_csv(truth_library_csv)
    spectra.wavelengths = spectra.wavelengths + 7.5
    shifted = str(tmp_path / "shifted.csv")
    write_spectra_csv(shifted, spectra)
    with pytest.raises(QgsProcessingException) as info:
        run_alg("hyspec:sam", {"INPUT": imported_tile, "ENDMEMBERS": shifted, "OUTPUT": str(tmp_path / "c.tif")})
    assert "ENDMEMBERS" in str(info.value) and "shifted.csv" in str(info.value) and "within half a band" in str(info.value)
    assert files(tmp_path) == []


@pytest.mark.qgis_process
def test_qgis_process_runs_the_tutorial_sid(clean_unmix_tile, truth_library_csv, tmp_path):
    out = str(tmp_path / "sid.tif")
    code, data, err = run_json("hyspec:sid", INPUT=clean_unmix_tile, ENDMEMBERS=truth_library_csv, OUTPUT=out, **TUTORIAL)
    assert code == 0, err
    assert data["results"]["OUTPUT"] == out and data["results"]["UNCLASSIFIED"] > 0
    core = classify_raster(clean_unmix_tile, truth_library_csv, str(tmp_path / "core.tif"), method="sid", select="1,3,4",
                           thresholds=[0.8, 0.3, 0.03], mode="relative")
    assert np.array_equal(gdal.Open(out).ReadAsArray(), gdal.Open(core.output).ReadAsArray())
