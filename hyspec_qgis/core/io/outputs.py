"""Outputs that never replace an input and appear all together or not at all.

Every file a run writes (rasters, CSVs, plots, ``.qml`` / ``.aux.xml`` sidecars, vector layers) is first written
under a hidden temporary name in its final folder (:func:`partial_path`: per process and per run, so two processes
or two threads never share one), and moved into place only when the whole run succeeded (:meth:`OutputSet.commit`).
A failed, cancelled or killed run leaves no file under a final name; the hidden files of a killed run are removed
by the next run that writes the same output.
"""
from __future__ import annotations

import contextlib
import errno
import glob
import os
import re
import shutil
import uuid
from collections.abc import Iterable, Mapping

from ..errors import OutputError
from ..messages import Message

SIDECARS = (".aux.xml", ".qml")
_PARTIAL = re.compile(r"\.(\d+)-[0-9a-f]{8}\.partial")


def sidecar_paths(path: str) -> list[str]:
    """Files QGIS and GDAL keep beside a raster: ``<file>.aux.xml`` (statistics) and ``<stem>.qml`` (style)."""
    return [path + ".aux.xml", os.path.splitext(path)[0] + ".qml"]


def partial_path(final: str, token: str | None = None) -> str:
    """A hidden temporary name beside ``final`` that keeps its extension (GDAL and QGIS pick drivers by it)."""
    final = os.path.abspath(os.fspath(final))
    folder, base = os.path.split(final)
    stem, ext = os.path.splitext(base)
    token = token or uuid.uuid4().hex[:8]
    return os.path.join(folder, f".{stem}.{os.getpid()}-{token}.partial{ext}")


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_partials(final: str) -> None:
    """Remove hidden temporaries of ``final`` left by processes that no longer run (a killed run).

    A writer may stage inside a staged name (the raster writer's temporary of the run's temporary), so the names
    ``.<stem>.*.partial*`` and ``..<stem>.*.partial*.partial*`` both belong to ``final``; any dead process in a name
    makes it stale."""
    folder, base = os.path.split(os.path.abspath(final))
    stem = glob.escape(os.path.splitext(base)[0])
    found = glob.glob(os.path.join(glob.escape(folder), f".{stem}.*.partial*"))
    found += glob.glob(os.path.join(glob.escape(folder), f"..{stem}.*.partial*"))
    for path in found:
        pids = [int(m.group(1)) for m in _PARTIAL.finditer(os.path.basename(path))]
        if pids and not all(_pid_alive(pid) for pid in pids):
            if os.path.isdir(path):
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    os.remove(path)


@contextlib.contextmanager
def atomic_write(final: str, mode: str = "w", **open_kwargs):
    """Open a temporary file beside ``final`` for writing and move it into place only if the block succeeds."""
    tmp = partial_path(final)
    try:
        with open(tmp, mode, **open_kwargs) as handle:
            yield handle
        os.replace(tmp, final)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise


def describe_os_error(exc: OSError, parameter: str | None = None, path: str | None = None) -> Message:
    """A user message for an OSError: the parameter, the file and the problem in words."""
    path = path or exc.filename or ""
    reasons = {
        errno.ENOENT: Message("the folder or file does not exist"),
        errno.EACCES: Message("permission denied"),
        errno.EPERM: Message("permission denied"),
        errno.EROFS: Message("the disk is read-only"),
        errno.ENOSPC: Message("the disk is full"),
        errno.EISDIR: Message("it is a folder, not a file"),
        errno.ENOTDIR: Message("a part of the path is a file, not a folder"),
        errno.EDQUOT: Message("the disk quota is exceeded"),
        errno.ENAMETOOLONG: Message("the name is too long"),
    }
    reason = reasons.get(exc.errno, exc.strerror or str(exc))
    if parameter and path:
        return Message("{parameter}: {path}: {reason}", parameter=parameter, path=path, reason=reason)
    if parameter or path:
        return Message("{where}: {reason}", where=parameter or path, reason=reason)
    return reason if isinstance(reason, Message) else Message(str(reason))


def _real(path: str) -> str:
    return os.path.realpath(os.path.abspath(os.fspath(path)))


def _input_items(inputs: Mapping[str, object]) -> list[tuple[str, str]]:
    items = []
    for name, value in inputs.items():
        values = value if isinstance(value, (list, tuple, set)) else [value]
        for v in values:
            if v and isinstance(v, (str, os.PathLike)):
                path = os.fspath(v).split("|")[0]
                if os.path.exists(path):
                    items.append((name, path))
    return items


class OutputSet:
    """The destinations of one run: checked before anything is computed, written under temporary names, and put in
    place together by :meth:`commit` (or removed by :meth:`abort`).

    ``inputs`` maps parameter names to the files a run reads (a path or a list of paths); ``outputs`` maps
    parameter names to final paths (empty values are skipped: optional outputs not asked for). The checks refuse a
    destination that is an input (compared by real path, so links and ``./`` count), another destination of the same
    run, a folder, or a folder that does not exist or cannot be written, with a message naming both parameters.
    """

    def __init__(self, inputs: Mapping[str, object], outputs: Mapping[str, str | None] = None):
        self.finals: dict[str, str] = {}
        self.temps: dict[str, str] = {}
        self.skip_sidecars: set[str] = set()
        self._committed = False
        ins = _input_items(inputs)
        in_real = {}
        for name, path in ins:
            in_real.setdefault(_real(path), (name, path, Message("is the same file as")))
            for side in sidecar_paths(path):
                in_real.setdefault(_real(side), (name, path, Message("would replace a sidecar of")))
        self._inputs = in_real
        self._folders: dict[str, str] = {}
        self._seen: dict[str, str] = {}
        for name, final in (outputs or {}).items():
            if final:
                self.add(name, final)

    def add(self, name: str, final: str, sidecars: bool = True, own_folder: bool = False) -> str:
        """Check one more destination and return its temporary path (e.g. files inside an output folder).

        ``sidecars``: the output is a raster or vector layer whose ``.aux.xml`` / ``.qml`` move with it.
        ``own_folder``: write it under its final name inside a hidden temporary folder (vector formats that name
        their layer after the file, or write several files)."""
        final = os.path.abspath(os.fspath(final))
        real = _real(final)
        if real in self._inputs:
            other, other_path, what = self._inputs[real]
            raise OutputError("{name}: {final} {what} the input {other} ({other_path}); choose another "
                              "name: hyspec never replaces an input", name=name, final=final, what=what, other=other,
                              other_path=other_path)
        if real in self._seen:
            raise OutputError("{name}: {final} is also the destination of {other}; give each output "
                              "its own file", name=name, final=final, other=self._seen[real])
        self._seen[real] = name
        self._check_destination(name, final)
        if not sidecars or any(_real(side) in self._inputs for side in sidecar_paths(final)):
            self.skip_sidecars.add(name)  # e.g. tile.tiff beside the input tile.tif: both would own tile.qml
        self.finals[name] = final
        remove_stale_partials(final)
        if own_folder:
            folder = partial_path(final)
            folder = os.path.splitext(folder)[0]
            os.mkdir(folder)
            self._folders[name] = folder
            self.temps[name] = os.path.join(folder, os.path.basename(final))
        else:
            self.temps[name] = partial_path(final)
        return self.temps[name]

    def check_folder(self, name: str, folder: str) -> None:
        """Check a folder destination (the algorithm writes into it, creating it when missing) before anything is
        written: not an input, not a file, and not inside a file."""
        folder = os.path.abspath(os.fspath(folder))
        if _real(folder) in self._inputs:
            other, other_path, what = self._inputs[_real(folder)]
            raise OutputError("{name}: {final} {what} the input {other} ({other_path}); choose another "
                              "name: hyspec never replaces an input", name=name, final=folder, what=what, other=other,
                              other_path=other_path)
        existing = folder
        while not os.path.exists(existing) and os.path.dirname(existing) != existing:
            existing = os.path.dirname(existing)
        if not os.path.isdir(existing):
            raise OutputError("{name}: {folder} is a file, not a folder", name=name, folder=existing)

    @staticmethod
    def _check_destination(name: str, final: str) -> None:
        if os.path.isdir(final):
            raise OutputError("{name}: {final} is a folder; give a file name", name=name, final=final)
        folder = os.path.dirname(final)
        if not os.path.isdir(folder):
            if os.path.exists(folder):
                raise OutputError("{name}: {folder} is a file, not a folder", name=name, folder=folder)
            raise OutputError("{name}: the folder {folder} does not exist", name=name, folder=folder)
        probe = partial_path(final)
        try:
            with open(probe, "wb"):
                pass
        except OSError as exc:
            raise OutputError(describe_os_error(exc, name, folder)) from exc
        finally:
            with contextlib.suppress(OSError):
                os.remove(probe)

    # --- use ----------------------------------------------------------------------------------------------------
    def path(self, name: str) -> str | None:
        """Where to write output ``name`` now (its temporary name), or None when it was not asked for."""
        return self.temps.get(name)

    def final(self, name: str) -> str | None:
        return self.finals.get(name)

    def final_for(self, temp: str) -> str | None:
        """The final path of a temporary path (or of one of its sidecars)."""
        for name, t in self.temps.items():
            if os.path.abspath(temp) == t:
                return self.finals[name]
        return None

    def __contains__(self, name: str) -> bool:
        return name in self.temps

    def _moves(self, name: str) -> list[tuple[str, str]]:
        """The files to move for one output: the file itself and, for layers, every file that shares its temporary
        stem (sidecars, and a shapefile's .shx/.dbf/.prj), each to the final stem with the same ending."""
        temp, final = self.temps[name], self.finals[name]
        moves = [(temp, final)]
        if name in self._folders:
            folder = os.path.dirname(final)
            return moves + [(os.path.join(self._folders[name], f), os.path.join(folder, f))
                            for f in sorted(os.listdir(self._folders[name])) if f != os.path.basename(final)]
        if name not in self.skip_sidecars:
            stem, final_stem = os.path.splitext(temp)[0], os.path.splitext(final)[0]
            for path in sorted(glob.glob(glob.escape(stem) + ".*")):
                if path != temp:
                    moves.append((path, final_stem + path[len(stem):]))
        return moves

    def commit(self, required: Iterable[str] = ()) -> dict[str, str]:
        """Move every written output (and its sidecars) into place; returns {name: final path} of those moved.

        Outputs in ``required`` that were not written are an error (nothing is moved then)."""
        missing = [n for n in required if n in self.temps and not os.path.exists(self.temps[n])]
        if missing:
            self.abort()
            raise OutputError("{missing}: the output was not written", missing=", ".join(missing))
        placed: dict[str, str] = {}
        for name in self.temps:
            if not os.path.exists(self.temps[name]):
                continue
            moves = self._moves(name)
            if name not in self.skip_sidecars:
                for stale in sidecar_paths(self.finals[name]):  # an older output's statistics or style
                    if stale not in {final for _, final in moves} and os.path.exists(stale):
                        os.remove(stale)
            for tmp, final in moves:
                os.replace(tmp, final)
            placed[name] = self.finals[name]
        self._committed = True
        self._remove_temporaries()  # e.g. a style sidecar not moved because it belongs to an input
        return placed

    def abort(self) -> None:
        """Remove every temporary file of this run (never a final one)."""
        if not self._committed:
            self._remove_temporaries()

    def _remove_temporaries(self) -> None:
        for folder in self._folders.values():
            shutil.rmtree(folder, ignore_errors=True)
        for temp in self.temps.values():
            stem = os.path.splitext(temp)[0]
            for leftover in {temp, *sidecar_paths(temp), *glob.glob(glob.escape(stem) + "*")}:
                with contextlib.suppress(OSError):
                    os.remove(leftover)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            self.abort()
        return False
