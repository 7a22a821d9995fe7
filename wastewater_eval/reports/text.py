"""The terminal summary of an assessment."""

from __future__ import annotations

from collections.abc import Callable

from ..assessment.result import Assessment
from ..standards.notice import PROVISIONAL_WARNING, status_notice
from ..vocabulary import vocabulary
from .source import FIRST_PAGE_WARNINGS

_V = vocabulary()


def _status(code: str) -> tuple[str, str | None]:
    """A status as the summary prints it (both languages) and its colour."""
    st = _V.statuses[code]
    return st.words.both, st.colour


def _num(v: object) -> str:
    if isinstance(v, float):
        return f"{v:g}"
    return "—" if v is None else str(v)


def render(a: Assessment, style: Callable[..., str]) -> str:
    """Plain text; ``style`` is click.style (or a no-op) so colour stays the CLI's business."""
    lines = [
        style(f"{a.discharger['name']} ({a.discharger['id']}) — {a.discharger['district']}", bold=True),
        f"track: {a.track}   as of: {a.as_of}   standard: {a.standard['code']} "
        f"grade {a.standard.get('grade') or '—'}   engine: {a.engine}",
    ]
    # what stands on the first page of every document stands at the top here (FIRST_PAGE_WARNINGS)
    first = [w for w in a.warnings if w.code in FIRST_PAGE_WARNINGS]
    for w in first:
        lines.append(style(f"{w.text} {w.text_en}", fg="yellow"))
    notice = [t for t in (status_notice(a.standard, "zh"), status_notice(a.standard, "en")) if t]
    if notice and not any(w.code == PROVISIONAL_WARNING for w in first):
        lines.append(style(" ".join(notice), fg="yellow" if a.standard.get("status") == "provisional" else None))
    lines.append("")
    for f in a.findings:
        label, colour = _status(f.status)
        if f.subject in ("measurement", "load"):
            lim = f"{_num(f.limit_low)}~{_num(f.limit_high)}" if f.limit_low is not None else _num(f.limit)
            value = _num(f.value) if f.detected is not False else f"<{_num(f.value)}"
            what = f"{f.sample:<16} {f.name_zh or f.parameter:<10} {value:>10} {f.unit or '':<8} limit {lim:<10}"
            if f.subject == "load":
                what = f"{f.sample:<16} {(f.name_zh or '') + ' 日负荷':<10} {value:>10} kg/d     limit {lim:<10}"
            lines.append(f"  {what} {style(label, fg=colour)}  [{f.rule}]")
        elif f.subject == "reuse_check":
            continue
        else:
            lines.append(f"  {style(label, fg=colour)}: {f.reason or ''}  [{f.rule}]")
    lines.append("")
    for name in _V.conclusions_of(a.track):
        v = {True: "是 yes", False: "否 no", None: _V.inconclusive.both}[a.conclusions[name].value]
        lines.append(f"  {_V.conclusions[name].short.both}: {style(v, bold=True)}")
    opinion = a.extra.get("opinion")
    if opinion:
        lines += ["", "排水设施设计条件咨询意见 Design-condition opinion:"]
        for p in opinion["pollutants"]:
            expected = "—" if p["expected"] is None else f"{p['expected']} {p['unit']}"
            lim = (
                f"{p['limit_low']}~{p['limit_high']}"
                if p["limit_low"] is not None
                else ("—" if p["limit"] is None else f"{p['limit']}")
            )
            lines.append(
                f"  {p['name_zh']:<12} expected {expected:<14} limit {lim:<10} {_status(p['status'])[0]:<22} "
                f"{p['limit_source'] or ''}"
            )
        cap = opinion["capacity"]
        lines.append(f"  capacity: spare {cap['spare']} m³/d, expected {cap['expected_flow']} m³/d")
        for u in opinion["unknown_items"]:
            lines.append(f"  未知{u['kind']}: {u['name']}")
        verdict = opinion["verdict"]
        said = _V.fields["opinion_verdict"][verdict].both if verdict else _V.undecided.both
        lines.append(f"  结论 Verdict: {style(said, bold=True)}")
    if a.recommendations:
        lines += ["", "建议 Recommendations:"] + [f"  - {r.text}" for r in a.recommendations]
    if a.notifications:
        lines += ["", "告知 Notifications:"] + [
            f"  - {_V.recipients[n.recipient].words.zh} ({n.article}): {n.reason}" for n in a.notifications
        ]
    if a.warnings:
        shown = [w for w in a.warnings if w.code not in FIRST_PAGE_WARNINGS]  # already at the top
        if shown:
            lines += ["", "提示 Warnings:"] + [f"  - {w.text}" for w in shown]
    return "\n".join(lines)
