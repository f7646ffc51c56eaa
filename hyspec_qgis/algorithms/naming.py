"""Names of the layers Processing loads: "<source> — <what it is>", e.g. "SERC_tile — cleaned (362 bands)".

QGIS names a loaded output after its parameter's description ("Clusters") or, in a model, after the model output's
id ("cleaned"): the outputs of two runs, or of two models, then look alike in the Layers panel. Each run names its
layers after the layer or file it read and records that source name for every file it writes, on the context that
the later steps of a model share, so a step that reads an earlier step's temporary file (".../OUTPUT.tif") is named
after the model's input too.

Processing still names a layer after its file when the user typed a file name (its "Prefer output filename for
layer names" setting, on by default): that name is the user's choice. Temporary outputs take these names.
"""
from __future__ import annotations

import os
import re

from qgis.core import QgsMapLayer, QgsProcessingUtils

SEPARATOR = " — "
_SOURCES = "hyspec_run_sources"  # {absolute output path: source name}, on the context's temporary layer store
_IDENTIFIER = re.compile(r"^[a-z0-9_]+$")  # a model output's id ("cleaned"), not a name a user typed


def _store(context):
    return context.temporaryLayerStore() if context is not None else None


def recorded_sources(context) -> dict:
    store = _store(context)
    value = store.property(_SOURCES) if store is not None else None
    return dict(value or {})


def record_sources(context, paths, source: str) -> None:
    store = _store(context)
    if store is not None and source:
        known = recorded_sources(context)
        known.update({os.path.abspath(p): source for p in paths if p})
        store.setProperty(_SOURCES, known)


def short(name: str) -> str:
    """A layer's source name: "tile — cleaned (362 bands)" -> "tile" (names do not grow along a chain)."""
    return (name or "").split(SEPARATOR)[0].strip() or name


def stem(path: str) -> str:
    return os.path.splitext(os.path.basename(path.split("|")[0].rstrip("/\\")))[0]


def _project_layer_name(context, path: str) -> str | None:
    """The name of a project layer whose file is ``path`` (an output loaded earlier and read again from its file)."""
    project = context.project() if context is not None else None
    if project is None:
        return None
    real = os.path.abspath(path)
    for layer in project.mapLayers().values():
        source = layer.source().split("|")[0]
        if source and os.path.abspath(source) == real:
            return layer.name()
    return None


def source_name(alg, parameters, name, context) -> str | None:
    """What layers made from input ``name`` are named after: the input layer's name, the name recorded for a file an
    earlier step wrote, the name of the project layer of that file, or the file's name without extension."""
    value = parameters.get(name)
    if value in (None, "", []):
        return None
    if isinstance(value, QgsMapLayer):
        return short(value.name())
    path = alg._file_value(parameters, name)
    if path:
        known = recorded_sources(context).get(os.path.abspath(path))
        return known or short(_project_layer_name(context, path) or "") or stem(path)
    if isinstance(value, str) and context is not None:
        layer = QgsProcessingUtils.mapLayerFromString(value, context, False)  # a layer id or name: never loads a file
        if layer is not None:
            return short(layer.name())
    return None


def lower_first(label: str) -> str:
    """"Endmember locations" -> "endmember locations"; "SAM classes" stays (an acronym)."""
    return label if not label or label[:2].isupper() else label[0].lower() + label[1:]


def name_layers(alg, parameters, context, labels: dict, before=()) -> None:
    """Record this run's source name for its output files, and name the layers this run asked Processing to load
    (those not in ``before``).

    ``labels``: {output name: what it is} from the algorithm; other outputs are named after their description. A name
    the caller gave (a model output a user named, a script's destinationName) is kept after the source."""
    if context is None:
        return
    source = alg.output_source(parameters, context)
    outputs = getattr(alg, "_outputs", None)
    if outputs is not None:
        record_sources(context, outputs.finals.values(), source)
    for key in context.layersToLoadOnCompletion():
        if key in before:
            continue
        details = context.layerToLoadOnCompletionDetails(key)
        if details.forceName:
            continue  # named by the algorithm itself
        definition = alg.parameterDefinition(details.outputName) if details.outputName else None
        label = labels.get(details.outputName) or (lower_first(definition.description()) if definition else None)
        if not label:
            continue
        given = details.name
        if given and definition is not None and given != definition.description() and not _IDENTIFIER.match(given):
            label = given
        details.name = f"{source}{SEPARATOR}{label}" if source else label
