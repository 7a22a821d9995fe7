"""第八条 dynamic tracking: the statistics of a discharger's stored monitoring data as facts.

The statistics are computed over the whole fleet by :mod:`wastewater_eval.tracking` (set-based,
over the store); this producer hands one discharger's rows to the rules.
"""

from __future__ import annotations

from collections.abc import Sequence

from .context import FactContext
from .producer import Producer
from .types import CATEGORY_FLAGS, NUM, TEXT, Fact, FactTypes

FACT_TYPES: FactTypes = {
    "tracking_stat": {
        "parameter": TEXT,
        "name_zh": TEXT,
        "name_en": TEXT,
        "point": TEXT,
        "obs_basis": TEXT,
        "n_obs": NUM,
        "n_exceed": NUM,
        "n_inconclusive": NUM,
        "exceed_share": NUM,
        "trc_share": NUM,
        "streak_days": NUM,
        "streak_start": TEXT,
        "last_day": TEXT,
        "invalid_share": NUM,
        "max_value": NUM,
        "limit": NUM,
        "unit": TEXT,
        "limit_source": TEXT,
        "event": TEXT,
        **CATEGORY_FLAGS,
    },
}


def statistics(rows: Sequence[Fact]) -> Producer:
    """A producer of the given ``tracking_stat`` facts (one discharger's, from the fleet's statistics)
    and of its worst day's ``load`` facts (第六条 load caps over time; the type is the measurements')."""
    for r in rows:
        assert r["type"] in ("tracking_stat", "load"), r["type"]

    def produce(ctx: FactContext) -> list[Fact]:
        return [dict(r) for r in rows]

    return Producer("tracking", FACT_TYPES, produce)
