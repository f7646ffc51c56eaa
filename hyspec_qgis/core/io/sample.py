"""A synthetic NEON AOP reflectance file with known ground truth, for tests, the demo and benchmarks.

Five materials with plausible spectra are mixed with spatially smooth abundances (a softmax of smooth random
fields, so region cores are nearly pure), multiplied by an atmospheric transmission that makes the water-vapour
bands noise, plus sensor noise, a no-data wedge on one edge and a few scattered -9999 pixels. The georeference
is exact (Map_Info, EPSG Code, Spatial_Extent_meters agree). Deterministic by seed.

Layouts: ``"001"`` (DP3.30006.001 tile), ``"002"`` (DP3.30006.002 bidirectional tile) and ``"dp1"`` (DP1
flightline with exponent-notation Map_Info and a malformed Proj4, as 2016 files have). ``variant`` options mimic
files that other tools have rewritten or that older processing produced: attribute strings stored as str or as
arrays instead of bytes, an int32 cube, float64 wavelengths, missing FWHM / Proj4 / water-vapour band windows /
coordinate string / EPSG code, other or no HDF5 chunking (see :func:`write_sample`).

Run ``python -m hyspec_qgis.core.io.sample OUT.h5 [--size 1000] [--layout 001]``.
"""
from __future__ import annotations

import argparse
import os
from dataclasses import dataclass

import numpy as np

from .spectra_csv import Spectra, write_spectra_csv

MATERIALS = ("vegetation", "soil", "water", "roof", "dry_grass")
SITE = "SERC"
EPSG = 32618
EAST0, NORTH0 = 368000.0, 4306000.0  # lower-left corner of the tile (NEON names tiles by it)
SCALE = 10000.0
NODATA = -9999


def neon_wavelengths(n_bands: int = 426) -> np.ndarray:
    """NEON's 426-band grid (about 383.9 to 2512 nm, 5 nm), thinned evenly when fewer bands are asked for."""
    full = 383.884 + 5.00755 * np.arange(426)
    if n_bands == 426:
        return full
    return np.linspace(full[0], full[-1], n_bands)


def _g(wl, c, w):
    return np.exp(-0.5 * ((wl - c) / w) ** 2)


def _s(wl, c, w):
    return 1.0 / (1.0 + np.exp(-(wl - c) / w))


def material_spectra(wl: np.ndarray) -> np.ndarray:
    """(n_bands, 5) reflectance of the five materials (no atmosphere)."""
    water_dips = 1 - 0.12 * _g(wl, 970, 30) - 0.2 * _g(wl, 1200, 40) - 0.55 * _g(wl, 1450, 70) - 0.7 * _g(wl, 1940, 90)
    veg = (0.03 + 0.06 * _g(wl, 550, 35) + 0.42 * _s(wl, 715, 14) * (1 - 0.6 * _s(wl, 1500, 150))) * water_dips
    soil = (0.07 + 0.26 * _s(wl, 900, 350)) * (1 - 0.1 * _g(wl, 1450, 60) - 0.15 * _g(wl, 1940, 70)
                                               - 0.1 * _g(wl, 2200, 40))
    water = 0.004 + 0.05 * _g(wl, 480, 110) + 0.012 * _g(wl, 700, 60)
    roof = 0.22 + 0.1 * _s(wl, 600, 120) - 0.06 * _g(wl, 2300, 90) - 0.03 * _g(wl, 1700, 50)
    grass = (0.05 + 0.33 * _s(wl, 640, 90)) * (1 - 0.18 * _g(wl, 2100, 50) - 0.2 * _g(wl, 1450, 60)
                                               - 0.25 * _g(wl, 1940, 70) - 0.08 * _g(wl, 1730, 30))
    return np.stack([veg, soil, water, roof, grass], axis=1)


def transmission(wl: np.ndarray) -> np.ndarray:
    """Atmospheric transmission: ~0 in the water-vapour windows and at the ends of the sensor range."""
    t = 1 - 0.97 * (_s(wl, 1335, 8) * (1 - _s(wl, 1450, 8))) - 0.97 * (_s(wl, 1785, 8) * (1 - _s(wl, 1960, 8)))
    t *= 1 - 0.6 * _g(wl, 940, 20) - 0.7 * _g(wl, 1130, 25)
    t *= _s(wl, 395, 6) * (1 - _s(wl, 2470, 15))
    return np.clip(t, 0.0, 1.0)


def smooth_abundances(rows: int, cols: int, k: int, rng, sharpness: float = 5.0) -> np.ndarray:
    """(rows, cols, k) float32 abundances summing to one, spatially smooth with nearly pure region cores."""
    from scipy.ndimage import zoom

    coarse = max(3, int(round(max(rows, cols) / 40)))
    fields = np.empty((rows, cols, k), dtype=np.float32)
    for j in range(k):
        grid = rng.standard_normal((coarse, coarse))
        fields[:, :, j] = zoom(grid, (rows / coarse, cols / coarse), order=3, mode="nearest")[:rows, :cols]
    fields *= sharpness
    fields -= fields.max(axis=2, keepdims=True)
    np.exp(fields, out=fields)
    fields /= fields.sum(axis=2, keepdims=True)
    return fields


@dataclass
class SampleTruth:
    endmembers: Spectra  # the true material spectra on the file's wavelengths
    abundances: np.ndarray  # (rows, cols, k) float32, NaN where no-data
    nodata_mask: np.ndarray  # (rows, cols) bool


def _nodata_mask(rows, cols, rng, layout):
    r = np.arange(rows)[:, None]
    c = np.arange(cols)[None, :]
    if layout == "dp1":
        # A flightline: a diagonal strip inside a north-up rectangle, no-data outside.
        centre = cols * (0.25 + 0.5 * r / max(rows - 1, 1))
        mask = np.abs(c - centre) > 0.3 * cols
    else:
        mask = c >= cols - (3 + (r * 7) // max(rows, 1) + (cols // 40))  # a ragged wedge on the east edge
    flat = mask.ravel()
    n_random = max(3, rows * cols // 20000)
    flat[rng.choice(rows * cols, n_random, replace=False)] = True
    return flat.reshape(rows, cols)


def write_sample(path, rows: int = 200, cols: int = 200, n_bands: int = 426, seed: int = 0, layout: str = "001",
                 variant: dict | None = None, noise: float = 0.002, write_truth: bool = True,
                 origin: tuple[float, float] | None = None) -> SampleTruth:
    """Write a NEON-layout reflectance file at ``path`` and return (and by default write) its ground truth.

    ``origin``: (easting, northing) of the tile's lower-left corner (default EAST0, NORTH0), so adjacent tiles of a
    site can be generated: every tile shares the same five materials; ``seed`` varies their abundances.

    ``variant`` keys: ``strings`` ("bytes" | "str" | "array"), ``cube_dtype`` ("int16" | "int32"),
    ``wavelength_dtype`` ("float32" | "float64"), ``omit`` (subset of {"fwhm", "proj4", "band_windows",
    "coordinate_string", "epsg"}), ``chunks`` (tuple or None).
    """
    import h5py

    variant = dict(variant or {})
    if layout not in ("001", "002", "dp1"):
        raise ValueError(f"layout must be '001', '002' or 'dp1', not {layout!r}")
    rng = np.random.default_rng(seed)
    wl = neon_wavelengths(n_bands)
    fwhm = 5.3 + 0.5 * np.sin(np.linspace(0, 3, n_bands))
    spectra = material_spectra(wl)
    trans = transmission(wl).astype(np.float32)
    abund = smooth_abundances(rows, cols, len(MATERIALS), rng)
    mask = _nodata_mask(rows, cols, rng, layout)
    omit = set(variant.get("omit", ()))
    style = variant.get("strings", "bytes")
    cube_dtype = np.dtype(variant.get("cube_dtype", "int16"))

    def s(text):
        if style == "str":
            return text
        if style == "array":
            return np.array([text.encode()])
        return np.bytes_(text.encode())

    east0, north0 = (EAST0, NORTH0) if origin is None else (float(origin[0]), float(origin[1]))
    north_ul = north0 + rows
    if layout == "dp1":
        map_info = (f"UTM,  1.000,  1.000,  {east0:.6e},  {north_ul:.6e},  1.000000e+00,  1.000000e+00,  18,  North,"
                    "  WGS-84,  units=Meters")
        proj4 = "+proj=UTM +zone= 18 +ellps= WGS-84 +datum= WGS-84 +units= units=Meters +no_defs"
        name_site = SITE
    else:
        map_info = (f"UTM,  1.000,  1.000,       {east0:.2f},       {north_ul:.1f},       1.0000000,       1.0000000,"
                    "  18,  North,  WGS-84,  units=Meters, 0")
        proj4 = "+proj=UTM +zone=18 +ellps=WGS84 +datum=WGS84 +units=m +no_defs"
        name_site = SITE
    chunks = variant.get("chunks", (min(rows, 50), min(cols, 50), n_bands))
    os.makedirs(os.path.dirname(os.path.abspath(os.fspath(path))), exist_ok=True)
    with h5py.File(path, "w") as h5:
        site = h5.create_group(name_site)
        refl = site.create_group("Reflectance")
        if "band_windows" not in omit:
            refl.attrs["Band_Window_1_Nanometers"] = np.array([1340, 1445], dtype=np.int32)
            refl.attrs["Band_Window_2_Nanometers"] = np.array([1790, 1955], dtype=np.int32)
        refl.attrs["Interleave"] = s("BSQ")
        cube = refl.create_dataset("Reflectance_Data", shape=(rows, cols, n_bands), dtype=cube_dtype,
                                   chunks=chunks, compression="gzip", compression_opts=1)
        cube.attrs["Data_Ignore_Value"] = np.float64(NODATA)
        cube.attrs["Scale_Factor"] = np.float64(SCALE)
        cube.attrs["Dimension_Labels"] = s("Line, Sample, Wavelength")
        cube.attrs["Spatial_Extent_meters"] = np.array([east0, east0 + cols, north0, north_ul])
        cube.attrs["Spatial_Resolution_X_Y"] = np.array([1.0, 1.0])
        cube.attrs["Units_Valid_range"] = np.array([0, 10000])
        cube.attrs["Description"] = s("Atmospherically corrected reflectance (hyspec_qgis synthetic sample).")
        meta = refl.create_group("Metadata")
        cs = meta.create_group("Coordinate_System")
        if "coordinate_string" not in omit:
            cs.create_dataset("Coordinate_System_String", data=s('PROJCS["WGS 84 / UTM zone 18N"]'))
        if "epsg" not in omit:
            cs.create_dataset("EPSG Code", data=s(str(EPSG)))
        cs.create_dataset("Map_Info", data=s(map_info))
        if "proj4" not in omit:
            cs.create_dataset("Proj4", data=s(proj4))
        sd = meta.create_group("Spectral_Data")
        wds = sd.create_dataset("Wavelength", data=wl.astype(variant.get("wavelength_dtype", "float32")))
        wds.attrs["Units"] = s("nanometers")
        if "fwhm" not in omit:
            sd.create_dataset("FWHM", data=fwhm.astype(np.float32)).attrs["Units"] = s("nanometers")
        _write_ancillary(meta, rows, cols, layout, mask, rng)
        _write_cube(cube, abund, spectra, trans, mask, noise, rng)
    truth_abund = abund.copy()
    truth_abund[mask] = np.nan
    truth = SampleTruth(Spectra(list(MATERIALS), spectra, wl), truth_abund, mask)
    if write_truth:
        stem = os.path.splitext(os.fspath(path))[0]
        write_spectra_csv(stem + "_truth_endmembers.csv", truth.endmembers)
        np.save(stem + "_truth_abundances.npy", truth_abund)
    return truth


def _write_cube(cube, abund, spectra, trans, mask, noise, rng):
    rows, cols, k = abund.shape
    n_bands = spectra.shape[0]
    apparent = (spectra * trans[:, None]).T.astype(np.float32)  # (k, bands)
    sigma = (noise + 0.03 * (1.0 - trans)).astype(np.float32)  # the water-vapour bands are noise
    step = 50
    for r0 in range(0, rows, step):
        r1 = min(rows, r0 + step)
        a = abund[r0:r1].reshape(-1, k)
        block = a @ apparent
        block += rng.standard_normal(block.shape, dtype=np.float32) * sigma
        block *= SCALE
        np.clip(block, -2000, 16000, out=block)
        out = np.rint(block).astype(cube.dtype).reshape(r1 - r0, cols, n_bands)
        out[mask[r0:r1]] = NODATA
        cube[r0:r1] = out


def _write_ancillary(meta, rows, cols, layout, mask, rng):
    anc = meta.create_group("Ancillary_Imagery")
    yy, xx = np.mgrid[0:rows, 0:cols]
    wv = (2.0 + 0.3 * np.sin(xx / 60.0) + 0.2 * np.cos(yy / 45.0)).astype(np.float32)
    wv[mask] = -9999
    ds = anc.create_dataset("Water_Vapor_Column", data=wv, compression="gzip", compression_opts=1)
    ds.attrs["Data_Ignore_Value"] = -9999.0
    dsi = np.where(mask, -1, 1 + (xx * 3) // cols).astype(np.int32)
    anc.create_dataset("Data_Selection_Index", data=dsi).attrs["Data_Ignore_Value"] = -1.0
    slope = (10 * np.abs(np.sin(xx / 30.0))).astype(np.float32)
    anc.create_dataset("Slope", data=slope).attrs["Data_Ignore_Value"] = -9999.0
    logs = meta.create_group("Logs")
    if layout == "002":
        aot = np.full((rows, cols), 0.08, dtype=np.float32)
        anc.create_dataset("Aerosol_Optical_Thickness", data=aot).attrs["Data_Ignore_Value"] = -9999.0
        wqi = np.where(mask, 0, 1 + (yy * 3) // rows).astype(np.uint8)
        anc.create_dataset("Weather_Quality_Indicator", data=wqi)
        date = np.where(mask, -9999, np.where(xx < cols // 2, 20220623, 20220624)).astype(np.int32)
        anc.create_dataset("Acqusition_Date", data=date).attrs["Data_Ignore_Value"] = -9999.0
        logs.create_group("L004-1_20220623").attrs["BRDF_Config"] = np.bytes_(b'{"model": "FlexBRDF"}')
        meta.create_dataset("To-Sensor_Zenith_Angle", data=np.full((rows, cols), 5.0, np.float32))
    else:
        aod = np.full((rows, cols), 80, dtype=np.int16)
        anc.create_dataset("Aerosol_Optical_Depth", data=aod).attrs["Data_Ignore_Value"] = -9999.0
        wqi = np.zeros((rows, cols, 3), dtype=np.uint8)
        wqi[..., 1] = np.where(mask, 0, 255)
        anc.create_dataset("Weather_Quality_Indicator", data=wqi)
        logs.create_group("160559").attrs["Solar_Zenith_Angle"] = 30.0
        name = "To-Sensor_Zenith_Angle" if layout == "dp1" else "to-sensor_zenith_angle"
        meta.create_dataset(name, data=np.full((rows, cols), 5.0, np.float32))


def sample_filename(layout: str = "001", origin: tuple[float, float] | None = None) -> str:
    """NEON's file name for a tile whose lower-left corner is ``origin`` (default EAST0, NORTH0)."""
    east, north = (EAST0, NORTH0) if origin is None else origin
    if layout == "002":
        return f"NEON_D02_{SITE}_DP3_{int(east)}_{int(north)}_bidirectional_reflectance.h5"
    if layout == "dp1":
        return f"NEON_D02_{SITE}_DP1_20160807_160559_reflectance.h5"
    return f"NEON_D02_{SITE}_DP3_{int(east)}_{int(north)}_reflectance.h5"


def main(argv=None):
    parser = argparse.ArgumentParser(description="Write a synthetic NEON reflectance HDF5 file with ground truth.")
    parser.add_argument("output", help="output .h5 path, or a folder (the NEON file name is then used)")
    parser.add_argument("--size", type=int, default=200, help="rows and columns (default 200; 1000 = full tile)")
    parser.add_argument("--bands", type=int, default=426)
    parser.add_argument("--layout", default="001", choices=["001", "002", "dp1"])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    out = args.output
    if os.path.isdir(out) or out.endswith(os.sep):
        out = os.path.join(out, sample_filename(args.layout))
    write_sample(out, args.size, args.size, args.bands, args.seed, args.layout)
    print(out)


if __name__ == "__main__":
    main()
