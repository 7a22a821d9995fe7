"""第六条 load caps over time: each day's load (kg/d) against the agreement in force that day.

A day's load is the day's concentration observation (daily mean of the online monitor, or a lab
sample) times the day's flow: the daily mean of the flow meter's readings (HJ 212 w00000, L/s ×
86.4 = m³/d), or, on days without flow data, the average daily flow the discharger file declares
(as ``assess`` does). The worst day of the window (the largest load against its cap) becomes a
``load`` fact, judged by the same rules as a sample's load (AGR-020/021, rules/limits.yaml).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ..facts.agreements import agreement_for
from ..facts.common import category_flags
from ..inputs.discharger import Discharger
from ..load.units import convert
from ..standards import StandardsLibrary

L_PER_S_TO_M3_PER_D = Decimal("86.4")


def daily_load_facts(
    rows: list[tuple[Any, ...]], dischargers: dict[str, Discharger], library: StandardsLibrary
) -> Iterator[dict[str, Any]]:
    """One ``load`` fact per (discharger, parameter) with a cap: its worst day in the window."""
    worst: dict[tuple[str, str], tuple[Decimal, dict[str, Any]]] = {}
    for did, pid, day, basis, s, n, flow_s, flow_n in rows:
        d = dischargers[did]
        found = agreement_for(d.agreements, pid, day if isinstance(day, dt.date) else day.date(), "max_load")
        if found is None:
            continue
        a, term = found
        cap = convert(term.value, term.unit, "kg/d", pid)
        if flow_s is not None and flow_n:
            volume, flow_basis = Decimal(flow_s) / flow_n * L_PER_S_TO_M3_PER_D, "measured"
        elif d.flow_average is not None:
            volume, flow_basis = d.flow_average, "declared"
        else:
            continue
        load = Decimal(s) / n * volume / Decimal(1000)
        ratio = load / cap if cap else Decimal("Infinity")
        if (did, pid) in worst and worst[(did, pid)][0] >= ratio:
            continue
        p = library.catalogue.get(pid)
        what = "日均值" if basis == "daily_mean" else "样品"
        flow_word = "实测流量" if flow_basis == "measured" else "申报流量"
        worst[(did, pid)] = (ratio, {
            "discharger": did,
            "id": f"load:tracking:{pid}",
            "type": "load",
            "sample": f"{day.isoformat()} ({what}, {flow_word})",
            "parameter": pid,
            "name_zh": p.name_zh,
            "name_en": p.name_en,
            "taken": day.isoformat(),
            "load": float(f"{float(load):.6g}"),
            "unit": "kg/d",
            "agr_id": a.id,
            "agr_max_load": float(cap),
            "agr_source": f"代处理协议 {a.id} 日排放量",
            **category_flags(p),
        })  # fmt: skip
    for _, fact in worst.values():
        yield fact
