"""Release habits: the zip installs into a fresh profile; metadata is complete; translations load."""
import configparser
import os
import shutil
import string
import subprocess
import zipfile

import pytest

from tests.qgis_process import LAUNCHER, ROOT

REQUIRED_METADATA = ["name", "description", "about", "version", "qgisMinimumVersion", "author", "email", "repository",
                     "tracker", "homepage", "tags", "category", "hasProcessingProvider", "changelog"]


def test_metadata_complete():
    meta = configparser.ConfigParser()
    meta.read(os.path.join(ROOT, "hyspec_qgis", "metadata.txt"))
    general = meta["general"]
    for key in REQUIRED_METADATA:
        assert general.get(key, "").strip(), f"metadata.txt lacks {key}"
    assert general["hasProcessingProvider"] == "yes"
    assert "processing" in general["tags"] and "modeler" in general["tags"]
    version = general["version"]
    assert f"## [{version}]" in open(os.path.join(ROOT, "CHANGELOG.md")).read()


@pytest.mark.qgis_process
def test_zip_installs_into_a_fresh_profile_and_runs(tmp_path, neon_tile, imported_tile):
    if shutil.which("git") is None or subprocess.run(["git", "-C", ROOT, "rev-parse", "HEAD"],
                                                      capture_output=True).returncode != 0:
        pytest.skip("packaging is built from git")
    out = subprocess.run(["bash", os.path.join(ROOT, "scripts", "package.sh"), "test"], capture_output=True,
                         text=True, check=True, cwd=ROOT).stdout.strip().splitlines()[-1]
    zip_path = os.path.join(ROOT, out)
    with zipfile.ZipFile(zip_path) as z:
        names = z.namelist()
        assert "hyspec_qgis/metadata.txt" in names and "hyspec_qgis/provider.py" in names
        assert not any("__pycache__" in n or n.startswith("tests/") for n in names)
        profile = tmp_path / "profile"
        plugins = profile / "profiles" / "default" / "python" / "plugins"
        plugins.mkdir(parents=True)
        z.extractall(plugins)
    os.remove(zip_path)
    installed = plugins / "hyspec_qgis"
    assert not list(installed.rglob("*.pyc"))  # the zip holds no byte code, so any .pyc below is from these runs
    # Only the installed copy on the plugin path (not this checkout), and Python free to write byte code.
    env = {k: v for k, v in os.environ.items() if k not in ("QGIS_PLUGINPATH", "PYTHONDONTWRITEBYTECODE")}
    env.update(HYSPEC_QGIS_PROFILE=str(profile), HYSPEC_PLUGIN_DIR=str(plugins))
    listing = subprocess.run([LAUNCHER, "list"], capture_output=True, text=True, env=env, timeout=120).stdout
    assert "hyspec:importneon" in listing and "hyspec:cleanbands" in listing
    for cache in list(installed.rglob("__pycache__")):  # so what follows shows what the run itself imported
        shutil.rmtree(cache)
    res = subprocess.run([LAUNCHER, "run", "hyspec:importneon", "--", f"INPUT={neon_tile[0]}",
                          f"OUTPUT={tmp_path / 'o.tif'}"], capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode == 0, res.stderr
    # The run used the installed copy, not this checkout: Python compiled the installed provider, algorithm and the
    # core it calls when it imported them (a module name is imported from one place only) ...
    compiled = {p.name.split(".")[0] for p in installed.rglob("__pycache__/*.pyc")}
    assert {"provider", "importneon", "importer"} <= compiled, sorted(compiled)
    # ... and it wrote the tile: the same pixels as this checkout's importer.
    from osgeo import gdal

    installed_ds, checkout_ds = gdal.Open(str(tmp_path / "o.tif")), gdal.Open(imported_tile)
    assert installed_ds.RasterCount == 426
    assert (installed_ds.ReadAsArray() == checkout_ds.ReadAsArray()).all()


def _i18n():
    import sys

    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    import i18n

    return i18n


def test_french_translation_is_complete():
    i18n = _i18n()
    strings = i18n.extract_strings()
    translations = i18n.read_ts(os.path.join(ROOT, "hyspec_qgis", "i18n", "hyspec_fr.ts"))
    untranslated = [s for s in strings if s not in translations]
    assert not untranslated, f"{len(untranslated)} strings lack a French translation (run make i18n): {untranslated[:3]}"


def test_french_translation_covers_core_messages_and_models():
    """The completeness check above reaches the core's templates (errors, log lines) and the tutorial models, and
    every French template keeps the fields it fills (a translation may leave one out, never invent one)."""
    i18n = _i18n()
    strings = i18n.extract_strings()
    translations = i18n.read_ts(os.path.join(ROOT, "hyspec_qgis", "i18n", "hyspec_fr.ts"))
    expected = {
        "{where}: not an HDF5 file (expected a NEON AOP reflectance .h5 file)":  # NeonFormatError
            "{where} : pas un fichier HDF5 (un fichier .h5 de réflectance NEON AOP était attendu)",
        "k-means: labelled {n_labelled} valid pixels ({summary})":  # progress.log
            "k-means : {n_labelled} pixels valides étiquetés ({summary})",
        "{name}: resuming at {mb:.1f} MB of {total_mb:.1f} MB":  # the download client's log
            "{name} : reprise à {mb:.1f} Mo sur {total_mb:.1f} Mo",
        "Tutorial models": "Modèles des tutoriels",
        "PCA variance fraction": "Fraction de variance de l'ACP",  # a model parameter (.model3)
    }
    for source, french in expected.items():
        assert source in strings and translations.get(source) == french, source
    given = {}  # template -> the keywords its calls pass
    for template, keywords, _ in i18n.core_messages():
        given.setdefault(template, set()).update(keywords or ())
    broken = []
    for template, names in given.items():
        french = translations[template]
        fields = i18n.template_fields(french)
        if fields is None or not fields <= (i18n.template_fields(template) | names):
            broken.append((template, french))
            continue
        english = {(n, c, f) for _, n, f, c in string.Formatter().parse(template) if n}
        for _, name, spec, conv in string.Formatter().parse(french):
            if name and name in i18n.template_fields(template) and (name, conv, spec) not in english:
                broken.append((template, french, name))  # the same value in another format ({x:d} for {x:.1f})
    assert len(given) > 400 and not broken, broken[:3]


def test_french_qm_is_compiled_from_the_ts(qgis_app):
    """The .qm that QGIS loads gives, for every source string, the translation the .ts holds now (make i18n ran)."""
    from hyspec_qgis.i18n.translator import install_translator, remove_translators, tr

    translations = _i18n().read_ts(os.path.join(ROOT, "hyspec_qgis", "i18n", "hyspec_fr.ts"))
    assert install_translator("fr") is not None, "hyspec_fr.qm is missing or unreadable: run make i18n"
    try:
        stale = [s for s, t in translations.items() if tr(s) != t]
    finally:
        remove_translators()
    assert len(translations) > 100 and not stale, f"{len(stale)} translations differ in the .qm (run make i18n): {stale[:3]}"
