"""Choosing the lifter among the people seen in sample frames (pure logic, made-up sightings
of people whose motion is known)."""

from __future__ import annotations

import numpy as np
import pytest

from spotter.motion.analysis.subjects import SideBySideError, Sighting, choose

TIMES = np.arange(0.0, 8.0, 0.5)


def person(x: float, t: float, *, hz: float, height: float = 0.5, flip: bool = False) -> np.ndarray:  # type: ignore[type-arg]
    """Someone standing at ``x`` squatting ``hz`` times a second: hips, knees, shoulders and
    head go down by up to a third of the height. ``flip`` mirrors the pose left-right."""
    top = 0.9 - height
    pts = np.zeros((33, 4))
    pts[:, 3] = 0.9
    side = np.where(np.arange(33) % 2 == 1, -1.0, 1.0) * (-1 if flip else 1)
    pts[:, 0] = x + 0.04 * side
    down = height / 3 * (1 - np.cos(2 * np.pi * hz * t)) / 2
    pts[:, 1] = np.linspace(top, 0.9, 33)
    pts[:25, 1] += down  # everything above the knees
    return pts


def scene(*people: tuple[float, float, dict], tracked: int = 0) -> list[list[Sighting]]:  # type: ignore[type-arg]
    """Samples of people, each (x, share of the clip present, person() options)."""
    out = []
    for i, t in enumerate(TIMES):
        seen = []
        for k, (x, share, opts) in enumerate(people):
            if i < share * len(TIMES):
                seen.append(Sighting(float(t), person(x, float(t), **opts), k == tracked))
        out.append(seen)
    return out


def test_a_mirror_image_moving_with_the_lifter_is_set_aside() -> None:
    # the image is farther (smaller) and mirrored, moving at the same moments
    choice = choose(
        scene((0.3, 1, {"hz": 0.4}), (0.75, 1, {"hz": 0.4, "height": 0.35, "flip": True}))
    )
    assert choice.subject is not None and choice.subject.x == pytest.approx(0.3)
    assert not choice.retrack
    assert any("mirror image" in n for n in choice.notes)


def test_someone_walking_across_is_a_passer_by() -> None:
    samples = scene((0.3, 1, {"hz": 0.4}))
    for i, t in enumerate(TIMES[4:8]):  # 2 s crossing from right to left
        samples[4 + i].append(Sighting(float(t), person(0.9 - 0.2 * i, float(t), hz=1.0), False))
    choice = choose(samples)
    assert choice.subject is not None and choice.subject.x == pytest.approx(0.3)
    assert any("passing through" in n for n in choice.notes)


def test_two_people_exercising_at_their_own_pace_are_refused_without_a_choice() -> None:
    samples = scene((0.25, 1, {"hz": 0.4}), (0.7, 1, {"hz": 0.27, "height": 0.6}))
    with pytest.raises(SideBySideError) as err:
        choose(samples)
    assert err.value.default.x == pytest.approx(0.7)  # the larger one


@pytest.mark.parametrize(("prefer", "x"), [("left", 0.25), ("right", 0.7), ("largest", 0.7)])
def test_the_choice_picks_left_right_or_largest(prefer: str, x: float) -> None:
    samples = scene((0.25, 1, {"hz": 0.4}), (0.7, 1, {"hz": 0.27, "height": 0.6}))
    choice = choose(samples, prefer=prefer)  # type: ignore[arg-type]
    assert choice.subject is not None and choice.subject.x == pytest.approx(x)
    assert choice.retrack == (x != 0.25)  # the tracker followed the one on the left


def test_a_partner_standing_still_is_not_a_second_lifter() -> None:
    choice = choose(scene((0.3, 1, {"hz": 0.4}), (0.75, 1, {"hz": 0.0})))
    assert choice.subject is not None and choice.subject.x == pytest.approx(0.3)
    assert any("standing still" in n for n in choice.notes)


def test_someone_training_far_behind_the_lifter_is_not_side_by_side() -> None:
    # half the lifter's size, doing their own set at their own pace
    choice = choose(scene((0.4, 1, {"hz": 0.4, "height": 0.6}), (0.8, 1, {"hz": 0.27, "height": 0.3})))
    assert choice.subject is not None and choice.subject.x == pytest.approx(0.4)
    assert any("farther back" in n for n in choice.notes)
