"""What an engineer would advise for a parameter that exceeds: data, per parameter and industry.

The advice is the ``remedies`` table of the rules' parameters (``rules/conclusions.yaml`` params):
per parameter a ``zh``/``en`` text, optionally per industry profile (``industries:``). A text may
name a limit that binds this discharger, ``{limit:PARAMETER@POINT}``, written out from the
standards (e.g. GB 18466's residual-chlorine range at the disinfection outlet); where that limit
does not bind, the entry's ``otherwise`` text is used. The rules put the advice in their words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .context import FactContext

_LIMIT = re.compile(r"\{limit:(\w+)@(\w+)\}")


def _written(ctx: FactContext, text: str, lang: str) -> str | None:
    """``text`` with each ``{limit:…}`` written out, or None when one of them does not bind."""
    out = text
    for m in _LIMIT.finditer(text):
        pid, point = m.group(1), m.group(2)
        res = ctx.resolver.limits(pid, point)
        best = res.strictest()
        if best is None:
            return None
        lim = best.limit
        unit = f" {lim.unit}" if lim.unit else ""
        said = lim.describe() + unit
        out = out.replace(m.group(0), f"{said}（{lim.source}）" if lang == "zh" else f"{said} ({lim.source})")
    return out


def _pick(entry: Mapping[str, Any], industry: str | None) -> Mapping[str, Any]:
    by_industry = entry.get("industries") or {}
    if industry and isinstance(by_industry, Mapping) and isinstance(by_industry.get(industry), Mapping):
        picked: Mapping[str, Any] = by_industry[industry]
        return picked
    return entry


def remedy(ctx: FactContext, pid: str) -> dict[str, str]:
    """``remedy_zh`` and ``remedy_en`` for a parameter (the table's ``default`` where it has none)."""
    table = ctx.params.get("remedies") or {}
    entry = table.get(pid) or table.get("default") or {}
    chosen = _pick(entry, ctx.profile.id if ctx.profile else None)
    out: dict[str, str] = {}
    for lang in ("zh", "en"):
        text = _written(ctx, str(chosen.get(lang, "")), lang)
        if text is None:
            fallback = chosen.get("otherwise") or {}
            text = _written(ctx, str(fallback.get(lang, "")), lang) or ""
        if text:
            out[f"remedy_{lang}"] = text
    return out
