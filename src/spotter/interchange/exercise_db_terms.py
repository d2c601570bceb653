"""How an outside exercise database's entry maps onto Spotter's terms: its movement pattern,
force and mechanic, body position, and whether it is a drill plans leave out.

Used by :mod:`spotter.interchange.exercise_dbs`; see its docstring for the whole mapping.
"""

from __future__ import annotations

import re

#: Name words -> pattern, first match wins (longer phrases first).
_NAME_PATTERNS: tuple[tuple[str, str], ...] = (
    ("leg curl", "knee-flexion"),
    ("leg extension", "knee-extension"),
    ("calf", "plantar-flexion"),
    ("pulldown", "vertical-pull"),
    ("pull-down", "vertical-pull"),
    ("pull down", "vertical-pull"),
    ("pull-up", "vertical-pull"),
    ("pullup", "vertical-pull"),
    ("pull up", "vertical-pull"),
    ("chin", "vertical-pull"),
    ("face pull", "horizontal-pull"),
    ("row", "horizontal-pull"),
    ("deadlift", "hinge"),
    ("good morning", "hinge"),
    ("swing", "hinge"),
    ("hyperextension", "hinge"),
    ("back extension", "hinge"),
    ("hip thrust", "hip-extension"),
    ("bridge", "hip-extension"),
    ("kickback", "elbow-extension"),
    ("pushdown", "elbow-extension"),
    ("skull", "elbow-extension"),
    ("triceps extension", "elbow-extension"),
    ("tricep extension", "elbow-extension"),
    ("lunge", "lunge"),
    ("split squat", "lunge"),
    ("step-up", "lunge"),
    ("step up", "lunge"),
    ("squat", "squat"),
    ("leg press", "squat"),
    ("curl", "elbow-flexion"),
    ("lateral raise", "shoulder-abduction"),
    ("side raise", "shoulder-abduction"),
    ("front raise", "shoulder-flexion"),
    ("reverse fly", "horizontal-abduction"),
    ("rear delt", "horizontal-abduction"),
    ("fly", "horizontal-adduction"),
    ("flye", "horizontal-adduction"),
    ("crossover", "horizontal-adduction"),
    ("pullover", "shoulder-extension"),
    ("shrug", "scapular-elevation"),
    ("overhead press", "vertical-push"),
    ("shoulder press", "vertical-push"),
    ("military", "vertical-push"),
    ("push press", "vertical-push"),
    ("handstand", "vertical-push"),
    ("bench press", "horizontal-push"),
    ("push-up", "horizontal-push"),
    ("pushup", "horizontal-push"),
    ("push up", "horizontal-push"),
    ("dip", "vertical-push"),
    ("chest press", "horizontal-push"),
    ("press", "horizontal-push"),
    ("plank", "anti-extension"),
    ("rollout", "anti-extension"),
    ("pallof", "anti-rotation"),
    ("crunch", "trunk-flexion"),
    ("sit-up", "trunk-flexion"),
    ("situp", "trunk-flexion"),
    ("leg raise", "trunk-flexion"),
    ("twist", "trunk-rotation"),
    ("woodchop", "trunk-rotation"),
    ("carry", "carry"),
    ("farmer", "carry"),
    ("wrist", "wrist"),
    ("neck", "neck"),
    ("abduction", "hip-abduction"),
    ("adduction", "hip-adduction"),
    ("external rotation", "external-rotation"),
)
_MUSCLE_PATTERNS = {
    "quads": "squat",
    "glutes": "hip-extension",
    "hamstrings": "hinge",
    "erector-spinae": "hinge",
    "chest": "horizontal-push",
    "triceps": "elbow-extension",
    "biceps": "elbow-flexion",
    "brachialis": "elbow-flexion",
    "lats": "vertical-pull",
    "rhomboids": "horizontal-pull",
    "middle-traps": "horizontal-pull",
    "lower-traps": "horizontal-pull",
    "upper-traps": "scapular-elevation",
    "front-delts": "vertical-push",
    "side-delts": "shoulder-abduction",
    "rear-delts": "horizontal-abduction",
    "rotator-cuff": "external-rotation",
    "abs": "trunk-flexion",
    "obliques": "trunk-rotation",
    "calves": "plantar-flexion",
    "forearms": "wrist",
    "adductors": "hip-adduction",
    "abductors": "hip-abduction",
    "neck": "neck",
}
PULL_PATTERNS = {
    "vertical-pull",
    "horizontal-pull",
    "hinge",
    "elbow-flexion",
    "knee-flexion",
    "horizontal-abduction",
    "shoulder-extension",
    "external-rotation",
    "scapular-elevation",
}
PUSH_PATTERNS = {
    "vertical-push",
    "horizontal-push",
    "squat",
    "lunge",
    "elbow-extension",
    "knee-extension",
    "shoulder-abduction",
    "shoulder-flexion",
    "horizontal-adduction",
    "plantar-flexion",
    "hip-extension",
    "hip-abduction",
    "hip-adduction",
}
COMPOUND_PATTERNS = {
    "vertical-pull",
    "horizontal-pull",
    "vertical-push",
    "horizontal-push",
    "squat",
    "hinge",
    "lunge",
    "carry",
}


#: Source categories and name words of drills rather than training (see the module docstring).
DRILL_CATEGORIES = frozenset({"plyometrics", "olympic weightlifting", "stretching", "cardio"})
DRILL_EQUIPMENT = frozenset({"other", "medicine ball", "foam roll"})
_DRILL_WORDS = re.compile(
    r"\b(balance|stretch(es|ing)?|smr|jumps?|jumping|hops?|hopping|bounds?|bounding|skips?|"
    r"skipping|sprints?|throws?|toss|slams?|drills?|technique|shuffle|crawl)\b",
    re.IGNORECASE,
)


def is_drill(name: str, category: str | None = None, equipment: str | None = None) -> bool:
    """Whether an outside entry is a drill a plan should leave out (module docstring).

    >>> is_drill("Balance Board"), is_drill("Linear 3-Part Start Technique", "plyometrics")
    (True, True)
    >>> is_drill("Barbell Squat", "strength", "barbell"), is_drill("Hyperextensions", None, "other")
    (False, True)
    """
    return (
        (category or "").lower() in DRILL_CATEGORIES
        or (equipment or "").lower() in DRILL_EQUIPMENT
        or _DRILL_WORDS.search(name) is not None
    )


def pattern_for(name: str, primary: list[str]) -> str:
    """The movement pattern from the name's words, else from the first primary muscle.

    >>> pattern_for("Barbell Bent Over Row", ["rhomboids"]), pattern_for("Zottman Curl", [])
    ('horizontal-pull', 'elbow-flexion')
    >>> pattern_for("Arnold Press", ["front-delts"]), pattern_for("Floor Press", ["chest"])
    ('vertical-push', 'horizontal-push')
    """
    low = name.lower()
    for words, pattern in _NAME_PATTERNS:
        if words in low:
            # a plain "press" for the shoulders goes overhead
            if words == "press" and primary and primary[0] in ("front-delts", "side-delts"):
                return "vertical-push"
            return pattern
    return _MUSCLE_PATTERNS.get(primary[0], "anti-extension") if primary else "anti-extension"


def position_for(name: str) -> str:
    low = name.lower()
    for words, position in (
        ("seated", "seated"),
        ("sitting", "seated"),
        ("lying", "supine"),
        ("supine", "supine"),
        ("prone", "prone"),
        ("kneeling", "kneeling"),
        ("hanging", "hanging"),
        ("plank", "plank"),
    ):
        if words in low:
            return position
    return "standing"
