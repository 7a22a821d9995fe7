"""The Jinja environment: autoescape, StrictUndefined, user templates overriding by name in the sandbox."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from wastewater_eval.assessment.result import Assessment
from wastewater_eval.reports import make_environment, plan_documents, render_html
from wastewater_eval.reports.html import TemplateError
from wastewater_eval.reports.pdf import render_pdf
from wastewater_eval.reports.report import ReportContext

from .cases import CASES, load_case

SCRIPT = "<script>alert(1)</script>"


def example() -> Assessment:
    return load_case(CASES[0])


def test_a_discharger_named_script_shows_as_text() -> None:
    a = example()
    a.discharger = {**a.discharger, "name": SCRIPT}
    a.subject = {**a.subject, "name": SCRIPT}  # the documents name the discharger from the subject
    a.findings = [dataclasses.replace(f, sample=f"<b>{f.sample}</b>") if f.sample else f for f in a.findings]
    env = make_environment()
    plans = plan_documents(a, "zh")
    assert plans
    for plan in plans:
        html = render_html(env, plan)
        assert "<script>" not in html and "<b>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    report = next(p for p in plans if p.kind == "report")
    assert isinstance(report.context, ReportContext)
    svg = report.context.charts[0].svg
    assert "&lt;b&gt;2023-03-02-A&lt;/b&gt;" in svg
    pdf = render_pdf(render_html(env, report), "script")
    assert pdf.data.startswith(b"%PDF-")


def test_user_templates_override_by_name(tmp_path: Path) -> None:
    (tmp_path / "notice.zh.html").write_text(
        '{% extends "base.html" %}{% block body %}<p>自定义告知：{{ discharger.name }}</p>{% endblock %}',
        encoding="utf-8",
    )
    a = example()
    env = make_environment(tmp_path)
    out = {p.kind: render_html(env, p) for p in plan_documents(a, "zh")}
    assert "自定义告知：广州示例电镀有限公司" in out["notice"]
    assert "自定义告知" not in out["report"]  # the bundled report is used where no override exists


@pytest.mark.parametrize(
    "source",
    [
        "{% set x = [] %}{{ x.append(1) }}",  # the immutable sandbox refuses to change objects
        "{{ discharger.__class__.__mro__ }}",  # no private attributes
        "{{ title.format_map.__globals__ }}",
    ],
)
def test_user_templates_run_in_the_sandbox(tmp_path: Path, source: str) -> None:
    (tmp_path / "report.zh.html").write_text(source, encoding="utf-8")
    a = example()
    plan = next(p for p in plan_documents(a, "zh") if p.kind == "report")
    with pytest.raises(TemplateError) as err:
        render_html(make_environment(tmp_path), plan)
    assert "report.zh.html" in str(err.value)


def test_a_misspelt_name_fails_instead_of_printing_nothing(tmp_path: Path) -> None:
    (tmp_path / "report.zh.html").write_text("<p>{{ dischrager.name }}</p>", encoding="utf-8")
    a = example()
    plan = next(p for p in plan_documents(a, "zh") if p.kind == "report")
    with pytest.raises(TemplateError, match="dischrager"):
        render_html(make_environment(tmp_path), plan)


def test_a_template_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "report.zh.html").write_text("<p>\n{% if %}\n</p>", encoding="utf-8")
    a = example()
    plan = next(p for p in plan_documents(a, "zh") if p.kind == "report")
    with pytest.raises(TemplateError, match=r"report\.zh\.html:2"):
        render_html(make_environment(tmp_path), plan)


def test_bundled_environment_is_strict_and_autoescaping() -> None:
    env = make_environment()
    assert env.autoescape is True
    with pytest.raises(Exception, match="nothing"):
        env.from_string("{{ nothing }}").render()
    assert env.from_string("{{ x }}").render(x="<i>") == "&lt;i&gt;"
