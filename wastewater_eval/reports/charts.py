"""Vector charts drawn from the data: for an exceeding parameter, each sample against its limit.

The SVG is written by hand (no plotting library, nothing rasterised) so it is small, the same
on every machine, and inlined into the HTML, where both browsers and the PDF renderer draw it.
Every piece of text is escaped; every coordinate is rounded to 0.1 so output is stable.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..assessment.result import Finding
from ..vocabulary import vocabulary
from . import terms
from .findings import text_of
from .words import say

_JUDGED = vocabulary().judged_statuses
_COLOUR = {"exceeds": "#b3261e", "complies": "#4a6f8a", "inconclusive": "#b7791f", "not_regulated": "#8a8a8a"}
WIDTH, LABEL_W, RIGHT_PAD, ROW_H, TOP, BOTTOM = 620, 190, 80, 28, 30, 40
FONT = "Noto Sans CJK SC, Noto Sans CJK, sans-serif"


@dataclass(frozen=True)
class SvgChart:
    title: str
    limits: str  # each limit with its source, for the caption
    svg: Markup
    parameter: str = ""


def exceeding_parameters(findings: Iterable[Finding]) -> list[str]:
    """Parameters with at least one exceeding measurement, in the order the findings list them."""
    out: list[str] = []
    for f in findings:
        if f.subject == "measurement" and f.status == "exceeds" and f.parameter and f.parameter not in out:
            out.append(f.parameter)
    return out


def _nice_step(span: float) -> float:
    raw = span / 5 if span > 0 else 1.0
    power = float(10 ** math.floor(math.log10(raw)))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * power:
            return m * power
    return 10 * power


def _c(x: float) -> str:
    """A coordinate, rounded so the SVG is the same on every machine."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _label(x: float | str, y: float | str, text: str, fill: str, anchor: str = "start", bold: bool = False) -> str:
    """An SVG text element; ``text`` is escaped here."""
    weight = ' font-weight="bold"' if bold else ""
    return f'<text x="{x}" y="{y}" text-anchor="{anchor}" fill="{fill}"{weight}>{escape(text)}</text>'


def _limits(f: Finding) -> tuple[float | None, float | None, float | None]:
    def num(v: float | int | None) -> float | None:
        return None if v is None else float(v)

    return num(f.limit), num(f.limit_low), num(f.limit_high)


def exceedance_chart(parameter: str, findings: Sequence[Finding], lang: str) -> SvgChart | None:
    """A horizontal bar per sample of ``parameter``; its limit as a dashed line (a band for a range)."""
    rows = [
        f
        for f in findings
        if f.subject == "measurement" and f.parameter == parameter and f.status in _JUDGED and f.value is not None
    ]
    if not rows:
        return None
    first = rows[0]
    unit = first.unit or ""
    values = [float(f.value) for f in rows if f.value is not None]
    bounds = [b for f in rows for b in _limits(f) if b is not None]
    top_value = max([*values, *bounds, 0.0]) or 1.0
    step = _nice_step(top_value * 1.1)
    axis_max = step * math.ceil(top_value * 1.1 / step)
    plot_w = WIDTH - LABEL_W - RIGHT_PAD
    height = TOP + ROW_H * len(rows) + BOTTOM

    def x(v: float) -> float:
        return LABEL_W + plot_w * v / axis_max

    name = text_of(first.name_zh, first.name_en, lang) or parameter
    title = say("chart_title_unit" if unit else "chart_title", lang, name=name, unit=unit)
    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="{FONT}" font-size="12">',
        f"<title>{escape(title)}</title>",
    ]
    plot_bottom = TOP + ROW_H * len(rows)
    tick = 0.0
    while tick <= axis_max + step / 1000:
        tx = _c(x(tick))
        out.append(f'<line x1="{tx}" y1="{TOP - 6}" x2="{tx}" y2="{plot_bottom}" stroke="#dddddd" stroke-width="1"/>')
        out.append(_label(tx, plot_bottom + 16, terms.number(round(tick, 6)), "#444444", "middle"))
        tick += step
    out.append(
        f'<line x1="{LABEL_W}" y1="{plot_bottom}" x2="{WIDTH - RIGHT_PAD}" y2="{plot_bottom}" stroke="#444444"/>'
    )
    if unit:
        out.append(_label(WIDTH - RIGHT_PAD, plot_bottom + 32, unit, "#444444", "end"))
    shared = len({_limits(f) for f in rows}) == 1
    for i, f in enumerate(rows):
        y = TOP + ROW_H * i
        limit, low, high = _limits(f)
        if low is not None and high is not None:
            out.append(
                f'<rect x="{_c(x(low))}" y="{y + 2}" width="{_c(x(high) - x(low))}" height="{ROW_H - 4}" '
                'fill="#2e7d32" fill-opacity="0.12"/>'
            )
        value = float(f.value) if f.value is not None else 0.0
        colour = _COLOUR.get(f.status, "#8a8a8a")
        bar_w = _c(max(x(value) - LABEL_W, 1.0))
        if f.detected is False:
            out.append(
                f'<rect x="{LABEL_W}" y="{y + 7}" width="{bar_w}" height="{ROW_H - 14}" fill="#ffffff" '
                f'stroke="{colour}" stroke-dasharray="3 2"/>'
            )
        else:
            out.append(f'<rect x="{LABEL_W}" y="{y + 7}" width="{bar_w}" height="{ROW_H - 14}" fill="{colour}"/>')
        shown = ("<" if f.detected is False else "") + terms.number(f.value)
        out.append(_label(_c(x(value) + 5), f"{y + ROW_H / 2 + 4:.0f}", shown, colour, bold=f.status == "exceeds"))
        point = terms.pick(terms.POINT, f.point, lang) if f.point else ""
        label = f"{f.sample or ''} {point}".strip()
        out.append(_label(LABEL_W - 8, f"{y + ROW_H / 2 + 4:.0f}", label, "#222222", "end"))
        if limit is not None and not shared:
            lx = _c(x(limit))
            out.append(
                f'<line x1="{lx}" y1="{y + 2}" x2="{lx}" y2="{y + ROW_H - 2}" stroke="#222222" stroke-width="1.5" '
                'stroke-dasharray="4 3"/>'
            )
    limit, low, high = _limits(first)
    if shared and limit is not None:
        lx = _c(x(limit))
        word = say("chart_limit", lang)
        out.append(
            f'<line x1="{lx}" y1="{TOP - 10}" x2="{lx}" y2="{plot_bottom}" stroke="#222222" stroke-width="1.5" '
            'stroke-dasharray="4 3"/>'
        )
        out.append(_label(lx, TOP - 14, f"{word} {terms.number(limit)}", "#222222", "middle"))
    elif shared and low is not None and high is not None:
        word = say("chart_limit_range", lang)
        mid = _c((x(low) + x(high)) / 2)
        out.append(_label(mid, TOP - 14, f"{word} {terms.number(low)}~{terms.number(high)}", "#2e7d32", "middle"))
    out.append("</svg>")
    return SvgChart(title, _limits_text(rows, lang), Markup("\n".join(out)), parameter)


def _limits_text(rows: Sequence[Finding], lang: str) -> str:
    """限值：1（GB/T 31962-2015 表1 第9项 B级）；0.5（GB 21900-2008 表2 第3项）"""
    seen: dict[tuple[str, str], None] = {}
    for f in rows:
        limit, low, high = _limits(f)
        if low is not None and high is not None:
            text = f"{terms.number(low)}~{terms.number(high)}"
        elif limit is not None:
            text = terms.number(limit)
        else:
            continue
        seen.setdefault((text, terms.cite(f.limit_source, lang)), None)
    if not seen:
        return ""
    items = say("clause_sep", lang).join(say("chart_limit_item", lang, limit=t, source=src) for t, src in seen)
    return say("chart_limits", lang, items=items)
