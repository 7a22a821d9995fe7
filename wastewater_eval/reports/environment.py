"""The one Jinja environment the documents are rendered with.

Autoescaped (a discharger called ``<script>`` prints as text) and ``StrictUndefined`` (a
misspelt name fails instead of printing nothing). User templates (``--templates DIR``)
override the bundled ones by file name and run in Jinja's immutable sandbox; they can still
``{% extends %}`` or ``{% include %}`` the bundled ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..resources import data_dir
from . import terms


def _options(loader: BaseLoader) -> dict[str, Any]:
    return {
        "loader": loader,
        "autoescape": True,
        "undefined": StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "auto_reload": False,
    }


def make_environment(templates: Path | None = None) -> Environment:
    """The environment for the bundled templates, or for ``templates`` over them (sandboxed)."""
    bundled = FileSystemLoader(str(data_dir("templates")), encoding="utf-8")
    env: Environment
    if templates is None:
        env = Environment(**_options(bundled))
    else:
        user = FileSystemLoader(str(templates), encoding="utf-8")
        env = ImmutableSandboxedEnvironment(**_options(ChoiceLoader([user, bundled])))
    env.filters["num"] = terms.number
    env.filters["sentence"] = terms.sentence
    return env
