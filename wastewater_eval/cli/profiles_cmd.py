from __future__ import annotations

import json
from typing import Any

import click

from .common import input_errors


@click.command("profiles")
@click.argument("profile_id", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def profiles_cmd(profile_id: str | None, fmt: str) -> None:
    """The industry profiles (discharger.industry) with the standards that bind them, or one profile's
    limits (every row of those standards, with where it binds and the condition that selects it)."""
    from ..standards import bundled_library
    from ..standards.profiles import bundled_knowledge

    with input_errors():
        lib = bundled_library()
        kb = bundled_knowledge(lib.catalogue)

    def standards_of(pid: str) -> list[str]:
        return [s.code for s in lib if s.binding is not None and pid in s.binding.industries]

    if profile_id:
        p = kb.profile(profile_id)
        if p is None:
            near = kb.suggest(profile_id)
            hint = f"did you mean {', '.join(near)}? " if near else ""
            raise click.BadParameter(
                f"no profile {profile_id!r}; {hint}known: {', '.join(kb.profiles)}", param_hint="PROFILE_ID"
            )
        rows: list[dict[str, Any]] = []
        for code in standards_of(p.id):
            s = lib.get(code)
            assert s.binding is not None
            for sel in s.binding.select:
                table = s.table(sel.table)
                column = sel.column or ""
                for r in table.rows:
                    if sel.items and r.item not in sel.items:
                        continue
                    lim = r.limit(column) if column and column not in table.not_encoded else None
                    rows.append(
                        {
                            "parameter": r.parameter,
                            "comparison": r.comparison,
                            "limit": lim.describe() if lim else ("（未录入）" if column in table.not_encoded else "—"),
                            "unit": r.unit,
                            "point": ",".join(r.points or s.binding.points),
                            "source": lim.source if lim else f"{s.code} {table.number} 第{r.item}项 {column}",
                            "when": sel.text_zh,
                        }
                    )
        if fmt == "json":
            data = {"id": p.id, "name_zh": p.name_zh, "standards": standards_of(p.id), "limits": rows}
            click.echo(json.dumps(data, ensure_ascii=False, indent=2))
            return
        click.echo(f"{p.id}: {p.name_zh} / {p.name_en} — {', '.join(standards_of(p.id)) or 'no industry standard'}")
        for e in rows:
            click.echo(f"  {e['parameter']:<22} {e['limit']:>8} {e['unit']:<6} {e['point']:<16} {e['source']}")
        return
    items = [
        {
            "id": p.id,
            "name_zh": p.name_zh,
            "name_en": p.name_en,
            "standards": standards_of(p.id),
            "not_encoded": list(p.not_encoded),
            "aliases": list(p.aliases),
        }
        for p in kb
    ]
    if fmt == "json":
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
        return
    for i in items:
        click.echo(f"{i['id']:<24} {i['name_zh']:<12} {', '.join(i['standards'])}")
