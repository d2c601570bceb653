"""The schema of a catalog file, validated with Pydantic at the edge.

A catalog file is YAML with three top-level keys: ``slug``, ``facts`` (language-independent) and
``text`` (one block per language code). See ``docs/catalog-format.md`` for a walk-through.
Vocabulary fields are checked against :mod:`spotter.knowledge.vocab` so that an error names the
field and lists what was expected.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from spotter.knowledge import vocab

TEMPO_RE = re.compile(r"^\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?){3}$")

Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
NonEmpty = Annotated[str, Field(min_length=1)]


def _one_of(value: str, allowed: tuple[str, ...] | frozenset[str] | list[str], what: str) -> str:
    if value not in allowed:
        raise ValueError(f"unknown {what} {value!r}; expected one of: {', '.join(sorted(allowed))}")
    return value


def _term(allowed: tuple[str, ...] | list[str], what: str) -> AfterValidator:
    return AfterValidator(lambda v: _one_of(v, allowed, what))


MuscleKey = Annotated[str, _term(list(vocab.MUSCLES), "muscle")]
EquipmentKey = Annotated[str, _term(list(vocab.EQUIPMENT), "equipment")]
GripType = Annotated[str, _term(vocab.GRIP_TYPES, "grip type")]
GripWidth = Annotated[str, _term(vocab.GRIP_WIDTHS, "grip width")]
PhaseKey = Annotated[str, _term(vocab.PHASES, "phase")]
MetricKey = Annotated[str, _term(vocab.FAULT_METRICS, "fault metric")]
TopicKey = Annotated[str, _term(vocab.TIP_TOPICS, "tip topic")]
VariationKindKey = Annotated[str, _term(vocab.VARIATION_KINDS, "variation kind")]
MechanicKey = Annotated[str, _term(vocab.MECHANICS, "mechanic")]
ForceKey = Annotated[str, _term(vocab.FORCES, "force")]
PatternKey = Annotated[str, _term(list(vocab.PATTERNS), "movement pattern")]
LoadTypeKey = Annotated[str, _term(vocab.LOAD_TYPES, "load type")]
LevelKey = Annotated[str, _term(vocab.LEVELS, "level")]
PositionKey = Annotated[str, _term(vocab.POSITIONS, "body position")]
MeasureKey = Annotated[str, _term(vocab.MEASURES, "measure")]
FamilyKey = Annotated[str, _term(vocab.MOTION_FAMILIES, "motion family")]
RoleKey = Annotated[str, _term(vocab.ROLES, "role")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GripModel(_Strict):
    type: GripType | None = None
    width: GripWidth | None = None


class StepFactsModel(_Strict):
    id: Id
    phase: PhaseKey


class FaultFactsModel(_Strict):
    id: Id
    visible: bool
    metric: MetricKey | None = None
    threshold: float | None = None

    @model_validator(mode="after")
    def _metric_needs_threshold(self) -> FaultFactsModel:
        if (self.metric is None) != (self.threshold is None):
            raise ValueError("metric and threshold go together: give both or neither")
        if self.metric is not None and not self.visible:
            raise ValueError("a fault with a detection metric must be visible: true")
        return self


class TipFactsModel(_Strict):
    id: Id
    topic: TopicKey


class VariationFactsModel(_Strict):
    id: Id
    kind: VariationKindKey
    value: NonEmpty
    emphasis: list[MuscleKey] = Field(default_factory=list)


class ResearchFactsModel(_Strict):
    id: Id
    citation: NonEmpty
    variation: str | None = None


class CoachingModel(_Strict):
    """How a coach uses the exercise: its role in a session and how standard it is."""

    role: RoleKey
    staple: int = Field(ge=0, le=vocab.STAPLE_MAX)


class FactsModel(_Strict):
    mechanic: MechanicKey
    force: ForceKey
    pattern: PatternKey
    primary: list[MuscleKey] = Field(min_length=1)
    secondary: list[MuscleKey] = Field(default_factory=list)
    equipment: list[EquipmentKey] = Field(default_factory=list)
    load_type: LoadTypeKey
    level: LevelKey
    unilateral: bool = False
    position: PositionKey
    grip: GripModel | None = None
    tempo: str
    measure: MeasureKey = "reps"
    rep_range: tuple[int, int]
    motion_family: FamilyKey = "generic"
    coaching: CoachingModel | None = None
    steps: list[StepFactsModel] = Field(min_length=1)
    faults: list[FaultFactsModel] = Field(default_factory=list)
    tips: list[TipFactsModel] = Field(default_factory=list)
    variations: list[VariationFactsModel] = Field(default_factory=list)
    research: list[ResearchFactsModel] = Field(default_factory=list)
    source: str = "builtin"
    license: str | None = None
    author: str | None = None

    @field_validator("primary", "secondary")
    @classmethod
    def _no_repeats(cls, v: list[str]) -> list[str]:
        if len(set(v)) != len(v):
            raise ValueError("a muscle is listed twice")
        return v

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
        if not vocab.SLUG_RE.match(v):
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
