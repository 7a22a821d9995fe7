"""A plant section (``receiving.plant`` of a discharger file, or an entry of a plants file): the
plant's design, flows and plant model (第四条)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from ..load.yamlio import LocDict
from .model import FLOW_UNIT, Plant, PlantFraction, SiteThreshold, SludgeRoute
from .reader import Reader


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
