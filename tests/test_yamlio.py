"""The YAML loader keeps lines, refuses duplicate keys and bombs, and reads the example as it stands."""

from __future__ import annotations

import pytest

from wastewater_eval.errors import InputError
from wastewater_eval.load.yamlio import load_file, loads

from .conftest import EXAMPLES


def test_lines_are_kept_for_keys_and_items() -> None:
    doc = loads("a: 1\nb:\n  - x\n  - y\nc: {d: 2}\n").data
    assert doc.line_of("a") == 1
    assert doc.line_of("b") == 2
    assert doc["b"].line_of(1) == 4
    assert doc.line_of("c") == 5


def test_duplicate_keys_are_refused_with_both_lines() -> None:
    with pytest.raises(InputError) as e:
        loads("a: 1\nb: 2\na: 3\n", "f.yaml")
    (p,) = e.value.problems
    assert (p.location.path, p.location.line, p.location.field) == ("f.yaml", 3, "a")
    assert "first at line 1" in p.message


def test_alias_bombs_are_refused() -> None:
    bomb = (
        "a: &a [x, x]\n"
        + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(24))
        + "z: *y\n"
    )
    with pytest.raises(InputError, match=r"aliases|expand"):
        loads(bomb)


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(InputError, match="nested deeper"):
        loads("[" * 200 + "]" * 200)


def test_syntax_error_names_the_line() -> None:
    with pytest.raises(InputError) as e:
        loads("a: 1\nb: [1, 2\nc: 3\n", "bad.yaml")
    assert e.value.problems[0].location.line >= 2


def test_permit_number_with_brackets_inside_braces_is_read_as_text() -> None:
    """The example writes {number: 穗排水许字[2021]第0042号, ...}: strict YAML refuses it."""
    loaded = load_file(EXAMPLES / "discharger.example.yaml")
    permit = loaded.data["discharger"]["permits"]["drainage"]
    assert permit["number"] == "穗排水许字[2021]第0042号"
    assert str(permit["valid_until"]) == "2026-05-31"
    assert [p.location.line for p in loaded.repairs] == [13]


def test_a_flow_sequence_is_not_mistaken_for_text() -> None:
    assert loads("a: {b: [1, 2]}\n").data["a"]["b"] == [1, 2]


def test_non_utf8_file_is_an_input_error(tmp_path) -> None:
    p = tmp_path / "x.yaml"
    p.write_bytes("a: 化学需氧量\n".encode("gbk"))
    with pytest.raises(InputError, match="UTF-8"):
        load_file(p)
