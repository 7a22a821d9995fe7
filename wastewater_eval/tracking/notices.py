"""The data of a 第八条 notice: its number, the earlier notice it follows, and the event it reports.

A notice is numbered ``<discharger id>-告知-<year>-<seq>`` (unique in the store: the sequence counts
the notices of that discharger and year already recorded). ``previous`` is the number of the last
notice to the same recipient about the same discharger. ``details`` says what happened: the values
with their dates and units, the limit and where it comes from, the data source (online monitor MN
or lab report files), the statistic (e.g. 3 consecutive exceedances from … to …), what the
discharger must now do and by when. When the earlier notice to that recipient was about the same
parameter and point, only the values after its last one are listed (``new_since_previous``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from ..assessment.result import Notification
from .store import Store

REQUIRED_ACTION = {
    "zh": "排水户应及时申请调整排污许可证、排水许可证（办法第八条）",
    "en": "The discharger must promptly apply to adjust its pollutant discharge permit and drainage permit "
    "(Article 8 of the Measures)",
}
DEADLINE_DAYS = 30
"""Days the operator gives the discharger to apply (the Measures say 及时, promptly: the operator's
own default, changed with ``track run --deadline-days``)."""


def number_for(store: Store, discharger_id: str, day: dt.date) -> str:
    prefix = f"{discharger_id}-告知-{day.year}-"
    return f"{prefix}{store.notice_count(prefix) + 1:03d}"


def event_details(
    n: Notification,
    fact: dict[str, Any] | None,
    run: list[dict[str, Any]],
    files: dict[int, str],
    as_of: dt.date,
    previous: dict[str, Any] | None,
    deadline_days: int = DEADLINE_DAYS,
) -> dict[str, Any]:
    """The ``details`` of a notice (contract 1 of the helpers' brief; docs/reports.md renders them)."""
    deadline = (as_of + dt.timedelta(days=deadline_days)).isoformat() if deadline_days else None
    out: dict[str, Any] = {"required_action": dict(REQUIRED_ACTION), "deadline": deadline}
    if fact is None:  # an agreement's notice (expiring, changed): the event is the agreement itself
        out.update(statistic={"kind": n.code, "text_zh": n.reason, "text_en": n.reason_en}, values=[],
                   source={"basis": None, "monitor": None, "files": []}, new_since_previous=False)  # fmt: skip
        return out
    unit = fact["unit"]
    values = [{"at": o["at"], "value": o["value"], "unit": unit, "detected": o["detected"]} for o in run]
    same_matter = bool(
        previous and previous.get("parameter") == fact["parameter"] and previous.get("point") == fact["point"]
    )
    if same_matter and previous is not None:
        last = str((previous.get("statistic") or {}).get("to") or "")
        values = [v for v in values if str(v["at"]) > last]
    online = [o for o in run if o["basis"] == "daily_mean"]
    first, last_at = (run[0]["at"], run[-1]["at"]) if run else (fact.get("streak_start"), fact["last_day"])
    count = fact.get("streak_days", 0)
    out.update(
        parameter=fact["parameter"],
        name_zh=fact["name_zh"],
        name_en=fact["name_en"],
        point=fact["point"],
        unit=unit,
        limit=fact.get("limit"),
        limit_source=fact.get("limit_source"),
        statistic={
            "kind": "consecutive_exceedances",
            "text_zh": f"自{first}至{last_at}连续{count}次超标（{'日均值' if online else '单次样品'}）",
            "text_en": f"{count} consecutive exceedances from {first} to {last_at} "
            f"({'daily means' if online else 'single samples'})",
            "from": str(first),
            "to": str(last_at),
            "count": count,
        },
        values=values,
        source={
            "basis": "online" if online else "lab",
            "monitor": online[0]["reading_id"] if online else None,
            "files": sorted({files[o["import_id"]] for o in run if o.get("import_id") in files}),
        },
        new_since_previous=same_matter,
    )
    return out


def issue(
    store: Store,
    discharger_id: str,
    n: Notification,
    event_key: str,
    fact: dict[str, Any] | None,
    run: list[dict[str, Any]],
    as_of: dt.date,
    deadline_days: int = DEADLINE_DAYS,
) -> Notification | None:
    """Record a notice once per event (inside the caller's transaction); the numbered notice, or None
    if this event already had one."""
    if store.notice(discharger_id, event_key) is not None:
        return None
    before = store.last_notice(discharger_id, n.recipient)
    files = store.import_paths({o["import_id"] for o in run if o.get("import_id") is not None})
    details = event_details(n, fact, run, files, as_of, before.details if before else None, deadline_days)
    number = number_for(store, discharger_id, as_of)
    previous = before.number if before else None
    store.record_notice(discharger_id, event_key, number=number, recipient=n.recipient, previous=previous,
                        details=details)  # fmt: skip
    return dataclasses.replace(n, number=number, previous=previous, details=details)
