"""The two NEON tutorial band-cleaning recipes, for tests that need a cleaned cube."""
RECIPES = {"unmix": (0, 10, 1), "kmeans": (10, 15, 2)}  # (DROP_FIRST, DROP_LAST, BAND_STEP): 362 and 174 bands


def clean_recipe(src, out, recipe):
    """Clean ``src`` into ``out`` with the endmember ("unmix") or k-means ("kmeans") tutorial's recipe."""
    from hyspec_qgis.core import SpectralRaster
    from hyspec_qgis.core.methods.bands import DEFAULT_WINDOWS, clean_bands, select_bands

    first, last, step = RECIPES[recipe]
    raster = SpectralRaster(src)
    clean_bands(raster, out, select_bands(raster.count, raster.wavelengths, DEFAULT_WINDOWS, first, last, step))
    return str(out)
