"""Reading the same cleaned tile (ctx["clean_unmix"], 362 bands) from the layouts users bring: our band-interleaved
tiled ZSTD GeoTIFF, the pixel-interleaved ZSTD tiles of files written before issue 12, GDAL's default tiled and striped
GeoTIFFs (pixel-interleaved, uncompressed), a band-interleaved (BSQ) GeoTIFF and ENVI BIL / BIP / BSQ (as NEON also
distributes). Each is read whole (all bands) and for one band, by our reader (SpectralRaster.blocks, as every algorithm
reads: float32 pixels x bands, no-data mask, scale/offset) and by plain GDAL reads of the whole dataset: ReadAsArray in
GDAL's band order, ReadAsArray(interleave="pixel") in the reader's pixel order, and band by band (each band's
ReadAsArray: the fastest plain read of band-interleaved and uncompressed files at full size, where a whole-dataset read
outgrows GDAL's block cache); one band: the band's ReadAsArray.
So the reader is held to GDAL's best read of each layout.

The layouts are written once per data folder (benchmarks/data/tile<size>/layouts, about 1.5 GB each at full size;
making them is not timed). Each case first reads its file's bytes once (untimed), so every read below comes from a
warm page cache: what is measured is decoding and rearranging, not the disk. 'x GDAL' is our reader's time over
GDAL's best for the same layout and selection in this run (all bands: the fastest of the three; 'x GDAL pixel
order': against the read that gives the reader's layout), wall and CPU.
"""
import functools
import json
import os

from common import Case, Timer, read_pass

LAYOUTS = {
    "ours": ("our writer: band-interleaved tiles, ZSTD", None, None),
    "zstd_pixel": ("GeoTIFF pixel-interleaved tiles, ZSTD (our files before issue 12)", "GTiff",
                   ["TILED=YES", "BLOCKXSIZE=1008", "BLOCKYSIZE=16", "COMPRESS=ZSTD", "INTERLEAVE=PIXEL"]),
    "gtiff_tiled": ("GeoTIFF TILED=YES (GDAL defaults: 256 x 256, pixel-interleaved, uncompressed)", "GTiff",
                    ["TILED=YES"]),
    "gtiff_striped": ("GeoTIFF, GDAL defaults (strips, pixel-interleaved, uncompressed)", "GTiff", []),
    "gtiff_bsq": ("GeoTIFF INTERLEAVE=BAND (band-sequential strips, uncompressed)", "GTiff", ["INTERLEAVE=BAND"]),
    "envi_bil": ("ENVI BIL", "ENVI", ["INTERLEAVE=BIL"]),
    "envi_bip": ("ENVI BIP", "ENVI", ["INTERLEAVE=BIP"]),
    "envi_bsq": ("ENVI BSQ", "ENVI", ["INTERLEAVE=BSQ"]),
}
# Band-by-band reads of pixel-interleaved files decode every tile (or read every line) once per band: 135 s for a
# 300 x 300 tile of ZSTD tiles, 281 s for a full ENVI BIP tile. Not timed for those.
BAND_BY_BAND_SKIPPED = ("zstd_pixel", "envi_bip")
ALL = "reader: all 362 bands of the cleaned tile (warm page cache)"
ONE = "reader: one band (the middle one) of the cleaned tile (warm page cache)"

CASES = []
for _key, (_label, _, _) in LAYOUTS.items():
    CASES += [
        Case(ALL, f"GDAL ReadAsArray (band order), {_label}", f"gdal_all_{_key}"),
        Case(ALL, f"GDAL ReadAsArray(interleave='pixel'), {_label}", f"gdalpixel_all_{_key}"),
    ]
    if _key not in BAND_BY_BAND_SKIPPED:
        CASES.append(Case(ALL, f"GDAL band by band (each band's ReadAsArray), {_label}", f"gdalbands_all_{_key}"))
    CASES += [
        Case(ALL, f"hyspec SpectralRaster.blocks, {_label}", f"ours_all_{_key}", read=_key == "ours"),
        Case(ONE, f"GDAL band ReadAsArray, {_label}", f"gdal_one_{_key}"),
        Case(ONE, f"hyspec SpectralRaster.blocks(bands=[one]), {_label}", f"ours_one_{_key}"),
    ]


def layout(ctx, key) -> str:
    """The cleaned tile rewritten in ``key``'s layout (cached; written under a temporary name, then renamed)."""
    from osgeo import gdal

    _, driver, options = LAYOUTS[key]
    if driver is None:
        return ctx["clean_unmix"]
    folder = os.path.join(ctx["folder"], "layouts")
    os.makedirs(folder, exist_ok=True)
    ext = ".tif" if driver == "GTiff" else ".dat"
    path = os.path.join(folder, key + ext)
    if os.path.exists(path):
        return path
    tmp = os.path.join(folder, f"{key}.{os.getpid()}.tmp{ext}")
    gdal.Translate(tmp, ctx["clean_unmix"], format=driver, creationOptions=options).FlushCache()  # closed here
    if driver == "ENVI":
        os.replace(os.path.splitext(tmp)[0] + ".hdr", os.path.splitext(path)[0] + ".hdr")
    if os.path.exists(tmp + ".aux.xml"):  # GDAL's sidecar of the copied statistics: NEON's files have none
        os.remove(tmp + ".aux.xml")
    os.replace(tmp, path)
    return path


def _warm(path):
    """Read the file's bytes once, so the timed read finds them in the page cache."""
    with open(path, "rb") as f:
        while f.read(64 << 20):
            pass


def _record(ctx, key, timer):
    path = os.path.join(ctx["out"], "reader_times.json")
    data = json.load(open(path)) if os.path.exists(path) else {}
    data[key] = [timer.seconds, timer.cpu]
    with open(path, "w") as f:
        json.dump(data, f)
    return data


def ds_count(path) -> int:
    from osgeo import gdal

    return gdal.Open(path).RasterCount


def _gdal(ctx, key, one, order="band"):
    from osgeo import gdal

    path = layout(ctx, key)
    _warm(path)
    with Timer() as timer:
        ds = gdal.Open(path)
        if one:
            band = ds.GetRasterBand(ds.RasterCount // 2 + 1)
            arr = band.ReadAsArray()
            del band
        elif order == "bands":
            arr = [ds.GetRasterBand(b + 1).ReadAsArray() for b in range(ds.RasterCount)][-1]
        else:
            arr = ds.ReadAsArray(interleave=order)
        del ds
    _record(ctx, f"{'one' if one else 'all'}_{order}_{key}", timer)
    info = timer.info()
    out_bytes = arr.nbytes * (ds_count(path) if order == "bands" and not one else 1)
    info["MB/s out"] = round(out_bytes / 1e6 / max(timer.seconds, 1e-9), 1)
    info["file MB"] = round(os.path.getsize(path) / 1e6)
    return info


def _ours(ctx, key, one):
    from hyspec_qgis.core import SpectralRaster

    path = layout(ctx, key)
    raster = SpectralRaster(path)
    bands = [raster.count // 2] if one else None
    out_bytes = raster.width * raster.height * (1 if one else raster.count) * 4
    raster.close()
    _warm(path)
    with Timer() as timer:
        got = read_pass(path, bands=bands)
    times = _record(ctx, f"ours_{'one' if one else 'all'}_{key}", timer)
    info = timer.info()
    info["MB/s out"] = round(out_bytes / 1e6 / max(timer.seconds, 1e-9), 1)
    info["valid_pixels"] = got["valid_pixels"]
    mode = "one" if one else "all"
    theirs = [times[k] for k in (f"{mode}_band_{key}", f"{mode}_pixel_{key}", f"{mode}_bands_{key}") if k in times]
    if theirs:
        info["x GDAL (wall; CPU)"] = (f"{timer.seconds / min(t[0] for t in theirs):.2f}; "
                                      f"{timer.cpu / max(min(t[1] for t in theirs), 1e-9):.2f}")
    if not one and f"all_pixel_{key}" in times:
        wall, cpu = times[f"all_pixel_{key}"]
        info["x GDAL pixel order (wall; CPU)"] = f"{timer.seconds / wall:.2f}; {timer.cpu / max(cpu, 1e-9):.2f}"
    return info


for _key in LAYOUTS:
    for _one, _mode in ((False, "all"), (True, "one")):
        globals()[f"gdal_{_mode}_{_key}"] = functools.partial(_gdal, key=_key, one=_one)
        globals()[f"gdalpixel_{_mode}_{_key}"] = functools.partial(_gdal, key=_key, one=_one, order="pixel")
        globals()[f"gdalbands_{_mode}_{_key}"] = functools.partial(_gdal, key=_key, one=_one, order="bands")
        globals()[f"ours_{_mode}_{_key}"] = functools.partial(_ours, key=_key, one=_one)
