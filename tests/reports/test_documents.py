"""What each rebuilt document says (issue 17): the report's first page and order, the basis from
the standards applied, sampling and laboratory with 未提供 for what is missing, deadlines; the
opinion's design conditions for only the streams produced and one table of declarations; the
第八条 notices with their event, a later notice citing the earlier one with only what is new."""

from __future__ import annotations

import re

import pytest

from wastewater_eval.reports import plan_documents
from wastewater_eval.reports.notice import NoticeContext
from wastewater_eval.reports.opinion import OpinionContext
from wastewater_eval.reports.report import ReportContext, Summary
from wastewater_eval.reports.sections import Placed, zh_numeral

from .cases import CASES, CONTROL, load_case
from .regenerate import golden_documents

DOCS = golden_documents()


def case(name: str) -> object:
    return load_case(next(c for c in CASES if c.name == name))


def context(name: str, kind: str, lang: str = "zh", recipient: str | None = None) -> object:
    plans = [p for p in plan_documents(case(name), lang, CONTROL) if p.kind == kind]  # type: ignore[arg-type]
    if recipient:
        plans = [p for p in plans if recipient in p.stem]
    return plans[0].context


def section(ctx: object, sid: str) -> Placed:
    return next(s for s in ctx.sections if s.id == sid)  # type: ignore[attr-defined]


def test_numbers_are_generated() -> None:
    assert [zh_numeral(n) for n in (1, 9, 10, 11, 20, 23)] == ["一", "九", "十", "十一", "二十", "二十三"]
    report = context("example", "report")
    assert isinstance(report, ReportContext)
    body = [s for s in report.sections if s.part == "body"]
    assert [s.number for s in body] == [f"{zh_numeral(i)}、" for i in range(1, len(body) + 1)]
    appendices = [s for s in report.sections if s.part == "appendix"]
    assert [s.number for s in appendices] == ["附录一　", "附录二　", "附录三　"]
    en = context("example", "report", "en")
    assert [s.number for s in en.sections if s.part == "body"][:3] == ["1. ", "2. ", "3. "]  # type: ignore[attr-defined]


def test_no_template_hand_types_a_section_number() -> None:
    from wastewater_eval.resources import data_dir

    for path in data_dir("templates").glob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<h[23][^>]*>\s*[一二三四五六七八九十]+、", text), path.name
        assert not re.search(r"<h[23][^>]*>\s*\d+\.", text), path.name


def test_the_report_is_ordered_for_its_reader() -> None:
    report = context("example", "report")
    assert [s.id for s in report.sections] == [  # type: ignore[attr-defined]
        "summary", "identification", "basis", "sampling", "results", "plant_side", "conclusions",
        "rectification", "agreements", "notes", "calculations", "lab_values", "charts",
    ]  # fmt: skip
    summary = section(report, "summary").data
    assert isinstance(summary, Summary)
    assert [c.answer for c in summary.conclusions] == ["不能被有效处理", "可能影响出水稳定达标"]
    drivers = {(d.row.name, d.row.sample): (d.row.value, d.row.limit, d.row.limit_source) for d in summary.drivers}
    assert drivers[("总镍", "2023-03-02-A")] == ("1.6", "1", "GB/T 31962-2015 表1 第27项 B级")
    assert len(summary.drivers) == 8  # every exceedance behind the two conclusions, each once
    actions = {a.action: a.deadline for a in summary.actions}
    assert actions["增设或改造预处理设施"] == "2024年8月30日"  # pretreat: 90 days from 2024-06-01


def test_the_first_page_carries_the_summary_and_the_notice() -> None:
    html = DOCS["GZ-HP-2023-0042-report.zh.html"]
    first = html[: html.index('id="section-identification"')]
    for seen in (
        "限值为暂定值",
        "评估摘要",
        "不能被有效处理",
        "可能影响出水稳定达标",
        "2024年8月30日",
        "DB 44/1597-2015 表2 第3项",  # the workshop's nickel: the new-project column (no EIA date given)
    ):
        assert seen in first


def test_the_basis_lists_exactly_the_standards_applied() -> None:
    basis = section(context("example", "report"), "basis").data
    codes = [s.code for s in basis.standards]
    # every discharge standard that binds the plater (GB 21900 binds though DB 44/1597 is stricter; GB 8978
    # does not: GB 21900 replaces it for platers), and the plant model's effluent limits (GB 18918, 第四条)
    assert set(codes) == {"GB/T 31962-2015", "DB 44/1597-2015", "GB 21900-2008", "GB 18918-2002"}
    assert "GB 3838-2002" not in codes  # the reuse comparison is not the report's basis
    gbt = next(s for s in basis.standards if s.code == "GB/T 31962-2015")
    assert gbt.title == "污水排入城镇下水道水质标准" and gbt.items == ("表1 第8、24、27项 B级",)
    assert basis.articles == "《办法》第四条、第五条第一项、第六条、第八条"
    assert basis.agreements == ("DCL-2023-007",)


def test_a_result_carrying_standards_applied_is_its_basis() -> None:
    a = case("example")
    nickel = {"method": "GB/T 11912-1989", "detection_limit": "0.05 mg/L"}
    a.standards_applied = [
        {"code": "GB/T 31962-2015", "title_zh": "污水排入城镇下水道水质标准", "title_en": "x", "status": "provisional",
         "items": ["表1 第27项 B级"], "methods": {"total_nickel": nickel}},
    ]  # fmt: skip
    a.standards_applied.append(
        {
            "code": "GB 99999-2099",
            "title_zh": "某行业排放标准",
            "status": "encoded",
            "items": ["表2 第1项"],
            "binds": True,
        }
    )
    report = next(p for p in plan_documents(a, "zh", CONTROL) if p.kind == "report").context
    basis = section(report, "basis").data
    by_code = {s.code: s for s in basis.standards}
    assert list(by_code)[:2] == ["GB/T 31962-2015", "GB 99999-2099"]  # the result's own list, in its order
    assert by_code["GB/T 31962-2015"].status == "provisional"
    assert by_code["GB/T 31962-2015"].items == ("表1 第8、24、27项 B级",)  # the items this report's limits came from
    assert by_code["GB 99999-2099"].items == ("表2 第1项",)  # a standard that bound but never decided: its own items
    assert "DB 44/1597-2015" in by_code  # the report's limits came from it too
    lab = a.subject["laboratory"]
    lab["methods"] = [m for m in lab["methods"] if m["parameter"] != "total_nickel"]  # the file gives none
    report = next(p for p in plan_documents(a, "zh", CONTROL) if p.kind == "report").context
    methods = {m.name: m for m in section(report, "sampling").data.methods}
    assert (methods["总镍"].method, methods["总镍"].source) == ("GB/T 11912-1989", "GB/T 31962-2015")


def test_sampling_and_laboratory_say_what_is_missing() -> None:
    s = section(context("example", "report"), "sampling").data
    assert s.laboratory == "广州示例检测技术有限公司" and s.cma == "201919123456"
    assert [r.composite for r in s.samples] == ["2 h 内等时间间隔采样 4 次混合", "—"]  # a grab sample has none
    methods = {m.name: (m.method, m.detection_limit) for m in s.methods}
    assert methods["总镍"] == ("HJ 776-2015", "0.007 mg/L") and methods["悬浮物"] == ("未提供", "未提供")
    values = section(context("example", "report"), "lab_values").data
    assert ("2023-03-02-A", "总氰化物", "ND(0.004 mg/L)") in {(v.sample, v.written_as, v.as_given) for v in values}


def test_rectification_has_deadlines_and_follow_up() -> None:
    rows = section(context("example", "report"), "rectification").data
    pretreat = next(r for r in rows if r.code == "pretreat")
    assert (pretreat.actor, pretreat.deadline) == ("排水户", "2024年8月30日")
    assert pretreat.follow_up == "整改期限届满后 7 日内复测（2024年9月6日前）"
    operator = next(r for r in rows if r.code == "monitoring_frequency")
    assert (operator.actor, operator.deadline) == ("运营单位", "—")


def test_the_food_plant_report_shows_its_agreement_in_force() -> None:
    report = context("food", "report")
    assert isinstance(report, ReportContext)
    (ag,) = report.agreements
    assert ag.in_force and ag.state == "有效"
    summary = section(report, "summary").data
    assert [(d.row.name, d.row.value, d.row.limit) for d in summary.drivers] == [("氨氮", "52", "45")]


def test_the_hospital_report_applies_gb_18466() -> None:
    report = context("hospital", "report")
    names = {d.row.name: d.row.limit_source for d in section(report, "summary").data.drivers}
    assert names["粪大肠菌群"] == "GB 18466-2005 表2 第1项 预处理标准"
    assert "GB 18466-2005" in [s.code for s in section(report, "basis").data.standards]


def test_the_opinion_asks_only_for_the_streams_the_processes_produce() -> None:
    opinion = context("prospective", "opinion")
    assert isinstance(opinion, OpinionContext)
    design = section(opinion, "design").data
    separate = next(c.text for c in design.conditions if c.title == "分质收集")
    assert all(s in separate for s in ("含镍废水", "含铬废水", "含氰废水"))
    assert "含镉废水" not in separate and "含汞废水" not in separate  # no process uses cadmium or mercury
    rows = {r.pollutant: r for r in design.pretreatment}
    assert "还原为三价铬" in rows["六价铬"].requirement and "混合前完成破氰" in rows["总氰化物"].requirement
    assert "总镉" not in rows
    online = next(c.text for c in design.conditions if c.title == "在线监测")
    assert "总镍" in online and "总镉" not in online
    declared = {d.item: d for d in section(opinion, "declarations").data}
    assert declared["总镉"].processes == "申报工艺未涉及（请说明是否使用）"
    assert declared["总镉"].why == "电镀行业特征污染物"
    assert declared["总氰化物"].processes == "氰化钠"
    assert len(declared) == 18  # one table (18 of the 21 pollutants have no declared value), not a line each
    html = DOCS["GZ-ZC-2024-0107-opinion.zh.html"]
    assert "事故应急池" in html and "排水户应申报" not in html  # the rules’ 须申报 sentences are the table now


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_first_notice_carries_its_event(lang: str) -> None:
    notice = context("notice-1", "notice", lang, "ecology")
    assert isinstance(notice, NoticeContext)
    assert notice.control.number == "GZ-HP-2024-0801-告知-2024-002" and notice.previous == ()
    nickel = next(i for i in notice.items if i.values)
    assert [v.at for v in nickel.values] == ["2024-05-21", "2024-05-22", "2024-05-23"]
    facts = dict(nickel.facts)
    label = {"zh": ("数据来源", "MN 88888880000001"), "en": ("Data source", "MN 88888880000001")}[lang]
    assert label[1] in facts[label[0]]
    assert nickel.deadline == {"zh": "2024年6月22日", "en": "22 June 2024"}[lang]
    assert len(notice.items) == 2  # the nickel exceedances and the agreement's coming end


def test_a_later_notice_cites_the_earlier_and_lists_only_what_is_new() -> None:
    notice = context("notice-2", "notice", "zh", "ecology")
    assert isinstance(notice, NoticeContext)
    assert notice.control.number == "GZ-HP-2024-0801-告知-2024-004"
    assert notice.previous == ("GZ-HP-2024-0801-告知-2024-002",)
    assert "接续第 GZ-HP-2024-0801-告知-2024-002 号告知" in notice.intro
    (nickel,) = notice.items  # the agreement's end was notified already: not repeated
    assert nickel.values[0].at == "2024-05-24"


def test_an_assessments_own_notice_has_no_details_and_still_renders() -> None:
    notice = context("example", "notice", "zh", "ecology")
    assert isinstance(notice, NoticeContext)
    (item,) = notice.items
    assert not item.detailed and "代处理协议DCL-2023-007已到期" in item.text


def test_an_assessment_outside_the_measures_says_so_on_page_1_of_every_document() -> None:
    from wastewater_eval.assessment.result import Advice
    from wastewater_eval.reports import make_environment, render_html

    a = case("example")
    text = ("评估日期2030-06-01不在《评估办法》有效期内", "The assessment date 2030-06-01 is outside")
    a.warnings.append(Advice("outside_measures", text[0], text[1], "ADM-030"))  # type: ignore[attr-defined]
    for lang, words in (("zh", text[0]), ("en", text[1])):
        for plan in plan_documents(a, lang, CONTROL):  # type: ignore[arg-type]
            html = render_html(make_environment(), plan)
            assert words in html.split('<p class="recipients">')[0], plan.stem


def test_an_empty_standards_applied_reads_the_findings() -> None:
    a = case("example")
    a.standards_applied = []  # what a result made before the list existed reads back as
    report = next(p for p in plan_documents(a, "zh", CONTROL) if p.kind == "report").context  # type: ignore[arg-type]
    codes = [s.code for s in section(report, "basis").data.standards]
    assert "DB 44/1597-2015" in codes  # from the findings' limit sources
    assert "GB 8978-1996" in codes  # and from the rules' clauses (SMP-001 cites its 4.2.1.1)
