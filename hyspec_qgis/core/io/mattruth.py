"""The ground truth of a .mat benchmark scene, on the cube's grid: a label map becomes a class raster (0 = unlabelled,
classes 1..k with names when the file names them), abundances a float32 raster with one band per endmember.

A label map is an integer or logical array, or a float array whose values are all whole numbers, with one value per
pixel; anything with an endmember axis, or non-integer values, is abundances. Names come from TRUTH_NAMES (a variable
or a ``;``-separated list) or from a char / cell-of-text variable of the file with one name per class.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import permutations

import numpy as np

from ..errors import ParameterError
from ..messages import Message
from .matfile import Grid
from .matvars import MatFile
from .raster_writer import FLOAT_NODATA, RasterWriter, class_dtype

MAX_CLASSES = 65535


def truth_axes(shape, data: Grid) -> tuple[dict, str | None] | None:
    """Grid arguments placing an array of MATLAB ``shape`` on the data's grid (and a note), or None if it does not
    fit: a rows x cols label map (either way round), a list of rows * cols pixels, or rows x cols x endmembers."""
    rows, cols = data.rows, data.cols
    transposed = data.pixel_axis is None and data.row_axis > data.col_axis
    if len(shape) == 2 and (rows, cols) in (shape, shape[::-1]):
        if shape == (rows, cols) and not (rows == cols and transposed):
            return dict(bands=1, row_axis=0, col_axis=1), None
        return dict(bands=1, row_axis=1, col_axis=0), Message("stored columns x rows, like the cube")
    if len(shape) == 2 and rows * cols in shape and shape[0] != shape[1]:
        axis = shape.index(rows * cols)
        order = data.order or "F"
        return (dict(bands=shape[1 - axis], band_axis=1 - axis, pixel_axis=axis, order=order),
                Message("a list of {n_pixels} pixels in column-major order", n_pixels=rows * cols) if order == "F"
                else Message("a list of {n_pixels} pixels in row-major order", n_pixels=rows * cols))
    if len(shape) == 3:
        own = (data.row_axis, data.col_axis, data.band_axis) if data.pixel_axis is None else None
        candidates = ([own] if own else []) + [p for p in permutations(range(3)) if p[0] < p[1]] + \
            [p for p in permutations(range(3)) if p[0] > p[1]]
        for r, c, k in candidates:
            if shape[r] == rows and shape[c] == cols:
                return dict(bands=shape[k], row_axis=r, col_axis=c, band_axis=k), None
    return None


def default_truth(mat: MatFile, data: Grid, exclude) -> str:
    """The largest numeric variable of a truth file that fits the cube's grid."""
    for var in sorted((v for v in mat.variables if v.numeric and v.name not in exclude), key=lambda v: -v.size):
        if truth_axes(var.shape, data) is not None:
            return var.name
    raise ParameterError("TRUTH: no variable of {path} fits the image ({rows} rows x {cols} columns, "
                         "{n_pixels} pixels); its variables: {listing}", path=mat.path, rows=data.rows, cols=data.cols,
                         n_pixels=data.rows * data.cols, listing=mat.listing())


def truth_grid(mat: MatFile, name: str, data: Grid, notes: list) -> Grid:
    """Where the TRUTH variable's pixels are, on the data's grid."""
    var = mat.numeric(name, "TRUTH")
    found = truth_axes(var.shape, data)
    if found is None:
        dims = " x ".join(str(d) for d in var.shape)
        raise ParameterError("TRUTH: {name!r} ({dims}) in {path} matches neither the image ({rows} rows x "
                             "{cols} columns) nor its {n_pixels} pixels; expected a rows x cols "
                             "label map, a list of pixels, or rows x cols x endmembers", name=name, dims=dims, path=mat.path,
                             rows=data.rows, cols=data.cols, n_pixels=data.rows * data.cols)
    kwargs, note = found
    if note:
        notes.append(Message("TRUTH: {name!r} is {note}", name=name, note=note))
    return Grid(mat.reader(name, "TRUTH"), data.rows, data.cols, **kwargs)


def _stats(grid, progress) -> tuple[float, float, bool, bool]:
    """(min, max, all whole numbers, any finite value) over the finite values, in one streamed pass."""
    lo, hi, whole, seen = np.inf, -np.inf, True, False
    for _, raw in grid.blocks(progress):
        values = raw[np.isfinite(raw)] if raw.dtype.kind == "f" else raw.ravel()
        if values.size:
            seen = True
            lo, hi = min(lo, float(values.min())), max(hi, float(values.max()))
            if whole and raw.dtype.kind == "f":
                whole = bool(np.all(values == np.round(values)))
    return lo, hi, whole, seen


def _split(names: list[str], count: int) -> list[str]:
    if len(names) == 1 and count > 1:  # one string holding all the names
        parts = [p.strip() for p in re.split(r"[;,|\n\t]", names[0]) if p.strip()]
        if len(parts) == count:
            return parts
    return names


def _names(mat: MatFile, spec, count: int, labels: bool, exclude, notes) -> list[str] | None:
    """Names for ``count`` classes (or endmembers): TRUTH_NAMES, else the first text variable that fits."""
    spec = (spec or "").strip()
    candidates = []
    if spec:
        if spec in {v.name for v in mat.variables}:
            found = mat.names(spec)
            if found is None:
                raise ParameterError("TRUTH_NAMES: {spec!r} in {path} is not a char array or a cell array of "
                                     "text", spec=spec, path=mat.path)
            candidates = [(spec, found)]
        else:
            candidates = [("TRUTH_NAMES", [s.strip() for s in spec.split(";")])]
    else:
        for var in mat.variables:
            if var.mclass in ("char", "cell") and var.name not in exclude:
                found = mat.names(var.name)
                if found:
                    candidates.append((var.name, found))
    for source, found in candidates:
        found = _split(found, count)
        if len(found) == count + 1 and labels:  # a name for 0 (background) first
            notes.append(Message("TRUTH: class names from {source!r}; its first name {first_name!r} is class 0 (unlabelled)",
                                 source=source, first_name=found[0]))
            return found[1:]
        if len(found) == count:
            notes.append(Message("TRUTH: names from {source!r}", source=source))
            return found
    if spec:
        what = Message("classes") if labels else Message("endmembers")
        raise ParameterError("TRUTH_NAMES: {n_names} names in {variable!r}, but the truth "
                             "has {count} {what}", n_names=len(candidates[0][1]), variable=candidates[0][0], count=count,
                             what=what)
    return None


@dataclass
class TruthPlan:
    """A TRUTH variable checked and understood before anything is written."""

    name: str
    grid: Grid
    kind: str  # "classes" or "abundances"
    names: list
    notes: list


def plan_truth(mat: MatFile, name: str, data_grid: Grid, names_spec, progress) -> TruthPlan:
    """Find the truth's pixels, tell a label map from abundances (one streamed pass for a single-band truth) and
    name its classes; every problem is raised here, before the cube is written."""
    notes: list[str] = []
    grid = truth_grid(mat, name, data_grid, notes)
    labels = grid.bands == 1  # one value per pixel: a label map if the values are whole numbers
    if labels:
        lo, hi, whole, seen = _stats(grid, progress)
        labels = whole and seen
        if labels and lo < 0:
            raise ParameterError("TRUTH: {name!r} in {path} has negative labels (from {lo:g}); labels must be 0 "
                                 "(unlabelled) or 1..k", name=name, path=mat.path, lo=lo)
        if labels and hi > MAX_CLASSES:
            raise ParameterError("TRUTH: {name!r} in {path} has labels up to {hi:g}; at most {max_classes} "
                                 "classes are written", name=name, path=mat.path, hi=hi, max_classes=MAX_CLASSES)
        if labels and hi < 1:
            raise ParameterError("TRUTH: {name!r} in {path} labels no pixel (every value is 0)", name=name, path=mat.path)
    if labels:
        count, default = int(hi), "class"
    else:
        count, default = grid.bands, "endmember"
    names = _names(mat, names_spec, count, labels, {name}, notes) or []
    names = [names[i] if i < len(names) and names[i] else f"{default} {i + 1}" for i in range(count)]
    return TruthPlan(name, grid, "classes" if labels else "abundances", names, notes)


def write_truth(plan: TruthPlan, output, geotransform, crs_wkt, metadata, progress) -> None:
    grid, names = plan.grid, plan.names
    for note in plan.notes:
        progress.log(note)
    common = dict(width=grid.cols, height=grid.rows, geotransform=geotransform, crs_wkt=crs_wkt, metadata=metadata)
    if plan.kind == "classes":
        out_dtype = class_dtype(len(names))
        progress.log("TRUTH: {name!r} as a class raster, classes 1-{n_names} (0 = unlabelled)", name=plan.name,
                     n_names=len(names))
        with RasterWriter(output, bands=1, dtype=out_dtype, nodata=0, class_names=names, **common) as writer:
            for r0, raw in grid.blocks(progress):
                block = raw[:, :, 0]
                if block.dtype.kind == "f":
                    block = np.where(np.isfinite(block), block, 0)
                writer.write(block.astype(out_dtype), r0)
        return
    progress.log("TRUTH: {name!r} as abundances, {n_names} band(s): {names}", name=plan.name, n_names=len(names),
                 names=", ".join(names))
    with RasterWriter(output, bands=len(names), dtype="float32", nodata=FLOAT_NODATA, band_names=names,
                      **common) as writer:
        for r0, raw in grid.blocks(progress):
            out = raw.astype(np.float32)
            if raw.dtype.kind == "f":
                out[~np.isfinite(out)] = FLOAT_NODATA
            writer.write(out, r0)
