"""Every layer Processing loads says what it is and where it came from: "<input> — <what>", distinct for every
output of every algorithm and for every step of the shipped models (temporary outputs, as the dialog gives them)."""
import os

import pytest
from qgis.core import QgsProcessing, QgsProject

from hyspec_qgis.algorithms.naming import SEPARATOR

TEMP = QgsProcessing.TEMPORARY_OUTPUT


def _stem(path):
    return os.path.splitext(os.path.basename(path))[0]


def _run_and_load(alg_id, params):
    """processing.runAndLoadResults (what the dialog does with "Open output file after running"): the names of the
    layers it added to the project."""
    import processing

    project = QgsProject.instance()
    before = set(project.mapLayers())
    processing.runAndLoadResults(alg_id, dict(params))
    return sorted(project.mapLayer(i).name() for i in set(project.mapLayers()) - before)


@pytest.fixture(scope="module")
def loaded(hyspec_provider, neon_tile, imported_tile, clean_unmix_tile, tmp_path_factory):
    """{algorithm: (input file, [loaded layer names])} for one run of each layer-producing algorithm."""
    d = tmp_path_factory.mktemp("names")
    em = str(d / "endmembers.csv")
    runs = {
        "importneon": (neon_tile[0], {"OUTPUT": TEMP}),
        "cleanbands": (imported_tile, {"DROP_LAST": 10, "OUTPUT": TEMP}),
        "kmeans": (clean_unmix_tile, {"CLUSTERS": 4, "OUTPUT": TEMP, "CENTER_IMAGE": TEMP,
                                      "CENTERS": str(d / "centres.csv")}),
        "pca": (clean_unmix_tile, {"COMPONENTS": 3, "OUTPUT": TEMP, "EIGENVALUES": str(d / "eig.csv"),
                                   "LOADINGS": str(d / "load.csv")}),
        "nfindr": (clean_unmix_tile, {"ENDMEMBERS_COUNT": 4, "OUTPUT": em, "LOCATIONS": TEMP}),
        "unmix": (clean_unmix_tile, {"ENDMEMBERS": em, "METHOD": "NNLS", "OUTPUT": TEMP, "RMSE": TEMP}),
        "sam": (clean_unmix_tile, {"ENDMEMBERS": em, "OUTPUT": TEMP, "RULE": TEMP}),
        "sid": (clean_unmix_tile, {"ENDMEMBERS": em, "OUTPUT": TEMP, "RULE": TEMP}),
    }
    out = {}
    try:
        for alg, (source, params) in runs.items():
            out[alg] = (source, _run_and_load(f"hyspec:{alg}", {"INPUT": source, **params}))
    finally:
        QgsProject.instance().removeAllMapLayers()
    return out


def test_every_loaded_layer_names_its_input_and_what_it_is(loaded):
    expected = {
        "importneon": ["reflectance (426 bands)"],
        "cleanbands": ["cleaned (362 bands)"],
        "kmeans": ["k-means centre image (4 clusters)", "k-means classes (4)"],
        "pca": ["PCA (3 components)"],
        "nfindr": ["endmember locations"],
        "unmix": ["NNLS abundances (4 endmembers)", "NNLS unmixing RMSE"],
        "sam": ["SAM classes", "SAM rule (angles, radians)"],
        "sid": ["SID classes", "SID rule (divergences)"],
    }
    for alg, (source, names) in loaded.items():
        assert names == sorted(f"{_stem(source)}{SEPARATOR}{what}" for what in expected[alg]), alg


def test_loaded_names_are_distinct_across_algorithms(loaded):
    names = [n for _, ns in loaded.values() for n in ns]
    assert len(names) == 12 and len(set(names)) == len(names)
    whats = [n.split(SEPARATOR, 1)[1] for n in names]
    assert len(set(whats)) == len(whats)  # distinct even for the same input


def test_a_layer_input_names_the_output_after_the_layer_not_the_chain(hyspec_provider, clean_unmix_tile):
    """In the dialog the input is a project layer: its name, without what an earlier run added."""
    from qgis.core import QgsRasterLayer

    project = QgsProject.instance()
    layer = QgsRasterLayer(clean_unmix_tile, f"SERC 2021{SEPARATOR}cleaned (362 bands)")
    project.addMapLayer(layer)
    try:
        names = _run_and_load("hyspec:pca", {"INPUT": layer.id(), "COMPONENTS": 2, "OUTPUT": TEMP})
        assert names == [f"SERC 2021{SEPARATOR}PCA (2 components)"]
    finally:
        project.removeAllMapLayers()


def test_shipped_models_name_every_step_after_the_tile(hyspec_provider, neon_tile):
    """Both tutorial models load their cleaned cube (once "cleaned" in both): each step's layer is named after the
    model's input file, although each step reads the previous step's temporary file."""
    tile = _stem(neon_tile[0])
    names = {}
    try:
        for model in ("neon_kmeans_pca_tutorial", "neon_unmixing_sid_tutorial"):
            alg = hyspec_provider.algorithm(model)
            params = {"neon_file": neon_tile[0], **{d.name(): TEMP for d in alg.destinationParameterDefinitions()}}
            names[model] = _run_and_load(f"hyspec:{model}", params)  # the raster outputs: 3 per model
    finally:
        QgsProject.instance().removeAllMapLayers()
    kmeans, unmixing = names["neon_kmeans_pca_tutorial"], names["neon_unmixing_sid_tutorial"]
    assert len(kmeans) == 3 and len(unmixing) == 3
    assert all(n.startswith(tile + SEPARATOR) for n in kmeans + unmixing), names
    assert f"{tile}{SEPARATOR}cleaned (174 bands)" in kmeans and f"{tile}{SEPARATOR}k-means classes (5)" in kmeans
    assert f"{tile}{SEPARATOR}cleaned (362 bands)" in unmixing and f"{tile}{SEPARATOR}SID classes" in unmixing
    assert len(set(kmeans + unmixing)) == 6


def test_a_name_the_caller_gave_is_kept_after_the_source(hyspec_provider, clean_unmix_tile):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingOutputLayerDefinition

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    out = QgsProcessingOutputLayerDefinition(TEMP, QgsProject.instance())
    out.destinationName = "Vegetation map"
    processing.run("hyspec:pca", {"INPUT": clean_unmix_tile, "COMPONENTS": 2, "OUTPUT": out}, context=context)
    [details] = context.layersToLoadOnCompletion().values()
    assert details.name == f"{_stem(clean_unmix_tile)}{SEPARATOR}Vegetation map"


def test_site_mosaic_is_named_after_the_site(hyspec_provider, tmp_path):
    """The mosaic VRT's file name is the algorithm's (classes.vrt), so its layer name is kept over QGIS's preference
    for file names."""
    import processing
    from qgis.core import QgsProcessingContext

    from tests import site_helpers

    tiles = site_helpers.write_block(str(tmp_path / "tiles"), 30, seed=20)
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    processing.run("hyspec:site", {"INPUTS": tiles, "WORKERS": 0, "SAMPLE_SIZE": 2000,
                                   "OUTPUT_FOLDER": str(tmp_path / "out")}, context=context)
    [(path, details)] = context.layersToLoadOnCompletion().items()
    assert path.endswith("classes.vrt") and details.forceName
    assert details.name == f"SERC{SEPARATOR}site mosaic: kmeans classes (4 tiles)"
