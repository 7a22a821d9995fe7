"""The shape of facts: field types, the field groups several fact types share, and what a numeric
field measures (so a rule can compare two fields only when they measure the same thing).

Each producer declares the fact types it fills beside its code (its ``FACT_TYPES``); the engine
checks rules and facts against the union of those declarations.
"""

from __future__ import annotations

from typing import Any

Fact = dict[str, Any]  # one fact: "id" and "type", then the fields its type declares
FactTypes = dict[str, dict[str, str]]

NUM, TEXT, BOOL = "number", "text", "bool"

CATEGORY_FLAGS = {
    "class1": BOOL,
    "heavy_metal": BOOL,
    "biodegradable": BOOL,
    "toxic": BOOL,
    "nutrient": BOOL,
    "conventional": BOOL,
    "physical": BOOL,
    "salt": BOOL,
    "microbial": BOOL,
    "process": BOOL,
}

MEASURED = {
    "sample": TEXT,
    "parameter": TEXT,
    "name_zh": TEXT,
    "name_en": TEXT,
    "point": TEXT,
    "kind": TEXT,
    "taken": TEXT,
    "detected": BOOL,
    "value": NUM,
    "unit": TEXT,
    "has_unit": BOOL,
    **CATEGORY_FLAGS,
}

LIMIT = {
    "std_kind": TEXT,
    "std_limit": NUM,
    "std_low": NUM,
    "std_high": NUM,
    "std_source": TEXT,
    "std_binding": TEXT,  # every limit that binds, with its source (the strictest is std_*)
    "std_pending": TEXT,  # a limit that binds but is not encoded: what meets the others is inconclusive
    "std_method": TEXT,  # 不得检出: the method the standard prescribes
    "std_mdl": NUM,  # 不得检出: that method's detection limit, where encoded
    "std_text": TEXT,  # the strictest limit in words: ≤0.1 mg/L, 6.5~9, 不得检出
    "std_text_en": TEXT,
}

DIMENSIONS: dict[str, str] = {
    "value": "measured",
    "std_limit": "measured",
    "std_low": "measured",
    "std_high": "measured",
    "std_mdl": "measured",
    "ref_limit": "measured",
    "agr_limit": "measured",
    "limit": "measured",
    "limit_low": "measured",
    "limit_high": "measured",
    "load": "load",
    "agr_max_load": "load",
    "days_left": "days",
    "days_overdue": "days",
    "flow": "flow",
    "n_obs": "count",
    "n_exceed": "count",
    "streak_days": "count",
    "exceed_share": "share",
    "trc_share": "share",
    "invalid_share": "share",
    "max_value": "measured",
    "spare": "flow",
    "share_pct": "percent",
    "reduction_pct": "percent",
    "required_missing": "count",
    "checked": "count",
    "salt_missing": "count",
}
