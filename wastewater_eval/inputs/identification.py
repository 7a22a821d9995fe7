"""What a document needs about who the discharger is and how its samples were taken and analysed.

All optional (a document prints 未提供 for what is not given), but what is given is checked:
a 统一社会信用代码 must carry its GB 32100-2015 check digit, a capacity its unit, a detection
limit a unit the parameter can be measured in.
"""

from __future__ import annotations

import re
from typing import Any

from ..load.yamlio import LocDict
from .model import FLOW_UNIT, AnalyticalMethod, Identification, Laboratory, PretreatmentFacility
from .reader import Reader
from .schema import CREDIT_CODE_PATTERN

# GB 32100-2015 4 and 5: the code's 31 characters, in the order of their values, and the weights
# of positions 1 to 17 (3^(i-1) mod 31); the 18th character is the check.
_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check(code17: str) -> str:
    """The check character of the first 17 characters of a 统一社会信用代码 (GB 32100-2015 5)."""
    total = sum(_CODE_CHARS.index(c) * w for c, w in zip(code17, _WEIGHTS, strict=True))
    return _CODE_CHARS[(31 - total % 31) % 31]


def read_identification(r: Reader, d: LocDict) -> Identification:
    """The ``discharger`` section's address, 统一社会信用代码, contact and pretreatment facilities."""
    code = d.get("credit_code")
    if code is not None:
        code = str(code)  # the schema checked a text's characters; a number's are checked here
        if not re.match(CREDIT_CODE_PATTERN, code):
            r.problem(d.line_of("credit_code"), "discharger.credit_code", f"{code!r} is not 18 characters of a code")
            code = None
        elif code[17] != (expected := credit_code_check(code[:17])):
            r.problem(
                d.line_of("credit_code"),
                "discharger.credit_code",
                f"{code!r}: the check character should be {expected!r} (GB 32100-2015); is the code mistyped?",
            )
    contact = d.get("contact") or {}
    facilities = []
    for i, f in enumerate(d.get("pretreatment") or ()):
        field = f"discharger.pretreatment[{i}]"
        capacity = r.quantity(f.get("capacity"), FLOW_UNIT, f.line_of("capacity"), f"{field}.capacity")
        facilities.append(PretreatmentFacility(str(f["name"]), _opt(f.get("process")), capacity, f.line))
    return Identification(
        address=_opt(d.get("address")),
        credit_code=code,
        contact=_opt(contact.get("name")),
        telephone=_opt(contact.get("telephone")),
        pretreatment=tuple(facilities),
    )


def read_laboratory(r: Reader, lab: Any) -> Laboratory | None:
    """The ``laboratory`` section: name, CMA number, report number and the method per parameter."""
    if not isinstance(lab, LocDict):
        return None
    methods = []
    for p, _name, raw, line, field in r.by_parameter(lab.get("methods"), "laboratory.methods"):
        limit = raw.get("detection_limit")
        if limit is not None and p.unit:  # a dimensionless parameter's limit is a bare number
            r.quantity(limit, p.unit, raw.line_of("detection_limit"), f"{field}.detection_limit")
        methods.append(AnalyticalMethod(p, _opt(raw.get("method")), _opt(limit), line))
    return Laboratory(_opt(lab.get("name")), _opt(lab.get("cma")), _opt(lab.get("report")), tuple(methods))


def sampling_defaults(doc: LocDict) -> dict[str, str | None]:
    """How the samples were taken, from the file's ``sampling`` section (each sample may override)."""
    s = doc.get("sampling") or {}
    return {k: _opt(s.get(k)) for k in ("sampled_by", "composite", "preservation")}


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)
