"""hyspec:nfindr through QGIS Processing (pytest-qgis) and bin/qgis_process."""
import csv
import os
import re

import numpy as np
import pytest
from qgis.core import QgsProcessingException, QgsProcessingParameterDefinition, QgsVectorLayer

from hyspec_qgis.core import SpectralRaster, read_spectra_csv
from hyspec_qgis.core.methods.nfindr import spectral_angles
from tests.leftovers import partials
from tests.qgis_process import run_json


def test_provider_lists_nfindr(hyspec_provider):
    alg = hyspec_provider.algorithm("nfindr")
    assert alg is not None and alg.id() == "hyspec:nfindr"
    names = [p.name() for p in alg.parameterDefinitions()]
    for name in ("INPUT", "ENDMEMBERS_COUNT", "MAX_ITER", "SEED", "INITIALIZATION", "OUTPUT", "LOCATIONS", "PCA_FIT",
                 "PCA_SAMPLE_SIZE"):
        assert name in names
    assert alg.parameterDefinition("ENDMEMBERS_COUNT").defaultValue() == 4
    fit = alg.parameterDefinition("PCA_FIT")
    assert fit.options() == ["sample", "exact"] and fit.defaultValue() == "sample" and fit.usesStaticStrings()
    assert alg.parameterDefinition("PCA_SAMPLE_SIZE").defaultValue() == 100000
    for name in ("PCA_FIT", "PCA_SAMPLE_SIZE"):
        assert alg.parameterDefinition(name).flags() & QgsProcessingParameterDefinition.Flag.FlagAdvanced
    assert "degree" in fit.help() and "exact" in fit.help()
    assert all(p.help() for p in alg.parameterDefinitions())
    assert "Winter" in alg.shortHelpString()


def test_nfindr_writes_csv_and_locations(run_alg, clean_unmix_tile, neon_tile, tmp_path):
    out = str(tmp_path / "em.csv")
    points = str(tmp_path / "em.gpkg")
    result = run_alg("hyspec:nfindr", {"INPUT": clean_unmix_tile, "ENDMEMBERS_COUNT": 4, "MAX_ITER": 5,
                                       "OUTPUT": out, "LOCATIONS": points})
    assert result["OUTPUT"] == out and 1 <= result["ITERATIONS"] <= 5 and result["VOLUME"] > 0
    with open(out) as f:
        header = next(csv.reader(f))
    assert header == ["band", "wavelength_nm", "EM1", "EM2", "EM3", "EM4"]
    spectra = read_spectra_csv(out)
    raster = SpectralRaster(clean_unmix_tile)
    assert spectra.n_bands == 362 and np.allclose(spectra.wavelengths, raster.wavelengths, atol=1e-3)
    layer = QgsVectorLayer(result["LOCATIONS"], "em", "ogr")
    assert layer.isValid() and layer.featureCount() == 4
    assert layer.crs().authid() == "EPSG:32618"
    assert [f.name() for f in layer.fields()][-3:] == ["name", "row", "col"]
    gt = raster.geotransform
    mask = neon_tile[1].nodata_mask
    for j, feature in enumerate(sorted(layer.getFeatures(), key=lambda f: f["name"])):
        assert feature["name"] == f"EM{j + 1}"
        row, col = feature["row"], feature["col"]
        point = feature.geometry().asPoint()
        assert point.x() == pytest.approx(gt[0] + (col + 0.5) * gt[1])
        assert point.y() == pytest.approx(gt[3] + (row + 0.5) * gt[5])
        assert not mask[row, col]
        pixel = raster.read_block(row, 1, col, 1, list(range(raster.count))).data[0]
        assert np.allclose(spectra.values[:, j], pixel, rtol=1e-6, atol=1e-7)
    log = "\n".join(run_alg.feedback.messages)
    assert "N-FINDR iteration 1: simplex volume" in log


def test_nfindr_without_locations_and_random_start(run_alg, clean_unmix_tile, tmp_path):
    out = str(tmp_path / "em.csv")
    run_alg("hyspec:nfindr", {"INPUT": clean_unmix_tile, "ENDMEMBERS_COUNT": 3, "INITIALIZATION": "random", "SEED": 5,
                              "OUTPUT": out})
    first = read_spectra_csv(out).values
    run_alg("hyspec:nfindr", {"INPUT": clean_unmix_tile, "ENDMEMBERS_COUNT": 3, "INITIALIZATION": "random", "SEED": 5,
                              "OUTPUT": out})
    assert np.array_equal(first, read_spectra_csv(out).values)


def test_too_many_endmembers_fails_clearly_without_output(run_alg, clean_unmix_tile, tmp_path):
    out = tmp_path / "em.csv"
    points = tmp_path / "em.gpkg"
    with pytest.raises(QgsProcessingException, match="ENDMEMBERS_COUNT: 400 endmembers but .* only 362 bands"):
        run_alg("hyspec:nfindr", {"INPUT": clean_unmix_tile, "ENDMEMBERS_COUNT": 400, "OUTPUT": str(out),
                                  "LOCATIONS": str(points)})
    assert not out.exists() and not points.exists()
    assert partials(tmp_path) == []


@pytest.mark.qgis_process
def test_nfindr_through_qgis_process(clean_unmix_tile, tmp_path):
    out = str(tmp_path / "em.csv")
    code, data, err = run_json("hyspec:nfindr", INPUT=clean_unmix_tile, ENDMEMBERS_COUNT=3, MAX_ITER=4,
                               INITIALIZATION="ATGP", OUTPUT=out)
    assert code == 0, err
    assert data["results"]["OUTPUT"] == out and os.path.exists(out)
    assert read_spectra_csv(out).names == ["EM1", "EM2", "EM3"]


def test_pca_fit_sample_and_exact_give_the_same_endmembers(run_alg, clean_unmix_tile, tmp_path):
    """PCA_FIT=exact (two reads) and the sampled fit on two of the small tile's four block rows: the same endmembers
    (within 0.1 degree each), and the log says which fit ran."""
    exact_csv, sample_csv = str(tmp_path / "exact.csv"), str(tmp_path / "sample.csv")
    run_alg("hyspec:nfindr", {"INPUT": clean_unmix_tile, "ENDMEMBERS_COUNT": 4, "PCA_FIT": "exact", "OUTPUT": exact_csv})
    run_alg("hyspec:nfindr", {"INPUT": clean_unmix_tile, "ENDMEMBERS_COUNT": 4, "PCA_FIT": "sample",
                              "PCA_SAMPLE_SIZE": 2000, "SEED": 1, "OUTPUT": sample_csv})
    log = "\n".join(run_alg.feedback.messages)
    assert re.search(r"principal axes fitted on a sample of \d+ valid pixels in (28|32) of 60 rows", log)
    exact, sampled = read_spectra_csv(exact_csv).values, read_spectra_csv(sample_csv).values
    assert spectral_angles(sampled, exact).min(axis=1).max() <= 0.1


def test_bad_pca_fit_fails_clearly(run_alg, clean_unmix_tile, tmp_path):
    out = tmp_path / "em.csv"
    with pytest.raises(QgsProcessingException, match="PCA_FIT"):
        run_alg("hyspec:nfindr", {"INPUT": clean_unmix_tile, "PCA_FIT": "svd", "OUTPUT": str(out)})
    assert not out.exists()


@pytest.mark.qgis_process
def test_pca_fit_by_word_through_qgis_process(clean_unmix_tile, tmp_path):
    out = str(tmp_path / "em.csv")
    code, data, err = run_json("hyspec:nfindr", INPUT=clean_unmix_tile, ENDMEMBERS_COUNT=3, PCA_FIT="exact",
                               PCA_SAMPLE_SIZE=5000, OUTPUT=out)
    assert code == 0, err
    assert read_spectra_csv(out).names == ["EM1", "EM2", "EM3"]
