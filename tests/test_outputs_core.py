"""Staged outputs (core/io/outputs.py): what a killed run leaves is removed by the next run, and nothing else."""
import os

from hyspec_qgis.core.io.outputs import OutputSet, partial_path, remove_stale_partials
from tests.leftovers import dead_pid


def test_the_next_run_removes_what_a_killed_run_staged_even_nested(tmp_path):
    dead, alive = dead_pid(), os.getpid()
    final = tmp_path / "centres.tif"
    stale = [
        f".centres.{dead}-0123abcd.partial.tif",  # the run's temporary
        f"..centres.{dead}-0123abcd.partial.{dead}-89abcdef.partial.tif",  # the writer's temporary inside it
        f"..centres.{dead}-0123abcd.partial.{dead}-89abcdef.partial.tif.aux.xml",
        f".centres.{dead}-0123abcd.partial",  # a staged folder
    ]
    kept = [
        f".centres.{alive}-0123abcd.partial.tif",  # a run still going (this process)
        f"..centres.{alive}-0123abcd.partial.{alive}-89abcdef.partial.tif",
        f".classes.{dead}-0123abcd.partial.tif",  # another output's
        "centres.tif", ".centres.tif.aux.xml", "centres.qml",
    ]
    for name in stale[:-1] + kept:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / stale[-1]).mkdir()
    (tmp_path / stale[-1] / "band.tif").write_bytes(b"x")
    remove_stale_partials(str(final))
    assert sorted(os.listdir(tmp_path)) == sorted(kept)


def test_staging_removes_stale_temporaries_and_commit_puts_outputs_in_place(tmp_path):
    dead = dead_pid()
    src = tmp_path / "in.tif"
    src.write_bytes(b"input")
    leftover = tmp_path / f"..out.{dead}-0123abcd.partial.{dead}-89abcdef.partial.tif"
    leftover.write_bytes(b"half")
    with OutputSet({"INPUT": str(src)}) as outputs:
        temp = outputs.add("OUTPUT", str(tmp_path / "out.tif"))
        assert not leftover.exists()
        assert os.path.basename(temp).startswith(".out.") and ".partial" in temp
        with open(temp, "wb") as handle:
            handle.write(b"result")
        outputs.commit()
    assert (tmp_path / "out.tif").read_bytes() == b"result"
    assert sorted(os.listdir(tmp_path)) == ["in.tif", "out.tif"]


def test_partial_names_are_per_process_and_per_call(tmp_path):
    a, b = partial_path(str(tmp_path / "x.tif")), partial_path(str(tmp_path / "x.tif"))
    assert a != b and f".{os.getpid()}-" in a and a.endswith(".partial.tif")
