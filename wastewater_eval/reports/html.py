"""Rendering a planned document to HTML with the one environment."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError

from .context import Letter
from .documents import DocumentPlan
from .errors import ReportError


class TemplateError(ReportError):
    """A template that cannot be found, compiled or rendered with its context."""

    def __init__(self, template: str, reason: str, line: int | None = None) -> None:
        self.template = template
        self.reason = reason
        self.line = line
        where = f"{template}:{line}" if line else template
        super().__init__(f"template {where}: {reason}")


def template_fields(context: Letter) -> dict[str, Any]:
    """The context's fields as the template's top-level names."""
    return {f.name: getattr(context, f.name) for f in fields(context)}


def render_html(env: jinja2.Environment, plan: DocumentPlan) -> str:
    """The document's HTML: self-contained (inline CSS and SVG), autoescaped."""
    try:
        return env.get_template(plan.template).render(template_fields(plan.context))
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(plan.template, f"not found: {exc.name}") from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(exc.name or plan.template, exc.message or "syntax error", exc.lineno) from exc
    except (jinja2.UndefinedError, SecurityError) as exc:
        raise TemplateError(plan.template, str(exc)) from exc
