"""Release habits: the zip installs into a fresh profile; metadata is complete; translations load."""
import configparser
import os
import shutil
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
def test_zip_installs_into_a_fresh_profile_and_runs(tmp_path, neon_tile):
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
    env = dict(os.environ, HYSPEC_QGIS_PROFILE=str(profile), HYSPEC_PLUGIN_DIR=str(plugins))
    listing = subprocess.run([LAUNCHER, "list"], capture_output=True, text=True, env=env, timeout=120).stdout
    assert "hyspec:importneon" in listing and "hyspec:cleanbands" in listing
    res = subprocess.run([LAUNCHER, "run", "hyspec:importneon", "--", f"INPUT={neon_tile[0]}",
                          f"OUTPUT={tmp_path / 'o.tif'}"], capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode == 0, res.stderr
    # The run used the installed copy, not this checkout.
    assert os.path.exists(tmp_path / "o.tif")


def test_french_translation_is_complete_and_compiled():
    import sys

    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    import i18n

    strings = i18n.extract_strings()
    translations = i18n.read_ts(os.path.join(ROOT, "hyspec_qgis", "i18n", "hyspec_fr.ts"))
    untranslated = [s for s in strings if s not in translations]
    assert not untranslated, f"{len(untranslated)} strings lack a French translation (run make i18n): {untranslated[:3]}"
    qm = os.path.join(ROOT, "hyspec_qgis", "i18n", "hyspec_fr.qm")
    assert os.path.getmtime(qm) >= os.path.getmtime(os.path.join(ROOT, "hyspec_qgis", "i18n", "hyspec_fr.ts")) - 5
