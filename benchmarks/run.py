"""make bench: every benchmarks/bench_*.py case, one fresh process each, side by side with the reference tools.

Usage: benchmarks/run.py [topic ...]   (topic = the part after bench_, e.g. import, kmeans, endmembercount)
Prints a table per group with time, peak memory and the speed ratio against the group's reference, and writes
it to benchmarks/results/latest_<size>[_<topics>].md. HYSPEC_BENCH_SIZE=300 makes a quick, smaller run.
"""
import glob
import importlib
import json
import os
import subprocess
import sys

import common


def main(topics):
    ctx = common.inputs()
    modules = sorted(os.path.basename(p)[:-3] for p in glob.glob(os.path.join(common.HERE, "bench_*.py")))
    if topics:
        modules = [m for m in modules if m[len("bench_"):] in topics]
    lines = [f"# hyspec_qgis benchmarks: {common.size()} x {common.size()} px sample tile, {os.cpu_count()} cores", ""]
    for name in modules:
        module = importlib.import_module(name)
        results = {}
        for case in module.CASES:
            print(f"[{name}] {case.name} ...", flush=True)
            proc = subprocess.run([sys.executable, os.path.join(common.HERE, "case.py"), name, case.fn, json.dumps(ctx)],
                                  capture_output=True, text=True, cwd=common.HERE)
            line = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
            if proc.returncode != 0 or not line:
                print(proc.stderr[-3000:], file=sys.stderr)
                results[case.name] = None
                continue
            results[case.name] = json.loads(line[-1][7:])
            r = results[case.name]
            print(f"    {r['seconds']:.2f} s, peak {r['peak_mb']:.0f} MB, {r['info']}", flush=True)
        for group in dict.fromkeys(c.group for c in module.CASES):
            cases = [c for c in module.CASES if c.group == group]
            ref = next((c for c in cases if c.reference), None)
            ref_s = results.get(ref.name, {}) and results[ref.name]["seconds"] if ref else None
            lines += [f"## {group}", "", "| case | time (s) | peak RSS (MB) | speed-up vs reference | result |",
                      "|---|---|---|---|---|"]
            for c in cases:
                r = results.get(c.name)
                if r is None:
                    lines.append(f"| {c.name} | failed | | | |")
                    continue
                ratio = f"{ref_s / r['seconds']:.1f}x" if ref_s and not c.reference else ("reference" if c.reference else "")
                lines.append(f"| {c.name} | {r['seconds']:.2f} | {r['peak_mb']:.0f} | {ratio} | "
                             f"{', '.join(f'{k}={v}' for k, v in r['info'].items())} |")
            lines.append("")
    report = "\n".join(lines)
    os.makedirs(os.path.join(common.HERE, "results"), exist_ok=True)
    # Named by size and topics, so a quick or partial run never overwrites a full-size report.
    name = f"latest_{common.size()}" + (f"_{'_'.join(topics)}" if topics else "") + ".md"
    with open(os.path.join(common.HERE, "results", name), "w") as f:
        f.write(report + "\n")
    print("\n" + report)


if __name__ == "__main__":
    main(sys.argv[1:])
