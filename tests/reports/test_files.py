"""Writing files: atomic, and never over an existing file unless asked."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from wastewater_eval.reports.errors import OutputExistsError
from wastewater_eval.reports.files import write_atomic, write_files


def test_writes_and_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "out"
    written = write_files(out, {"a.html": b"A", "a.pdf": b"%PDF-"})
    assert [p.name for p in written] == ["a.html", "a.pdf"]
    assert (out / "a.html").read_bytes() == b"A"
    with pytest.raises(OutputExistsError) as err:
        write_files(out, {"b.html": b"B", "a.pdf": b"new"})
    assert err.value.paths == (out / "a.pdf",)
    assert not (out / "b.html").exists()  # nothing written when any name exists
    assert (out / "a.pdf").read_bytes() == b"%PDF-"


def test_force_replaces(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.html": b"old"})
    write_files(tmp_path, {"a.html": b"new"}, overwrite=True)
    assert (tmp_path / "a.html").read_bytes() == b"new"


def test_no_temporary_files_are_left(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.html": b"x"})
    with pytest.raises(OutputExistsError):
        write_atomic(tmp_path / "a.html", b"y")
    assert sorted(os.listdir(tmp_path)) == ["a.html"]
    assert (tmp_path / "a.html").stat().st_mode & 0o777 == 0o644


def test_a_file_appearing_meanwhile_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "a.html"
    target.write_bytes(b"someone else's")
    with pytest.raises(OutputExistsError):
        write_atomic(target, b"ours")  # the hard link refuses an existing name
    assert target.read_bytes() == b"someone else's"
