"""make bench: every benchmarks/bench_*.py case, one fresh process each, side by side with the reference tools.

Usage: benchmarks/run.py [topic ...]   (topic = the part after bench_, e.g. import, kmeans, endmembercount)
Prints a table per group with time, CPU, peak memory, the whole run as a ratio to the read floor (one plain pass over
the same input file, measured in the same run; qgis_process rows also without the fixed start-up of a trivial
qgis_process run, measured first) and the speed ratio against the group's reference, and writes it to
benchmarks/results/latest_<size>[_<topics>].md. HYSPEC_BENCH_SIZE=300 makes a quick, smaller run.
"""
import glob
import importlib
import json
import os
import subprocess
import sys

import common

TARGET = 1.3  # issue 15: each step's whole run <= 1.3 x one read pass of its input + the fixed start-up


def run_case(module_name, case, ctx):
    print(f"[{module_name}] {case.name} ...", flush=True)
    proc = subprocess.run([sys.executable, os.path.join(common.HERE, "case.py"), module_name, case.fn, json.dumps(ctx)],
                          capture_output=True, text=True, cwd=common.HERE)
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
    if proc.returncode != 0 or not line:
        print(proc.stderr[-3000:], file=sys.stderr)
        return None
    r = json.loads(line[-1][7:])
    print(f"    {r['seconds']:.2f} s, CPU {r['info'].get('cpu_s', 0):.1f} s, peak {r['peak_mb']:.0f} MB, {r['info']}",
          flush=True)
    return r


def best_of(module_name, case, ctx, runs=2):
    """The faster of ``runs`` runs (read floors and the start-up: noise would only make the ratios look better)."""
    done = [r for r in (run_case(module_name, case, ctx) for _ in range(runs)) if r]
    if not done:
        return None
    best = min(done, key=lambda r: r["seconds"])
    best["info"]["runs"] = ", ".join(f"{r['seconds']:.2f}" for r in done)
    return best


def _ratio(r, floor, startup, qgis):
    """'wall; CPU' ratios of a run to the read floor (qgis_process runs: minus the start-up)."""
    if not floor:
        return ""
    wall, cpu = r["seconds"], r["info"].get("cpu_s", 0.0)
    if qgis and startup:
        wall, cpu = wall - startup["seconds"], cpu - startup["info"].get("cpu_s", 0.0)
    text = f"{wall / floor['seconds']:.2f}"
    if floor["info"].get("cpu_s"):
        text += f"; {cpu / floor['info']['cpu_s']:.2f}"
    return text


def table(group, cases, results, floor, startup) -> list[str]:
    ref = next((c for c in cases if c.reference), None)
    ref_s = results[ref.name]["seconds"] if ref and results.get(ref.name) else None
    lines = [f"## {group}", ""]
    if floor:
        lines.append(f"Read floor: {floor['seconds']:.2f} s wall, {floor['info'].get('cpu_s', 0):.1f} s CPU. "
                     f"'x floor' = whole run / floor (wall; CPU); qgis_process rows: minus the fixed start-up "
                     f"(target <= {TARGET}).")
        lines.append("")
    lines += ["| case | time (s) | CPU (s) | peak RSS (MB) | x floor | speed-up vs reference | result |",
              "|---|---|---|---|---|---|---|"]
    for c in cases:
        r = results.get(c.name)
        if r is None:
            lines.append(f"| {c.name} | failed | | | | | |")
            continue
        info = dict(r["info"])
        cpu = info.pop("cpu_s", "")
        ratio = f"{ref_s / r['seconds']:.1f}x" if ref_s and not c.reference else ("reference" if c.reference else "")
        x_floor = "floor" if c.read else _ratio(r, floor, startup, c.qgis)
        lines.append(f"| {c.name} | {r['seconds']:.2f} | {cpu} | {r['peak_mb']:.0f} | {x_floor} | {ratio} | "
                     f"{', '.join(f'{k}={v}' for k, v in info.items())} |")
    lines.append("")
    return lines


def main(topics):
    ctx = common.inputs()
    modules = sorted(os.path.basename(p)[:-3] for p in glob.glob(os.path.join(common.HERE, "bench_*.py")))
    if topics:
        modules = [m for m in modules if m[len("bench_"):] in topics]
    loaded = {name: importlib.import_module(name) for name in modules}
    lines = [f"# hyspec_qgis benchmarks: {common.size()} x {common.size()} px sample tile, {os.cpu_count()} cores", ""]
    startup = None
    if any(c.qgis for m in loaded.values() for c in m.CASES):
        results = {c.name: best_of("common", c, ctx) if i == 0 else run_case("common", c, ctx)
                   for i, c in enumerate(common.STARTUP_CASES)}
        startup = results[common.STARTUP_CASES[0].name]  # the fastest of its runs (a shared machine adds noise)
        lines += table(common.STARTUP_CASES[0].group, common.STARTUP_CASES, results, None, None)
    for name, module in loaded.items():
        results = {c.name: best_of(name, c, ctx) if c.read else run_case(name, c, ctx) for c in module.CASES}
        module_floor = next((results[c.name] for c in module.CASES if c.read and results.get(c.name)), None)
        for group in dict.fromkeys(c.group for c in module.CASES):
            cases = [c for c in module.CASES if c.group == group]
            floor = next((results[c.name] for c in cases if c.read and results.get(c.name)), module_floor)
            lines += table(group, cases, results, floor, startup)
    report = "\n".join(lines)
    os.makedirs(os.path.join(common.HERE, "results"), exist_ok=True)
    # Named by size and topics, so a quick or partial run never overwrites a full-size report.
    name = f"latest_{common.size()}" + (f"_{'_'.join(topics)}" if topics else "") + ".md"
    with open(os.path.join(common.HERE, "results", name), "w") as f:
        f.write(report + "\n")
    print("\n" + report)


if __name__ == "__main__":
    main(sys.argv[1:])
