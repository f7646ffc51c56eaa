"""The site model on disk (``site_model.json`` + ``site_model.npz``: JSON and plain arrays, never pickle) and the
run report (``report.md`` for people, ``report.json`` for scripts).

A model is reused by a later run when its key matches: the chain and its parameters, SAMPLE_SIZE, SEED and the
names of the input tiles. Its id is a digest of the key and of every array, and each tile's ``tile.json`` records the
id it was made with, so a tile is redone whenever the model it was made with is not the current one.
"""
from __future__ import annotations

import hashlib
import io
import json
import os

import numpy as np

from ..io.outputs import atomic_write
from . import chains

MODEL_JSON = "site_model.json"
MODEL_NPZ = "site_model.npz"


def model_id(key: dict, arrays: dict) -> str:
    h = hashlib.sha256(json.dumps(key, sort_keys=True).encode())
    for name in sorted(arrays):
        a = np.ascontiguousarray(arrays[name])
        h.update(name.encode())
        h.update(str(a.dtype).encode() + str(a.shape).encode())
        h.update(a.tobytes())
    return h.hexdigest()[:16]


def save_model(folder: str, model, key: dict, info: dict) -> tuple[str, str]:
    """Write the model (npz first, then the JSON that names it); returns (model id, JSON path)."""
    meta, arrays = chains.model_to_arrays(model)
    mid = model_id(key, arrays)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    with atomic_write(os.path.join(folder, MODEL_NPZ), mode="wb") as f:
        f.write(buffer.getvalue())
    doc = {"model_id": mid, "key": key, "model": meta, "arrays": MODEL_NPZ, **info}
    path = os.path.join(folder, MODEL_JSON)
    with atomic_write(path, encoding="utf-8") as f:
        json.dump(doc, f, indent=1, default=_plain)
    return mid, path


def load_model(folder: str, key: dict):
    """(model, model id, the JSON document) when the folder holds a complete model with this key, else None."""
    path = os.path.join(folder, MODEL_JSON)
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        if doc.get("key") != json.loads(json.dumps(key, default=_plain)):
            return None
        with np.load(os.path.join(folder, doc["arrays"]), allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
    except (OSError, ValueError, KeyError):
        return None
    if model_id(key, arrays) != doc.get("model_id"):
        return None  # the two files are from different runs
    return chains.model_from_arrays(doc["model"], arrays), doc["model_id"], doc


def _plain(value):
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def class_shares(tiles: list[dict], products) -> dict:
    """Site-wide pixels and share per class of each class product, mean value per band of each value product."""
    out = {}
    for p in products:
        if p.kind == "classes":
            counts = np.zeros(len(p.class_names) + 1, np.int64)
            for t in tiles:
                counts += np.asarray(t["counts"].get(p.name, np.zeros_like(counts)), np.int64)
            total = int(counts.sum())
            names = ["unclassified"] + list(p.class_names)
            out[p.name] = [{"class": i, "name": n, "pixels": int(c), "share": (c / total if total else 0.0)}
                           for i, (n, c) in enumerate(zip(names, counts)) if i > 0 or c > 0]
        else:
            sums = np.zeros(len(p.band_names))
            for t in tiles:
                sums += np.asarray(t["sums"].get(p.name, np.zeros_like(sums)))
            n = sum(t["n_valid"] for t in tiles)
            out[p.name] = [{"band": b, "mean": (s / n if n else None)} for b, s in zip(p.band_names, sums)]
    return out


def write_report(folder: str, doc: dict) -> tuple[str, str]:
    """report.json (``doc`` as is) and report.md (the same for people)."""
    json_path = os.path.join(folder, "report.json")
    with atomic_write(json_path, encoding="utf-8") as f:
        json.dump(doc, f, indent=1, default=_plain)
    lines = [f"# hyspec site run: {doc['chain']} chain", "",
             f"- tiles: {len(doc['tiles'])} ({doc['n_done']} done, {doc['n_skipped']} already complete, "
             f"{doc['n_failed']} failed)",
             f"- model: `{doc.get('model_id')}` ({'reused' if doc.get('model_reused') else 'fitted'}); "
             f"parameters {json.dumps(doc['parameters'])}",
             f"- sample: {doc.get('sample_pixels', 0)} pixels (SAMPLE_SIZE {doc['sample_size']}, SEED {doc['seed']})",
             f"- ran on {doc['executor']}; {doc['seconds']:.1f} s in all"]
    for phase, seconds in doc.get("phases", {}).items():
        lines.append(f"  - {phase}: {seconds:.1f} s")
    lines += ["", "## Tiles", "", "| tile | status | valid pixels | pixels | sample pixels | seconds | reason |",
              "|---|---|---|---|---|---|---|"]
    for t in doc["tiles"]:
        lines.append(f"| {t['name']} | {t['status']} | {t.get('n_valid', '')} | {t.get('n_total', '')} | "
                     f"{t.get('sample_pixels', '')} | {t.get('seconds', '')} | {t.get('reason', '')} |")
    for product, rows in doc.get("classes", {}).items():
        lines += ["", f"## {product}: site-wide", ""]
        if rows and "share" in rows[0]:
            lines += ["| class | name | pixels | share |", "|---|---|---|---|"]
            lines += [f"| {r['class']} | {r['name']} | {r['pixels']} | {100 * r['share']:.2f} % |" for r in rows]
        else:
            lines += ["| band | mean over valid pixels |", "|---|---|"]
            lines += [f"| {r['band']} | {'' if r['mean'] is None else format(r['mean'], '.6g')} |" for r in rows]
    md_path = os.path.join(folder, "report.md")
    with atomic_write(md_path, encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return md_path, json_path
