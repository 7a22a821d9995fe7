"""The standards as data: loading, validating and querying ``standards/*.yaml``.

:mod:`.model` the loaded values, :mod:`.loader` one file's validation, :mod:`.library` the set the
tool applies (bundled, replaced by a site's own), :mod:`.compare` a file against the bundled one.
"""

from __future__ import annotations

from .library import StandardsLibrary, bundled_library, load_library, site_standard_files, standard_files
from .loader import GRADED_BY_TREATMENT_LEVEL, parse_standard
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
    "COLUMN_KINDS",
    "COMPARISONS",
    "CONDITION_KEYS",
    "GRADED_BY_TREATMENT_LEVEL",
    "STATUSES",
    "TREATMENT_LEVELS",
    "GradeRule",
    "LimitValue",
    "Row",
    "Standard",
    "StandardsLibrary",
    "Table",
    "Variant",
    "Verification",
    "bundled_library",
    "load_library",
    "parse_standard",
    "site_standard_files",
    "standard_files",
]
