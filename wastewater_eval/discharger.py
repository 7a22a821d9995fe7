"""Discharger files: read, validate against the published schema, and turn into typed values.

Every problem is collected with its file, line and field before anything fails, so a user
fixes a file in one pass.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from .errors import InputError, Location, Problem, UnitError, UnknownParameterError
from .parameters import Catalogue, Parameter
from .schema import DISCHARGER_SCHEMA
from .units import Reading, convert, parse_reading
from .yamlio import LocDict, LocList, loads

FLOW_UNIT = "m³/d"


@dataclass(frozen=True)
class Permit:
    kind: str  # drainage (排水许可证) | pollutant (排污许可证)
    number: str
    valid_until: dt.date | None
    line: int


@dataclass(frozen=True)
class Measurement:
    parameter: Parameter
    written_as: str
    reading: Reading
    line: int


@dataclass(frozen=True)
class Sample:
    id: str
    taken: dt.datetime
    point: str
    kind: str
    values: tuple[Measurement, ...]
    line: int


@dataclass(frozen=True)
class AgreedLimit:
    parameter: Parameter
    value: Decimal
    unit: str
    line: int


@dataclass(frozen=True)
class Agreement:
    """A 第六条 written treatment agreement (代处理协议)."""

    id: str
    signed: dt.date
    valid_until: dt.date
    renewed_until: dt.date | None
    limits: tuple[AgreedLimit, ...]
    max_load: tuple[AgreedLimit, ...]
    line: int

    def in_force(self, day: dt.date) -> bool:
        end = self.renewed_until or self.valid_until
        return self.signed <= day <= end


@dataclass(frozen=True)
class Plant:
    name: str
    treatment_level: str
    design_capacity: Decimal | None
    current_flow: Decimal | None
    effluent_standard: str
    built: dt.date | None
    design_influent: tuple[Measurement, ...]
    current_influent: tuple[Measurement, ...] = ()


@dataclass(frozen=True)
class Production:
    processes: tuple[str, ...]
    materials: tuple[str, ...]
    products: tuple[str, ...]
    expected_flow: Decimal | None
    expected: tuple[Measurement, ...] = ()


@dataclass(frozen=True)
class Discharger:
    id: str
    name: str
    district: str
    industry: str
    status: str
    permits: tuple[Permit, ...]
    flow_average: Decimal | None
    flow_maximum: Decimal | None
    plant: Plant | None
    water_function_class: str | None
    water_body: str
    samples: tuple[Sample, ...]
    agreements: tuple[Agreement, ...]
    production: Production | None
    path: str
    sha256: str
    warnings: tuple[str, ...] = ()
    monitors: tuple[str, ...] = ()


def _plain(value: Any) -> Any:
    """YAML values as JSON would have them, for schema validation."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _line_at(doc: Any, path: list[Any]) -> int:
    node, line = doc, getattr(doc, "line", 0)
    for key in path:
        in_dict = isinstance(node, LocDict) and key in node
        in_list = isinstance(node, LocList) and isinstance(key, int) and key < len(node)
        if in_dict or in_list:
            line = node.line_of(key)
            node = node[key]
        else:
            break
    return line


def _schema_problems(doc: Any, path: str) -> list[Problem]:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(DISCHARGER_SCHEMA)
    problems = []
    for err in sorted(validator.iter_errors(_plain(doc)), key=lambda e: list(map(str, e.absolute_path))):
        loc = list(err.absolute_path)
        field = ".".join(str(x) if not isinstance(x, int) else f"[{x}]" for x in loc).replace(".[", "[")
        message = err.message
        if err.validator == "additionalProperties":
            message = f"unknown field: {err.message.split('(')[-1].rstrip(')')}"
        elif err.validator == "enum":
            message = f"{err.instance!r} is not one of {', '.join(map(str, err.validator_value))}"
        elif err.validator == "const":
            message = f"expected {err.validator_value!r}"
        problems.append(Problem(Location(path, _line_at(doc, loc), field), message))
    return problems


class _Reader:
    """Turns a validated document into typed values, collecting problems."""

    def __init__(self, path: str, catalogue: Catalogue) -> None:
        self.path = path
        self.catalogue = catalogue
        self.problems: list[Problem] = []

    def problem(self, line: int, field: str, message: str) -> None:
        self.problems.append(Problem(Location(self.path, line, field), message))

    def date(self, value: Any, line: int, field: str) -> dt.date | None:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.problem(line, field, f"{value!r} is not a date (YYYY-MM-DD)")
            return None

    def moment(self, value: Any, line: int, field: str) -> dt.datetime | None:
        if isinstance(value, dt.datetime):
            return value
        if isinstance(value, dt.date):
            return dt.datetime.combine(value, dt.time())
        try:
            return dt.datetime.fromisoformat(str(value).replace(" ", "T"))
        except ValueError:
            self.problem(line, field, f"{value!r} is not a date or date-time (YYYY-MM-DDTHH:MM)")
            return None

    def quantity(self, value: Any, unit: str, line: int, field: str) -> Decimal | None:
        if value is None:
            return None
        try:
            reading = parse_reading(value, field)
            if reading.value is None or not reading.detected:
                raise UnitError(field, str(value), "expected a number")
            if reading.unit is None:
                raise UnitError(field, str(value), "has no unit", unit)
            return convert(reading.value, reading.unit, unit, field)
        except UnitError as exc:
            self.problem(
                line,
                field,
                f"{exc.reason}: {value!r}" + (f" (expected a unit like {exc.expected})" if exc.expected else ""),
            )
            return None

    def parameter(self, name: str, line: int, field: str) -> Parameter | None:
        try:
            return self.catalogue.resolve(name)
        except UnknownParameterError as exc:
            self.problem(line, field, str(exc))
            return None

    def measurements(self, values: LocDict, field: str) -> list[Measurement]:
        out: list[Measurement] = []
        seen: dict[str, str] = {}
        for name, raw in values.items():
            line = values.line_of(name)
            f = f"{field}.{name}"
            p = self.parameter(str(name), line, f)
            if p is None:
                continue
            if p.id in seen:
                self.problem(line, f, f"{name!r} and {seen[p.id]!r} are the same parameter ({p.id})")
                continue
            seen[p.id] = str(name)
            try:
                reading = parse_reading(raw, str(name))
            except UnitError as exc:
                self.problem(line, f, f"{exc.reason}: {raw!r}")
                continue
            if reading.basis and p.basis and reading.basis.upper() != p.basis.upper():
                self.problem(line, f, f"basis 以{reading.basis}计 contradicts {p.id}, which is 以{p.basis}计")
                continue
            if reading.unit is not None:
                try:
                    convert(Decimal(1), reading.unit, p.unit, str(name))
                except UnitError as exc:
                    self.problem(
                        line,
                        f,
                        f"unit {reading.unit!r} {exc.reason} (expected a unit like {p.unit or 'no unit'})",
                    )
                    continue
            out.append(Measurement(p, str(name), reading, line))
        return out

    def limits(self, values: Any, field: str, kind: str) -> list[AgreedLimit]:
        out: list[AgreedLimit] = []
        if not isinstance(values, LocDict):
            return out
        for name, raw in values.items():
            line = values.line_of(name)
            f = f"{field}.{name}"
            p = self.parameter(str(name), line, f)
            if p is None:
                continue
            unit = p.unit if kind == "concentration" else "kg/d"
            q = self.quantity(raw, unit, line, f)
            if q is not None:
                out.append(AgreedLimit(p, q, unit, line))
        return out


def parse_discharger(text: str, path: str, catalogue: Catalogue) -> Discharger:
    """Parse a discharger file's text; raise :class:`InputError` listing every problem."""
    loaded = loads(text, path)
    doc = loaded.data
    if not isinstance(doc, LocDict):
        raise InputError.at(path, 1, "", "expected a mapping at the top of the file")
    problems = _schema_problems(doc, path)
    if problems:
        raise InputError(problems)
    r = _Reader(path, catalogue)
    d = doc["discharger"]
    permits = []
    for kind, p in (d.get("permits") or {}).items():
        permits.append(
            Permit(
                kind,
                str(p["number"]),
                r.date(p.get("valid_until"), p.line_of("valid_until"), f"discharger.permits.{kind}.valid_until"),
                p.line,
            )
        )
    flow = d.get("flow") or LocDict()
    flow_avg = r.quantity(
        flow.get("average"), FLOW_UNIT, flow.line_of("average") if flow else 0, "discharger.flow.average"
    )
    flow_max = r.quantity(
        flow.get("maximum"), FLOW_UNIT, flow.line_of("maximum") if flow else 0, "discharger.flow.maximum"
    )
    rec = doc["receiving"]
    plant = None
    if isinstance(rec.get("plant"), LocDict):
        pl = rec["plant"]
        influent = pl.get("design_influent") or LocDict()
        plant = Plant(
            name=str(pl.get("name", "")),
            treatment_level=str(pl["treatment_level"]),
            design_capacity=r.quantity(
                pl.get("design_capacity"),
                FLOW_UNIT,
                pl.line_of("design_capacity"),
                "receiving.plant.design_capacity",
            ),
            current_flow=r.quantity(
                pl.get("current_flow"), FLOW_UNIT, pl.line_of("current_flow"), "receiving.plant.current_flow"
            ),
            effluent_standard=str(pl.get("effluent_standard", "")),
            built=r.date(pl.get("built"), pl.line_of("built"), "receiving.plant.built"),
            design_influent=tuple(r.measurements(influent, "receiving.plant.design_influent")),
            current_influent=tuple(
                r.measurements(pl.get("current_influent") or LocDict(), "receiving.plant.current_influent")
            ),
        )
    samples: list[Sample] = []
    seen_ids: dict[str, int] = {}
    raw_samples = doc.get("samples") or LocList()
    for i, s in enumerate(raw_samples):
        f = f"samples[{i}]"
        sid = str(s["id"])
        if sid in seen_ids:
            r.problem(s.line_of("id"), f"{f}.id", f"sample id {sid!r} repeated (first at line {seen_ids[sid]})")
        seen_ids[sid] = s.line_of("id")
        taken = r.moment(s["taken"], s.line_of("taken"), f"{f}.taken")
        values = r.measurements(s["values"], f"{f}.values")
        if not s["values"]:
            r.problem(s.line_of("values"), f"{f}.values", "no values measured")
        if taken is not None:
            samples.append(
                Sample(
                    sid,
                    taken,
                    str(s.get("point", "final_outlet")),
                    str(s.get("kind", "grab")),
                    tuple(values),
                    s.line,
                )
            )
    agreements: list[Agreement] = []
    for i, a in enumerate(doc.get("agreements") or LocList()):
        f = f"agreements[{i}]"
        signed = r.date(a["signed"], a.line_of("signed"), f"{f}.signed")
        until = r.date(a["valid_until"], a.line_of("valid_until"), f"{f}.valid_until")
        renewed = r.date(a.get("renewed_until"), a.line_of("renewed_until"), f"{f}.renewed_until")
        if signed and until and until < signed:
            r.problem(a.line_of("valid_until"), f"{f}.valid_until", "ends before it was signed")
        lims = r.limits(a.get("limits"), f"{f}.limits", "concentration")
        loads_ = r.limits(a.get("max_load"), f"{f}.max_load", "load")
        if signed and until:
            agreements.append(Agreement(str(a["id"]), signed, until, renewed, tuple(lims), tuple(loads_), a.line))
    production = None
    if isinstance(doc.get("production"), LocDict):
        pr = doc["production"]
        production = Production(
            tuple(str(x) for x in pr.get("processes") or []),
            tuple(str(x) for x in pr.get("materials") or []),
            tuple(str(x) for x in pr.get("products") or []),
            r.quantity(pr.get("expected_flow"), FLOW_UNIT, pr.line_of("expected_flow"), "production.expected_flow"),
            tuple(r.measurements(pr.get("expected") or LocDict(), "production.expected")),
        )
    status = str(d["status"])
    if status == "existing" and not samples and not r.problems and "samples" not in doc:
        r.problem(
            doc.line_of("samples") if "samples" in doc else d.line_of("status"),
            "samples",
            "an existing discharger (第五条第一项) is assessed on measured data: add samples",
        )
    if status == "prospective" and production is None and not r.problems:
        r.problem(
            d.line_of("status"),
            "production",
            "a prospective discharger (第五条第二项) is assessed from its production: add a production section",
        )
    if r.problems:
        raise InputError(r.problems)
    return Discharger(
        id=str(d["id"]),
        name=str(d["name"]),
        district=str(d["district"]),
        industry=str(d.get("industry", "other")),
        status=status,
        permits=tuple(permits),
        flow_average=flow_avg,
        flow_maximum=flow_max,
        plant=plant,
        water_function_class=rec.get("water_function_class"),
        water_body=str(rec.get("water_body", "river")),
        samples=tuple(samples),
        agreements=tuple(agreements),
        production=production,
        path=path,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        monitors=tuple(str(x) for x in d.get("monitors") or []),
        warnings=tuple(str(p) for p in loaded.repairs),
    )


def load_discharger(path: Path | str, catalogue: Catalogue) -> Discharger:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError.at(str(p), 0, "", f"cannot read file: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError.at(str(p), 0, "", "neither UTF-8 nor GB18030 text") from None
    d = parse_discharger(text, str(p), catalogue)
    # the hash is of the bytes as given, so a reader can check the very file
    return Discharger(**{**d.__dict__, "sha256": hashlib.sha256(raw).hexdigest()})
