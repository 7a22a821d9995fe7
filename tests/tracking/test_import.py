"""import_files: HJ 212 logs into the store, idempotent and atomic; the report's counts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wastewater_eval.errors import InputError
from wastewater_eval.standards.parameters import Catalogue
from wastewater_eval.tracking import ImportProgress, build_packet, import_files, open_store
from wastewater_eval.tracking.staging import Staging
from wastewater_eval.tracking.store import Store

from .conftest import FIXTURES, rows, table_counts

WATER = FIXTURES / "water-2017.log"
LEGACY = FIXTURES / "legacy-2005.log"
PUBLIC = FIXTURES / "public-packets.log"
MN = "44010620250001"


def reading(store: Path, parameter: str, interval: str, ts: str, mn: str = MN) -> dict[str, object]:
    found = rows(
        store,
        "SELECT * FROM readings_with_source WHERE discharger_id = ? AND parameter_id = ? AND interval = ? AND ts = ?",
        (mn, parameter, interval, ts),
    )
    assert len(found) == 1, found
    return found[0]


def test_each_data_command_lands_with_its_interval(store_path: Path, catalogue: Catalogue) -> None:
    report = import_files(store_path, [WATER], catalogue)
    assert report.packets == 6 and report.rejected == {}
    assert report.skipped == {"not a data command: CN=2081": 1}
    assert (report.read, report.accepted, report.duplicates) == (19, 19, 0)  # 17 concentrations, 2 flows
    assert reading(store_path, "cod", "realtime", "2025-06-01 08:00:00")["value"] == 45.6
    minute = reading(store_path, "cod", "minute", "2025-06-01 08:00:00")
    assert (minute["value"], minute["min"], minute["max"]) == (45.8, 40.1, 52.3)
    assert minute["load_kg"] == 0.412
    hour = reading(store_path, "cod", "hour", "2025-06-01 08:00:00")
    assert (hour["value"], hour["data_flag"], hour["valid"], hour["basis"]) == (47.2, "M", 0, "online")
    assert hour["source_file"] == str(WATER) and len(str(hour["source_sha256"])) == 64
    assert reading(store_path, "cod", "day", "2025-06-01 00:00:00")["data_flag"] == "D"
    # flow (w00000) is kept, in L/s as HJ 212-2017 Table B.1 gives it: loads are computed from it
    assert reading(store_path, "flow", "realtime", "2025-06-01 08:00:00")["value"] == 2.5


def test_values_are_converted_to_the_catalogue_unit(store_path: Path, catalogue: Catalogue) -> None:
    import_files(store_path, [WATER], catalogue)
    hg = reading(store_path, "total_mercury", "hour", "2025-06-01 08:00:00")
    # HJ 212-2017 Table B.1 gives total mercury in μg/L: 0.50 μg/L is 0.0005 mg/L; Cou is in grams.
    assert (hg["value"], hg["min"], hg["max"]) == (float("0.0005"), float("0.0004"), float("0.00061"))
    assert hg["load_kg"] == float("0.000026")
    assert reading(store_path, "ph", "hour", "2025-06-01 08:00:00")["value"] == 7.14


def test_data_flags_other_than_n_are_kept_but_invalid(store_path: Path, catalogue: Catalogue) -> None:
    report = import_files(store_path, [WATER], catalogue)
    flagged = rows(store_path, "SELECT data_flag, valid FROM readings WHERE data_flag != 'N' ORDER BY data_flag")
    assert flagged == [
        {"data_flag": "B", "valid": 0},
        {"data_flag": "D", "valid": 0},
        {"data_flag": "M", "valid": 0},
        {"data_flag": "T", "valid": 0},
    ]
    assert report.invalid_flagged == 4


def test_legacy_codes_of_hj_t_212_2005(store_path: Path, catalogue: Catalogue) -> None:
    report = import_files(store_path, [LEGACY], catalogue)
    mn = "0873HHMZWSLH02"
    assert reading(store_path, "cod", "realtime", "2016-01-03 13:30:30", mn)["value"] == 18.0412
    assert reading(store_path, "ammonia_nitrogen", "realtime", "2016-01-03 13:30:30", mn)["value"] == 3.0943
    assert reading(store_path, "total_phosphorus", "hour", "2016-01-03 13:00:00", mn)["value"] == 0.42
    assert reading(store_path, "total_nitrogen", "hour", "2016-01-03 13:00:00", mn)["value"] == 9.95
    assert reading(store_path, "ph", "hour", "2016-01-03 13:00:00", mn)["data_flag"] is None  # none sent: valid
    assert report.skipped == {"legacy unit unverified: 020 总汞": 1}
    assert reading(store_path, "flow", "realtime", "2016-01-03 13:30:30", mn)["value"] == 10.989  # B01, L/s


def test_published_packets(store_path: Path, catalogue: Catalogue) -> None:
    report = import_files(store_path, [PUBLIC], catalogue)
    assert report.rejected == {"duplicate_field": 1}  # ##0722 sends w00000-Avg twice: none of it is used
    assert report.accepted == 3  # the three COD packets of MN 23040281003022
    assert report.skipped["a request for data, not data: CN=2061"] == 1
    assert report.skipped["unknown code: a21005"] == 1
    assert rows(store_path, "SELECT count(*) AS n FROM readings WHERE discharger_id = '23923493201019'") == [{"n": 0}]


def test_importing_the_same_file_twice_adds_nothing(store_path: Path, catalogue: Catalogue, tmp_path: Path) -> None:
    first = import_files(store_path, [WATER], catalogue)
    before = rows(store_path)
    copy = tmp_path / "same-bytes-other-name.log"
    shutil.copy(WATER, copy)
    again = import_files(store_path, [WATER, copy], catalogue)
    assert again.files_already_imported == 2 and again.accepted == 0 and again.read == 0
    assert rows(store_path) == before
    assert table_counts(store_path)["imports"] == 1
    assert first.files_imported == 1


def test_overlapping_files_count_duplicates(store_path: Path, catalogue: Catalogue, tmp_path: Path) -> None:
    lines = WATER.read_bytes().splitlines(keepends=True)
    a, b = tmp_path / "a.log", tmp_path / "b.log"
    a.write_bytes(b"".join(lines[:4]))
    b.write_bytes(b"".join(lines[2:]))  # packets 3 and 4 resent (a logger's 补传)
    import_files(store_path, [a], catalogue)
    report = import_files(store_path, [b], catalogue)
    assert (report.read, report.duplicates, report.accepted) == (12, 10, 2)  # with the hour's flow
    assert table_counts(store_path)["readings"] == 19


def test_a_failure_mid_import_leaves_the_store_as_it_was(store_path: Path, catalogue: Catalogue) -> None:
    import_files(store_path, [LEGACY], catalogue)
    before = rows(store_path)
    seen: list[ImportProgress] = []

    def explode(p: ImportProgress) -> None:
        seen.append(p)
        if p.finished and p.file_index == 2:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        import_files(store_path, [WATER, PUBLIC, FIXTURES / "legacy-2005.log"], catalogue, progress=explode)
    assert [(p.file_index, p.file_count, p.finished) for p in seen] == [(1, 3, True), (2, 3, True)]
    assert rows(store_path) == before
    assert table_counts(store_path) == {"imports": 1, "readings": len(before), "notices": 0}


def test_a_failing_insert_in_a_later_batch_writes_nothing(
    store_path: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"n": 0}
    real = Staging.add

    def flaky(self: Staging, batch: object) -> int:
        calls["n"] += 1
        if calls["n"] == 4:
            raise OSError("I/O error")
        return real(self, batch)  # type: ignore[arg-type]

    monkeypatch.setattr(Staging, "add", flaky)
    with pytest.raises(OSError):
        import_files(store_path, [WATER], catalogue, batch_size=3)
    assert calls["n"] == 4
    assert table_counts(store_path) == {"imports": 0, "readings": 0, "notices": 0}


def test_a_failure_after_the_files_are_written_lists_none_of_them(
    store_path: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_files(store_path, [LEGACY], catalogue)
    before = rows(store_path)

    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(Store, "finish_import", fail)  # the partition files are in place, not yet listed
    with pytest.raises(OSError):
        import_files(store_path, [WATER], catalogue)
    monkeypatch.undo()
    assert rows(store_path) == before
    import_files(store_path, [PUBLIC], catalogue)  # the next import removes the files nobody lists
    listed = {p.name for p in (store_path.parent / (store_path.name + ".readings")).rglob("*.parquet")}
    with open_store(store_path) as s:
        assert listed == {p.name for p in s.reading_files()}


def test_a_bad_table_among_good_logs_writes_nothing(store_path: Path, catalogue: Catalogue, tmp_path: Path) -> None:
    bad = tmp_path / "lab.csv"
    bad.write_text("discharger,time,parameter,value\nD1,2024-06-01,XYZ,1 mg/L\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        import_files(store_path, [WATER, bad, LEGACY], catalogue)
    assert [p.location.path for p in err.value.problems] == [str(bad)]
    assert table_counts(store_path) == {"imports": 0, "readings": 0, "notices": 0}


def test_rejections_are_counted_by_reason(store_path: Path, catalogue: Catalogue, tmp_path: Path) -> None:
    good = build_packet(
        f"QN=1;ST=32;CN=2061;PW=1;MN={MN};Flag=5;CP=&&DataTime=20250601100000;w01018-Avg=12.0,w01018-Flag=N&&"
    )
    edited = good.replace("100000", "110000")  # the time changed after the CRC was made
    log = tmp_path / "mixed.log"
    log.write_text(good + edited + "##12\r\n" + "boot ok\r\n" + good[:-20] + "\r\n", newline="")
    report = import_files(store_path, [log], catalogue)
    assert report.rejected == {"bad_length_field": 1, "crc_mismatch": 1, "length_mismatch": 1, "no_header": 1}
    assert (report.packets, report.accepted) == (1, 1)


def test_a_folder_is_imported_file_by_file(store_path: Path, catalogue: Catalogue, tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    folder.mkdir()
    shutil.copy(WATER, folder / "a.log")
    shutil.copy(LEGACY, folder / "b.log")
    (folder / ".hidden").write_text("x")
    report = import_files(store_path, [folder], catalogue)
    assert [Path(f.path).name for f in report.files] == ["a.log", "b.log"]
    assert report.to_dict()["files_imported"] == 2


def test_a_huge_line_is_rejected_without_reading_it_whole(tmp_path, store_path, catalogue) -> None:
    from wastewater_eval.tracking import build_packet

    log = tmp_path / "huge.log"
    good = build_packet(
        "QN=20240101000000000;ST=32;CN=2061;PW=123456;MN=MNX;Flag=4;CP=&&DataTime=20240101000000;"
        "w01018-Avg=100.0,w01018-Flag=N&&"
    )
    with log.open("wb") as f:
        f.write(b"##" + b"9" * (5 * 1024 * 1024) + b"\r\n")  # 5 MiB of nothing on one line
        f.write(good.encode())
    report = import_files(store_path, [log], catalogue)
    assert report.accepted == 1 and sum(report.rejected.values()) >= 1
