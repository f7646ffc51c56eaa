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
                  "hyspec:unmix", "hyspec:sam", "hyspec:sid", "hyspec:importmat", "hyspec:endmembercount",
                  "hyspec:downloadneon", "hyspec:site", "hyspec:trainautoencoder", "hyspec:encode",
                  "hyspec:trainclassifier", "hyspec:predictclassifier"}
# The Python packages beyond numpy / GDAL each algorithm checks for before it runs.
REQUIRES = {"hyspec:importneon": ["h5py"], "hyspec:importmat": ["h5py"], "hyspec:kmeans": ["sklearn"],
            "hyspec:site": ["h5py", "sklearn"], "hyspec:trainautoencoder": ["torch"], "hyspec:encode": ["torch"],
            "hyspec:trainclassifier": ["sklearn"]}


def test_all_algorithms_lists_every_algorithm(hyspec_provider):
    models = {a.id() for a in hyspec_provider.algorithms() if not hasattr(a, "REQUIRES")}
    assert {a.id() for a in hyspec_provider.algorithms()} - models == ALL_ALGORITHMS


def test_without_h5py_the_plugin_loads_and_importneon_says_what_to_install():
    algs = _load_with_blocked(["h5py"])
    assert ALL_ALGORITHMS <= set(algs)
    requires, message = algs["hyspec:importneon"]
    assert requires == ["h5py"]
    assert "h5py" in message and "apt install python3-h5py" in message and "OSGeo4W" in message and "macOS" in message
    for alg in ALL_ALGORITHMS:
        requires, message = algs[alg]
        assert requires == REQUIRES.get(alg, []), alg
        assert ("apt install python3-h5py" in message) == ("h5py" in requires), alg


def test_without_scikit_learn_the_plugin_loads_and_kmeans_says_what_to_install():
    algs = _load_with_blocked(["sklearn"])
    assert ALL_ALGORITHMS <= set(algs)
    requires, message = algs["hyspec:kmeans"]
    assert requires == ["sklearn"]
    assert "scikit-learn" in message and "apt install python3-sklearn" in message and "OSGeo4W" in message
    for alg in ALL_ALGORITHMS:
        requires, message = algs[alg]
        assert requires == REQUIRES.get(alg, []), alg
        # site checks h5py first (installed here), then scikit-learn
        assert ("apt install python3-sklearn" in message) == ("sklearn" in requires), alg


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


def test_no_label_says_optional(hyspec_provider):
    """QGIS adds "[optional]" to an optional parameter's label itself ("(optional) [optional]" before)."""
    for alg in hyspec_provider.algorithms():
        for definition in alg.parameterDefinitions() + alg.outputDefinitions():
            assert "optional" not in definition.description().lower(), (alg.id(), definition.name())


def test_html_outputs_have_distinct_labels(hyspec_provider):
    """The Results Viewer lists HTML outputs by their label alone (it listed "Spectra plot" for k-means and N-FINDR)."""
    labels = [o.description() for a in hyspec_provider.algorithms() if hasattr(a, "REQUIRES")
              for o in a.outputDefinitions() if o.type() == "outputHtml"]
    assert len(labels) >= 4 and len(set(labels)) == len(labels), labels


def test_html_output_is_announced_only_after_a_run_that_wrote_one(run_alg, hyspec_provider, clean_kmeans_tile,
                                                                  tmp_path):
    """The dialog says "HTML output has been generated" when ``algorithm().hasHtmlOutputs()``: QGIS answers whether
    the algorithm declares one, so it said so after runs without a plot and after a cancel."""
    from qgis.core import QgsApplication, QgsProcessingAlgorithm, QgsProcessingException, QgsProcessingFeedback

    def dialog_algorithm():  # the dialog's own instance, not the one that ran
        return QgsApplication.processingRegistry().createAlgorithmById("hyspec:kmeans")

    assert QgsProcessingAlgorithm.hasHtmlOutputs(dialog_algorithm())  # what QGIS itself would answer
    params = {"INPUT": clean_kmeans_tile, "CLUSTERS": 3, "OUTPUT": str(tmp_path / "k.tif")}
    assert run_alg("hyspec:kmeans", params)["PLOT"] is None
    assert not dialog_algorithm().hasHtmlOutputs()
    plot = str(tmp_path / "plot.html")
    assert run_alg("hyspec:kmeans", {**params, "PLOT": plot})["PLOT"] == plot and os.path.exists(plot)
    assert dialog_algorithm().hasHtmlOutputs()
    cancelled = QgsProcessingFeedback()
    cancelled.cancel()
    with pytest.raises(QgsProcessingException):
        run_alg("hyspec:kmeans", {**params, "PLOT": str(tmp_path / "plot2.html")}, feedback=cancelled)
    assert not dialog_algorithm().hasHtmlOutputs() and not os.path.exists(tmp_path / "plot2.html")


def test_unload_removes_the_plugin_translator(qgis_app):
    from qgis.core import QgsSettings

    from hyspec_qgis import classFactory
    from hyspec_qgis.i18n.translator import tr

    english = "Import NEON reflectance (HDF5)"
    settings = QgsSettings()
    previous = settings.value("locale/userLocale", None)
    settings.setValue("locale/userLocale", "fr_FR")
    try:
        plugin = classFactory(None)
        assert plugin.translator is not None and tr(english) == "Importer la réflectance NEON (HDF5)"
        plugin.unload()
        assert plugin.translator is None and tr(english) == english
    finally:
        if previous is None:
            settings.remove("locale/userLocale")
        else:
            settings.setValue("locale/userLocale", previous)
