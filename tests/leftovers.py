"""What a failed or cancelled run may have left behind in an output folder."""
import os


def partials(folder):
    """Sorted names of the hidden temporary files in ``folder``: any name that starts with "." and contains
    ".partial" (an output's temporary name such as ``.class.12345-ab12cd34.partial.tif`` and its sidecars such as
    ``.class.12345-ab12cd34.partial.tif.aux.xml``)."""
    return sorted(n for n in os.listdir(folder) if n.startswith(".") and ".partial" in n)


def dead_pid() -> int:
    """A process id no process has now: what a killed run's temporary names carry."""
    pid = 99999
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except PermissionError:
            pass
        pid += 1
