"""Item 6 on targets no week can meet together: the linear bound of review.conflict, checked
against hand arithmetic on a two-exercise pool (a chest press and a lateral raise, each counting
half a set of front delts)."""

from __future__ import annotations

import pytest
from review_kit import fx

from spotter.knowledge.model import ExerciseFacts
from spotter.planning.model.review.conflict import least_shortfall, targets_conflict
from spotter.planning.model.targets import TargetRange

PRESS = fx("press", "horizontal-push", ("chest",), role="main", staple=3,
           secondary=("front-delts",))


ROW = fx("row", "horizontal-pull", ("lats",), role="main", staple=3)


def _raises(staple: int) -> dict[str, ExerciseFacts]:
    """The press, a row to balance it (item 10) and two lateral raises (item 8 allows 10 sets
    a week of each)."""
    return {"press": PRESS, "row": ROW} | {
        slug: fx(slug, "shoulder-abduction", ("side-delts",), role="accessory", staple=staple,
                 secondary=("front-delts",), mechanic="isolation")
        for slug in ("raise", "cable-raise")
    }


def _targets(front_high: float, chest: tuple[float, float] = (12, 20)) -> dict[str, TargetRange]:
    return {
        "chest": TargetRange(*chest),
        "side delts": TargetRange(16, 22),
        "front delts": TargetRange(0, front_high),
    }


def test_front_delts_capped_at_12_leave_side_delts_4_sets_short_in_any_week() -> None:
    # 12 chest sets spend 6 front delts; the other 6 buy 12 lateral raises: 16 - 12 = 4
    pool = _raises(staple=2)
    found = least_shortfall(pool, _targets(12))
    assert found is not None
    assert found.missing == pytest.approx(4.0)
    assert set(found.short) <= {"side delts", "chest"}  # one front-delt half buys either
    assert "front delts" in found.capped


def test_a_front_delt_cap_of_14_leaves_room_for_every_target() -> None:
    # 6 + 16 x 0.5 = 14 front delts: chest 12 and side delts 16 fit exactly
    assert least_shortfall(_raises(staple=2), _targets(14)) is None


def test_the_staple_share_caps_the_accessory_sets_too() -> None:
    # the raises are no staples: at most 3 of every 10 sets. Back stops the rows at 12, the
    # rows stop the presses at 12 (pull at least push): at most 24 x 3 / 7 raises
    targets = _targets(100, chest=(10, 20)) | {"back": TargetRange(0, 12)}
    found = least_shortfall(_raises(staple=0), targets)
    assert found is not None
    assert found.missing == pytest.approx(16 - 24 * 3 / 7)
    assert "back" in found.capped


def test_item_6_names_the_short_row_and_the_cap_that_holds_it_back() -> None:
    pool = _raises(staple=2)
    why = targets_conflict(pool, _targets(12), {"side delts": 12.0})
    assert why is not None
    assert "front delts at most 12" in why
    assert "side delts (12 of 16 sets)" in why
    assert "at least 4 set(s)" in why
