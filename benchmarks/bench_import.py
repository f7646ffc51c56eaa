"""Importing a full NEON tile: hyspec importneon (float32 and int16; in Python and through ``bin/qgis_process``) next
to a plain h5py read of the cube (the read floor: the NEON file is gzip-compressed HDF5, so decoding it is most of
any run)."""
import os

import numpy as np

from common import Case, Timer, qgis_process

CASES = [
    Case("import", "h5py: read the whole cube (floor)", "h5py_read", floor=True, reference=True, read=True),
    Case("import", "hyspec importneon, float32 GeoTIFF", "import_float32"),
    Case("import", "hyspec:importneon ENCODING=float32 through qgis_process", "qgis_import_float32", qgis=True),
    Case("import", "hyspec importneon, int16 GeoTIFF", "import_int16"),
]


def h5py_read(ctx):
    import h5py

    with h5py.File(ctx["h5"], "r") as f:
        site = list(f.keys())[0]
        cube = f[site]["Reflectance/Reflectance_Data"][()]
    return {"shape": cube.shape, "dtype": str(cube.dtype)}


def _import(ctx, encoding):
    from hyspec_qgis.core import SpectralRaster, import_neon

    out = os.path.join(ctx["out"], f"import_{encoding}.tif")
    with Timer() as timer:
        import_neon(ctx["h5"], out, encoding=encoding)
    r = SpectralRaster(out)
    return timer.info() | {"bands": r.count, "MB_on_disk": round(os.path.getsize(out) / 1e6), "gt0": r.geotransform[0],
            "first_wl": float(np.round(r.wavelengths[0], 2))}


def import_float32(ctx):
    return _import(ctx, "float32")


def import_int16(ctx):
    return _import(ctx, "int16")


def qgis_import_float32(ctx):
    out = os.path.join(ctx["out"], "import_float32_qgis.tif")
    qgis_process("hyspec:importneon", INPUT=ctx["h5"], ENCODING="float32", OUTPUT=out)
    return {"MB_on_disk": round(os.path.getsize(out) / 1e6)}
