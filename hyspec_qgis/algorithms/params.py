"""Parameter helpers shared by the algorithms (reading enums by their words, comma lists)."""
from qgis.core import QgsProcessingException, QgsProcessingParameterEnum

from ..i18n.translator import tr


def enum_param(name, label, options):
    """An enum parameter whose values are the option words (static strings), first option as default. Without
    static strings QGIS 3.22's qgis_process accepts only indices (``METHOD=0``), not the words in the help."""
    param = QgsProcessingParameterEnum(name, label, options=list(options), defaultValue=options[0])
    param.setUsesStaticStrings(True)
    return param


def enum_value(alg, parameters, name, context, options):
    """The chosen option's word. Enums use static strings (so ``METHOD=FCLS`` works from qgis_process on 3.22);
    a numeric index is accepted too."""
    raw = parameters.get(name)
    if isinstance(raw, int) or (isinstance(raw, str) and raw.strip().isdigit()):
        index = int(raw)
        if 0 <= index < len(options):
            return options[index]
    value = alg.parameterAsEnumString(parameters, name, context)
    if value not in options:
        lowered = {o.lower(): o for o in options}
        value = lowered.get(str(value).lower(), value)
    if value not in options:
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
