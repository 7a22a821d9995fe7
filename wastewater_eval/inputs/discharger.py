"""Discharger files: read, validate against the published schema, and turn into typed values.

Every problem is collected with its file, line and field before anything fails, so a user
fixes a file in one pass.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import InputError, Location, Problem, UnitError, UnknownParameterError
from ..load.units import Reading, convert, parse_reading
from ..load.yamlio import LocDict, LocList, loads
from ..standards.parameters import Catalogue, Parameter
from .schema import DISCHARGER_SCHEMA

if TYPE_CHECKING:
    from .plants import PlantsFile

PLANTS_FILE_NAME = "plants.yaml"

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
class PlantFraction:
    """A removal efficiency the plant gives for one parameter (0 to 1)."""

    parameter: Parameter
    value: Decimal
    written_as: str
    line: int


@dataclass(frozen=True)
class SiteThreshold:
    """A site-specific inhibition threshold (mg/L) for one parameter and biological process."""

    parameter: Parameter
    process: str  # activated_sludge | nitrification
    value: Decimal
    line: int


@dataclass(frozen=True)
class SludgeRoute:
    """Where the plant's sludge goes: it decides which sludge-quality limits bind."""

    route: str  # land_application | landfill | incineration | building_materials | other
    soil: str | None  # acid | neutral_alkaline (land application only)
    dry_mass: Decimal | None  # kg dry solids/d
    line: int


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
    process: str | None = None  # treatment train; None: the one usual for treatment_level
    nitrification: str = "single_stage"
    safety_factor: Decimal | None = None
    effluent_surface_class: str | None = None
    effluent_local_limits: tuple[AgreedLimit, ...] = ()
    removal: tuple[PlantFraction, ...] = ()
    inhibition: tuple[SiteThreshold, ...] = ()
    sludge: SludgeRoute | None = None
    origin: str = "discharger file, receiving.plant"  # where the section was written, for citations
    line: int = 0


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
    plants_file: PlantsFile | None = None  # where a plant named by the file came from
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


def schema_problems(doc: Any, path: str, schema: dict[str, Any] = DISCHARGER_SCHEMA) -> list[Problem]:
    """Every way ``doc`` breaks ``schema``, each at its file, line and field."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema)
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


class Entry(NamedTuple):
    """One entry of a parameter-keyed mapping: the parameter, the name written, the raw value."""

    parameter: Parameter
    name: str
    raw: Any
    line: int
    field: str


class Reader:
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

    def by_parameter(self, values: Any, field: str) -> list[Entry]:
        """The entries of a parameter-keyed mapping whose names the catalogue knows, each once."""
        out: list[Entry] = []
        if not isinstance(values, LocDict):
            return out
        seen: dict[str, str] = {}
        for name, raw in values.items():
            line, f = values.line_of(name), f"{field}.{name}"
            p = self.parameter(str(name), line, f)
            if p is None:
                continue
            if p.id in seen:
                self.problem(line, f, f"{name!r} and {seen[p.id]!r} are the same parameter ({p.id})")
                continue
            seen[p.id] = str(name)
            out.append(Entry(p, str(name), raw, line, f))
        return out

    def measurements(self, values: LocDict, field: str) -> list[Measurement]:
        out: list[Measurement] = []
        for p, name, raw, line, f in self.by_parameter(values, field):
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


def _fraction(r: Reader, raw: Any, line: int, field: str) -> Decimal | None:
    """0.85 or '85 %' → Decimal('0.85'); a problem (and None) for anything outside 0 to 1."""
    text = str(raw).strip().replace("％", "%")
    percent = text.endswith("%")
    try:
        value = Decimal(text.rstrip("%").strip()) if not isinstance(raw, bool) else None
    except ArithmeticError:
        value = None
    if value is None or not value.is_finite() or "e" in text.lower():
        r.problem(line, field, f"{raw!r} is not a fraction (0.85) or a percentage ('85 %')")
        return None
    if percent:
        value = value / 100
    if not Decimal(0) <= value <= Decimal(1):
        r.problem(line, field, f"{raw!r} is outside 0 to 1 (0 % to 100 %)")
        return None
    return value


def read_plant(pl: LocDict, r: Reader, f: str = "receiving.plant") -> Plant:
    """A plant section (in a discharger file or a plants file): design, flows, and the plant model (第四条)."""
    removal: list[PlantFraction] = []
    for p, _name, raw, line, field in r.by_parameter(pl.get("removal"), f"{f}.removal"):
        value = _fraction(r, raw, line, field)
        if value is not None:
            removal.append(PlantFraction(p, value, str(raw), line))
    inhibition: list[SiteThreshold] = []
    for p, _name, raw, _line, field in r.by_parameter(pl.get("inhibition"), f"{f}.inhibition"):
        for process, q in raw.items():
            qline, qfield = raw.line_of(process), f"{field}.{process}"
            if p.unit != "mg/L":
                r.problem(qline, qfield, f"{p.id} is not measured in mg/L, so it has no inhibition threshold")
                continue
            value = r.quantity(q, "mg/L", qline, qfield)
            if value is not None:
                inhibition.append(SiteThreshold(p, str(process), value, qline))
    sludge = None
    if isinstance(pl.get("sludge"), LocDict):
        sl = pl["sludge"]
        route, soil = str(sl["route"]), sl.get("soil")
        if route == "land_application" and soil is None:
            r.problem(
                sl.line_of("route"),
                f"{f}.sludge.soil",
                "land application needs the soil: acid (pH<6.5) or neutral_alkaline (pH>=6.5), "
                "the two columns of GB 18918-2002 表6",
            )
        dry = r.quantity(sl.get("dry_mass"), "kg/d", sl.line_of("dry_mass"), f"{f}.sludge.dry_mass")
        sludge = SludgeRoute(route, str(soil) if soil is not None else None, dry, sl.line)
    safety = None
    if "safety_factor" in pl:
        safety = _fraction(r, pl["safety_factor"], pl.line_of("safety_factor"), f"{f}.safety_factor")
        if safety is not None and safety >= 1:
            r.problem(pl.line_of("safety_factor"), f"{f}.safety_factor", "must be below 1 (100 %)")
    return Plant(
        name=str(pl.get("name", "")),
        treatment_level=str(pl["treatment_level"]),
        design_capacity=r.quantity(
            pl.get("design_capacity"), FLOW_UNIT, pl.line_of("design_capacity"), f"{f}.design_capacity"
        ),
        current_flow=r.quantity(pl.get("current_flow"), FLOW_UNIT, pl.line_of("current_flow"), f"{f}.current_flow"),
        effluent_standard=str(pl.get("effluent_standard", "")),
        built=r.date(pl.get("built"), pl.line_of("built"), f"{f}.built"),
        design_influent=tuple(r.measurements(pl.get("design_influent") or LocDict(), f"{f}.design_influent")),
        current_influent=tuple(r.measurements(pl.get("current_influent") or LocDict(), f"{f}.current_influent")),
        process=pl.get("process"),
        nitrification=str(pl.get("nitrification", "single_stage")),
        safety_factor=safety,
        effluent_surface_class=pl.get("effluent_surface_class"),
        effluent_local_limits=tuple(
            r.limits(pl.get("effluent_local_limits"), f"{f}.effluent_local_limits", "concentration")
        ),
        removal=tuple(removal),
        inhibition=tuple(inhibition),
        sludge=sludge,
        origin="discharger file, receiving.plant" if f == "receiving.plant" else f"{Path(r.path).name}, {f}",
        line=pl.line,
    )


def _named_plant(name: str, line: int, plants: PlantsFile | None, r: Reader) -> Plant | None:
    """The plant a discharger file names, from the plants file; a problem when it is not there."""
    if plants is None:
        r.problem(
            line,
            "receiving.plant",
            f"names the plant {name!r}: give the plants file (--plants FILE, or plants.yaml beside this file)",
        )
        return None
    plant = plants.plants.get(name)
    if plant is None:
        known = ", ".join(sorted(plants.plants)) or "none"
        r.problem(line, "receiving.plant", f"no plant named {name!r} in {plants.path} (it has: {known})")
    return plant


def parse_discharger(
    text: str,
    path: str,
    catalogue: Catalogue,
    plants: PlantsFile | Callable[[], PlantsFile] | None = None,
) -> Discharger:
    """Parse a discharger file's text; raise :class:`InputError` listing every problem.

    ``plants`` is the plants file a ``receiving.plant`` given as a name is looked up in, or a
    function that reads it: it is called only when the file names its plant, so a plant
    described in the file never depends on the plants file."""
    loaded = loads(text, path)
    doc = loaded.data
    if not isinstance(doc, LocDict):
        raise InputError.at(path, 1, "", "expected a mapping at the top of the file")
    problems = schema_problems(doc, path)
    if problems:
        raise InputError(problems)
    r = Reader(path, catalogue)
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
        plant = read_plant(rec["plant"], r)
    elif isinstance(rec.get("plant"), str):
        if callable(plants):
            plants = plants()
        plant = _named_plant(str(rec["plant"]), rec.line_of("plant"), plants, r)
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
        plants_file=plants if isinstance(rec.get("plant"), str) and not callable(plants) else None,
    )


def read_user_file(p: Path) -> tuple[bytes, str]:
    """A file a user wrote, as bytes (for its hash) and text: UTF-8 (with or without BOM) or GB18030."""
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError.at(str(p), 0, "", f"cannot read file: {exc.strerror}") from None
    try:
        return raw, raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return raw, raw.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError.at(str(p), 0, "", "neither UTF-8 nor GB18030 text") from None


def load_discharger(path: Path | str, catalogue: Catalogue, plants: Path | str | None = None) -> Discharger:
    """Read a discharger file. A plant named by the file is looked up in ``plants``, by default the
    ``plants.yaml`` beside the file (read only when the file names a plant)."""
    p = Path(path)
    raw, text = read_user_file(p)
    plants_path = Path(plants) if plants is not None else p.parent / PLANTS_FILE_NAME
    loader = None
    if plants is not None or plants_path.is_file():

        def loader() -> PlantsFile:
            from .plants import load_plants

            return load_plants(plants_path, catalogue)

    d = parse_discharger(text, str(p), catalogue, loader)
    # the hash is of the bytes as given, so a reader can check the very file
    return Discharger(**{**d.__dict__, "sha256": hashlib.sha256(raw).hexdigest()})
