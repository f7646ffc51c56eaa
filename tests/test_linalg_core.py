"""core.linalg: BLAS products that stay fast when GSL's reference CBLAS is loaded first (as in qgis / qgis_process)."""
import json
import os
import subprocess
import sys
import textwrap
from types import SimpleNamespace

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


@pytest.mark.parametrize("dtype,prefix", [(np.float32, "s"), (np.float64, "d")])
def test_products_go_through_scipy_blas(monkeypatch, dtype, prefix):
    """gram and matmul call SciPy's BLAS wrappers (syrk, gemm), not numpy's matmul (which GSL can hijack)."""
    from scipy.linalg import blas

    import hyspec_qgis.core.engine.linalg as linalg

    calls = []

    def spy(name):
        def call(*args, **kwargs):
            calls.append(name)
            return getattr(blas, name)(*args, **kwargs)
        return call

    monkeypatch.setattr(linalg, "_blas", SimpleNamespace(**{n: spy(n) for n in ("ssyrk", "dsyrk", "sgemm", "dgemm")}))
    rng = np.random.default_rng(3)
    x, b = rng.random((500, 20)).astype(dtype), rng.random((20, 4)).astype(dtype)
    g, m = gram(x), matmul(x, b)
    assert calls == [f"{prefix}syrk", f"{prefix}gemm"]
    tol = 1e-5 if dtype == np.float32 else 1e-12
    x64, b64 = x.astype(np.float64), b.astype(np.float64)
    assert np.abs(g - x64.T @ x64).max() <= tol * np.abs(x64.T @ x64).max()
    assert np.abs(m - x64 @ b64).max() <= tol * np.abs(x64 @ b64).max()


@pytest.mark.skipif(not os.path.exists(GSL_CBLAS), reason="GSL's CBLAS is not installed")
def test_right_and_through_scipy_blas_when_gsl_cblas_comes_first():
    """Reproduce qgis_process: libgslcblas in the global symbol scope before numpy is imported. GSL exports the C
    entry points numpy calls (cblas_ssyrk) but not the Fortran ones SciPy's wrappers call (ssyrk_), so the products
    reach the system BLAS; they must be the ones SciPy's wrappers compute and equal a float64 reference."""
    code = textwrap.dedent(f"""
        import ctypes, json, os
        gsl = ctypes.CDLL({GSL_CBLAS!r}, mode=os.RTLD_NOW | ctypes.RTLD_GLOBAL)
        import numpy as np
        import hyspec_qgis.core.engine.linalg as linalg
        from scipy.linalg import blas
        calls = []
        def spy(name):
            def call(*args, **kwargs):
                calls.append(name)
                return getattr(blas, name)(*args, **kwargs)
            return call
        linalg._blas = type("Spy", (), {{n: staticmethod(spy(n)) for n in ("ssyrk", "sgemm")}})
        x = np.random.default_rng(0).random((3000, 362), dtype=np.float32)
        b = np.random.default_rng(1).random((362, 4), dtype=np.float32)
        g, m = linalg.gram(x), linalg.matmul(x, b)
        x64 = x.astype(np.float64)
        ref_g, ref_m = x64.T @ x64, x64 @ b.astype(np.float64)
        print(json.dumps(dict(
            calls=calls, gsl_c=hasattr(gsl, "cblas_ssyrk"), gsl_fortran=hasattr(gsl, "ssyrk_"),
            gram_err=float(np.abs(g - ref_g).max() / np.abs(ref_g).max()),
            matmul_err=float(np.abs(m - ref_m).max() / np.abs(ref_m).max()),
            shapes=[g.shape, m.shape], dtypes=[str(g.dtype), str(m.dtype)])))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120,
                         env=dict(os.environ, PYTHONPATH=ROOT))
    assert out.returncode == 0, out.stderr
    res = json.loads(out.stdout.strip().splitlines()[-1])
    assert res["gsl_c"] and not res["gsl_fortran"]  # the premise: GSL shadows numpy's entry points, not SciPy's
    assert res["calls"] == ["ssyrk", "sgemm"]
    assert res["shapes"] == [[362, 362], [3000, 4]] and res["dtypes"] == ["float32", "float32"]
    assert res["gram_err"] < 1e-5 and res["matmul_err"] < 1e-5
