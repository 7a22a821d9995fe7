"""The plant's side of an assessment (穗水规字〔2022〕7号 第四条), parameter by parameter.

:func:`assess_plant` puts one discharger on one plant and returns a :class:`PlantAssessment`
whose ``to_dict()`` is the JSON ``plant`` section: the discharger's loads, the headworks with
the discharger added, the predicted effluent against the effluent limit (and against the limit
less the safety factor, for stable compliance), the inhibition checks, the hydraulic and load
capacity, and the maximum allowable headworks loading with the limit it leaves for this
discharger. Every number carries its formula, inputs and worked arithmetic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from .balance import (
    after_removal,
    headworks,
    hydraulic_check,
    limit_check,
    load,
    load_capacity_check,
    potw_flow,
    sludge_criterion,
    verdict_word,
)
from .formula import (
    FAIL,
    LOWER_BOUND,
    OK,
    PASS,
    UNKNOWN,
    UPPER_BOUND,
    ZERO,
    Calc,
    Check,
    Input,
    Sourced,
    fmt,
    missing,
    num,
)
from .localimits import ahl_design, ahl_effluent, ahl_inhibition, ahl_sludge, flow_share, mahl, mail, uniform_limit
from .model import DischargerInput, PlantModel
from .references import BRYAN_OH, MEASURES_ART4

PLANT_SCHEMA = "wasteval/plant/v1"
ORGANIC = ("cod", "bod5")
FLOW_BASES = ("with_discharger", "design")


@dataclass(frozen=True)
class Allocation:
    """How the maximum allowable industrial loading (MAIL) is shared.

    ``uncontrolled_load``: per parameter, the load from sources local limits do not control
    (domestic and commercial background), kg/d. ``industrial_flow``: Q_ind, the flow of all
    controlled industrial users discharging the pollutant, this discharger included, m³/d.
    ``reserve``: per parameter, load set aside (growth, hauled waste), kg/d.

    Without an Allocation, :func:`assess_plant` treats the plant's whole current load as
    uncontrolled and Q_ind as this discharger's flow: the recommended limit is then the
    concentration at which this discharger alone takes up the remaining headroom.
    """

    uncontrolled_load: Mapping[str, Sourced] = field(default_factory=dict)
    industrial_flow: Decimal | None = None
    reserve: Mapping[str, Sourced] = field(default_factory=dict)
    basis: str = "uniform concentration over the controlled industrial flow Q_ind (given)"


HEADROOM_BASIS = (
    "headroom: the plant's current load (C_p × Q_p ÷ 1000) is taken as uncontrolled and Q_ind = Q_d, "
    "so the recommended limit is the concentration at which this discharger alone uses what is left"
)


@dataclass(frozen=True)
class LocalLimit:
    """MAHL, MAIL and the recommended concentration limit for one parameter."""

    ahls: tuple[Calc, ...]
    mahl: Calc
    governing: str | None
    mail: Calc
    recommended: Calc
    allowed_load: Calc
    discharger_check: Check
    basis: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "allowable_headworks_loadings": [a.to_dict() for a in self.ahls],
            "mahl": self.mahl.to_dict(),
            "governing_criterion": self.governing,
            "mail": self.mail.to_dict(),
            "recommended_limit": self.recommended.to_dict(),
            "allowed_load": self.allowed_load.to_dict(),
            "discharger_check": self.discharger_check.to_dict(),
            "allocation_basis": self.basis,
        }


@dataclass(frozen=True)
class ParameterAssessment:
    parameter: str
    removal: Sourced | None
    discharger_load: Calc
    headworks_concentration: Calc
    headworks_load: Calc
    effluent_without_discharger: Calc
    predicted_effluent: Calc
    effluent: Check
    inhibition: tuple[Check, ...]
    load_capacity: Check | None
    local_limit: LocalLimit
    baseline: Mapping[str, Check] = field(default_factory=dict)  # check id → the same check without the discharger

    @property
    def checks(self) -> list[Check]:
        out = [self.effluent, *self.inhibition, self.local_limit.discharger_check]
        if self.load_capacity is not None:
            out.append(self.load_capacity)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "removal": None
            if self.removal is None
            else {"value": num(self.removal.value), "source": self.removal.source},
            "discharger_load": self.discharger_load.to_dict(),
            "headworks_concentration": self.headworks_concentration.to_dict(),
            "headworks_load": self.headworks_load.to_dict(),
            "effluent_without_discharger": self.effluent_without_discharger.to_dict(),
            "predicted_effluent": self.predicted_effluent.to_dict(),
            "effluent_check": self.effluent.to_dict(),
            "effluent_outcome": verdict_word(self.effluent),
            "inhibition": [c.to_dict() for c in self.inhibition],
            "load_capacity": None if self.load_capacity is None else self.load_capacity.to_dict(),
            "local_limit": self.local_limit.to_dict(),
            "without_discharger": {k: c.to_dict() for k, c in self.baseline.items()},
        }


@dataclass(frozen=True)
class PlantAssessment:
    plant: PlantModel
    discharger: DischargerInput
    q_potw: Calc
    hydraulic: Check
    parameters: tuple[ParameterAssessment, ...]
    allocation_basis: str
    notes: tuple[str, ...] = ()
    hydraulic_baseline: Check | None = None

    def baseline(self, check_id: str) -> Check | None:
        """The same check for the plant without this discharger (None where there is none)."""
        if check_id == "hydraulic_capacity":
            return self.hydraulic_baseline
        for p in self.parameters:
            if check_id in p.baseline:
                return p.baseline[check_id]
        return None

    def raises(self, check_id: str) -> bool | None:
        """Whether adding the discharger raises the checked value (None: it cannot be told, e.g. the
        plant's own influent is unknown). A discharger that does not raise it is not to blame."""
        base = self.baseline(check_id)
        now = next((c for c in self.checks() if c.id == check_id), None)
        if base is None or now is None:
            return None
        a, b = now.value, base.value
        if a.value is None or b.value is None or a.status != OK or b.status != OK:
            return None
        return a.value > b.value

    def parameter(self, pid: str) -> ParameterAssessment:
        for p in self.parameters:
            if p.parameter == pid:
                return p
        raise KeyError(
            f"no assessment for parameter {pid!r}; assessed: {', '.join(p.parameter for p in self.parameters)}"
        )

    @property
    def organic(self) -> dict[str, Check]:
        return {p.parameter: p.load_capacity for p in self.parameters if p.parameter in ORGANIC and p.load_capacity}

    def checks(self) -> list[Check]:
        return [self.hydraulic, *(c for p in self.parameters for c in p.checks)]

    def summary(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {"fail": [], "not_stable": [], "unknown": [], "pass": []}
        for c in self.checks():
            if c.verdict == FAIL:
                out["fail"].append(c.id)
            elif c.verdict == UNKNOWN:
                out["unknown"].append(c.id)
            elif c.stable != PASS:
                out["not_stable"].append(c.id)
            else:
                out["pass"].append(c.id)
        return out

    def to_dict(self) -> dict[str, Any]:
        p = self.plant
        return {
            "schema": PLANT_SCHEMA,
            "basis": MEASURES_ART4,
            "plant": {
                "name": p.name,
                "design_capacity": num(p.design_capacity),
                "current_flow": num(p.current_flow),
                "process": p.process,
                "nitrification": p.nitrification,
                "safety_factor": {"value": num(p.safety_factor), "source": p.safety_factor_source},
                "sludge": {
                    "route": p.sludge_route,
                    "soil": p.sludge_soil,
                    "dry_mass": (
                        {"value": num(p.sludge_dry_mass.value), "unit": "kg/d", "source": p.sludge_dry_mass.source}
                        if p.sludge_dry_mass
                        else None
                    ),
                    "criterion": sludge_criterion(p.sludge_route),
                },
            },
            "discharger": {"name": self.discharger.name, "flow": num(self.discharger.flow)},
            "q_potw": self.q_potw.to_dict(),
            "hydraulic": self.hydraulic.to_dict(),
            "hydraulic_outcome": verdict_word(self.hydraulic),
            "hydraulic_without_discharger": self.hydraulic_baseline.to_dict() if self.hydraulic_baseline else None,
            "organic": {k: v.to_dict() for k, v in self.organic.items()},
            "parameters": {a.parameter: a.to_dict() for a in self.parameters},
            "allocation_basis": self.allocation_basis,
            "summary": self.summary(),
            "notes": list(self.notes),
        }


def _upstream(
    plant: PlantModel, process: str, setup_primary: Sourced | None, setup_secondary: Sourced | None
) -> tuple[str, Sourced | None]:
    if process == "nitrification" and plant.nitrification == "separate_stage":
        return "secondary", setup_secondary
    return "primary", setup_primary


def _local_limit(
    plant: PlantModel,
    pid: str,
    d: DischargerInput,
    q_potw: Calc,
    existing_load: Calc,
    allocation: Allocation | None,
) -> LocalLimit:
    s = plant.setup(pid)
    q = q_potw.value
    ahls = [ahl_effluent(s.effluent_limit, q, s.removal, q_potw.formula)] if s.effluent_limit else []
    if s.design_influent is not None and plant.design_capacity is not None:
        ahls.append(ahl_design(s.design_influent, plant.design_capacity))
    for t in s.inhibition:
        if t.process == "nitrification" and plant.nitrification == "none":
            continue
        upstream, r_up = _upstream(plant, t.process, s.primary_removal, s.secondary_removal)
        ahls.append(ahl_inhibition(t.process, Sourced(t.value, "mg/L", t.source), q, r_up, upstream, q_potw.formula))
    if s.sludge_limit is not None:
        ahls.append(ahl_sludge(s.sludge_limit, plant.sludge_dry_mass, s.removal))
    if not ahls:
        ahls.append(ahl_effluent(None, q, s.removal, q_potw.formula))
    m, governing = mahl(ahls)
    if allocation is None:
        uncontrolled: Calc | Sourced | None = existing_load
        reserve = None
        q_ind: Decimal | None = d.flow
        q_source = "Q_ind = Q_d (headroom basis)"
        basis = HEADROOM_BASIS
    else:
        uncontrolled = allocation.uncontrolled_load.get(pid)
        reserve = allocation.reserve.get(pid)
        q_ind = allocation.industrial_flow
        q_source = "controlled industrial flow discharging the pollutant (given)"
        basis = allocation.basis
    ml = mail(m, plant.safety_factor, uncontrolled, reserve)
    c_ind = uniform_limit(ml, q_ind, q_source, pid)
    allowed = flow_share(c_ind, d.flow)
    c_d = d.concentrations.get(pid)
    value = (
        Calc("C_d", c_d.value, "mg/L", "C_d (discharger)", (c_d.input("C_d"),), fmt(c_d.value))
        if c_d
        else missing("C_d", "mg/L", "C_d (discharger)", (Input("C_d", None, "mg/L", "not measured"),))
    )
    limit = Sourced(c_ind.value, "mg/L", f"recommended limit: {c_ind.worked}") if c_ind.value is not None else None
    check = limit_check(f"local_limit:{pid}", value, limit, "C_ind", None, note=BRYAN_OH if limit else "")
    if c_ind.status == UPPER_BOUND and check.verdict == PASS:
        check = replace(check, verdict=UNKNOWN, stable=UNKNOWN, note="C_ind is an upper bound: a pass is not proven")
    return LocalLimit(tuple(ahls), m, governing, ml, c_ind, allowed, check, basis)


def _parameter(
    plant: PlantModel, pid: str, d: DischargerInput, q_potw: Calc, allocation: Allocation | None
) -> ParameterAssessment:
    s = plant.setup(pid)
    sf = plant.safety_factor
    c_d = d.concentrations.get(pid)
    l_d = load("L_d", c_d, d.flow, "discharger flow", "C_d", "Q_d")
    c_hw, l_hw = headworks(plant.current_flow, s.current_influent, d.flow, c_d)
    c_p = (
        Calc("C_p", s.current_influent.value, "mg/L", "C_p (plant influent)", (s.current_influent.input("C_p"),))
        if s.current_influent
        else missing("C_p", "mg/L", "C_p (plant influent)", (Input("C_p", None, "mg/L", "unknown"),))
    )
    without = after_removal("C_eff,0", c_p, s.removal)
    c_eff = after_removal("C_eff", c_hw, s.removal)
    effluent = limit_check(f"effluent:{pid}", c_eff, s.effluent_limit, "C_lim", sf)
    baseline = {effluent.id: limit_check(effluent.id, without, s.effluent_limit, "C_lim", sf)}
    inhibition = []
    for t in s.inhibition:
        if t.process == "nitrification" and plant.nitrification == "none":
            continue
        upstream, r_up = _upstream(plant, t.process, s.primary_removal, s.secondary_removal)
        r_symbol = "R_prim" if upstream == "primary" else "R_sec"
        note = ""
        if r_up is None:
            r_up = Sourced(ZERO, "", f"{r_symbol} unknown: taken as 0 (the whole headworks concentration reaches it)")
            note = r_up.source
        c_proc = after_removal(f"C_{t.process}", c_hw, r_up, r_symbol)
        threshold = Sourced(t.value, "mg/L", t.source)
        check_id = f"inhibition:{pid}:{t.process}"
        inhibition.append(limit_check(check_id, c_proc, threshold, "C_inhib", sf, note))
        c_proc0 = after_removal(f"C_{t.process},0", c_p, r_up, r_symbol)
        baseline[check_id] = limit_check(check_id, c_proc0, threshold, "C_inhib", sf, note)
    existing = load(
        "L_p", s.current_influent, plant.current_flow, "plant current flow, without the discharger", "C_p", "Q_p"
    )
    capacity = None
    if s.design_influent is not None:
        capacity = load_capacity_check(pid, l_hw, s.design_influent, plant.design_capacity, sf)
        baseline[capacity.id] = load_capacity_check(pid, existing, s.design_influent, plant.design_capacity, sf)
    if s.current_influent is None and plant.current_flow is not None:
        existing = Calc(
            "L_p",
            ZERO,
            "kg/d",
            existing.formula,
            existing.inputs,
            "unknown: taken as 0",
            status=LOWER_BOUND,
            note="plant influent concentration unknown: existing load taken as 0 (a lower bound)",
        )
    local = _local_limit(plant, pid, d, q_potw, existing, allocation)
    return ParameterAssessment(
        pid, s.removal, l_d, c_hw, l_hw, without, c_eff, effluent, tuple(inhibition), capacity, local, baseline
    )


def assess_plant(
    plant: PlantModel,
    discharger: DischargerInput,
    *,
    parameters: Iterable[str] | None = None,
    allocation: Allocation | None = None,
    flow_basis: str = "with_discharger",
) -> PlantAssessment:
    """Assess one discharger on one plant.

    ``parameters``: which to assess (default: every parameter the discharger has a
    concentration for). ``allocation``: how MAIL is shared (default: the headroom basis, see
    :class:`Allocation`). ``flow_basis``: Q_POTW for the AHLs, ``with_discharger``
    (Q_p + Q_d, default) or ``design`` (the design capacity).
    """
    if flow_basis not in FLOW_BASES:
        raise ValueError(f"flow_basis must be one of {', '.join(FLOW_BASES)}, not {flow_basis!r}")
    pids = sorted(set(parameters) if parameters is not None else set(discharger.concentrations))
    q_potw = potw_flow(plant, discharger.flow, flow_basis)
    notes = list(plant.notes)
    for pid in pids:
        if pid not in plant.parameters:
            notes.append(f"{pid}: the plant model has no data for this parameter")
    return PlantAssessment(
        plant=plant,
        discharger=discharger,
        q_potw=q_potw,
        hydraulic=hydraulic_check(plant.current_flow, discharger.flow, plant.design_capacity, plant.safety_factor),
        parameters=tuple(_parameter(plant, pid, discharger, q_potw, allocation) for pid in pids),
        allocation_basis=HEADROOM_BASIS if allocation is None else allocation.basis,
        notes=tuple(notes),
        hydraulic_baseline=hydraulic_check(plant.current_flow, ZERO, plant.design_capacity, plant.safety_factor),
    )
