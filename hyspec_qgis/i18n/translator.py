"""Loads hyspec_<locale>.qm from this folder for QGIS's user locale; tr() translates in the one context 'hyspec'."""
import os

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

from ..core.messages import localize

CONTEXT = "hyspec"
_translators = []


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def translate_message(message) -> str:
    """A core error or log line in the user's language: ``tr(template).format(**fields)`` (see core/messages.py),
    the English text when the translation does not fit the fields; plain text goes through ``tr`` whole."""
    return localize(message, tr)


def current_locale() -> str:
    locale = QgsSettings().value("locale/userLocale", "") or QgsApplication.locale() or ""
    return str(locale)[:2]


def install_translator(locale: str | None = None):
    """Install the translation for ``locale`` (default: QGIS's); returns the translator or None."""
    locale = (locale or current_locale())[:2]
    path = os.path.join(os.path.dirname(__file__), f"hyspec_{locale}.qm")
    if not locale or not os.path.exists(path):
        return None
    translator = QTranslator()
    if not translator.load(path):
        return None
    QCoreApplication.installTranslator(translator)
    _translators.append(translator)  # keep a reference, or Qt drops it
    return translator


def remove_translators():
    while _translators:
        QCoreApplication.removeTranslator(_translators.pop())
