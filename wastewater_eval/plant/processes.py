"""The plant model's closed vocabulary: treatment stages and trains, and what is out of range.

Shared by the model (:mod:`.model`) and the bundled defaults (:mod:`.data`), which neither
imports the other for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..errors import WastevalError

# Treatment stages an inhibition threshold can protect, and the removal upstream of each.
PROCESSES = ("activated_sludge", "nitrification")
# Treatment trains a default removal efficiency is tabulated for (GB 50014-2021 表7.1.2 rows:
# 一级 沉淀法, 二级 生物膜法, 二级 活性污泥法, 深度处理 混凝沉淀过滤), and the one assumed for each
# treatment level of a discharger file when the file does not say.
TREATMENT_PROCESSES = ("primary_sedimentation", "biofilm", "activated_sludge", "advanced_treatment")
PROCESS_FOR_LEVEL = {
    "primary": "primary_sedimentation",
    "secondary": "activated_sludge",
    "reclamation": "advanced_treatment",
}
NITRIFICATION_KINDS = ("single_stage", "separate_stage", "none")


class PlantModelError(WastevalError):
    """A plant model with a value outside its range. Names the parameter, field and value."""

    def __init__(self, field_name: str, value: object, reason: str, parameter: str = "") -> None:
        self.field = field_name
        self.value = value
        self.reason = reason
        self.parameter = parameter
        where = f"{parameter}: " if parameter else ""
        super().__init__(f"plant model: {where}{field_name} = {value!r}: {reason}")


@dataclass(frozen=True)
class InhibitionThreshold:
    """A concentration above which a biological process is inhibited (mg/L)."""

    parameter: str
    process: str
    value: Decimal
    source: str

    def __post_init__(self) -> None:
        if self.process not in PROCESSES:
            raise PlantModelError("process", self.process, f"expected one of {', '.join(PROCESSES)}", self.parameter)
        if self.value <= 0:
            raise PlantModelError("inhibition threshold", self.value, "must be positive", self.parameter)


__all__ = [
    "NITRIFICATION_KINDS",
    "PROCESSES",
    "PROCESS_FOR_LEVEL",
    "TREATMENT_PROCESSES",
    "InhibitionThreshold",
    "PlantModelError",
]
