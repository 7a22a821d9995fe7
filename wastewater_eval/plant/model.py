"""The plant's side as values: capacity, flows, influent, limits, removal and inhibition.

SI units throughout: flows in m³/d, concentrations in mg/L, loads in kg/d, removal as a
fraction (0.9 = 90 %), sludge quality in mg/kg of dry solids, sludge mass in kg dry solids/d.

Where a number came from is kept beside it (:class:`~.formula.Sourced`), because a report
must be able to say whether a removal efficiency was the plant's own data, a value the user
gave, a default from ``standards/plant/`` or derived from the design.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from .formula import ONE, ZERO, Sourced, fmt
from .processes import (
    NITRIFICATION_KINDS,
    TREATMENT_PROCESSES,
    InhibitionThreshold,
    PlantModelError,
)

if TYPE_CHECKING:
    from .data import PlantDefaults

# The safety factor: the share of a limit (or of a capacity, or of the maximum allowable
# headworks loading) kept in reserve. 0.10 by default, because:
#  * 第四条 asks whether the plant can keep its effluent *stably* within its design standard, which
#    needs a margin below the limit for day-to-day variation of flow, load and removal;
#  * the published local-limits study reproduced in the tests (Washington Court House, Ohio,
#    Ord. 6-94, Table No. 9) applied exactly "an additional 10% safety factor";
#  * the EPA 2004 guidance's own recommendation could not be read from any stored copy, so no
#    EPA figure is claimed here. Set it per plant (``safety_factor=``) where the operator has one.
DEFAULT_SAFETY_FACTOR = Decimal("0.10")
SAFETY_FACTOR_WHY = (
    "default 0.10: a margin below each limit for stable compliance (第四条); the published local-limits "
    "study reproduced in the tests (Washington Court House, Ohio, Ord. 6-94, Table No. 9) used a 10% "
    "safety factor; the EPA 2004 guidance's own figure could not be verified"
)


@dataclass(frozen=True)
class ParameterSetup:
    """Everything the plant knows about one parameter."""

    parameter: str
    design_influent: Sourced | None = None  # mg/L
    current_influent: Sourced | None = None  # mg/L, without the discharger being assessed
    effluent_limit: Sourced | None = None  # mg/L
    removal: Sourced | None = None  # R_POTW, headworks to plant effluent (fraction)
    primary_removal: Sourced | None = None  # R_prim, headworks to primary effluent
    secondary_removal: Sourced | None = None  # R_sec, headworks to secondary effluent
    inhibition: tuple[InhibitionThreshold, ...] = ()
    sludge_limit: Sourced | None = None  # mg/kg dry solids

    def __post_init__(self) -> None:
        for name in ("removal", "primary_removal", "secondary_removal"):
            r = getattr(self, name)
            if r is not None and not ZERO <= r.value <= ONE:
                raise PlantModelError(
                    name, r.value, "a removal efficiency is a fraction between 0 and 1", self.parameter
                )
        for name in ("design_influent", "current_influent", "effluent_limit", "sludge_limit"):
            v = getattr(self, name)
            if v is not None and v.value < 0:
                raise PlantModelError(name, v.value, "must not be negative", self.parameter)


@dataclass(frozen=True)
class PlantModel:
    """A municipal plant as the assessment sees it."""

    name: str
    design_capacity: Decimal | None  # m³/d
    current_flow: Decimal | None  # m³/d, without the discharger being assessed
    parameters: Mapping[str, ParameterSetup] = field(default_factory=dict)
    safety_factor: Decimal = DEFAULT_SAFETY_FACTOR
    safety_factor_source: str = SAFETY_FACTOR_WHY
    process: str = "activated_sludge"
    nitrification: str = "single_stage"
    sludge_dry_mass: Sourced | None = None  # kg dry solids/d to disposal
    sludge_route: str | None = None  # land_application | landfill | incineration | building_materials | other
    sludge_soil: str | None = None  # acid | neutral_alkaline, for land application
    notes: tuple[str, ...] = ()  # what the model could not be given (e.g. defaults not verified)

    def __post_init__(self) -> None:
        for name in ("design_capacity", "current_flow"):
            v = getattr(self, name)
            if v is not None and v < 0:
                raise PlantModelError(name, v, "a flow must not be negative")
        if not ZERO <= self.safety_factor < ONE:
            raise PlantModelError("safety_factor", self.safety_factor, "must be at least 0 and below 1")
        if self.process not in TREATMENT_PROCESSES:
            raise PlantModelError("process", self.process, f"expected one of {', '.join(TREATMENT_PROCESSES)}")
        if self.nitrification not in NITRIFICATION_KINDS:
            raise PlantModelError(
                "nitrification", self.nitrification, f"expected one of {', '.join(NITRIFICATION_KINDS)}"
            )

    def setup(self, parameter: str) -> ParameterSetup:
        return self.parameters.get(parameter) or ParameterSetup(parameter)


@dataclass(frozen=True)
class DischargerInput:
    """The discharger being assessed: its flow (m³/d) and concentrations (mg/L) by parameter."""

    name: str
    flow: Decimal
    concentrations: Mapping[str, Sourced] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.flow < 0:
            raise PlantModelError("discharger flow", self.flow, "a flow must not be negative")
        for pid, c in self.concentrations.items():
            if c.value < 0:
                raise PlantModelError("concentration", c.value, "must not be negative", pid)


def _sourced(value: Decimal | Sourced | None, unit: str, source: str) -> Sourced | None:
    if value is None or isinstance(value, Sourced):
        return value
    return Sourced(Decimal(value), unit, source)


def derived_removal(design_influent: Sourced | None, limit: Sourced | None) -> Sourced | None:
    """The removal the plant was designed for: R = 1 − C_lim ÷ C_design (None when not derivable)."""
    if design_influent is None or limit is None or design_influent.value <= 0:
        return None
    r = ONE - limit.value / design_influent.value
    if r < 0:
        return None
    return Sourced(
        r,
        "",
        f"derived from the design: R = 1 − C_lim ÷ C_design = 1 − {fmt(limit.value)} ÷ {fmt(design_influent.value)}"
        f" (limit: {limit.source}; design influent: {design_influent.source})",
    )


def build_plant(
    name: str,
    *,
    design_capacity: Decimal | None,
    current_flow: Decimal | None,
    design_influent: Mapping[str, Decimal | Sourced] | None = None,
    current_influent: Mapping[str, Decimal | Sourced] | None = None,
    effluent_limits: Mapping[str, Decimal | Sourced] | None = None,
    removal: Mapping[str, Decimal | Sourced] | None = None,
    primary_removal: Mapping[str, Decimal | Sourced] | None = None,
    secondary_removal: Mapping[str, Decimal | Sourced] | None = None,
    inhibition: Iterable[InhibitionThreshold] = (),
    sludge_limits: Mapping[str, Decimal | Sourced] | None = None,
    sludge_dry_mass: Decimal | Sourced | None = None,
    sludge_route: str | None = None,
    sludge_soil: str | None = None,
    defaults: PlantDefaults | None = None,
    process: str = "activated_sludge",
    nitrification: str = "single_stage",
    safety_factor: Decimal | None = None,
    safety_factor_source: str = "",
    derive_removal_from_design: bool = True,
) -> PlantModel:
    """Assemble a :class:`PlantModel`, resolving each removal efficiency in this order:

    1. ``removal=`` given for the parameter (e.g. the plant's own Eq. 5.1/5.2 result);
    2. derived from this plant's design, R = 1 − C_lim ÷ C_design, when both are known
       (``derive_removal_from_design``): what the plant was built to achieve beats a table;
    3. the default for ``process`` in ``standards/plant/removal-efficiencies.yaml`` (``defaults``),
       a generic design figure taken at the low end of its printed range;
    4. otherwise unknown: effluent predictions for that parameter are reported as unknown.

    Inhibition thresholds given in ``inhibition=`` replace the defaults for the same
    parameter and process. Plain numbers are recorded with source "given".
    """
    design_influent = design_influent or {}
    current_influent = current_influent or {}
    effluent_limits = effluent_limits or {}
    removal = removal or {}
    primary_removal = primary_removal or {}
    secondary_removal = secondary_removal or {}
    sludge_limits = sludge_limits or {}
    given = list(inhibition)
    names: set[str] = set()
    for m in (
        design_influent,
        current_influent,
        effluent_limits,
        removal,
        primary_removal,
        secondary_removal,
        sludge_limits,
    ):
        names |= set(m)
    names |= {t.parameter for t in given}
    if defaults is not None:
        names |= defaults.parameters()
    setups: dict[str, ParameterSetup] = {}
    for pid in sorted(names):
        design = _sourced(design_influent.get(pid), "mg/L", "given: design influent")
        limit = _sourced(effluent_limits.get(pid), "mg/L", "given: effluent limit")
        r = _sourced(removal.get(pid), "", "given: removal efficiency")
        if r is None and derive_removal_from_design:
            r = derived_removal(design, limit)
        if r is None and defaults is not None:
            r = defaults.removal_for(pid, process)
        thresholds = {(t.parameter, t.process): t for t in (defaults.thresholds_for(pid) if defaults else [])}
        thresholds.update({(t.parameter, t.process): t for t in given if t.parameter == pid})
        setups[pid] = ParameterSetup(
            parameter=pid,
            design_influent=design,
            current_influent=_sourced(current_influent.get(pid), "mg/L", "given: current influent"),
            effluent_limit=limit,
            removal=r,
            primary_removal=_sourced(primary_removal.get(pid), "", "given: primary removal"),
            secondary_removal=_sourced(secondary_removal.get(pid), "", "given: secondary removal"),
            inhibition=tuple(sorted(thresholds.values(), key=lambda t: t.process)),
            sludge_limit=_sourced(sludge_limits.get(pid), "mg/kg", "given: sludge quality limit"),
        )
    notes = tuple(
        f"no defaults from {s.citation}: {s.status} ({s.note})" for s in (defaults.unverified() if defaults else [])
    )
    return PlantModel(
        name=name,
        design_capacity=design_capacity,
        current_flow=current_flow,
        parameters=setups,
        safety_factor=DEFAULT_SAFETY_FACTOR if safety_factor is None else safety_factor,
        safety_factor_source=safety_factor_source
        or (SAFETY_FACTOR_WHY if safety_factor is None else "given: safety factor"),
        process=process,
        nitrification=nitrification,
        sludge_dry_mass=_sourced(sludge_dry_mass, "kg/d", "given: dry sludge mass to disposal"),
        sludge_route=sludge_route,
        sludge_soil=sludge_soil,
        notes=notes,
    )
