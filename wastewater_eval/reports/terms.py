"""The words the documents use, in Chinese and English, keyed by the codes of the result.

Terms of the Measures, names of standards and clause numbers stay exact in both languages:
the English documents print them in Chinese beside the English, never a paraphrase alone.
A code with no entry here prints as the code itself (the rules may grow faster than this
table), so a new status never breaks a report.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

LANGS = ("zh", "en")
HTML_LANG = {"zh": "zh-CN", "en": "en"}

MEASURES_ZH = "《广州市生产废水对公共排水与污水处理设施安全运行影响评估办法》（穗水规字〔2022〕7号）"
MEASURES_EN = (
    "the Guangzhou Measures for assessing the effect of production wastewater on the safe operation "
    "of public drainage and sewage treatment facilities "
    "(《广州市生产废水对公共排水与污水处理设施安全运行影响评估办法》, 穗水规字〔2022〕7号)"
)

STATUS = {
    "exceeds": ("超标", "exceeds"),
    "complies": ("达标", "complies"),
    "inconclusive": ("无法判定", "inconclusive"),
    "not_regulated": ("无限值", "not regulated"),
    "wrong_sampling_point": ("采样点位不符", "wrong sampling point"),
    "expired": ("已到期", "expired"),
    "expiring": ("将到期", "expiring"),
    "not_permitted": ("约定无效", "term not permitted"),
    "destination_standard": ("须满足受纳水体要求", "destination standards apply"),
    "not_assessed": ("未评估", "not assessed"),
    "requires_pretreatment": ("须预处理", "pretreatment required"),
    "needs_declaration": ("须申报浓度", "concentration to be declared"),
    "capacity_exceeded": ("超出处理能力", "capacity exceeded"),
    "large_share": ("占余量比例大", "large share of spare capacity"),
}

SUBJECT = {
    "measurement": ("浓度", "concentration"),
    "load": ("日排放量", "daily load"),
    "reuse_check": ("GB 3838 对照", "GB 3838 check"),
    "permit": ("许可证", "permit"),
    "agreement": ("代处理协议", "treatment agreement (代处理协议)"),
    "agreement_term": ("协议条款", "agreement term"),
    "discharger": ("排水户", "discharger (排水户)"),
    "plant_check": ("污水处理厂校核", "plant check (第四条)"),
    "plant_model": ("污水处理厂模型", "plant model (第四条)"),
}

POINT = {
    "final_outlet": ("总排口", "final outlet"),
    "workshop_outlet": ("车间排放口", "workshop outlet"),
}

SAMPLE_KIND = {"grab": ("瞬时样", "grab"), "composite": ("混合样", "composite")}

TREATMENT_LEVEL = {
    "reclamation": ("再生处理", "reclamation"),
    "secondary": ("二级处理", "secondary treatment"),
    "primary": ("一级处理", "primary treatment"),
    "none": ("无城镇污水处理设施", "no municipal treatment plant"),
}

PERMIT = {
    "drainage": ("排水许可证", "Drainage permit (排水许可证)"),
    "pollutant": ("排污许可证", "Pollutant discharge permit (排污许可证)"),
}

CONCLUSION = {
    "effectively_treatable": (
        "生产废水所含污染物能否被污水处理设施有效处理",
        "Can the facilities treat the pollutants effectively?",
    ),
    "may_affect_effluent": (
        "是否可能影响污水处理设施出水稳定达标",
        "May it affect the plant's stable effluent compliance?",
    ),
    "report_to_district": ("是否上报区水务行政主管部门", "Report to the district water authority?"),
    "reuse_encouraged": (
        "是否鼓励自行回用或自愿排入自然水体（第七条）",
        "Encourage reuse or discharge to natural water (第七条)?",
    ),
}

CONCLUSION_VALUE = {
    "effectively_treatable": {
        True: ("能被有效处理", "can be treated effectively"),
        False: ("不能被有效处理", "cannot be treated effectively"),
    },
    "may_affect_effluent": {
        True: ("可能影响出水稳定达标", "may affect stable effluent compliance"),
        False: ("不影响出水稳定达标", "does not affect stable effluent compliance"),
    },
    "report_to_district": {
        True: ("应上报", "to be reported"),
        False: ("无需上报", "no report needed"),
    },
    "reuse_encouraged": {
        True: ("鼓励", "encouraged"),
        False: ("不适用", "not applicable"),
    },
}
INCONCLUSIVE = ("无法判定", "inconclusive")

VERDICT = {
    "connect": ("可以接入", "may be connected"),
    "connect_after_pretreatment": ("经预处理达标后方可接入", "may be connected after pretreatment"),
    "do_not_connect": ("按现设计不得接入", "must not be connected as designed"),
}

DOCUMENT = {
    "report": ("评估报告", "Assessment report"),
    "notice": ("书面告知", "Written notice"),
    "reuse": ("回用建议", "Reuse recommendation"),
    "opinion": ("排水设施设计条件咨询意见", "Design-condition consultation opinion"),
}

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def pick(table: dict[str, tuple[str, str]], code: str | None, lang: str) -> str:
    """The label of ``code`` in ``lang``; an unknown code prints as itself, ``None`` as a dash."""
    if code is None:
        return "—"
    pair = table.get(code)
    return code if pair is None else pair[LANGS.index(lang)]


def both(pair: tuple[str, str], lang: str) -> str:
    return pair[LANGS.index(lang)]


def conclusion_value(name: str, value: bool | None, lang: str) -> str:
    if value is None:
        return both(INCONCLUSIVE, lang)
    pair = CONCLUSION_VALUE.get(name, {}).get(value)
    if pair is None:
        return {True: ("是", "yes"), False: ("否", "no")}[value][LANGS.index(lang)]
    return both(pair, lang)


def long_date(day: dt.date, lang: str) -> str:
    """A date as a letter prints it: 2024年6月1日, or 1 June 2024."""
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def district_branch(district: str) -> str:
    """The ecology-environment bureau's branch for a district: 黄埔区 → 广州市生态环境局黄埔分局."""
    short = district[:-1] if district.endswith("区") and len(district) > 2 else district
    return f"广州市生态环境局{short}分局"


def recipients(code: str, district: str, lang: str) -> tuple[str, ...]:
    """Who a notice goes to. 第八条 names the city bureau and its branches, and the water authority."""
    if code == "ecology_environment_bureau":
        if lang == "zh":
            return ("广州市生态环境局", district_branch(district))
        return (
            "Guangzhou Municipal Bureau of Ecology and Environment (广州市生态环境局)",
            f"its {district} branch ({district_branch(district)})",
        )
    if code == "ecology_environment_branch":
        if lang == "zh":
            return (district_branch(district),)
        return (
            f"The {district} branch of the Guangzhou Municipal Bureau of Ecology and Environment "
            f"({district_branch(district)})",
        )
    if code == "district_water_authority":
        if lang == "zh":
            return (f"{district}水务行政主管部门",)
        return (f"The district water authority of {district} ({district}水务行政主管部门)",)
    return (code,)


def recipient_slug(code: str) -> str:
    """The part of a notice's file name that names its recipient."""
    return code.replace("_", "-")


def number(value: object) -> str:
    """A number as printed in a table: exact decimals, no exponent, no trailing zeros; None as a dash."""
    if value is None:
        return "—"
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return str(value)
    d = Decimal(str(value)).normalize()
    text = format(d, "f")
    return "0" if text in ("-0", "") else text


def sentence(text: str, lang: str) -> str:
    """``text`` ending with a full stop of its language, unless it already ends a sentence."""
    text = text.rstrip()
    if not text or text[-1] in "。．.！!？?；;":
        return text
    return text + ("。" if lang == "zh" else ".")
