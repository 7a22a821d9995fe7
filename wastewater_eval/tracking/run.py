"""``wasteval track run``: evaluate every discharger on its stored data and issue 第八条 notices once.

The statistics are computed for the whole fleet in one pass of the engine (DuckDB, or Spark);
then each discharger is judged on its own: its facts are its permits and agreements (as ``assess``
builds them) and its ``tracking_stat`` statistics, the whole rule set runs on them, and its new
notices (numbered, with their details: :mod:`.notices`) and its audit record are written in one
transaction. A discharger that fails is reported with its error; the others are kept. Every 第八条
notification is keyed by discharger, rule code, recipient and the event it reports (a run of
exceedances by its first day; an agreement by its end date): the same event never produces a
second notice, a new event does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable
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
from .evaluate import Statistics, TrackingParams, tracking_statistics
from .notices import DEADLINE_DAYS, issue
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
    error: str | None = None  # why this discharger could not be judged (the others were)

    def to_dict(self) -> dict[str, Any]:
        a = self.assessment
        if self.error is not None:
            return {"discharger": {"id": self.discharger.id, "name": self.discharger.name}, "error": self.error}
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
    stats_engine: str = "duckdb",
    spark_conf: dict[str, str] | None = None,
    deadline_days: int = DEADLINE_DAYS,
    progress: Callable[[int, int], None] | None = None,
) -> TrackingRun:
    """Evaluate every discharger; record each new 第八条 notice (and write its documents) once.

    ``engine`` is the rules engine (as for ``assess``); ``stats_engine`` where the statistics run
    (``duckdb`` or ``spark``, with ``spark_conf`` such as ``{"spark.master": "spark://host:7077"}``).
    ``progress`` is called with (dischargers done, dischargers in all)."""
    from ..standards.profiles import bundled_knowledge

    library = library or bundled_library()
    rules = rules or bundled_rules()
    dischargers = [d for d in load_dischargers(discharger_paths, library, plants) if d.status == "existing"]
    params = TrackingParams.from_rules(rules)
    out: list[Tracked] = []
    knowledge = bundled_knowledge(library.catalogue)
    with open_store(store_path) as store:
        stats = tracking_statistics(store, dischargers, library, as_of, params, knowledge, stats_engine, spark_conf)
        changed = _changed_agreements(store, dischargers)
        for done, d in enumerate(dischargers, 1):
            try:
                tracked = _judge(store, d, stats, changed, as_of, engine, rules, library, deadline_days, record)
            except Exception as exc:  # one discharger's failure never loses the others
                tracked = Tracked(d, _failed(d, as_of), error=f"{type(exc).__name__}: {exc}")
            if tracked.new_notices and report_dir is not None and tracked.error is None:
                tracked.documents = _write_notices(tracked.assessment, d, report_dir / as_of.isoformat(), lang)
                with store.transaction():
                    for n in tracked.new_notices:
                        store.set_notice_documents(str(n.number), tracked.documents)
            out.append(tracked)
            if progress is not None:
                progress(done, len(dischargers))
    return TrackingRun(as_of.isoformat(), str(store_path), out)


def _judge(
    store: Store,
    d: Discharger,
    stats: Statistics,
    changed: dict[tuple[str, str], str],
    as_of: dt.date,
    engine: str,
    rules: RuleSet,
    library: StandardsLibrary,
    deadline_days: int,
    record: bool,
) -> Tracked:
    facts = stats.facts.get(d.id, [])
    a = assess(
        dataclasses.replace(d, samples=()),  # judged on its stored data, not the file's samples
        as_of=as_of,
        engine=engine,
        rules=rules,
        library=library,
        track="tracking",
        producers=(statistics(facts),),
        agreement_changes={aid: fp for (did, aid), fp in changed.items() if did == d.id},
    )
    by_event = {f["event"]: f for f in facts if f["type"] == "tracking_stat"}
    tracked = Tracked(d, a)
    with store.transaction():  # this discharger's notices and its audit record together
        issued: dict[int, Notification] = {}
        for i, n in enumerate(a.notifications):
            if not _is_notice(n):
                continue
            fact = by_event.get(n.event)
            run = stats.runs.get((d.id, fact["parameter"], fact["point"]), []) if fact else []
            numbered = issue(store, d.id, n, event_key(n), fact, run, as_of, deadline_days)
            if numbered is not None:
                issued[i] = numbered
                tracked.new_notices.append(numbered)
        if issued:  # the result carries the numbered notices, as recorded
            notes = [issued.get(i, n) for i, n in enumerate(a.notifications)]
            tracked.assessment = a = dataclasses.replace(a, notifications=notes)
        if record:
            from .audit import record_in

            text = Path(d.path).read_bytes().decode("utf-8-sig", errors="replace")
            record_in(store, a, text, kind="tracking", plants=d.plants_file)
    return tracked


def _failed(d: Discharger, as_of: dt.date) -> Assessment:
    """An empty result for a discharger that could not be judged (its error says why)."""
    return Assessment({"id": d.id, "name": d.name}, "tracking", as_of.isoformat(), {}, [], {}, [], [], [], "")


def _fingerprint(a: Agreement) -> str:
    terms = [a.signed.isoformat(), a.valid_until.isoformat(), str(a.renewed_until)]
    terms += sorted(f"{t.parameter.id}={t.value} {t.unit}" for t in (*a.limits, *a.max_load))
    return hashlib.sha256("|".join(terms).encode()).hexdigest()[:16]


def _changed_agreements(store: Store, dischargers: list[Discharger]) -> dict[tuple[str, str], str]:
    """Agreements whose terms differ from those this store saw before (第八条: 变更、调整)."""
    changed: dict[tuple[str, str], str] = {}
    with store.transaction():
        for d in dischargers:
            for a in d.agreements:
                fp = _fingerprint(a)
                seen = store.agreement_fingerprints(d.id, a.id)
                if seen and fp not in seen:
                    changed[(d.id, a.id)] = fp
                store.add_agreement_fingerprint(d.id, a.id, fp)
    return changed


def _write_notices(a: Assessment, d: Discharger, folder: Path, lang: str) -> list[str]:
    from ..reports import render_documents, write_documents

    docs = render_documents(a, d, lang=lang, kinds=frozenset({"notice"}))
    return [str(p) for p in write_documents(docs, folder, force=True)]
