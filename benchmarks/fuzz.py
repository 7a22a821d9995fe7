"""A bounded fuzz run over every parser of user input: discharger files, values, HJ 212 logs, CSV tables,
plants files.

Each input must give a result or the tool's own error (file/line/field), never any other exception,
and a discharger file that parses must never yield "complies" for a value that was not understood.
CI runs the same properties briefly through hypothesis (tests/test_hostile_input.py,
tests/tracking/); this harness runs them longer, on demand:

    python benchmarks/fuzz.py --inputs 20000 [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from wastewater_eval.assessment.assess import assess
from wastewater_eval.errors import InputError, UnitError, WastevalError
from wastewater_eval.inputs.discharger import parse_discharger
from wastewater_eval.inputs.plants import parse_plants
from wastewater_eval.load.units import parse_reading
from wastewater_eval.plant import PlantModelError, bundled_defaults, plant_from_record
from wastewater_eval.standards import load_library
from wastewater_eval.tracking import build_packet, import_files, load_code_table
from wastewater_eval.tracking.hj212 import read_packets

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from fuzz_tracking import fuzz_tracking  # the tracking kind (benchmarks/fuzz_tracking.py)

from tests.fuzzing import mutate  # the mutations shared with the hypothesis properties

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (ROOT / "examples" / "discharger.example.yaml").read_text(encoding="utf-8")
PLANTS = (ROOT / "examples" / "plants.yaml").read_text(encoding="utf-8")
ALPHABET = "0123456789.,-+<>()（）［］{}[]:#&*!|'\"\\ \t\nmgLμug/℃倍个NDnd未检出化学需氧量总镍\x00\x1f\u3000"


def rand_text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, n)))


def fuzz_discharger(rng: random.Random, lib, counts: Counter[str]) -> None:
    text = mutate(EXAMPLE, rng.randint, rng.choice, lambda n: rand_text(rng, n))
    try:
        d = parse_discharger(text, "fuzz.yaml", lib.catalogue)
    except InputError as exc:
        assert exc.problems, "an input error without problems"
        counts["discharger: input error"] += 1
        return
    a = assess(d, as_of=dt.date(2024, 6, 1), library=lib, engine="python")
    understood = {(s.id, m.parameter.id) for s in d.samples for m in s.values}
    for f in a.findings:
        if f.subject == "measurement" and f.status == "complies":
            assert (f.sample, f.parameter) in understood and f.value is not None, f
    counts["discharger: assessed"] += 1


def fuzz_plants(rng: random.Random, lib, counts: Counter[str]) -> None:
    text = mutate(PLANTS, rng.randint, rng.choice, lambda n: rand_text(rng, n))
    try:
        plants = parse_plants(text, "plants.yaml", lib.catalogue)
    except InputError as exc:
        assert exc.problems, "an input error without problems"
        counts["plants: input error"] += 1
        return
    for plant in plants.plants.values():
        try:
            plant_from_record(plant, lib, defaults=bundled_defaults(lib.catalogue))
            counts["plants: model built"] += 1
        except PlantModelError:
            counts["plants: model refused"] += 1


def fuzz_value(rng: random.Random, counts: Counter[str]) -> None:
    try:
        parse_reading(rand_text(rng, 12), "cod")
        counts["value: read"] += 1
    except UnitError:
        counts["value: unit error"] += 1


def fuzz_hj212(rng: random.Random, codes, counts: Counter[str]) -> None:
    segment = (
        f"QN=20240101000000000;ST=32;CN=2061;PW=123456;MN=MN{rng.randint(0, 99):012d};Flag=4;"
        f"CP=&&DataTime=20240101{rng.randint(0, 23):02d}0000;w01018-Avg={rng.uniform(0, 500):.2f},"
        f"w01018-Flag=N;w21003-Avg={rng.uniform(0, 50):.2f},w21003-Flag={rng.choice('NMDF')}&&"
    )
    packet = bytearray(build_packet(segment).encode())
    for _ in range(rng.randint(0, 3)):
        op = rng.choice(["flip", "insert", "delete"])
        i = rng.randrange(len(packet))
        if op == "flip":
            packet[i] = rng.randrange(256)
        elif op == "insert":
            packet.insert(i, rng.randrange(256))
        elif len(packet) > 1:
            del packet[i]
    data_cns = frozenset(c.cn for c in codes.commands())
    for item in read_packets([bytes(packet)], codes.edition_keys(), data_cns):
        counts["hj212: " + ("rejected" if isinstance(item, WastevalError) else "read")] += 1


def fuzz_csv(rng: random.Random, lib, tmp: Path, counts: Counter[str]) -> None:
    header = rng.choice(
        ["时间,COD(mg/L),氨氮(mg/L)", "排水户,时间,项目,数值,单位", "time,parameter,value,unit", rand_text(rng, 20)]
    )
    rows = [header] + [
        ",".join(
            rand_text(rng, 8)
            if rng.random() < 0.3
            else rng.choice(["2024-01-01 10:00", "COD", "420", "mg/L", "D-1", "<0.5", "未检出", "45"])
            for _ in range(rng.randint(1, 5))
        )
        for _ in range(rng.randint(0, 6))
    ]
    path = tmp / f"f{rng.randrange(10**9)}.csv"
    path.write_bytes("\n".join(rows).encode(rng.choice(["utf-8", "utf-8-sig", "gb18030"]), errors="replace"))
    try:
        import_files(tmp / "fuzz.sqlite", [path], lib.catalogue, discharger="D-1")
        counts["csv: imported"] += 1
    except WastevalError:
        counts["csv: error"] += 1


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--inputs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    lib = load_library()
    codes = load_code_table(lib.catalogue)
    counts: Counter[str] = Counter()
    failures = 0
    t = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.inputs):
            kind = n % 6
            try:
                if kind == 0:
                    fuzz_discharger(rng, lib, counts)
                elif kind == 1:
                    fuzz_value(rng, counts)
                elif kind == 2:
                    fuzz_hj212(rng, codes, counts)
                elif kind == 3:
                    fuzz_csv(rng, lib, Path(tmp), counts)
                elif kind == 4:
                    fuzz_plants(rng, lib, counts)
                else:
                    fuzz_tracking(rng, lib, Path(tmp), counts)
            except Exception:  # anything but the tool's own errors is a failure to report
                failures += 1
                print(f"FAILURE on input {n} (kind {kind}):")
                traceback.print_exc()
    print(f"{args.inputs} inputs in {time.perf_counter() - t:.0f} s, {failures} failures")
    for key, value in sorted(counts.items()):
        print(f"  {key}: {value}")


if __name__ == "__main__":
    main()
