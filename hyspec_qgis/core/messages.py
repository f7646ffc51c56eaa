"""Translatable messages without Qt: an English ``str.format`` template with named fields, and the values.

The core writes every error and log line as a template and its values, e.g.
``raise NeonFormatError("{file}: not an HDF5 file", file=path)`` or ``progress.log("k-means: {n} pixels", n=n)``.
Plain Python sees the English text (``str(...)``); the QGIS layer translates the template and fills in the same
values (:func:`localize`, with Qt's ``tr`` as ``translate``). ``scripts/i18n.py`` collects the literal templates, so a
template must be a literal string at the call: pass what varies as fields, never an f-string.
"""
from __future__ import annotations


def render(template: str, fields: dict) -> str:
    """``template.format(**fields)``; a template without fields is the text itself (its braces are literal)."""
    if not fields:
        return template
    try:
        return template.format(**fields)
    except (KeyError, IndexError, ValueError, AttributeError, TypeError):
        # a template that does not match its fields is a bug (tests/test_messages_i18n.py checks every call),
        # but it must not hide the error being reported
        return template + " [" + ", ".join(f"{k}={v!r}" for k, v in fields.items()) + "]"


class Message(str):
    """A log line that stays translatable: the English text, plus ``template`` and ``fields``.

    Being a ``str``, it goes wherever a message went before (``in``, ``==``, ``print``); joining or concatenating
    it gives a plain ``str`` (English only)."""

    template: str
    fields: dict

    def __new__(cls, template: str, /, **fields):
        self = super().__new__(cls, render(template, fields))
        self.template = template
        self.fields = fields
        return self

    def __reduce__(self):  # pickles as template and fields (site runs send log lines between processes)
        return _rebuild, (type(self), self.template, self.fields)


def _rebuild(cls, template, fields):
    return cls(template, **fields)


def join(separator: str, items) -> Message:
    """``separator.join(items)`` that stays translatable: each item that is a Message is translated on its own (the
    joining template itself holds no words)."""
    items = list(items)
    escaped = separator.replace("{", "{{").replace("}", "}}")
    return Message(escaped.join(f"{{m{i}}}" for i in range(len(items))), **{f"m{i}": m for i, m in enumerate(items)})


def parts(message) -> tuple[str, dict] | None:
    """``(template, fields)`` of a Message or a HyspecError (anything with both attributes), else None."""
    template = getattr(message, "template", None)
    fields = getattr(message, "fields", None)
    if isinstance(template, str) and isinstance(fields, dict):
        return template, fields
    return None


def localize(message, translate) -> str:
    """The text of ``message`` in the user's language: ``translate(template).format(**fields)``.

    Fields that are themselves messages or errors are localized too. A plain string is passed through
    ``translate`` as a whole (a literal without fields is its own template). When the translation does not fit the
    fields (a broken translation), the English text is returned."""
    split = parts(message)
    if split is None:
        return translate(message) if isinstance(message, str) and message else str(message)
    template, fields = split
    fields = {k: localize(v, translate) if parts(v) is not None else v for k, v in fields.items()}
    text = translate(template)
    if not fields:
        return text
    try:
        return text.format(**fields)
    except (KeyError, IndexError, ValueError, AttributeError, TypeError):
        return str(message)
