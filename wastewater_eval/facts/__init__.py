"""Fact producers: from a discharger, the standards and the plant model to the facts the rules judge.

Producers select and convert; they decide nothing (the rules do). Each module declares the fact
types it fills (its ``FACT_TYPES``) beside the code that fills them, and each track of the
Measures runs an explicit table of producers, in order (the measurements read what the plant
model found):

    existing     (第五条第一项)  discharger, standards, agreements, plant, measurements, reuse
    prospective  (第五条第二项)  discharger, standards, agreements, measurements, prospective
    tracking     (第八条)        discharger, standards, agreements, measurements, reuse, and the statistics
                                 the tracking run adds (:func:`.tracking.statistics`)
"""

from __future__ import annotations

from collections.abc import Sequence

from . import agreements, discharger, measurements, plant, prospective, reuse, standards, tracking
from .context import FactContext
from .producer import Producer
from .types import Fact, FactTypes

_D, _S, _A = discharger.PRODUCER, standards.PRODUCER, agreements.PRODUCER
TRACKS: dict[str, tuple[Producer, ...]] = {
    "existing": (_D, _S, _A, plant.PRODUCER, measurements.PRODUCER, reuse.PRODUCER),
    "prospective": (_D, _S, _A, measurements.PRODUCER, prospective.PRODUCER),
    "tracking": (_D, _S, _A, measurements.PRODUCER, reuse.PRODUCER),
}

# Every fact type a producer fills, with its fields: what rules may match.
FACT_TYPES: FactTypes = {}
for _module in (discharger, standards, agreements, measurements, reuse, prospective, plant, tracking):
    for _name, _fields in _module.FACT_TYPES.items():
        assert _name not in FACT_TYPES, f"fact type {_name} declared twice"
        FACT_TYPES[_name] = _fields


def produce(ctx: FactContext, producers: Sequence[Producer]) -> list[Fact]:
    """Run the producers in order; every fact of the assessment, each with a unique id."""
    for p in producers:
        ctx.produced += p(ctx)
    return ctx.produced


__all__ = ["FACT_TYPES", "TRACKS", "Fact", "FactContext", "Producer", "produce"]
