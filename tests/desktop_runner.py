"""Runs a session script inside a real QGIS desktop (``qgis --code``, under a private Xvfb) and returns the JSON it
wrote. Shared by the desktop tests (tests/test_*_desktop.py); the session side is tests/desktop_session_base.py."""
import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.qgis_process import ROOT

TESTS = os.path.join(ROOT, "tests")
OTHER_PLUGINS = ("processing", "grassprovider", "sagaprovider", "db_manager", "MetaSearch", "otbprovider")


def run_session(script: str, job: dict, tmp_path, job_variable: str, with_repo_on_path: bool = True) -> dict:
    """Start QGIS with a fresh profile where only hyspec_qgis is enabled, run ``script`` with the job (a JSON file
    named by the environment variable ``job_variable``), and return its result (``ok`` asserted).
    ``with_repo_on_path``: also put the repository on PYTHONPATH (else the plugin is found only as QGIS finds it)."""
    if not os.environ.get("DISPLAY") and shutil.which("xvfb-run") is None:
        pytest.skip("no X server: DISPLAY is unset and xvfb-run is not installed (Debian: apt install xvfb xauth)")
    profile = tmp_path / "profile"
    ini = profile / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True)
    ini.write_text("[PythonPlugins]\nhyspec_qgis=true\n" + "".join(f"{p}=false\n" for p in OTHER_PLUGINS) +
                   "\n[app]\nplugin_installer\\checkOnStart=false\n\n[core]\nNewsFeed\\httpsfeedqgisorg\\disabled=true\n")
    job_path = tmp_path / "job.json"
    job_path.write_text(json.dumps(job))
    site = os.path.join(ROOT, ".venv", "lib", f"python{sys.version_info[0]}.{sys.version_info[1]}", "site-packages")
    paths = [ROOT] if with_repo_on_path else []
    paths += [TESTS, site, os.environ.get("PYTHONPATH", "")]
    env = dict(os.environ, QGIS_PLUGINPATH=ROOT, QT_QPA_PLATFORM="xcb",
               PYTHONPATH=os.pathsep.join(p for p in paths if p),
               XDG_RUNTIME_DIR=os.environ.get("XDG_RUNTIME_DIR", f"/tmp/runtime-{os.getuid()}"))
    env[job_variable] = str(job_path)
    env.pop("QGIS_CUSTOM_CONFIG_PATH", None)
    cmd = ["/usr/bin/qgis.bin", "--noversioncheck", "--nologo", "--profiles-path", str(profile), "--code", script]
    if shutil.which("xvfb-run"):  # a private X server of known size, even where a desktop is running
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24"] + cmd
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=int(job.get("timeout_s", 240)) + 60)
    if not os.path.exists(job["result"]):
        if any(text in proc.stderr for text in ("Xvfb failed to start", "could not connect to display")):
            pytest.skip(f"no X server could be started: {proc.stderr.strip()[-300:]}")
        raise AssertionError(f"QGIS wrote no result (exit {proc.returncode}):\n{proc.stderr[-4000:]}")
    result = json.load(open(job["result"]))
    assert result.get("ok"), result.get("error", "") + proc.stderr[-3000:]
    return result
