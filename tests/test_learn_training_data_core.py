"""Training pixels from vector features: rasterised on the raster grid, split by feature, never by pixel."""
import numpy as np
import pytest
from osgeo import ogr, osr

from hyspec_qgis.core import SpectralRaster
from hyspec_qgis.core.errors import HyspecError
from hyspec_qgis.core.learn.training_data import rasterize_features, split_features, training_set

EPSG = 32618
X0, Y0 = 500000.0, 4000040.0  # upper-left corner of the 40 x 50 px test raster (1 m pixels)


def _raster(make_raster, path):
    rng = np.random.default_rng(0)
    data = rng.uniform(0.05, 0.5, (40, 50, 4)).astype(np.float32)
    data[10, 10, :] = -9999.0  # a no-data pixel inside a polygon
    return make_raster(path, data, wavelengths=[500, 600, 700, 800], nodata=-9999.0,
                       geotransform=(X0, 1.0, 0.0, Y0, 0.0, -1.0), crs=EPSG), data


def _layer(path, features, epsg=EPSG, field="cls", kind=ogr.OFTString):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = ds.CreateLayer("t", srs=srs, geom_type=ogr.wkbUnknown)
    layer.CreateField(ogr.FieldDefn(field, kind))
    for value, wkt in features:
        f = ogr.Feature(layer.GetLayerDefn())
        if value is not None:
            f.SetField(field, value)
        f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(f)
    ds = None  # noqa: F841
    return str(path)


def _box(c0, r0, c1, r1):
    """A polygon over pixel columns [c0, c1) and rows [r0, r1) (edges on pixel edges)."""
    x0, x1, y0, y1 = X0 + c0, X0 + c1, Y0 - r0, Y0 - r1
    return f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))"


def test_polygons_points_and_overlaps_on_the_raster_grid(tmp_path, make_raster):
    path, data = _raster(make_raster, tmp_path / "r.tif")
    feats = [("water", _box(5, 5, 15, 12)),          # 10 x 7 px, one no-data pixel at (10, 10)
             ("soil", _box(12, 8, 20, 16)),          # overlaps the water box on cols 12-14, rows 8-11
             ("soil", f"POINT({X0 + 30.5} {Y0 - 30.5})"),  # the pixel (row 30, col 30)
             ("trees", f"POLYGON(({X0 + 40.2} {Y0 - 2.2},{X0 + 40.6} {Y0 - 2.2},{X0 + 40.6} {Y0 - 2.6},"
                       f"{X0 + 40.2} {Y0 - 2.2}))"),  # smaller than a pixel, no centre inside: takes (2, 40)
             (None, _box(0, 0, 3, 3)),                # no class: left out
             ("far", _box(200, 200, 210, 210))]       # outside the raster
    labels = rasterize_features(_layer(tmp_path / "t.gpkg", feats), "cls", SpectralRaster(path))
    assert labels.class_names == ["far", "soil", "trees", "water"]
    full = np.zeros((40, 50), np.int32)
    w = labels.window
    full[w.row0:w.row0 + w.height, w.col0:w.col0 + w.width] = labels.ids
    # brute force: pixel centres inside each box, minus the pixels both boxes cover
    rr, cc = np.mgrid[0:40, 0:50]
    water = (cc >= 5) & (cc < 15) & (rr >= 5) & (rr < 12)
    soil = (cc >= 12) & (cc < 20) & (rr >= 8) & (rr < 16)
    np.testing.assert_array_equal(full == 1, water & ~soil)
    np.testing.assert_array_equal(full == 2, soil & ~water)
    assert full[30, 30] == 3 and full[2, 40] == 4 and (full == 3).sum() == 1 and (full == 4).sum() == 1
    assert any("more than one feature" in m for m in labels.messages)
    assert any("without a class value" in m for m in labels.messages)
    with pytest.raises(HyspecError, match="class\\(es\\) 'far' have no valid pixel"):
        training_set(SpectralRaster(path), labels, 0.3)


def test_features_in_another_crs_are_reprojected(tmp_path, make_raster):
    path, _ = _raster(make_raster, tmp_path / "r.tif")
    target = osr.SpatialReference()
    target.ImportFromEPSG(4326)
    target.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    utm = osr.SpatialReference()
    utm.ImportFromEPSG(EPSG)
    utm.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_wgs = osr.CoordinateTransformation(utm, target)
    feats = []
    for value, box in (("a", _box(2, 2, 8, 8)), ("b", _box(30, 20, 36, 26))):
        g = ogr.CreateGeometryFromWkt(box)
        g.Segmentize(0.25)  # keep the reprojected edges on the pixel edges
        g.Transform(to_wgs)
        feats.append((value, g.ExportToWkt()))
    labels = rasterize_features(_layer(tmp_path / "wgs.gpkg", feats, epsg=4326), "cls", SpectralRaster(path))
    full = np.zeros((40, 50), np.int32)
    w = labels.window
    full[w.row0:w.row0 + w.height, w.col0:w.col0 + w.width] = labels.ids
    assert (full == 1).sum() == 36 and (full[2:8, 2:8] == 1).all()
    assert (full == 2).sum() == 36 and (full[20:26, 30:36] == 2).all()


def test_split_is_by_feature_and_keeps_a_training_feature_per_class(tmp_path, make_raster):
    path, data = _raster(make_raster, tmp_path / "r.tif")
    feats = [(str(v), _box(2 + 6 * i, 2 + 9 * j, 6 + 6 * i, 8 + 9 * j))
             for j, (v, n) in enumerate(((1, 7), (2, 3), (10, 1))) for i in range(n)]
    layer = _layer(tmp_path / "n.gpkg", feats)
    labels = rasterize_features(layer, "cls", SpectralRaster(path))
    assert labels.class_names == ["1", "2", "10"]  # numbers sort as numbers
    ts = training_set(SpectralRaster(path), labels, 0.3, seed=2)
    # per class: round(0.3 x features), at most all but one: 7 -> 2, 3 -> 1, 1 -> 0
    np.testing.assert_array_equal(ts.counts[:, 0], [5, 2, 1])
    np.testing.assert_array_equal(ts.counts[:, 1], [2, 1, 0])
    assert ts.counts[:, 2].sum() == ts.x_train.shape[0] and ts.counts[:, 3].sum() == ts.x_val.shape[0]
    assert any("'10'" in m for m in ts.messages)  # a class too small to validate is named
    # no pixel value (i.e. no pixel) is on both sides, and every 4 x 6 box is wholly on one side
    train_rows = {tuple(r) for r in ts.x_train}
    assert not any(tuple(r) in train_rows for r in ts.x_val)
    assert ts.x_train.shape[0] % 24 == 0 and ts.x_val.shape[0] % 24 == 0
    held = split_features(labels.feature_class, 3, 0.3, seed=2)
    assert held.sum() == 3 and not held[labels.feature_class == 2].any()
    with pytest.raises(HyspecError, match="VALIDATION_FRACTION"):
        split_features(labels.feature_class, 3, 1.0)


def test_bad_training_inputs_name_the_parameter(tmp_path, make_raster):
    path, _ = _raster(make_raster, tmp_path / "r.tif")
    layer = _layer(tmp_path / "one.gpkg", [("only", _box(2, 2, 6, 6))])
    with pytest.raises(HyspecError, match="CLASS_FIELD: .* no field 'klass' \\(fields: cls\\)"):
        rasterize_features(layer, "klass", SpectralRaster(path))
    labels = rasterize_features(layer, "CLS", SpectralRaster(path))  # a field name in another case is found
    with pytest.raises(HyspecError, match="only one class"):
        training_set(SpectralRaster(path), labels, 0.3)
    (tmp_path / "junk.gpkg").write_text("junk")
    with pytest.raises(HyspecError, match="TRAINING: .*not a vector file"):
        rasterize_features(tmp_path / "junk.gpkg", "cls", SpectralRaster(path))
