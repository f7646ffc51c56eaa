"""hyspec:endmembercount through QGIS Processing (pytest-qgis), chained into hyspec:nfindr in a model, and through
bin/qgis_process."""
import csv
import os

import numpy as np
import pytest
from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterRasterLayer,
)

from hyspec_qgis.core import SpectralRaster, read_spectra_csv
from hyspec_qgis.core.methods.endmember_count import count_endmembers
from tests.qgis_process import run_json

ESTIMATES = ["HYSIME", "HFC_1E_3", "HFC_1E_4", "HFC_1E_5", "NWHFC_1E_3", "NWHFC_1E_4", "NWHFC_1E_5"]


def test_provider_lists_endmembercount_with_its_outputs(hyspec_provider):
    alg = hyspec_provider.algorithm("endmembercount")
    assert alg is not None and alg.id() == "hyspec:endmembercount" and alg.group() == "Unmixing"
    params = {p.name(): p for p in alg.parameterDefinitions()}
    assert set(params) == {"INPUT", "OUTPUT", "PLOT"} and all(p.help() for p in params.values())
    assert params["OUTPUT"].flags() & params["OUTPUT"].Flag.FlagOptional and params["OUTPUT"].createByDefault()
    numbers = {o.name() for o in alg.outputDefinitions() if o.type() == "outputNumber"}
    assert numbers == set(ESTIMATES) | {"ENDMEMBERS_COUNT", "VALID_PIXELS"}
    text = alg.shortHelpString()
    assert "guide, not an answer" in text and "disagree" in text
    assert "Bioucas-Dias" in text and "Chang" in text and "ENDMEMBERS_COUNT" in text


def test_endmembercount_on_the_cleaned_tile(run_alg, clean_unmix_tile, neon_tile, tmp_path):
    """HySime finds the materials present: on this 60 x 80 tile 4 of the generator's 5 (dry grass makes at most 4 % of
    any pixel). The numbers equal the core's on the same file."""
    abundances = neon_tile[1].abundances.reshape(-1, 5)
    present = int((np.nanmax(abundances, axis=0) > 0.1).sum())
    assert present == 4
    params = {"INPUT": clean_unmix_tile, "OUTPUT": str(tmp_path / "count.csv"), "PLOT": str(tmp_path / "count.html")}
    result = run_alg("hyspec:endmembercount", params)
    core = count_endmembers(SpectralRaster(clean_unmix_tile))
    assert {k: result[k] for k in ESTIMATES} == core.estimates()
    assert result["HYSIME"] == present and result["ENDMEMBERS_COUNT"] == present
    assert result["VALID_PIXELS"] == int((~neon_tile[1].nodata_mask).sum())
    with open(result["OUTPUT"], newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 362 and sum(int(r["hysime_kept"]) for r in rows) == present
    assert sum(int(r["hfc_1e-03"]) for r in rows) == result["HFC_1E_3"]
    page = open(result["PLOT"], encoding="utf-8").read()
    assert page.count("<svg") == 3 and "<td>HYSIME</td><td>4</td>" in page
    log = "\n".join(run_alg.feedback.messages)
    assert "HYSIME: 4" in log and "valid pixels" in log


def test_only_the_numbers_when_no_file_is_asked_for(run_alg, clean_unmix_tile, tmp_path):
    result = run_alg("hyspec:endmembercount", {"INPUT": clean_unmix_tile, "OUTPUT": None, "PLOT": None})
    assert result["HYSIME"] == 4 and not result.get("OUTPUT") and not result.get("PLOT")


def test_the_suggestion_feeds_nfindr_in_a_model(hyspec_provider, clean_unmix_tile, tmp_path):
    """count -> N-FINDR with ENDMEMBERS_COUNT taken from the count step's output."""
    import processing

    model = QgsProcessingModelAlgorithm("count_then_nfindr", "tests")
    model.addModelParameter(QgsProcessingParameterRasterLayer("raster", "Raster"), QgsProcessingModelParameter("raster"))
    count = QgsProcessingModelChildAlgorithm("hyspec:endmembercount")
    count.setChildId("count")
    count.addParameterSources("INPUT", [QgsProcessingModelChildParameterSource.fromModelParameter("raster")])
    model.addChildAlgorithm(count)
    nfindr = QgsProcessingModelChildAlgorithm("hyspec:nfindr")
    nfindr.setChildId("nfindr")
    nfindr.addParameterSources("INPUT", [QgsProcessingModelChildParameterSource.fromModelParameter("raster")])
    nfindr.addParameterSources("ENDMEMBERS_COUNT",
                               [QgsProcessingModelChildParameterSource.fromChildOutput("count", "ENDMEMBERS_COUNT")])
    out = QgsProcessingModelOutput("endmembers", "Endmembers")
    out.setChildId("nfindr")
    out.setChildOutputName("OUTPUT")
    nfindr.setModelOutputs({"endmembers": out})
    model.addChildAlgorithm(nfindr)
    model.updateDestinationParameters()
    target = str(tmp_path / "em.csv")
    dest = [p.name() for p in model.destinationParameterDefinitions()][0]
    result = processing.run(model, {"raster": clean_unmix_tile, dest: target}, context=QgsProcessingContext(),
                            feedback=QgsProcessingFeedback())
    spectra = read_spectra_csv(result[dest])
    assert spectra.names == ["EM1", "EM2", "EM3", "EM4"]  # HySime's 4


def test_too_few_bands_is_refused_and_writes_nothing(run_alg, make_raster, tmp_path):
    rgb = make_raster(tmp_path / "rgb.tif", np.random.default_rng(0).random((20, 20, 2)).astype(np.float32))
    out = tmp_path / "count.csv"
    with pytest.raises(QgsProcessingException) as info:
        run_alg("hyspec:endmembercount", {"INPUT": rgb, "OUTPUT": str(out), "PLOT": str(tmp_path / "p.html")})
    message = str(info.value)
    assert "INPUT" in message and "rgb.tif" in message and "at least 3 bands" in message
    assert sorted(os.listdir(tmp_path)) == ["rgb.tif"]


def test_endmembercount_through_qgis_process(clean_unmix_tile, tmp_path):
    out = str(tmp_path / "count.csv")
    code, data, err = run_json("hyspec:endmembercount", INPUT=clean_unmix_tile, OUTPUT=out)
    assert code == 0, err
    results = data["results"]
    assert results["HYSIME"] == 4 and results["ENDMEMBERS_COUNT"] == 4 and results["OUTPUT"] == out
    assert all(isinstance(results[k], (int, float)) for k in ESTIMATES)
    assert os.path.exists(out) and not os.path.exists(str(tmp_path / "count.html"))
