"""The schema of a catalog file, validated with Pydantic at the edge.

A catalog file is YAML with three top-level keys: ``slug``, ``facts`` (language-independent) and
``text`` (one block per language code). See ``docs/catalog-format.md`` for a walk-through.
Vocabulary fields are checked against :mod:`spotter.knowledge.vocab` so that an error names the
field and lists what was expected.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from spotter.knowledge import vocab

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TEMPO_RE = re.compile(r"^\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?){3}$")

Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
NonEmpty = Annotated[str, Field(min_length=1)]


def _one_of(value: str, allowed: tuple[str, ...] | frozenset[str] | list[str], what: str) -> str:
    if value not in allowed:
        raise ValueError(f"unknown {what} {value!r}; expected one of: {', '.join(sorted(allowed))}")
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GripModel(_Strict):
    type: str | None = None
    width: str | None = None

    @field_validator("type")
    @classmethod
    def _type(cls, v: str | None) -> str | None:
        return None if v is None else _one_of(v, vocab.GRIP_TYPES, "grip type")

    @field_validator("width")
    @classmethod
    def _width(cls, v: str | None) -> str | None:
        return None if v is None else _one_of(v, vocab.GRIP_WIDTHS, "grip width")


class StepFactsModel(_Strict):
    id: Id
    phase: str

    @field_validator("phase")
    @classmethod
    def _phase(cls, v: str) -> str:
        return _one_of(v, vocab.PHASES, "phase")


class FaultFactsModel(_Strict):
    id: Id
    visible: bool
    metric: str | None = None
    threshold: float | None = None

    @field_validator("metric")
    @classmethod
    def _metric(cls, v: str | None) -> str | None:
        return None if v is None else _one_of(v, vocab.FAULT_METRICS, "fault metric")

    @model_validator(mode="after")
    def _metric_needs_threshold(self) -> FaultFactsModel:
        if (self.metric is None) != (self.threshold is None):
            raise ValueError("metric and threshold go together: give both or neither")
        if self.metric is not None and not self.visible:
            raise ValueError("a fault with a detection metric must be visible: true")
        return self


class TipFactsModel(_Strict):
    id: Id
    topic: str

    @field_validator("topic")
    @classmethod
    def _topic(cls, v: str) -> str:
        return _one_of(v, vocab.TIP_TOPICS, "tip topic")


class VariationFactsModel(_Strict):
    id: Id
    kind: str
    value: NonEmpty
    emphasis: list[str] = Field(default_factory=list)

    @field_validator("kind")
    @classmethod
    def _kind(cls, v: str) -> str:
        return _one_of(v, vocab.VARIATION_KINDS, "variation kind")

    @field_validator("emphasis")
    @classmethod
    def _emphasis(cls, v: list[str]) -> list[str]:
        for m in v:
            _one_of(m, tuple(vocab.MUSCLES), "muscle")
        return v


class ResearchFactsModel(_Strict):
    id: Id
    citation: NonEmpty
    variation: str | None = None


class FactsModel(_Strict):
    mechanic: str
    force: str
    pattern: str
    primary: list[str] = Field(min_length=1)
    secondary: list[str] = Field(default_factory=list)
    equipment: list[str] = Field(default_factory=list)
    load_type: str
    level: str
    unilateral: bool = False
    position: str
    grip: GripModel | None = None
    tempo: str
    measure: str = "reps"
    rep_range: tuple[int, int]
    motion_family: str = "generic"
    steps: list[StepFactsModel] = Field(min_length=1)
    faults: list[FaultFactsModel] = Field(default_factory=list)
    tips: list[TipFactsModel] = Field(default_factory=list)
    variations: list[VariationFactsModel] = Field(default_factory=list)
    research: list[ResearchFactsModel] = Field(default_factory=list)
    source: str = "builtin"
    license: str | None = None
    author: str | None = None

    @field_validator("mechanic")
    @classmethod
    def _mechanic(cls, v: str) -> str:
        return _one_of(v, vocab.MECHANICS, "mechanic")

    @field_validator("force")
    @classmethod
    def _force(cls, v: str) -> str:
        return _one_of(v, vocab.FORCES, "force")

    @field_validator("pattern")
    @classmethod
    def _pattern(cls, v: str) -> str:
        return _one_of(v, tuple(vocab.PATTERNS), "movement pattern")

    @field_validator("primary", "secondary")
    @classmethod
    def _muscles(cls, v: list[str]) -> list[str]:
        for m in v:
            _one_of(m, tuple(vocab.MUSCLES), "muscle")
        if len(set(v)) != len(v):
            raise ValueError("a muscle is listed twice")
        return v

    @field_validator("equipment")
    @classmethod
    def _equipment(cls, v: list[str]) -> list[str]:
        for e in v:
            _one_of(e, tuple(vocab.EQUIPMENT), "equipment")
        return v

    @field_validator("load_type")
    @classmethod
    def _load_type(cls, v: str) -> str:
        return _one_of(v, vocab.LOAD_TYPES, "load type")

    @field_validator("level")
    @classmethod
    def _level(cls, v: str) -> str:
        return _one_of(v, vocab.LEVELS, "level")

    @field_validator("position")
    @classmethod
    def _position(cls, v: str) -> str:
        return _one_of(v, vocab.POSITIONS, "body position")

    @field_validator("measure")
    @classmethod
    def _measure(cls, v: str) -> str:
        return _one_of(v, vocab.MEASURES, "measure")

    @field_validator("motion_family")
    @classmethod
    def _family(cls, v: str) -> str:
        return _one_of(v, vocab.MOTION_FAMILIES, "motion family")

    @field_validator("tempo")
    @classmethod
    def _tempo(cls, v: str) -> str:
        if not TEMPO_RE.match(v):
            raise ValueError(
                f"tempo {v!r} is not four numbers eccentric-pause-concentric-pause, e.g. '3-1-2-0'"
            )
        return v

    @field_validator("rep_range")
    @classmethod
    def _rep_range(cls, v: tuple[int, int]) -> tuple[int, int]:
        low, high = v
        if not 1 <= low <= high <= 400:
            raise ValueError(f"rep range {low}-{high} must satisfy 1 <= low <= high <= 400")
        return v

    @model_validator(mode="after")
    def _cross(self) -> FactsModel:
        overlap = set(self.primary) & set(self.secondary)
        if overlap:
            raise ValueError(f"muscle(s) both primary and secondary: {', '.join(sorted(overlap))}")
        for name, items in (
            ("steps", self.steps),
            ("faults", self.faults),
            ("tips", self.tips),
            ("variations", self.variations),
            ("research", self.research),
        ):
            ids = [i.id for i in items]
            dup = {i for i in ids if ids.count(i) > 1}
            if dup:
                raise ValueError(f"duplicate {name} id(s): {', '.join(sorted(dup))}")
        variation_ids = {v.id for v in self.variations}
        for r in self.research:
            if r.variation is not None and r.variation not in variation_ids:
                raise ValueError(
                    f"research note {r.id!r} refers to unknown variation {r.variation!r}"
                )
        return self


class StepTextModel(_Strict):
    text: NonEmpty
    breathing: str | None = None


class FaultTextModel(_Strict):
    name: NonEmpty
    looks_like: NonEmpty
    fix: NonEmpty


class VariationTextModel(_Strict):
    name: NonEmpty
    note: NonEmpty


class TextModel(_Strict):
    name: NonEmpty
    aliases: list[str] = Field(default_factory=list)
    description: NonEmpty
    steps: dict[str, StepTextModel]
    cues: list[NonEmpty] = Field(default_factory=list)
    faults: dict[str, FaultTextModel] = Field(default_factory=dict)
    tips: dict[str, NonEmpty] = Field(default_factory=dict)
    variations: dict[str, VariationTextModel] = Field(default_factory=dict)
    benefits: list[NonEmpty] = Field(default_factory=list)
    research: dict[str, NonEmpty] = Field(default_factory=dict)


class EntryModel(_Strict):
    slug: str
    facts: FactsModel
    text: dict[str, TextModel] = Field(min_length=1)

    @field_validator("slug")
    @classmethod
    def _slug(cls, v: str) -> str:
        if not SLUG_RE.match(v):
            raise ValueError(f"slug {v!r} must be lowercase words joined by hyphens")
        return v

    @model_validator(mode="after")
    def _text_matches_facts(self) -> EntryModel:
        """Every text block must give words for exactly the ids the facts declare."""
        f = self.facts
        for lang, t in self.text.items():
            for name, fact_ids, text_ids in (
                ("steps", [s.id for s in f.steps], t.steps),
                ("faults", [x.id for x in f.faults], t.faults),
                ("tips", [x.id for x in f.tips], t.tips),
                ("variations", [x.id for x in f.variations], t.variations),
                ("research", [x.id for x in f.research], t.research),
            ):
                missing = [i for i in fact_ids if i not in text_ids]
                extra = [i for i in text_ids if i not in fact_ids]
                if missing:
                    raise ValueError(
                        f"text.{lang}.{name} lacks words for id(s): {', '.join(missing)}"
                    )
                if extra:
                    raise ValueError(
                        f"text.{lang}.{name} has id(s) not declared in facts.{name}: {', '.join(extra)}"
                    )
        return self


def validate_entry(data: Any) -> EntryModel:
    """Validate one parsed catalog document (raises ``pydantic.ValidationError``)."""
    return EntryModel.model_validate(data)
