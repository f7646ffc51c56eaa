"""Where the per-tile tasks run: in this process one after another, or on Dask (a local cluster or a running
scheduler). Dask is optional: without it, or with WORKERS = 0, the serial path runs the same task functions.

Inside QGIS (desktop or ``qgis_process``) ``sys.executable`` is QGIS itself, not a Python, so the worker processes
of ``LocalCluster(processes=True)`` cannot start ("Nanny failed to start"). We then point multiprocessing at a Python
of the same version (``HYSPEC_PYTHON``, else the interpreter QGIS embeds: ``<exec_prefix>/bin/python3.X`` or
``<exec_prefix>/python.exe``); spawned workers receive QGIS's ``sys.path``, so they import the same packages and
``hyspec_qgis.core``. Threads would work too, but h5py serialises every HDF5 call behind one lock, so a threaded
cluster reads one tile at a time; it is only the fallback when no such Python is found.

Cancel: the driver sets a ``distributed.Event`` that running tasks check between blocks (:mod:`.tasks`), then waits
for every task to end, so no worker is still writing when the run reports "cancelled".
"""
from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.spawn
import os
import pickle
import subprocess
import sys
import uuid
from dataclasses import dataclass

from ..errors import Cancelled, HyspecError
from ..io.outputs import describe_os_error
from ..messages import Message

DASK_VERSION = "2026.8.0"
INSTALL = f"pip install 'dask[array]=={DASK_VERSION}' 'distributed=={DASK_VERSION}'"
STOP_TIMEOUT = 120.0  # seconds to wait for cancelled tasks to stop


@dataclass
class TaskFailure:
    """A task that raised: the tile is reported failed with ``reason``; the others go on."""

    reason: str


def failure(exc: BaseException) -> TaskFailure:
    if isinstance(exc, HyspecError):
        try:  # the reason travels back from a worker process: keep it translatable when its values pickle
            pickle.dumps(exc.fields)
            return TaskFailure(Message(exc.template, **exc.fields))
        except Exception:  # noqa: BLE001 - any value that does not pickle: the English text
            return TaskFailure(str(exc))
    if isinstance(exc, OSError):
        return TaskFailure(describe_os_error(exc))
    if isinstance(exc, MemoryError):
        return TaskFailure(Message("out of memory"))
    if type(exc).__name__ == "KilledWorker":
        return TaskFailure(Message("the worker running it died (out of memory?): {exc}", exc=exc))
    return TaskFailure(f"{type(exc).__name__}: {exc}")


def dask_available() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


class SerialExecutor:
    """Tasks one after another in this process; within-tile progress and cancel go straight to the caller."""

    workers = 1

    def __init__(self, why: str = ""):
        self.description = Message("in this process, one tile after another ({why})", why=why) if why else \
            Message("in this process, one tile after another")

    def run(self, fn, jobs, progress):
        n = max(len(jobs), 1)
        for i, args in enumerate(jobs):
            try:
                result = fn(*args, cancel=progress.sub(i / n, (i + 1) / n))
            except Cancelled:
                raise
            except Exception as exc:  # noqa: BLE001 - a failing tile is reported, the others go on
                yield i, failure(exc)
            else:
                yield i, result

    def close(self):
        pass


class DaskExecutor:
    """Tasks submitted to a Dask client; results are yielded as tiles finish (in any order)."""

    def __init__(self, client, cluster=None, description: str = "Dask"):
        self.client, self.cluster, self.description = client, cluster, description
        try:
            info = client.scheduler_info(n_workers=-1)  # recent distributed lists only 5 workers by default
        except TypeError:
            info = client.scheduler_info()
        self.workers = max(1, len(info.get("workers", {})))

    def run(self, fn, jobs, progress):
        from distributed import Event, wait

        token = uuid.uuid4().hex[:12]
        event = f"hyspec-cancel-{token}"
        futures = [self.client.submit(fn, *args, cancel=event, key=f"hyspec-{fn.__name__}-{i}-{token}", pure=False)
                   for i, args in enumerate(jobs)]
        index = {f.key: i for i, f in enumerate(futures)}
        pending = set(futures)
        try:
            while pending:
                try:
                    done, pending = wait(pending, timeout=0.25, return_when="FIRST_COMPLETED")
                except TimeoutError:  # nothing finished yet: check for cancel, wait again
                    done = ()
                for future in done:
                    i = index[future.key]
                    if future.status == "finished":
                        yield i, future.result()
                        continue
                    exc = future.exception()
                    if isinstance(exc, Cancelled):
                        raise Cancelled("cancelled by the user")
                    yield i, failure(exc)
                progress.check()
        except BaseException:
            # Cancelled, an error, or the consumer stopped: tell running tasks to stop, and wait until they did.
            Event(event, client=self.client).set()
            try:
                wait(futures, timeout=STOP_TIMEOUT)
            except TimeoutError:  # a task that did not reach a check in time: cancel what is left
                self.client.cancel(futures)
            raise
        finally:
            for f in futures:
                f.release()

    restore_executable = None

    def close(self):
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        if self.restore_executable is not None:
            multiprocessing.set_executable(self.restore_executable)


def _stdlib() -> str:
    """The folder of the standard library this process really runs on (QGIS may report another sys.prefix)."""
    return os.path.dirname(os.path.realpath(os.__file__))


def _same_python(python: str) -> bool:
    """Whether ``python`` runs the same version on the same standard library as this process."""
    code = "import os, sys; print('{}.{}'.format(*sys.version_info[:2])); print(os.path.dirname(os.path.realpath(os.__file__)))"
    try:
        out = subprocess.run([python, "-I", "-c", code], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return False
    want = "{}.{}".format(*sys.version_info[:2])
    return out.returncode == 0 and out.stdout.split() == [want, _stdlib()]


def _is_python(path) -> bool:
    return os.path.basename(path or "").lower().startswith(("python", "pypy"))


def worker_python() -> str | None:
    """A Python for worker processes when ``sys.executable`` cannot serve (QGIS), or None when it can.

    Candidates: HYSPEC_PYTHON, then the interpreter beside the standard library this process loaded
    (``<prefix>/bin/python3.X``; ``<prefix>/python.exe`` on Windows), then ``sys.exec_prefix``'s; the first that
    runs the same version on the same standard library is used (a python3 found on PATH may be another install)."""
    if _is_python(sys.executable) and _same_python(sys.executable):
        return None  # (inside qgis_process, sys.executable can be the first python3 on PATH: another install)
    version = "{}.{}".format(*sys.version_info[:2])
    stdlib = _stdlib()
    prefixes = [os.path.dirname(os.path.dirname(stdlib)), os.path.dirname(stdlib), sys.exec_prefix]
    candidates = [os.environ.get("HYSPEC_PYTHON")]
    for prefix in prefixes:
        candidates += [os.path.join(prefix, "bin", f"python{version}"), os.path.join(prefix, "bin", "python3"),
                       os.path.join(prefix, "python.exe"), os.path.join(prefix, "python3.exe")]
    for c in dict.fromkeys(c for c in candidates if c):
        if os.path.isfile(c) and _is_python(c) and _same_python(c):
            return c
    return None


def local_cluster(workers: int, progress):
    """A LocalCluster of ``workers`` single-threaded worker processes (see the module docstring inside QGIS)."""
    from distributed import Client, LocalCluster

    python = worker_python()
    if python is None and not (_is_python(sys.executable) and _same_python(sys.executable)):
        progress.log("site: no Python interpreter found for worker processes (set HYSPEC_PYTHON); using "
                     "{workers} worker threads in this process instead (HDF5 reads then take turns)", workers=workers)
        cluster = LocalCluster(processes=False, n_workers=1, threads_per_worker=workers, dashboard_address="127.0.0.1:0",
                               silence_logs=logging.ERROR)
        return DaskExecutor(Client(cluster), cluster, Message("a local Dask cluster of {workers} threads",
                                                              workers=workers))
    previous = multiprocessing.spawn.get_executable()
    if python is not None:
        multiprocessing.set_executable(python)  # spawned workers (and restarted ones) get this process's sys.path
    try:
        cluster = LocalCluster(processes=True, n_workers=workers, threads_per_worker=1, dashboard_address="127.0.0.1:0",
                               silence_logs=logging.ERROR)
    except BaseException:
        multiprocessing.set_executable(previous)
        raise
    executor = DaskExecutor(Client(cluster), cluster,
                            Message("a local Dask cluster of {workers} worker process(es) ({python})", workers=workers,
                                    python=python) if python else
                            Message("a local Dask cluster of {workers} worker process(es)", workers=workers))
    executor.restore_executable = previous  # QGIS's own setting comes back when the cluster closes
    return executor


def _probe_core():
    import hyspec_qgis.core

    return os.path.dirname(hyspec_qgis.core.__file__)


def connect(address: str, timeout: float = 30.0):
    """A Client on a running scheduler, checked: workers present, same versions, ``hyspec_qgis.core`` importable."""
    from distributed import Client

    try:
        client = Client(address, timeout=f"{int(timeout)}s")
    except (OSError, TimeoutError) as exc:
        raise HyspecError("SCHEDULER: cannot reach a Dask scheduler at {address} ({exc})", address=address, exc=exc) from exc
    try:
        try:
            client.wait_for_workers(1, timeout=timeout)
        except (TimeoutError, OSError) as exc:
            raise HyspecError("SCHEDULER: no worker is connected to the scheduler at {address}; start some with "
                              "'dask worker {address}'", address=address) from exc
        try:
            client.get_versions(check=True)
        except ValueError as exc:
            raise HyspecError("SCHEDULER: the client, scheduler and workers at {address} run different versions "
                              "(install the same pinned ones everywhere: {install}): {exc}", address=address,
                              install=INSTALL, exc=exc) from exc
        try:
            client.run(_probe_core)
        except Exception as exc:  # noqa: BLE001 - the worker's ImportError comes back as is
            raise HyspecError("SCHEDULER: a worker at {address} cannot import hyspec_qgis.core ({exc}); put the "
                              "plugin folder's parent on the workers' PYTHONPATH", address=address, exc=exc) from exc
    except BaseException:
        client.close()
        raise
    return DaskExecutor(client, None, Message("the Dask scheduler at {address}", address=address))


def open_executor(workers: int, scheduler: str | None, progress):
    """SCHEDULER given: that cluster. Else WORKERS local worker processes when dask is installed (WORKERS = 0, or no
    dask: the serial path in this process)."""
    scheduler = (scheduler or "").strip()
    if scheduler:
        if not dask_available():
            raise HyspecError("SCHEDULER: using a Dask scheduler needs the Python packages dask and distributed "
                              "({install})", install=INSTALL)
        return connect(scheduler)
    if int(workers) <= 0:
        return SerialExecutor("WORKERS = 0")
    if not dask_available():
        return SerialExecutor(Message("dask is not installed; for parallel runs: {install}", install=INSTALL))
    return local_cluster(int(workers), progress)
