"""hyspec:downloadneon through QGIS Processing and qgis_process, against the local NEON stand-in (127.0.0.1 only)."""
import os
import random

import pytest
from osgeo import gdal
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsRectangle,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from hyspec_qgis.core.io.sample import sample_filename, write_sample
from hyspec_qgis.core.neonapi import BoxArea, PointArea, select_tiles
from tests.leftovers import partials
from tests.neon_server import TOKEN, FakeNeon, Served
from tests.qgis_process import run_json

PRODUCT = "DP3.30006.002"
UTM = QgsCoordinateReferenceSystem("EPSG:32618")
WGS = QgsCoordinateReferenceSystem("EPSG:4326")


def tiles(nx=3, ny=3, e0=367000, n0=4305000, size=20_000, seed=0):
    rng = random.Random(seed)
    return [Served(f"NEON_D02_SERC_DP3_{e0 + 1000 * i}_{n0 + 1000 * j}_bidirectional_reflectance.h5",
                   rng.randbytes(size + 31 * (3 * i + j))) for i in range(nx) for j in range(ny)]


@pytest.fixture
def server():
    with FakeNeon() as fake:
        fake.add(PRODUCT, "SERC", "2021-07", tiles())
        yield fake


class Recording(QgsProcessingFeedback):
    """Every line the algorithm reports, whatever the run's outcome."""

    def __init__(self):
        super().__init__()
        self.lines = []

    def pushInfo(self, info):  # noqa: N802
        self.lines.append(info)

    def reportError(self, error, fatalError=False):  # noqa: N802, N803
        self.lines.append(error)


def to_wgs(rect):
    return QgsCoordinateTransform(UTM, WGS, QgsProject.instance()).transformBoundingBox(rect)


def extent_text(rect, crs="EPSG:32618"):
    return f"{rect.xMinimum()!r},{rect.xMaximum()!r},{rect.yMinimum()!r},{rect.yMaximum()!r} [{crs}]"


def params(server, folder, area, **kw):
    return {"PRODUCT": PRODUCT, "SITE": "SERC", "YEAR": 2021, "AREA": area, "BUFFER": 0.0, "TOKEN": TOKEN,
            "API_URL": server.url, "OUTPUT_FOLDER": str(folder), "FILES": str(folder.parent / "files.txt"),
            "FOOTPRINTS": str(folder.parent / "footprints.gpkg"), **kw}


def test_provider_lists_downloadneon_with_help(hyspec_provider):
    alg = hyspec_provider.algorithm("downloadneon")
    assert alg is not None and alg.id() == "hyspec:downloadneon"
    names = [p.name() for p in alg.parameterDefinitions()]
    assert names == ["PRODUCT", "SITE", "YEAR", "AREA", "BUFFER", "TOKEN", "API_URL", "OUTPUT_FOLDER", "FILES",
                     "FOOTPRINTS"]
    assert all(p.help() for p in alg.parameterDefinitions())
    assert alg.parameterDefinition("PRODUCT").options() == ["reflectance", "DP3.30006.001", "DP3.30006.002",
                                                             "DP3.30015.001", "DP3.30010.001"]
    text = alg.shortHelpString()
    assert "NEON_API_TOKEN" in text and "API Token" in text and "slower" in text and "google-crc32c" in text


def test_download_writes_tiles_file_list_and_exact_footprints(run_alg, server, tmp_path):
    folder = tmp_path / "tiles"
    box = QgsRectangle(368100, 4306100, 368400, 4306300)
    result = run_alg("hyspec:downloadneon", params(server, folder, extent_text(to_wgs(box), "EPSG:4326"),
                                                   BUFFER=150.0))
    # the WGS 84 box of the UTM box is a little larger than it: same 4 tiles as the UTM box with 150 m
    expected = {(367000, 4305000), (367000, 4306000), (368000, 4305000), (368000, 4306000)}
    names = {f"NEON_D02_SERC_DP3_{e}_{n}_bidirectional_reflectance.h5" for e, n in expected}
    assert set(os.listdir(folder)) == names
    listed = (tmp_path / "files.txt").read_text().splitlines()
    assert sorted(listed) == sorted(str(folder / n) for n in names) and result["FILES"] == str(tmp_path / "files.txt")
    assert result["COUNT"] == 4 and result["PRODUCT_CODE"] == PRODUCT and result["FILE"] in listed
    for name in names:
        assert (folder / name).read_bytes() == next(s.content for s in server.files[(PRODUCT, "SERC", "2021-07")][1]
                                                    if s.name == name)
    layer = QgsVectorLayer(result["FOOTPRINTS"], "footprints", "ogr")
    assert layer.isValid() and layer.crs().authid() == "EPSG:32618" and layer.featureCount() == 4
    for feature in layer.getFeatures():
        e, n = feature["easting"], feature["northing"]
        assert (e, n) in expected and feature["file"] == f"NEON_D02_SERC_DP3_{e}_{n}_bidirectional_reflectance.h5"
        assert feature["path"] == str(folder / feature["file"]) and feature["status"] == "downloaded"
        assert feature["size"] == os.path.getsize(feature["path"]) and feature["month"] == "2021-07"
        assert feature["release"] == "RELEASE-2026" and feature["product"] == PRODUCT
        assert feature.geometry().equals(QgsGeometry.fromRect(QgsRectangle(e, n, e + 1000, n + 1000)))
        ring = feature.geometry().asPolygon()[0]
        assert {(p.x(), p.y()) for p in ring} == {(e, n), (e + 1000, n), (e + 1000, n + 1000), (e, n + 1000)}
    assert partials(folder) == [] and partials(tmp_path) == []
    messages = "\n".join(run_alg.feedback.messages)
    assert "4 files for the area" in messages and TOKEN not in messages


@pytest.mark.parametrize("seed", range(4))
def test_geos_selection_follows_the_core_rules(run_alg, server, tmp_path, seed):
    """The algorithm's GEOS area and the core's exact BoxArea choose the same tiles for UTM boxes."""
    rng = random.Random(seed)
    x0, y0 = rng.uniform(367200, 369500), rng.uniform(4305200, 4307500)
    box = (x0, y0, x0 + rng.uniform(0, 600), y0 + rng.uniform(0, 600))
    buffer = [0.0, 80.0, 450.0, 1300.0][seed]
    folder = tmp_path / "t"
    result = run_alg("hyspec:downloadneon", params(server, folder, extent_text(QgsRectangle(*box)), BUFFER=buffer))
    grid = [(367000 + 1000 * i, 4305000 + 1000 * j) for i in range(3) for j in range(3)]
    expected = select_tiles(BoxArea([box], buffer), grid).chosen
    layer = QgsVectorLayer(result["FOOTPRINTS"], "f", "ogr")
    assert sorted((f["easting"], f["northing"]) for f in layer.getFeatures()) == expected


@pytest.mark.parametrize("given", ["layer", "file"])
def test_vector_layer_points_each_get_their_own_buffer(run_alg, server, tmp_path, given):
    plots_utm = [(367150.0, 4305150.0), (369850.0, 4307850.0)]  # two far corners of the 3 x 3 grid
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "plots", "memory")
    to_wgs84 = QgsCoordinateTransform(UTM, WGS, QgsProject.instance())
    features = []
    for x, y in plots_utm:
        feature = QgsFeature()
        feature.setGeometry(QgsGeometry.fromPointXY(to_wgs84.transform(QgsPointXY(x, y))))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    area = layer
    if given == "file":  # as qgis_process users give it: AREA=plots.gpkg
        area = str(tmp_path / "plots.gpkg")
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = "GPKG"
        QgsVectorFileWriter.writeAsVectorFormatV3(layer, area, QgsProject.instance().transformContext(), options)
    result = run_alg("hyspec:downloadneon", params(server, tmp_path / "t", area, BUFFER=200.0))
    got = sorted((f["easting"], f["northing"]) for f in QgsVectorLayer(result["FOOTPRINTS"], "f", "ogr").getFeatures())
    grid = [(367000 + 1000 * i, 4305000 + 1000 * j) for i in range(3) for j in range(3)]
    assert got == select_tiles(PointArea(plots_utm, 200.0), grid).chosen == [(367000, 4305000), (369000, 4307000)]
    # the bounding box of the two plots would have taken all 9 tiles
    assert any("2 features of plots (EPSG:4326)" in m for m in run_alg.feedback.messages)
    if given == "file":  # the plots file is an input: FOOTPRINTS may not replace it
        before = open(area, "rb").read()
        with pytest.raises(QgsProcessingException, match="FOOTPRINTS: .*is the same file as the input AREA"):
            run_alg("hyspec:downloadneon", params(server, tmp_path / "t", area, BUFFER=200.0, FOOTPRINTS=area))
        assert open(area, "rb").read() == before


def test_token_from_the_environment_and_never_in_the_log_or_history(run_alg, server, tmp_path, monkeypatch):
    monkeypatch.setenv("NEON_API_TOKEN", TOKEN)
    p = params(server, tmp_path / "t", extent_text(QgsRectangle(368100, 4306100, 368200, 4306200)))
    p.pop("TOKEN")
    result = run_alg("hyspec:downloadneon", p)
    assert result["COUNT"] == 1
    assert any("NEON_API_TOKEN" in m for m in run_alg.feedback.messages)
    # what QGIS writes to its run log, the history and saved batches: the parameter's Python form
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().createAlgorithmById("hyspec:downloadneon")
    command = alg.asPythonCommand({**p, "TOKEN": TOKEN}, QgsProcessingContext())
    assert TOKEN not in command and "'TOKEN':'********'" in command
    # a run re-started from the history (TOKEN '********') takes the environment's token
    again = run_alg("hyspec:downloadneon", {**p, "TOKEN": "********"})
    assert again["COUNT"] == 1
    monkeypatch.delenv("NEON_API_TOKEN")
    with pytest.raises(QgsProcessingException, match="QGIS keeps no token"):
        run_alg("hyspec:downloadneon", {**p, "TOKEN": "********"})
    for path in [tmp_path / "files.txt", *(tmp_path / "t").iterdir()]:
        assert TOKEN.encode() not in path.read_bytes()
    with open(tmp_path / "footprints.gpkg", "rb") as handle:
        assert TOKEN.encode() not in handle.read()


def test_no_data_lists_what_exists_and_writes_nothing(run_alg, server, tmp_path):
    with pytest.raises(QgsProcessingException, match=r"has no data at SERC in 2019.*DP3\.30006\.002: 2021 \(2021-07\)"):
        run_alg("hyspec:downloadneon", params(server, tmp_path / "t", extent_text(QgsRectangle(368100, 4306100,
                                                                                                  368200, 4306200)),
                                              YEAR=2019, PRODUCT="reflectance"))
    assert not (tmp_path / "files.txt").exists() and not (tmp_path / "footprints.gpkg").exists()
    assert partials(tmp_path) == []
    feedback = Recording()
    with pytest.raises(QgsProcessingException, match="TOKEN: the NEON Data API refused") as refused:
        run_alg("hyspec:downloadneon", params(server, tmp_path / "t", extent_text(QgsRectangle(368100, 4306100,
                                                                                                  368200, 4306200)),
                                              TOKEN="wrong-token"), feedback=feedback)
    assert "wrong-token" not in "\n".join(feedback.lines) + str(refused.value)


def test_dropped_and_corrupted_transfers_inside_qgis(run_alg, server, tmp_path):
    name = "NEON_D02_SERC_DP3_368000_4306000_bidirectional_reflectance.h5"
    server.file_faults = {name: ["drop:5000", "corrupt"]}
    result = run_alg("hyspec:downloadneon", params(server, tmp_path / "t", extent_text(QgsRectangle(368100, 4306100,
                                                                                                     368200, 4306200))))
    assert result["COUNT"] == 1
    content = next(s.content for s in server.files[(PRODUCT, "SERC", "2021-07")][1] if s.name == name)
    assert (tmp_path / "t" / name).read_bytes() == content
    messages = "\n".join(run_alg.feedback.messages)
    assert "resuming" in messages and "failed its check" in messages


def test_cancel_in_qgis_keeps_a_resumable_partial(run_alg, tmp_path):
    class CancelHalfway(Recording):
        def setProgress(self, progress):  # noqa: N802
            super().setProgress(progress)
            if progress > 30:
                self.cancel()

    content = random.Random(9).randbytes(3_000_000)
    name = "NEON_D02_SERC_DP3_368000_4306000_bidirectional_reflectance.h5"
    with FakeNeon() as fake:
        fake.add(PRODUCT, "SERC", "2021-07", [Served(name, content)])
        area = extent_text(QgsRectangle(368100, 4306100, 368200, 4306200))
        with pytest.raises(QgsProcessingException, match="Cancelled by the user.*resumes it"):
            run_alg("hyspec:downloadneon", params(fake, tmp_path / "t", area), feedback=CancelHalfway())
        assert not (tmp_path / "t" / name).exists() and not (tmp_path / "files.txt").exists()
        (partial,) = os.listdir(tmp_path / "t")
        assert partial.startswith(f".{name}.") and partial.endswith(".resume")
        result = run_alg("hyspec:downloadneon", params(fake, tmp_path / "t", area))
        assert fake.storage_requests()[-1].headers["range"].startswith("bytes=")
    assert (tmp_path / "t" / name).read_bytes() == content and result["COUNT"] == 1
    assert os.listdir(tmp_path / "t") == [name]


def test_download_then_import_a_real_tile(run_alg, tmp_path):
    """download -> import: a NEON-like HDF5 tile served by the stand-in opens as a georeferenced raster."""
    origin = (368000, 4306000)
    source = tmp_path / sample_filename("002", origin)
    write_sample(str(source), rows=20, cols=30, seed=3, layout="002", write_truth=False, origin=origin)
    with FakeNeon() as fake:
        fake.add(PRODUCT, "SERC", "2021-07", [Served(source.name, source.read_bytes())])
        result = run_alg("hyspec:downloadneon", params(fake, tmp_path / "dl", extent_text(QgsRectangle(
            368001, 4306001, 368002, 4306002))))
    imported = run_alg("hyspec:importneon", {"INPUT": result["FILE"], "OUTPUT": str(tmp_path / "refl.tif")})
    ds = gdal.Open(imported["OUTPUT"])
    assert ds.RasterCount == 426 and ds.GetGeoTransform()[0] == 368000.0 and ds.GetGeoTransform()[3] == 4306020.0


@pytest.mark.qgis_process
def test_qgis_process_download_with_the_token_from_the_environment(server, tmp_path, monkeypatch):
    monkeypatch.setenv("NEON_API_TOKEN", TOKEN)
    folder = tmp_path / "t"
    code, data, err = run_json("hyspec:downloadneon", PRODUCT="DP3.30006.002", SITE="serc", YEAR=2021,
                               AREA="368500,368600,4306500,4306600 [EPSG:32618]", BUFFER=750,
                               API_URL=server.url, OUTPUT_FOLDER=str(folder), FILES=str(tmp_path / "files.txt"),
                               FOOTPRINTS=str(tmp_path / "fp.gpkg"))
    assert code == 0, err
    results = data["results"]
    assert results["COUNT"] == 9 and len(os.listdir(folder)) == 9  # 750 m around a 100 m box in the middle tile
    assert (tmp_path / "files.txt").read_text().count("\n") == 9
    assert TOKEN not in err and TOKEN not in str(data)


def test_download_and_kmeans_tutorial_model(run_alg, hyspec_provider, tmp_path, monkeypatch):
    """The shipped model: the token from NEON_API_TOKEN, the tile holding AREA downloaded, then the k-means chain."""
    model = hyspec_provider.algorithm("neon_download_kmeans_tutorial")
    assert model is not None and model.displayName() == "NEON tutorial: download a tile, then k-means and PCA"
    assert {p.name() for p in model.parameterDefinitions() if not p.isDestination()} == {
        "site", "year", "area", "clusters", "api_url"}
    origin = (368000, 4306000)
    source = tmp_path / sample_filename("002", origin)
    write_sample(str(source), rows=30, cols=40, seed=5, layout="002", write_truth=False, origin=origin)
    monkeypatch.setenv("NEON_API_TOKEN", TOKEN)
    with FakeNeon() as fake:
        fake.add(PRODUCT, "SERC", "2021-07", [Served(source.name, source.read_bytes())])
        result = run_alg("hyspec:neon_download_kmeans_tutorial", {
            "site": "SERC", "year": 2021, "area": "368010,368020,4306010,4306020 [EPSG:32618]", "clusters": 3,
            "api_url": fake.url, "download:tiles": str(tmp_path / "tiles"),
            "download:footprints": str(tmp_path / "fp.gpkg"), "pca:components": str(tmp_path / "pcs.tif"),
            "kmeans:classes": str(tmp_path / "classes.tif"), "kmeans:centers": str(tmp_path / "centers.csv")})
    assert os.listdir(tmp_path / "tiles") == [source.name]
    ds = gdal.Open(result["kmeans:classes"])
    classes = ds.ReadAsArray()
    assert classes.shape == (30, 40) and set(classes.ravel()) - {0} == {1, 2, 3}
    assert ds.GetGeoTransform()[:4] == (368000.0, 1.0, 0.0, 4306030.0)
    assert QgsVectorLayer(result["download:footprints"], "f", "ogr").featureCount() == 1
