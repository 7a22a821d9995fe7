"""第五条第二项: the design-condition consultation opinion for a prospective discharger.

The prospective track's result carries an ``opinion`` object (``Assessment.extra["opinion"]``,
or an attribute); this module reads it into a typed context. Its shape (docs/reports.md)::

    opinion:
      expected_flow: 80                       # m³/d, or null
      pollutants:
        - {parameter: total_nickel, name_zh: 总镍, name_en: Total nickel, expected: 35, unit: mg/L,
           limit: 1, limit_low: null, limit_high: null, limit_source: "GB/T 31962-2015 表1 …",
           required_reduction: 0.9714, status: exceeds, why: …}   # reduction a fraction; optional keys
      pretreatment: [{zh: …, en: …}]          # texts: plain strings, {zh, en} or {text, text_en}
      capacity: {design_capacity: 100000, current_flow: 86000, spare: 14000, expected_flow: 80,
                 sufficient: true}
      conditions: [{zh: …, en: …}]
      unknown_items: [{kind: process, name: 钝化}]   # optional: what the tool could not place
      verdict: connect | connect_after_pretreatment | do_not_connect | null (cannot be decided)

A field the template needs and the object lacks raises :class:`OpinionShapeError` naming it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from ..assessment.result import Assessment
from . import terms
from .basis import Basis, basis
from .context import Letter, letter, letter_fields
from .design import Declaration, Design, declarations, design
from .errors import OpinionShapeError
from .sections import Section, place
from .source import Source
from .subject import PlantInfo, subject
from .words import say


@dataclass(frozen=True)
class OpinionPollutant:
    name: str
    expected: str
    unit: str
    limit: str
    limit_source: str
    reduction: str
    status: str
    status_label: str
    why: str


@dataclass(frozen=True)
class CapacityCheck:
    design_capacity: str
    current_flow: str
    expected_flow: str
    remaining: str
    sufficient: bool | None
    answer: str
    note: str


@dataclass(frozen=True)
class OpinionInfo:
    expected_flow: str
    pollutants: tuple[OpinionPollutant, ...]
    pretreatment: tuple[str, ...]
    capacity: CapacityCheck
    conditions: tuple[str, ...]
    unknown_items: tuple[str, ...]
    verdict: str
    verdict_label: str


@dataclass(frozen=True)
class Production:
    processes: str
    materials: str
    products: str
    expected_flow: str
    applicant: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Verdict:
    opinion: OpinionInfo
    other: tuple[str, ...]


@dataclass(frozen=True)
class OpinionContext(Letter):
    plant: PlantInfo | None
    production: Production
    opinion: OpinionInfo
    warnings: tuple[str, ...]


_MISSING = object()


def _get(obj: Any, key: str, where: str, default: Any = _MISSING) -> Any:
    value = obj.get(key, default) if isinstance(obj, Mapping) else getattr(obj, key, default)
    if value is _MISSING:
        raise OpinionShapeError(f"{where}{key}")
    return value


def _say(value: Any, lang: str, where: str) -> str:
    """A text in the document's language: a plain string, {zh, en} or {text, text_en}."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        zh = value.get("zh", value.get("text"))
        en = value.get("en", value.get("text_en"))
        text = {"zh": zh, "en": en or zh}[lang]
        if isinstance(text, str):
            return text
    raise OpinionShapeError(where, "expected a text, or a mapping with zh and en")


def _texts(value: Any, lang: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str | Mapping) or not isinstance(value, Sequence):
        raise OpinionShapeError(where, "expected a list")
    return tuple(_say(v, lang, f"{where}[{i}]") for i, v in enumerate(value))


def _num(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


def _flow(value: Any) -> str:
    n = _num(value)
    if n is None:
        return "—" if value is None else str(value)
    return f"{terms.number(n)} m³/d"


def _limit(value: Any) -> str:
    if isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 2:
        return f"{terms.number(_num(value[0]))}~{terms.number(_num(value[1]))}"
    return terms.number(_num(value)) if _num(value) is not None else ("—" if value is None else str(value))


def _pollutant_limit(p: Any, where: str) -> str:
    low, high = _get(p, "limit_low", where, None), _get(p, "limit_high", where, None)
    if low is not None or high is not None:
        return _limit([low, high])
    return _limit(_get(p, "limit", where))


def _reduction(p: Any, where: str) -> str:
    given = _num(_get(p, "required_reduction", where, None))
    if given is None:
        expected, limit = _num(_get(p, "expected", where, None)), _num(_get(p, "limit", where, None))
        if expected is None or limit is None or expected <= 0:
            return "—"
        given = max(Decimal(0), 1 - limit / expected)
    if given <= 0:
        return "—"
    return f"{terms.number((given * 100).quantize(Decimal('0.1')))}%"


def opinion_of(a: Assessment) -> Any:
    """The ``opinion`` object of a prospective result, or None."""
    found = getattr(a, "opinion", None)
    return found if found is not None else a.extra.get("opinion")


_KIND = {"process": ("工艺", "process"), "material": ("物料", "material"), "product": ("产品", "product")}


def opinion_info(raw: Any, lang: str) -> OpinionInfo:
    pollutants = []
    for i, p in enumerate(_get(raw, "pollutants", "") or ()):
        where = f"pollutants[{i}]."
        name = _say(_get(p, "name_zh", where), "zh", where + "name_zh")
        name = _say(_get(p, f"name_{lang}", where, name), lang, where + f"name_{lang}")
        status = _get(p, "status", where, None)
        pollutants.append(
            OpinionPollutant(
                name=name,
                expected=_limit(_get(p, "expected", where)),
                unit=str(_get(p, "unit", where, "") or ""),
                limit=_pollutant_limit(p, where),
                limit_source=terms.cite(str(_get(p, "limit_source", where) or "—"), lang),
                reduction=_reduction(p, where),
                status=str(status or ""),
                status_label=terms.pick(terms.STATUS, status, lang) if status else "—",
                why=_say(_get(p, "why", where, None), lang, where + "why"),
            )
        )
    cap = _get(raw, "capacity", "")
    design = _num(_get(cap, "design_capacity", "capacity.", None))
    current = _num(_get(cap, "current_flow", "capacity.", None))
    expected_flow = _get(raw, "expected_flow", "")
    spare = _get(cap, "spare", "capacity.", None)
    if spare is None and design is not None and current is not None:
        spare = design - current
    sufficient = _get(cap, "sufficient", "capacity.")
    sufficient = sufficient if isinstance(sufficient, bool) else None
    answer = {True: ("余量充足", "sufficient"), False: ("余量不足", "insufficient"), None: terms.INCONCLUSIVE}
    verdict = _get(raw, "verdict", "")
    if verdict is not None and verdict not in terms.VERDICT:
        raise OpinionShapeError("verdict", f"{verdict!r} is not one of {', '.join(terms.VERDICT)} or null")
    unknown = []
    for i, u in enumerate(_get(raw, "unknown_items", "", None) or ()):
        kind = str(_get(u, "kind", f"unknown_items[{i}]."))
        label = terms.pick(_KIND, kind, lang)
        unknown.append(say("labelled", lang, label=label, text=_get(u, "name", f"unknown_items[{i}].")))
    return OpinionInfo(
        expected_flow=_flow(expected_flow),
        pollutants=tuple(pollutants),
        pretreatment=_texts(_get(raw, "pretreatment", ""), lang, "pretreatment"),
        capacity=CapacityCheck(
            design_capacity=_flow(design),
            current_flow=_flow(current),
            expected_flow=_flow(_get(cap, "expected_flow", "capacity.", expected_flow)),
            remaining=_flow(spare),
            sufficient=sufficient,
            answer=terms.both(answer[sufficient], lang),
            note=_say(_get(cap, "note", "capacity.", None), lang, "capacity.note"),
        ),
        conditions=_texts(_get(raw, "conditions", ""), lang, "conditions"),
        unknown_items=tuple(unknown),
        verdict=verdict or "undecided",
        verdict_label=terms.pick(terms.VERDICT, verdict, lang) if verdict else terms.both(terms.UNDECIDED, lang),
    )


class OpinionSource(Source):
    """A prospective result as its opinion sees it."""

    def __init__(self, src: Source, raw: Any) -> None:
        super().__init__(src.a, src.lang, src.control)
        self.raw = raw

    @cached_property
    def opinion(self) -> OpinionInfo:
        return opinion_info(self.raw, self.lang)

    @cached_property
    def design(self) -> Design:
        plant = self.plant.name if self.plant else say("public_sewers", self.lang)
        return design(self.raw, plant, self.lang)

    @cached_property
    def declarations(self) -> tuple[Declaration, ...]:
        return declarations(self.raw, self.discharger.industry, self.lang)

    @cached_property
    def production(self) -> Production:
        prod = subject(self.a).get("production") or {}
        sep, none = say("list_sep", self.lang), "—"
        d = self.discharger
        return Production(
            processes=sep.join(prod.get("processes") or ()) or none,
            materials=sep.join(prod.get("materials") or ()) or none,
            products=sep.join(prod.get("products") or ()) or none,
            expected_flow=self.opinion.expected_flow,
            applicant=(
                (say("label_discharger", self.lang), say("name_with_id", self.lang, name=d.name, id=d.id)),
                (say("label_credit_code", self.lang), d.credit_code),
                (say("label_address", self.lang), d.address),
                (say("label_contact", self.lang), d.contact),
            ),
        )


def _o(src: Source) -> OpinionSource:
    assert isinstance(src, OpinionSource)
    return src


def _basis(src: Source) -> Basis:
    sources = [str(p.get("limit_source") or "") for p in _o(src).raw.get("pollutants") or ()]
    return basis(src.a, src.lang, "第五条第二项", [f for f in src.a.findings if f.subject == "expected"], sources)


OPINION: tuple[Section, ...] = (
    Section("expected", lambda s: _o(s).production),
    Section("basis", _basis),
    Section("limits", lambda s: _o(s).opinion),
    Section("design", lambda s: _o(s).design),
    Section("declarations", lambda s: _o(s).declarations, lambda s: bool(_o(s).declarations)),
    Section("capacity", lambda s: _o(s).opinion.capacity),
    Section("verdict", lambda s: Verdict(_o(s).opinion, _o(s).design.other)),
    Section("notes", lambda s: s.warnings, lambda s: bool(s.warnings)),
)


def opinion_context(base_src: Source, raw: Any) -> OpinionContext:
    src = OpinionSource(base_src, raw)
    d, lang = src.discharger, src.lang
    plant = src.plant.name if src.plant else say("public_sewers", lang)
    base = letter(
        src,
        "opinion",
        (say("opinion_title_1", lang, name=d.name), say("opinion_title_2", lang, name=d.name)),
        (say("opinion_recipient", lang, name=d.name),),
        intro=say("opinion_intro", lang, measures=say("measures_first", lang), plant=plant),
        closing=say("closing_opinion", lang),
        sections=place(OPINION, src),
        recipient="discharger",
        copies=terms.recipients("district_water_authority", d.district, lang),
    )
    return OpinionContext(
        **letter_fields(base),  # type: ignore[arg-type]
        plant=src.plant,
        production=src.production,
        opinion=src.opinion,
        warnings=src.warnings,
    )
