"""Desktop behaviour: missing Python packages, alignment with other layers, translated names."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
)

from hyspec_qgis.core.io.sample import EAST0, NORTH0
from tests.qgis_process import ROOT

_BLOCKED_LOAD = """
import sys, json
for name in {blocked!r}:
    sys.modules[name] = None  # import of these now raises ImportError, as in a QGIS without them
from qgis.core import QgsApplication, QgsProcessingContext
app = QgsApplication([], False)
app.initQgis()
from hyspec_qgis.provider import HyspecProvider
provider = HyspecProvider()
QgsApplication.processingRegistry().addProvider(provider)
out = {{}}
for alg in provider.algorithms():
    requires = getattr(alg, "REQUIRES", ())  # the tutorial models have none of their own
    ok, message = alg.checkParameterValues({{}}, QgsProcessingContext()) if requires else (True, "")
    out[alg.id()] = [list(requires), message]
print("RESULT" + json.dumps(out))
"""


def _load_with_blocked(blocked):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=ROOT)
    proc = subprocess.run([sys.executable, "-c", _BLOCKED_LOAD.format(blocked=blocked)], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=120)
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT")]
    assert line, proc.stderr[-3000:]
    return json.loads(line[0][6:])


ALL_ALGORITHMS = {"hyspec:importneon", "hyspec:cleanbands", "hyspec:kmeans", "hyspec:pca", "hyspec:nfindr",
                  "hyspec:unmix", "hyspec:sam", "hyspec:sid"}


def test_without_h5py_the_plugin_loads_and_importneon_says_what_to_install():
    algs = _load_with_blocked(["h5py"])
    assert ALL_ALGORITHMS <= set(algs)
    requires, message = algs["hyspec:importneon"]
    assert requires == ["h5py"]
    assert "h5py" in message and "apt install python3-h5py" in message and "OSGeo4W" in message and "macOS" in message
    assert all("h5py" not in algs[a][0] for a in ALL_ALGORITHMS - {"hyspec:importneon"})


def test_without_scikit_learn_the_plugin_loads_and_kmeans_says_what_to_install():
    algs = _load_with_blocked(["sklearn"])
    assert ALL_ALGORITHMS <= set(algs)
    requires, message = algs["hyspec:kmeans"]
    assert requires == ["sklearn"]
    assert "scikit-learn" in message and "apt install python3-sklearn" in message and "OSGeo4W" in message
    assert all(not algs[a][0] for a in ALL_ALGORITHMS - {"hyspec:importneon", "hyspec:kmeans"})


def test_output_lines_up_with_a_wgs84_plot_boundary(run_alg, neon_tile, tmp_path):
    """A plot boundary digitised in EPSG:4326 lands on the right pixels of a UTM output once QGIS reprojects it."""
    out = str(tmp_path / "refl.tif")
    run_alg("hyspec:importneon", {"INPUT": neon_tile[0], "OUTPUT": out})
    raster = QgsRasterLayer(out, "refl")
    utm = QgsCoordinateReferenceSystem("EPSG:32618")
    wgs = QgsCoordinateReferenceSystem("EPSG:4326")
    project = QgsProject.instance()
    # A 4 x 4 m plot centred on the centre of pixel (row 10, col 25), digitised in lon/lat.
    cx, cy = EAST0 + 25.5, NORTH0 + 60 - 10.5
    to_wgs = QgsCoordinateTransform(utm, wgs, project)
    ring = [to_wgs.transform(QgsPointXY(cx + dx, cy + dy)) for dx, dy in ((-2, -2), (2, -2), (2, 2), (-2, 2), (-2, -2))]
    plots = QgsVectorLayer("Polygon?crs=EPSG:4326&field=plot:string", "plots", "memory")
    feature = QgsFeature(plots.fields())
    feature.setGeometry(QgsGeometry.fromPolygonXY([ring]))
    feature.setAttributes(["SERC_001"])
    plots.dataProvider().addFeatures([feature])
    project.addMapLayers([raster, plots])
    try:
        to_raster = QgsCoordinateTransform(plots.crs(), raster.crs(), project)
        geom = QgsGeometry(next(plots.getFeatures()).geometry())
        geom.transform(to_raster)
        centre = geom.centroid().asPoint()
        assert abs(centre.x() - cx) < 0.01 and abs(centre.y() - cy) < 0.01
        value, ok = raster.dataProvider().sample(centre, 54)
        assert ok
        ds = gdal.Open(out)  # keep the dataset referenced while using its band (GDAL < 3.8)
        expected = ds.GetRasterBand(54).ReadAsArray()[10, 25]
        assert value == pytest.approx(float(expected), rel=1e-6)
        # And the plot's reprojected bounding box covers exactly the 4 x 4 pixels around that centre.
        bbox = geom.boundingBox()
        assert np.allclose([bbox.xMinimum(), bbox.yMaximum()], [cx - 2, cy + 2], atol=0.01)
    finally:
        project.removeAllMapLayers()


def test_french_translation_of_algorithm_and_provider_names(hyspec_provider):
    from hyspec_qgis.i18n.translator import install_translator, remove_translators

    alg = hyspec_provider.algorithm("importneon")
    english = alg.displayName()
    assert english == "Import NEON reflectance (HDF5)"
    translator = install_translator("fr")
    try:
        assert translator is not None, "hyspec_fr.qm is missing: run make i18n"
        assert alg.displayName() == "Importer la réflectance NEON (HDF5)"
        # The long name is translated too; the short name reads the same in both languages (as the .ts says).
        assert hyspec_provider.longName() == "hyspec : spectroscopie imageante NEON AOP"
        assert hyspec_provider.name() == "Hyperspectral (NEON AOP)"
    finally:
        remove_translators()
    assert alg.displayName() == english
    assert hyspec_provider.longName() == "hyspec: NEON AOP imaging spectroscopy"
