"""The audit trail: every assessment and tracking run, recorded in the store with what it used.

Each record keeps the input file's SHA-256 and text, the tool, rules and standards versions, the
as-of date and the result, so that a reader can reproduce it and a recorded assessment can be
rendered again without the original file. Records are written in one transaction: all or nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..assessment.result import Assessment
from ..inputs.discharger import Discharger, parse_discharger
from ..inputs.model import PlantsFile
from ..inputs.plants import parse_plants
from ..standards.parameters import Catalogue
from .store import Store, open_store


@dataclass(frozen=True)
class Record:
    id: int
    recorded_at: str
    discharger_id: str
    kind: str
    as_of: str
    input_path: str
    input_sha256: str
    tool_version: str
    rules: str
    standards: str
    engine: str
    summary: dict[str, Any]
    standard_status: str | None = None
    standard_sha256: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def record(
    store_path: Path | str,
    a: Assessment,
    input_text: str,
    kind: str = "assessment",
    plants: PlantsFile | None = None,
) -> int:
    """Record an assessment (or one discharger's tracking result); returns its record id.

    ``plants`` is the plants file the discharger's plant came from, kept whole beside the input."""
    with open_store(store_path) as store, store.transaction():
        return record_in(store, a, input_text, kind, plants)


def record_in(
    store: Store, a: Assessment, input_text: str, kind: str = "assessment", plants: PlantsFile | None = None
) -> int:
    """As :func:`record`, inside the caller's transaction (a tracking run writes a discharger's
    notices and its record together)."""
    p = a.provenance
    return store.add_assessment(
        {
            "recorded_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "discharger_id": str(a.discharger["id"]),
            "kind": kind,
            "as_of": a.as_of,
            "input_path": str(p.get("input", "")),
            "input_sha256": str(p.get("input_sha256", "")),
            "input_text": input_text,
            "tool_version": str(p.get("tool_version", "")),
            "rules": str(p.get("rules", "")),
            "standards": str(p.get("standards", "")),
            "engine": a.engine,
            "result": json.dumps(a.to_dict(), ensure_ascii=False, sort_keys=True),
            "plants_path": plants.path if plants else None,
            "plants_text": plants.text if plants else None,
            "standard_code": a.standard.get("code"),
            "standard_status": a.standard.get("status"),
            "standard_sha256": a.standard.get("sha256"),
        }
    )


def history(store_path: Path | str, discharger_id: str | None = None) -> list[Record]:
    """The records, oldest first (of one discharger, or all)."""
    with open_store(store_path) as store:
        rows = store.assessments(discharger_id)
    out = []
    for r in rows:
        result = json.loads(r.pop("result"))
        summary = {
            "track": result.get("track"),
            "conclusions": result.get("conclusions", {}),
            "notifications": len(result.get("notifications", [])),
        }
        out.append(Record(summary=summary, **r))
    return out


def recorded(store_path: Path | str, record_id: int, catalogue: Catalogue) -> tuple[Assessment, Discharger]:
    """A recorded assessment and its discharger, rebuilt from the store alone."""
    with open_store(store_path) as store:
        row = store.assessment(record_id)
    if row is None:
        raise KeyError(f"no record {record_id} in {store_path}")
    plants_text = row["plants_text"]
    plants = parse_plants(plants_text, row["plants_path"], catalogue) if plants_text is not None else None
    d = parse_discharger(row["input_text"], row["input_path"], catalogue, plants)
    return assessment_from_dict(json.loads(row["result"])), d


def recorded_result(store_path: Path | str, record_id: int, catalogue: Catalogue | None = None) -> Assessment:
    """A recorded assessment from its stored result alone: it carries what its documents need.

    A record made before results carried their ``subject`` gets it from the stored discharger
    text (with ``catalogue``); any other record is never parsed again."""
    with open_store(store_path) as store:
        row = store.assessment(record_id)
    if row is None:
        raise KeyError(f"no record {record_id} in {store_path}")
    a = assessment_from_dict(json.loads(row["result"]))
    if not a.subject and catalogue is not None:
        from ..assessment.subject import subject_of

        a.subject = subject_of(recorded(store_path, record_id, catalogue)[1])
    return a


def assessment_from_dict(data: dict[str, Any]) -> Assessment:
    """The inverse of :meth:`Assessment.to_dict` (schema wasteval/assessment/v1)."""
    return Assessment.from_dict(data)
