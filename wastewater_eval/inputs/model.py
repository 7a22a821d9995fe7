"""The input model: what a discharger file and a plants file say, as frozen typed values.

Quantities are exact decimals in the unit each field states (flows in m³/d); measured values keep
the text the laboratory wrote (:class:`~wastewater_eval.load.units.Reading`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..load.units import Reading
from ..standards.parameters import Parameter

PLANTS_FILE_NAME = "plants.yaml"

FLOW_UNIT = "m³/d"


@dataclass(frozen=True)
class Permit:
    kind: str  # drainage (排水许可证) | pollutant (排污许可证)
    number: str
    valid_until: dt.date | None
    line: int
    valid_from: dt.date | None = None


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
    # who took it, how a composite was made and how it was kept (the file's ``sampling`` defaults
    # unless the sample says otherwise); None where the file does not say
    sampled_by: str | None = None
    composite: str | None = None
    preservation: str | None = None


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
    description: str | None = None  # what is produced and how, in the discharger's words


@dataclass(frozen=True)
class PretreatmentFacility:
    """A treatment facility of the discharger's own, before its wastewater reaches the sewer."""

    name: str
    process: str | None
    capacity: Decimal | None  # m³/d
    line: int


@dataclass(frozen=True)
class Identification:
    """Who the discharger is, as a document names it; every field optional (the document says 未提供)."""

    address: str | None = None
    credit_code: str | None = None  # 统一社会信用代码 (GB 32100-2015), check digit verified
    contact: str | None = None
    telephone: str | None = None
    pretreatment: tuple[PretreatmentFacility, ...] = ()


@dataclass(frozen=True)
class AnalyticalMethod:
    """How the laboratory measured one parameter: the method standard and its detection limit."""

    parameter: Parameter
    method: str | None
    detection_limit: str | None  # as the laboratory wrote it, e.g. "0.05 mg/L"
    line: int


@dataclass(frozen=True)
class Laboratory:
    """The laboratory that analysed the samples (one report for the file's samples)."""

    name: str | None
    cma: str | None  # CMA 资质认定证书编号
    report: str | None  # the laboratory's report number
    methods: tuple[AnalyticalMethod, ...] = ()


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
    # what the standards' applicability clauses ask (eia_approved, sub_sector, beds …), as given
    attributes: Mapping[str, Any] = field(default_factory=dict)
    attribute_lines: Mapping[str, int] = field(default_factory=dict)
    identification: Identification = field(default_factory=Identification)
    laboratory: Laboratory | None = None


@dataclass(frozen=True)
class PlantsFile:
    """The plants by name, with the file's text and hash so an assessment can be reproduced."""

    path: str
    sha256: str
    text: str
    plants: dict[str, Plant] = field(default_factory=dict)
