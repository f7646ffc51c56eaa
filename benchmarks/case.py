"""Run one benchmark case in this (fresh) process and print a JSON line: seconds, peak RSS, what it returned."""
import importlib
import json
import resource
import sys
import time

from common import cpu_seconds  # also puts the repo on sys.path

module_name, fn_name = sys.argv[1], sys.argv[2]
module = importlib.import_module(module_name)
ctx = json.loads(sys.argv[3])
# CPU time (user + system, all threads) besides wall time: other jobs on a shared machine stretch wall-clock times
# unevenly between cases; CPU time is a steadier measure of the work each tool does.
# Child processes (bin/qgis_process, workers) count too: common.cpu_seconds.
before = cpu_seconds()
start = time.perf_counter()
info = getattr(module, fn_name)(ctx) or {}
seconds = time.perf_counter() - start
cpu = cpu_seconds() - before
if "timed_s" in info:  # the case timed its own part (untimed preparation: a cached input, a warm page cache)
    info["case_total_s"] = round(seconds, 2)
    seconds = float(info.pop("timed_s"))
    cpu = float(info.pop("timed_cpu_s", cpu))
if "extrapolated_seconds" in info:  # a reference timed on a subset and scaled to the full input (the case says so)
    info["measured_s"] = round(seconds, 2)
    info["measured_cpu_s"] = round(cpu, 1)
    factor = float(info.pop("extrapolated_seconds")) / max(seconds, 1e-9)
    seconds, cpu = seconds * factor, cpu * factor
info["cpu_s"] = round(cpu, 2)
peak_mb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
              resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024.0
print("RESULT " + json.dumps({"seconds": seconds, "peak_mb": peak_mb, "info": info}, default=str))
