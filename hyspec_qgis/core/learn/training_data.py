"""Training pixels from vector features (polygons, points or lines) and a class field, split by feature.

The features are rasterised onto the raster's own grid with GDAL (a pixel belongs to a polygon when its centre is
inside; a point takes the pixel it falls in; a feature too small to contain any pixel centre takes the pixels it
touches). Geometries are reprojected to the raster's CRS first when both CRSs are known. Pixels covered by two
features are left out: they would belong to two classes, or sit in both training and validation. Pixels that are
no-data in the raster are left out too.

Validation is held out by feature, never by pixel: pixels of one polygon are near-copies of each other, and a
pixel-level split would put neighbours on both sides and overstate the accuracy. For each class, a seeded
``fraction`` of its features (rounded, and at most all but one) goes to validation, so every class keeps at least
one training feature; a class with a single feature has none held out.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field

import numpy as np
from osgeo import gdal, ogr, osr

from ..errors import HyspecError
from ..io.raster_reader import Window
from ..messages import Message

ID_FIELD = "hyspec_fid"


@dataclass
class FeatureLabels:
    """Feature ids (1..n_features, 0 = none) on a window of the raster grid, and each feature's class."""

    ids: np.ndarray  # (window.height, window.width) int32
    window: Window
    feature_class: np.ndarray  # (n_features,) 0-based class index of feature id i + 1
    class_names: list
    messages: list = field(default_factory=list)


@dataclass
class TrainingSet:
    x_train: np.ndarray
    y_train: np.ndarray  # 0-based class indices, int64
    x_val: np.ndarray
    y_val: np.ndarray
    class_names: list
    # per class: [train features, validation features, train pixels, validation pixels]
    counts: np.ndarray
    messages: list = field(default_factory=list)


def _class_key(values):
    """Class names sorted as numbers when every value is a number, else as text."""
    def number(v):
        try:
            f = float(v)
        except (TypeError, ValueError):
            return None
        return f if math.isfinite(f) else None

    nums = {v: number(v) for v in values}
    if all(n is not None for n in nums.values()):
        def name(v):
            f = nums[v]
            return str(int(f)) if f == int(f) else repr(f)
        ordered = sorted(values, key=lambda v: nums[v])
        names = []
        for v in ordered:
            if name(v) not in names:
                names.append(name(v))
        return names, name
    names = sorted({str(v).strip() for v in values})
    return names, lambda v: str(v).strip()


def _open_layer(path, layer_name, parameter):
    path = os.fspath(path)
    try:
        ds = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_READONLY)
    except RuntimeError as exc:
        raise HyspecError("{parameter}: {path}: not a vector file GDAL can read ({exc})", parameter=parameter,
                          path=path, exc=exc) from None
    if ds is None or ds.GetLayerCount() == 0:
        raise HyspecError("{parameter}: {path}: not a vector file GDAL can read, or it has no layers", parameter=parameter,
                          path=path)
    layer = ds.GetLayerByName(layer_name) if layer_name else ds.GetLayer(0)
    if layer is None:
        raise HyspecError("{parameter}: {path}: no layer named {layer_name!r}", parameter=parameter, path=path,
                          layer_name=layer_name)
    return ds, layer


def rasterize_features(vector_path, class_field: str, raster, layer_name: str | None = None,
                       parameter: str = "TRAINING", field_parameter: str = "CLASS_FIELD") -> FeatureLabels:
    """Rasterise the features of ``vector_path`` (its first layer, or ``layer_name``) onto ``raster``'s grid."""
    return _rasterize(vector_path, class_field, raster, layer_name, parameter, field_parameter)


def _rasterize(vector_path, class_field, raster, layer_name, parameter, field_parameter) -> FeatureLabels:
    ds, layer = _open_layer(vector_path, layer_name, parameter)
    where = f"{parameter}: {vector_path}"
    defn = layer.GetLayerDefn()
    fields = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    if class_field not in fields:
        matches = [f for f in fields if f.lower() == str(class_field).lower()]
        if len(matches) != 1:
            raise HyspecError("{field_parameter}: {vector_path} has no field {class_field!r} (fields: "
                              "{fields})", field_parameter=field_parameter, vector_path=vector_path, class_field=class_field,
                              fields=", ".join(fields) or "none")
        class_field = matches[0]
    transform = None
    source_srs = layer.GetSpatialRef()
    if source_srs is not None and raster.crs_wkt:
        target = osr.SpatialReference()
        target.ImportFromWkt(raster.crs_wkt)
        source_srs = source_srs.Clone()
        for srs in (source_srs, target):
            srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        if not source_srs.IsSame(target):
            transform = osr.CoordinateTransformation(source_srs, target)
    values, geoms, skipped = [], [], 0
    layer.ResetReading()
    for feature in layer:
        value = feature.GetField(class_field)
        geom = feature.GetGeometryRef()
        if value is None or str(value).strip() == "" or geom is None or geom.IsEmpty():
            skipped += 1
            continue
        geom = geom.Clone()
        if transform is not None:
            geom.Transform(transform)
        values.append(value)
        geoms.append(geom)
    messages = []
    if skipped:
        messages.append(Message("{skipped} feature(s) without a class value or geometry were left out", skipped=skipped))
    if not geoms:
        raise HyspecError("{where}: no feature has both a geometry and a value in {class_field!r}", where=where,
                          class_field=class_field)
    names, name_of = _class_key(values)
    index = {n: i for i, n in enumerate(names)}
    feature_class = np.array([index[name_of(v)] for v in values], dtype=np.int64)

    window = _features_window(geoms, raster)
    if window is None:
        raise HyspecError("{where}: no feature overlaps the raster {path} (after reprojection to its CRS)", where=where,
                          path=raster.path)
    ids = _burn(geoms, raster, window, all_touched=False)
    coverage = _burn(geoms, raster, window, all_touched=False, count=True)
    overlap = coverage > 1
    n_overlap = int(overlap.sum())
    ids[overlap] = 0
    present = np.bincount(ids.ravel(), minlength=len(geoms) + 1)[1:]
    small = np.flatnonzero(present == 0)
    if small.size:  # features without a pixel centre inside: take the pixels they touch, where free
        touched = _burn([geoms[i] for i in small], raster, window, all_touched=True, ids=small + 1)
        free = (ids == 0) & (touched > 0) & ~overlap
        ids[free] = touched[free]
        present = np.bincount(ids.ravel(), minlength=len(geoms) + 1)[1:]
    if n_overlap:
        messages.append(Message("{n_overlap} pixel(s) covered by more than one feature were left out", n_overlap=n_overlap))
    empty = int((present == 0).sum())
    if empty:
        messages.append(Message("{empty} feature(s) cover no pixel of the raster and were left out", empty=empty))
    return FeatureLabels(ids, window, feature_class, names, messages)


def _features_window(geoms, raster) -> Window | None:
    gt = raster.geotransform
    if gt[2] != 0 or gt[4] != 0:
        return Window(0, 0, raster.height, raster.width)
    env = np.array([g.GetEnvelope() for g in geoms])  # minx, maxx, miny, maxy
    xmin, xmax, ymin, ymax = env[:, 0].min(), env[:, 1].max(), env[:, 2].min(), env[:, 3].max()
    c0 = math.floor((xmin - gt[0]) / gt[1]) - 1
    c1 = math.ceil((xmax - gt[0]) / gt[1]) + 1
    r0 = math.floor((ymax - gt[3]) / gt[5]) - 1
    r1 = math.ceil((ymin - gt[3]) / gt[5]) + 1
    if gt[5] > 0:
        r0, r1 = math.floor((ymin - gt[3]) / gt[5]) - 1, math.ceil((ymax - gt[3]) / gt[5]) + 1
    c0, c1, r0, r1 = max(c0, 0), min(c1, raster.width), max(r0, 0), min(r1, raster.height)
    if c1 <= c0 or r1 <= r0:
        return None
    return Window(r0, c0, r1 - r0, c1 - c0)


def _burn(geoms, raster, window, all_touched=False, count=False, ids=None) -> np.ndarray:
    """Rasterise geometries onto the window: their 1-based ids (or ``ids``), or how many cover each pixel."""
    mem = gdal.GetDriverByName("MEM").Create("", window.width, window.height, 1, gdal.GDT_Int32)
    mem.SetGeoTransform(raster.window_geotransform(window))
    if raster.crs_wkt:
        mem.SetProjection(raster.crs_wkt)
    vds = ogr.GetDriverByName("Memory").CreateDataSource("")
    srs = None
    if raster.crs_wkt:
        srs = osr.SpatialReference()
        srs.ImportFromWkt(raster.crs_wkt)
    layer = vds.CreateLayer("features", srs=srs)
    layer.CreateField(ogr.FieldDefn(ID_FIELD, ogr.OFTInteger))
    defn = layer.GetLayerDefn()
    for i, geom in enumerate(geoms):
        f = ogr.Feature(defn)
        f.SetField(ID_FIELD, int(ids[i]) if ids is not None else i + 1)
        f.SetGeometry(geom)
        layer.CreateFeature(f)
    options = ["ALL_TOUCHED=TRUE"] if all_touched else []
    if count:
        gdal.RasterizeLayer(mem, [1], layer, burn_values=[1], options=options + ["MERGE_ALG=ADD"])
    else:
        gdal.RasterizeLayer(mem, [1], layer, options=options + [f"ATTRIBUTE={ID_FIELD}"])
    return mem.GetRasterBand(1).ReadAsArray().astype(np.int32)


def split_features(feature_class: np.ndarray, n_classes: int, fraction: float, seed: int = 0,
                   present: np.ndarray | None = None) -> np.ndarray:
    """Boolean per feature: held out for validation. Per class, round(fraction x features), at most all but one."""
    if not (0.0 <= fraction < 1.0):
        raise HyspecError("VALIDATION_FRACTION: must be at least 0 and below 1, got {fraction}", fraction=fraction)
    rng = np.random.default_rng(seed)
    held = np.zeros(feature_class.size, dtype=bool)
    usable = np.ones(feature_class.size, dtype=bool) if present is None else present
    for c in range(n_classes):
        members = np.flatnonzero((feature_class == c) & usable)
        k = min(members.size - 1, int(math.floor(fraction * members.size + 0.5))) if members.size else 0
        if k > 0:
            held[rng.permutation(members)[:k]] = True
    return held


def training_set(raster, labels: FeatureLabels, fraction: float, seed: int = 0, progress=None,
                 parameter: str = "TRAINING") -> TrainingSet:
    """The labelled valid pixels of ``raster``, split by feature into training and validation."""
    parts, part_ids = [], []
    for block in raster.blocks(window=labels.window, progress=progress):
        ids = labels.ids[block.row0:block.row0 + block.nrows].ravel()
        pick = (ids > 0) & block.valid
        parts.append(block.data[pick])
        part_ids.append(ids[pick])
    x = np.concatenate(parts) if parts else np.empty((0, raster.count), np.float32)
    fid = np.concatenate(part_ids) if part_ids else np.empty(0, np.int32)
    n_features = labels.feature_class.size
    pixels = np.bincount(fid, minlength=n_features + 1)[1:]
    present = pixels > 0
    k = len(labels.class_names)
    have = np.bincount(labels.feature_class[present], minlength=k)
    missing = [labels.class_names[c] for c in range(k) if have[c] == 0]
    if missing:
        raise HyspecError("{parameter}: class(es) {classes} have no valid pixel in "
                          "{path} (features outside the raster, on no-data, or overlapping others)", parameter=parameter,
                          classes=", ".join(map(repr, missing)), path=raster.path)
    if k < 2:
        raise HyspecError("{parameter}: only one class ({name!r}); a classifier needs at least 2", parameter=parameter,
                          name=labels.class_names[0])
    held = split_features(labels.feature_class, k, fraction, seed, present)
    y = labels.feature_class[fid - 1]
    val = held[fid - 1]
    counts = np.zeros((k, 4), dtype=np.int64)
    for c in range(k):
        in_c = labels.feature_class == c
        counts[c] = [(in_c & present & ~held).sum(), (in_c & held).sum(), ((y == c) & ~val).sum(),
                     ((y == c) & val).sum()]
    messages = list(labels.messages)
    lonely = [labels.class_names[c] for c in range(k) if counts[c, 1] == 0 and fraction > 0]
    if lonely:
        messages.append(Message("class(es) {classes} have too few features to hold one out: "
                                "they are not in the validation", classes=", ".join(map(repr, lonely))))
    return TrainingSet(x[~val], y[~val].astype(np.int64), x[val], y[val].astype(np.int64), labels.class_names,
                       counts, messages)
