"""Golden HTML of every document, on fixed inputs (``cases.CASES``), in both languages.

The inputs are frozen results (``fixtures/``) with a fixed ``as_of`` and nothing that depends
on the clock, so the HTML is byte-for-byte stable. When a change to the templates or the
context is meant, regenerate and review the diff:

    python -m tests.reports.regenerate
"""

from __future__ import annotations

import difflib

import pytest

from .cases import GOLDEN
from .regenerate import golden_documents

DOCS = golden_documents()


def test_every_golden_file_is_produced() -> None:
    on_disk = {p.name for p in GOLDEN.glob("*.html")}
    assert on_disk == set(DOCS), "run: python -m tests.reports.regenerate"


def test_the_documents_each_case_calls_for() -> None:
    """A plater, a food plant with an agreement and a hospital (reports, with the plater's notices), a
    clean discharger (reuse), a plant-impact case, a prospective plater (opinion), and two successive
    notices of one tracking event (issue 17)."""
    assert sorted(DOCS) == [
        f"{stem}.{lang}.html"
        for stem in (
            "GZ-HP-2023-0042-notice-district-water-authority",
            "GZ-HP-2023-0042-notice-ecology-environment-bureau",
            "GZ-HP-2023-0042-report",
            "GZ-NS-2024-0401-reuse",
            "GZ-PLANT-ni-report",
            "GZ-PY-2024-0315-report",
            "GZ-TH-2023-0620-report",
            "GZ-ZC-2024-0107-opinion",
            "first-GZ-HP-2024-0801-notice-district-water-authority",
            "first-GZ-HP-2024-0801-notice-ecology-environment-bureau",
            "second-GZ-HP-2024-0801-notice-district-water-authority",
            "second-GZ-HP-2024-0801-notice-ecology-environment-bureau",
        )
        for lang in ("en", "zh")
    ]


@pytest.mark.parametrize("name", sorted(DOCS))
def test_golden_html(name: str) -> None:
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    actual = DOCS[name]
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True), actual.splitlines(keepends=True), f"golden/{name}", "rendered", n=2
            )
        )
        pytest.fail(f"{name} differs from its golden file (python -m tests.reports.regenerate):\n{diff[:4000]}")


@pytest.mark.parametrize("name", sorted(DOCS))
def test_html_is_self_contained(name: str) -> None:
    html = DOCS[name]
    for outside in ("http://", "https://", "<link", "<script", "src=", "@import", "url("):
        if outside == "http://" and "http://www.w3.org/2000/svg" in html:
            html = html.replace("http://www.w3.org/2000/svg", "")
        assert outside not in html, f"{name} refers to something outside itself: {outside}"
    assert "<style>" in html


def test_language_and_provenance_on_each_document() -> None:
    for name, html in DOCS.items():
        lang = "zh-CN" if name.endswith(".zh.html") else "en"
        assert f'<html lang="{lang}">' in html
        assert 'class="provenance"' in html
        assert "SHA-256" in html and "wasteval 0.1.0" in html


def test_terms_standards_and_clauses_stay_exact_in_english() -> None:
    report = DOCS["GZ-HP-2023-0042-report.en.html"]
    for exact in ("第五条第一项", "穗水规字〔2022〕7号", "GB/T 31962-2015", "代处理协议", "广州示例电镀有限公司"):
        assert exact in report
    notice = DOCS["GZ-HP-2023-0042-notice-ecology-environment-bureau.en.html"]
    for exact in ("第八条", "排污许可证", "排水许可证", "广州市生态环境局黄埔分局"):
        assert exact in notice


def test_a_chart_per_exceeding_parameter() -> None:
    report = DOCS["GZ-HP-2023-0042-report.zh.html"]
    assert report.count("<svg ") == 7
    assert 'id="chart-total_nickel"' in report
