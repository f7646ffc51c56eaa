"""Unmixing on a full tile (ctx["clean_unmix"], 362 bands): hyspec N-FINDR / FCLS / NNLS next to pysptools.

Every case starts from the same cleaned GeoTIFF, so reading it is part of every time (a plain read pass is shown as
the floor). Cases run in this order and hand results on through files in ctx["out"]: pysptools N-FINDR, then ours
with the exact PCA (two reads) and with the default sampled PCA (one read; compared with the exact fit's endmembers,
and its 4 endmembers are those both FCLS/NNLS groups use), then the abundance cases. Our N-FINDR rows give the time
of each stage (PCA fit with its read, projection pass, ATGP + sweeps, spectra read).

pysptools needs the numpy patch (it still uses np.float / np.int, gone since numpy 1.24) and crashes on no-data:
its NFINDR gets the valid pixels only through its own ``mask`` argument, its FCLS/NNLS get the valid pixels only.
Its FCLS (one cvxopt QP per pixel) takes minutes on a full tile, so it is timed on the first 100 rows (about 100k
pixels) and its time scaled linearly to the tile's valid pixels, as the case name says; NNLS runs on the whole tile.

Every hyspec step also runs through ``bin/qgis_process`` (the path users take). The endmember-set groups unmix the
tile with q = 3..8 endmembers of two kinds: the generator's true spectra (its truth CSV: surface reflectance, while
the pixels carry the atmosphere, so many abundances are 0 and the constrained solvers work hardest; past its five
materials, also the apparent spectra of the first ones) and our N-FINDR's q endmembers (cached per data folder; the
time of making them is not counted). The hyspec cases time the run alone, not the agreement checks after it.
"""
import functools
import json
import os
import time

import numpy as np

from common import Case, Timer, patch_numpy_for_pysptools, qgis_process, read_pass

COUNT, MAXIT = 4, 5
SUBSET_ROWS = 100
NF = "N-FINDR: 4 endmembers, maxit 5, ATGP start, 362 bands"
SWEEP_Q = {"FCLS": (3, 4, 5, 6, 7, 8), "NNLS": (3, 5, 8)}  # (make bench stays near 20 minutes)
SWEEP_QGIS = {("FCLS", "true", 5), ("FCLS", "true", 8), ("FCLS", "nfindr", 8), ("NNLS", "true", 8)}
KINDS = {"true": "the generator's true spectra", "nfindr": "N-FINDR endmembers"}

CASES = [
    Case(NF, "read the cleaned tile once (floor)", "read_floor", floor=True, read=True),
    Case(NF, "pysptools NFINDR (valid pixels via its mask argument; read included)", "pysptools_nfindr",
         reference=True),
    Case(NF, "hyspec nfindr PCA_FIT=exact (covariance pass + projection pass)", "hyspec_nfindr_exact"),
    Case(NF, "hyspec nfindr (default: PCA on a seeded sample of row blocks, one read)", "hyspec_nfindr"),
    Case(NF, "hyspec nfindr, PCA sample of 1/9 of the pixels (the default's share of a full tile)",
         "hyspec_nfindr_ninth"),
    Case(NF, "hyspec:nfindr through qgis_process (default PCA_FIT=sample)", "qgis_nfindr", qgis=True),
    Case("FCLS: the 4 N-FINDR endmembers", "pysptools FCLS, timed on 100k px (rows 0-99), scaled to the tile",
         "pysptools_fcls", reference=True),
    Case("FCLS: the 4 N-FINDR endmembers", "hyspec unmix FCLS, full tile (+ RMSE raster)", "hyspec_fcls"),
    Case("FCLS: the 4 N-FINDR endmembers", "hyspec:unmix METHOD=FCLS (+ RMSE) through qgis_process", "qgis_fcls",
         qgis=True),
    Case("NNLS: the 4 N-FINDR endmembers", "pysptools NNLS, full tile (valid pixels)", "pysptools_nnls",
         reference=True),
    Case("NNLS: the 4 N-FINDR endmembers", "hyspec unmix NNLS, full tile", "hyspec_nnls"),
    Case("NNLS: the 4 N-FINDR endmembers", "hyspec:unmix METHOD=NNLS through qgis_process", "qgis_nnls", qgis=True),
]
for _method in ("FCLS", "NNLS"):
    for _kind in KINDS:
        for _q in SWEEP_Q[_method]:
            CASES.append(Case(f"{_method} by endmember set: q = {', '.join(map(str, SWEEP_Q[_method]))}, full tile, "
                              "file to file",
                              f"hyspec unmix {_method}, {_q} {KINDS[_kind]}", f"sweep_{_method}_{_kind}_{_q}"))
            if (_method, _kind, _q) in SWEEP_QGIS:
                CASES.append(Case(f"{_method} by endmember set: q = {', '.join(map(str, SWEEP_Q[_method]))}, full tile, "
                              "file to file",
                                  f"hyspec:unmix METHOD={_method}, {_q} {KINDS[_kind]}, through qgis_process",
                                  f"sweep_qgis_{_method}_{_kind}_{_q}", qgis=True))


def _out(ctx, name):
    return os.path.join(ctx["out"], name)


def _truth(ctx, wavelengths):
    """The generator's materials as they appear in the cube (surface spectra x its atmospheric transmission), and the
    surface spectra of its truth CSV."""
    from hyspec_qgis.core import read_spectra_csv
    from hyspec_qgis.core.io.sample import MATERIALS, material_spectra, transmission
    from hyspec_qgis.core.io.spectra_csv import match_to_raster

    apparent = material_spectra(wavelengths) * transmission(wavelengths)[:, None]
    surface = match_to_raster(read_spectra_csv(ctx["truth_endmembers"]), wavelengths, len(wavelengths)).values
    return list(MATERIALS), apparent, surface


def _angles_report(ctx, spectra, wavelengths):
    """Per endmember: nearest material and its spectral angle (degrees) to the apparent and to the surface spectrum."""
    from hyspec_qgis.core.methods.nfindr import spectral_angles

    names, apparent, surface = _truth(ctx, wavelengths)
    a = spectral_angles(spectra, apparent)
    s = spectral_angles(spectra, surface)
    nearest = np.argmin(a, axis=1)
    return ", ".join(f"{names[m]} {a[j, m]:.2f}/{s[j, m]:.1f}" for j, m in enumerate(nearest))


def _read_cube(path, rows=None):
    """(pixels (n, b) float32 of the valid pixels, valid mask (rows, cols)) as a pysptools user would load them."""
    from osgeo import gdal

    ds = gdal.Open(path)
    height = ds.RasterYSize if rows is None else rows
    cube = ds.ReadAsArray(0, 0, ds.RasterXSize, height, interleave="pixel")
    nodata = ds.GetRasterBand(1).GetNoDataValue()
    valid = np.all(cube != nodata, axis=2) & np.all(np.isfinite(cube), axis=2)
    return cube, valid


def read_floor(ctx):
    info = read_pass(ctx["clean_unmix"])
    with open(_out(ctx, "valid_count.json"), "w") as f:
        json.dump({"valid": info["valid_pixels"]}, f)
    return info


def pysptools_nfindr(ctx):
    patch_numpy_for_pysptools()
    from pysptools.eea import NFINDR

    cube, valid = _read_cube(ctx["clean_unmix"])
    nf = NFINDR()
    start = time.perf_counter()
    e = nf.extract(cube, COUNT, maxit=MAXIT, normalize=False, ATGP_init=True, mask=valid)
    extract_s = time.perf_counter() - start
    np.save(_out(ctx, "pysptools_nfindr.npy"), np.asarray(e, dtype=np.float64))
    from hyspec_qgis.core import SpectralRaster

    wl = SpectralRaster(ctx["clean_unmix"]).wavelengths
    return {"iterations": nf.get_iterations(), "extract() alone (s)": round(extract_s, 1),
            "angles (apparent/surface)": _angles_report(ctx, np.asarray(e).T, wl)}


def _hyspec_nfindr(ctx, pca_fit, out_name, fraction=None):
    """Our N-FINDR, timed as a whole, with its stages (seconds, from the result) in the report. ``fraction``: a PCA
    sample of that share of the pixels instead of the default size."""
    from hyspec_qgis.core import SpectralRaster, write_spectra_csv
    from hyspec_qgis.core.methods.nfindr import DEFAULT_PCA_SAMPLE, nfindr, simplex_volume, spectral_angles

    raster = SpectralRaster(ctx["clean_unmix"])
    size = DEFAULT_PCA_SAMPLE if fraction is None else max(1, round(fraction * raster.n_pixels))
    with Timer() as timer:
        result = nfindr(raster, COUNT, max_iter=MAXIT, init="ATGP", pca_fit=pca_fit, pca_sample=size)
        write_spectra_csv(_out(ctx, out_name), result.spectra)
    info = timer.info()
    info |= {"iterations": result.iterations, "volume": f"{result.volume:.6g}",
             "PCA fitted on (valid px)": result.n_fit}
    info |= {f"{stage} (s)": round(seconds, 2) for stage, seconds in result.stages.items()}
    info["angles (apparent/surface)"] = _angles_report(ctx, result.spectra.values, raster.wavelengths)
    theirs_path = _out(ctx, "pysptools_nfindr.npy")
    if os.path.exists(theirs_path):
        theirs = np.load(theirs_path)  # (q, b)
        coords = (theirs - result.pca_mean) @ result.pca_components
        info["pysptools volume (same PCA space)"] = f"{simplex_volume(coords):.6g}"
        ang = spectral_angles(result.spectra.values, theirs.T)
        info["max angle to pysptools' endmembers (deg)"] = round(float(ang.min(axis=1).max()), 3)
    exact_path = _out(ctx, "nfindr_endmembers_exact.csv")
    if pca_fit == "sample" and os.path.exists(exact_path):
        from hyspec_qgis.core import read_spectra_csv

        ang = spectral_angles(result.spectra.values, read_spectra_csv(exact_path).values)
        info["max angle to the exact fit's endmembers (deg)"] = round(float(ang.min(axis=1).max()), 3)
    return info


def hyspec_nfindr_exact(ctx):
    return _hyspec_nfindr(ctx, "exact", "nfindr_endmembers_exact.csv")


def hyspec_nfindr(ctx):
    return _hyspec_nfindr(ctx, "sample", "nfindr_endmembers.csv")


def hyspec_nfindr_ninth(ctx):
    return _hyspec_nfindr(ctx, "sample", "nfindr_endmembers_ninth.csv", fraction=1 / 9)


def qgis_nfindr(ctx):
    results = qgis_process("hyspec:nfindr", INPUT=ctx["clean_unmix"], ENDMEMBERS_COUNT=COUNT, MAX_ITER=MAXIT,
                           INITIALIZATION="ATGP", PCA_FIT="sample", OUTPUT=_out(ctx, "nfindr_endmembers_qgis.csv"))
    return {k: results[k] for k in ("ITERATIONS", "VOLUME") if k in results}


def _endmembers(ctx):
    from hyspec_qgis.core import SpectralRaster, read_spectra_csv
    from hyspec_qgis.core.methods.unmix import load_endmembers

    path = _out(ctx, "nfindr_endmembers.csv")
    if not os.path.exists(path):  # run on its own: make them
        hyspec_nfindr(ctx)
    raster = SpectralRaster(ctx["clean_unmix"])
    return raster, load_endmembers(read_spectra_csv(path), raster, path=path)


def pysptools_fcls(ctx):
    start = time.perf_counter()
    patch_numpy_for_pysptools()
    from pysptools.abundance_maps.amaps import FCLS

    _, spectra = _endmembers(ctx)
    cube, valid = _read_cube(ctx["clean_unmix"], rows=SUBSET_ROWS)
    x = cube[valid]
    a = FCLS(x.astype(np.float64), spectra.values.T)
    elapsed = time.perf_counter() - start  # reading the subset + FCLS on it
    np.save(_out(ctx, "pysptools_fcls_subset.npy"), a)
    total_valid = _valid_count(ctx)
    return {"subset_pixels": int(x.shape[0]), "tile_valid_pixels": total_valid,
            "extrapolated_seconds": elapsed * total_valid / x.shape[0]}


def pysptools_nnls(ctx):
    patch_numpy_for_pysptools()
    from pysptools.abundance_maps.amaps import NNLS

    _, spectra = _endmembers(ctx)
    cube, valid = _read_cube(ctx["clean_unmix"])
    x = cube[valid]
    del cube
    a = NNLS(x, spectra.values.T)
    np.save(_out(ctx, "pysptools_nnls_rows.npy"), a[: _subset_valid(valid)])
    return {"pixels": int(x.shape[0])}


def _subset_valid(valid):
    return int(valid[:SUBSET_ROWS].sum())


def _valid_count(ctx):
    """Valid pixels of the full tile (recorded by the read floor case; counted here if it did not run)."""
    path = _out(ctx, "valid_count.json")
    if not os.path.exists(path):
        read_floor(ctx)
    with open(path) as f:
        return json.load(f)["valid"]


def _hyspec_unmix(ctx, method, rmse):
    from hyspec_qgis.core.methods.unmix import kkt_residuals, unmix_pixels, unmix_raster

    try:
        from hyspec_qgis.core.methods.unmix import fit_unmix
    except ImportError:  # before the unmix refactor
        from hyspec_qgis.core.methods.unmix import prepare as fit_unmix

    raster, spectra = _endmembers(ctx)
    out = _out(ctx, f"abundance_{method}.tif")
    with Timer() as timer:
        result = unmix_raster(raster, spectra, out, method, rmse_output=_out(ctx, "rmse.tif") if rmse else None)
    info = timer.info()
    info |= {"means": ", ".join(f"{k} {v:.3f}" for k, v in result.means.items()),
            "KKT (sampled blocks)": f"stat {result.kkt['stationarity']:.1e}, dual {result.kkt['dual']:.1e}"}
    ref_path = _out(ctx, "pysptools_fcls_subset.npy" if method == "FCLS" else "pysptools_nnls_rows.npy")
    if os.path.exists(ref_path):
        from osgeo import gdal

        theirs = np.load(ref_path)
        ours = gdal.Open(out).ReadAsArray(0, 0, raster.width, SUBSET_ROWS).reshape(len(spectra.names), -1).T
        ours = ours[ours[:, 0] != -9999.0]
        if ours.shape == theirs.shape:
            diff = np.abs(ours - theirs)
            info["max |a - pysptools| (rows 0-99)"] = f"{diff.max():.3g}"
            info["mean |a - pysptools|"] = f"{diff.mean():.2g}"
            # Optimality of both on a 10k-pixel slice (kept small so this check does not set the case's peak memory).
            block = raster.read_block(0, 10, 0, raster.width, list(range(raster.count)))
            x = block.data[block.valid]
            theirs = theirs[: x.shape[0]]
            k_theirs = kkt_residuals(x, spectra.values, theirs, method)
            info["pysptools KKT stationarity"] = f"{k_theirs['stationarity']:.1e}"
            if method == "NNLS":
                interior = (ours > 1e-6).all(axis=1)
                info["max diff where no abundance is 0"] = f"{diff[interior].max():.1e}"
                replica = unmix_pixels(x.astype(np.float64) @ spectra.values,
                                       fit_unmix(spectra.values.T @ spectra.values, "NNLS"))
                info["pysptools' own formulation, our solver: max diff"] = f"{np.abs(replica - theirs).max():.1e}"
    return info


def hyspec_fcls(ctx):
    return _hyspec_unmix(ctx, "FCLS", rmse=True)


def hyspec_nnls(ctx):
    return _hyspec_unmix(ctx, "NNLS", rmse=False)


def qgis_fcls(ctx):
    _endmembers(ctx)
    results = qgis_process("hyspec:unmix", INPUT=ctx["clean_unmix"], ENDMEMBERS=_out(ctx, "nfindr_endmembers.csv"),
                           METHOD="FCLS", OUTPUT=_out(ctx, "abundance_FCLS_qgis.tif"), RMSE=_out(ctx, "rmse_qgis.tif"))
    return {"MEAN_ABUNDANCE": results.get("MEAN_ABUNDANCE")}


def qgis_nnls(ctx):
    _endmembers(ctx)
    results = qgis_process("hyspec:unmix", INPUT=ctx["clean_unmix"], ENDMEMBERS=_out(ctx, "nfindr_endmembers.csv"),
                           METHOD="NNLS", OUTPUT=_out(ctx, "abundance_NNLS_qgis.tif"))
    return {"MEAN_ABUNDANCE": results.get("MEAN_ABUNDANCE")}


# --- endmember sets, q = 3..8 -----------------------------------------------------------------------------------------

def endmember_set(ctx, kind, q) -> str:
    """The CSV of a set (cached in the data folder): the generator's true spectra, or our N-FINDR's q endmembers."""
    from hyspec_qgis.core import SpectralRaster, read_spectra_csv, write_spectra_csv
    from hyspec_qgis.core.io.sample import MATERIALS, material_spectra, transmission
    from hyspec_qgis.core.io.spectra_csv import Spectra

    folder = os.path.join(ctx["folder"], "endmember_sets")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"{kind}_{q}.csv")
    if os.path.exists(path):
        return path
    if kind == "true":
        truth = read_spectra_csv(ctx["truth_endmembers"])
        wl = np.asarray(truth.wavelengths, dtype=np.float64)
        values = [truth.values[:, :min(q, 5)]]
        names = list(truth.names[:min(q, 5)])
        if q > 5:
            values.append((material_spectra(wl) * transmission(wl)[:, None])[:, :q - 5])
            names += [f"{m}_apparent" for m in MATERIALS[:q - 5]]
        spectra = Spectra(names, np.concatenate(values, axis=1), wl)
    else:
        from hyspec_qgis.core.methods.nfindr import nfindr

        spectra = nfindr(SpectralRaster(ctx["clean_unmix"]), q).spectra
    tmp = f"{path}.{os.getpid()}.tmp"
    write_spectra_csv(tmp, spectra)
    os.replace(tmp, path)
    return path


def _sweep(ctx, method, kind, q):
    from osgeo import gdal

    from hyspec_qgis.core import SpectralRaster
    from hyspec_qgis.core.io.spectra_csv import read_spectra_csv
    from hyspec_qgis.core.methods.unmix import load_endmembers, unmix_raster

    csv = endmember_set(ctx, kind, q)  # untimed when it is made here
    raster = SpectralRaster(ctx["clean_unmix"])
    out = _out(ctx, f"sweep_{method}.tif")
    with Timer() as timer:
        spectra = load_endmembers(read_spectra_csv(csv), raster, path=csv)
        result = unmix_raster(raster, spectra, out, method)
    info = timer.info()
    ab = gdal.Open(out).ReadAsArray().reshape(q, -1)
    ab = ab[:, ab[0] != -9999.0]
    info["pixels with an abundance at 0"] = f"{(ab == 0).any(axis=0).mean():.2f}"
    info["KKT dual"] = f"{result.kkt['dual']:.1e}"
    return info


def _sweep_qgis(ctx, method, kind, q):
    csv = endmember_set(ctx, kind, q)  # untimed when it is made here
    with Timer() as timer:
        qgis_process("hyspec:unmix", INPUT=ctx["clean_unmix"], ENDMEMBERS=csv, METHOD=method,
                     OUTPUT=_out(ctx, f"sweep_{method}_qgis.tif"))
    return timer.info()


for _method in ("FCLS", "NNLS"):
    for _kind in KINDS:
        for _q in SWEEP_Q[_method]:
            globals()[f"sweep_{_method}_{_kind}_{_q}"] = functools.partial(_sweep, method=_method, kind=_kind, q=_q)
            globals()[f"sweep_qgis_{_method}_{_kind}_{_q}"] = functools.partial(_sweep_qgis, method=_method,
                                                                                kind=_kind, q=_q)
