"""The HJ 212 packet reader: CRC against published packets, leniency, rejections, and properties."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from wastewater_eval.tracking.hj212 import (
    CRC_TABLE,
    REASONS,
    Packet,
    PacketError,
    build_packet,
    crc16,
    read_packets,
)

from .conftest import FIXTURES

EDITIONS = {0: "2005", 1: "2017", 2: "2025"}
DATA = frozenset({"2011", "2051", "2061", "2031"})

# Data segments and CRCs as published (see fixtures/README.md): the CRCs were not made by wasteval.
PUBLISHED = [
    ("QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&", "1C80"),
    (
        "ST=32;CN=2011;PW=123456;MN=0873HHMZWSLH02;CP=&&DataTime=20160103133030;060-Rtd=3.0943,060-Flag=N;"
        "011-Rtd=18.0412,011-Flag=N;001-Rtd=8.2137,001-Flag=N;B01-Rtd=10.9890,B01-Flag=N&&",
        "A9C1",
    ),
    (
        "ST=32;CN=2051;QN=20190424002721168;PW=123456;MN=23040281003022;Flag=5;CP=&&DataTime=20190416003000;"
        "w01018-Max=27.299999,w01018-Avg=27.300000,w01018-Min=27.299999,w01018-Cou=0.000000,w01018-Flag=N&&",
        "D081",
    ),
    (
        "ST=32;CN=2061;QN=20190424002722671;PW=123456;MN=23040281003022;Flag=5;CP=&&DataTime=20190416010000;"
        "w01018-Max=27.299999,w01018-Avg=27.299999,w01018-Min=27.299999,w01018-Cou=0.000000,w01018-Flag=N&&",
        "84C1",
    ),
    ("QN=20160801085000001;ST=91;CN=9014;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&", "C241"),
    (
        "QN=20180519013039400;ST=32;CN=2061;PW=123456;MN=88888880000020;Flag=3;"
        "CP=&&BeginTime=20180518070000,EndTime=20180518070000&&",
        "D581",
    ),
    (
        "QN=20190925181031464;ST=22;CN=2061;PW=BF470F88957588DE902D1A52;MN=Z13401000010301;Flag=5;"
        "CP=&&DataTime=20190924220000;a34006-Avg=2.69700,a34006-Flag=N;a34007-Avg=7.96600,a34007-Flag=N;"
        "a34048-Avg=3.30600,a34048-Flag=N;a34047-Avg=7.35700,a34047-Flag=N;a34049-Avg=10.66300,a34049-Flag=N&&",
        "C181",
    ),
]


def parse(text: str | bytes) -> list[Packet | PacketError]:
    data = text.encode() if isinstance(text, str) else text
    return list(read_packets(data.split(b"\n"), EDITIONS, DATA))


def one(text: str | bytes) -> Packet:
    items = parse(text)
    assert len(items) == 1, items
    assert isinstance(items[0], Packet), items[0]
    return items[0]


def reason(text: str | bytes) -> str:
    items = [i for i in parse(text) if isinstance(i, PacketError)]
    assert items, "expected a rejection"
    return items[0].reason


COD = (
    "QN=20250601090500789;ST=32;CN=2061;PW=123456;MN=44010620250001;Flag=5;CP=&&DataTime=20250601080000;"
    "w01018-Min=40.1,w01018-Avg=47.2,w01018-Max=55.0,w01018-Flag=N&&"
)


# --- the CRC -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("segment", "crc"), PUBLISHED)
def test_crc_matches_published_packets(segment: str, crc: str) -> None:
    assert f"{crc16(segment.encode()):04X}" == crc


def test_crc_is_the_bitwise_algorithm_of_appendix_a() -> None:
    def bitwise(data: bytes) -> int:  # HJ 212-2017 附录A, written out bit by bit
        reg = 0xFFFF
        for b in data:
            reg = (reg >> 8) ^ b
            for _ in range(8):
                lsb = reg & 1
                reg >>= 1
                if lsb:
                    reg ^= 0xA001
        return reg

    for segment, _ in PUBLISHED:
        assert crc16(segment.encode()) == bitwise(segment.encode())


def test_every_single_byte_change_changes_the_crc() -> None:
    # The register carries 8 bits between bytes; the high bytes of the table are a permutation,
    # so two inputs that differ in one byte can never reach the same final CRC.
    assert sorted(t >> 8 for t in CRC_TABLE) == list(range(256))


def test_published_packets_parse() -> None:
    items = list(read_packets((FIXTURES / "public-packets.log").read_bytes().split(b"\n"), EDITIONS, DATA))
    good = [i for i in items if isinstance(i, Packet)]
    bad = [i for i in items if isinstance(i, PacketError)]
    assert len(good) == 7
    assert [b.reason for b in bad] == ["duplicate_field"]  # the ##0722 packet sends w00000-Avg twice
    first = good[0]
    assert (first.cn, first.mn, first.flag, first.edition) == ("1062", "010000A8900016F000169DC0", 5, "2017")
    assert first.cp_items() == [("RtdInterval", "30")]


# --- fields ------------------------------------------------------------------------------------


def test_fields_of_an_hourly_packet() -> None:
    p = one(build_packet(COD))
    assert (p.cn, p.mn, p.st, p.qn, p.pw, p.flag, p.edition) == (
        "2061", "44010620250001", "32", "20250601090500789", "123456", 5, "2017",
    )  # fmt: skip
    assert p.data_time == datetime(2025, 6, 1, 8)
    assert p.timestamp == "2025-06-01 08:00:00"
    assert p.codes == ("w01018",)
    assert p.fields("w01018") == {"Min": "40.1", "Avg": "47.2", "Max": "55.0", "Flag": "N"}


@pytest.mark.parametrize(
    ("flag", "edition"), [(None, "2005"), ("0", "2005"), ("3", "2005"), ("4", "2017"), ("5", "2017"), ("9", "2025")]
)
def test_edition_from_the_flag_version_bits(flag: str | None, edition: str) -> None:
    segment = COD.replace("Flag=5;", "" if flag is None else f"Flag={flag};")
    assert one(build_packet(segment)).edition == edition


def test_field_order_and_case_are_free() -> None:
    segment = "MN=X1;cn=2061;ST=32;flag=5;CP=&&W01018-AVG=12.5,W01018-flag=N;datatime=20250601080000&&"
    p = one(build_packet(segment))
    assert (p.cn, p.mn, p.codes) == ("2061", "X1", ("W01018",))
    assert p.values[("W01018", "Avg")] == "12.5" and p.values[("W01018", "Flag")] == "N"


def test_a_request_for_data_is_not_data() -> None:
    p = one(build_packet(PUBLISHED[5][0]))
    assert p.data_time is None and p.values == {}


# --- lenient where the meaning is certain --------------------------------------------------------


def test_sloppy_but_unambiguous_framing_is_read() -> None:
    packet = build_packet(COD)  # "##0...&&XXXX\r\n"
    crc = packet[-6:-2]
    body = packet[:-6]
    want = one(packet).values
    variants = [
        body + crc.lower() + "\r\n",  # lower-case CRC
        body + crc + "\n",  # LF only
        body + crc,  # no line end at the end of the file
        "2025-06-01 09:05:01 RECV: " + body + crc + "\r\n",  # a logger's time stamp before ##
        "   " + body + "  " + crc + " \t\r\n",  # spaces around
    ]
    for text in variants:
        assert one(text).values == want, text


def test_unpadded_crc_is_read() -> None:
    # Some loggers print the CRC with "%X": 0x0440 becomes "440" (like the published ##0722 packet's 0440).
    seg = COD.replace("w01018-Avg=47.2", "w01018-Avg=12.1")
    assert crc16(seg.encode()) == 0x0440
    text = f"##{len(seg):04d}{seg}440\r\n"
    assert one(text).values[("w01018", "Avg")] == "12.1"


def test_spaces_inside_the_cp_are_tolerated() -> None:
    segment = COD.replace("w01018-Avg=47.2,", "w01018-Avg = 47.2 , ")
    assert one(build_packet(segment)).values[("w01018", "Avg")] == "47.2"


def test_two_packets_on_one_line() -> None:
    text = build_packet(COD).rstrip() + build_packet(COD.replace("080000;", "090000;"))
    items = parse(text)
    assert [type(i) for i in items] == [Packet, Packet]


# --- strict where it is not ------------------------------------------------------------------------


def test_wrong_crc_is_rejected() -> None:
    packet = build_packet(COD)
    wrong = f"{(int(packet[-6:-2], 16) + 1) & 0xFFFF:04X}"
    assert reason(packet[:-6] + wrong + "\r\n") == "crc_mismatch"


@pytest.mark.parametrize("delta", [-1, 1, -5, 7])
def test_wrong_length_is_rejected(delta: int) -> None:
    packet = build_packet(COD)
    n = int(packet[2:6]) + delta
    assert reason(f"##{n:04d}{packet[6:]}") in ("length_mismatch", "bad_crc_field", "crc_mismatch")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("hello\r\n", "no_header"),
        ("##01a1QN=1;CN=2061;MN=1;CP=&&&&1C80\r\n", "bad_length_field"),
        ("##9999QN=1\r\n", "length_mismatch"),
    ],
)
def test_broken_framing(text: str, why: str) -> None:
    assert reason(text) == why


@pytest.mark.parametrize(
    ("segment", "why"),
    [
        (COD.replace("w01018-Avg=47.2", "w01018-Avg=4x7"), "bad_value"),
        (COD.replace("w01018-Avg=47.2", "w01018-Avg="), "bad_value"),
        (COD.replace("w01018-Avg=47.2", "w01018-Avg=1e3"), "bad_value"),
        (COD.replace("w01018-Min=40.1", "w01018-Avg=40.1"), "duplicate_field"),
        (COD.replace("ST=32;", "ST=32;ST=32;"), "duplicate_field"),
        (COD.replace("DataTime=20250601080000", "DataTime=20250631080000"), "bad_datatime"),
        (COD.replace("DataTime=20250601080000;", ""), "missing_field"),
        (COD.replace("MN=44010620250001;", ""), "missing_field"),
        (COD.replace("Flag=5", "Flag=x"), "bad_flag"),
        (COD.replace("Flag=5", "Flag=²"), "bad_flag"),  # a digit to str.isdigit, not to int()
        (COD.replace("Flag=5", "Flag=200"), "unknown_edition"),
        (COD.replace("CP=&&", "CP=&"), "malformed_segment"),
        (COD.replace(",w01018-Max", ";junk;w01018-Max"), "malformed_segment"),
        (COD.replace("Flag=5", "Flag=9").split("CP=&&")[0] + "CP=&&9F3A0C77D21B55E0AA14&&", "encrypted_cp"),
    ],
)
def test_unusable_packets_are_rejected_with_a_reason(segment: str, why: str) -> None:
    assert why in REASONS
    assert reason(build_packet(segment)) == why


def test_odd_numbers_in_the_head_do_not_crash() -> None:
    p = one(build_packet(COD.replace("Flag=5;", "Flag=5;PNUM=²;PNO=1;")))
    assert (p.pnum, p.pno) == (None, 1)


def test_a_2025_packet_in_plain_text_is_read() -> None:
    assert one(build_packet(COD.replace("Flag=5", "Flag=9"))).edition == "2025"


def test_a_bad_line_does_not_stop_the_next() -> None:
    text = "garbage\n" + build_packet(COD)
    assert [type(i) for i in parse(text)] == [PacketError, Packet]


# --- properties ------------------------------------------------------------------------------------


@given(st.text(max_size=300))
def test_any_segment_with_a_good_crc_is_read_or_rejected_never_crashes(segment: str) -> None:
    for item in parse(build_packet(segment)):
        assert isinstance(item, Packet | PacketError)


@given(st.text(alphabet=st.sampled_from(list("w0123456789-=;,&.NRtdAvgMinMaxCouFlagDataTime ")), max_size=200))
def test_any_cp_of_a_data_packet_is_read_or_rejected(cp: str) -> None:
    segment = COD.split("CP=&&")[0] + "CP=&&" + cp + "&&"
    for item in parse(build_packet(segment)):
        assert isinstance(item, Packet | PacketError)
        if isinstance(item, Packet):
            assert all(v == v.strip() for v in item.values.values())


CODES = ["w01018", "w21003", "w21011", "w21001", "w01001", "w20111", "w00000", "011", "060"]
decimals = st.builds(
    lambda whole, frac, digits: f"{whole}.{frac:0{digits}d}" if digits else str(whole),
    st.integers(0, 99999),
    st.integers(0, 9999),
    st.integers(0, 4),
).map(lambda s: s if "." not in s or len(s.split(".")[1]) <= 4 else s[: s.index(".") + 5])
pollutant = st.tuples(
    st.sampled_from(CODES),
    st.sampled_from(["Rtd", "Avg"]),
    decimals,
    st.none() | decimals,
    st.none() | decimals,
    st.none() | st.sampled_from(list("NFMSDCTBP")),
)


@st.composite
def packets(draw: st.DrawFn) -> tuple[str, dict[tuple[str, str], str], str, str, datetime]:
    cn = draw(st.sampled_from(sorted(DATA)))
    mn = draw(st.text("0123456789ABCDEF", min_size=14, max_size=24))
    when = draw(st.datetimes(datetime(2000, 1, 1), datetime(2099, 12, 31))).replace(microsecond=0)
    items = draw(st.lists(pollutant, min_size=1, max_size=6, unique_by=lambda p: p[0]))
    parts, values = [], {}
    for code, field, value, low, high, flag in items:
        fields = [(field, value), ("Min", low), ("Max", high), ("Flag", flag)]
        kept = [(f, v) for f, v in fields if v is not None]
        parts.append(",".join(f"{code}-{f}={v}" for f, v in kept))
        values.update({(code, f): v for f, v in kept})
    flag = draw(st.sampled_from(["", "Flag=4;", "Flag=5;"]))
    segment = f"QN={when:%Y%m%d%H%M%S}000;ST=32;CN={cn};PW=123456;MN={mn};{flag}CP=&&DataTime={when:%Y%m%d%H%M%S};"
    segment += ";".join(parts) + "&&"
    return build_packet(segment), values, cn, mn, when


@given(packets())
def test_a_generated_packet_round_trips(case: tuple[str, dict[tuple[str, str], str], str, str, datetime]) -> None:
    text, values, cn, mn, when = case
    p = one(text)
    assert (p.values, p.cn, p.mn, p.data_time) == (values, cn, mn, when)


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
@given(packets(), st.data())
def test_a_changed_byte_is_read_the_same_or_rejected(
    case: tuple[str, dict[tuple[str, str], str], str, str, datetime], data: st.DataObject
) -> None:
    text, values, cn, mn, when = case
    raw = bytearray(text.encode())
    i = data.draw(st.integers(0, len(raw) - 1), label="position")
    op = data.draw(st.sampled_from(["replace", "insert", "delete"]), label="op")
    if op == "delete":
        del raw[i]
    else:
        new = data.draw(st.integers(0, 255), label="byte")
        if op == "insert":
            raw.insert(i, new)
        else:
            assume(new != raw[i])
            raw[i] = new
    items = parse(bytes(raw))
    good = [p for p in items if isinstance(p, Packet)]
    # Never half-used: either nothing of it is read, or exactly what was sent.
    assert len(good) <= 1
    for p in good:
        assert (p.values, p.cn, p.mn, p.data_time) == (values, cn, mn, when)
