"""Whole-site runs: one chain model fitted on a sample drawn across all tiles, applied to every tile (on Dask when
it is installed), mosaicked into VRTs that load as one layer. ``run_site`` is the entry point; ``hyspec:site`` and
``python -m hyspec_qgis.site`` are thin wrappers over it."""
from .chains import CHAINS, ChainParams
from .engine import DEFAULT_SAMPLE_SIZE, DEFAULT_WORKERS, SiteResult, run_site

__all__ = ["CHAINS", "ChainParams", "DEFAULT_SAMPLE_SIZE", "DEFAULT_WORKERS", "SiteResult", "run_site"]
