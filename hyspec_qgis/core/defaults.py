"""The choices and defaults the Processing algorithms declare, importable without numpy, GDAL or an engine module.

QGIS declares every algorithm's parameters when it starts (and qgis_process on every call), before anything runs;
taking these values from the engine modules imported numpy, SciPy and the whole engine at start-up (0.39 s). The
engine modules keep their own copies, which tests/test_lazy_start.py compares with these.
"""

IMPORT_ENCODINGS = ("float32", "int16")  # io.importer.ENCODINGS

WATER_WINDOWS = ((1340.0, 1445.0), (1790.0, 1955.0))  # io.neon.DEFAULT_WATER_WINDOWS
NO_WINDOWS = "none"  # methods.bands.NO_WINDOWS


def format_windows(windows) -> str:
    """As methods.bands.format_windows: '1340-1445;1790-1955'."""
    return ";".join(f"{lo:g}-{hi:g}" for lo, hi in windows) if windows else NO_WINDOWS


KMEANS_CLUSTERS = 5  # methods.kmeans.DEFAULT_CLUSTERS
KMEANS_MAX_ITER = 50  # methods.kmeans.DEFAULT_MAX_ITER
KMEANS_SAMPLE_SIZE = 200_000  # methods.kmeans.DEFAULT_SAMPLE_SIZE

PCA_FRACTION = 0.999  # methods.pca.DEFAULT_FRACTION

NFINDR_INITS = ("ATGP", "random")  # methods.nfindr.INITS
NFINDR_PCA_FITS = ("sample", "exact")  # methods.nfindr.PCA_FITS
NFINDR_PCA_SAMPLE = 100_000  # methods.nfindr.DEFAULT_PCA_SAMPLE

UNMIX_METHODS = ("FCLS", "NNLS", "UCLS")  # methods.unmix.METHODS

THRESHOLD_MODES = ("absolute", "relative")  # methods.classify.THRESHOLD_MODES

MAT_LAYOUTS = ("auto", "rows-cols-bands", "cols-rows-bands", "bands-rows-cols", "bands-cols-rows",
               "rows-bands-cols", "cols-bands-rows", "pixels-column-major", "pixels-row-major")  # io.matfile.LAYOUTS

FALSE_ALARM_RATES = (1e-3, 1e-4, 1e-5)  # methods.endmember_count.FALSE_ALARM_RATES


def far_label(far: float) -> str:
    """As methods.endmember_count.far_label: 1e-3 -> "1E_3" (no '-' in output names used in model expressions)."""
    mantissa, exponent = f"{far:.0e}".split("e")
    return f"{mantissa}E_{abs(int(exponent))}" if int(exponent) < 0 else f"{mantissa}E{int(exponent)}"


SITE_CHAINS = ("kmeans", "unmixing")  # site.chains.CHAINS
SITE_CHAIN_DEFAULTS = {"clusters": 5, "max_iter": 50, "variance_fraction": 0.999, "endmembers": 4,
                       "sid_select": "1,3,4", "sid_thresholds": "0.8,0.3,0.03"}  # site.chains.ChainParams()
SITE_SAMPLE_SIZE = 200_000  # site.engine.DEFAULT_SAMPLE_SIZE
SITE_WORKERS = 2  # site.engine.DEFAULT_WORKERS

AUTOENCODER_DEFAULTS = {"architecture": "mlp", "hidden": (50, 30), "latent": 10, "loss": "CSA", "epochs": 100,
                        "batch_size": 1000, "learning_rate": 1e-3, "sample_size": 200_000,
                        "validation_fraction": 0.1, "seed": 0, "preprocessing": "minmax"}  # learn.autoencoder
PREPROCESSING = ("minmax", "none")  # learn.preprocessing.METHODS
CLASSIFIER_METHODS = ("cnn", "random_forest")  # learn.supervised.METHODS
CLASSIFIER_DEFAULTS = {"method": "cnn", "validation_fraction": 0.3, "epochs": 100, "batch_size": 50,
                       "learning_rate": 1e-3, "trees": 100, "seed": 0, "max_pixels_per_class": 1000,
                       "preprocessing": "minmax"}  # learn.supervised.DEFAULTS

NEON_API_URL = "https://data.neonscience.org/api/v0/"  # neonapi.DEFAULT_API_URL
NEON_REFLECTANCE = "reflectance"  # neonapi.REFLECTANCE
NEON_PRODUCTS = ("DP3.30006.001", "DP3.30006.002", "DP3.30015.001", "DP3.30010.001")  # neonapi.PRODUCTS (keys)
