"""wasteval: assess production wastewater against the Guangzhou Measures (穗水规字〔2022〕7号).

The package reads in layers, bottom to top; no module imports from a layer above its own:

    errors, resources, vocabulary, site    what every layer shares
    load/          YAML with lines kept, values and units as labs write them
    standards/     the standards registry: parameters, standards, profiles, which limits bind
    inputs/        the user's files: discharger, plants, their schema
    plant/         the receiving plant's model (第四条)
    facts/         fact producers: from the inputs and the standards to what the rules judge
    engine/        the rule language, its two back ends, conclusion resolution
    assessment/    assess: facts → rules → the Assessment result
    reports/       the text summary, HTML and PDF documents, from the result alone
    tracking/      monitoring data, the store, the 第八条 statistics, the audit trail
    cli/           the ``wasteval`` command, a thin layer over the API below

The library never prints or exits: it returns values and raises the exceptions in
:mod:`wastewater_eval.errors`. Its entry points, imported lazily so that ``import
wastewater_eval`` stays cheap::

    from wastewater_eval import assess_file
    result = assess_file("discharger.yaml")      # an Assessment; result.to_dict() is the JSON
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_API = {
    "assess": "wastewater_eval.assessment.assess",
    "assess_file": "wastewater_eval.assessment.assess",
    "assess_text": "wastewater_eval.assessment.assess",
    "Assessment": "wastewater_eval.assessment.result",
    "load_discharger": "wastewater_eval.inputs.discharger",
    "bundled_library": "wastewater_eval.standards",
    "load_library": "wastewater_eval.standards",
    "find_site": "wastewater_eval.site",
    "render_documents": "wastewater_eval.reports",
    "import_files": "wastewater_eval.tracking",
    "track_run": "wastewater_eval.tracking.run",
}

__all__ = ["__version__", *sorted(_API)]


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'wastewater_eval' has no attribute {name!r}")
