"""Phrases the result carries in one language, as the other language's documents print them.

The plant model writes its provenance and notes in English (it is also the JSON's language), the
loader its repairs; the bundled data cite tables and titles in Chinese. A document translates the
phrases it knows here and leaves anything else as written (tests/reports/test_language.py then
finds it): a Chinese document the English phrases, an English one the Chinese citations.
"""

from __future__ import annotations

import re

from ..plant.evaluate import HEADROOM_BASIS
from ..plant.model import SAFETY_FACTOR_WHY
from .terms import cite

# The model writes its provenance in English (it is also the JSON's language); the Chinese
# document translates the phrases it knows and leaves anything else as written.
ZH_PHRASES = (
    ("discharger file, receiving.plant.", "排水户文件 receiving.plant."),
    ("samples: the highest final-outlet value", "样品：总排口实测最高值"),
    ("current influent", "现状进水"),
    ("design load", "设计负荷"),
    ("derived from the design", "由设计推算"),
    ("(limit: ", "（限值："),
    ("; design influent: ", "；设计进水："),
    ("plant current flow, without the discharger", "污水厂现状处理量（不含本排水户）"),
    ("plant design capacity", "污水厂设计规模"),
    ("discharger flow", "排水户排水量"),
    (
        " unknown: taken as 0 (no removal before the process; the safer AHL)",
        " 未知，按 0 计（工艺前无去除，所得允许负荷偏安全）",
    ),
    (" unknown: taken as 0 (the whole headworks concentration reaches it)", " 未知，按 0 计（进厂浓度全部到达该工艺）"),
    (
        "plant influent concentration unknown: existing load taken as 0 (a lower bound)",
        "污水厂现状进水浓度未知，现状负荷按 0 计（下限）",
    ),
    ("C_ind is an upper bound: a pass is not proven", "C_ind 为上限，不能据此判定满足"),
    ("no allowable industrial loading is left", "已无可分配的工业允许负荷"),
    ("no defaults from ", "无默认值："),
    (
        "plant influent concentration unknown: taken as 0, so this is a lower bound",
        "污水厂现状进水浓度未知，按 0 计，所得为下限",
    ),
    ("missing input: ", "缺少输入："),
    ("an upper bound on the margin", "余量的上限"),
    (
        HEADROOM_BASIS,
        "余量法：污水厂现状负荷（C_p × Q_p ÷ 1000）视为不可控负荷，Q_ind = Q_d，"
        "建议限值为本排水户单独用尽剩余允许负荷时的浓度",
    ),
    (
        SAFETY_FACTOR_WHY,
        "默认 0.10：为稳定达标（第四条）在各限值下预留余量；测试中复现的已公开局部限值研究（美国俄亥俄州 "
        "Washington Court House，Ord. 6-94，Table No. 9）采用 10% 安全系数；美国环保局 2004 年指南本身的取值未能核实",
    ),
    ("sludge route not given: no sludge-quality criterion applied", "未说明污泥去向：不采用污泥质量准则"),
    (
        "GB 18918-2002 4.3.3 sets no numeric limits for landfill: no sludge-quality criterion applied",
        "GB 18918-2002 第4.3.3条对填埋未规定数值限值：不采用污泥质量准则",
    ),
    (
        "GB 18918-2002 sets no sludge-quality limits for this route: no sludge-quality criterion applied",
        "GB 18918-2002 对该去向未规定污泥质量限值：不采用污泥质量准则",
    ),
    ("given: ", "给定："),
    ("design capacity or current flow missing", "缺少设计规模或现状处理量"),
    ("discharger flow missing", "缺少排水户排水量"),
    ("effluent standard missing", "缺少出水执行标准"),
    ("the uncontrolled load is a lower bound, so this MAIL is an upper bound", "不可控负荷为下限，故此 MAIL 为上限"),
    ("no limit for this parameter", "该项目无限值"),
    ("unknown: taken as 0", "未知，按 0 计"),
    (" (not detected: counted at the detection limit)", "（未检出，按检出限计）"),
    ("no reserve (growth, hauled waste) set aside", "未预留发展及外运污水余量"),
    (" (the safety factor is already in the limit)", "（限值已含安全系数）"),
    (" (headroom basis)", "（余量法）"),
    ("; stable: ", "；稳定达标："),
    (" and 表", "、表"),
    (" (acid)", "（酸性土壤）"),
    (" (neutral_alkaline)", "（中性和碱性土壤）"),
    (", mg/kg 干污泥)", "，mg/kg 干污泥）"),
    (" (最高允许含量", "（最高允许含量"),
    (" (污泥农用时", "（污泥农用时"),
    ("标准限值)", "标准限值）"),
    (" (July 2004)", "（2004年7月）"),
)
# Whole texts, translated only when they are the whole text.
ZH_EXACT = {"unknown": "未知", "no limit": "无限值", "safety factor": "安全系数"}
# What the English documents translate of the Chinese the data cites (after terms.cite).
EN_PHRASES = (
    ("城镇污水处理厂污染物排放标准", "(Discharge standard of pollutants for municipal wastewater treatment plant)"),
    ("污泥农用时污染物控制标准限值", "limits of pollutants in sludge used in agriculture"),
    ("最高允许含量", "maximum content"),
    ("干污泥", "dry sludge"),
    ("序号", "row "),
)
# A default table that could not be verified: its long search notes belong to the data file, not to
# a document; the document names the table and says it is not verified.
_UNVERIFIED = re.compile(r"^(?P<lead>.*?), (?:Appendix|附录) ?(?P<app>[A-Z]): unverified \(.*\)$", re.S)
_UNVERIFIED_AS = {
    "zh": r"\g<lead> 附录\g<app>（该表尚未核实）",
    "en": r"\g<lead>, Appendix \g<app> (the table is not verified)",
}
_LONGEST_FIRST = sorted(ZH_PHRASES, key=lambda p: -len(p[0]))  # "discharger flow missing" before "discharger flow"
# The loader's repair of a line (load/yamlio.py), with the file and line it names.
_REPAIR = re.compile(
    r"^(?P<where>.*?):(?P<line>\d+): brackets inside a \{\.\.\.\} value read as text; quote such values$"
)
_REPAIR_ZH = r"\g<where> 第 \g<line> 行：花括号内的方括号已按文本读取；此类值请加引号"
# English documents print the phrases as the model wrote them.
_PHRASES: dict[str, list[tuple[str, str]]] = {"zh": _LONGEST_FIRST, "en": list(EN_PHRASES)}
_EXACT: dict[str, dict[str, str]] = {"zh": ZH_EXACT, "en": {}}
_LINE = {"zh": r"（第 \1 行）", "en": r" (line \1)"}
_REPAIRS: dict[str, list[tuple[re.Pattern[str], str]]] = {"zh": [(_REPAIR, _REPAIR_ZH)], "en": []}


def localise(text: str, lang: str) -> str:
    """``text`` with the phrases the document's language knows put into it."""
    if not text:
        return text
    text = _UNVERIFIED.sub(_UNVERIFIED_AS[lang], text)
    text = _EXACT[lang].get(text, text)
    for pattern, replacement in _REPAIRS[lang]:
        text = pattern.sub(replacement, text)
    for before, after in _PHRASES[lang]:
        text = text.replace(before, after)
    return re.sub(r" ?\(line (\d+)\)", _LINE[lang], cite(text, lang))
