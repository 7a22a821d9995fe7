"""YAML loading that keeps line numbers, refuses duplicate keys and bounds its resources.

PyYAML silently keeps the last of two equal keys and expands aliases without limit; both
are dangerous in files that carry legal limits. Every mapping and list loaded here remembers
the 1-based line of each entry so that errors can point at file:line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import InputError, Location, Problem

MAX_ALIASES = 100
MAX_DEPTH = 64
MAX_BYTES = 20 * 1024 * 1024
MAX_EXPANDED_NODES = 1_000_000  # aliases share nodes; a consumer that walks the data expands them


class LocDict(dict[Any, Any]):
    """A dict that knows the line of itself and of each key."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LocList(list[Any]):
    """A list that knows the line of itself and of each item."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        if 0 <= index < len(self.item_lines):
            return self.item_lines[index]
        return self.line


class _Constructing:
    """Mappings and lists that remember their lines; duplicate keys collected as problems."""

    _path: str
    problems: list[Problem]

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> LocDict:
        self.flatten_mapping(node)  # type: ignore[attr-defined]
        result = LocDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)  # type: ignore[attr-defined]
            if not isinstance(key, str | int | float | bool) and key is not None:
                self.problems.append(Problem(Location(self._path, key_node.start_mark.line + 1), "unusable key"))
                continue
            if isinstance(key, bool) and isinstance(key_node, ScalarNode):
                key = key_node.value  # YAML 1.1 reads the key `on:` (or yes/no/off) as a boolean; keep the word
            elif isinstance(key, int | float) or key is None:
                key = str(key) if key is not None else "null"
            if key in result:
                self.problems.append(
                    Problem(
                        Location(self._path, key_node.start_mark.line + 1, str(key)),
                        f"duplicate key {key!r} (first at line {result.key_lines[key]})",
                    )
                )
                continue
            result[key] = self.construct_object(value_node, deep=True)  # type: ignore[attr-defined]
            result.key_lines[key] = key_node.start_mark.line + 1
        return result

    def construct_sequence(self, node: SequenceNode, deep: bool = False) -> LocList:
        result = LocList(self.construct_object(child, deep=True) for child in node.value)  # type: ignore[attr-defined]
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result


class _Loader(_Constructing, yaml.SafeLoader):
    """The pure-Python loader, for files users write: it bounds aliases and depth as it reads."""

    def __init__(self, stream: str, path: str) -> None:
        super().__init__(stream)
        self._path = path
        self._aliases = 0
        self._depth = 0
        self.problems: list[Problem] = []

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise InputError.at(self._path, mark.line + 1, "", f"more than {MAX_ALIASES} YAML aliases; refused")
        self._depth += 1
        if self._depth > MAX_DEPTH:
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise InputError.at(self._path, mark.line + 1, "", f"nested deeper than {MAX_DEPTH} levels; refused")
        try:
            node: Node | None = super().compose_node(parent, index)
            return node
        finally:
            self._depth -= 1


def _construct_map(loader: Any, node: MappingNode) -> LocDict:
    return loader.construct_mapping(node, deep=True)  # type: ignore[no-any-return]


def _construct_seq(loader: Any, node: SequenceNode) -> LocList:
    return loader.construct_sequence(node, deep=True)  # type: ignore[no-any-return]


def _construct_timestamp(loader: Any, node: ScalarNode) -> Any:
    """A date that is not a date (2023-02-30) stays text: the field's own check then says so, at its line."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return str(node.value)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)

if getattr(yaml, "__with_libyaml__", False):

    class _FastLoader(_Constructing, yaml.CSafeLoader):
        """libyaml's parser, for the bundled data files (trusted, and read on every start)."""

        def __init__(self, stream: str, path: str) -> None:
            super().__init__(stream)
            self._path = path
            self.problems = []

    _FastLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
    _FastLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
    _FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
else:  # pragma: no cover - PyYAML built without libyaml
    _FastLoader = _Loader  # type: ignore[misc,assignment]


# A plain value with brackets inside a {...} mapping, e.g. `{number: 穗排水许字[2021]第0042号}`:
# strict YAML refuses it, yet it is unambiguous, and permit numbers are written this way.
_FLOW_VALUE_WITH_BRACKETS = re.compile(r"(:[ \t]+)([^\s\"'\[\]{},#][^,{}\"'#]*?\[[^,{}\"'#]*?)([ \t]*[,}])")


@dataclass
class Loaded:
    """A loaded YAML document with the repairs that were needed to read it."""

    data: Any
    path: str
    repairs: list[Problem] = field(default_factory=list)
    sha256: str = ""  # of the file's bytes, when it was read from a file


def _expanded_size(root: Node) -> int:
    """How many values the document has once every alias is expanded (linear time, memoised)."""
    memo: dict[int, int] = {}

    def size(n: Node) -> int:
        key = id(n)
        if key in memo:
            return memo[key]
        memo[key] = 1  # a recursive alias counts once and ends the walk
        total = 1
        if isinstance(n, SequenceNode):
            total += sum(size(c) for c in n.value)
        elif isinstance(n, MappingNode):
            total += sum(size(k) + size(v) for k, v in n.value)
        memo[key] = min(total, MAX_EXPANDED_NODES + 1)
        return memo[key]

    return size(root)


def _repair_line(text: str, line_no: int) -> str | None:
    lines = text.split("\n")
    if not 0 < line_no <= len(lines):
        return None
    old = lines[line_no - 1]
    new = _FLOW_VALUE_WITH_BRACKETS.sub(
        lambda m: m.group(1) + json.dumps(m.group(2).rstrip(), ensure_ascii=False) + m.group(3),
        old,
    )
    if new == old:
        return None
    lines[line_no - 1] = new
    return "\n".join(lines)


def loads(text: str, path: str = "<string>", trusted: bool = False) -> Loaded:
    """Parse YAML text, raising :class:`InputError` with file:line for anything unusable."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise InputError.at(path, 0, "", f"file larger than {MAX_BYTES // (1024 * 1024)} MiB; refused")
    repairs: list[Problem] = []
    for _attempt in range(50):
        try:
            loader = _FastLoader(text, path) if trusted else _Loader(text, path)
        except yaml.reader.ReaderError as exc:
            # a control character PyYAML refuses; the position is a character offset
            line = text[: max(exc.position, 0)].count("\n") + 1
            raise InputError.at(
                path, line, "", f"not valid YAML: control character U+{exc.character:04X} is not allowed"
            ) from None
        try:
            node = loader.get_single_node()
            if node is not None and _expanded_size(node) > MAX_EXPANDED_NODES:
                raise InputError.at(
                    path,
                    node.start_mark.line + 1,
                    "",
                    f"aliases expand to more than {MAX_EXPANDED_NODES} values; refused",
                )
            data = loader.construct_document(node) if node is not None else None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else 0
            repaired = _repair_line(text, line) if exc.context == "while parsing a flow mapping" else None
            if repaired is not None:
                repairs.append(
                    Problem(
                        Location(path, line),
                        "brackets inside a {...} value read as text; quote such values",
                    )
                )
                text = repaired
                continue
            raise InputError.at(path, line, "", f"not valid YAML: {exc.problem}") from None
        except yaml.reader.ReaderError as exc:
            line = text[: max(exc.position, 0)].count("\n") + 1
            raise InputError.at(
                path, line, "", f"not valid YAML: control character U+{exc.character:04X} is not allowed"
            ) from None
        except yaml.YAMLError as exc:
            raise InputError.at(path, 0, "", f"not valid YAML: {exc}") from None
        except (ValueError, TypeError, OverflowError, RecursionError) as exc:
            raise InputError.at(path, 0, "", f"not valid YAML: {exc}") from None
        finally:
            loader.dispose()
        if loader.problems:
            raise InputError(loader.problems)
        return Loaded(data, path, repairs)
    raise InputError.at(path, 0, "", "not valid YAML: too many repairs needed")


def load_file(path: Path | str, trusted: bool = False) -> Loaded:
    """Read and parse a YAML file (UTF-8, with or without BOM); ``trusted`` (the bundled data)
    uses libyaml's faster parser, which does not bound aliases or depth as it reads."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError.at(str(p), 0, "", f"cannot read file: {exc.strerror}") from None
    if len(raw) > MAX_BYTES:
        raise InputError.at(str(p), 0, "", f"file larger than {MAX_BYTES // (1024 * 1024)} MiB; refused")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError.at(
            str(p), raw[: exc.start].count(b"\n") + 1, "", "not UTF-8 text; save the file as UTF-8"
        ) from None
    import hashlib

    from ..resources import is_bundled

    loaded = loads(text, str(p), trusted or is_bundled(p))
    loaded.sha256 = hashlib.sha256(raw).hexdigest()
    return loaded


def load_collecting(path: Path | str, problems: list[Problem]) -> Loaded | None:
    """:func:`load_file`, for readers that gather every problem before failing: on an unreadable
    file its problems are added to ``problems`` and the result is None."""
    try:
        return load_file(path)
    except InputError as exc:
        problems.extend(exc.problems)
        return None
