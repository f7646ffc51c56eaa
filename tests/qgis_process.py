"""Helper for end-to-end tests: run bin/qgis_process and parse its --json output."""
import json
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAUNCHER = os.path.join(ROOT, "bin", "qgis_process")


def qgis_process(*args, timeout=300):
    """Run ``bin/qgis_process <args>``; returns (returncode, stdout, stderr)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([LAUNCHER, *args], capture_output=True, text=True, timeout=timeout, env=env)
    return proc.returncode, proc.stdout, proc.stderr


def run_json(alg, **params):
    """``qgis_process --json run ALG -- KEY=VALUE ...``; returns (returncode, parsed json or None, stderr)."""
    args = ["--json", "run", alg, "--"] + [f"{k}={v}" for k, v in params.items()]
    code, out, err = qgis_process(*args)
    start = out.find("{")
    data = json.loads(out[start:]) if start >= 0 else None
    return code, data, err + ("" if data is not None else out)
