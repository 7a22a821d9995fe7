"""The typed context, the charts, which documents a result calls for, and small formatting rules."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import pytest

from wastewater_eval.assessment.result import Conclusion
from wastewater_eval.reports import plan_documents
from wastewater_eval.reports.charts import exceedance_chart, exceeding_parameters
from wastewater_eval.reports.documents import safe_name
from wastewater_eval.reports.errors import OpinionShapeError
from wastewater_eval.reports.opinion import opinion_info
from wastewater_eval.reports.report import ReportContext
from wastewater_eval.reports.terms import district_branch, long_date, number, sentence

from .cases import CASES, FIXTURES, ROOT, load_case

SVG = "{http://www.w3.org/2000/svg}"


def test_number_formatting() -> None:
    assert [number(v) for v in (1, 1.0, 0.004, 120, 6.5, None, 1e-4)] == [
        "1",
        "1",
        "0.004",
        "120",
        "6.5",
        "—",
        "0.0001",
    ]


def test_sentences_and_dates() -> None:
    assert sentence("应采样", "zh") == "应采样。"
    assert sentence("done.", "en") == "done."
    assert long_date(dt.date(2024, 6, 1), "zh") == "2024年6月1日"
    assert long_date(dt.date(2024, 6, 1), "en") == "1 June 2024"
    assert district_branch("黄埔区") == "广州市生态环境局黄埔分局"


def test_file_names_are_safe_and_predictable() -> None:
    assert safe_name("GZ-HP-2023-0042") == "GZ-HP-2023-0042"
    assert safe_name("../etc/passwd") == "etc_passwd"
    assert safe_name("排水户") == "discharger"


def test_a_compliant_result_calls_for_no_document() -> None:
    a = load_case(CASES[0])
    a.conclusions = {k: Conclusion(k, v, ()) for k, v in {"report_to_district": False}.items()}
    a.notifications = []
    assert plan_documents(a, "zh") == []


def test_unknown_language_is_refused() -> None:
    a = load_case(CASES[0])
    with pytest.raises(ValueError, match="fr"):
        plan_documents(a, "fr")


def test_report_context_findings_and_conclusions() -> None:
    a = load_case(CASES[0])
    report = plan_documents(a, "zh")[0].context
    assert isinstance(report, ReportContext)
    treat, effluent = report.conclusions
    assert (treat.name, treat.value, treat.adverse) == ("effectively_treatable", False, True)
    assert [(r.name, r.sample, r.value, r.limit) for r in treat.findings] == [
        ("总铜", "2023-03-02-A", "1.2", "1"),  # DB 44/1597-2015 4.2.7: 2 × 表1 0.5
        ("总镍", "2023-03-02-A", "1.6", "1"),  # GB/T 31962-2015 表1 B
        ("总铬", "2023-03-02-W", "0.8", "0.5"),  # DB 44/1597-2015 表1 (existing project), workshop
        ("总镍", "2023-03-02-W", "2.4", "0.1"),  # DB 44/1597-2015 表2 (new project: no EIA date given)
    ]
    assert [(r.name, r.value, r.limit) for r in effluent.findings] == [
        ("氨氮", "38", "30"),
        ("化学需氧量", "420", "160"),
        ("悬浮物", "180", "60"),
        ("总磷", "3.1", "2"),
    ]
    assert report.agreements[0].state == "已到期"
    assert "examples/" not in " ".join(report.warnings)


def test_a_chart_per_exceeding_parameter_is_valid_svg() -> None:
    a = load_case(CASES[0])
    assert set(exceeding_parameters(a.findings)) == {
        "ammonia_nitrogen", "cod", "suspended_solids", "total_copper", "total_nickel", "total_phosphorus",
        "total_chromium",
    }  # fmt: skip
    chart = exceedance_chart("total_nickel", a.findings, "en")
    assert chart is not None
    root = ET.fromstring(str(chart.svg))
    bars = [r for r in root.iter(f"{SVG}rect")]
    assert len(bars) == 2
    assert all(b.get("fill") == "#b3261e" for b in bars)  # both samples exceed
    assert (
        chart.svg.count('stroke-dasharray="4 3"') == 2
    )  # a limit mark per row: 1 at the final outlet, 0.5 at the workshop
    # the English caption cites the tables in English (issue 17: no untranslated Chinese)
    assert chart.limits == (
        "Limit: 1 (GB/T 31962-2015 Table 1 item 27, grade B); 0.1 (DB 44/1597-2015 Table 2 item 3, Pearl River Delta)"
    )


def test_range_limits_and_per_row_limits() -> None:
    a = load_case(CASES[0])
    ph = [dataclasses.replace(f, status="exceeds", value=10.2) for f in a.findings if f.parameter == "ph"]
    chart = exceedance_chart("ph", ph, "zh")
    assert chart is not None and "限值范围 6.5~9" in chart.svg  # DB 44/1597-2015 4.2.7 within GB/T 31962's 6.5~9.5
    mixed = [f for f in a.findings if f.parameter == "cod" and f.subject == "measurement"]
    mixed.append(dataclasses.replace(mixed[0], sample="S2", limit=500, status="exceeds", value=650))
    chart = exceedance_chart("cod", mixed, "zh")
    assert chart is not None and chart.svg.count('stroke-dasharray="4 3"') == 2  # a limit mark per row


def opinion() -> dict[str, Any]:
    doc = json.loads((FIXTURES / "prospective.assessment.json").read_text(encoding="utf-8"))
    return dict(doc["opinion"])


def test_opinion_context() -> None:
    info = opinion_info(opinion(), "zh")
    assert info.verdict_label == "经预处理达标后方可接入"
    declared = {p.name: (p.reduction, p.limit) for p in info.pollutants}
    assert declared["总镍"] == ("99.7%", "0.1")  # 35 → 0.1 mg/L, DB 44/1597-2015 表2 (new project)
    assert declared["六价铬"] == ("99.2%", "0.1")  # 12 → 0.1 mg/L
    assert declared["pH值"] == ("—", "6.5~9")  # DB 44/1597-2015 4.2.7 is stricter than 6.5~9.5
    assert info.capacity.remaining == "14000 m³/d"
    assert info.unknown_items == ()
    en = opinion_info(opinion(), "en")
    assert en.pollutants[0].name == "Ammonia nitrogen"  # no Chinese gloss in English (issue 17)
    assert any(t.startswith("Total nickel expected at 35 mg/L") for t in en.pretreatment)


def test_opinion_without_a_verdict_says_it_cannot_be_decided() -> None:
    raw = opinion()
    raw["verdict"] = None
    assert opinion_info(raw, "zh").verdict_label == "现有资料不足以作出结论"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda o: o.pop("capacity"), "opinion: capacity"),
        (lambda o: o["pollutants"][0].pop("name_zh"), "pollutants[0].name_zh"),
        (lambda o: o.update(verdict="maybe"), "verdict"),
        (lambda o: o.update(conditions="一句话"), "conditions"),
    ],
)
def test_opinion_shape_errors_name_the_field(change: Callable[[dict[str, Any]], object], field: str) -> None:
    raw = copy.deepcopy(opinion())
    change(raw)
    with pytest.raises(OpinionShapeError, match=field.replace("[", r"\[").replace("]", r"\]")):
        opinion_info(raw, "zh")


def test_help_and_the_reports_package_do_not_import_the_pdf_library() -> None:
    code = (
        "import sys; from click.testing import CliRunner; from wastewater_eval.cli import main; "
        "import wastewater_eval.reports; "
        "r = CliRunner().invoke(main, ['assess', '--help']); assert r.exit_code == 0, r.output; "
        "assert 'weasyprint' not in sys.modules, 'weasyprint imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_the_plant_chapter_lists_every_check_with_its_numbers() -> None:
    a = load_case(CASES[3])
    zh = plan_documents(a, "zh")[0].context
    assert isinstance(zh, ReportContext) and zh.plant_impact is not None
    rows = {(c.item, c.parameter): c for c in zh.plant_impact.checks}
    eff = rows[("出水预测", "氨氮")]
    # (80000 × 12 + 500 × 600) ÷ 80500 = 15.652 mg/L at the headworks, × (1 − 0.9) = 1.565 > 1.5 (GB 3838 Ⅳ类)
    assert (eff.value, eff.limit, eff.margin, eff.verdict_label) == (
        "1.565 mg/L",
        "1.5 mg/L",
        "-0.06522 mg/L",
        "不满足",
    )
    inhib = rows[("生物处理抑制（硝化）", "总镍")]
    assert (inhib.limit, inhib.verdict_label, inhib.stable_label) == ("0.25 mg/L", "满足", "留有安全余量")
    (nickel,) = [p for p in zh.plant_impact.parameters if p.name == "总镍"]
    assert [s.symbol for s in nickel.local_limit][-3:] == ["MAHL", "MAIL", "C_ind"]
    assert nickel.local_limit[-1].worked == "1.615 × 1000 ÷ 500 = 3.23"
    assert dict(nickel.sources)["R"] == "排水户文件 receiving.plant.removal: 0.4（第 32 行）"  # in Chinese (issue 17)
    assert zh.plant_impact.sludge_route == "土地利用（农用）（酸性土壤 pH<6.5）"
    en = plan_documents(a, "en")[0].context
    assert isinstance(en, ReportContext) and en.plant_impact is not None
    assert dict(en.plant_impact.parameters[1].sources)["R"].startswith("discharger file")


def test_an_unknown_check_prints_no_margin() -> None:
    from wastewater_eval.reports.plantimpact import plant_impact

    check = {
        "id": "effluent:total_nickel",
        "verdict": "unknown",
        "stable": "unknown",
        "value": {"value": 0.01, "unit": "mg/L"},
        "limit": {"value": 0.05, "unit": "mg/L"},
        "margin": {"value": 0.04, "unit": "mg/L"},
        "note": "plant influent concentration unknown: taken as 0, so this is a lower bound",
    }
    section = {"plant": {}, "parameters": {"total_nickel": {"effluent_check": check}}}
    pi = plant_impact(section, {"total_nickel": "总镍"}, "zh")
    assert pi is not None
    (row,) = pi.checks
    assert (row.margin, row.verdict_label, row.stable_label) == ("—", "无法判定", "—")
    assert row.note == "污水厂现状进水浓度未知，按 0 计，所得为下限"
    assert plant_impact(None, {}, "zh") is None
