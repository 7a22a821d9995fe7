"""采样与检测: who sampled, when and how; the laboratory; each parameter's method and detection limit;
and, for the appendix, every value as the laboratory wrote it. What the file does not say is 未提供.

A parameter's method comes from the laboratory section of the discharger file, else from the
method table of a standard the result applied (a ``methods`` mapping in its ``standards_applied``
entry, where a standard encodes one), else it is not given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import terms
from .basis import standards_applied
from .source import Source
from .subject import given, subject
from .words import say


@dataclass(frozen=True)
class SampleRow:
    id: str
    taken: str
    point: str
    kind: str
    composite: str
    sampled_by: str
    preservation: str


@dataclass(frozen=True)
class MethodRow:
    name: str
    method: str
    detection_limit: str
    source: str


@dataclass(frozen=True)
class Sampling:
    sampled_by: str
    taken: str
    preservation: str
    laboratory: str
    cma: str
    report: str
    samples: tuple[SampleRow, ...]
    methods: tuple[MethodRow, ...]


@dataclass(frozen=True)
class LabValue:
    sample: str
    name: str
    written_as: str
    as_given: str


def _joined(values: list[Any], lang: str) -> str:
    unique = list(dict.fromkeys(str(v) for v in values if v))
    return given(say("list_sep", lang).join(unique), lang)


def _standard_methods(src: Source) -> dict[str, tuple[Mapping[str, Any], str]]:
    out: dict[str, tuple[Mapping[str, Any], str]] = {}
    for s in standards_applied(src.a) or ():
        for pid, m in (s.get("methods") or {}).items():
            out.setdefault(str(pid), (m, str(s["code"])))
    return out


def sampling(src: Source) -> Sampling:
    lang = src.lang
    s = subject(src.a)
    samples = list(s.get("samples") or ())
    lab = s.get("laboratory") or {}
    rows = tuple(
        SampleRow(
            id=str(x["id"]),
            taken=str(x["taken"]).replace("T", " "),
            point=terms.pick(terms.POINT, x.get("point"), lang),
            kind=terms.pick(terms.SAMPLE_KIND, x.get("kind"), lang),
            composite=given(x.get("composite"), lang) if x.get("kind") == "composite" else "—",
            sampled_by=given(x.get("sampled_by"), lang),
            preservation=given(x.get("preservation"), lang),
        )
        for x in samples
    )
    in_file = {m["parameter"]: m for m in lab.get("methods") or ()}
    in_standards = _standard_methods(src)
    measured = list(dict.fromkeys(f.parameter for f in src.a.findings if f.subject == "measurement" and f.parameter))
    methods = []
    for pid in measured:
        if pid in in_file:
            m, where = in_file[pid], say("method_from_file", lang)
        elif pid in in_standards:
            m, where = in_standards[pid][0], in_standards[pid][1]
        else:
            m, where = {}, "—"
        methods.append(
            MethodRow(
                name=src.names.get(pid, pid),
                method=given(m.get("method"), lang),
                detection_limit=given(m.get("detection_limit"), lang),
                source=where,
            )
        )
    days = sorted({str(x["taken"])[:10] for x in samples})
    taken = (
        say("date_range", lang, start=days[0], end=days[-1])
        if len(days) > 1
        else given(days[0] if days else None, lang)
    )
    return Sampling(
        sampled_by=_joined([x.get("sampled_by") for x in samples], lang),
        taken=taken,
        preservation=_joined([x.get("preservation") for x in samples], lang),
        laboratory=given(lab.get("name"), lang),
        cma=given(lab.get("cma"), lang),
        report=given(lab.get("report"), lang),
        samples=rows,
        methods=tuple(methods),
    )


def lab_values(src: Source) -> tuple[LabValue, ...]:
    """Every value of every sample, as the laboratory wrote it (the appendix)."""
    out = []
    for x in subject(src.a).get("samples") or ():
        for v in x.get("values") or ():
            out.append(LabValue(str(x["id"]), terms.name_of(v, src.lang), str(v["written_as"]), str(v["as_given"])))
    return tuple(out)


def has_samples(src: Source) -> bool:
    return bool(subject(src.a).get("samples"))
