"""The assessment result: value objects with ``to_dict()`` in the stable JSON shape.

Schema ``wasteval/assessment/v1``; keys may be added, never renamed or removed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..engine.conclusions import Conclusion as Conclusion  # re-exported: part of the result's shape
from ..vocabulary import vocabulary

RESULT_SCHEMA = "wasteval/assessment/v1"
ADVERSE = vocabulary().adverse  # each conclusion's adverse value (rules/vocabulary.yaml)


@dataclass(frozen=True)
class Finding:
    """One judgement: a sample's parameter against its limit, or a permit, agreement or sampling point."""

    subject: str
    status: str
    rule: str
    clause: str
    severity: str
    parameter: str | None = None
    name_zh: str | None = None
    name_en: str | None = None
    sample: str | None = None
    point: str | None = None
    kind: str | None = None
    taken: str | None = None
    value: float | int | None = None
    detected: bool | None = None
    unit: str | None = None
    limit: float | int | None = None
    limit_low: float | int | None = None
    limit_high: float | int | None = None
    limit_source: str | None = None
    basis: str | None = None
    reference: str | None = None
    reason: str | None = None
    reason_en: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Advice:
    """A recommendation or a warning, in Chinese and English."""

    code: str
    text: str
    text_en: str
    rule: str
    parameter: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Notification:
    recipient: str
    article: str
    reason: str
    reason_en: str
    rule: str
    code: str
    event: str = ""  # what happened, stable across runs: the key that makes a notice go out once
    # Filled when a 第八条 notice is issued (the tracking run): its number, the number of the earlier
    # notice to the same recipient on this discharger, and the event itself (docs/reports.md).
    number: str | None = None
    previous: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_TO_DICT_KEYS = frozenset(
    {
        "schema",
        "discharger",
        "track",
        "as_of",
        "standard",
        "findings",
        "conclusions",
        "conclusion_basis",
        "conclusion_facts",
        "recommendations",
        "notifications",
        "warnings",
        "engine",
        "provenance",
        "standards_applied",
        "subject",
    }
)


@dataclass
class Assessment:
    discharger: dict[str, Any]
    track: str
    as_of: str
    standard: dict[str, Any]
    findings: list[Finding]
    conclusions: dict[str, Conclusion]
    recommendations: list[Advice]
    notifications: list[Notification]
    warnings: list[Advice]
    engine: str
    provenance: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    # the standards whose limits the result used: [{code, title_zh, title_en, status, items}] (contract 2)
    standards_applied: list[dict[str, Any]] = field(default_factory=list)
    # What a document needs about the discharger (assessment/subject.py): the result renders alone.
    # Results recorded before it existed have none; their documents print what the result has.
    subject: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema": RESULT_SCHEMA,
            "discharger": self.discharger,
            "track": self.track,
            "as_of": self.as_of,
            "standard": self.standard,
            "findings": [f.to_dict() for f in self.findings],
            "conclusions": {k: c.value for k, c in self.conclusions.items()},
            "conclusion_basis": {k: list(c.because) for k, c in self.conclusions.items()},
            "conclusion_facts": {
                k: [{"subject": s, "sample": smp, "parameter": p} for s, smp, p in c.on]
                for k, c in self.conclusions.items()
            },
            "recommendations": [r.to_dict() for r in self.recommendations],
            "notifications": [n.to_dict() for n in self.notifications],
            "warnings": [w.to_dict() for w in self.warnings],
            "engine": self.engine,
            "provenance": self.provenance,
            "standards_applied": self.standards_applied,
            "subject": self.subject,
        }
        out.update(self.extra)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Assessment:
        """The inverse of :meth:`to_dict`; keys this version does not know go to ``extra``."""
        basis = data.get("conclusion_basis", {})
        on = data.get("conclusion_facts", {})
        return cls(
            discharger=data["discharger"],
            track=data["track"],
            as_of=data["as_of"],
            standard=data["standard"],
            findings=[Finding(**f) for f in data["findings"]],
            conclusions={
                k: Conclusion(
                    k,
                    v,
                    tuple(basis.get(k, ())),
                    tuple((f["subject"], f["sample"], f["parameter"]) for f in on.get(k, ())),
                )
                for k, v in data["conclusions"].items()
            },
            recommendations=[Advice(**r) for r in data["recommendations"]],
            notifications=[Notification(**n) for n in data["notifications"]],
            warnings=[Advice(**w) for w in data["warnings"]],
            engine=data["engine"],
            provenance=data.get("provenance", {}),
            extra={k: v for k, v in data.items() if k not in _TO_DICT_KEYS},
            standards_applied=list(data.get("standards_applied", [])),
            subject=data.get("subject") or {},
        )

    @property
    def adverse(self) -> bool:
        """True when the result calls for a report to the district water authority."""
        return self.conclusions.get("report_to_district", Conclusion("", None, ())).value is True
