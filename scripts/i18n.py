"""make i18n: refresh hyspec_qgis/i18n/hyspec_<lang>.ts from the code, keep existing translations, compile .qm.

Strings are collected from ``tr("...")`` calls with a literal argument and from the algorithm classes' ``DISPLAY``,
``GROUP``, ``INTRO`` and ``REFERENCE`` attributes (translated at run time with ``tr(self.DISPLAY)``). Everything is in
the single context "hyspec" (see hyspec_qgis/i18n/translator.py). pylupdate5 is not used because it derives the
context from the enclosing class, which differs from the context used at run time.

Usage: scripts/i18n.py [--check]   (--check: exit 1 if a .ts file lacks a string or has an unfinished one)
"""
import ast
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = os.path.join(ROOT, "hyspec_qgis")
I18N = os.path.join(PACKAGE, "i18n")
LANGUAGES = ["fr"]
CONTEXT = "hyspec"
CLASS_ATTRIBUTES = {"DISPLAY", "GROUP", "INTRO", "REFERENCE"}


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
