"""Plugin start-up imports no engine: the provider declares every algorithm from hyspec_qgis.core.defaults, and the
engine (numpy, SciPy, scikit-learn, h5py, hyspec_qgis.core.methods) is imported when an algorithm runs.

QGIS loads the provider when it starts, and qgis_process on every call: the engine cost 0.39 s there."""
import json
import os
import subprocess
import sys

from tests.qgis_process import ROOT

_START = """
import json, sys
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
before = set(sys.modules)
from hyspec_qgis import classFactory
plugin = classFactory(None)
plugin.initProcessing()  # what QGIS and qgis_process call: the provider, its algorithms and the models
provider = QgsApplication.processingRegistry().providerById("hyspec")
ids = sorted(a.id() for a in provider.algorithms())
helps = all(a.shortHelpString() for a in provider.algorithms())
heavy = sorted(m for m in set(sys.modules) - before
               if m.split(".")[0] in ("numpy", "scipy", "sklearn", "h5py", "torch", "osgeo", "dask", "distributed")
               or m.startswith(("hyspec_qgis.core.methods", "hyspec_qgis.core.engine", "hyspec_qgis.core.site",
                                "hyspec_qgis.core.learn.autoencoder", "hyspec_qgis.core.io.raster")))
print("RESULT" + json.dumps({"ids": ids, "helps": helps, "heavy": heavy}))
"""


def test_provider_and_its_algorithms_load_without_the_engine():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=ROOT)
    proc = subprocess.run([sys.executable, "-c", _START], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120)
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT")]
    assert line, proc.stderr[-3000:]
    result = json.loads(line[0][6:])
    assert len(result["ids"]) >= 20 and "hyspec:kmeans" in result["ids"] and result["helps"]
    assert "hyspec:neon_kmeans_pca_tutorial" in result["ids"]
    assert result["heavy"] == [], result["heavy"]


def test_defaults_are_the_engine_values():
    """core/defaults.py repeats what the engine modules define: they must agree."""
    from hyspec_qgis.core import defaults
    from hyspec_qgis.core.io import importer, matfile, neon
    from hyspec_qgis.core.learn import autoencoder, preprocessing, supervised
    from hyspec_qgis.core.methods import bands, classify, endmember_count, kmeans, nfindr, pca, unmix
    from hyspec_qgis.core.neonapi import DEFAULT_API_URL, PRODUCTS, REFLECTANCE
    from hyspec_qgis.core.site import DEFAULT_SAMPLE_SIZE, DEFAULT_WORKERS, chains

    assert defaults.IMPORT_ENCODINGS == tuple(importer.ENCODINGS)
    assert defaults.WATER_WINDOWS == tuple(neon.DEFAULT_WATER_WINDOWS)
    assert [tuple(w) for w in defaults.WATER_WINDOWS] == [tuple(w) for w in bands.DEFAULT_WINDOWS]
    assert defaults.NO_WINDOWS == bands.NO_WINDOWS
    assert defaults.format_windows(defaults.WATER_WINDOWS) == bands.format_windows(bands.DEFAULT_WINDOWS)
    assert defaults.format_windows([]) == bands.format_windows([])
    assert (defaults.KMEANS_CLUSTERS, defaults.KMEANS_MAX_ITER, defaults.KMEANS_SAMPLE_SIZE) == (
        kmeans.DEFAULT_CLUSTERS, kmeans.DEFAULT_MAX_ITER, kmeans.DEFAULT_SAMPLE_SIZE)
    assert defaults.PCA_FRACTION == pca.DEFAULT_FRACTION
    assert defaults.NFINDR_INITS == tuple(nfindr.INITS)
    assert defaults.NFINDR_PCA_FITS == tuple(nfindr.PCA_FITS)
    assert defaults.NFINDR_PCA_SAMPLE == nfindr.DEFAULT_PCA_SAMPLE
    assert defaults.UNMIX_METHODS == tuple(unmix.METHODS)
    assert defaults.THRESHOLD_MODES == tuple(classify.THRESHOLD_MODES)
    assert defaults.MAT_LAYOUTS == tuple(matfile.LAYOUTS)
    assert defaults.FALSE_ALARM_RATES == tuple(endmember_count.FALSE_ALARM_RATES)
    assert [defaults.far_label(f) for f in defaults.FALSE_ALARM_RATES] == [
        endmember_count.far_label(f) for f in endmember_count.FALSE_ALARM_RATES]
    assert defaults.SITE_CHAINS == tuple(chains.CHAINS)
    site = chains.ChainParams()
    assert defaults.SITE_CHAIN_DEFAULTS == {k: getattr(site, k) for k in defaults.SITE_CHAIN_DEFAULTS}
    assert (defaults.SITE_SAMPLE_SIZE, defaults.SITE_WORKERS) == (DEFAULT_SAMPLE_SIZE, DEFAULT_WORKERS)
    assert defaults.AUTOENCODER_DEFAULTS == autoencoder.DEFAULTS
    assert defaults.PREPROCESSING == tuple(preprocessing.METHODS)
    assert defaults.CLASSIFIER_METHODS == tuple(supervised.METHODS)
    assert defaults.CLASSIFIER_DEFAULTS == supervised.DEFAULTS
    assert (defaults.NEON_API_URL, defaults.NEON_REFLECTANCE) == (DEFAULT_API_URL, REFLECTANCE)
    assert defaults.NEON_PRODUCTS == tuple(PRODUCTS)
