"""Model files: one zip holding ``model.json`` (what the model is) and one ``.npy`` array per weight. No pickle.

Loading reads JSON and plain numeric arrays (``numpy.lib.format.read_array(..., allow_pickle=False)``), so opening a
model runs no code from the file, unlike pickle, joblib or ``torch.load`` of a full module. The container is an
ordinary ``.npz`` (``numpy.load(path)`` lists the arrays; ``unzip -p model.npz model.json`` shows the description).

``model.json`` holds: ``format``/``version``, ``kind`` (autoencoder, classifier), ``method``, the network ``spec``
(architecture, layer sizes), the input ``bands`` (count, wavelengths, FWHM, names), ``preprocessing``, ``classes``
(value, name, colour) for classifiers, ``training`` parameters and results, and the list of ``arrays`` with their
shapes and types, checked on load.
"""
from __future__ import annotations

import io
import json
import os
import zipfile
from dataclasses import dataclass, field

import numpy as np

from ..errors import HyspecError
from ..io.outputs import atomic_write

FORMAT = "hyspec-model"
VERSION = 1
JSON_NAME = "model.json"
_DTYPES = {"float32", "float64", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "bool"}
MAX_JSON_BYTES = 64 * 1024 * 1024
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can hold


class ModelFileError(HyspecError):
    """A model file that cannot be read, or does not fit the raster it is applied to."""


@dataclass
class ModelFile:
    """A model as stored: the JSON description and its arrays (name -> numpy array)."""

    meta: dict
    arrays: dict = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return self.meta["kind"]

    @property
    def method(self) -> str:
        return self.meta["method"]


def write_model(path, model: ModelFile) -> None:
    """Write ``model`` to ``path`` (atomically: a temporary file moved into place when complete)."""
    meta = dict(model.meta, format=FORMAT, version=VERSION)
    meta["arrays"] = {name: {"shape": list(a.shape), "dtype": str(a.dtype)} for name, a in model.arrays.items()}
    for name, a in model.arrays.items():
        if str(a.dtype) not in _DTYPES:
            raise ValueError(f"array {name}: dtype {a.dtype} cannot be stored without pickle")
    with atomic_write(os.fspath(path), "wb") as handle:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(_member(JSON_NAME), json.dumps(meta, indent=1, allow_nan=False))
            for name, a in model.arrays.items():
                buffer = io.BytesIO()
                np.lib.format.write_array(buffer, np.ascontiguousarray(a), allow_pickle=False)
                zf.writestr(_member(name + ".npy"), buffer.getvalue())


def _member(name: str) -> zipfile.ZipInfo:
    """A zip entry with a fixed date (zipfile stamps the current time otherwise): the same training writes the same
    bytes, so a model can be compared or checksummed."""
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16  # rw-------, what zipfile gives an entry written by name
    return info


def read_model(path, parameter: str = "MODEL", kind: str | None = None) -> ModelFile:
    """Read a model file; ``kind`` (autoencoder, classifier) if the caller needs one. Raises ModelFileError."""
    path = os.fspath(path)
    where = f"{parameter}: {path}"
    if not os.path.isfile(path):
        raise ModelFileError("{where}: no such file", where=where)
    if not zipfile.is_zipfile(path):
        raise ModelFileError("{where}: not a hyspec model file (expected a zip/.npz written by "
                             "hyspec:trainautoencoder or hyspec:trainclassifier)", where=where)
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if JSON_NAME not in names:
                raise ModelFileError("{where}: not a hyspec model file (no {json_name} inside)", where=where, json_name=JSON_NAME)
            if zf.getinfo(JSON_NAME).file_size > MAX_JSON_BYTES:
                raise ModelFileError("{where}: {json_name} is implausibly large", where=where, json_name=JSON_NAME)
            try:
                meta = json.loads(zf.read(JSON_NAME).decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise ModelFileError("{where}: {json_name} is not valid JSON ({exc})", where=where, json_name=JSON_NAME,
                                     exc=exc) from None
            _check_meta(meta, where, kind)
            arrays = {}
            for name, info in meta["arrays"].items():
                member = name + ".npy"
                if member not in names:
                    raise ModelFileError("{where}: array {name} is listed but missing", where=where, name=name)
                with zf.open(member) as f:
                    try:
                        a = np.lib.format.read_array(f, allow_pickle=False)
                    except ValueError as exc:
                        raise ModelFileError("{where}: array {name} cannot be read without pickle ({exc})", where=where,
                                             name=name, exc=exc) from None
                if list(a.shape) != list(info.get("shape", [])) or str(a.dtype) != info.get("dtype"):
                    raise ModelFileError("{where}: array {name} is {dtype} {shape}, the description says "
                                         "{described_dtype} {described_shape}", where=where, name=name, dtype=a.dtype,
                                         shape=list(a.shape), described_dtype=info.get("dtype"),
                                         described_shape=info.get("shape"))
                arrays[name] = a
    except zipfile.BadZipFile as exc:
        raise ModelFileError("{where}: damaged model file ({exc})", where=where, exc=exc) from None
    return ModelFile(meta, arrays)


def _check_meta(meta, where, kind):
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        found = meta.get("format") if isinstance(meta, dict) else None
        raise ModelFileError("{where}: not a hyspec model file (format {found!r})", where=where, found=found)
    if meta.get("version") != VERSION:
        raise ModelFileError("{where}: model format version {version} is not supported (this plugin "
                             "reads version {supported}); retrain the model with this version", where=where,
                             version=meta.get("version"), supported=VERSION)
    for key in ("kind", "method", "bands", "preprocessing", "arrays"):
        if key not in meta:
            raise ModelFileError("{where}: the model description lacks '{key}'", where=where, key=key)
    if kind is not None and meta["kind"] != kind:
        made_by = {"autoencoder": "hyspec:trainautoencoder", "classifier": "hyspec:trainclassifier"}
        if kind[0] in "aeiou":
            raise ModelFileError("{where}: this is a {found} model, not an {kind} model (that is made by {made_by})",
                                 where=where, found=meta["kind"], kind=kind, made_by=made_by.get(kind, kind))
        raise ModelFileError("{where}: this is a {found} model, not a {kind} model (that is made by {made_by})",
                             where=where, found=meta["kind"], kind=kind, made_by=made_by.get(kind, kind))
    if not isinstance(meta["arrays"], dict):
        raise ModelFileError("{where}: the model description's 'arrays' is not a table", where=where)


def bands_description(raster, band_idx=None) -> dict:
    """What a model remembers of its input's bands."""
    wl = raster.wavelengths
    fwhm = raster.fwhm
    return {"count": int(raster.count),
            "wavelengths": None if wl is None else [float(v) for v in wl],
            "fwhm": None if fwhm is None else [float(v) for v in fwhm],
            "names": list(raster.band_names)}


def check_bands(meta: dict, raster, model_path: str, parameter: str = "INPUT") -> None:
    """Refuse a raster whose bands do not match those the model was trained on (count, then wavelengths)."""
    bands = meta["bands"]
    where = f"{parameter}: {raster.path}"
    if raster.count != bands["count"]:
        raise ModelFileError("{where} has {count} bands, but the model {model_path} was trained on "
                             "{bands} bands: apply it to a raster prepared the same way (same band "
                             "cleaning)", where=where, count=raster.count, model_path=model_path, bands=bands["count"])
    trained = bands.get("wavelengths")
    if trained is None:
        return
    if raster.wavelengths is None:
        raise ModelFileError("{where} has no wavelength metadata, but the model {model_path} was trained on "
                             "wavelengths {first_trained:g}-{last_trained:g} nm: its bands cannot be checked", where=where,
                             model_path=model_path, first_trained=trained[0], last_trained=trained[-1])
    trained = np.asarray(trained, dtype=np.float64)
    have = np.asarray(raster.wavelengths, dtype=np.float64)
    spacing = np.median(np.abs(np.diff(trained))) if trained.size > 1 else 1.0
    tolerance = 0.5 * spacing if spacing > 0 else 0.5
    off = np.flatnonzero(np.abs(have - trained) > tolerance)
    if off.size:
        i = int(off[0])
        raise ModelFileError("{where}: band {band} is at {have:.6g} nm, but the model {model_path} was trained "
                             "with band {band} at {trained:.6g} nm ({n_off} of {n_trained} bands differ by "
                             "more than {tolerance:.3g} nm)", where=where, band=i + 1, have=have[i], model_path=model_path,
                             trained=trained[i], n_off=off.size, n_trained=trained.size, tolerance=tolerance)
