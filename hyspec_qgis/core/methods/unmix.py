"""Linear spectral unmixing of a raster: FCLS (non-negative, sum to one), NNLS (non-negative), UCLS (unconstrained).

The model and its exact solvers are in :mod:`.unmix_solve` (fit: :func:`fit_unmix`; apply: :func:`unmix_pixels`).
This module streams a raster through them (:func:`unmix_raster`, blocks decoded ahead by background readers) and is
``hyspec:unmix``'s one core call (:func:`run_unmix`): abundances, an optional RMSE raster, the mean abundances and a
check of the optimality conditions on a sample of blocks.
"""
from __future__ import annotations

import contextlib
import math
import os
from dataclasses import dataclass

import numpy as np

from ..engine.blockwise import write_pass
from ..engine.prefetch import DEFAULT_WORKERS
from ..engine.progress import as_progress
from ..errors import HyspecError, ParameterError
from ..io.raster_reader import SpectralRaster
from ..io.raster_writer import FLOAT_NODATA, RasterWriter
from ..io.spectra_csv import Spectra
from ..messages import Message
from .library import load_spectra
from .unmix_solve import (  # noqa: F401 - the model, fit and apply stay importable from here
    METHODS,
    UnmixModel,
    fit_unmix,
    kkt_residuals,
    unmix_pixels,
)

KKT_EVERY = 8  # audit the optimality conditions on every 8th block,
KKT_PIXELS = 2000  # on its first 2000 valid pixels


@dataclass
class UnmixResult:
    output: str
    rmse_output: str | None
    method: str
    names: list
    means: dict  # endmember name -> mean abundance over valid pixels
    n_valid: int
    n_pixels: int
    kkt: dict  # worst KKT residuals over a sample of blocks (see kkt_residuals)
    mean_rmse: float | None = None  # only when an RMSE raster is written


def load_endmembers(source, raster, parameter="ENDMEMBERS", path="") -> Spectra:
    """The endmember spectra (a CSV path or :class:`Spectra`) on the raster's bands, checked for unmixing."""
    matched = load_spectra(source, raster, parameter, path)
    path = os.fspath(source) if isinstance(source, (str, os.PathLike)) else path
    if matched.n_spectra > raster.count:
        where = f"{parameter}: {path}" if path else parameter
        raise ParameterError(
            "{where}: {n_spectra} endmembers but {path} has only {count} bands; "
            "unmixing needs at most as many endmembers as bands", where=where, n_spectra=matched.n_spectra, path=raster.path,
            count=raster.count)
    return matched


class _Tally:
    """What the run reports about its abundances, accumulated block by block: moments, range, RMSE, KKT audit."""

    def __init__(self, model: UnmixModel):
        q = model.n_endmembers
        self.model = model
        self.blocks = self.n = 0
        self.s1, self.s2 = np.zeros(q), np.zeros(q)
        self.lo, self.hi = np.full(q, np.inf), np.full(q, -np.inf)
        self.rmse_sum = 0.0
        self.worst = {"negativity": 0.0, "sum_to_one": 0.0, "stationarity": 0.0, "dual": 0.0}

    def add(self, x: np.ndarray, ab: np.ndarray, rmse: np.ndarray | None, valid: np.ndarray | None = None) -> None:
        """One block's pixels and results; ``valid`` (None: all) selects the rows that count."""
        audit = self.blocks % KKT_EVERY == 0
        self.blocks += 1
        if valid is not None:
            ab = ab[valid]
            rmse = None if rmse is None else rmse[valid]
            if audit:
                x = x[np.flatnonzero(valid)[:KKT_PIXELS]]
        if not ab.shape[0]:
            return
        self.n += ab.shape[0]
        self.s1 += ab.sum(axis=0)
        self.s2 += np.einsum("ij,ij->j", ab, ab)
        self.lo, self.hi = np.minimum(self.lo, ab.min(axis=0)), np.maximum(self.hi, ab.max(axis=0))
        if rmse is not None:
            self.rmse_sum += float(rmse.sum())
        if audit:  # a cheap audit of the optimality conditions on a subset of blocks
            sub = slice(0, min(x.shape[0], KKT_PIXELS))
            for key, v in kkt_residuals(x[sub], self.model.endmembers, ab[sub], self.model.method).items():
                self.worst[key] = max(self.worst[key], v)

    @property
    def means(self) -> np.ndarray:
        return self.s1 / self.n

    def write_metadata(self, writer, rmse_writer, n_pixels: int) -> None:
        """Per-band statistics (as GDAL would compute them) and the mean abundances in the outputs' metadata."""
        names, means = self.model.names, self.means
        std = np.sqrt(np.maximum(self.s2 / self.n - means ** 2, 0.0))
        for j in range(len(names)):
            for key, value in (("STATISTICS_MINIMUM", self.lo[j]), ("STATISTICS_MAXIMUM", self.hi[j]),
                               ("STATISTICS_MEAN", means[j]), ("STATISTICS_STDDEV", std[j]),
                               ("STATISTICS_VALID_PERCENT", 100.0 * self.n / n_pixels), ("MEAN_ABUNDANCE", means[j])):
                writer.set_metadata_item(key, f"{value:.8g}", band=j + 1)
        writer.set_metadata_item("MEAN_ABUNDANCE", ";".join(f"{n}={m:.6g}" for n, m in zip(names, means)))
        writer.set_metadata_item("VALID_PIXELS", str(self.n))
        if rmse_writer is not None:
            rmse_writer.set_metadata_item("STATISTICS_MEAN", f"{self.rmse_sum / self.n:.8g}", band=1)


def unmix_raster(raster, endmembers: Spectra, output, method: str = "FCLS", rmse_output=None, window=None,
                 progress=None, parameter: str = "ENDMEMBERS", endmembers_path: str = "") -> UnmixResult:
    """Unmix every valid pixel of ``raster`` (a :class:`SpectralRaster`) and write the abundance GeoTIFF.

    ``endmembers`` must already be on the raster's bands (see :func:`load_endmembers`). Output: float32, one band
    per endmember named after it, -9999 where the input pixel is no-data; per-band statistics and the mean abundance
    in the metadata. ``rmse_output`` (optional): per-pixel reconstruction RMSE. Nothing is left behind on error.
    """
    model = fit_unmix(endmembers.values, method, endmembers.names, parameter=parameter)
    window = window or raster.full_window()
    grid = dict(width=window.width, height=window.height, geotransform=raster.window_geotransform(window),
                crs_wkt=raster.crs_wkt, dtype="float32", nodata=FLOAT_NODATA)
    meta = {"HYSPEC_ALGORITHM": "unmix", "METHOD": model.method, "ENDMEMBERS": ";".join(model.names)}
    if endmembers_path:
        meta["ENDMEMBERS_CSV"] = os.path.basename(endmembers_path)
    where = Message("{parameter}: {path} with {endmembers}", parameter=raster.parameter, path=raster.path,
                    endmembers=f"{parameter}: {endmembers_path}" if endmembers_path else parameter)
    tally = _Tally(model)

    def apply(block):
        # Every pixel of the block is solved, invalid ones too (their spectra are zeros, cheap, and written as no-data
        # by the walker): gathering the valid rows first copied the block, a third of the work of a tile.
        x, valid = block.data, block.valid
        ab, rmse = unmix_pixels(x, model, with_rmse=True, where=where) if rmse_output else \
            (unmix_pixels(x, model, where=where), None)
        every = bool(valid.all())
        tally.add(x, ab, rmse, None if every else valid)
        return [ab, rmse]

    with contextlib.ExitStack() as stack:
        writer = stack.enter_context(RasterWriter(output, bands=model.n_endmembers, band_names=model.names,
                                                  metadata=meta, **grid))
        rmse_writer = None if not rmse_output else stack.enter_context(RasterWriter(
            rmse_output, bands=1, band_names=["RMSE"], metadata={"HYSPEC_ALGORITHM": "unmix", "METHOD": model.method},
            **grid))
        write_pass(raster, apply, [writer, rmse_writer], window=window, progress=progress, read_ahead=DEFAULT_WORKERS)
        if tally.n == 0:
            raise HyspecError("{parameter}: {path} has no valid pixel (all no-data) in the window", parameter=raster.parameter,
                              path=raster.path)
        tally.write_metadata(writer, rmse_writer, window.width * window.height)
    return UnmixResult(os.fspath(output), os.fspath(rmse_output) if rmse_output else None, model.method,
                       model.names, {n: float(m) for n, m in zip(model.names, tally.means)}, tally.n,
                       window.width * window.height, tally.worst,
                       tally.rmse_sum / tally.n if rmse_output else None)


def run_unmix(input_path, endmembers_csv, output, method: str = "FCLS", rmse_output=None, progress=None,
              parameter: str = "ENDMEMBERS") -> UnmixResult:
    """hyspec:unmix in plain Python: the endmember CSV matched to the raster's bands, then :func:`unmix_raster`."""
    progress = as_progress(progress)
    with SpectralRaster(input_path, "INPUT") as raster:
        spectra = load_endmembers(endmembers_csv, raster, parameter)
        progress.log("{file}: {width} x {height} pixels, {count} "
                     "bands; {n_spectra} endmembers from {csv_file} "
                     "({n_bands} CSV rows used): {names}", file=os.path.basename(raster.path), width=raster.width,
                     height=raster.height, count=raster.count, n_spectra=spectra.n_spectra,
                     csv_file=os.path.basename(endmembers_csv), n_bands=spectra.n_bands, names=", ".join(spectra.names))
        return unmix_raster(raster, spectra, output, method, rmse_output=rmse_output, progress=progress,
                            parameter=parameter, endmembers_path=os.fspath(endmembers_csv))


def format_means(result: UnmixResult) -> list[str]:
    """Log lines: the mean abundance of each endmember over the valid pixels (as the NEON tutorial prints)."""
    lines = [Message("mean abundance over {n_valid} valid pixels ({method}):", n_valid=result.n_valid,
                     method=result.method)]
    width = max(len(n) for n in result.names)
    for name, m in result.means.items():
        lines.append(f"  {name.ljust(width)}  {m:.4f}")
    if result.mean_rmse is not None and math.isfinite(result.mean_rmse):
        lines.append(Message("mean reconstruction RMSE: {mean_rmse:.5g}", mean_rmse=result.mean_rmse))
    return lines
