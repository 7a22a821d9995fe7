"""What every producer of one assessment reads: the discharger, the standards, the date, and what
earlier producers found (the plant model's result), computed once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..inputs.discharger import Discharger
from ..standards import StandardsLibrary
from ..standards.limits import grade_for
from ..standards.profiles import KnowledgeBase, Profile, bundled_knowledge
from ..standards.resolve import Resolver, Subject
from .types import Fact


@dataclass
class FactContext:
    """One assessment's inputs. ``produced`` grows as the producers run, in the order of their table;
    ``sections`` are parts of the result a producer builds beside its facts (the plant chapter)."""

    discharger: Discharger
    library: StandardsLibrary
    as_of: dt.date
    params: Mapping[str, Any] = field(default_factory=dict)  # the rules' parameters (rules/*.yaml params)
    knowledge: KnowledgeBase | None = None
    agreement_changes: Mapping[str, str] = field(default_factory=dict)  # agreement id → fingerprint (第八条 变更)
    produced: list[Fact] = field(default_factory=list)
    sections: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def kb(self) -> KnowledgeBase:
        return self.knowledge or bundled_knowledge(self.library.catalogue)

    @cached_property
    def grade(self) -> str:
        """The GB/T 31962 grade the receiving plant's treatment level selects ("" without a plant)."""
        d = self.discharger
        return grade_for(self.library, d.plant.treatment_level)[0] if d.plant is not None else ""

    @cached_property
    def profile(self) -> Profile | None:
        return self.kb.profile(self.discharger.industry)

    @cached_property
    def resolver(self) -> Resolver:
        """Every standard that binds this discharger, and every limit they set (one per assessment:
        it records the standards the facts were judged against)."""
        d = self.discharger
        subject = Subject.of(
            self.profile.id if self.profile else None,
            self.as_of,
            d.plant.treatment_level if d.plant is not None else None,
            d.attributes,
            prospective=d.status == "prospective",
        )
        return Resolver(self.library, subject)

    def of_type(self, fact_type: str) -> list[Fact]:
        return [f for f in self.produced if f["type"] == fact_type]
