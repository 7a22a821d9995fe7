from __future__ import annotations

import json

import click


@click.command("schema")
@click.argument("name", type=click.Choice(["discharger", "plants"]))
def schema_cmd(name: str) -> None:
    """Print the JSON Schema of a file format, for editors to validate files as users type."""
    from ..inputs.schema import DISCHARGER_SCHEMA, PLANTS_SCHEMA

    schema = DISCHARGER_SCHEMA if name == "discharger" else PLANTS_SCHEMA
    click.echo(json.dumps(schema, ensure_ascii=False, indent=2))
