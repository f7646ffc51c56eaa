"""Run one benchmark case in this (fresh) process and print a JSON line: seconds, peak RSS, what it returned."""
import importlib
import json
import resource
import sys
import time

import common  # noqa: F401 - puts the repo on sys.path

module_name, fn_name = sys.argv[1], sys.argv[2]
module = importlib.import_module(module_name)
ctx = json.loads(sys.argv[3])
# CPU time (user + system, all threads) besides wall time: other jobs on a shared machine stretch wall-clock times
# unevenly between cases; CPU time is a steadier measure of the work each tool does.
before = resource.getrusage(resource.RUSAGE_SELF)
start = time.perf_counter()
info = getattr(module, fn_name)(ctx) or {}
seconds = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_SELF)
info["cpu_s"] = round(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, 1)
if "extrapolated_seconds" in info:  # a reference timed on a subset and scaled to the full input (the case says so)
    info["measured_s"] = round(seconds, 2)
    seconds = float(info.pop("extrapolated_seconds"))
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
print("RESULT " + json.dumps({"seconds": seconds, "peak_mb": peak_mb, "info": info}, default=str))
