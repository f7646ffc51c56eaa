"""Outputs load into a project styled for reading: true colour, paletted classes with names, 0-1 abundance ramp,
stretched components; spectra plots are written on request."""
import re

import pytest
from qgis.core import QgsProject, QgsRasterLayer

from tests.rasters import label_wavelength


@pytest.fixture(scope="module")
def chain(hyspec_provider, imported_tile, tmp_path_factory):
    """cleanbands -> k-means (with plot), PCA, N-FINDR (with plot) -> FCLS, SAM, on the small sample tile."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    d = tmp_path_factory.mktemp("chain")

    def run(alg, params):
        return processing.run(alg, params, context=QgsProcessingContext(), feedback=QgsProcessingFeedback())

    out = {"clean": run("hyspec:cleanbands", {"INPUT": imported_tile, "OUTPUT": str(d / "clean.tif")})["OUTPUT"]}
    km = run("hyspec:kmeans", {"INPUT": out["clean"], "CLUSTERS": 4, "OUTPUT": str(d / "km.tif"),
                               "CENTERS": str(d / "centers.csv"), "PLOT": str(d / "centers.html")})
    out.update(kmeans=km["OUTPUT"], kmeans_plot=km["PLOT"])
    out["pca"] = run("hyspec:pca", {"INPUT": out["clean"], "OUTPUT": str(d / "pca.tif"),
                                    "EIGENVALUES": str(d / "eig.csv"), "LOADINGS": str(d / "load.csv")})["OUTPUT"]
    nf = run("hyspec:nfindr", {"INPUT": out["clean"], "ENDMEMBERS_COUNT": 5, "OUTPUT": str(d / "em.csv"),
                               "PLOT": str(d / "em.html")})
    out.update(endmembers=nf["OUTPUT"], endmember_plot=nf["PLOT"])
    out["unmix"] = run("hyspec:unmix", {"INPUT": out["clean"], "ENDMEMBERS": nf["OUTPUT"], "METHOD": "FCLS",
                                        "OUTPUT": str(d / "ab.tif")})["OUTPUT"]
    out["sam"] = run("hyspec:sam", {"INPUT": out["clean"], "ENDMEMBERS": nf["OUTPUT"], "THRESHOLD": "0.3",
                                    "OUTPUT": str(d / "sam.tif")})["OUTPUT"]
    return out


def _load(path, name):
    layer = QgsRasterLayer(path, name)  # loads the .qml written next to the output as its default style
    assert layer.isValid(), path
    QgsProject.instance().addMapLayer(layer)
    return QgsProject.instance().mapLayersByName(name)[0]


def test_renderers_in_a_project(chain):
    project = QgsProject.instance()
    try:
        clean = _load(chain["clean"], "clean")
        assert clean.renderer().type() == "multibandcolor"
        rgb = (clean.renderer().redBand(), clean.renderer().greenBand(), clean.renderer().blueBand())
        assert [round(label_wavelength(clean.bandName(b))[1], 3) for b in rgb] == [649.284, 549.133, 448.982]
        km = _load(chain["kmeans"], "kmeans")
        assert km.renderer().type() == "paletted"
        labels = [c.label for c in km.renderer().classes()]
        assert labels == ["cluster 1", "cluster 2", "cluster 3", "cluster 4"]
        colours = [c.color.name() for c in km.renderer().classes()]
        assert len(set(colours)) == 4 and colours[0] == "#1f77b4"  # stable palette, not random
        sam = _load(chain["sam"], "sam")
        assert sam.renderer().type() == "paletted"
        assert [c.label for c in sam.renderer().classes()] == ["EM1", "EM2", "EM3", "EM4", "EM5"]
        ab = _load(chain["unmix"], "abundances")
        assert ab.renderer().type() == "singlebandpseudocolor"
        assert (ab.renderer().classificationMin(), ab.renderer().classificationMax()) == (0.0, 1.0)
        assert ab.bandName(1).endswith("EM1") or "EM1" in ab.bandName(1)
        pca = _load(chain["pca"], "pca")
        assert pca.renderer().type() in ("multibandcolor", "singlebandgray")
        assert "PC1" in pca.bandName(1)
        assert len(project.mapLayers()) == 5
    finally:
        project.removeAllMapLayers()


def test_spectra_plots(chain):
    for key, names in (("kmeans_plot", ["cluster 1", "cluster 4"]), ("endmember_plot", ["EM1", "EM5"])):
        page = open(chain[key], encoding="utf-8").read()
        assert "<svg" in page and "Wavelength (nm)" in page
        for name in names:
            assert f">{name}</text>" in page
        # 362 bands with two water windows removed: each spectrum is drawn as 3 separate segments.
        n_spectra = 4 if key == "kmeans_plot" else 5
        assert len(re.findall("<polyline", page)) == 3 * n_spectra
