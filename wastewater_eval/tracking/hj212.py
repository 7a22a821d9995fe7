"""HJ 212 online-monitoring packets: framing, the CRC of HJ 212-2017 Appendix A, and the fields.

A packet is ``##`` + four decimal digits (the data segment's length in bytes) + the data segment +
the CRC as hex + CR LF. The data segment is ``QN=...;ST=..;CN=....;PW=...;MN=...;Flag=.;CP=&&...&&``
(fields in any order, QN and Flag absent from HJ/T 212-2005 loggers).

The reader is lenient where the meaning stays certain: the CRC may be lower case or not padded to
four digits, text before ``##`` on a line (a logger's time stamp) and spaces around the CRC are
ignored, CR may be missing. It is strict where it is not: a wrong CRC, a length that does not end
the data segment at ``&&``, a duplicated field or a non-numeric value rejects the whole packet,
with a reason from :data:`REASONS`. Nothing of a rejected packet is used.

The CRC (Appendix A) keeps only 8 bits of state between bytes: ``reg = T[(reg >> 8) ^ byte]``.
Because the high bytes of ``T`` are a permutation, any single changed byte is always detected;
two changed bytes escape it one time in 256, which is why the structure is checked as well.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..errors import WastevalError

REASONS: dict[str, str] = {
    "no_header": "a line with text but no packet header '##'",
    "bad_length_field": "'##' not followed by four decimal digits",
    "length_mismatch": "the length field does not end the data segment at '&&' before the CRC",
    "bad_crc_field": "no CRC of one to four hex digits after the data segment, or text after it",
    "crc_mismatch": "the CRC does not match the data segment",
    "not_text": "the data segment is not UTF-8 text",
    "malformed_segment": "the data segment is not 'key=value;...;CP=&&...&&'",
    "missing_field": "CN, MN or (for data) DataTime is missing",
    "duplicate_field": "a field is given twice",
    "bad_flag": "the Flag field is not a number",
    "unknown_edition": "the Flag field's version bits name no known edition",
    "encrypted_cp": "the CP is not plain text (HJ 212-2025 SM4 encryption?)",
    "bad_datatime": "DataTime is not a valid YYYYMMDDhhmmss time",
    "bad_value": "a value that is not a number",
}

_POLY = 0xA001


def _table() -> tuple[int, ...]:
    out = []
    for x in range(256):
        reg = x
        for _ in range(8):
            reg = (reg >> 1) ^ _POLY if reg & 1 else reg >> 1
        out.append(reg)
    return tuple(out)


CRC_TABLE = _table()


def crc16(data: bytes) -> int:
    """The CRC of HJ 212-2017 Appendix A over the data segment's bytes (initial value 0xFFFF)."""
    reg = 0xFFFF
    t = CRC_TABLE
    for b in data:
        reg = t[(reg >> 8) ^ b]
    return reg


class PacketError(WastevalError):
    """A packet that cannot be used, with a stable ``reason`` key (see :data:`REASONS`)."""

    def __init__(self, reason: str, line: int, detail: str = "") -> None:
        self.reason = reason
        self.line = line
        self.detail = detail
        super().__init__(f"line {line}: {REASONS[reason]}" + (f" ({detail})" if detail else ""))


@dataclass(frozen=True)
class Frame:
    """A framed packet before its CRC is checked: the data segment's bytes and the CRC as written."""

    data: bytes
    crc_text: str
    line: int


@dataclass(frozen=True)
class Packet:
    """A packet whose CRC, length and structure are good."""

    line: int
    cn: str
    mn: str
    edition: str  # key of the edition, e.g. "2017"
    st: str | None = None
    qn: str | None = None
    pw: str | None = None
    flag: int | None = None
    pnum: int | None = None
    pno: int | None = None
    data_time: datetime | None = None  # None in a request (BeginTime/EndTime) for data
    cp: str = ""
    # (code as sent, field) -> value as sent, for the fields Rtd Avg Min Max Cou Flag
    values: dict[tuple[str, str], str] = field(default_factory=dict)
    codes: tuple[str, ...] = ()  # pollutant codes in the order sent

    def fields(self, code: str) -> dict[str, str]:
        """``{"Avg": "27.3", "Flag": "N", ...}`` for one pollutant code (as sent)."""
        return {f: v for (c, f), v in self.values.items() if c == code}

    @property
    def timestamp(self) -> str:
        """DataTime as ``YYYY-MM-DD HH:MM:SS`` (the store's form), or "" when the packet has none."""
        return self.data_time.strftime("%Y-%m-%d %H:%M:%S") if self.data_time else ""

    def cp_items(self) -> list[tuple[str, str]]:
        """Every ``key=value`` of the CP, in order (for commands other than data)."""
        return [(k.strip(), v.strip()) for k, v in _PAIR.findall(self.cp)]


_CRC_AFTER = re.compile(rb"[ \t]*([0-9A-Fa-f]{1,4})[ \t]*(?=##|$)")
_ITEM = r"\s*[^;,=\s][^;,=]*=[^;,=]*"
_SLOT = rf"(?:{_ITEM}|\s*)"
_CP_SHAPE = re.compile(rf"{_SLOT}(?:[;,]{_SLOT})*")
_HEAD_SHAPE = re.compile(rf"{_SLOT}(?:;{_SLOT})*")
_PAIR = re.compile(r"([^;,=]+)=([^;,=]*)")
_FIELDS = ("Rtd", "Avg", "Min", "Max", "Cou", "Flag")
_CANON = {f: f for f in _FIELDS}
_CANON_LOWER = {f.lower(): f for f in _FIELDS}
# HJ 212 values are decimals (data type N x.y): no exponent, so no infinity by overflow.
_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
# A numeric field (any letter case) whose value is not a whole number: one scan of the CP.
_BAD_NUMBER = re.compile(
    r"-(?:[Rr][Tt][Dd]|[Aa][Vv][Gg]|[Mm][Ii][Nn]|[Mm][Aa][Xx]|[Cc][Oo][Uu])=(?!" + _NUMBER + r"(?:[;,]|$))"
)
_SPACES = re.compile(r"\s*([;,=])\s*")


def _is_int(text: str) -> bool:
    return text.isascii() and text.isdigit()  # str.isdigit alone accepts "²", which int() refuses


def frames_in_line(line: bytes, line_no: int) -> Iterator[Frame | PacketError]:
    """Cut the packets out of one line of a log (usually one packet; a raw stream may hold several)."""
    s = line.strip()
    if not s:
        return
    pos = s.find(b"##")
    if pos < 0:
        yield PacketError("no_header", line_no)
        return
    while pos >= 0:
        digits = s[pos + 2 : pos + 6]
        if len(digits) != 4 or not digits.isdigit():
            yield PacketError("bad_length_field", line_no, digits.decode("latin-1"))
            return
        start = pos + 6
        end = start + int(digits)
        data = s[start:end]
        m = _CRC_AFTER.match(s, end) if end <= len(s) else None
        if m is None:
            reason = "bad_crc_field" if end <= len(s) and data.endswith(b"&&") else "length_mismatch"
            yield PacketError(reason, line_no)
            return
        yield Frame(data, m.group(1).decode("ascii"), line_no)
        pos = m.end() if m.end() < len(s) else -1


def _datatime(text: str, line: int) -> datetime:
    if len(text) != 14 or not _is_int(text):
        raise PacketError("bad_datatime", line, text)
    try:
        t = text
        return datetime(int(t[:4]), int(t[4:6]), int(t[6:8]), int(t[8:10]), int(t[10:12]), int(t[12:]))
    except ValueError:
        raise PacketError("bad_datatime", line, text) from None


def _head(text: str, line: int) -> dict[str, str]:
    if not _HEAD_SHAPE.fullmatch(text):
        raise PacketError("malformed_segment", line, text[:40])
    pairs = re.findall(r"([^;=]+)=([^;]*)", text)
    head = {k.strip().upper(): v.strip() for k, v in pairs}
    if len(head) < len(pairs):
        raise PacketError("duplicate_field", line, "in QN/ST/CN/PW/MN/Flag")
    for k in ("CN", "MN"):
        if not head.get(k):
            raise PacketError("missing_field", line, k)
    if len(head["CN"]) != 4 or not _is_int(head["CN"]):
        raise PacketError("malformed_segment", line, f"CN={head['CN']}")
    return head


def _edition(head: dict[str, str], editions: dict[int, str], line: int) -> tuple[int | None, str]:
    raw = head.get("FLAG")
    if raw is None:
        return None, editions.get(0, "2005")
    if not _is_int(raw):
        raise PacketError("bad_flag", line, raw)
    flag = int(raw)
    edition = editions.get(flag >> 2)
    if edition is None:
        raise PacketError("unknown_edition", line, f"Flag={raw}")
    return flag, edition


def _cp(cp: str, edition: str, line: int) -> tuple[dict[tuple[str, str], str], tuple[str, ...], datetime | None]:
    """Pollutant values and DataTime of a data CP; the whole CP is checked before any of it is used."""
    if not _CP_SHAPE.fullmatch(cp):
        raise PacketError("encrypted_cp" if edition == "2025" and "=" not in cp else "malformed_segment", line)
    if " " in cp or "\t" in cp:
        cp = _SPACES.sub(r"\1", cp.strip())
    bad = _BAD_NUMBER.search(cp)
    if bad:
        raise PacketError("bad_value", line, cp[bad.start() : bad.end() + 12])
    values: dict[tuple[str, str], str] = {}
    sent = 0
    data_time: str | None = None
    for item in cp.replace(",", ";").split(";"):
        key, eq, value = item.partition("=")
        if not eq:
            continue
        code, dash, name = key.rpartition("-")
        f = _CANON.get(name) or _CANON_LOWER.get(name.lower()) if dash and code else None
        if f is None:
            if key.lower() == "datatime":
                if data_time is not None:
                    raise PacketError("duplicate_field", line, "DataTime")
                data_time = value
            continue
        values[(code, f)] = value
        sent += 1
    if len(values) < sent:
        raise PacketError("duplicate_field", line, "a pollutant field is sent twice")
    codes = tuple(dict.fromkeys(c for c, _ in values))
    return values, codes, _datatime(data_time, line) if data_time is not None else None


def parse_frame(
    frame: Frame, editions: dict[int, str], data_commands: frozenset[str], crc: int | None = None
) -> Packet:
    """Check a frame's CRC and structure and read its fields; raise :class:`PacketError` if unusable.

    ``editions`` maps Flag version bits to an edition key; ``data_commands`` are the CNs whose
    CP must carry a DataTime; ``crc`` is the data segment's CRC when the caller computed it already.
    """
    line = frame.line
    computed = crc16(frame.data) if crc is None else crc
    if computed != int(frame.crc_text, 16):
        raise PacketError("crc_mismatch", line, f"sent {frame.crc_text}, computed {computed:04X}")
    try:
        text = frame.data.decode("utf-8")
    except UnicodeDecodeError:
        raise PacketError("not_text", line) from None
    at = text.find("CP=&&")
    if at < 0 or not text.endswith("&&") or len(text) < at + 7:
        raise PacketError("malformed_segment", line, "no CP=&&...&&")
    head = _head(text[:at], line)
    flag, edition = _edition(head, editions, line)
    cp = text[at + 5 : -2]
    values: dict[tuple[str, str], str] = {}
    codes: tuple[str, ...] = ()
    data_time = None
    if head["CN"] in data_commands:
        values, codes, data_time = _cp(cp, edition, line)
        # The same CN from the upper machine asks for data (BeginTime/EndTime): no data in it.
        if data_time is None and "begintime=" not in cp.lower():
            raise PacketError("missing_field", line, "DataTime")

    def num(key: str) -> int | None:
        v = head.get(key)
        return int(v) if v is not None and _is_int(v) else None

    return Packet(
        line=line,
        cn=head["CN"],
        mn=head["MN"],
        edition=edition,
        st=head.get("ST"),
        qn=head.get("QN"),
        pw=head.get("PW"),
        flag=flag,
        pnum=num("PNUM"),
        pno=num("PNO"),
        data_time=data_time,
        cp=cp,
        values=values,
        codes=codes,
    )


def read_packets(
    lines: Iterable[bytes], editions: dict[int, str], data_commands: frozenset[str], chunk: int = 8192
) -> Iterator[Packet | PacketError]:
    """Every packet of a log, in order: a :class:`Packet`, or a :class:`PacketError` for each bad one.

    The CRCs of ``chunk`` frames at a time are computed together (:func:`crc16_many`)."""
    items: list[Frame | PacketError] = []
    for line_no, line in enumerate(lines, 1):
        items.extend(frames_in_line(line, line_no))
        if len(items) >= chunk:
            yield from _parsed(items, editions, data_commands)
            items = []
    yield from _parsed(items, editions, data_commands)


def _parsed(
    items: list[Frame | PacketError], editions: dict[int, str], data_commands: frozenset[str]
) -> Iterator[Packet | PacketError]:
    frames = [i for i in items if isinstance(i, Frame)]
    crcs = iter(crc16_many([f.data for f in frames]).tolist()) if frames else iter(())
    for item in items:
        if isinstance(item, PacketError):
            yield item
            continue
        try:
            yield parse_frame(item, editions, data_commands, next(crcs))
        except PacketError as exc:
            yield exc


def crc16_many(datas: list[bytes]) -> Any:
    """:func:`crc16` of many data segments at once: numpy steps through the byte positions, all
    segments together (a few hundred vector steps instead of a Python step per byte)."""
    import numpy as np

    lengths = np.fromiter((len(d) for d in datas), dtype=np.int64, count=len(datas))
    width = int(lengths.max()) if len(datas) else 0
    inside = np.arange(width)[None, :] < lengths[:, None]
    grid = np.zeros((len(datas), width), dtype=np.uint8)
    grid[inside] = np.frombuffer(b"".join(datas), dtype=np.uint8)
    table = np.array(CRC_TABLE, dtype=np.uint32)
    reg = np.full(len(datas), 0xFFFF, dtype=np.uint32)
    for j in range(width):
        reg = np.where(inside[:, j], table[(reg >> 8) ^ grid[:, j]], reg)
    return reg


def build_packet(data_segment: str) -> str:
    """Frame a data segment as a logger would: ``##`` + length + segment + CRC + CR LF."""
    data = data_segment.encode("utf-8")
    return f"##{len(data):04d}{data_segment}{crc16(data):04X}\r\n"
