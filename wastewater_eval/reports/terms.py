"""The words the documents use, in Chinese and English, keyed by the codes of the result.

Terms of the Measures, names of standards and clause numbers stay exact in both languages:
the English documents print them in Chinese beside the English, never a paraphrase alone.
Every code has its words in the vocabulary (a test holds that), so none prints as a raw id.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ..vocabulary import Words, vocabulary
from .words import say

LANGS = ("zh", "en")
HTML_LANG = {"zh": "zh-CN", "en": "en"}

MEASURES_ZH = "《广州市生产废水对公共排水与污水处理设施安全运行影响评估办法》（穗水规字〔2022〕7号）"
MEASURES_EN = (
    "the Guangzhou Measures for assessing the effect of production wastewater on the safe operation "
    "of public drainage and sewage treatment facilities "
    "(《广州市生产废水对公共排水与污水处理设施安全运行影响评估办法》, 穗水规字〔2022〕7号)"
)

# The words of the law's codes come from the one vocabulary (rules/vocabulary.yaml), as
# (zh, en) pairs; the tables below are views of it for the document builders.
_V = vocabulary()


def pairs(words: Mapping[str, Words]) -> dict[str, tuple[str, str]]:
    return {code: (w.zh, w.en) for code, w in words.items()}


STATUS = pairs({c: s.words for c, s in _V.statuses.items()})
SUBJECT = pairs({c: s.words for c, s in _V.subjects.items()})
POINT = pairs(_V.fields["point"])
SAMPLE_KIND = pairs(_V.fields["kind"])
TREATMENT_LEVEL = pairs(_V.fields["treatment_level"])
PERMIT = pairs(_V.fields["permit"])
WATER_BODY = pairs(_V.fields["water_body"])
WATER_CLASS = pairs(_V.fields["water_class"])
ORIGIN = pairs(_V.fields["origin"])
CONCLUSION = pairs({c: k.question for c, k in _V.conclusions.items()})
CONCLUSION_VALUE = {c: {True: (k.yes.zh, k.yes.en), False: (k.no.zh, k.no.en)} for c, k in _V.conclusions.items()}
INCONCLUSIVE = (_V.inconclusive.zh, _V.inconclusive.en)
UNDECIDED = (_V.undecided.zh, _V.undecided.en)
VERDICT = pairs(_V.fields["opinion_verdict"])
DOCUMENT = pairs({c: d.words for c, d in _V.documents.items()})


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
    month = say("month_names", lang).split(",")[day.month - 1]
    return say("long_date", lang, year=day.year, month=day.month, day=day.day, month_name=month)


def district_branch(district: str) -> str:
    """The ecology-environment bureau's branch for a district: 黄埔区 → 广州市生态环境局黄埔分局."""
    short = district[:-1] if district.endswith("区") and len(district) > 2 else district
    return f"广州市生态环境局{short}分局"


def recipients(code: str, district: str, lang: str) -> tuple[str, ...]:
    """Who a notice goes to. 第八条 names the city bureau and its branches, and the water authority."""
    branch = district_branch(district)
    if code == "ecology_environment_bureau":
        return (
            say("recipient_city_bureau", lang),
            say("recipient_its_branch", lang, district=district, branch=branch),
        )
    if code == "ecology_environment_branch":
        return (say("recipient_branch", lang, district=district, branch=branch),)
    if code == "district_water_authority":
        return (say("recipient_water_authority", lang, district=district),)
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
    return text + say("sentence_end", lang)


def name_of(item: Mapping[str, Any], lang: str) -> str:
    """A parameter's name in the document's language, from a mapping with ``name_zh`` and ``name_en``."""
    name = item.get(f"name_{lang}") or item.get("name_zh") or item.get("parameter") or "—"
    return str(name)


# How a citation written in Chinese in the standards data reads in English: the table and item
# numbers, the column, the region and the standard's own terms. Applied in this order.
_CITE_EN: tuple[tuple[re.Pattern[str], Any], ...] = (
    (re.compile(r"表(\d+)"), r"Table \1"),
    (re.compile(r"注(\d+)\)"), r"note \1"),
    (re.compile(r"注(\d+)"), r"note \1"),
    (re.compile(r"第(\d+)、(\d+)项(?= [^×;])"), r"items \1 and \2,"),
    (re.compile(r"第(\d+)、(\d+)项"), r"items \1 and \2"),
    (re.compile(r"第(\d+)项(?= [^×;])"), r"item \1,"),
    (re.compile(r"第(\d+)项"), r"item \1"),
    (re.compile(r"第(\d+(?:\.\d+)*)条"), r"clause \1"),
    (re.compile(r"附录([A-Z])"), r"Appendix \1"),
    (re.compile(r"\b([A-C])级"), r"grade \1"),
    (re.compile(r"一级A"), "class 1-A"),
    (re.compile(r"一级B"), "class 1-B"),
    (re.compile(r"二级"), "class 2"),
    (re.compile(r"三级"), "class 3"),
    (re.compile(r"珠三角"), "Pearl River Delta"),
    (re.compile(r"预处理标准"), "pretreatment standard"),
    (re.compile(r"排放标准"), "discharge standard"),
    (re.compile(r"现有项目"), "existing projects"),
    (re.compile(r"新建项目"), "new projects"),
    (re.compile(r"代处理协议"), "treatment agreement"),
    (re.compile(r"日排放量"), "daily load"),
    (re.compile(r"科室处理设施排出口"), "outlet of the department's treatment facility"),
    (re.compile(r"衰变池出口"), "decay tank outlet"),
    (re.compile(r"消毒池出口|消毒接触池出口"), "disinfection tank outlet"),
    (re.compile(r"（"), " ("),
    (re.compile(r"）"), ")"),
    (re.compile(r"[；;]\s*"), "; "),
    (re.compile(r"[，、]\s*"), ", "),
    (re.compile(r"～|~"), "–"),
    (re.compile(r"(\d),? (I|II|III|IV|V)\b"), r"\1, class \2"),  # a GB 3838 class column
)


_ROMAN = {"I": "Ⅰ", "II": "Ⅱ", "III": "Ⅲ", "IV": "Ⅳ", "V": "Ⅴ"}
_NUMERAL = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


def _class_zh(m: re.Match[str]) -> str:
    return f"项 {_ROMAN[m.group(1)]}类"


def _articles_en(m: re.Match[str]) -> str:
    """办法第五条第一项、第八条 → Articles 5(1) and 8 of the Measures (第五条第一项、第八条)."""
    found = re.findall(r"第([一二三四五六七八九十]+)条(?:第([一二三四五六七八九十]+)项)?", m.group(1))
    numbers = [f"{_NUMERAL[a]}({_NUMERAL[i]})" if i else str(_NUMERAL[a]) for a, i in found]
    word = "Article" if len(numbers) == 1 else "Articles"
    joined = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " and " + numbers[-1]
    return f"{word} {joined} of the Measures ({m.group(1)})"


# The Chinese citations: a GB 3838 class column as the standard prints it (Ⅳ类).
_CITE_ZH: tuple[tuple[re.Pattern[str], Any], ...] = ((re.compile(r"项 (I|II|III|IV|V)\b"), _class_zh),)
_ARTICLES = (re.compile(r"办法((?:、?第[一二三四五六七八九十]+条(?:第[一二三四五六七八九十]+项)?)+)"), _articles_en)
_CITE = {"zh": _CITE_ZH, "en": (_ARTICLES, *_CITE_EN)}  # the standards write their citations in Chinese


def cite(text: str | None, lang: str) -> str:
    """A citation (a limit's source, a standard's table and item) as the document's language writes it."""
    if not text:
        return "—"
    for pattern, replacement in _CITE[lang]:
        text = pattern.sub(replacement, text)
    return re.sub(r"\s{2,}", " ", text).strip()
