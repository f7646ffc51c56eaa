"""SEED follows one rule in every method that draws at random: 0 or a positive integer, refused clearly otherwise,
before any pass over the raster."""
import numpy as np
import pytest

from hyspec_qgis.core import SpectralRaster
from hyspec_qgis.core.engine.seeds import check_seed
from hyspec_qgis.core.errors import ParameterError
from hyspec_qgis.core.methods.kmeans import fit_kmeans
from hyspec_qgis.core.methods.nfindr import nfindr, nfindr_points

BAD = [-1, -(2 ** 40), 2.5, True, None, "3"]


def test_check_seed_accepts_any_non_negative_integer_and_names_the_parameter():
    assert check_seed(0) == 0 and check_seed(7) == 7 and check_seed(2 ** 70) == 2 ** 70
    assert check_seed(np.int64(5)) == 5 and check_seed(3.0) == 3 and type(check_seed(np.uint32(4))) is int
    for bad in BAD:
        with pytest.raises(ParameterError, match=r"^SEED: must be 0 or a positive integer, got"):
            check_seed(bad)
    with pytest.raises(ParameterError, match="^RANDOM_SEED: "):
        check_seed(-3, parameter="RANDOM_SEED")


@pytest.mark.parametrize("seed", BAD)
def test_nfindr_refuses_a_bad_seed_before_reading_the_raster(clean_unmix_tile, seed):
    seen = []
    with pytest.raises(ParameterError, match="SEED"):
        nfindr(SpectralRaster(clean_unmix_tile), 4, init="random", seed=seed, progress=lambda f, m: seen.append(f))
    assert seen == []  # refused before the first block was read, whatever the start


def test_nfindr_points_with_a_negative_seed_is_a_parameter_error_not_numpy_valueerror():
    pts = np.random.default_rng(0).standard_normal((50, 3))
    with pytest.raises(ParameterError, match="SEED: must be 0 or a positive integer, got -5"):
        nfindr_points(pts, 4, init="random", seed=-5)


def test_large_and_whole_float_seeds_work_and_reproduce():
    pts = np.random.default_rng(1).standard_normal((300, 3))
    big = nfindr_points(pts, 4, init="random", seed=2 ** 40, max_iter=1)[0]
    assert np.array_equal(big, nfindr_points(pts, 4, init="random", seed=2 ** 40, max_iter=1)[0])
    assert np.array_equal(nfindr_points(pts, 4, init="random", seed=3.0, max_iter=1)[0],
                          nfindr_points(pts, 4, init="random", seed=3, max_iter=1)[0])


@pytest.mark.parametrize("seed", [-1, 2.5])
def test_kmeans_follows_the_same_rule(clean_kmeans_tile, seed):
    with pytest.raises(ParameterError, match="^SEED: must be 0 or a positive integer"):
        fit_kmeans(SpectralRaster(clean_kmeans_tile), 3, seed=seed)
