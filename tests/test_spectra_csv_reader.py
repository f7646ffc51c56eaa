"""Spectra CSV reader (core, no QGIS): CSVs as Excel and other tools save them, and clear errors for broken ones."""
import numpy as np
import pytest

from hyspec_qgis.core import Spectra, SpectraError, read_spectra_csv, write_spectra_csv

WL = [450.5, 550.25, 650.125]
VEG = [0.05, 0.08, 0.04]
SOIL = [0.12, 0.15, 0.18]


def _write(path, data: bytes):
    path.write_bytes(data)
    return str(path)


def test_excel_french_cp1252_semicolons_and_decimal_commas(tmp_path):
    """Excel on Windows in a French locale: Windows-1252 text, ';' separators, decimal commas."""
    text = "band;wavelength_nm;végétation;sol\r\n" + "".join(
        f"{i + 1};{str(w).replace('.', ',')};{str(v).replace('.', ',')};{str(s).replace('.', ',')}\r\n"
        for i, (w, v, s) in enumerate(zip(WL, VEG, SOIL)))
    spectra = read_spectra_csv(_write(tmp_path / "fr.csv", text.encode("cp1252")))
    assert spectra.names == ["végétation", "sol"]
    np.testing.assert_array_equal(spectra.wavelengths, WL)
    np.testing.assert_array_equal(spectra.values, np.column_stack([VEG, SOIL]))
    assert spectra.bands.tolist() == [1, 2, 3]


@pytest.mark.parametrize("encoding,sep", [("utf-8-sig", ","), ("utf-16", "\t"), ("utf-8", ",")])
def test_utf8_bom_and_utf16_tab_separated(tmp_path, encoding, sep):
    """UTF-8 with a BOM (Excel's "CSV UTF-8") and UTF-16 with tabs (Excel's "Unicode text")."""
    rows = [["band", "wavelength_nm", "végétation", "roof"]] + [
        [str(i + 1), repr(w), repr(v), repr(s)] for i, (w, v, s) in enumerate(zip(WL, VEG, SOIL))]
    text = "\r\n".join(sep.join(r) for r in rows) + "\r\n"
    spectra = read_spectra_csv(_write(tmp_path / "u.csv", text.encode(encoding)))
    assert spectra.names == ["végétation", "roof"]
    np.testing.assert_array_equal(spectra.values[:, 1], SOIL)


def test_comments_blank_lines_trailing_empty_columns_and_quoted_names(tmp_path):
    text = ('# exported by another tool\n\nband,wavelength_nm,"dry, grass",water,,\n'
            "1,450.5,0.2,0.01,,\n2,550.25,0.3,0.02,,\n\n3,650.125,0.4,0.03,,\n")
    spectra = read_spectra_csv(_write(tmp_path / "c.csv", text.encode()))
    assert spectra.names == ["dry, grass", "water"] and spectra.n_bands == 3
    np.testing.assert_array_equal(spectra.values[:, 0], [0.2, 0.3, 0.4])


@pytest.mark.parametrize("header", ["wavelength_nm", "wavelength_um", "Wavelength (µm)"])
def test_micrometres_are_converted_to_nanometres_and_noted(tmp_path, header):
    text = f"band,{header},a\n1,0.4505,0.1\n2,0.55025,0.2\n3,0.650125,0.3\n"
    notes = []
    spectra = read_spectra_csv(_write(tmp_path / "um.csv", text.encode("utf-8")), notes=notes)
    np.testing.assert_allclose(spectra.wavelengths, WL, rtol=1e-12)
    assert len(notes) == 1 and "micrometres" in notes[0] and "um.csv" in notes[0]
    nm = read_spectra_csv(_write(tmp_path / "nm.csv", b"band,wavelength_nm,a\n1,450.5,0.1\n"), notes=notes)
    assert nm.wavelengths.tolist() == [450.5] and len(notes) == 1  # nanometres stay as they are, without a note


def test_round_trip_of_our_own_csv_is_exact(tmp_path):
    values = np.random.default_rng(0).random((3, 2))
    path = str(tmp_path / "own.csv")
    write_spectra_csv(path, Spectra(["a", "b"], values, np.array(WL), np.array([4, 5, 6])))
    back = read_spectra_csv(path)
    np.testing.assert_array_equal(back.values, values)
    np.testing.assert_array_equal(back.wavelengths, WL)
    assert back.bands.tolist() == [4, 5, 6]


BROKEN = {
    "empty": (b"", "empty spectra CSV"),
    "blank": (b"\n\n  \n", "empty spectra CSV"),
    "header_only": (b"band,wavelength_nm,a,b\n", "a header but no band rows"),
    "inf_band": (b"band,wavelength_nm,a\ninf,450,0.1\n", "band 'inf' is not a whole number"),
    "nan_band": (b"band,wavelength_nm,a\nnan,450,0.1\n", "band 'nan' is not a whole number"),
    "fraction_band": (b"band,wavelength_nm,a\n1.5,450,0.1\n", "band '1.5' is not a whole number"),
    "inf_wavelength": (b"band,wavelength_nm,a\n1,inf,0.1\n", "wavelength 'inf' is not a positive finite number"),
    "nan_wavelength": (b"band,wavelength_nm,a\n1,NaN,0.1\n", "wavelength 'NaN' is not a positive finite number"),
    "negative_wavelength": (b"band,wavelength_nm,a\n1,-450,0.1\n", "is not a positive finite number"),
    "inf_value": (b"band,wavelength_nm,a,b\n1,450,0.1,-inf\n", "non-finite values in spectrum b"),
    "text_value": (b"band,wavelength_nm,a\n1,450,abc\n", "line 2: value 'abc' is not numeric"),
    "unbalanced_quote": (b'band,wavelength_nm,a\n1,450,"0.1\n2,460,0.2\n', "line .* cannot be parsed"),
    "huge_cell": (b"band,wavelength_nm,a\n1,450," + b"9" * 200_000 + b"\n", "cannot be parsed.*huge cell"),
    "nul": (b"band,wavelength_nm,a\n1,450,0.1\x00\n", "NUL characters"),
    "short_row": (b"band,wavelength_nm,a,b\n1,450,0.1\n", "line 2 has 3 fields, the header 4"),
    "decimal_comma_with_commas": (b"band,wavelength_nm,a\n1,450,0,1\n", "decimal commas need ';'"),
    "mixed_wavelengths": (b"band,wavelength_nm,a\n1,450,0.1\n2,,0.2\n", "some rows have a wavelength"),
    "duplicate_names": (b"band,wavelength_nm,a,a\n1,450,0.1,0.2\n", "names must be non-empty and unique"),
    "bad_header": (b"wavelength,a\n450,0.1\n", "malformed header"),
    "binary": (bytes(range(128, 256)) * 4, "not text in UTF-8, UTF-16 or Windows-1252"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_csvs_name_the_parameter_the_file_and_the_problem(tmp_path, name):
    data, problem = BROKEN[name]
    path = _write(tmp_path / f"{name}.csv", data)
    with pytest.raises(SpectraError, match=problem) as info:
        read_spectra_csv(path, parameter="START_CENTERS")
    assert str(info.value).startswith(f"START_CENTERS: {path}: ")


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(SpectraError, match="ENDMEMBERS: .*nope.csv: no such file"):
        read_spectra_csv(str(tmp_path / "nope.csv"))
    with pytest.raises(SpectraError, match="is a folder"):
        read_spectra_csv(str(tmp_path))
