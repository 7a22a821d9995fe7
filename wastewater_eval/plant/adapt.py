"""From the project's discharger file values to the plant model and the discharger input.

:class:`~wastewater_eval.discharger.Plant` carries the design capacity, current flow, effluent
standard text (``GB 18918-2002 一级A``) and design influent written in a discharger file. This
module turns them into a :class:`~.model.PlantModel` (effluent limits from the standards
library; optional stricter local limits; defaults from ``standards/plant/``) and turns a
sample or an expected quality into a :class:`~.model.DischargerInput`, converting every value
exactly into mg/L.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from ..inputs.discharger import Measurement
from ..inputs.discharger import Plant as PlantRecord
from ..load.units import convert
from ..standards import StandardsLibrary
from .data import PlantDefaults
from .effluent import (
    effluent_limits_from_standard,
    effluent_limits_from_surface_class,
    parse_effluent_standard,
    strictest,
)
from .formula import Sourced
from .model import DischargerInput, PlantModel, build_plant
from .processes import PROCESS_FOR_LEVEL, InhibitionThreshold, PlantModelError

MG_L = "mg/L"


def measurement_mg_l(m: Measurement, source: str) -> Sourced | None:
    """A measurement in mg/L (a non-detect counts at its detection limit); None when not a mg/L quantity."""
    number = m.reading.number
    if number is None or m.parameter.unit != MG_L:
        return None
    value = convert(number, m.reading.unit or MG_L, MG_L, m.parameter.id) if m.reading.unit else number
    qualifier = "" if m.reading.detected else " (not detected: counted at the detection limit)"
    return Sourced(value, MG_L, f"{source}: {m.written_as} = {m.reading.text}{qualifier}")


def plant_from_record(
    record: PlantRecord,
    library: StandardsLibrary,
    *,
    defaults: PlantDefaults | None = None,
    conditions: Mapping[str, Any] | None = None,
    stricter_limits: Mapping[str, Sourced] | None = None,
    current_influent: Mapping[str, Decimal | Sourced] | None = None,
    removal: Mapping[str, Decimal | Sourced] | None = None,
    inhibition: Iterable[InhibitionThreshold] = (),
    safety_factor: Decimal | None = None,
    **options: Any,
) -> PlantModel:
    """A :class:`PlantModel` from the plant section of a discharger file.

    The effluent limits are those of the GB 18918-2002 grade named in ``effluent_standard``
    (总磷 uses the 2005-and-earlier row when the plant was built before 2006), lowered to the
    GB 3838-2002 class in ``effluent_surface_class``, to ``effluent_local_limits`` and to
    ``stricter_limits`` wherever those are stricter. Removal efficiencies, inhibition thresholds,
    safety factor and sludge route written in the file are used as given; keyword arguments
    override them. Other keyword options go to :func:`~.model.build_plant`.
    """
    conds = dict(conditions or {})
    if record.built is not None and "built_before_2006" not in conds:
        conds["built_before_2006"] = record.built < dt.date(2006, 1, 1)
    parsed = parse_effluent_standard(record.effluent_standard)
    if parsed is None and record.effluent_standard:
        raise PlantModelError(
            "effluent_standard", record.effluent_standard, "expected a GB 18918-2002 grade, e.g. 'GB 18918-2002 一级A'"
        )
    limits = effluent_limits_from_standard(library, parsed[1], parsed[0], conds) if parsed else {}
    local: list[Mapping[str, Sourced]] = []
    if record.effluent_surface_class:
        local.append(effluent_limits_from_surface_class(library, record.effluent_surface_class, conds))
    local.append(
        {
            lim.parameter.id: Sourced(lim.value, MG_L, f"{record.origin}.effluent_local_limits (line {lim.line})")
            for lim in record.effluent_local_limits
        }
    )
    limits = strictest(limits, *local, stricter_limits or {})
    design = {}
    for m in record.design_influent:
        s = measurement_mg_l(m, f"{record.origin}.design_influent")
        if s is not None:
            design[m.parameter.id] = s
    given_removal: dict[str, Decimal | Sourced] = {
        f.parameter.id: Sourced(f.value, "", f"{record.origin}.removal: {f.written_as} (line {f.line})")
        for f in record.removal
    }
    given_removal.update(removal or {})
    thresholds = [
        InhibitionThreshold(t.parameter.id, t.process, t.value, f"{record.origin}.inhibition (line {t.line})")
        for t in record.inhibition
    ]
    overridden = {(t.parameter, t.process) for t in inhibition}
    thresholds = [t for t in thresholds if (t.parameter, t.process) not in overridden] + list(inhibition)
    sludge_options: dict[str, Any] = {}
    if record.sludge is not None:
        sludge_options.update(sludge_route=record.sludge.route, sludge_soil=record.sludge.soil)
        if defaults is not None:
            sludge_options["sludge_limits"] = defaults.sludge_limits(record.sludge.route, record.sludge.soil)
        if record.sludge.dry_mass is not None:
            sludge_options["sludge_dry_mass"] = Sourced(
                record.sludge.dry_mass, "kg/d", f"{record.origin}.sludge.dry_mass (line {record.sludge.line})"
            )
    process = record.process or PROCESS_FOR_LEVEL.get(record.treatment_level, "activated_sludge")
    options = {"process": process, "nitrification": record.nitrification, **sludge_options, **options}
    return build_plant(
        record.name,
        design_capacity=record.design_capacity,
        current_flow=record.current_flow,
        design_influent=design,
        current_influent=current_influent,
        effluent_limits=dict(limits),
        removal=given_removal,
        inhibition=thresholds,
        defaults=defaults,
        safety_factor=safety_factor if safety_factor is not None else record.safety_factor,
        safety_factor_source=""
        if safety_factor is not None or record.safety_factor is None
        else f"{record.origin}.safety_factor",
        **options,
    )


def discharger_input(name: str, flow: Decimal, values: Iterable[Measurement], source: str) -> DischargerInput:
    """A :class:`DischargerInput` from measurements (e.g. one sample's values), in mg/L."""
    concentrations: dict[str, Sourced] = {}
    for m in values:
        s = measurement_mg_l(m, source)
        if s is not None:
            concentrations[m.parameter.id] = s
    return DischargerInput(name, flow, concentrations)
