"""Shared fixtures: synthetic NEON files (written once per session) and the hyspec provider in QGIS Processing."""
import os
import sys

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from hyspec_qgis.core.io.sample import sample_filename, write_sample  # noqa: E402
from tests.rasters import make_raster as _make_raster  # noqa: E402


@pytest.fixture(scope="session")
def make_raster():
    """The shared small-raster factory: ``make_raster(path, data, wavelengths=None, nodata=..., geotransform=...,
    crs=..., band_names=..., dtype=...)`` writes ``data`` (rows, cols, bands) with plain GDAL and returns the path
    (see tests/rasters.py)."""
    return _make_raster


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("samples")


@pytest.fixture(scope="session")
def neon_tile(sample_dir):
    """A small .001 tile (60 rows x 80 cols x 426 bands) and its ground truth."""
    path = str(sample_dir / sample_filename("001"))
    truth = write_sample(path, rows=60, cols=80, seed=1)
    return path, truth


@pytest.fixture(scope="session")
def imported_tile(neon_tile, sample_dir):
    """The small tile imported to a float32 GeoTIFF by the core."""
    from hyspec_qgis.core import import_neon

    out = str(sample_dir / "tile_reflectance.tif")
    import_neon(neon_tile[0], out)
    return out


@pytest.fixture(scope="session")
def clean_unmix_tile(imported_tile, sample_dir):
    """The small tile cleaned with the endmember tutorial's recipe: 362 bands."""
    from tests.recipes import clean_recipe

    return clean_recipe(imported_tile, sample_dir / "clean_unmix.tif", "unmix")


@pytest.fixture(scope="session")
def clean_kmeans_tile(imported_tile, sample_dir):
    """The small tile cleaned with the k-means tutorial's recipe: 174 bands."""
    from tests.recipes import clean_recipe

    return clean_recipe(imported_tile, sample_dir / "clean_kmeans.tif", "kmeans")


@pytest.fixture(scope="session")
def clean_kmeans_pixels(clean_kmeans_tile):
    """(valid pixels (n, 174) float32, valid mask (rows * cols,)) of the 174-band tile, read in one block."""
    from hyspec_qgis.core import SpectralRaster

    raster = SpectralRaster(clean_kmeans_tile)
    block = next(raster.blocks(rows=raster.height))
    return block.data[block.valid], block.valid


@pytest.fixture(scope="session")
def truth_library_csv(neon_tile, sample_dir):
    """A 4-endmember CSV (vegetation, soil, water, roof: the tutorial's N-FINDR U stand-in) on the file's full
    426-band grid, from the generator's truth."""
    import os

    from hyspec_qgis.core import read_spectra_csv, write_spectra_csv

    truth = read_spectra_csv(os.path.splitext(neon_tile[0])[0] + "_truth_endmembers.csv")
    path = str(sample_dir / "U.csv")
    write_spectra_csv(path, truth.select(["vegetation", "soil", "water", "roof"]))
    return path


@pytest.fixture(scope="session")
def hyspec_provider(qgis_processing):
    """The hyspec provider registered with QGIS Processing (kept referenced for the whole session)."""
    from qgis.core import QgsApplication

    from hyspec_qgis.provider import HyspecProvider

    registry = QgsApplication.processingRegistry()
    provider = registry.providerById("hyspec")
    if provider is None:
        provider = HyspecProvider()
        registry.addProvider(provider)
    yield provider


@pytest.fixture
def run_alg(hyspec_provider):
    """processing.run for hyspec algorithms, with a fresh context and a feedback that records messages."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    class RecordingFeedback(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.messages = []

        def pushInfo(self, info):  # noqa: N802
            self.messages.append(info)
            super().pushInfo(info)

        def reportError(self, error, fatalError=False):  # noqa: N802, N803
            self.messages.append(error)
            super().reportError(error, fatalError)

    def run(alg_id, params, feedback=None):
        context = QgsProcessingContext()
        feedback = feedback or RecordingFeedback()
        result = processing.run(alg_id, params, context=context, feedback=feedback)
        run.feedback = feedback
        return result

    return run
