"""The standards as data: loading, validating and querying ``standards/*.yaml``.

:mod:`.model` the loaded values, :mod:`.binding` where a standard binds (its ``binds:`` block),
:mod:`.loader` one file's validation, :mod:`.library` the set the tool applies (bundled, replaced by
a site's own), :mod:`.resolve` every limit that binds a discharger at a point and the strictest,
:mod:`.compare` a file against the bundled one.
"""

from __future__ import annotations

from .binding import ATTRIBUTES, Binding, Condition, Selection, Supersession
from .library import StandardsLibrary, bundled_library, load_library, site_standard_files, standard_files
from .loader import parse_standard
from .model import (
    COLUMN_KINDS,
    COMPARISONS,
    CONDITION_KEYS,
    STATUSES,
    TREATMENT_LEVELS,
    GradeRule,
    LimitValue,
    Row,
    Standard,
    Table,
    Variant,
    Verification,
)

__all__ = [
    "ATTRIBUTES",
    "COLUMN_KINDS",
    "COMPARISONS",
    "CONDITION_KEYS",
    "STATUSES",
    "TREATMENT_LEVELS",
    "Binding",
    "Condition",
    "GradeRule",
    "LimitValue",
    "Row",
    "Selection",
    "Standard",
    "StandardsLibrary",
    "Supersession",
    "Table",
    "Variant",
    "Verification",
    "bundled_library",
    "load_library",
    "parse_standard",
    "site_standard_files",
    "standard_files",
]
