"""make i18n: refresh hyspec_qgis/i18n/hyspec_<lang>.ts from the code, keep existing translations, compile .qm.

Strings are collected from:

* ``tr("...")`` calls with a literal argument, and the algorithm classes' ``DISPLAY``, ``GROUP``, ``INTRO`` and
  ``REFERENCE`` attributes (translated at run time with ``tr(self.DISPLAY)``);
* the core's message templates (hyspec_qgis/core, no Qt there; see core/messages.py): the first argument, when it
  is a literal string, of a call to ``HyspecError`` or any class of the core derived from it (found by name in the
  class definitions), to ``Message(...)``, and to ``log(...)`` / ``<anything>.log(...)`` (the progress log). QGIS shows
  them as ``tr(template).format(**fields)``, so a translation keeps the ``{field}`` names (it may drop some);
* the tutorial models (hyspec_qgis/models/*.model3): their group, help, parameter labels and help, and step
  descriptions (hyspec_qgis/provider.py translates them when it loads a model).

Everything is in the single context "hyspec" (see hyspec_qgis/i18n/translator.py). pylupdate5 is not used because
it derives the context from the enclosing class, which differs from the context used at run time.

Usage: scripts/i18n.py [--check]   (--check: exit 1 if a .ts file lacks a string or has an unfinished one)
"""
import ast
import os
import string
import subprocess
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = os.path.join(ROOT, "hyspec_qgis")
I18N = os.path.join(PACKAGE, "i18n")
LANGUAGES = ["fr"]
CONTEXT = "hyspec"
CLASS_ATTRIBUTES = {"DISPLAY", "GROUP", "INTRO", "REFERENCE"}
CORE = os.path.join(PACKAGE, "core")
MODELS = os.path.join(PACKAGE, "models")
MODEL_HELP_NAMES = {"ALG_CREATOR", "ALG_HELP_CREATOR", "ALG_VERSION"}  # names, not words


def _literal(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def extract_strings():
    """Source strings in first-seen order, with the file:line of the first occurrence."""
    found = {}
    for folder, _, files in os.walk(PACKAGE):
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            path = os.path.join(folder, name)
            tree = ast.parse(open(path, encoding="utf-8").read(), path)
            rel = os.path.relpath(path, ROOT)
            for node in ast.walk(tree):
                text = None
                if isinstance(node, ast.Call) and node.args:
                    fn = node.func
                    fname = fn.attr if isinstance(fn, ast.Attribute) else getattr(fn, "id", None)
                    if fname == "tr":
                        text = _literal(node.args[0])
                elif isinstance(node, ast.ClassDef):
                    for stmt in node.body:
                        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
                            target = stmt.targets[0]
                            if isinstance(target, ast.Name) and target.id in CLASS_ATTRIBUTES:
                                value = _literal(stmt.value)
                                if value:
                                    found.setdefault(value, f"{rel}:{stmt.lineno}")
                if text:
                    found.setdefault(text, f"{rel}:{node.lineno}")
    for template, _, where in core_messages():
        found.setdefault(template, where)
    for text, where in model_strings():
        found.setdefault(text, where)
    return found


def _python_files(folder):
    for path_folder, _, files in sorted(os.walk(folder)):
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(path_folder, name)
                yield os.path.relpath(path, ROOT), ast.parse(open(path, encoding="utf-8").read(), path)


def _callee(call):
    fn = call.func
    return fn.attr if isinstance(fn, ast.Attribute) else getattr(fn, "id", None)


def error_classes(trees) -> set:
    """HyspecError and the classes of the core derived from it (through any chain of names)."""
    bases = {}
    for _, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", None) for b in node.bases}
    known, grown = {"HyspecError"}, True
    while grown:
        new = {name for name, parents in bases.items() if parents & known} - known
        known |= new
        grown = bool(new)
    return known


NUMERIC_MODULES = {"np", "numpy", "torch", "math"}  # their log() is a logarithm


def message_calls(trees):
    """``(file, call)`` for every core call that takes a message first: an error class, Message, or the log."""
    callees = error_classes(trees) | {"Message", "log"}
    for rel, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args and _callee(node) in callees:
                owner = getattr(node.func, "value", None)
                if not (isinstance(owner, ast.Name) and owner.id in NUMERIC_MODULES):
                    yield rel, node


def core_messages():
    """``(template, keywords, "file:line")`` for every core call that takes a literal message template; keywords is
    the set of keyword names given (None when the call passes ``**mapping``)."""
    found = []
    for rel, node in message_calls(list(_python_files(CORE))):
        template = _literal(node.args[0])
        if template:
            names = {k.arg for k in node.keywords}
            found.append((template, None if None in names else names, f"{rel}:{node.lineno}"))
    return found


def template_fields(template: str) -> set | None:
    """The ``{field}`` names of a str.format template (None if it does not parse)."""
    try:
        return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}
    except ValueError:
        return None


def model_strings():
    """``(text, "file:1")`` for the user-visible texts of the tutorial models (.model3 files, QGIS's XML)."""
    found = []
    for name in sorted(os.listdir(MODELS)) if os.path.isdir(MODELS) else []:
        if not name.endswith(".model3"):
            continue
        rel = os.path.relpath(os.path.join(MODELS, name), ROOT)
        root = ET.parse(os.path.join(MODELS, name)).getroot()
        by_name = {o.get("name"): o for o in root if o.get("name")}
        texts = [by_name["model_group"].get("value")] if "model_group" in by_name else []
        texts += [e.get("value") for e in by_name.get("help", []) if e.get("name") not in MODEL_HELP_NAMES]
        texts += [o.get("value") for p in by_name.get("parameterDefinitions", []) for o in p
                  if o.get("name") in ("description", "help")]
        texts += [o.get("value") for c in by_name.get("children", []) for o in c
                  if o.get("name") == "component_description"]
        found += [(t, f"{rel}:1") for t in texts if t and t.strip()]
    return found


def read_ts(path):
    if not os.path.exists(path):
        return {}
    out = {}
    for msg in ET.parse(path).getroot().iter("message"):
        source = msg.findtext("source")
        tr = msg.find("translation")
        if source is not None and tr is not None and tr.text and tr.get("type") not in ("unfinished", "obsolete"):
            out[source] = tr.text
    return out


def write_ts(path, lang, strings, translations):
    root = ET.Element("TS", version="2.1", language=lang)
    ctx = ET.SubElement(root, "context")
    ET.SubElement(ctx, "name").text = CONTEXT
    for source, where in strings.items():
        msg = ET.SubElement(ctx, "message")
        file, line = where.rsplit(":", 1)
        ET.SubElement(msg, "location", filename=file, line=line)
        ET.SubElement(msg, "source").text = source
        tr = ET.SubElement(msg, "translation")
        if source in translations:
            tr.text = translations[source]
        else:
            tr.set("type", "unfinished")
    ET.indent(root)
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        f.write(ET.tostring(root, encoding="unicode"))
        f.write("\n")


def main(check=False):
    strings = extract_strings()
    status = 0
    for lang in LANGUAGES:
        ts = os.path.join(I18N, f"hyspec_{lang}.ts")
        translations = read_ts(ts)
        missing = [s for s in strings if s not in translations]
        if check:
            if missing:
                print(f"{ts}: {len(missing)} of {len(strings)} strings untranslated, e.g. {missing[0][:80]!r}")
                status = 1
            continue
        write_ts(ts, lang, strings, translations)
        qm = os.path.join(I18N, f"hyspec_{lang}.qm")
        subprocess.run(["lrelease", "-silent", ts, "-qm", qm], check=True)
        print(f"{os.path.relpath(ts, ROOT)}: {len(strings) - len(missing)}/{len(strings)} translated -> "
              f"{os.path.relpath(qm, ROOT)}")
    return status


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv))
