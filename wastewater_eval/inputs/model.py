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
    # what the standards' applicability clauses ask (eia_approved, sub_sector, beds …), as given
    attributes: Mapping[str, Any] = field(default_factory=dict)
    attribute_lines: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class PlantsFile:
    """The plants by name, with the file's text and hash so an assessment can be reproduced."""

    path: str
    sha256: str
    text: str
    plants: dict[str, Plant] = field(default_factory=dict)
