"""GeoTIFF layouts for a reflectance cube, side by side: what one band, a block of all bands and QGIS each cost.

The same full tile (the cached import, 1000 x 1000 x 426 float32, ZSTD level 1, no predictor) is written in each
layout from the row blocks our walker streams (32 rows for 16-row tiles, 39 otherwise: SpectralRaster.block_rows):

* ``pixel 1008x16``: what RasterWriter wrote before issue 12 (pixel-interleaved tiles of the full width x 16 rows);
* ``band 1008x16``: RasterWriter now (band-interleaved, same tiles), with its streamed statistics and histograms;
  ``band 1008x16, no statistics`` is the same file without them (what the statistics cost the writer);
* ``band 256x256`` and ``band 512x512``: band-interleaved square tiles, the usual GeoTIFF advice;
* ``band 1008x16 + overviews``: ours with internal overviews (2, 4, 8; AVERAGE, ZSTD, band-interleaved), timed as
  the extra step after writing, and drawn zoomed out too (250 x 250 px), where overviews would pay.

Per layout: write time and size; one-band read (band 213, fresh dataset, as QGIS reads a band); the three true-colour
bands; the all-bands block pass as every algorithm reads (SpectralRaster.blocks: first block and whole pass, peak
memory); QGIS: layer load, first draw (true colour at 1000 x 1000 px, QgsMapRendererSequentialJob offscreen) and the
Layer Properties Information page (QgsRasterLayer.htmlMetadata, which asks every band for its statistics), each in a
fresh QGIS process. ``HYSPEC_BENCH_PROPERTIES_TIMEOUT`` (s, default 600) caps the Information page of a layout.
"""
import json
import os
import subprocess
import sys
import time

import numpy as np

from common import Case, Timer, cpu_seconds

LAYOUTS = {  # name: (tile width or None for the full width rounded to 16, tile height, interleave, our writer)
    "pixel 1008x16": (None, 16, "PIXEL", False),
    "band 1008x16": (None, 16, "BAND", True),
    "band 1008x16, no statistics": (None, 16, "BAND", True),
    "band 256x256": (256, 256, "BAND", False),
    "band 512x512": (512, 512, "BAND", False),
    "band 1008x16 + overviews": (None, 16, "BAND", True),
}
ONE_BAND = 213
RGB = (54, 34, 14)  # nearest 650 / 550 / 450 nm on NEON's 426-band grid


def _slug(name):
    return name.replace(" ", "_").replace(",", "")


def _path(ctx, name):
    return os.path.join(ctx["out"], f"layout_{_slug(name)}.tif")


def _write(ctx, name):
    from osgeo import gdal

    from hyspec_qgis.core import SpectralRaster
    from hyspec_qgis.core.io.raster_reader import BLOCK_BYTES
    from hyspec_qgis.core.io.raster_writer import RasterWriter

    bx, by, interleave, ours = LAYOUTS[name]
    src = SpectralRaster(ctx["reflectance"])
    out = _path(ctx, name)
    budget = max(1, BLOCK_BYTES // (4 * src.count * src.width))  # rows as SpectralRaster.block_rows gives for it
    rows = budget - budget % by if budget >= by else budget
    if ours:
        writer = RasterWriter(out, width=src.width, height=src.height, bands=src.count, geotransform=src.geotransform,
                              crs_wkt=src.crs_wkt, nodata=-9999.0, wavelengths=src.wavelengths, fwhm=src.fwhm)
    else:
        bx = bx or min(1024, -(-src.width // 16) * 16)
        opts = ["TILED=YES", f"BLOCKXSIZE={bx}", f"BLOCKYSIZE={by}", "COMPRESS=ZSTD", "ZSTD_LEVEL=1", "PREDICTOR=1",
                "NUM_THREADS=ALL_CPUS", "BIGTIFF=IF_SAFER", f"INTERLEAVE={interleave}"]
        ds = gdal.GetDriverByName("GTiff").Create(out, src.width, src.height, src.count, gdal.GDT_Float32, opts)
        ds.SetGeoTransform(src.geotransform)
        ds.SetProjection(src.crs_wkt)
        for b in range(src.count):
            ds.GetRasterBand(b + 1).SetNoDataValue(-9999.0)
    written = cpu = 0.0
    t0 = time.perf_counter()
    for block in src.blocks(rows=rows):
        image = block.image(block.data)
        image[~block.valid.reshape(block.nrows, block.ncols)] = -9999.0
        start, start_cpu = time.perf_counter(), cpu_seconds()
        if ours:
            writer.write(image, block.row0)
        else:
            ds.WriteArray(np.ascontiguousarray(image), 0, block.row0, interleave="pixel")
        written, cpu = written + time.perf_counter() - start, cpu + cpu_seconds() - start_cpu
    start, start_cpu = time.perf_counter(), cpu_seconds()
    if ours:
        writer.close()
    else:
        ds.FlushCache()
        ds = None
    written, cpu = written + time.perf_counter() - start, cpu + cpu_seconds() - start_cpu
    total = time.perf_counter() - t0
    return {"timed_s": written, "timed_cpu_s": cpu, "read_s": round(total - written, 1), "write_rows": rows,
            "MB": round(os.path.getsize(out) / 1e6, 1)}


def _write_with_overviews(ctx, name):
    """Ours, then internal overviews built on the closed file: the overview step is what is timed."""
    from osgeo import gdal

    info = _write(ctx, name)
    path = _path(ctx, name)
    for key, value in (("COMPRESS_OVERVIEW", "ZSTD"), ("INTERLEAVE_OVERVIEW", "BAND"), ("GDAL_NUM_THREADS", "ALL_CPUS")):
        gdal.SetConfigOption(key, value)
    ds = gdal.Open(path, gdal.GA_Update)
    start = time.perf_counter()
    ds.BuildOverviews("AVERAGE", [2, 4, 8])
    ds = None
    seconds = time.perf_counter() - start
    return {"timed_s": seconds, "timed_cpu_s": 0.0, "write_s": round(info["timed_s"], 1),
            "MB": round(os.path.getsize(path) / 1e6, 1), "MB_without": info["MB"]}


def _write_without_statistics(ctx, name):
    """Our writer with its statistics switched off: what they cost (the file is otherwise the same)."""
    from hyspec_qgis.core.io import raster_writer

    raster_writer.BandStatistics.add = lambda self, values: None
    raster_writer.write_band_statistics = lambda *args, **kwargs: None
    return _write(ctx, name)


def _one_band(ctx, name):
    from osgeo import gdal

    path = _path(ctx, name)
    ds = gdal.Open(path)
    with Timer() as t:
        ds.GetRasterBand(ONE_BAND).ReadAsArray()
    ds = None
    ds = gdal.Open(path)
    start = time.perf_counter()
    for b in RGB:
        ds.GetRasterBand(b).ReadAsArray()
    return t.info() | {"three_rgb_bands_s": round(time.perf_counter() - start, 3)}


def _block_pass(ctx, name):
    from hyspec_qgis.core import SpectralRaster

    raster = SpectralRaster(_path(ctx, name))
    first = None
    start = time.perf_counter()
    with Timer() as t:
        for _ in raster.blocks():
            first = first if first is not None else time.perf_counter() - start
    return t.info() | {"first_block_s": round(first, 2), "rows": raster.block_rows(raster.count, raster.width)}


_QGIS = r"""
import json, sys, time
from qgis.core import (QgsApplication, QgsContrastEnhancement, QgsMapRendererSequentialJob, QgsMapSettings,
                       QgsMultiBandColorRenderer, QgsRasterLayer)
from qgis.PyQt.QtCore import QSize
app = QgsApplication([], False)
app.initQgis()
path, what, rgb, size = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), int(sys.argv[4])
out = {}
t = time.perf_counter()
layer = QgsRasterLayer(path, "cube", "gdal")
out["load_s"] = time.perf_counter() - t
if what == "draw":
    p = layer.dataProvider()
    r = QgsMultiBandColorRenderer(p, *rgb)
    for setter, b in zip((r.setRedContrastEnhancement, r.setGreenContrastEnhancement, r.setBlueContrastEnhancement), rgb):
        ce = QgsContrastEnhancement(p.dataType(b))
        ce.setContrastEnhancementAlgorithm(QgsContrastEnhancement.ContrastEnhancementAlgorithm.StretchToMinimumMaximum)
        ce.setMinimumValue(0.0)
        ce.setMaximumValue(0.3)
        setter(ce)
    layer.setRenderer(r)  # as our .qml sets it: fixed limits, so the draw reads only the three bands
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setExtent(layer.extent())
    settings.setOutputSize(QSize(size, size))
    t = time.perf_counter()
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    out["draw_s"] = time.perf_counter() - t
    out["drawn"] = not job.renderedImage().isNull()
else:
    t = time.perf_counter()
    html = layer.htmlMetadata()
    out["information_page_s"] = time.perf_counter() - t
    out["bands_listed"] = html.count("STATISTICS_MINIMUM")
print("QGIS " + json.dumps(out))
"""


def _qgis(ctx, name, what, size=1000):
    path = _path(ctx, name)
    for sidecar in (path + ".aux.xml",):  # statistics QGIS or GDAL computed in an earlier case: not ours to use
        if os.path.exists(sidecar):
            os.remove(sidecar)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    limit = float(os.environ.get("HYSPEC_BENCH_PROPERTIES_TIMEOUT", "600")) if what == "properties" else 600.0
    start = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-c", _QGIS, path, what, json.dumps(RGB), str(size)], capture_output=True,
                              text=True, env=env, timeout=limit)
    except subprocess.TimeoutExpired:
        return {"timed_s": time.perf_counter() - start, "timed_cpu_s": 0.0, "note": f"stopped after {limit:.0f} s"}
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("QGIS ")]
    if not line:
        raise RuntimeError(proc.stderr[-3000:])
    result = json.loads(line[0][5:])
    key = "draw_s" if what == "draw" else "information_page_s"
    timed = result.pop(key)
    return {"timed_s": timed, "timed_cpu_s": 0.0, **{k: round(v, 3) if isinstance(v, float) else v
                                                     for k, v in result.items()}}


CASES = []
_FUNCS = {}


def _case(group, name, suffix, func, reference=False):
    fn = f"{suffix}_{_slug(name)}"
    _FUNCS[fn] = (func, name)
    CASES.append(Case(group, f"{name} ({suffix})", fn, reference=reference))  # run.py keys results by case name


_WRITERS = {"band 1008x16, no statistics": _write_without_statistics, "band 1008x16 + overviews": _write_with_overviews}
for _name in LAYOUTS:
    if _name not in ("band 1008x16 + overviews",):
        _case("write (streamed row blocks)", _name, "write", _WRITERS.get(_name, _write), _name == "pixel 1008x16")
_case("overviews (2, 4, 8) after writing", "band 1008x16 + overviews", "write", _write_with_overviews)
for _group, _suffix, _func in (("one-band read", "oneband", _one_band),
                               ("all-bands block read (SpectralRaster.blocks, whole tile)", "blocks", _block_pass),
                               ("QGIS first draw (true colour, 1000 x 1000 px)", "draw",
                                lambda ctx, name: _qgis(ctx, name, "draw")),
                               ("QGIS Layer Properties: Information page", "properties",
                                lambda ctx, name: _qgis(ctx, name, "properties"))):
    for _name in LAYOUTS:
        if _name.endswith("no statistics") and _suffix not in ("properties",):
            continue  # the same file as ours for reading; only the Information page differs
        if _name.endswith("overviews") and _suffix != "draw":
            continue  # overviews change only drawing
        _case(_group, _name, _suffix, _func, _name == "pixel 1008x16")
for _name in ("band 1008x16", "band 1008x16 + overviews"):
    _case("QGIS draw zoomed out (whole tile at 250 x 250 px)", _name, "draw250",
          lambda ctx, name: _qgis(ctx, name, "draw", 250), _name == "band 1008x16")


def __getattr__(fn):  # case.py looks the case function up by name
    if fn in _FUNCS:
        func, name = _FUNCS[fn]
        return lambda ctx: func(ctx, name)
    raise AttributeError(fn)
