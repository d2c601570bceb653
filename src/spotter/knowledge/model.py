"""The exercise model: language-independent facts kept apart from per-language text.

An :class:`Exercise` is the pair of :class:`ExerciseFacts` (muscles, equipment, pattern, tempo,
the phase of each step, which faults a camera can see...) and one :class:`ExerciseText` (name,
description, the words of each step, cues...). Lists that have both facts and words (steps,
faults, tips, variations, research notes) are keyed by a short id in both halves, so that a
translation supplies new text for the same ids without touching the facts.

Only the standard library is used here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spotter.knowledge.vocab import MUSCLES, PATTERNS, WORKING_PHASES

#: Main patterns whose compounds are secondary compounds when nothing says otherwise.
_COMPOUND_PATTERNS = frozenset(
    {"squat", "hinge", "lunge", "horizontal-push", "vertical-push", "horizontal-pull", "vertical-pull"}
)


def default_role(pattern: str, mechanic: str) -> str:
    """The role of an exercise whose file names none, from its pattern and mechanic.

    >>> default_role("anti-extension", "compound"), default_role("carry", "compound")
    ('trunk', 'carry')
    >>> default_role("hinge", "compound"), default_role("elbow-flexion", "isolation")
    ('secondary', 'accessory')
    """
    kind = PATTERNS[pattern].kind if pattern in PATTERNS else "isolation"
    if kind == "core":
        return "trunk"
    if pattern == "carry":
        return "carry"
    if mechanic == "compound" and pattern in _COMPOUND_PATTERNS:
        return "secondary"
    return "accessory"


#: Staple score of an entry that gives none: a built-in or user entry is a common accessory (1),
#: an entry imported from an outside database a novelty (0) until a coach says otherwise.
DEFAULT_STAPLE = 1
IMPORTED_STAPLE = 0


@dataclass(frozen=True, slots=True)
class Tempo:
    """Seconds for each part of a repetition, in the usual four-number notation.

    The numbers are: the eccentric, the pause after it, the concentric, the pause after it.
    A pulldown written 3-0-2-1 lets the bar rise for 3 s, pulls it down in 2 s and holds the
    squeeze at the chest for 1 s.

    >>> t = Tempo(3, 0, 2, 1)
    >>> str(t), t.rep_seconds
    ('3-0-2-1', 6.0)
    """

    eccentric: float
    pause_after_eccentric: float
    concentric: float
    pause_after_concentric: float

    @property
    def rep_seconds(self) -> float:
        """Time under tension of one repetition."""
        return float(
            self.eccentric
            + self.pause_after_eccentric
            + self.concentric
            + self.pause_after_concentric
        )

    def __str__(self) -> str:
        parts = (
            self.eccentric,
            self.pause_after_eccentric,
            self.concentric,
            self.pause_after_concentric,
        )
        return "-".join(f"{p:g}" for p in parts)


@dataclass(frozen=True, slots=True)
class StepFacts:
    id: str
    phase: str


@dataclass(frozen=True, slots=True)
class FaultFacts:
    id: str
    #: Whether a single camera could see this fault.
    visible: bool
    #: The form-check metric that detects it (a key of ``vocab.FAULT_METRICS``), if any.
    metric: str | None = None
    #: The threshold for that metric (units are the metric's own).
    threshold: float | None = None


@dataclass(frozen=True, slots=True)
class VariationFacts:
    id: str
    kind: str
    value: str
    #: Muscles this variation shifts emphasis toward.
    emphasis: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ResearchFacts:
    id: str
    citation: str
    variation: str | None = None


@dataclass(frozen=True, slots=True)
class TipFacts:
    id: str
    topic: str


@dataclass(frozen=True, slots=True)
class ExerciseFacts:
    """What is true of an exercise in any language."""

    slug: str
    mechanic: str
    force: str
    pattern: str
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    equipment: tuple[str, ...]
    load_type: str
    level: str
    unilateral: bool
    position: str
    tempo: Tempo
    rep_range: tuple[int, int]
    motion_family: str
    measure: str = "reps"
    #: The role a coach gives it (``vocab.ROLES``): main, secondary, accessory, trunk, carry, drill.
    role: str = "accessory"
    #: How standard it is in coached programs, 0 (novelty) to ``vocab.STAPLE_MAX`` (classic lift).
    staple: int = DEFAULT_STAPLE
    grip_type: str | None = None
    grip_width: str | None = None
    steps: tuple[StepFacts, ...] = ()
    faults: tuple[FaultFacts, ...] = ()
    tips: tuple[TipFacts, ...] = ()
    variations: tuple[VariationFacts, ...] = ()
    research: tuple[ResearchFacts, ...] = ()
    #: Where the entry came from: "builtin", "user", or an imported database's name.
    source: str = "builtin"
    license: str | None = None
    author: str | None = None

    @property
    def imported(self) -> bool:
        """Whether the entry came from an outside exercise database."""
        return self.source not in ("builtin", "user")


@dataclass(frozen=True, slots=True)
class StepText:
    text: str
    breathing: str | None = None


@dataclass(frozen=True, slots=True)
class FaultText:
    name: str
    looks_like: str
    fix: str


@dataclass(frozen=True, slots=True)
class VariationText:
    name: str
    note: str


@dataclass(frozen=True, slots=True)
class ExerciseText:
    """The words of an exercise page in one language."""

    language: str
    name: str
    aliases: tuple[str, ...]
    description: str
    steps: dict[str, StepText]
    cues: tuple[str, ...]
    faults: dict[str, FaultText]
    tips: dict[str, str]
    variations: dict[str, VariationText]
    benefits: tuple[str, ...]
    research: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Step:
    """One instruction step, facts and words together, in page order."""

    id: str
    phase: str
    text: str
    breathing: str | None


@dataclass(frozen=True, slots=True)
class Fault:
    id: str
    name: str
    looks_like: str
    fix: str
    visible: bool
    metric: str | None
    threshold: float | None


@dataclass(frozen=True, slots=True)
class Variation:
    id: str
    kind: str
    value: str
    name: str
    note: str
    emphasis: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Tip:
    id: str
    topic: str
    text: str


@dataclass(frozen=True, slots=True)
class ResearchNote:
    id: str
    citation: str
    finding: str
    variation: str | None


@dataclass(frozen=True, slots=True)
class Exercise:
    """An exercise as a page: its facts joined with the text of one language."""

    facts: ExerciseFacts
    text: ExerciseText

    @property
    def slug(self) -> str:
        return self.facts.slug

    @property
    def name(self) -> str:
        return self.text.name

    @property
    def steps(self) -> tuple[Step, ...]:
        out = []
        for s in self.facts.steps:
            words = self.text.steps.get(s.id, StepText(text=""))
            out.append(Step(s.id, s.phase, words.text, words.breathing))
        return tuple(out)

    @property
    def setup_steps(self) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if s.phase == "setup")

    @property
    def execution_steps(self) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if s.phase != "setup")

    @property
    def working_steps(self) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if s.phase in WORKING_PHASES)

    @property
    def faults(self) -> tuple[Fault, ...]:
        out = []
        for f in self.facts.faults:
            words = self.text.faults.get(f.id, FaultText(name=f.id, looks_like="", fix=""))
            out.append(
                Fault(
                    f.id, words.name, words.looks_like, words.fix, f.visible, f.metric, f.threshold
                )
            )
        return tuple(out)

    @property
    def tips(self) -> tuple[Tip, ...]:
        return tuple(Tip(t.id, t.topic, self.text.tips.get(t.id, "")) for t in self.facts.tips)

    @property
    def variations(self) -> tuple[Variation, ...]:
        out = []
        for v in self.facts.variations:
            words = self.text.variations.get(v.id, VariationText(name=v.value, note=""))
            out.append(Variation(v.id, v.kind, v.value, words.name, words.note, v.emphasis))
        return tuple(out)

    @property
    def research(self) -> tuple[ResearchNote, ...]:
        return tuple(
            ResearchNote(r.id, r.citation, self.text.research.get(r.id, ""), r.variation)
            for r in self.facts.research
        )

    @property
    def muscles(self) -> tuple[str, ...]:
        """Primary then secondary muscles."""
        return self.facts.primary + self.facts.secondary

    def muscle_labels(self, keys: tuple[str, ...]) -> list[str]:
        return [MUSCLES[k].label if k in MUSCLES else k for k in keys]
