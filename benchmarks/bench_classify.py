"""SAM and SID on a full tile (ctx["clean_unmix"], 362 bands) with 4 endmembers (the truth CSV's vegetation, soil,
water, roof, matched to the cleaned bands): hyspec (streamed, file to file) next to pysptools (the tutorial's
in-memory float64 cube) and plain numpy floors (the whole cube in memory, one pass of BLAS).

Every case reads the same GeoTIFF, so times include reading it; ``read_s`` / ``compute_s`` in the result column split
the in-memory cases. pysptools' class maps are saved and hyspec's relative-mode cases report how many pixels differ.
hyspec's cases time the run alone (not the comparison after it); each also runs through ``bin/qgis_process``.
"""
import os
import time

import numpy as np

from common import Case, Timer, patch_numpy_for_pysptools, qgis_process, read_pass

FOUR = ["vegetation", "soil", "water", "roof"]
SAM_T = 0.1  # pysptools' default: one fraction of the angles' range for all classes
SID_SELECT, SID_T = [1, 3, 4], [0.8, 0.3, 0.03]  # the tutorial: SID(data, U[[0, 2, 3]], [0.8, 0.3, 0.03])

CASES = [
    Case("sam", "hyspec: stream-read the cube only (I/O floor of any file-based run)", "read_stream", floor=True,
         read=True),
    Case("sam", "numpy floor: read cube + one matrix product + arccos (float32, in memory)", "floor_sam", floor=True),
    Case("sam", "pysptools SAM, threshold 0.1 (tutorial: float64 cube in memory)", "pysptools_sam", reference=True),
    Case("sam", "hyspec sam, relative 0.1 (= pysptools)", "hyspec_sam_relative"),
    Case("sam", "hyspec:sam relative 0.1 through qgis_process", "qgis_sam_relative", qgis=True),
    Case("sam", "hyspec sam, absolute 0.2 rad + rule raster", "hyspec_sam_absolute"),
    Case("sam", "hyspec:sam absolute 0.2 rad + RULE through qgis_process", "qgis_sam_absolute", qgis=True),
    Case("sid", "numpy floor: read cube + floor + log + two matrix products (float32, in memory)", "floor_sid",
         floor=True),
    Case("sid", "pysptools SID, tutorial U[[0,2,3]] [0.8, 0.3, 0.03] (float64 cube in memory)", "pysptools_sid",
         reference=True),
    Case("sid", "hyspec sid, relative 0.8,0.3,0.03 on 1,3,4 (= pysptools)", "hyspec_sid_relative"),
    Case("sid", "hyspec:sid relative 0.8,0.3,0.03 on 1,3,4 through qgis_process", "qgis_sid_relative", qgis=True),
    Case("sid", "hyspec sid, absolute 0.06 + rule raster", "hyspec_sid_absolute"),
    Case("sid", "hyspec:sid absolute 0.06 + RULE through qgis_process", "qgis_sid_absolute", qgis=True),
]


def _library(ctx, path):
    from hyspec_qgis.core import SpectralRaster, match_to_raster, read_spectra_csv

    raster = SpectralRaster(path)
    spectra = read_spectra_csv(ctx["truth_endmembers"]).select(FOUR)
    return match_to_raster(spectra, raster.wavelengths, raster.count).values.T  # (4, b)


def _csv(ctx):
    """The 4-endmember library as a CSV (the stand-in for the tutorial's N-FINDR U)."""
    from hyspec_qgis.core import read_spectra_csv, write_spectra_csv

    path = os.path.join(ctx["out"], "classify_U.csv")
    if not os.path.exists(path):
        write_spectra_csv(path, read_spectra_csv(ctx["truth_endmembers"]).select(FOUR))
    return path


def _read_cube(path):
    """The whole cube as (n, b) float32 and the valid mask (no-data -9999 in any band)."""
    from osgeo import gdal

    ds = gdal.Open(path)
    cube = ds.ReadAsArray(interleave="pixel")
    x = cube.reshape(-1, cube.shape[-1])
    valid = ~np.any(x == ds.GetRasterBand(1).GetNoDataValue(), axis=1)
    return x, valid


def read_stream(ctx):
    return read_pass(ctx["clean_unmix"])


def floor_sam(ctx):
    t0 = time.perf_counter()
    x, valid = _read_cube(ctx["clean_unmix"])
    lib = _library(ctx, ctx["clean_unmix"]).astype(np.float32)
    t1 = time.perf_counter()
    cos = (x @ (lib / np.linalg.norm(lib, axis=1, keepdims=True)).T) / np.sqrt(np.einsum("ij,ij->i", x, x))[:, None]
    angles = np.arccos(np.clip(cos, -1, 1))
    labels = angles.argmin(axis=1) + 1
    t2 = time.perf_counter()
    return {"read_s": round(t1 - t0, 2), "compute_s": round(t2 - t1, 2), "classes": np.bincount(labels[valid]).tolist()}


def floor_sid(ctx):
    t0 = time.perf_counter()
    x, valid = _read_cube(ctx["clean_unmix"])
    lib = _library(ctx, ctx["clean_unmix"]).astype(np.float32)
    t1 = time.perf_counter()
    p = np.maximum(x, np.float32(1e-6))
    p /= p.sum(axis=1, keepdims=True)
    lp = np.log(p)
    q = np.maximum(lib, np.float32(1e-6))
    q /= q.sum(axis=1, keepdims=True)
    lq = np.log(q)
    sid = np.einsum("ij,ij->i", p, lp)[:, None] + (q * lq).sum(axis=1)[None, :] - p @ lq.T - lp @ q.T
    labels = sid.argmin(axis=1) + 1
    t2 = time.perf_counter()
    return {"read_s": round(t1 - t0, 2), "compute_s": round(t2 - t1, 2), "classes": np.bincount(labels[valid]).tolist()}


def _pysptools(ctx, method, lib, threshold):
    patch_numpy_for_pysptools()
    import pysptools.classification as cls

    t0 = time.perf_counter()
    x, valid = _read_cube(ctx["clean_unmix"])
    cube = x[valid].astype(np.float64)[None]  # as the tutorial: float64 reflectance; valid pixels only
    del x
    t1 = time.perf_counter()
    clf = cls.SAM() if method == "sam" else cls.SID()
    cmap = clf.classify(cube, lib, threshold=threshold)[0].astype(np.uint8)
    t2 = time.perf_counter()
    np.save(os.path.join(ctx["out"], f"pysptools_{method}.npy"), cmap)
    return {"read_s": round(t1 - t0, 2), "compute_s": round(t2 - t1, 2), "classes": np.bincount(cmap).tolist()}


def pysptools_sam(ctx):
    return _pysptools(ctx, "sam", _library(ctx, ctx["clean_unmix"]), SAM_T)


def pysptools_sid(ctx):
    lib = _library(ctx, ctx["clean_unmix"])[[i - 1 for i in SID_SELECT]]
    return _pysptools(ctx, "sid", lib, SID_T)


def _hyspec(ctx, method, mode, select, thresholds, rule=False):
    from osgeo import gdal

    from hyspec_qgis.core.methods.classify import classify_raster

    out = os.path.join(ctx["out"], f"classify_{method}_{mode}.tif")
    rule_path = os.path.join(ctx["out"], f"classify_{method}_{mode}_rule.tif") if rule else None
    with Timer() as timer:
        result = classify_raster(ctx["clean_unmix"], _csv(ctx), out, method=method, select=select,
                                 thresholds=thresholds, mode=mode, rule=rule_path)
    info = timer.info()
    info["classes"] = [result.n_unclassified] + [result.counts[n] for n in result.names]
    ref = os.path.join(ctx["out"], f"pysptools_{method}.npy")
    if mode == "relative" and os.path.exists(ref):
        ours = gdal.Open(out).ReadAsArray().reshape(-1)
        ds = gdal.Open(ctx["clean_unmix"])
        valid = ours >= 0
        if ds.RasterXSize * ds.RasterYSize == ours.size:
            block = ds.GetRasterBand(1).ReadAsArray().reshape(-1)
            valid = block != ds.GetRasterBand(1).GetNoDataValue()
        expected = np.load(ref)
        if expected.size == valid.sum():
            info["px_differing_from_pysptools"] = int(np.sum(ours[valid] != expected))
    return info


def hyspec_sam_relative(ctx):
    return _hyspec(ctx, "sam", "relative", None, SAM_T)


def hyspec_sam_absolute(ctx):
    return _hyspec(ctx, "sam", "absolute", None, 0.2, rule=True)


def hyspec_sid_relative(ctx):
    return _hyspec(ctx, "sid", "relative", SID_SELECT, SID_T)


def hyspec_sid_absolute(ctx):
    return _hyspec(ctx, "sid", "absolute", None, 0.06, rule=True)


def _qgis(ctx, method, mode, select, thresholds, rule=False):
    params = dict(INPUT=ctx["clean_unmix"], ENDMEMBERS=_csv(ctx), THRESHOLD_MODE=mode,
                  THRESHOLD=",".join(str(t) for t in np.atleast_1d(thresholds)),
                  OUTPUT=os.path.join(ctx["out"], f"classify_{method}_{mode}_qgis.tif"))
    if select:
        params["SELECT"] = ",".join(str(v) for v in select)
    if rule:
        params["RULE"] = os.path.join(ctx["out"], f"classify_{method}_{mode}_rule_qgis.tif")
    results = qgis_process(f"hyspec:{method}", **params)
    return {"unclassified": results.get("UNCLASSIFIED")}


def qgis_sam_relative(ctx):
    return _qgis(ctx, "sam", "relative", None, SAM_T)


def qgis_sam_absolute(ctx):
    return _qgis(ctx, "sam", "absolute", None, 0.2, rule=True)


def qgis_sid_relative(ctx):
    return _qgis(ctx, "sid", "relative", SID_SELECT, SID_T)


def qgis_sid_absolute(ctx):
    return _qgis(ctx, "sid", "absolute", None, 0.06, rule=True)
