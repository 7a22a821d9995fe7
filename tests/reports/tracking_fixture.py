"""Two successive 第八条 notices of one tracking event, for the notice goldens.

A real tracking run (``track_run``) on ``tests/cases/tracking/plater.yaml`` with a month of hourly
online nickel readings (0.4 mg/L to 20 May, 1.6 mg/L from 21 May, as tests/test_tracking_flow.py):
as of 23 May the third consecutive exceeding day issues the first notice, as of 30 May the problem
has lasted ten days. Until the tracking run fills the notices' ``number``, ``previous`` and
``details`` itself (contract 1, docs/reports.md), they are written here by hand, in that shape,
from the run's own findings: the second notice cites the first and carries only what is new (the
agreement's coming expiry was already notified, so it is marked as not new).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from wastewater_eval.assessment.result import Assessment, Notification
from wastewater_eval.standards import bundled_library
from wastewater_eval.tracking import import_files
from wastewater_eval.tracking.run import track_run

PLATER = "tests/cases/tracking/plater.yaml"
MONITOR = "88888880000001"
DAYS = {"2024-05-23": 1, "2024-05-30": 2}  # as of → the notice's running number


def _readings(folder: Path) -> Path:
    lines = ["设备编号,监测时间,监测项目,监测值,单位"]
    day = dt.date(2024, 5, 1)
    while day <= dt.date(2024, 5, 31):
        value = "0.4" if day <= dt.date(2024, 5, 20) else "1.6"
        lines += [f"{MONITOR},{day.isoformat()} {hour:02d}:00:00,总镍,{value},mg/L" for hour in range(24)]
        day += dt.timedelta(days=1)
    path = folder / "nickel-2024-05.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _nickel(a: Assessment, as_of: dt.date, seq: int) -> dict[str, Any]:
    stat = next(f for f in a.findings if f.subject == "tracking_stat" and f.parameter == "total_nickel")
    first = dt.date(2024, 5, 21) if seq == 1 else dt.date(2024, 5, 24)  # a later notice: only what is new
    days = [first + dt.timedelta(days=i) for i in range((as_of - first).days + 1)]
    count = (as_of - dt.date(2024, 5, 21)).days + 1
    return {
        "parameter": "total_nickel",
        "name_zh": stat.name_zh,
        "name_en": stat.name_en,
        "unit": stat.unit,
        "limit": stat.limit,
        "limit_source": stat.limit_source,
        "statistic": {
            "kind": "consecutive_exceedances",
            "text_zh": f"在线监测日均值自2024年5月21日起连续{count}日超过限值",
            "text_en": f"the online monitor's daily mean exceeded the limit {count} days running from 21 May 2024",
            "from": "2024-05-21",
            "to": as_of.isoformat(),
            "count": count,
        },
        "values": [{"at": d.isoformat(), "value": 1.6, "unit": "mg/L", "detected": True} for d in days],
        "source": {"basis": "online", "monitor": MONITOR, "files": ["nickel-2024-05.csv"]},
        "required_action": {
            "zh": "查明总镍超标原因，完善预处理设施，确保总镍稳定达标；"
            "依照《办法》第八条申请调整排污许可证、排水许可证",
            "en": "find the cause of the nickel exceedances, improve its pretreatment so that nickel stays within "
            "the limit, and apply under Article 8 (第八条) to adjust its pollutant discharge and drainage permits",
        },
        "deadline": (as_of + dt.timedelta(days=30)).isoformat(),
        "new_since_previous": True,
    }


def _agreement(seq: int) -> dict[str, Any]:
    return {
        "statistic": {
            "kind": "agreement_expiry",
            "text_zh": "代处理协议DCL-2024-009将于2024年6月20日到期",
            "text_en": "treatment agreement DCL-2024-009 ends on 20 June 2024",
        },
        "required_action": {
            "zh": "与运营单位协商延续代处理协议，或按标准限值排放并申请调整排污许可证、排水许可证",
            "en": "agree an extension of the treatment agreement with the operator, or discharge within the standard "
            "limits and apply to adjust its pollutant discharge permit and drainage permit",
        },
        "deadline": "2024-06-20",
        "new_since_previous": seq == 1,  # notified with the first notice: nothing new since
    }


def _numbered(a: Assessment, as_of: dt.date, seq: int) -> Assessment:
    out = []
    recipients = sorted({n.recipient for n in a.notifications if n.article == "第八条"})
    for n in a.notifications:
        if n.article != "第八条":
            out.append(n)
            continue
        # one number per notice (recipient and day), unique in the store: <id>-告知-<year>-<seq> (contract 1)
        offset = recipients.index(n.recipient) + 1
        number = f"GZ-HP-2024-0801-告知-2024-{(seq - 1) * len(recipients) + offset:03d}"
        previous = f"GZ-HP-2024-0801-告知-2024-{(seq - 2) * len(recipients) + offset:03d}" if seq > 1 else None
        details = _nickel(a, as_of, seq) if n.code == "untreatable" else _agreement(seq)
        out.append(Notification(**{**n.to_dict(), "number": number, "previous": previous, "details": details}))
    a.notifications = out
    return a


def tracking_results() -> dict[str, Assessment]:
    """as of → the tracking result of that day, its notices numbered and detailed as contract 1 says."""
    library = bundled_library()
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = folder / "track.sqlite"
        import_files(store, [_readings(folder)], library.catalogue, basis="online")
        for day, seq in DAYS.items():
            as_of = dt.date.fromisoformat(day)
            run = track_run(store, [Path(PLATER)], as_of=as_of, library=library, engine="python", record=False)
            out[day] = _numbered(run.dischargers[0].assessment, as_of, seq)
    return out
