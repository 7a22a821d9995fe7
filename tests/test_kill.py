"""Writes are atomic: a process killed with SIGKILL mid-way leaves the previous state intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from wastewater_eval.tracking import open_store

from .conftest import ROOT

IMPORT_SCRIPT = """
import sys, pathlib
from wastewater_eval.standards.parameters import load_catalogue
from wastewater_eval.tracking import import_files
marker = pathlib.Path(sys.argv[3])
def progress(p):
    if p.readings and not marker.exists():
        marker.write_text("started")   # the first batch is in the (uncommitted) transaction
import_files(sys.argv[1], [sys.argv[2]], load_catalogue(), progress=progress, discharger="D-1")
"""


def big_csv(path: Path, rows: int) -> Path:
    """One reading row a second from 2024-01-01 (wide: COD and ammonia)."""
    import datetime as dt

    start = dt.datetime(2024, 1, 1)
    lines = ["时间,COD(mg/L),氨氮(mg/L)"]
    lines += [f"{start + dt.timedelta(seconds=i):%Y-%m-%d %H:%M:%S},{100 + i % 50},{20 + i % 7}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_import_killed_mid_way_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite"
    with open_store(store) as s:
        before = s.counts()
    csv = big_csv(tmp_path / "big.csv", 400_000)
    marker = tmp_path / "started"
    proc = subprocess.Popen(
        [sys.executable, "-c", IMPORT_SCRIPT, str(store), str(csv), str(marker)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the import finished before it could be killed: make the file bigger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with open_store(store) as s:  # a hot journal is rolled back on open
        assert s.counts() == before
        assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


WRITE_SCRIPT = """
import os, sys, pathlib
from wastewater_eval.reports import files
real_replace, real_link = os.replace, os.link
def die(*a, **k):
    os.kill(os.getpid(), 9)        # killed between writing the temporary file and putting it in place
os.replace = die
os.link = die
files.write_files(pathlib.Path(sys.argv[1]), {"report.zh.html": b"<html>new</html>"}, overwrite=True)
"""


def test_a_document_write_killed_mid_way_leaves_the_old_file_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.zh.html").write_bytes(b"<html>old</html>")
    proc = subprocess.run([sys.executable, "-c", WRITE_SCRIPT, str(out)], cwd=ROOT, check=False)
    assert proc.returncode == -signal.SIGKILL
    assert (out / "report.zh.html").read_bytes() == b"<html>old</html>"
    leftovers = [p.name for p in out.iterdir() if p.name != "report.zh.html"]
    assert all(name.startswith(".report.zh.html.") and name.endswith(".tmp") for name in leftovers)


PUBLISH_SCRIPT = """
import os, sys
from wastewater_eval.standards.parameters import load_catalogue
from wastewater_eval.tracking import import_files
real = os.replace
def replace(src, dst):
    real(src, dst)
    os.kill(os.getpid(), 9)   # killed with a partition file in place, not listed in the catalogue
os.replace = replace
import_files(sys.argv[1], [sys.argv[2]], load_catalogue(), discharger="D-1")
"""


def test_an_import_killed_while_it_places_its_files_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    from wastewater_eval.standards.parameters import load_catalogue
    from wastewater_eval.tracking import import_files

    store = tmp_path / "s.sqlite"
    first = tmp_path / "first.csv"
    first.write_text("时间,COD(mg/L)\n2023-12-01 08:00,100\n", encoding="utf-8")
    import_files(store, [first], load_catalogue(), discharger="D-1")
    with open_store(store) as s:
        before, files = s.counts(), s.reading_files()
    csv = big_csv(tmp_path / "big.csv", 200_000)
    proc = subprocess.run([sys.executable, "-c", PUBLISH_SCRIPT, str(store), str(csv)], cwd=ROOT, check=False)
    assert proc.returncode == -signal.SIGKILL
    with open_store(store) as s:
        assert s.counts() == before and s.reading_files() == files
    folder = store.with_name(store.name + ".readings")
    assert len(list(folder.rglob("*.parquet"))) > len(files)  # the killed import's files, listed nowhere
    import_files(store, [csv], load_catalogue(), discharger="D-1")  # the next import removes them
    with open_store(store) as s:
        listed = {p.name for p in s.reading_files()}
        assert {p.name for p in folder.rglob("*.parquet")} == listed
        assert s.counts()["readings"] == before["readings"] + 400_000
