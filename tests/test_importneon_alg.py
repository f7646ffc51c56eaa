"""hyspec:importneon through QGIS Processing (pytest-qgis) and through bin/qgis_process."""

import pytest
from osgeo import gdal
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProcessingException,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
)

from hyspec_qgis.core.io.sample import EAST0, NORTH0
from tests.leftovers import partials
from tests.qgis_process import run_json
from tests.rasters import label_wavelength


def test_provider_lists_importneon(hyspec_provider):
    alg = hyspec_provider.algorithm("importneon")
    assert alg is not None and alg.id() == "hyspec:importneon"
    names = [p.name() for p in alg.parameterDefinitions()]
    assert names[:2] == ["INPUT", "EXTENT"] and "OUTPUT" in names
    assert all(p.help() for p in alg.parameterDefinitions())
    assert "Map_Info" in alg.shortHelpString() and "NEON" in alg.shortHelpString()


def test_import_loads_as_georeferenced_true_colour_layer(run_alg, neon_tile, tmp_path):
    out = str(tmp_path / "refl.tif")
    result = run_alg("hyspec:importneon", {"INPUT": neon_tile[0], "OUTPUT": out})
    assert result["OUTPUT"] == out
    layer = QgsRasterLayer(out, "refl")
    assert layer.isValid() and layer.bandCount() == 426
    assert layer.crs().authid() == "EPSG:32618"
    ext = layer.extent()
    assert (ext.xMinimum(), ext.yMinimum(), ext.xMaximum(), ext.yMaximum()) == (EAST0, NORTH0, EAST0 + 80, NORTH0 + 60)
    # The .qml sidecar is loaded as the default style: true colour from the bands nearest 650/550/450 nm.
    renderer = layer.renderer()
    assert renderer.type() == "multibandcolor"
    rgb = (renderer.redBand(), renderer.greenBand(), renderer.blueBand())
    assert rgb == (54, 34, 14)
    labels = [label_wavelength(layer.bandName(b)) for b in rgb]
    assert [n for n, _ in labels] == [54, 34, 14]
    assert [round(w, 3) for _, w in labels] == [649.284, 549.133, 448.982]


def test_import_extent_in_another_crs(run_alg, neon_tile, tmp_path):
    # A 20 x 10 m box inside the tile, given in WGS 84 (as a plot boundary would be).
    utm = QgsCoordinateReferenceSystem("EPSG:32618")
    wgs = QgsCoordinateReferenceSystem("EPSG:4326")
    box = QgsRectangle(EAST0 + 20.5, NORTH0 + 30.5, EAST0 + 40.5, NORTH0 + 40.5)
    geo = QgsCoordinateTransform(utm, wgs, QgsProject.instance()).transformBoundingBox(box)
    extent = f"{geo.xMinimum()!r},{geo.xMaximum()!r},{geo.yMinimum()!r},{geo.yMaximum()!r} [EPSG:4326]"
    out = str(tmp_path / "sub.tif")
    run_alg("hyspec:importneon", {"INPUT": neon_tile[0], "EXTENT": extent, "OUTPUT": out})
    ds = gdal.Open(out)
    gt = ds.GetGeoTransform()
    # Same grid as the tile (integer metre offsets) and covering the box.
    assert gt[0] == int(gt[0]) and gt[3] == int(gt[3]) and gt[1] == 1.0
    assert gt[0] <= EAST0 + 20.5 and gt[0] + ds.RasterXSize >= EAST0 + 40.5
    assert gt[3] >= NORTH0 + 40.5 and gt[3] - ds.RasterYSize <= NORTH0 + 30.5
    assert ds.RasterXSize <= 23 and ds.RasterYSize <= 13


def test_import_bad_input_names_the_problem_and_writes_nothing(run_alg, tmp_path):
    bad = tmp_path / "not_neon.h5"
    bad.write_bytes(b"garbage")
    out = tmp_path / "o.tif"
    with pytest.raises(QgsProcessingException, match="not an HDF5 file"):
        run_alg("hyspec:importneon", {"INPUT": str(bad), "OUTPUT": str(out)})
    assert not out.exists() and partials(tmp_path) == []


def test_import_ancillary_needs_folder(run_alg, neon_tile, tmp_path):
    out = tmp_path / "o.tif"
    with pytest.raises(QgsProcessingException, match="ANCILLARY_FOLDER"):
        run_alg("hyspec:importneon", {"INPUT": neon_tile[0], "ANCILLARY": "Slope", "OUTPUT": str(out)})
    assert not out.exists() and partials(tmp_path) == []


def test_import_ancillary_acquisition_date_alias(run_alg, sample_dir, tmp_path):
    from hyspec_qgis.core.io.sample import sample_filename, write_sample

    h5 = str(sample_dir / sample_filename("002"))
    write_sample(h5, rows=20, cols=30, n_bands=60, layout="002", write_truth=False)
    folder = tmp_path / "anc"
    run_alg("hyspec:importneon", {"INPUT": h5, "ANCILLARY": "Acquisition_Date;Weather_Quality_Indicator",
                                  "ANCILLARY_FOLDER": str(folder), "OUTPUT": str(tmp_path / "o.tif")})
    date = gdal.Open(str(folder / "Acquisition_Date.tif")).ReadAsArray()
    assert set(date.ravel().tolist()) <= {20220623, 20220624, -9999}
    assert gdal.Open(str(folder / "Weather_Quality_Indicator.tif")).RasterCount == 1


@pytest.mark.qgis_process
def test_import_through_qgis_process(neon_tile, tmp_path):
    out = str(tmp_path / "refl_i16.tif")
    code, data, err = run_json("hyspec:importneon", INPUT=neon_tile[0], ENCODING="int16", OUTPUT=out)
    assert code == 0, err
    assert data["results"]["OUTPUT"] == out
    ds = gdal.Open(out)
    assert ds.RasterCount == 426 and ds.GetRasterBand(1).DataType == gdal.GDT_Int16
    assert ds.GetGeoTransform() == (EAST0, 1.0, 0.0, NORTH0 + 60, 0.0, -1.0)


@pytest.mark.qgis_process
def test_qgis_process_bad_file_fails_clearly(tmp_path):
    bad = tmp_path / "x.h5"
    bad.write_text("nope")
    code, data, err = run_json("hyspec:importneon", INPUT=str(bad), OUTPUT=str(tmp_path / "o.tif"))
    assert code != 0 and "not an HDF5 file" in err
    assert not (tmp_path / "o.tif").exists() and partials(tmp_path) == []
