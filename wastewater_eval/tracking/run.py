"""``wasteval track run``: evaluate every discharger on its stored data and issue 第八条 notices once.

For each discharger the facts are its permits and agreements (as ``assess`` builds them) and the
``tracking_stat`` statistics; the whole rule set runs on them. Every 第八条 notification is keyed
by discharger, rule code, recipient and the event it reports (a run of exceedances by its first
day; an agreement by its end date) and recorded in the store: the same event never produces a
second notice, a new event does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..assessment.assess import assess
from ..assessment.result import Assessment, Notification
from ..engine import RuleSet, bundled_rules
from ..facts.tracking import statistics
from ..inputs.discharger import PLANTS_FILE_NAME, Agreement, Discharger, load_discharger
from ..standards import StandardsLibrary, bundled_library
from ..vocabulary import vocabulary
from .evaluate import TrackingParams, tracking_facts
from .store import Store, open_store

# 第八条 tracks the two questions of 第五条第一项 over time; its notifications are their own documents.
_TRACKED = ("effectively_treatable", "may_affect_effluent")


def _is_notice(n: Notification) -> bool:
    return vocabulary().document_for(n.article) == "notice"


@dataclass
class Tracked:
    """One discharger's tracking result and the notices this run issued for it."""

    discharger: Discharger
    assessment: Assessment
    new_notices: list[Notification] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        a = self.assessment
        return {
            "discharger": a.discharger,
            "standard": a.standard,
            "conclusions": {k: c.value for k, c in a.conclusions.items() if k in _TRACKED},
            "findings": [f.to_dict() for f in a.findings if f.subject in ("tracking_stat", "agreement", "permit")],
            "notifications": [n.to_dict() for n in a.notifications if _is_notice(n)],
            "new_notices": [n.to_dict() for n in self.new_notices],
            "documents": self.documents,
            "warnings": [w.to_dict() for w in a.warnings],
        }


@dataclass
class TrackingRun:
    as_of: str
    store: str
    dischargers: list[Tracked]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "wasteval/tracking/v1",
            "as_of": self.as_of,
            "store": self.store,
            "dischargers": [t.to_dict() for t in self.dischargers],
        }


def event_key(n: Notification) -> str:
    return f"{n.code}:{n.recipient}:{n.event}"


def load_dischargers(paths: list[Path], library: StandardsLibrary, plants: Path | None = None) -> list[Discharger]:
    """The discharger files given, and those in the folders given (a folder's plants file is not one)."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files += [f for f in sorted(p.glob("*.yaml")) + sorted(p.glob("*.yml")) if f.name != PLANTS_FILE_NAME]
        else:
            files.append(p)
    return [load_discharger(f, library.catalogue, plants) for f in files]


def track_run(
    store_path: Path | str,
    discharger_paths: list[Path],
    *,
    as_of: dt.date,
    library: StandardsLibrary | None = None,
    rules: RuleSet | None = None,
    engine: str = "auto",
    report_dir: Path | None = None,
    lang: str = "zh",
    record: bool = True,
    plants: Path | None = None,
) -> TrackingRun:
    """Evaluate every discharger; record each new 第八条 notice (and write its documents) once."""
    from ..standards.profiles import bundled_knowledge

    library = library or bundled_library()
    rules = rules or bundled_rules()
    dischargers = [d for d in load_dischargers(discharger_paths, library, plants) if d.status == "existing"]
    params = TrackingParams.from_rules(rules)
    out: list[Tracked] = []
    with open_store(store_path) as store:
        stats = tracking_facts(store, dischargers, library, as_of, params, bundled_knowledge(library.catalogue))
        changed = _changed_agreements(store, dischargers)
        for d in dischargers:
            a = assess(
                dataclasses.replace(d, samples=()),  # judged on its stored data, not the file's samples
                as_of=as_of,
                engine=engine,
                rules=rules,
                library=library,
                track="tracking",
                producers=(statistics(stats[d.id]),),
                agreement_changes={aid: fp for (did, aid), fp in changed.items() if did == d.id},
            )
            tracked = Tracked(d, a)
            notices = [n for n in a.notifications if _is_notice(n)]
            with store.transaction():
                for n in notices:
                    if store.record_notice(d.id, event_key(n)):
                        tracked.new_notices.append(n)
            if tracked.new_notices and report_dir is not None:
                tracked.documents = _write_notices(a, d, report_dir / as_of.isoformat(), lang)
            out.append(tracked)
    if record:
        from .audit import record as record_result

        for t in out:
            text = Path(t.discharger.path).read_bytes().decode("utf-8-sig", errors="replace")
            record_result(store_path, t.assessment, text, kind="tracking", plants=t.discharger.plants_file)
    return TrackingRun(as_of.isoformat(), str(store_path), out)


_TERMS = """
CREATE TABLE IF NOT EXISTS agreement_terms (
    discharger_id TEXT NOT NULL,
    agreement_id  TEXT NOT NULL,
    fingerprint   TEXT NOT NULL,
    first_seen    TEXT NOT NULL,
    PRIMARY KEY (discharger_id, agreement_id, fingerprint)
);
"""


def _fingerprint(a: Agreement) -> str:
    terms = [a.signed.isoformat(), a.valid_until.isoformat(), str(a.renewed_until)]
    terms += sorted(f"{t.parameter.id}={t.value} {t.unit}" for t in (*a.limits, *a.max_load))
    return hashlib.sha256("|".join(terms).encode()).hexdigest()[:16]


def _changed_agreements(store: Store, dischargers: list[Discharger]) -> dict[tuple[str, str], str]:
    """Agreements whose terms differ from those this store saw before (第八条: 变更、调整)."""
    conn = store.conn
    conn.executescript(_TERMS)
    changed: dict[tuple[str, str], str] = {}
    with store.transaction():
        for d in dischargers:
            for a in d.agreements:
                fp = _fingerprint(a)
                seen = {
                    row[0]
                    for row in conn.execute(
                        "SELECT fingerprint FROM agreement_terms WHERE discharger_id = ? AND agreement_id = ?",
                        (d.id, a.id),
                    )
                }
                if seen and fp not in seen:
                    changed[(d.id, a.id)] = fp
                conn.execute(
                    "INSERT OR IGNORE INTO agreement_terms VALUES (?, ?, ?, datetime('now'))", (d.id, a.id, fp)
                )
    return changed


def _write_notices(a: Assessment, d: Discharger, folder: Path, lang: str) -> list[str]:
    from ..reports import render_documents, write_documents

    docs = render_documents(a, d, lang=lang, kinds=frozenset({"notice"}))
    return [str(p) for p in write_documents(docs, folder, force=True)]
