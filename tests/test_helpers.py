"""The shared test helpers do what the tests rely on: ``partials`` finds the temporary names the writers really use
(so a leftover check can fail), and ``make_raster`` writes what the reader must see."""
import os

import numpy as np

from hyspec_qgis.core import SpectralRaster
from hyspec_qgis.core.io.outputs import partial_path
from hyspec_qgis.core.io.raster_writer import RasterWriter
from tests.leftovers import partials


def test_partials_finds_every_temporary_name_and_nothing_else(tmp_path):
    names = []
    for final in ("class.tif", "centres.csv", "plot.html", "tile.tiff"):
        tmp = partial_path(str(tmp_path / final))
        for path in (tmp, tmp + ".aux.xml"):
            open(path, "w").close()
            names.append(os.path.basename(path))
    for finished in ("class.tif", "class.tif.aux.xml", "class.qml", "partial.tif", ".hidden.tif"):
        open(tmp_path / finished, "w").close()
    assert partials(tmp_path) == sorted(names)


def test_partials_sees_a_raster_writer_that_is_still_open(tmp_path):
    writer = RasterWriter(str(tmp_path / "out.tif"), width=2, height=2, bands=1, geotransform=(0, 1, 0, 2, 0, -1),
                          crs_wkt="")
    assert len(partials(tmp_path)) == 1 and partials(tmp_path)[0].startswith(".out.")
    with writer:
        writer.write(np.zeros((2, 2, 1), np.float32), 0)
    assert partials(tmp_path) == [] and (tmp_path / "out.tif").exists()


def test_make_raster_writes_values_wavelengths_nodata_and_georeference(make_raster, tmp_path):
    data = np.arange(4 * 5 * 3, dtype=np.float32).reshape(4, 5, 3)
    data[1, 2] = -9999.0
    wl = [450.125, 550.0, 2056.175]
    path = make_raster(tmp_path / "r.tif", data, wl, fwhm=[5.0, 5.5, 6.25], nodata=-9999, crs=32618,
                       geotransform=(500000, 2, 0, 4000010, 0, -2), band_names=["a", "b", "c"])
    assert path == str(tmp_path / "r.tif")
    r = SpectralRaster(path)
    assert (r.height, r.width, r.count) == (4, 5, 3) and r.band_names == ["a", "b", "c"]
    assert r.wavelengths.tolist() == wl and r.fwhm.tolist() == [5.0, 5.5, 6.25]
    assert tuple(r.geotransform) == (500000, 2, 0, 4000010, 0, -2) and "32618" in r.crs_wkt
    block = r.read_block(0, 4, 0, 5, [0, 1, 2])
    assert block.valid.reshape(4, 5).sum() == 19 and not block.valid.reshape(4, 5)[1, 2]
    np.testing.assert_array_equal(block.data[block.valid], data.reshape(-1, 3)[block.valid])
    # Defaults: one band from a 2-D array, 1 m north-up pixels with the corner at (0, rows), no wavelengths.
    one = SpectralRaster(make_raster(tmp_path / "one.tif", np.ones((3, 2), np.uint8)))
    assert one.count == 1 and tuple(one.geotransform) == (0, 1, 0, 3, 0, -1) and one.wavelengths is None
