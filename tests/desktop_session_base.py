"""The session side of tests/desktop_runner.py, imported inside QGIS by the session scripts: run the session once
QGIS is up, write what it saw (or the traceback) to the job's result file and quit; a watchdog ends a stuck session."""
import json
import os
import traceback

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer


def start(run, result: dict, job: dict) -> None:
    """Schedule ``run()`` after start-up; ``result`` (filled by ``run``) goes to ``job["result"]``."""

    def write():
        with open(job["result"], "w") as f:
            json.dump(result, f)

    def main():
        try:
            run()
            result["ok"] = True
        except Exception:  # noqa: BLE001 - reported to the test
            result["ok"] = False
            result["error"] = traceback.format_exc()
        write()
        QgsProject.instance().clear()
        QgsApplication.exit(0)

    def watchdog():
        result["ok"] = False
        result["error"] = "the session did not finish in time"
        write()
        os._exit(3)

    QTimer.singleShot(int(job.get("timeout_s", 240)) * 1000, watchdog)
    QTimer.singleShot(300, main)
