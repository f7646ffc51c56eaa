"""Enum parameters take the words of the help in any case and their 0-based numbers, in every algorithm."""
import os

import pytest
from osgeo import gdal
from qgis.core import QgsProcessingContext, QgsProcessingException, QgsProcessingParameterEnum

from hyspec_qgis.algorithms.params import enum_value, match_option
from tests.qgis_process import run_json


@pytest.fixture(scope="module")
def truth_csv(neon_tile):
    return os.path.splitext(neon_tile[0])[0] + "_truth_endmembers.csv"


def _enums(provider):
    """(algorithm, enum parameter) for every enum parameter of every hyspec algorithm."""
    found = []
    for alg in provider.algorithms():
        instance = alg.create()
        for p in instance.parameterDefinitions():
            if isinstance(p, QgsProcessingParameterEnum):
                found.append((instance, p))
    return found


def test_match_option_words_any_case_and_indices():
    options = ["FCLS", "NNLS", "UCLS"]
    for value, expected in [("FCLS", "FCLS"), ("fcls", "FCLS"), (" Nnls ", "NNLS"), (2, "UCLS"), ("2", "UCLS"),
                            ("0", "FCLS"), (1.0, "NNLS")]:
        assert match_option(value, options) == expected, value
    for value in ["fcl", "3", 3, -1, "-1", True, None, "", 1.5, "FCLS,NNLS"]:
        assert match_option(value, options) is None, value


def test_every_enum_parameter_accepts_words_in_any_case_and_numbers(hyspec_provider):
    enums = _enums(hyspec_provider)
    names = {(alg.name(), p.name()) for alg, p in enums}
    assert {("unmix", "METHOD"), ("nfindr", "INITIALIZATION"), ("importneon", "ENCODING"),
            ("sam", "THRESHOLD_MODE"), ("sid", "THRESHOLD_MODE")} <= names
    context = QgsProcessingContext()
    for alg, p in enums:
        options = p.options()
        assert p.usesStaticStrings(), (alg.name(), p.name())
        for i, word in enumerate(options):
            for given in (word, word.lower(), word.upper(), i, str(i)):
                assert p.checkValueIsAcceptable(given), (alg.name(), p.name(), given)
                assert p.clone().checkValueIsAcceptable(given), (alg.name(), p.name(), given)
                assert enum_value(alg, {p.name(): given}, p.name(), context, options) == word
        default = p.defaultValue()
        assert default in options, (alg.name(), p.name(), default)
        assert enum_value(alg, {}, p.name(), context, options) == default  # the declared default
        for bad in ("nonsense", len(options), str(len(options))):
            assert not p.checkValueIsAcceptable(bad), (alg.name(), p.name(), bad)
            with pytest.raises(QgsProcessingException, match=p.name()):
                enum_value(alg, {p.name(): bad}, p.name(), context, options)


@pytest.mark.parametrize("given, expected", [("fcls", "FCLS"), (2, "UCLS"), ("1", "NNLS"), ("Nnls", "NNLS")])
def test_unmix_runs_with_the_method_in_lower_case_or_by_number(run_alg, clean_unmix_tile, truth_csv, tmp_path,
                                                               given, expected):
    out = str(tmp_path / "ab.tif")
    run_alg("hyspec:unmix", {"INPUT": clean_unmix_tile, "ENDMEMBERS": truth_csv, "METHOD": given, "OUTPUT": out})
    assert gdal.Open(out).GetMetadataItem("METHOD") == expected


def test_an_unknown_method_is_refused_before_anything_is_written(run_alg, clean_unmix_tile, truth_csv, tmp_path):
    out = str(tmp_path / "ab.tif")
    with pytest.raises(QgsProcessingException):
        run_alg("hyspec:unmix", {"INPUT": clean_unmix_tile, "ENDMEMBERS": truth_csv, "METHOD": "lstsq",
                                 "OUTPUT": out})
    assert os.listdir(tmp_path) == []


@pytest.mark.qgis_process
def test_qgis_process_takes_lower_case_words_and_numbers(clean_unmix_tile, truth_csv, tmp_path):
    for given, expected in (("fcls", "FCLS"), ("2", "UCLS")):
        out = str(tmp_path / f"ab_{given}.tif")
        code, data, err = run_json("hyspec:unmix", INPUT=clean_unmix_tile, ENDMEMBERS=truth_csv, METHOD=given,
                                   OUTPUT=out)
        assert code == 0, err
        assert gdal.Open(out).GetMetadataItem("METHOD") == expected
