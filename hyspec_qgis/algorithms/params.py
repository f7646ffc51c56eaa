"""Parameter helpers shared by the algorithms (enums read by their words or numbers, comma lists)."""
from qgis.core import QgsProcessingException, QgsProcessingParameterDefinition, QgsProcessingParameterEnum, QgsProperty

from ..i18n.translator import tr


def match_option(value, options):
    """The option ``value`` names, or None: the word in any case (``fcls``, ``FCLS``) or its 0-based index
    (``2``, ``"2"``), as the help shows both. Anything else (other words, out-of-range numbers, booleans) is None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return options[value] if 0 <= value < len(options) else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text in options:
        return text
    if text.isdigit():
        return match_option(int(text), options)
    matches = [o for o in options if o.lower() == text.lower()]
    return matches[0] if len(matches) == 1 else None


class EnumParameter(QgsProcessingParameterEnum):
    """An enum that accepts what :func:`match_option` accepts. QGIS's own check takes only the exact words when the
    enum uses static strings (and only the numbers otherwise), so ``METHOD=fcls`` or ``METHOD=2`` failed before the
    algorithm ran."""

    def checkValueIsAcceptable(self, value, context=None):  # noqa: N802 - QGIS's name
        if not isinstance(value, QgsProperty) and match_option(value, self.options()) is not None:
            return True
        return super().checkValueIsAcceptable(value, context)

    def clone(self):
        copy = EnumParameter(self.name(), self.description(), self.options(), self.allowMultiple(),
                             self.defaultValue(),
                             bool(self.flags() & QgsProcessingParameterDefinition.Flag.FlagOptional))
        copy.setUsesStaticStrings(self.usesStaticStrings())
        copy.setFlags(self.flags())
        copy.setHelp(self.help())
        copy.setMetadata(self.metadata())
        return copy


def enum_param(name, label, options):
    """An enum parameter whose values are the option words (static strings), first option as default. Without
    static strings QGIS 3.22's qgis_process accepts only indices (``METHOD=0``), not the words in the help."""
    param = EnumParameter(name, label, options=list(options), defaultValue=options[0])
    param.setUsesStaticStrings(True)
    return param


def enum_value(alg, parameters, name, context, options):
    """The chosen option's word, from the word in any case or the 0-based index; the default when not given.

    The raw value is read as text (a model's expression is evaluated first) and matched here: QGIS's
    ``parameterAsEnumString`` would silently return the default for a word it does not know exactly."""
    text = alg.parameterAsString(parameters, name, context)
    value = match_option(text, list(options))
    if value is None:
        raw = parameters.get(name)
        raise QgsProcessingException(tr("{0}: {1!r} is not one of {2}").format(name, raw, ", ".join(options)))
    return value


def float_list(text, name):
    """'0.8, 0.3,0.03' -> [0.8, 0.3, 0.03]; empty -> []."""
    items = [t.strip() for t in str(text or "").replace(";", ",").split(",") if t.strip()]
    try:
        return [float(t) for t in items]
    except ValueError as exc:
        raise QgsProcessingException(tr("{0}: expected numbers separated by commas, got {1!r}").format(
            name, text)) from exc
