"""The plant's side (issue 6): can the receiving municipal plant take this discharger?

穗水规字〔2022〕7号 第四条 asks the assessment to weigh the plant's operating state, treatment
capacity and design standards. This package computes, per parameter and with every formula kept:
the discharger's load, the headworks with the discharger added, the predicted effluent against
the effluent limit (and stable compliance), inhibition of the biological processes, hydraulic and
load capacity, and the maximum allowable headworks loading of the US EPA local-limits method
with the concentration limit it leaves for the discharger.

Layers: ``model`` (values) and ``data``/``effluent``/``adapt`` (loading) → ``balance``,
``removal`` and ``localimits`` (formulas) → ``evaluate`` (one assessment with ``to_dict()``).
Nothing here prints or exits.
"""

from __future__ import annotations

from .adapt import discharger_input, measurement_mg_l, plant_from_record
from .balance import after_removal, headworks, hydraulic_check, limit_check, load, load_capacity_check
from .data import PlantDefaults, bundled_defaults, load_plant_defaults
from .effluent import (
    effluent_limits_from_standard,
    effluent_limits_from_surface_class,
    effluent_limits_given,
    parse_effluent_standard,
    strictest,
)
from .evaluate import Allocation, LocalLimit, ParameterAssessment, PlantAssessment, assess_plant
from .formula import FAIL, PASS, UNKNOWN, Calc, Check, Input, Sourced
from .localimits import (
    ahl_design,
    ahl_effluent,
    ahl_inhibition,
    ahl_sludge,
    concentration_from_load,
    flow_share,
    mahl,
    mail,
    uniform_limit,
)
from .model import (
    DEFAULT_SAFETY_FACTOR,
    DischargerInput,
    ParameterSetup,
    PlantModel,
    build_plant,
    derived_removal,
)
from .processes import InhibitionThreshold, PlantModelError
from .removal import as_removal, removal_adre, removal_mre

__all__ = [
    "DEFAULT_SAFETY_FACTOR",
    "FAIL",
    "PASS",
    "UNKNOWN",
    "Allocation",
    "Calc",
    "Check",
    "DischargerInput",
    "InhibitionThreshold",
    "Input",
    "LocalLimit",
    "ParameterAssessment",
    "ParameterSetup",
    "PlantAssessment",
    "PlantDefaults",
    "PlantModel",
    "PlantModelError",
    "Sourced",
    "after_removal",
    "ahl_design",
    "ahl_effluent",
    "ahl_inhibition",
    "ahl_sludge",
    "as_removal",
    "assess_plant",
    "build_plant",
    "bundled_defaults",
    "concentration_from_load",
    "derived_removal",
    "discharger_input",
    "effluent_limits_from_standard",
    "effluent_limits_from_surface_class",
    "effluent_limits_given",
    "flow_share",
    "headworks",
    "hydraulic_check",
    "limit_check",
    "load",
    "load_capacity_check",
    "load_plant_defaults",
    "mahl",
    "mail",
    "measurement_mg_l",
    "parse_effluent_standard",
    "plant_from_record",
    "removal_adre",
    "removal_mre",
    "strictest",
    "uniform_limit",
]
