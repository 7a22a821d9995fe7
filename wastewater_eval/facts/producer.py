"""A fact producer: the fact types it fills, declared beside the function that fills them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .context import FactContext
from .types import Fact, FactTypes


@dataclass(frozen=True)
class Producer:
    name: str
    fact_types: FactTypes
    produce: Callable[[FactContext], list[Fact]]

    def __call__(self, ctx: FactContext) -> list[Fact]:
        return self.produce(ctx)
