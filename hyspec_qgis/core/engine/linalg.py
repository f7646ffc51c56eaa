"""Large matrix products that stay fast inside QGIS's own executables.

``qgis`` and ``qgis_process`` link GSL, whose reference CBLAS (libgslcblas) is loaded at start-up, before Python
imports numpy. numpy calls ``cblas_sgemm`` / ``cblas_ssyrk``, and the dynamic linker binds those to the first
library that exports them: GSL's unoptimised loops instead of OpenBLAS. ``x.T @ x`` on one 46k x 362 block then
takes about 18 s instead of 0.08 s (measured here), i.e. minutes per tile. Python scripts and pytest are not affected
(there numpy comes first), so tests alone do not show it.

SciPy's BLAS wrappers call the Fortran entry points (``ssyrk_``, ``sgemm_``), which GSL does not export, so they reach
the system BLAS (OpenBLAS on Debian) in every process. The streamed passes use these two functions for their large
products; small products can stay numpy.
"""
from __future__ import annotations

import numpy as np

try:  # SciPy ships with QGIS on every platform; fall back to numpy if it is missing.
    from scipy.linalg import blas as _blas
except ImportError:  # pragma: no cover
    _blas = None


def gram(x: np.ndarray) -> np.ndarray:
    """``x.T @ x`` for a float32 or float64 (n, b) matrix, through BLAS syrk; returns (b, b) in x's dtype."""
    x = np.asarray(x)
    if _blas is None or x.ndim != 2 or x.dtype not in (np.float32, np.float64) or x.shape[0] == 0:
        return x.T @ x
    syrk = _blas.ssyrk if x.dtype == np.float32 else _blas.dsyrk
    # x.T is Fortran-ordered when x is C-ordered, so f2py passes it without a copy; syrk(A) = A A^T = x^T x.
    upper = syrk(1.0, np.asfortranarray(x.T), trans=0, lower=0)
    return np.triu(upper) + np.triu(upper, 1).T


def matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a @ b`` for 2-D float32/float64 matrices of one dtype, through BLAS gemm (a may be a large (n, k) block)."""
    a = np.asarray(a)
    b = np.asarray(b)
    if (_blas is None or a.ndim != 2 or b.ndim != 2 or a.dtype != b.dtype
            or a.dtype not in (np.float32, np.float64) or 0 in a.shape or 0 in b.shape):
        return a @ b
    gemm = _blas.sgemm if a.dtype == np.float32 else _blas.dgemm
    # (a b)^T = b^T a^T: with C-ordered a, a.T is Fortran-ordered (no copy); the result comes back Fortran-ordered as
    # (m, n), whose transpose is the C-ordered (n, m) product.
    return gemm(1.0, np.asfortranarray(b.T), np.asfortranarray(a.T)).T
