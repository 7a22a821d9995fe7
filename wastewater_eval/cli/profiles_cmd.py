from __future__ import annotations

import json

import click

from .common import input_errors


@click.command("profiles")
@click.argument("profile_id", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def profiles_cmd(profile_id: str | None, fmt: str) -> None:
    """The industry profiles (discharger.industry) with their standards, or one profile's limits."""
    from ..standards.profiles import bundled_knowledge

    with input_errors():
        kb = bundled_knowledge()
    if profile_id:
        p = kb.profile(profile_id)
        if p is None:
            raise click.BadParameter(
                f"no profile {profile_id!r}; known: {', '.join(kb.profiles)}", param_hint="PROFILE_ID"
            )
        rows = [
            {
                "parameter": lim.parameter,
                "comparison": lim.comparison,
                "limit": str(lim.value) if lim.value is not None else f"{lim.low}~{lim.high}",
                "unit": lim.unit,
                "point": lim.point,
                "source": lim.source,
            }
            for lim in p.limits
        ]
        if fmt == "json":
            click.echo(
                json.dumps(
                    {"id": p.id, "name_zh": p.name_zh, "standards": p.standards, "limits": rows},
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        click.echo(f"{p.id}: {p.name_zh} / {p.name_en} — {', '.join(p.standards) or 'no industry standard'}")
        for r in rows:
            click.echo(f"  {r['parameter']:<22} {r['limit']:>8} {r['unit']:<6} {r['point']:<16} {r['source']}")
        return
    items = [
        {
            "id": p.id,
            "name_zh": p.name_zh,
            "name_en": p.name_en,
            "standards": list(p.standards),
            "aliases": list(p.aliases),
        }
        for p in kb
    ]
    if fmt == "json":
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
        return
    for i in items:
        click.echo(f"{i['id']:<24} {i['name_zh']:<12} {', '.join(i['standards'])}")
