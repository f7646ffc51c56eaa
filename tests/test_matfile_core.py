"""MATLAB .mat import (core, no QGIS): both formats, every layout and pixel order, wavelengths, georeference, truth,
streaming, and damaged or hostile files. Every expected value comes from the arrays the test wrote."""
import os
from decimal import Decimal

import h5py
import numpy as np
import pytest
import scipy.io
from osgeo import gdal, osr
from scipy.io.matlab import MatlabObject

from hyspec_qgis.core import Cancelled, HyspecError, SpectralRaster, write_spectra_csv
from hyspec_qgis.core.io import matfile
from hyspec_qgis.core.io.matfile import import_mat
from hyspec_qgis.core.io.matvars import open_mat
from hyspec_qgis.core.io.spectra_csv import Spectra
from tests.matfiles import FunctionHandle, Raw, pixels, scene, v5_function_handle, write_v5, write_v73

ROWS, COLS, BANDS = 7, 5, 4  # not square: a transposed or sheared read cannot pass
SCIPY_DATA = os.path.join(os.path.dirname(scipy.io.__file__), "matlab", "tests", "data")


def read_cube(path):
    ds = gdal.Open(str(path))
    cube = ds.ReadAsArray()
    cube = cube[None] if cube.ndim == 2 else cube
    return cube.transpose(1, 2, 0), ds.GetGeoTransform(), ds.GetProjection()


def expected(cube, scale=1.0):
    return (cube.astype(np.float64) / scale).astype(np.float32)


def leftovers(folder):
    return sorted(n for n in os.listdir(folder) if ".partial" in n)


def writer(fmt):
    if fmt == "v5":
        return write_v5
    if fmt == "v7.3-contiguous":
        return lambda path, variables: write_v73(path, variables, chunks=False)
    if fmt == "v7.3-small-chunks":  # chunks much smaller than a row block, split along every axis
        return lambda path, variables: write_v73(path, variables, chunks=(2, 2, 3) if any(
            np.ndim(v) == 3 for v in variables.values()) else (2, 3))
    return write_v73


FORMATS = ["v5", "v7.3", "v7.3-contiguous", "v7.3-small-chunks"]
# (what the file holds, LAYOUT, extra parameters): MATLAB arrays as the classic scenes store them
LAYOUT_CASES = [
    ("rows-cols-bands", lambda c: c, "auto", {}),
    ("bands-rows-cols", lambda c: np.transpose(c, (2, 0, 1)), "bands-rows-cols", {}),
    ("cols-rows-bands", lambda c: np.transpose(c, (1, 0, 2)), "cols-rows-bands", {}),
    ("rows-bands-cols", lambda c: np.transpose(c, (0, 2, 1)), "rows-bands-cols", {}),
    ("bands x pixels, column-major", lambda c: pixels(c, "F"), "auto", {"rows": ROWS, "cols": COLS}),
    ("pixels x bands, column-major", lambda c: pixels(c, "F").T, "pixels-column-major", {"rows": ROWS}),
    ("bands x pixels, row-major", lambda c: pixels(c, "C"), "pixels-row-major", {"rows": ROWS, "cols": COLS}),
    ("pixels x bands, row-major", lambda c: pixels(c, "C").T, "pixels-row-major", {"cols": COLS}),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", LAYOUT_CASES, ids=[c[0] for c in LAYOUT_CASES])
def test_every_layout_and_format_gives_the_written_cube(tmp_path, fmt, case, monkeypatch):
    _, store, layout, extra = case
    for budget in ("BLOCK_BYTES", "PIXEL_LIST_BYTES"):  # two rows per block: several blocks, a short last one
        monkeypatch.setattr(matfile, budget, 2 * COLS * BANDS * 4)
    cube = scene(ROWS, COLS, BANDS)
    path = writer(fmt)(tmp_path / "scene.mat", {"data": store(cube)})
    out = tmp_path / "out.tif"
    result = import_mat(path, out, layout=layout, scale=10000, **extra)
    got, gt, wkt = read_cube(out)
    assert got.shape == (ROWS, COLS, BANDS)
    np.testing.assert_array_equal(got, expected(cube, 10000))  # values, positions and band order
    assert (result.rows, result.cols, result.bands, result.variable) == (ROWS, COLS, BANDS, "data")
    assert result.version == ("5" if fmt == "v5" else "7.3")
    # the pixel grid: 1 unit per pixel, upper-left corner at (0, rows), MATLAB's first row on top, no CRS
    assert gt == (0.0, 1.0, 0.0, float(ROWS), 0.0, -1.0) and wkt == ""
    assert gdal.Open(str(out)).GetRasterBand(1).GetNoDataValue() == -9999.0


@pytest.mark.parametrize("fmt", ["v5", "v7.3"])
def test_v7_3_streams_in_row_blocks_and_v5_loads_whole(tmp_path, fmt, monkeypatch):
    cube = scene(40, 6, 3)
    path = writer(fmt)(tmp_path / "s.mat", {"cube": cube})
    monkeypatch.setattr(matfile, "BLOCK_BYTES", 5 * 6 * 3 * 4)  # 5 rows of float32 output
    reads = []
    with open_mat(path) as mat:
        reader_class = type(mat.reader("cube"))
    original = reader_class.slab

    def spy(self, axis, start, stop):
        reads.append(stop - start)
        return original(self, axis, start, stop)

    monkeypatch.setattr(reader_class, "slab", spy)
    import_mat(path, tmp_path / "o.tif")
    np.testing.assert_array_equal(read_cube(tmp_path / "o.tif")[0], expected(cube))
    assert reads == [5] * 8  # 8 reads of 5 rows, never the whole cube at once
    if fmt == "v5":
        assert reader_class.__name__ == "_MemoryArray"  # slabs of the array scipy loaded whole


def test_v7_3_row_blocks_follow_the_chunks(tmp_path, monkeypatch):
    cube = scene(40, 6, 3)
    path = write_v73(tmp_path / "s.mat", {"cube": cube}, chunks=(3, 6, 8))  # HDF5 order: 8 MATLAB rows per chunk
    monkeypatch.setattr(matfile, "BLOCK_BYTES", 13 * 6 * 3 * 4)  # 13 rows -> 8 (whole chunks per block)
    with open_mat(path) as mat:
        grid = matfile._data_grid(mat, "cube", mat.reader("cube"), "auto", 0, 0, None, [])
        assert grid.block_rows() == 8
    import_mat(path, tmp_path / "o.tif")
    np.testing.assert_array_equal(read_cube(tmp_path / "o.tif")[0], expected(cube))


def test_real_matlab_v7_3_file_reads_as_matlab_shows_it():
    path = os.path.join(SCIPY_DATA, "testhdf5_7.4_GLNX86.mat")  # written by MATLAB 7.4, shipped with scipy
    if not os.path.exists(path):
        pytest.skip("scipy's MATLAB test files are not installed")
    with open_mat(path) as mat:
        assert mat.version == "7.3" and mat.listing() == "testdouble (1 x 9 double)"
        np.testing.assert_array_equal(mat.reader("testdouble").read_all(), np.arange(9)[None, :] * np.pi / 4)


# --- wavelengths -------------------------------------------------------------------------------------------------
def band_wavelengths(path):
    ds = gdal.Open(str(path))
    return [float(ds.GetRasterBand(b + 1).GetMetadataItem("wavelength")) for b in range(ds.RasterCount)]


@pytest.mark.parametrize("fmt", ["v5", "v7.3"])
def test_wavelengths_from_a_variable_exactly(tmp_path, fmt):
    wl = np.array([412.3456789012, 550.0000001, 2056.175, 2400.1])
    path = writer(fmt)(tmp_path / "s.mat", {"cube": scene(ROWS, COLS, BANDS), "wavelength": wl.reshape(1, -1)})
    result = import_mat(path, tmp_path / "a.tif", wavelengths="wavelength")
    assert band_wavelengths(tmp_path / "a.tif") == wl.tolist()  # every digit
    assert SpectralRaster(str(tmp_path / "a.tif")).wavelengths.tolist() == wl.tolist()
    assert result.wavelength_source == "variable 'wavelength'"
    import_mat(path, tmp_path / "b.tif")  # default: a vector variable named like 'wavelength'
    assert band_wavelengths(tmp_path / "b.tif") == wl.tolist()


def test_wavelengths_in_micrometres_float32_and_ranges(tmp_path):
    um = np.array([0.4, 0.41, 1.0, 2.5])
    single = np.array([412.3, 500.1, 600.7, 700.9], dtype=np.float32)
    path = write_v5(tmp_path / "s.mat", {"cube": scene(ROWS, COLS, BANDS), "um": um, "single": single})
    import_mat(path, tmp_path / "um.tif", wavelengths="um")
    assert band_wavelengths(tmp_path / "um.tif") == [400.0, 410.0, 1000.0, 2500.0]  # a decimal shift, no 0.41*1000
    import_mat(path, tmp_path / "f.tif", wavelengths="single")
    assert band_wavelengths(tmp_path / "f.tif") == [float(v) for v in single]  # each float32, exactly
    import_mat(path, tmp_path / "r.tif", wavelengths="400-2500")
    assert band_wavelengths(tmp_path / "r.tif") == np.linspace(400, 2500, BANDS).tolist()
    import_mat(path, tmp_path / "ru.tif", wavelengths="0.4 - 2.5 um")
    assert band_wavelengths(tmp_path / "ru.tif") == np.linspace(400, 2500, BANDS).tolist()
    assert float(Decimal("0.41").scaleb(3)) == 410.0


def test_wavelengths_from_a_spectra_csv(tmp_path):
    wl = np.array([401.25, 502.5, 603.75, 2056.175])
    csv_path = str(tmp_path / "lib.csv")
    write_spectra_csv(csv_path, Spectra(["a"], np.ones((BANDS, 1)), wl))
    plain = tmp_path / "wl.csv"
    plain.write_text("band,wavelength_nm\n" + "".join(f"{i + 1},{w!r}\n" for i, w in enumerate(wl)))
    path = write_v5(tmp_path / "s.mat", {"cube": scene(ROWS, COLS, BANDS)})
    for source in (csv_path, str(plain)):
        import_mat(path, tmp_path / "o.tif", wavelengths=source)
        assert band_wavelengths(tmp_path / "o.tif") == wl.tolist()


def test_auto_layout_takes_the_band_axis_from_the_wavelength_count(tmp_path):
    cube = scene(ROWS, COLS, BANDS)
    path = write_v73(tmp_path / "s.mat", {"cube": np.transpose(cube, (2, 0, 1)), "wl": np.arange(BANDS) + 500.0})
    result = import_mat(path, tmp_path / "o.tif", wavelengths="wl")
    assert result.layout == "bands-rows-cols"
    np.testing.assert_array_equal(read_cube(tmp_path / "o.tif")[0], expected(cube))


@pytest.mark.parametrize("spec,match", [
    ("wl3", r"WAVELENGTHS: variable 'wl3' has 3 wavelengths, but the cube in .*s\.mat has 4 bands"),
    ("bandnumbers", r"WAVELENGTHS: variable 'bandnumbers' holds whole numbers from 1 to 4, which look like band"),
    ("indices", r"WAVELENGTHS: variable 'indices' holds values from 4 to 219, which are not wavelengths"),
    ("2500-400", r"WAVELENGTHS: the range '2500-400' must go from a lower"),
    ("nonsense", r"WAVELENGTHS: 'nonsense' is not a variable of .*s\.mat, an existing spectra CSV, or a range.*"
                 r"cube \(7 x 5 x 4 uint16\)"),
    ("names", r"WAVELENGTHS: 'names' in .*s\.mat is a MATLAB cell array, not a numeric array"),
])
def test_wrong_wavelengths_are_refused_clearly(tmp_path, spec, match):
    path = write_v5(tmp_path / "s.mat", {"cube": scene(ROWS, COLS, BANDS), "wl3": np.array([500.0, 600, 700]),
                                         "bandnumbers": np.arange(1, 5),
                                         "indices": np.array([4, 5, 103, 219]), "names": np.array(["a", "b"], dtype=object)})
    with pytest.raises(HyspecError, match=match):
        import_mat(path, tmp_path / "o.tif", wavelengths=spec)
    assert not (tmp_path / "o.tif").exists() and leftovers(tmp_path) == []


# --- georeference -----------------------------------------------------------------------------------------------
def test_extent_and_crs_place_the_scene(tmp_path):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32618)
    path = write_v73(tmp_path / "s.mat", {"cube": scene(ROWS, COLS, BANDS)})
    result = import_mat(path, tmp_path / "o.tif", bounds=(368000.0, 4306000.0, 368010.0, 4306035.0),
                        crs_wkt=srs.ExportToWkt())
    _, gt, wkt = read_cube(tmp_path / "o.tif")
    assert gt == (368000.0, 2.0, 0.0, 4306035.0, 0.0, -5.0) == result.geotransform  # 10 m / 5 cols, 35 m / 7 rows
    got = osr.SpatialReference(wkt=wkt)
    assert got.GetAuthorityCode(None) == "32618"


@pytest.mark.parametrize("kwargs,match", [
    (dict(crs_wkt="EPSG:4326"), r"CRS: a CRS without EXTENT"),
    (dict(bounds=(10.0, 0.0, 5.0, 1.0)), r"EXTENT: .* is empty"),
    (dict(scale=0.0), r"SCALE: must be a positive number"),
    (dict(scale=float("nan")), r"SCALE: must be a positive number"),
    (dict(layout="pixels-row-major"), r"LAYOUT: pixels-row-major is for 2-D pixel lists, but 'cube' \(7 x 5 x 4\)"),
    (dict(layout="sideways"), r"LAYOUT: 'sideways' is not one of auto, rows-cols-bands"),
    (dict(rows=5), r"ROWS: 5 does not match 'cube' \(7 x 5 x 4\) in .*, which has 7 rows"),
])
def test_bad_parameters_name_the_parameter(tmp_path, kwargs, match):
    path = write_v5(tmp_path / "s.mat", {"cube": scene(ROWS, COLS, BANDS)})
    with pytest.raises(HyspecError, match=match):
        import_mat(path, tmp_path / "o.tif", **kwargs)
    assert not (tmp_path / "o.tif").exists() and leftovers(tmp_path) == []


def test_pixel_lists_need_rows_and_cols(tmp_path):
    path = write_v5(tmp_path / "s.mat", {"Y": pixels(scene(6, 6, BANDS), "F")})
    with pytest.raises(HyspecError, match=r"VARIABLE: .*s\.mat has no 3-D numeric array.*set ROWS and COLS.*"
                                          r"Y \(4 x 36 uint16\)"):
        import_mat(path, tmp_path / "o.tif")
    with pytest.raises(HyspecError, match=r"ROWS/COLS: 'Y' \(4 x 36\) .* is a 2-D pixel list; .*36 = 6 x 6 if"):
        import_mat(path, tmp_path / "o.tif", variable="Y")
    with pytest.raises(HyspecError, match=r"ROWS/COLS: .*ROWS x COLS = 5 x 5 = 25 matches neither dimension"):
        import_mat(path, tmp_path / "o.tif", variable="Y", rows=5, cols=5)
    with pytest.raises(HyspecError, match=r"LAYOUT: rows-cols-bands is for 3-D arrays, but 'Y' \(4 x 36\)"):
        import_mat(path, tmp_path / "o.tif", variable="Y", rows=6, cols=6, layout="rows-cols-bands")


def test_nan_becomes_nodata_and_the_largest_cube_is_the_default(tmp_path):
    cube = scene(ROWS, COLS, BANDS).astype(np.float64)
    cube[2, 3, 1] = np.nan
    cube[0, 0, :] = np.inf
    path = write_v73(tmp_path / "s.mat", {"small": np.zeros((2, 2, 2)), "cube": cube, "flat": np.ones((50, 50))})
    result = import_mat(path, tmp_path / "o.tif")
    got = read_cube(tmp_path / "o.tif")[0]
    assert result.variable == "cube" and got[2, 3, 1] == -9999.0 and np.all(got[0, 0] == -9999.0)
    finite = np.isfinite(cube)
    np.testing.assert_array_equal(got[finite], cube[finite].astype(np.float32))


def test_cancel_leaves_no_output(tmp_path, monkeypatch):
    monkeypatch.setattr(matfile, "BLOCK_BYTES", COLS * BANDS * 4)
    path = write_v73(tmp_path / "s.mat", {"cube": scene(ROWS, COLS, BANDS)})
    calls = []

    def progress(fraction, message):
        calls.append(fraction)
        return fraction is None or fraction < 0.3

    with pytest.raises(Cancelled):
        import_mat(path, tmp_path / "o.tif", progress=progress)
    assert not (tmp_path / "o.tif").exists() and leftovers(tmp_path) == []


# --- truth --------------------------------------------------------------------------------------------------------
LABELS = (np.arange(ROWS * COLS).reshape(ROWS, COLS) * 7 % 4).astype(np.uint8)  # classes 0 (unlabelled) .. 3


def read_classes(path):
    ds = gdal.Open(str(path))
    band = ds.GetRasterBand(1)
    nodata = band.GetNoDataValue()  # first: GDAL 3.6's GetCategoryNames alone does not load the .aux.xml
    return band.ReadAsArray(), band.GetCategoryNames(), band.DataType, nodata, ds.GetGeoTransform()


@pytest.mark.parametrize("fmt", ["v5", "v7.3"])
def test_label_map_with_names_from_a_cell_array(tmp_path, fmt):
    names = ["soil", "tree", "water"]
    cell = np.array(names, dtype=object).reshape(1, -1) if fmt == "v5" else names
    path = writer(fmt)(tmp_path / "s.mat", {"cube": scene(ROWS, COLS, BANDS), "gt": LABELS, "cood": cell})
    result = import_mat(path, tmp_path / "o.tif", truth="gt", truth_output=tmp_path / "gt.tif")
    data, categories, dtype, nodata, gt = read_classes(tmp_path / "gt.tif")
    np.testing.assert_array_equal(data, LABELS)
    assert categories == ["unclassified", "soil", "tree", "water"] and dtype == gdal.GDT_Byte and nodata == 0
    assert gt == (0.0, 1.0, 0.0, float(ROWS), 0.0, -1.0)
    assert (result.truth_kind, result.truth_names) == ("classes", names)


def test_label_list_as_double_with_a_background_name_and_char_matrix(tmp_path):
    cube = scene(ROWS, COLS, BANDS)
    labels = LABELS.astype(np.float64)
    names = np.array(["Undefined", "Soil", "Tree", "Water"])  # a char matrix; the first name is class 0
    path = write_v5(tmp_path / "s.mat", {"Y": pixels(cube, "F"), "gt": labels.reshape(1, -1, order="F"),
                                         "names": names, "nRow": ROWS, "nCol": COLS})
    result = import_mat(path, tmp_path / "o.tif", truth="gt", truth_output=tmp_path / "gt.tif")
    data, categories, *_ = read_classes(tmp_path / "gt.tif")
    np.testing.assert_array_equal(data, LABELS)  # the pixel list back on the image, column-major like the cube
    assert categories == ["unclassified", "Soil", "Tree", "Water"] and result.truth_names == ["Soil", "Tree", "Water"]


def test_label_map_stored_columns_x_rows_and_explicit_names(tmp_path):
    path = write_v73(tmp_path / "s.mat", {"cube": scene(ROWS, COLS, BANDS), "gt": LABELS.T})
    import_mat(path, tmp_path / "o.tif", truth="gt", truth_output=tmp_path / "gt.tif", truth_names="a; b ;c")
    data, categories, *_ = read_classes(tmp_path / "gt.tif")
    np.testing.assert_array_equal(data, LABELS)
    assert categories == ["unclassified", "a", "b", "c"]
    import_mat(path, tmp_path / "o.tif", truth="gt", truth_output=tmp_path / "gt2.tif")
    assert read_classes(tmp_path / "gt2.tif")[1] == ["unclassified", "class 1", "class 2", "class 3"]


@pytest.mark.parametrize("fmt", ["v5", "v7.3"])
def test_abundances_one_band_per_endmember(tmp_path, fmt):
    rng = np.random.default_rng(4)
    a = rng.dirichlet(np.ones(3), size=(ROWS, COLS))  # rows x cols x 3, sums to one
    path = writer(fmt)(tmp_path / "s.mat", {"Y": pixels(scene(ROWS, COLS, BANDS), "F"), "A": pixels(a, "F"),
                                            "A3": a, "nRow": np.array([[float(ROWS)]]),
                                            "nCol": np.array([[float(COLS)]])})
    for name in ("A", "A3"):
        out = tmp_path / f"{name}.tif"
        result = import_mat(path, tmp_path / "o.tif", truth=name, truth_output=out, truth_names="tree;soil;water")
        got, gt, _ = read_cube(out)
        np.testing.assert_array_equal(got, a.astype(np.float32))
        ds = gdal.Open(str(out))
        assert [ds.GetRasterBand(i + 1).GetDescription() for i in range(3)] == ["tree", "soil", "water"]
        assert result.truth_kind == "abundances" and gt == (0.0, 1.0, 0.0, float(ROWS), 0.0, -1.0)


@pytest.mark.parametrize("truth,kwargs,match", [
    ("neg", {}, r"TRUTH: 'neg' in .*s\.mat has negative labels"),
    ("wrong", {}, r"TRUTH: 'wrong' \(3 x 3\) in .*s\.mat matches neither the image \(7 rows x 5 columns\)"),
    ("zeros", {}, r"TRUTH: 'zeros' in .* labels no pixel"),
    ("gt", {"truth_names": "a;b"}, r"TRUTH_NAMES: 2 names in 'TRUTH_NAMES', but the truth has 3 classes"),
    ("gt", {"truth_names": "cube"}, r"TRUTH_NAMES: 'cube' in .* is not a char array or a cell array of text"),
    ("s", {}, r"TRUTH: 's' in .*s\.mat is a MATLAB struct, not a numeric array"),
    ("nothere", {}, r"TRUTH: .*s\.mat has no variable 'nothere'; its variables: cube \(7 x 5 x 4 uint16\)"),
])
def test_bad_truth_is_refused_clearly(tmp_path, truth, kwargs, match):
    path = write_v5(tmp_path / "s.mat", {"cube": scene(ROWS, COLS, BANDS), "gt": LABELS, "neg": LABELS - 1.0,
                                         "wrong": np.ones((3, 3)), "zeros": np.zeros((ROWS, COLS)), "s": {"a": 1}})
    with pytest.raises(HyspecError, match=match):
        import_mat(path, tmp_path / "o.tif", truth=truth, truth_output=tmp_path / "gt.tif", **kwargs)
    assert not (tmp_path / "gt.tif").exists() and leftovers(tmp_path) == []


@pytest.mark.parametrize("fmt", ["v5", "v7.3"])
def test_truth_in_its_own_file_as_the_benchmark_scenes_ship_it(tmp_path, fmt):
    cube = scene(ROWS, COLS, BANDS)
    a = np.random.default_rng(1).dirichlet(np.ones(2), size=(ROWS, COLS))
    data = writer(fmt)(tmp_path / "scene.mat", {"Y": pixels(cube, "F"), "nRow": np.array([[float(ROWS)]]),
                                                "nCol": np.array([[float(COLS)]])})
    # like Indian_pines_gt.mat: one label map; like end3.mat: abundances A (k x pixels) and endmembers M (bands x k)
    labels = writer(fmt)(tmp_path / "gt.mat", {"gt": LABELS})
    ends = writer(fmt)(tmp_path / "end2.mat", {"M": np.ones((BANDS, 2)), "A": pixels(a, "F")})
    result = import_mat(data, tmp_path / "o.tif", truth_file=labels, truth_output=tmp_path / "gt.tif")
    assert result.truth == "gt" and result.truth_kind == "classes"
    np.testing.assert_array_equal(read_classes(tmp_path / "gt.tif")[0], LABELS)
    result = import_mat(data, tmp_path / "o.tif", truth_file=ends, truth_output=tmp_path / "a.tif")
    assert result.truth == "A" and result.truth_kind == "abundances"  # M does not fit the image
    np.testing.assert_array_equal(read_cube(tmp_path / "a.tif")[0], a.astype(np.float32))
    assert gdal.Open(str(tmp_path / "a.tif")).GetMetadataItem("MAT_SOURCE") == "end2.mat"
    with pytest.raises(HyspecError, match=r"TRUTH: 'M' \(4 x 2\) in .*end2\.mat matches neither the image"):
        import_mat(data, tmp_path / "o.tif", truth_file=ends, truth="M", truth_output=tmp_path / "m.tif")
    with pytest.raises(HyspecError, match=r"TRUTH: no variable of .*scene\.mat fits the image"):
        import_mat(data, tmp_path / "o.tif", truth_file=data, truth_output=tmp_path / "m.tif")
    (tmp_path / "notes.mat").write_text("hello")
    with pytest.raises(HyspecError, match=r"TRUTH_FILE: .*notes\.mat is not a MATLAB \.mat file"):
        import_mat(data, tmp_path / "o.tif", truth_file=tmp_path / "notes.mat", truth_output=tmp_path / "m.tif")
    assert not (tmp_path / "m.tif").exists() and leftovers(tmp_path) == []


# --- damaged and hostile files ---------------------------------------------------------------------------------
def hostile_v5(tmp_path, **extra):
    record = np.zeros((1, 1), dtype=[("x", "O")])
    record[0, 0]["x"] = np.array([[1.0]])
    return write_v5(tmp_path / "hostile.mat", {**extra,
        "s": {"cmd": "rm -rf /"},
        "c": np.array([np.zeros(2), "x"], dtype=object),
        "obj": MatlabObject(record, "myclass"),
        "z": np.ones((ROWS, COLS, BANDS)) * 1j,
        "sp": __import__("scipy.sparse", fromlist=["csc_matrix"]).csc_matrix(np.eye(3)),
        "txt": "hello",
        "e": np.zeros((0, 3)),
    })


def hostile_v73(tmp_path, **extra):
    secret = tmp_path / "secret.bin"
    np.full((ROWS, COLS, BANDS), 1234.5).tofile(secret)
    target = tmp_path / "other.h5"
    with h5py.File(target, "w") as f:
        f["data"] = np.ones((BANDS, COLS, ROWS))
    path = write_v73(tmp_path / "hostile.mat", {
        **extra, "s": {"cmd": "rm -rf /"}, "c": ["a", "b"], "fh": FunctionHandle(),
        "obj": Raw(np.array([[3707764736, 2, 1, 1, 1, 1]], np.uint32), MATLAB_class=np.bytes_("myclass"),
                   MATLAB_object_decode=np.int32(3)),
        "z": Raw(np.zeros((2, 2), dtype=[("real", "<f8"), ("imag", "<f8")]), MATLAB_class=np.bytes_("double")),
        "e": Raw(np.array([0, 3], np.uint64), MATLAB_class=np.bytes_("double"), MATLAB_empty=np.uint8(1)),
    })
    with h5py.File(path, "a") as f:
        ds = f.create_dataset("external", shape=(BANDS, COLS, ROWS), dtype="<f8",
                              external=[(str(secret), 0, secret.stat().st_size)])
        ds.attrs["MATLAB_class"] = np.bytes_("double")
        f["linked"] = h5py.ExternalLink(str(target), "/data")
        f["soft"] = h5py.SoftLink("/s")
    return path


V5_REFUSALS = [("s", "a MATLAB struct"), ("c", "a MATLAB cell array"), ("obj", "a MATLAB object"),
               ("z", "a complex array"), ("sp", "a sparse matrix"), ("txt", r"text \(a char array\)"),
               ("e", "an empty array")]
V73_REFUSALS = [("s", "a MATLAB struct"), ("c", "a MATLAB cell array"), ("fh", "a MATLAB function handle"),
                ("obj", "a MATLAB object"), ("z", "a complex array"), ("e", "an empty array"),
                ("external", "a dataset whose data lives in other files"), ("linked", "a link to another file"),
                ("soft", "a link to another file")]


@pytest.mark.parametrize("name,why", V5_REFUSALS)
def test_v5_structs_cells_objects_are_refused(tmp_path, name, why):
    path = hostile_v5(tmp_path, cube=scene(ROWS, COLS, BANDS))
    for parameter, kwargs in (("VARIABLE", dict(variable=name)), ("TRUTH", dict(variable="cube", truth=name))):
        with pytest.raises(HyspecError, match=rf"{parameter}: '{name}' in .*hostile\.mat is {why}, not a numeric"):
            import_mat(path, tmp_path / "o.tif", truth_output=tmp_path / "t.tif", **kwargs)
    assert not (tmp_path / "o.tif").exists() and leftovers(tmp_path) == []


@pytest.mark.parametrize("name,why", V73_REFUSALS)
def test_v7_3_structs_cells_handles_objects_links_are_refused(tmp_path, name, why):
    path = hostile_v73(tmp_path, cube=scene(ROWS, COLS, BANDS))
    for parameter, kwargs in (("VARIABLE", dict(variable=name)), ("TRUTH", dict(variable="cube", truth=name))):
        with pytest.raises(HyspecError, match=rf"{parameter}: '{name}' in .*hostile\.mat is {why}"):
            import_mat(path, tmp_path / "o.tif", truth_output=tmp_path / "t.tif", **kwargs)
    assert not (tmp_path / "o.tif").exists() and leftovers(tmp_path) == []


def test_hostile_files_have_no_default_cube_and_list_what_they_hold(tmp_path):
    # v5: scipy's variable list cannot tell a complex array from a real one, so the default is the complex cube,
    # refused once read, with the list; v7.3 files mark complex arrays in their type
    with pytest.raises(HyspecError, match=r"VARIABLE: 'z' in .*hostile\.mat is a complex array.*s \(1 x 1 struct\), "
                                          r"c \(2 x 1 cell\), obj \(1 x 1 object\), z \(7 x 5 x 4 complex double\)"):
        import_mat(hostile_v5(tmp_path), tmp_path / "o.tif")
    with pytest.raises(HyspecError, match=r"VARIABLE: .*hostile\.mat has no 3-D numeric array.*c \(1 x 2 cell\), "
                                          r"e \(0 x 3 double\), external \(7 x 5 x 4 double\).*fh \(function_handle\)"):
        import_mat(hostile_v73(tmp_path), tmp_path / "o.tif")
    assert not (tmp_path / "o.tif").exists()


def test_function_handles_are_refused(tmp_path):
    path = v5_function_handle(tmp_path / "fh.mat")
    with pytest.raises(HyspecError, match=r"VARIABLE: 'fh' in .*fh\.mat is a MATLAB function handle"):
        import_mat(path, tmp_path / "o.tif", variable="fh")
    real = os.path.join(SCIPY_DATA, "testfunc_7.4_GLNX86.mat")  # written by MATLAB, if scipy's tests are installed
    if os.path.exists(real):
        with pytest.raises(HyspecError, match=r"VARIABLE: 'testfunc' in .* is a MATLAB function handle"):
            import_mat(real, tmp_path / "o.tif", variable="testfunc")


def test_v5_variable_too_large_for_memory_is_refused(tmp_path):
    path = write_v5(tmp_path / "s.mat", {"cube": scene(ROWS, COLS, BANDS)})
    with pytest.raises(HyspecError, match=r"VARIABLE: cube \(7 x 5 x 4 uint16\) in .*s\.mat is 0\.0 MB\. MATLAB v5 "
                                          r"files cannot be read in parts.*only 0\.0 MB of memory is available.*"
                                          r"save\(file, 'cube', '-v7\.3'\)"):
        import_mat(path, tmp_path / "o.tif", memory_limit=100)
    import_mat(path, tmp_path / "o.tif", memory_limit=10_000)  # 280 bytes of data x 2 fits


def test_wrong_variable_lists_the_variables(tmp_path):
    path = write_v73(tmp_path / "s.mat", {"cube": scene(ROWS, COLS, BANDS), "names": ["a", "b"]})
    with pytest.raises(HyspecError, match=r"VARIABLE: .*s\.mat has no variable 'Cube'; its variables: "
                                          r"cube \(7 x 5 x 4 uint16\), names \(1 x 2 cell\)"):
        import_mat(path, tmp_path / "o.tif", variable="Cube")


def truncated(path, fraction=0.5):
    data = open(path, "rb").read()
    with open(path, "wb") as f:
        f.write(data[:int(len(data) * fraction)])
    return path


@pytest.mark.parametrize("make,match", [
    (lambda p: truncated(write_v5(p, {"cube": np.random.default_rng(0).random((30, 20, 10))})),
     r"INPUT: .*bad\.mat is damaged or truncated"),
    (lambda p: truncated(write_v5(p, {"cube": np.random.default_rng(0).random((30, 20, 10))}, compress=False)),
     r"INPUT: .*bad\.mat is damaged or truncated"),
    (lambda p: truncated(write_v73(p, {"cube": np.random.default_rng(0).random((30, 20, 10))})),
     r"INPUT: .*bad\.mat is damaged or truncated: the HDF5 structure cannot be read"),
    (lambda p: truncated(write_v5(p, {"cube": np.zeros((2, 2, 2))}), 0.05),
     r"INPUT: .*bad\.mat is damaged: it starts like a MATLAB \.mat file"),
    (lambda p: p.write_text("band,wavelength\n1,400\n") and str(p), r"INPUT: .*bad\.mat is not a MATLAB \.mat file"),
    (lambda p: p.write_bytes(b"") or str(p), r"INPUT: .*bad\.mat is not a MATLAB \.mat file"),
    (lambda p: write_v73(p, {"cube": np.zeros((2, 2, 2))}, header=False) and _strip_classes(p),
     r"INPUT: .*bad\.mat is an HDF5 file but not a MATLAB v7\.3 file .* hyspec:importneon"),
    (lambda p: str(p.parent / "missing.mat"), r"INPUT: .*missing\.mat: no such file"),
])
def test_damaged_and_foreign_files_are_refused_clearly(tmp_path, make, match):
    path = make(tmp_path / "bad.mat")
    with pytest.raises(HyspecError, match=match):
        import_mat(path, tmp_path / "o.tif")
    assert not (tmp_path / "o.tif").exists() and leftovers(tmp_path) == []


def _strip_classes(path):
    with h5py.File(path, "a") as f:
        for name in f:
            del f[name].attrs["MATLAB_class"]
    return str(path)


def test_an_hdf5_file_with_matlab_classes_but_no_header_is_read(tmp_path):
    cube = scene(ROWS, COLS, BANDS)
    path = write_v73(tmp_path / "s.mat", {"cube": cube}, header=False)  # e.g. written by hdf5storage without one
    import_mat(path, tmp_path / "o.tif")
    np.testing.assert_array_equal(read_cube(tmp_path / "o.tif")[0], expected(cube))
