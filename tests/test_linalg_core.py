"""core.linalg: BLAS products that stay fast when GSL's reference CBLAS is loaded first (as in qgis / qgis_process)."""
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from hyspec_qgis.core.engine.linalg import gram, matmul

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GSL_CBLAS = "/lib/x86_64-linux-gnu/libgslcblas.so.0"


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_gram_and_matmul_equal_numpy(dtype):
    rng = np.random.default_rng(0)
    x = rng.random((1000, 37)).astype(dtype)
    g = gram(x)
    assert g.dtype == dtype and g.shape == (37, 37) and np.array_equal(g, g.T)
    ref = x.astype(np.float64).T @ x.astype(np.float64)
    assert np.abs(g - ref).max() <= (1e-5 if dtype == np.float32 else 1e-12) * np.abs(ref).max()
    b = rng.random((37, 3)).astype(dtype)
    m = matmul(x, b)
    assert m.shape == (1000, 3) and m.flags["C_CONTIGUOUS"] and m.dtype == dtype
    assert np.allclose(m, x.astype(np.float64) @ b.astype(np.float64), rtol=1e-5)
    assert matmul(x[:0], b).shape == (0, 3) and gram(x[:0]).shape == (37, 37)
    assert np.allclose(matmul(x[::2], b), x[::2] @ b, rtol=1e-5)  # non-contiguous input


@pytest.mark.skipif(not os.path.exists(GSL_CBLAS), reason="GSL's CBLAS is not installed")
def test_fast_when_gsl_cblas_comes_first():
    """Reproduce qgis_process: libgslcblas in the global symbol scope before numpy is imported."""
    code = textwrap.dedent(f"""
        import ctypes, os, time
        ctypes.CDLL({GSL_CBLAS!r}, mode=os.RTLD_NOW | ctypes.RTLD_GLOBAL)
        import numpy as np
        from hyspec_qgis.core.engine.linalg import gram, matmul
        x = np.random.default_rng(0).random((20000, 362), dtype=np.float32)
        t = time.perf_counter(); g = gram(x); m = matmul(x, np.ones((362, 4), np.float32))
        print(time.perf_counter() - t)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120,
                         env=dict(os.environ, PYTHONPATH=ROOT))
    assert out.returncode == 0, out.stderr
    assert float(out.stdout.strip()) < 2.0  # numpy's x.T @ x takes ~8 s here with GSL's CBLAS
