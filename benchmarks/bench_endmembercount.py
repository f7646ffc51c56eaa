"""How many endmembers on a full tile (ctx["clean_unmix"], 362 bands): hyspec endmembercount against one plain read
of the same file (the target: the whole run <= 1.3 x that read), in Python and through qgis_process, and pysptools'
HySime (est_noise + hysime, a port of the authors' Matlab code) as the reference for agreement.

The generator put 5 materials in the tile. pysptools holds the whole cube as float64 and loops over the bands in
Python (one (N x L) product per band), so it is timed on the first 100 rows (about 100k valid pixels) and its time
scaled linearly to the tile's valid pixels, as the case name says; hyspec's HySime on the same rows is reported beside
its answer. pysptools' HfcVd is left out on purpose: it compares the correlation *coefficients* with the covariance,
so its answer changes with the data's scale (not the HFC method).
"""
import json
import os
import subprocess
import time

import numpy as np

from common import ROOT, Case, patch_numpy_for_pysptools, record, recorded_floor

SUBSET_ROWS = 100
GROUP = "endmember count: full tile, 362 bands (HySime, HFC and NWHFC at 1e-3/1e-4/1e-5)"

CASES = [
    Case(GROUP, "read the cleaned tile once (floor)", "read_floor", floor=True, read=True),
    Case(GROUP, "hyspec endmembercount, core (one streamed pass + estimates + CSV + plot)", "hyspec_core"),
    Case(GROUP, "qgis_process start-up: hyspec:endmembercount on a 30 x 30 px raster", "qgis_process_startup"),
    Case(GROUP, "hyspec:endmembercount through qgis_process (start-up included)", "hyspec_qgis_process", qgis=True),
    Case(GROUP, "pysptools est_noise + hysime, timed on 100k px (rows 0-99), scaled to the tile", "pysptools_hysime",
         reference=True),
]


def _out(ctx, name):
    return os.path.join(ctx["out"], name)


def _record(ctx, key, value):
    return record(ctx, "endmembercount_times.json", key, value)


def read_floor(ctx):
    return recorded_floor(ctx, "endmembercount_times.json", ctx["clean_unmix"])


def hyspec_core(ctx):
    from hyspec_qgis.core import SpectralRaster
    from hyspec_qgis.core.io.count_plot import write_count_html
    from hyspec_qgis.core.methods.endmember_count import count_endmembers, write_count_csv

    start, cpu = time.perf_counter(), time.process_time()
    result = count_endmembers(SpectralRaster(ctx["clean_unmix"]))
    write_count_csv(_out(ctx, "endmembercount.csv"), result)
    write_count_html(_out(ctx, "endmembercount.html"), result)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    times = _record(ctx, "core", seconds)
    info = dict(result.estimates())
    if "floor" in times:
        info["x read floor"] = round(seconds / times["floor"], 2)
        info["CPU x read floor's CPU"] = round(cpu / times["floor_cpu"], 2)
    return info


def _qgis_process(path, csv_path):
    """(wall seconds, CPU seconds of the qgis_process child, its results)."""
    import resource

    launcher = os.path.join(ROOT, "bin", "qgis_process")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([launcher, "--json", "run", "hyspec:endmembercount", "--", f"INPUT={path}",
                           f"OUTPUT={csv_path}"], capture_output=True, text=True, env=env, timeout=900)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:] + proc.stdout[-2000:])
    out = proc.stdout
    return seconds, cpu, json.loads(out[out.find("{"):])["results"]


def qgis_process_startup(ctx):
    from osgeo import gdal

    path = _out(ctx, "tiny_30px.tif")
    if not os.path.exists(path):
        data = np.random.default_rng(0).random((8, 30, 30)).astype(np.float32)
        ds = gdal.GetDriverByName("GTiff").Create(path, 30, 30, 8, gdal.GDT_Float32)
        ds.WriteArray(data)
        ds = None
    seconds, cpu, results = _qgis_process(path, _out(ctx, "tiny_count.csv"))
    _record(ctx, "startup", seconds)
    return {"HYSIME": results["HYSIME"], "qgis_process cpu_s": round(cpu, 1)}


def hyspec_qgis_process(ctx):
    seconds, cpu, results = _qgis_process(ctx["clean_unmix"], _out(ctx, "endmembercount_qp.csv"))
    times = _record(ctx, "qgis_process", seconds)
    info = {k: results[k] for k in ("HYSIME", "HFC_1E_3", "NWHFC_1E_3")}
    info["qgis_process cpu_s"] = round(cpu, 1)
    if "floor_cpu" in times:
        info["CPU x read floor's CPU"] = round(cpu / times["floor_cpu"], 2)
    if "floor" in times:
        info["x read floor"] = round(seconds / times["floor"], 2)
        if "startup" in times:
            info["(minus start-up) x read floor"] = round((seconds - times["startup"]) / times["floor"], 2)
    return info


def pysptools_hysime(ctx):
    from osgeo import gdal

    start = time.perf_counter()
    patch_numpy_for_pysptools()
    from pysptools.material_count.vd import est_noise, hysime

    ds = gdal.Open(ctx["clean_unmix"])
    cube = ds.ReadAsArray(0, 0, ds.RasterXSize, SUBSET_ROWS, interleave="pixel")
    valid = np.all(cube != ds.GetRasterBand(1).GetNoDataValue(), axis=2)
    x = cube[valid].astype(np.float64)
    w, rw = est_noise(x)
    k, _ = hysime(x, w, rw)
    elapsed = time.perf_counter() - start
    total = _record(ctx, "subset", int(x.shape[0])).get("valid") or int(ds.RasterXSize * ds.RasterYSize)
    info = {"pysptools HySime (rows 0-99)": int(k), "subset_pixels": int(x.shape[0]),
            "extrapolated_seconds": elapsed * total / x.shape[0]}
    from hyspec_qgis.core import SpectralRaster
    from hyspec_qgis.core.io.raster_reader import Window
    from hyspec_qgis.core.methods.endmember_count import count_endmembers

    raster = SpectralRaster(ctx["clean_unmix"])
    ours = count_endmembers(raster, window=Window(0, 0, SUBSET_ROWS, raster.width))
    info["hyspec HySime (rows 0-99)"] = ours.hysime.count
    return info
