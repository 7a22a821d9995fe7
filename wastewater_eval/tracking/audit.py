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

_SCHEMA = """
CREATE TABLE IF NOT EXISTS assessments (
    id             INTEGER PRIMARY KEY,
    recorded_at    TEXT NOT NULL,
    discharger_id  TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('assessment', 'tracking')),
    as_of          TEXT NOT NULL,
    input_path     TEXT NOT NULL,
    input_sha256   TEXT NOT NULL,
    input_text     TEXT NOT NULL,
    tool_version   TEXT NOT NULL,
    rules          TEXT NOT NULL,
    standards      TEXT NOT NULL,
    engine         TEXT NOT NULL,
    result         TEXT NOT NULL,
    plants_path    TEXT,
    plants_text    TEXT,
    standard_code   TEXT,
    standard_status TEXT,
    standard_sha256 TEXT
);
CREATE INDEX IF NOT EXISTS assessments_by_discharger ON assessments (discharger_id, id);
"""
# Columns added after the first release, with what an older store gets when they are added.
_ADDED_COLUMNS = (
    ("plants_path", "TEXT"),
    ("plants_text", "TEXT"),
    # the GB/T 31962 table the result used: how far its limits were checked, and which file exactly
    ("standard_code", "TEXT"),
    ("standard_status", "TEXT"),
    ("standard_sha256", "TEXT"),
)


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


def _ensure(store: Store) -> None:
    store.conn.executescript(_SCHEMA)
    have = {row[1] for row in store.conn.execute("PRAGMA table_info(assessments)")}
    for name, kind in _ADDED_COLUMNS:
        if name not in have:
            store.conn.execute(f"ALTER TABLE assessments ADD COLUMN {name} {kind}")


def record(
    store_path: Path | str,
    a: Assessment,
    input_text: str,
    kind: str = "assessment",
    plants: PlantsFile | None = None,
) -> int:
    """Record an assessment (or one discharger's tracking result); returns its record id.

    ``plants`` is the plants file the discharger's plant came from, kept whole beside the input."""
    with open_store(store_path) as store:
        _ensure(store)
        p = a.provenance
        with store.transaction():
            cur = store.conn.execute(
                "INSERT INTO assessments (recorded_at, discharger_id, kind, as_of, input_path, input_sha256, "
                "input_text, tool_version, rules, standards, engine, result, plants_path, plants_text, "
                "standard_code, standard_status, standard_sha256) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    datetime.now().astimezone().isoformat(timespec="seconds"),
                    str(a.discharger["id"]),
                    kind,
                    a.as_of,
                    str(p.get("input", "")),
                    str(p.get("input_sha256", "")),
                    input_text,
                    str(p.get("tool_version", "")),
                    str(p.get("rules", "")),
                    str(p.get("standards", "")),
                    a.engine,
                    json.dumps(a.to_dict(), ensure_ascii=False, sort_keys=True),
                    plants.path if plants else None,
                    plants.text if plants else None,
                    a.standard.get("code"),
                    a.standard.get("status"),
                    a.standard.get("sha256"),
                ),
            )
            assert cur.lastrowid is not None
            return cur.lastrowid


def history(store_path: Path | str, discharger_id: str | None = None) -> list[Record]:
    """The records, oldest first (of one discharger, or all)."""
    with open_store(store_path) as store:
        _ensure(store)
        rows = store.conn.execute(
            "SELECT id, recorded_at, discharger_id, kind, as_of, input_path, input_sha256, tool_version, rules, "
            "standards, engine, result, standard_status, standard_sha256 FROM assessments"
            + (" WHERE discharger_id = ?" if discharger_id else "")
            + " ORDER BY id",
            (discharger_id,) if discharger_id else (),
        ).fetchall()
    out = []
    for r in rows:
        result = json.loads(r[11])
        summary = {
            "track": result.get("track"),
            "conclusions": result.get("conclusions", {}),
            "notifications": len(result.get("notifications", [])),
        }
        out.append(
            Record(
                id=r[0],
                recorded_at=r[1],
                discharger_id=r[2],
                kind=r[3],
                as_of=r[4],
                input_path=r[5],
                input_sha256=r[6],
                tool_version=r[7],
                rules=r[8],
                standards=r[9],
                engine=r[10],
                summary=summary,
                standard_status=r[12],
                standard_sha256=r[13],
            )
        )
    return out


def recorded(store_path: Path | str, record_id: int, catalogue: Catalogue) -> tuple[Assessment, Discharger]:
    """A recorded assessment and its discharger, rebuilt from the store alone."""
    with open_store(store_path) as store:
        _ensure(store)
        row = store.conn.execute(
            "SELECT input_path, input_text, result, plants_path, plants_text FROM assessments WHERE id = ?",
            (record_id,),
        ).fetchone()
    if row is None:
        raise KeyError(f"no record {record_id} in {store_path}")
    path, text, result, plants_path, plants_text = row
    plants = parse_plants(plants_text, plants_path, catalogue) if plants_text is not None else None
    d = parse_discharger(text, path, catalogue, plants)
    return assessment_from_dict(json.loads(result)), d


def recorded_result(store_path: Path | str, record_id: int, catalogue: Catalogue | None = None) -> Assessment:
    """A recorded assessment from its stored result alone: it carries what its documents need.

    A record made before results carried their ``subject`` gets it from the stored discharger
    text (with ``catalogue``); any other record is never parsed again."""
    with open_store(store_path) as store:
        _ensure(store)
        row = store.conn.execute("SELECT result FROM assessments WHERE id = ?", (record_id,)).fetchone()
    if row is None:
        raise KeyError(f"no record {record_id} in {store_path}")
    a = assessment_from_dict(json.loads(row[0]))
    if not a.subject and catalogue is not None:
        from ..assessment.subject import subject_of

        a.subject = subject_of(recorded(store_path, record_id, catalogue)[1])
    return a


def assessment_from_dict(data: dict[str, Any]) -> Assessment:
    """The inverse of :meth:`Assessment.to_dict` (schema wasteval/assessment/v1)."""
    return Assessment.from_dict(data)
