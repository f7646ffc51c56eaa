"""Core messages stay translatable: literal templates with named fields, the same English text as before, and French
where QGIS runs in French (errors, log lines, the tutorial models)."""
import ast
import os
import pickle
import sys

import pytest

from hyspec_qgis.core.engine.progress import Progress
from hyspec_qgis.core.errors import HyspecError, NeonFormatError, ParameterError
from hyspec_qgis.core.messages import Message, join, localize
from tests.qgis_process import ROOT

sys.path.insert(0, os.path.join(ROOT, "scripts"))
import i18n  # noqa: E402

FRENCH = {"{file}: not an HDF5 file": "{file} : pas un fichier HDF5",
          "{n} bands": "{n} bandes",
          "the file": "le fichier",
          "{where}: cannot read {what}": "{where} : impossible de lire {what}"}


def french(text):
    return FRENCH.get(text, text)


# --- the core's calls --------------------------------------------------------------------------------------------
def test_every_core_template_gets_its_fields():
    """A field the call does not give would show the template unfilled; a positional field cannot be translated."""
    calls = i18n.core_messages()
    assert len(calls) > 400
    problems = []
    for template, keywords, where in calls:
        fields = i18n.template_fields(template)
        if fields is None or any(f == "" or f.isdigit() for f in fields):
            problems.append((where, template, "not a template with named fields"))
        elif keywords is not None and keywords and not fields <= keywords:
            problems.append((where, template, sorted(fields - keywords)))
        elif keywords == set() and fields:  # braces without fields would be shown literally: fine, but say so
            problems.append((where, template, "braces but no fields given"))
    assert not problems, problems[:5]


def test_no_core_message_is_built_by_an_f_string_or_concatenation():
    """New code keeps translatable: an error, Message or log call takes a literal template, never an f-string or
    pieces glued at run time (a helper's Message, a Name, is fine)."""
    calls = list(i18n.message_calls(list(i18n._python_files(i18n.CORE))))
    found = [f"{rel}:{node.lineno}" for rel, node in calls if isinstance(node.args[0], (ast.JoinedStr, ast.BinOp))]
    assert len(calls) > 400 and not found, found


# --- the mechanism -----------------------------------------------------------------------------------------------
def test_error_keeps_template_and_fields_and_reads_as_english():
    exc = NeonFormatError("{file}: not an HDF5 file", file="/data/x.h5")
    assert str(exc) == "/data/x.h5: not an HDF5 file" and exc.args == ("/data/x.h5: not an HDF5 file",)
    assert exc.template == "{file}: not an HDF5 file" and exc.fields == {"file": "/data/x.h5"}
    back = pickle.loads(pickle.dumps(exc))  # errors cross to and from Dask workers
    assert type(back) is NeonFormatError and str(back) == str(exc) and back.fields == exc.fields
    plain = ParameterError("already formatted {text} with braces")
    assert str(plain) == plain.template == "already formatted {text} with braces" and plain.fields == {}
    assert isinstance(exc, ValueError)


def test_localize_translates_the_template_and_nested_messages():
    exc = HyspecError("{where}: cannot read {what}", where="INPUT: a.h5", what=Message("the file"))
    assert str(exc) == "INPUT: a.h5: cannot read the file"
    assert localize(exc, french) == "INPUT: a.h5 : impossible de lire le fichier"
    assert localize(NeonFormatError("{file}: not an HDF5 file", file="b.h5"), french) == "b.h5 : pas un fichier HDF5"
    listing = join("; ", [Message("{n} bands", n=3), "x{y}"])  # braces in a value are kept as they are
    assert str(listing) == "3 bands; x{y}" and localize(listing, french) == "3 bandes; x{y}"
    assert localize("k-means: starting", french) == "k-means: starting"  # plain text goes through tr whole


def test_a_translation_that_does_not_fit_falls_back_to_english():
    exc = HyspecError("{file}: not an HDF5 file", file="c.h5")
    assert localize(exc, lambda t: "{fichier} : pas un fichier HDF5") == "c.h5: not an HDF5 file"
    assert localize(exc, lambda t: "{file:d} : pas un fichier HDF5") == "c.h5: not an HDF5 file"


def test_progress_log_gives_the_callback_a_message():
    seen = []
    progress = Progress(lambda fraction, message: seen.append((fraction, message)))
    progress.sub(0.5, 1.0).log("k-means: labelled {n} valid pixels ({summary})", n=12, summary="cluster 1: 12")
    progress(0.25, "{n} bands", n=4)
    progress.log("no fields: {kept as is}")
    (f1, m1), (f2, m2), (f3, m3) = seen
    assert f1 is None and m1 == "k-means: labelled 12 valid pixels (cluster 1: 12)"
    assert m1.template == "k-means: labelled {n} valid pixels ({summary})" and m1.fields["n"] == 12
    assert f2 == 0.25 and localize(m2, french) == "4 bandes"
    assert m3 == "no fields: {kept as is}" and not isinstance(m3, Message)
    assert pickle.loads(pickle.dumps(m1)).fields == m1.fields


def test_a_real_core_error_and_log_line_carry_their_templates(tmp_path):
    from hyspec_qgis.core import import_neon
    from hyspec_qgis.core.methods.bands import resolve_windows

    bad = tmp_path / "not.h5"
    bad.write_bytes(b"not hdf5 at all")
    with pytest.raises(NeonFormatError) as info:
        import_neon(str(bad), str(tmp_path / "o.tif"))
    assert info.value.template == "{where}: not an HDF5 file (expected a NEON AOP reflectance .h5 file)"
    assert str(info.value).endswith(f"{bad}: not an HDF5 file (expected a NEON AOP reflectance .h5 file)")
    _, note = resolve_windows(None, {}, has_wavelengths=True)
    assert note.template == "water-vapour windows {windows} nm ({source})"
    assert localize(note, lambda t: t) == str(note) == \
        "water-vapour windows 1340-1445;1790-1955 nm (the default NEON windows)"


# --- in QGIS, in French --------------------------------------------------------------------------------------------
@pytest.fixture
def in_french(qgis_app):
    from hyspec_qgis.i18n.translator import install_translator, remove_translators

    assert install_translator("fr") is not None, "hyspec_fr.qm is missing: run make i18n"
    yield
    remove_translators()


def test_core_error_reaches_the_user_in_french(run_alg, tmp_path, in_french):
    from qgis.core import QgsProcessingException

    bad = tmp_path / "not_hdf5.h5"
    bad.write_bytes(b"definitely not an HDF5 file")
    with pytest.raises(QgsProcessingException) as info:
        run_alg("hyspec:importneon", {"INPUT": str(bad), "OUTPUT": str(tmp_path / "o.tif")})
    assert f"{bad} : pas un fichier HDF5 (un fichier .h5 de réflectance NEON AOP était attendu)" in str(info.value)
    assert not (tmp_path / "o.tif").exists()


def test_core_log_lines_are_shown_in_french(run_alg, imported_tile, tmp_path, in_french):
    run_alg("hyspec:cleanbands", {"INPUT": imported_tile, "DROP_LAST": 10, "OUTPUT": str(tmp_path / "c.tif")})
    log = run_alg.feedback.messages
    assert "fenêtres de vapeur d'eau 1340-1445;1790-1955 nm (enregistrées dans les métadonnées de l'entrée, " \
           "WATER_WINDOWS_NM)" in log, log[:6]
    assert "362 conservée(s) sur 426 bandes" in log
    assert any(m.startswith("10 bandes retirée(s) (DROP_LAST) : ") for m in log)


def test_english_without_the_translator(run_alg, tmp_path, qgis_app):
    from qgis.core import QgsProcessingException

    bad = tmp_path / "not_hdf5.h5"
    bad.write_bytes(b"definitely not an HDF5 file")
    with pytest.raises(QgsProcessingException, match="not an HDF5 file \\(expected a NEON AOP reflectance"):
        run_alg("hyspec:importneon", {"INPUT": str(bad), "OUTPUT": str(tmp_path / "o.tif")})


def test_tutorial_models_show_their_texts_in_french(hyspec_provider, in_french):
    from hyspec_qgis.provider import _model_class, translate_model

    model = _model_class()()
    assert model.fromFile(os.path.join(ROOT, "hyspec_qgis", "models", "neon_kmeans_pca_tutorial.model3"))
    translate_model(model)
    assert model.displayName() == "Tutoriel NEON : k-means et ACP" and model.group() == "Modèles des tutoriels"
    labels = {p.name(): p.description() for p in model.parameterDefinitions()}
    assert labels["variance_fraction"] == "Fraction de variance de l'ACP"
    assert labels["kmeans:classes"] == "Classes k-means"  # a destination: its name stays, its label is French
    assert model.parameterDefinition("clusters").help() == "Nombre de classes k-means (le tutoriel en utilise 5)."
    assert "Dalle NEON -> nettoyage des bandes" in model.shortHelpString()
    assert model.childAlgorithm("import").description() == "Importer la dalle NEON"
    copy = model.create()  # what a dialog or a run gets: title, labels and names as the original's
    assert copy.displayName() == "Tutoriel NEON : k-means et ACP"
    assert {p.name(): p.description() for p in copy.parameterDefinitions()} == labels
