"""Band cleaning of a full tile with the k-means tutorial's recipe (first 10 + water windows + last 15, every 2nd band):
the tutorial's whole-cube numpy recipe next to hyspec cleanbands (streamed), and hyspec on a 2x and 4x taller
raster to show that its memory stays flat as the input grows.

The tutorial (NEON "Unsupervised Spectral Classification in Python: KMeans & PCA", clean_neon_refl_data) reads the
whole cube, converts it to float64, sets -9999 to NaN, divides by the scale factor and indexes the bands it keeps;
here the bands are removed with np.delete. It writes nothing. hyspec reads the imported GeoTIFF block by block and
writes a float32 GeoTIFF with wavelengths, no-data and georeference (in Python and through ``bin/qgis_process``);
its read floor is one streamed pass over the imported GeoTIFF (426 bands). hyspec's tile case times the run alone.
"""
import os
import re

import numpy as np

from common import Case, Timer, qgis_process, read_pass

CASES = [
    Case("clean", "hyspec: stream-read the imported tile once (426 bands, read floor)", "read_stream", floor=True,
         read=True),
    Case("clean", "tutorial recipe: h5py read, float64 / scale, np.delete (whole cube)", "tutorial_recipe",
         reference=True),
    Case("clean", "hyspec cleanbands, the tile (GeoTIFF -> GeoTIFF)", "hyspec_tile"),
    Case("clean", "hyspec:cleanbands through qgis_process", "qgis_tile", qgis=True),
    Case("clean: 2x and 4x taller inputs ('x floor' against the one-tile read floor)",
         "hyspec cleanbands, 2x taller input (VRT: the tile twice)", "hyspec_2x"),
    Case("clean: 2x and 4x taller inputs ('x floor' against the one-tile read floor)",
         "hyspec cleanbands, 4x taller input (VRT: the tile 4 times)", "hyspec_4x"),
]
RECIPE = dict(drop_first=10, drop_last=15, step=2)


def _tutorial_keep(wavelengths, windows):
    from hyspec_qgis.core.methods.bands import tutorial_band_indices

    return tutorial_band_indices(wavelengths, windows, RECIPE["drop_first"], RECIPE["drop_last"], RECIPE["step"])


def read_stream(ctx):
    return read_pass(ctx["reflectance"])


def qgis_tile(ctx):
    out = os.path.join(ctx["out"], "bench_clean_tile_qgis.tif")
    qgis_process("hyspec:cleanbands", INPUT=ctx["reflectance"], DROP_FIRST=RECIPE["drop_first"],
                 DROP_LAST=RECIPE["drop_last"], BAND_STEP=RECIPE["step"], OUTPUT=out)
    info = {"MB_on_disk": round(os.path.getsize(out) / 1e6)}
    os.remove(out)
    return info


def tutorial_recipe(ctx):
    import h5py

    with h5py.File(ctx["h5"], "r") as f:
        site = list(f.keys())[0]
        refl = f[site]["Reflectance"]
        data = refl["Reflectance_Data"]
        nodata = data.attrs["Data_Ignore_Value"]
        scale = data.attrs["Scale_Factor"]
        windows = [tuple(refl.attrs[k]) for k in ("Band_Window_1_Nanometers", "Band_Window_2_Nanometers")]
        wavelengths = refl["Metadata/Spectral_Data/Wavelength"][()]
        cube = data[()]
    clean = cube.astype(float)  # float64, as the tutorial does
    clean[clean == nodata] = np.nan
    clean = clean / scale
    keep = _tutorial_keep(wavelengths, windows)
    clean = np.delete(clean, sorted(set(range(clean.shape[2])) - set(keep)), axis=2)
    return {"bands": clean.shape[2], "dtype": str(clean.dtype), "GB_in_memory": round(clean.nbytes / 1e9, 2)}


def _clean(ctx, src, name):
    from hyspec_qgis.core import SpectralRaster
    from hyspec_qgis.core.methods.bands import DEFAULT_WINDOWS, clean_bands, select_bands

    raster = SpectralRaster(src)
    sel = select_bands(raster.count, raster.wavelengths, DEFAULT_WINDOWS, **RECIPE)
    out = os.path.join(ctx["out"], f"bench_clean_{name}.tif")
    clean_bands(raster, out, sel)
    return raster, sel, out


def hyspec_tile(ctx):
    import h5py
    from osgeo import gdal

    with Timer() as timer:
        raster, sel, out = _clean(ctx, ctx["reflectance"], "tile")
    # Agreement with the tutorial's values on the bands both keep (first 20 rows, a small extra cost).
    with h5py.File(ctx["h5"], "r") as f:
        site = list(f.keys())[0]
        raw = f[site]["Reflectance/Reflectance_Data"][:20].astype(float)
    raw[raw == -9999] = np.nan
    raw /= 10000.0
    common = sorted(set(sel.keep.tolist()) & set(_tutorial_keep(raster.wavelengths, [(1340, 1445), (1790, 1955)])))
    ours = gdal.Open(out).ReadAsArray(0, 0, raster.width, 20, interleave="pixel")
    ours_common = ours[:, :, [sel.keep.tolist().index(i) for i in common]].astype(float)
    ref = raw[:, :, common]
    both = ~np.isnan(ref).any(axis=2)
    diff = float(np.abs(ours_common[both] - ref[both]).max())
    nodata_same = bool(((ours == -9999).all(axis=2) == np.isnan(raw).any(axis=2)).all())
    size_mb = round(os.path.getsize(out) / 1e6)
    os.remove(out)
    return timer.info() | {"bands": sel.keep.size, "common_bands_with_tutorial": len(common),
                           "max_abs_diff_vs_tutorial": f"{diff:.1e}", "nodata_matches": nodata_same,
                           "MB_on_disk": size_mb}


def _stacked_vrt(ctx, copies):
    """A VRT that stacks the reflectance tile ``copies`` times vertically (same bands and metadata)."""
    from osgeo import gdal

    path = os.path.join(ctx["out"], f"bench_clean_stack{copies}.vrt")
    if os.path.exists(path):
        return path
    one = os.path.join(ctx["out"], "bench_clean_one.vrt")
    gdal.Translate(one, ctx["reflectance"], format="VRT")
    xml = open(one).read()
    height = int(re.search(r'rasterYSize="(\d+)"', xml).group(1))

    def repeat(match):
        source = match.group(0)
        shifted = [re.sub(r'(<DstRect xOff="\d+" yOff=")(\d+)"', lambda m, k=k: f'{m.group(1)}{k * height}"', source)
                   for k in range(copies)]
        return "".join(shifted)

    xml = re.sub(r"<(ComplexSource|SimpleSource)>.*?</\1>", repeat, xml, flags=re.S)
    xml = xml.replace(f'rasterYSize="{height}"', f'rasterYSize="{height * copies}"', 1)
    # The stacked grid extends south of the tile; the georeference's origin (north-west corner) is unchanged.
    with open(path, "w") as f:
        f.write(xml)
    os.remove(one)
    return path


def _hyspec_stacked(ctx, copies):
    from hyspec_qgis.core import SpectralRaster

    src = _stacked_vrt(ctx, copies)
    raster, sel, out = _clean(ctx, src, f"stack{copies}")
    r = SpectralRaster(out)
    info = {"bands": r.count, "pixels": f"{r.width} x {r.height}", "MB_on_disk": round(os.path.getsize(out) / 1e6)}
    r.close()
    os.remove(out)  # 1-2 GB of scratch
    return info


def hyspec_2x(ctx):
    return _hyspec_stacked(ctx, 2)


def hyspec_4x(ctx):
    return _hyspec_stacked(ctx, 4)
