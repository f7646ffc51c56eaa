"""A careful client of the NEON Data API for AOP tiles (standard library HTTP; no neonutilities).

``download_neon(product, site, year, area, folder, token=...)`` is the entry point (plan.py); http.py holds the
retrying, token-safe HTTP, api.py the endpoints, tiles.py tile names and selection, download.py one checked and
resumable file transfer, checksum.py CRC32C / MD5.
"""
from .api import PRODUCTS, REFLECTANCE, NeonFile
from .errors import DownloadFailed, NeonApiError, NoDataError
from .http import RetryPolicy
from .plan import DEFAULT_API_URL, DownloadReport, TileDownload, download_neon
from .tiles import TILE, BoxArea, PointArea, select_tiles, tile_box, tile_origin, utm_epsg

__all__ = ["PRODUCTS", "REFLECTANCE", "NeonFile", "DownloadFailed", "NeonApiError", "NoDataError", "RetryPolicy",
           "DEFAULT_API_URL", "DownloadReport", "TileDownload", "download_neon", "TILE", "BoxArea", "PointArea",
           "select_tiles", "tile_box", "tile_origin", "utm_epsg"]
