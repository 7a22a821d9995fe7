"""Times as labs and SCADA systems write them, to ``YYYY-MM-DD HH:MM:SS`` in China Standard Time."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

CST = timezone(timedelta(hours=8))


def parse_time(cells: list[Any]) -> str:
    """One or two cells (a date column and a time column) -> ``YYYY-MM-DD HH:MM:SS`` in UTC+8."""
    parts = []
    for cell in cells:
        if isinstance(cell, datetime):
            if cell.tzinfo is not None:
                cell = cell.astimezone(CST).replace(tzinfo=None)
            parts.append(cell.strftime("%Y-%m-%d %H:%M:%S"))
        elif isinstance(cell, date):
            parts.append(cell.isoformat())
        elif isinstance(cell, time):
            parts.append(cell.strftime("%H:%M:%S"))
        elif isinstance(cell, int) and not isinstance(cell, bool) and len(str(cell)) in (8, 12, 14):
            parts.append(str(cell))
        elif isinstance(cell, str) and cell.strip():
            parts.append(unicodedata.normalize("NFKC", cell).strip())
        elif cell not in (None, ""):
            raise ValueError(f"{cell!r} is not a time: write it as 2024-06-01 08:00 or format the cell as a date")
    if not parts:
        raise ValueError("no time given")
    return _time_text(" ".join(parts))


_TIME_RE = re.compile(
    r"^(?P<y>\d{4})[-/.年](?P<mo>\d{1,2})[-/.月](?P<d>\d{1,2})日?"
    r"(?:[ T]+(?P<h>\d{1,2})(?:[:时](?P<mi>\d{1,2})分?(?::?(?P<s>\d{1,2})(?:\.\d+)?秒?)?)?时?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?$"
)


def _time_text(text: str) -> str:
    digits = re.fullmatch(r"(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?", text)
    if digits:
        y, mo, d, h, mi, s = (int(x) if x else 0 for x in digits.groups())
        tz = None
    else:
        m = _TIME_RE.match(text)
        if not m:
            raise ValueError(f"cannot read a time in {text!r} (write it as 2024-06-01 08:00)")
        y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
        h, mi, s = (int(m[k]) if m[k] else 0 for k in ("h", "mi", "s"))
        tz = m["tz"]
    try:
        ts = datetime(y, mo, d, h, mi, s)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a valid time: {exc}") from None
    if tz:
        offset = UTC if tz == "Z" else datetime.strptime(tz.replace(":", ""), "%z").tzinfo
        ts = ts.replace(tzinfo=offset).astimezone(CST).replace(tzinfo=None)
    return ts.strftime("%Y-%m-%d %H:%M:%S")
