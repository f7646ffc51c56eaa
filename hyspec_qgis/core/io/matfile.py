"""MATLAB .mat benchmark scenes (Samson, Jasper Ridge, Indian Pines, Pavia, Cuprite...) -> our spectral GeoTIFF.

The cube is a 3-D array (rows, columns and bands in any axis order: LAYOUT) or a 2-D pixel list (pixels x bands or
bands x pixels, with ROWS x COLS pixels stored column-major, MATLAB's order, or row-major). Values are divided by
SCALE and written as float32 with -9999 for non-finite values; wavelengths come from a variable, a ``min-max`` range
or a spectra CSV. Without EXTENT the raster is a pixel grid: 1 unit per pixel, upper-left corner at (0, rows), so it
is north-up (MATLAB's first row on top) and QGIS shows it unscaled. An optional TRUTH variable (a label map, or
abundances with one band per endmember) is written on the same grid as a class raster or a float raster.

Shapes and LAYOUT words are MATLAB's axis order (``size(x)``) for both formats (see matvars.py). v7.3 files are read
in row blocks; v5 variables are loaded whole by scipy, after a memory check.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field

import numpy as np

from ..engine.progress import as_progress
from ..errors import ParameterError
from ..messages import Message
from .matvars import ArrayReader, MatFile, open_mat
from .matwavelengths import band_wavelengths, wavelength_spec
from .raster_writer import FLOAT_NODATA, RasterWriter

AXIS_LAYOUTS = ("rows-cols-bands", "cols-rows-bands", "bands-rows-cols", "bands-cols-rows", "rows-bands-cols",
                "cols-bands-rows")
PIXEL_LAYOUTS = ("pixels-column-major", "pixels-row-major")
LAYOUTS = ("auto",) + AXIS_LAYOUTS + PIXEL_LAYOUTS
BLOCK_BYTES = 32 * 1024 * 1024  # float32 output per row block (the read and a float64 copy come on top)
PIXEL_LIST_BYTES = 256 * 1024 * 1024  # the same for column-major pixel lists in chunked v7.3 files
ROW_NAMES = ("nrow", "nrows", "n_rows", "rows", "height", "lines", "nlines")
COL_NAMES = ("ncol", "ncols", "n_cols", "cols", "width", "samples", "nsamples")



@dataclass
class Grid:
    """How an array of the file maps onto the image: MATLAB axes of rows, columns and bands (band_axis None for a
    single-band 2-D image), or a pixel axis holding rows x cols pixels in ``order`` "F" (column-major: pixel
    ``r + rows * c``) or "C" (row-major: pixel ``c + cols * r``)."""

    reader: ArrayReader
    rows: int
    cols: int
    bands: int
    row_axis: int | None = None
    col_axis: int | None = None
    band_axis: int | None = None
    pixel_axis: int | None = None
    order: str | None = None

    @property
    def layout(self) -> str:
        if self.pixel_axis is not None:
            return PIXEL_LAYOUTS[0] if self.order == "F" else PIXEL_LAYOUTS[1]
        names = {self.row_axis: "rows", self.col_axis: "cols", self.band_axis: "bands"}
        return "-".join(names[a] for a in range(len(self.reader.shape)))

    def read_rows(self, r0: int, r1: int) -> np.ndarray:
        """Image rows [r0, r1) as a (rows, cols, bands) array of the file's dtype."""
        nr = r1 - r0
        if self.pixel_axis is None:
            slab = self.reader.slab(self.row_axis, r0, r1)
            axes = (self.row_axis, self.col_axis) + (() if self.band_axis is None else (self.band_axis,))
            out = np.transpose(slab, axes)
            return out[:, :, None] if self.band_axis is None else out
        if self.order == "C":
            slab = self.reader.slab(self.pixel_axis, r0 * self.cols, r1 * self.cols)
        else:
            slab = self.reader.runs(self.pixel_axis, r0, self.rows, self.cols, nr)
        pixels = np.moveaxis(slab, self.pixel_axis, 0).reshape(slab.shape[self.pixel_axis], -1)
        if self.order == "C":
            return pixels.reshape(nr, self.cols, -1)
        return pixels.reshape(self.cols, nr, -1).transpose(1, 0, 2)

    def block_rows(self, budget: int | None = None) -> int:
        budget = BLOCK_BYTES if budget is None else budget
        if self.order == "F" and self.reader.chunk:
            # a row block of a column-major pixel list touches every compressed chunk: fewer, larger blocks
            budget = max(budget, PIXEL_LIST_BYTES)
        rows = max(1, budget // max(1, self.cols * self.bands * 4))
        chunk = self.reader.chunk[self.row_axis] if self.reader.chunk and self.row_axis is not None else None
        if chunk and chunk < self.rows:  # whole chunks per block: each compressed chunk is decoded once
            rows = max(chunk, rows // chunk * chunk)
        return min(rows, self.rows)

    def blocks(self, progress, budget: int | None = None):
        step = self.block_rows(budget)
        for r0 in range(0, self.rows, step):
            progress(r0 / self.rows)
            r1 = min(self.rows, r0 + step)
            yield r0, self.read_rows(r0, r1)
        progress(1.0)


@dataclass
class MatImport:
    """What :func:`import_mat` did (for logs and tests)."""

    path: str
    version: str
    variable: str
    shape: tuple
    layout: str
    rows: int
    cols: int
    bands: int
    scale: float
    wavelengths: np.ndarray | None
    wavelength_source: str
    geotransform: tuple
    crs_wkt: str
    variables: str
    truth: str | None = None
    truth_kind: str | None = None  # "classes" or "abundances"
    truth_names: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def _dims(shape) -> str:
    return " x ".join(str(d) for d in shape)


# --- the pieces ---------------------------------------------------------------------------------------------------
def _scalar(mat: MatFile, name: str) -> float | None:
    var = next((v for v in mat.variables if v.name == name), None)
    if var is None or not var.numeric or var.size != 1:
        return None
    value = float(np.asarray(mat.reader(name).read_all()).ravel()[0])
    return value if math.isfinite(value) else None


def _listing_with_values(mat: MatFile, limit: int = 20) -> str:
    """The variables, with the values of the first ``limit`` numeric scalars (e.g. nRow = 95, maxValue = 0.7)."""
    parts = []
    for var in mat.variables:
        text = var.describe()
        if var.numeric and var.size == 1 and limit > 0:
            limit -= 1
            value = _scalar(mat, var.name)
            text += f" = {value:g}" if value is not None else ""
        parts.append(text)
    return ", ".join(parts) or "no variables"


def _file_dimension(mat: MatFile, names) -> tuple[int, str] | None:
    for var in mat.variables:
        if var.name.lower() in names and var.numeric and var.size == 1:
            value = _scalar(mat, var.name)
            if value is not None and value >= 1 and value == int(value):
                return int(value), var.name
    return None


def _rows_cols(mat, rows, cols, notes) -> tuple[int, int]:
    """ROWS/COLS from the parameters, else from scalar variables of the file such as nRow/nCol (0 = unknown)."""
    if not rows:
        found = _file_dimension(mat, ROW_NAMES)
        if found:
            rows = found[0]
            notes.append(Message("ROWS = {rows} from the file's variable {found!r}", rows=rows, found=found[1]))
    if not cols:
        found = _file_dimension(mat, COL_NAMES)
        if found:
            cols = found[0]
            notes.append(Message("COLS = {cols} from the file's variable {found!r}", cols=cols, found=found[1]))
    return int(rows or 0), int(cols or 0)


def _pixel_axis(shape, rows, cols) -> tuple[int, int, int] | None:
    """(pixel axis, rows, cols) of a 2-D array for ROWS/COLS (one of them may be 0: taken from the larger axis)."""
    if rows and cols:
        hits = [a for a in (0, 1) if shape[a] == rows * cols]
        return (hits[0], rows, cols) if len(hits) == 1 else None
    known = rows or cols
    if not known:
        return None
    axis = 0 if shape[0] >= shape[1] else 1
    if shape[axis] % known:
        return None
    other = shape[axis] // known
    return (axis, known, other) if rows else (axis, other, known)


def _default_variable(mat, exclude, rows, cols) -> str:
    numeric = [v for v in mat.variables if v.numeric and v.name not in exclude]
    cubes = [v for v in numeric if len(v.shape) == 3]
    if cubes:
        return max(cubes, key=lambda v: v.size).name
    lists = [v for v in numeric if len(v.shape) == 2 and min(v.shape) > 1 and _pixel_axis(v.shape, rows, cols)]
    if lists:
        return max(lists, key=lambda v: v.size).name
    hint = "" if rows or cols else Message(" (for a 2-D pixels x bands array, set ROWS and COLS too)")
    raise ParameterError("VARIABLE: {path} has no 3-D numeric array, and no 2-D array matches ROWS x COLS; "
                         "name the cube in VARIABLE{hint}. Its variables: {listing}", path=mat.path, hint=hint,
                         listing=mat.listing())


def _data_grid(mat, name, reader, layout, rows, cols, n_wavelengths, notes) -> Grid:
    shape = reader.shape
    where = Message("{name!r} ({dims}) in {path}", name=name, dims=_dims(shape), path=mat.path)
    if layout not in LAYOUTS:
        raise ParameterError("LAYOUT: {layout!r} is not one of {layouts}", layout=layout, layouts=", ".join(LAYOUTS))
    if len(shape) == 3:
        if layout in PIXEL_LAYOUTS:
            raise ParameterError("LAYOUT: {layout} is for 2-D pixel lists, but {where} is 3-D; use one of "
                                 "{axis_layouts} (or auto)", layout=layout, where=where, axis_layouts=", ".join(AXIS_LAYOUTS))
        if layout == "auto":
            if n_wavelengths and list(shape).count(n_wavelengths) == 1:
                band = list(shape).index(n_wavelengths)
                r, c = [a for a in range(3) if a != band]
                layout = "-".join({r: "rows", c: "cols", band: "bands"}[a] for a in range(3))
                notes.append(Message("LAYOUT auto: {layout} (the axis of {n_wavelengths} values holds the bands)", layout=layout,
                                     n_wavelengths=n_wavelengths))
            else:
                layout = "rows-cols-bands"
                notes.append(Message("LAYOUT auto: rows-cols-bands (MATLAB's usual size(x) = [rows cols bands])"))
        words = layout.split("-")
        grid = Grid(reader, shape[words.index("rows")], shape[words.index("cols")], shape[words.index("bands")],
                    row_axis=words.index("rows"), col_axis=words.index("cols"), band_axis=words.index("bands"))
        for label, given, actual in (("ROWS", rows, grid.rows), ("COLS", cols, grid.cols)):
            if given and given != actual:
                raise ParameterError("{label}: {given} does not match {where}, which has {actual} "
                                     "{axis} with LAYOUT {layout}", label=label, given=given, where=where, actual=actual,
                                     axis=Message("rows") if label == "ROWS" else Message("columns"), layout=layout)
        return grid
    if len(shape) != 2:
        raise ParameterError("VARIABLE: {where} has {n_shape} dimensions; expected a 3-D cube or a 2-D "
                             "pixels x bands array", where=where, n_shape=len(shape))
    if layout in AXIS_LAYOUTS:
        raise ParameterError("LAYOUT: {layout} is for 3-D arrays, but {where} is 2-D (a pixel list): use "
                             "{pixel_layouts} with ROWS and COLS", layout=layout, where=where,
                             pixel_layouts=" or ".join(PIXEL_LAYOUTS))
    rows, cols = _rows_cols(mat, rows, cols, notes)
    found = _pixel_axis(shape, rows, cols)
    if found is None:
        big = max(shape)
        root = math.isqrt(big)
        square = Message("; {big} = {root} x {root} if the scene is square", big=big, root=root) if root * root == big \
            else ""
        given = f"ROWS x COLS = {rows} x {cols} = {rows * cols}" if rows and cols else \
            f"ROWS = {rows or '?'}, COLS = {cols or '?'}"
        raise ParameterError("ROWS/COLS: {where} is a 2-D pixel list; {given} matches neither dimension. Set ROWS "
                             "and COLS so that ROWS x COLS is the number of pixels{square}", where=where, given=given,
                             square=square)
    axis, rows, cols = found
    order = "C" if layout == "pixels-row-major" else "F"
    if layout == "auto":
        notes.append(Message("LAYOUT auto: pixels-column-major (MATLAB's order: pixel k is row k mod ROWS); if the image "
                             "looks transposed or sheared, use LAYOUT pixels-row-major"))
    return Grid(reader, rows, cols, shape[1 - axis], band_axis=1 - axis, pixel_axis=axis, order=order)


def grid_geotransform(rows: int, cols: int, bounds=None) -> tuple:
    """The pixel grid (1 unit per pixel, upper-left corner at (0, rows): north-up) or ``bounds`` = (xmin, ymin,
    xmax, ymax) spread over the image."""
    if bounds is None:
        return (0.0, 1.0, 0.0, float(rows), 0.0, -1.0)
    xmin, ymin, xmax, ymax = (float(v) for v in bounds)
    if not (xmax > xmin and ymax > ymin) or not all(math.isfinite(v) for v in (xmin, ymin, xmax, ymax)):
        raise ParameterError("EXTENT: ({xmin}, {ymin}, {xmax}, {ymax}) is empty; xmax must exceed xmin and ymax ymin", xmin=xmin,
                             ymin=ymin, xmax=xmax, ymax=ymax)
    return (xmin, (xmax - xmin) / cols, 0.0, ymax, 0.0, -(ymax - ymin) / rows)


def _scaled(raw: np.ndarray, scale: float) -> np.ndarray:
    if scale == 1.0:
        out = raw.astype(np.float32, order="C")  # one pass: converted and laid out for the writer
    else:  # divided in float64 and rounded once: the float32 nearest the true quotient
        wide = raw.astype(np.float64, order="C")
        wide /= scale
        out = wide.astype(np.float32)
        del wide
    if raw.dtype.kind == "f":
        bad = ~np.isfinite(out)
        if bad.any():
            out[bad] = FLOAT_NODATA
    return out


# --- the import ---------------------------------------------------------------------------------------------------
def import_mat(path, output, *, variable: str | None = None, layout: str = "auto", rows: int = 0, cols: int = 0,
               scale: float = 1.0, wavelengths: str | None = None, bounds=None, crs_wkt: str = "",
               truth: str | None = None, truth_file=None, truth_names: str | None = None, truth_output=None,
               memory_limit: int | None = None, progress=None) -> MatImport:
    """Write the cube ``variable`` of the .mat file ``path`` to the GeoTIFF ``output``, and the ``truth`` variable
    (of ``path``, or of ``truth_file``: then by default its largest array that fits the grid) to ``truth_output``.
    ``bounds`` = (xmin, ymin, xmax, ymax) in ``crs_wkt``; without them, a pixel grid. ``memory_limit``: bytes a v5
    variable may take (default: the memory available now)."""
    import contextlib

    from .mattruth import default_truth, plan_truth, write_truth

    path, output = os.fspath(path), os.fspath(output)
    progress = as_progress(progress)
    scale = float(scale)
    if not (math.isfinite(scale) and scale > 0):
        raise ParameterError("SCALE: must be a positive number (values are divided by it), got {scale:g}", scale=scale)
    if crs_wkt and bounds is None:
        raise ParameterError("CRS: a CRS without EXTENT would put the pixel grid at the CRS's origin; give EXTENT "
                             "(the scene's bounds) too, or neither for a plain pixel grid")
    notes: list[str] = []
    with contextlib.ExitStack() as files:
        mat = files.enter_context(open_mat(path, memory_limit))
        progress.log("{file} (MATLAB v{version}): {listing}", file=os.path.basename(path), version=mat.version,
                     listing=_listing_with_values(mat))
        tmat = mat
        if truth_file and os.path.realpath(os.fspath(truth_file)) != os.path.realpath(path):
            tmat = files.enter_context(open_mat(os.fspath(truth_file), memory_limit, "TRUTH_FILE"))
            progress.log("TRUTH_FILE {file} (MATLAB v{version}): {listing}", file=os.path.basename(tmat.path),
                         version=tmat.version, listing=tmat.listing())
        truth = (truth or "").strip() or None
        if truth:
            tmat.numeric(truth, "TRUTH")
        rows, cols = int(rows or 0), int(cols or 0)
        if variable:
            name = variable.strip()
            mat.numeric(name, "VARIABLE")
        else:
            name = _default_variable(mat, {truth} if tmat is mat else set(), *_rows_cols(mat, rows, cols, []))
            notes.append(Message("VARIABLE: {name!r}, the largest {dims} "
                                 "numeric array", name=name, dims="3-D" if len(mat.variable(name).shape) == 3 else "2-D"))
        spec = wavelength_spec(mat, wavelengths, {name, truth if tmat is mat else None})
        n_wl = spec[1].size if spec[0] == "values" else None
        reader = mat.reader(name, "VARIABLE")
        grid = _data_grid(mat, name, reader, layout, rows, cols, n_wl, notes)
        wl = band_wavelengths(spec, grid.bands, path)
        if spec[0] is not None:
            notes.append(Message("WAVELENGTHS from the {source}: {first:g}-{last:g} nm", source=spec[-1], first=wl[0],
                                 last=wl[-1]))
        gt = grid_geotransform(grid.rows, grid.cols, bounds)
        for note in notes:
            progress.log(note)
        progress.log("{name!r}: {rows} rows x {cols} columns x {bands} bands ({layout}), "
                     "divided by {scale:g}", name=name, rows=grid.rows, cols=grid.cols, bands=grid.bands, layout=grid.layout,
                     scale=scale)
        result = MatImport(path, mat.version, name, reader.shape, grid.layout, grid.rows, grid.cols, grid.bands,
                           scale, wl, spec[-1], gt, crs_wkt or "", mat.listing(), notes=notes)
        if truth_file and not truth:
            truth = default_truth(tmat, grid, {name} if tmat is mat else set())
            notes.append(Message("TRUTH: {truth!r}, the largest array of {file} that fits the image", truth=truth,
                                 file=os.path.basename(tmat.path)))
            progress.log(notes[-1])
        plan = plan_truth(tmat, truth, grid, truth_names, progress.sub(0.0, 0.05)) if truth and truth_output else None
        if truth and not truth_output:
            progress.log("TRUTH: {truth!r} is not written (no TRUTH_OUTPUT given)", truth=truth)
        meta = {"MAT_SOURCE": os.path.basename(path), "MAT_VARIABLE": name, "MAT_FORMAT": f"v{mat.version}",
                "MAT_LAYOUT": grid.layout, "MAT_SCALE": repr(scale), "MAT_WAVELENGTHS": spec[-1]}
        with RasterWriter(output, width=grid.cols, height=grid.rows, bands=grid.bands, geotransform=gt,
                          crs_wkt=crs_wkt or "", dtype="float32", nodata=FLOAT_NODATA, wavelengths=wl,
                          metadata=meta) as writer:
            for r0, raw in grid.blocks(progress.sub(0.05 if plan else 0.0, 0.9 if plan else 1.0)):
                writer.write(_scaled(raw, scale), r0)
            if plan:  # inside the cube's writer: a failure here leaves neither file
                write_truth(plan, os.fspath(truth_output), gt, crs_wkt or "",
                            {**meta, "MAT_SOURCE": os.path.basename(tmat.path), "MAT_FORMAT": f"v{tmat.version}",
                             "MAT_VARIABLE": truth}, progress.sub(0.9, 1.0))
                result.truth, result.truth_kind, result.truth_names = truth, plan.kind, plan.names
    return result

