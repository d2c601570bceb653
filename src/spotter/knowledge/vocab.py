"""Controlled vocabularies: muscles, equipment, movement patterns and the small enums around them.

Everything in the catalog refers to these keys, so that search, volume counting, the planner and
form analysis speak the same language. Keys are stable, lowercase and hyphenated; labels are
English display text.

>>> MUSCLES["lats"].region, MUSCLES["lats"].side
('upper back', 'back')
>>> EQUIPMENT["long-bar"].category
'cable'
>>> PATTERNS["vertical-pull"].kind
'compound'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal, get_args

#: An exercise slug: lowercase letters and digits in words joined by single hyphens. Slugs name
#: catalog files, so nothing else (no "/", no "..") may be one.
SLUG_RE: Final = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

Side = Literal["front", "back", "both"]
Mechanic = Literal["compound", "isolation"]
Force = Literal["push", "pull", "static"]
Level = Literal["beginner", "intermediate", "advanced"]
Phase = Literal["setup", "concentric", "pause", "eccentric", "hold", "finish"]
LoadType = Literal[
    "barbell",
    "dumbbell",
    "cable-stack",
    "plate-loaded-machine",
    "selectorized-machine",
    "bodyweight",
    "band",
    "kettlebell",
    "plates",
]
Position = Literal[
    "standing",
    "seated",
    "kneeling",
    "half-kneeling",
    "supine",
    "prone",
    "side-lying",
    "hanging",
    "plank",
    "quadruped",
    "split-stance",
    "bent-over",
    "walking",
]
TipTopic = Literal[
    "load", "tempo", "form", "grip", "variety", "consistency", "rest", "breathing", "focus"
]
VariationKind = Literal["grip-width", "grip-type", "stance", "attachment", "angle", "implement"]

MECHANICS: Final[tuple[str, ...]] = get_args(Mechanic)
FORCES: Final[tuple[str, ...]] = get_args(Force)
LEVELS: Final[tuple[str, ...]] = get_args(Level)
PHASES: Final[tuple[str, ...]] = get_args(Phase)
#: Phases in which the muscles do the work; each needs a breathing cue.
WORKING_PHASES: Final[frozenset[str]] = frozenset({"concentric", "eccentric", "hold"})
LOAD_TYPES: Final[tuple[str, ...]] = get_args(LoadType)
POSITIONS: Final[tuple[str, ...]] = get_args(Position)
TIP_TOPICS: Final[tuple[str, ...]] = get_args(TipTopic)
VARIATION_KINDS: Final[tuple[str, ...]] = get_args(VariationKind)
#: What a set's count means: repetitions, seconds held, or meters carried.
MEASURES: Final[tuple[str, ...]] = ("reps", "seconds", "meters")
GRIP_WIDTHS: Final[tuple[str, ...]] = ("narrow", "medium", "wide")
GRIP_TYPES: Final[tuple[str, ...]] = ("pronated", "supinated", "neutral", "mixed", "hook")
#: What an exercise is for in a coached program (its ``coaching.role``): a main-lift candidate, a
#: secondary compound, an accessory, trunk work, a loaded carry, or a drill (balance, plyometric,
#: stretching, technique) that plans leave out.
ROLES: Final[tuple[str, ...]] = ("main", "secondary", "accessory", "trunk", "carry", "drill")
#: How standard an exercise is in coached programs (``coaching.staple``): 3 the classic lifts
#: (squat, bench, deadlift, overhead press, rows, pull-ups, pulldowns), 2 their close variants and
#: the other staples (lunges, hip thrusts, dips, leg press...), 1 common accessories, 0 novelties.
STAPLE_MAX: Final[int] = 3
#: The staple score from which an exercise counts as a staple in the plan review.
STAPLE_MIN: Final[int] = 2


@dataclass(frozen=True, slots=True)
class Muscle:
    """A muscle (or functional group) that volume is counted for."""

    key: str
    label: str
    region: str
    side: Side
    #: Words and names that mean this muscle in prose (lowercase), used by lint and draft.
    synonyms: tuple[str, ...]
    #: The row of the volume-landmarks table (SCIENCE.md section 3) this muscle is counted in.
    landmark_group: str | None


def _m(
    key: str,
    label: str,
    region: str,
    side: Side,
    synonyms: tuple[str, ...],
    landmark_group: str | None,
) -> Muscle:
    return Muscle(key, label, region, side, synonyms, landmark_group)


MUSCLES: Final[dict[str, Muscle]] = {
    m.key: m
    for m in (
        _m(
            "lats",
            "Lats",
            "upper back",
            "back",
            ("latissimus dorsi", "latissimus", "lats", "lat"),
            "back",
        ),
        _m("rhomboids", "Rhomboids", "upper back", "back", ("rhomboids", "rhomboid"), "back"),
        _m(
            "middle-traps",
            "Middle trapezius",
            "upper back",
            "back",
            ("middle trapezius", "mid traps", "middle traps", "mid-traps"),
            "traps",
        ),
        _m(
            "lower-traps",
            "Lower trapezius",
            "upper back",
            "back",
            ("lower trapezius", "lower traps"),
            "traps",
        ),
        _m(
            "upper-traps",
            "Upper trapezius",
            "upper back",
            "back",
            ("upper trapezius", "upper traps", "traps", "trapezius"),
            "traps",
        ),
        _m(
            "rear-delts",
            "Rear deltoids",
            "shoulders",
            "back",
            (
                "rear deltoids",
                "rear deltoid",
                "rear delts",
                "rear delt",
                "posterior deltoid",
                "posterior deltoids",
            ),
            "rear delts",
        ),
        _m(
            "side-delts",
            "Side deltoids",
            "shoulders",
            "both",
            (
                "side deltoids",
                "side deltoid",
                "side delts",
                "lateral deltoid",
                "lateral deltoids",
                "middle deltoid",
            ),
            "side delts",
        ),
        _m(
            "front-delts",
            "Front deltoids",
            "shoulders",
            "front",
            (
                "front deltoids",
                "front deltoid",
                "front delts",
                "anterior deltoid",
                "anterior deltoids",
            ),
            "front delts",
        ),
        _m(
            "rotator-cuff",
            "Rotator cuff",
            "shoulders",
            "back",
            ("rotator cuff", "infraspinatus", "teres minor", "supraspinatus", "subscapularis"),
            None,
        ),
        _m(
            "erector-spinae",
            "Erector spinae",
            "lower back",
            "back",
            ("erector spinae", "spinal erectors", "erectors", "lower-back muscles"),
            None,
        ),
        _m("biceps", "Biceps", "arms", "front", ("biceps", "bicep", "biceps brachii"), "biceps"),
        _m(
            "brachialis", "Brachialis", "arms", "front", ("brachialis", "brachioradialis"), "biceps"
        ),
        _m(
            "forearms",
            "Forearms",
            "arms",
            "both",
            ("forearm", "forearms", "forearm muscles", "wrist flexors", "wrist extensors"),
            None,
        ),
        _m(
            "triceps",
            "Triceps",
            "arms",
            "back",
            ("triceps", "tricep", "triceps brachii"),
            "triceps",
        ),
        _m(
            "chest",
            "Chest",
            "chest",
            "front",
            ("chest", "pectorals", "pecs", "pectoralis major", "pectoralis"),
            "chest",
        ),
        _m(
            "abs",
            "Abs",
            "core",
            "front",
            ("abs", "abdominals", "rectus abdominis", "core", "abdominal", "transverse abdominis"),
            "abs",
        ),
        _m(
            "obliques",
            "Obliques",
            "core",
            "both",
            ("obliques", "oblique", "internal oblique", "external oblique"),
            "abs",
        ),
        _m(
            "glutes",
            "Glutes",
            "hips",
            "back",
            ("glutes", "glute", "gluteus maximus", "gluteus", "buttocks"),
            "glutes",
        ),
        _m("quads", "Quadriceps", "legs", "front", ("quadriceps", "quads", "quad"), "quads"),
        _m(
            "hamstrings",
            "Hamstrings",
            "legs",
            "back",
            ("hamstrings", "hamstring", "hams"),
            "hamstrings",
        ),
        _m(
            "adductors",
            "Adductors",
            "legs",
            "front",
            ("adductors", "adductor", "inner thigh", "inner thighs", "groin"),
            None,
        ),
        _m(
            "abductors",
            "Abductors",
            "hips",
            "both",
            (
                "abductors",
                "abductor",
                "gluteus medius",
                "glute medius",
                "outer thigh",
                "hip abductors",
            ),
            None,
        ),
        _m(
            "calves",
            "Calves",
            "legs",
            "back",
            ("calves", "calf", "gastrocnemius", "soleus"),
            "calves",
        ),
        _m(
            "neck",
            "Neck",
            "neck",
            "both",
            ("neck", "sternocleidomastoid", "neck flexors", "neck extensors"),
            None,
        ),
    )
}

#: The word "core" in a page means the trunk muscles that brace it.
CORE_MUSCLES: Final[tuple[str, ...]] = ("abs", "obliques")

EquipmentCategory = Literal[
    "barbell", "dumbbell", "kettlebell", "cable", "machine", "bodyweight", "band", "accessory"
]


@dataclass(frozen=True, slots=True)
class Equipment:
    """A piece of equipment or an attachment."""

    key: str
    label: str
    category: EquipmentCategory
    #: Words in prose that can only mean this piece (lowercase), used by lint and draft.
    words: tuple[str, ...] = ()


def _e(key: str, label: str, category: EquipmentCategory, *words: str) -> Equipment:
    return Equipment(key, label, category, tuple(words))


EQUIPMENT: Final[dict[str, Equipment]] = {
    e.key: e
    for e in (
        _e("barbell", "Barbell", "barbell", "barbell"),
        _e("ez-bar", "EZ curl bar", "barbell", "ez bar", "ez-bar", "ez curl bar"),
        _e("trap-bar", "Trap (hex) bar", "barbell", "trap bar", "hex bar"),
        _e("plates", "Weight plates", "accessory", "weight plate"),
        _e(
            "squat-rack",
            "Squat rack or power rack",
            "accessory",
            "rack",
            "power rack",
            "squat rack",
            "j-hooks",
            "safety pins",
        ),
        _e("smith-machine", "Smith machine", "machine", "smith machine"),
        _e("landmine", "Landmine", "barbell", "landmine"),
        _e("dumbbell", "Dumbbells", "dumbbell", "dumbbell", "dumbbells"),
        _e("kettlebell", "Kettlebell", "kettlebell", "kettlebell", "kettlebells"),
        _e(
            "cable-machine",
            "Cable machine",
            "cable",
            "cable machine",
            "cable station",
            "pulley",
            "cable tower",
        ),
        _e(
            "lat-pulldown-machine",
            "Lat pulldown station (seat and thigh pad)",
            "cable",
            "thigh pad",
            "knee pad",
            "pulldown machine",
            "pulldown station",
        ),
        _e(
            "seated-row-station",
            "Seated cable row station",
            "cable",
            "foot plate",
            "footplate",
            "row station",
        ),
        _e(
            "long-bar",
            "Long pulldown bar",
            "cable",
            "long bar",
            "lat bar",
            "pulldown bar",
            "pull-down bar",
        ),
        _e("straight-bar", "Short straight bar attachment", "cable", "straight bar"),
        _e("rope", "Rope attachment", "cable", "rope"),
        _e(
            "v-handle",
            "V-handle (close-grip) attachment",
            "cable",
            "v-handle",
            "v handle",
            "v-bar",
            "close-grip handle",
        ),
        _e("d-handle", "Single D-handle", "cable", "d-handle", "stirrup handle", "single handle"),
        _e("ankle-strap", "Ankle strap", "cable", "ankle strap", "ankle cuff"),
        _e("leg-press", "Leg press", "machine", "leg press", "sled"),
        _e("hack-squat-machine", "Hack squat machine", "machine", "hack squat machine"),
        _e(
            "leg-extension-machine",
            "Leg extension machine",
            "machine",
            "leg extension machine",
            "shin pad",
        ),
        _e("leg-curl-machine", "Leg curl machine", "machine", "leg curl machine"),
        _e("chest-press-machine", "Chest press machine", "machine", "chest press machine"),
        _e("shoulder-press-machine", "Shoulder press machine", "machine", "shoulder press machine"),
        _e("pec-deck", "Pec deck / rear delt fly machine", "machine", "pec deck", "fly machine"),
        _e("row-machine", "Chest-supported row machine", "machine", "row machine", "chest pad"),
        _e("hip-abduction-machine", "Hip abduction machine", "machine", "abduction machine"),
        _e("hip-adduction-machine", "Hip adduction machine", "machine", "adduction machine"),
        _e(
            "calf-raise-machine",
            "Standing calf raise machine",
            "machine",
            "calf raise machine",
            "shoulder pads",
        ),
        _e(
            "seated-calf-machine",
            "Seated calf raise machine",
            "machine",
            "seated calf machine",
            "knee pads",
        ),
        _e(
            "assisted-pullup-machine",
            "Assisted pull-up/dip machine",
            "machine",
            "assisted pull-up machine",
            "assistance pad",
        ),
        _e("pullover-machine", "Pullover machine", "machine", "pullover machine"),
        _e("glute-ham-developer", "Glute-ham developer", "machine", "glute-ham developer", "ghd"),
        _e(
            "back-extension-bench",
            "Back extension (45°/90°) bench",
            "accessory",
            "back extension bench",
            "roman chair",
            "hip pad",
        ),
        _e("neck-machine", "4-way neck machine", "machine", "neck machine"),
        _e("bench", "Flat bench", "accessory", "bench"),
        _e(
            "adjustable-bench",
            "Adjustable (incline) bench",
            "accessory",
            "incline bench",
            "adjustable bench",
        ),
        _e(
            "preacher-bench",
            "Preacher bench",
            "accessory",
            "preacher bench",
            "preacher pad",
            "arm pad",
        ),
        _e(
            "pull-up-bar", "Pull-up bar", "bodyweight", "pull-up bar", "chin-up bar", "overhead bar"
        ),
        _e("dip-station", "Dip bars", "bodyweight", "dip bars", "dip station", "parallel bars"),
        _e(
            "rings",
            "Gymnastic rings or suspension trainer",
            "bodyweight",
            "rings",
            "suspension trainer",
            "suspension straps",
        ),
        _e("box", "Plyo box or step", "accessory", "box", "plyo box"),
        _e("band", "Resistance band (loop or tube)", "band", "resistance band", "band"),
        _e("mini-band", "Mini band", "band", "mini band", "mini-band"),
        _e("ab-wheel", "Ab wheel", "accessory", "ab wheel", "ab roller"),
        _e(
            "stability-ball",
            "Stability ball",
            "accessory",
            "stability ball",
            "swiss ball",
            "exercise ball",
        ),
        _e("sliders", "Sliders or towel", "accessory", "slider", "sliders"),
        _e("wrist-roller", "Wrist roller", "accessory", "wrist roller"),
        _e("neck-harness", "Neck harness", "accessory", "neck harness"),
        _e("mat", "Exercise mat", "bodyweight", "mat"),
    )
}

#: Equipment named by a preset of `spotter init --equipment`.
EQUIPMENT_PRESETS: Final[dict[str, tuple[str, ...]]] = {
    "full-gym": tuple(EQUIPMENT),
    "home-dumbbells": ("dumbbell", "adjustable-bench", "bench", "mat"),
    "bodyweight": ("mat",),
    "cables-and-machines": tuple(
        k
        for k, e in EQUIPMENT.items()
        if e.category in ("cable", "machine")
        or k in ("bench", "adjustable-bench", "mat", "back-extension-bench", "preacher-bench")
    ),
}


@dataclass(frozen=True, slots=True)
class Pattern:
    """A movement pattern: what the planner balances and the form check recognises."""

    key: str
    label: str
    kind: Literal["compound", "core", "isolation"]
    #: For isolation patterns, the joint and action.
    joint: str | None = None


PATTERNS: Final[dict[str, Pattern]] = {
    p.key: p
    for p in (
        Pattern("vertical-pull", "Vertical pull", "compound"),
        Pattern("horizontal-pull", "Horizontal pull", "compound"),
        Pattern("vertical-push", "Vertical push", "compound"),
        Pattern("horizontal-push", "Horizontal push", "compound"),
        Pattern("squat", "Squat", "compound"),
        Pattern("hinge", "Hip hinge", "compound"),
        Pattern("lunge", "Lunge / single leg", "compound"),
        Pattern("carry", "Loaded carry", "compound"),
        Pattern("anti-extension", "Core: anti-extension", "core"),
        Pattern("anti-rotation", "Core: anti-rotation and anti-lateral-flexion", "core"),
        Pattern("trunk-flexion", "Core: flexion", "core"),
        Pattern("trunk-rotation", "Core: rotation", "core"),
        Pattern("elbow-flexion", "Isolation: elbow flexion", "isolation", "elbow"),
        Pattern("elbow-extension", "Isolation: elbow extension", "isolation", "elbow"),
        Pattern("shoulder-abduction", "Isolation: shoulder abduction", "isolation", "shoulder"),
        Pattern("shoulder-flexion", "Isolation: shoulder flexion", "isolation", "shoulder"),
        Pattern("shoulder-extension", "Isolation: shoulder extension", "isolation", "shoulder"),
        Pattern(
            "horizontal-abduction",
            "Isolation: shoulder horizontal abduction",
            "isolation",
            "shoulder",
        ),
        Pattern(
            "horizontal-adduction",
            "Isolation: shoulder horizontal adduction",
            "isolation",
            "shoulder",
        ),
        Pattern(
            "external-rotation", "Isolation: shoulder external rotation", "isolation", "shoulder"
        ),
        Pattern("scapular-elevation", "Isolation: scapular elevation", "isolation", "scapula"),
        Pattern("knee-extension", "Isolation: knee extension", "isolation", "knee"),
        Pattern("knee-flexion", "Isolation: knee flexion", "isolation", "knee"),
        Pattern("hip-extension", "Isolation: hip extension", "isolation", "hip"),
        Pattern("hip-abduction", "Isolation: hip abduction", "isolation", "hip"),
        Pattern("hip-adduction", "Isolation: hip adduction", "isolation", "hip"),
        Pattern("plantar-flexion", "Isolation: ankle plantar flexion", "isolation", "ankle"),
        Pattern("wrist", "Isolation: wrist and grip", "isolation", "wrist"),
        Pattern("neck", "Isolation: neck", "isolation", "neck"),
    )
}

#: Motion families the form check knows; "generic" is the fallback counter.
MOTION_FAMILIES: Final[tuple[str, ...]] = (
    "pulldown",
    "pull-up",
    "row",
    "squat",
    "lunge",
    "hinge",
    "push-up",
    "press",
    "curl",
    "raise",
    "generic",
)

#: Metrics the form check can measure, usable in a fault's detection rule.
FAULT_METRICS: Final[tuple[str, ...]] = (
    "torso-swing",  # range of torso lean within a rep, degrees
    "torso-drift",  # change of torso lean across the set (arching / leaning further), degrees
    "elbow-flare",  # elbows leaving the line under the hands / pointing out, degrees
    "range-of-motion",  # the rep's range as a fraction of the set's best
    "eccentric-too-fast",  # eccentric shorter than this many seconds
    "no-pause",  # pause at the turn shorter than this many seconds
    "asymmetry",  # left-right difference in the primary signal, fraction
    "knee-valgus",  # knees caving inward relative to feet, fraction of hip width
    "hip-sag",  # hips below the shoulder-ankle line, fraction of torso length
    "hip-pike",  # hips above the shoulder-ankle line, fraction of torso length
    "lockout",  # elbow or knee angle short of full extension, degrees
    "depth",  # squat depth: lowest hip height above the knee, torso lengths (<= 0: parallel)
)
