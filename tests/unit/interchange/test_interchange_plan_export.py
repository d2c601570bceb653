"""The plan's iCalendar and Markdown exports, read back by a small independent parser."""

from __future__ import annotations

import datetime as dt
import re

from spotter.interchange.ics import plan_to_ics
from spotter.interchange.plan_markdown import plan_to_markdown
from spotter.planning.model.program import Session, Slot, WeekPlan, build_mesocycle
from spotter.planning.model.stored import StoredPlan

WEEK = WeekPlan(
    (
        Session(
            "mon",
            (
                Slot("barbell-back-squat", 3, 5, 5, 2, 180, "linear"),
                Slot("seated-lat-pulldown", 3, 8, 12, 2, 120),
            ),
        ),
        Session("wed", (Slot("push-up", 2, 8, 20, 2, 60),)),
        Session("fri", (Slot("face-pull", 3, 12, 15, 2, 60),)),
    )
)
NAMES = {
    "barbell-back-squat": "Barbell Back Squat",
    "seated-lat-pulldown": "Seated Lat Pulldown, wide; long bar \\ cable",  # needs escaping
    "push-up": "Push-Up",
    "face-pull": "Face Pull",
}


def _plan(weeks: int = 5) -> StoredPlan:
    return StoredPlan(
        id=7,
        name="Test plan",
        template=None,
        created_at=dt.datetime(2026, 11, 24, 9, 30),
        start_date=dt.date(2026, 11, 30),  # a monday
        active=True,
        mesocycle=build_mesocycle(WEEK, weeks=weeks),
        session_names=(("Full body A", "Upper", "Full body B"),) * weeks,
    )


def _parse(text: str) -> list[dict[str, str]]:
    """RFC 5545 read back: unfold (CRLF + one space or tab), split name:value, unescape TEXT."""
    unfolded = re.sub(r"\r\n[ \t]", "", text)
    events, current = [], None
    for line in unfolded.split("\r\n"):
        if not line:
            continue
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            current[name] = re.sub(
                r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value
            )
    return events


def _facts():  # type: ignore[no-untyped-def]
    from spotter.planning.model import facts_of
    from spotter.services.catalog import load_catalog

    return facts_of(load_catalog(None).all())


def test_ics_is_well_formed_and_has_one_event_per_session_per_week() -> None:
    facts = _facts()
    text = plan_to_ics(_plan(5), facts, NAMES)
    raw = text.encode("utf-8")
    # CRLF everywhere, no bare LF or CR, every physical line at most 75 octets
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert b"\r" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75
    assert any(line.startswith(b" ") for line in raw.split(b"\r\n"))  # something was folded
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    events = _parse(text)
    assert len(events) == 3 * 5  # sessions a week x weeks
    assert len({e["UID"] for e in events}) == len(events)
    for e in events:
        start = dt.datetime.strptime(e["DTSTART"], "%Y%m%dT%H%M%S")
        assert start.strftime("%a").lower() in ("mon", "wed", "fri")
        assert start.time() == dt.time(18, 0)
        assert e["DTSTAMP"] == "20261124T093000Z"
    first = events[0]
    assert first["DTSTART"] == "20261130T180000"
    assert first["SUMMARY"] == "Spotter: Full body A (week 1)"
    assert events[-1]["SUMMARY"] == "Spotter: Full body B (week 5, deload)"
    # week 1 runs at 70 % of the base sets: 3 x 0.7 = 2.1 -> 2 sets
    lines = first["DESCRIPTION"].split("\n")
    assert lines[0] == "Barbell Back Squat: 2 × 5 @ RIR 3, rest 180 s"
    assert lines[1] == "Seated Lat Pulldown, wide; long bar \\ cable: 2 × 8-12 @ RIR 3, rest 120 s"


def test_ics_duration_is_the_session_time_rounded_up() -> None:
    facts = _facts()
    events = _parse(plan_to_ics(_plan(5), facts, NAMES))
    # week 4 (the base week) friday: face pull 3 sets of 12-15 at tempo 2-0-1-1 (4 s a rep),
    # 60 s rest: 3 x (13.5 x 4 + 60) = 342 s = 5.7 min -> 6 minutes
    friday = next(e for e in events if e["DTSTART"] == "20261225T180000")
    assert friday["DURATION"] == "PT6M"


def test_a_multibyte_character_is_never_split_by_folding() -> None:
    facts = _facts()
    names = dict(NAMES, **{"push-up": "Pompe" + "é" * 80})
    text = plan_to_ics(_plan(3), facts, names)
    for line in text.encode("utf-8").split(b"\r\n"):
        line.decode("utf-8")  # raises if a character was cut
        assert len(line) <= 75
    assert "é" * 80 in _parse(text)[1]["DESCRIPTION"]


def test_markdown_lists_every_week_and_session_with_dates() -> None:
    md = plan_to_markdown(_plan(4), NAMES)
    assert md.startswith("# Test plan\n")
    assert "4 weeks, 2026-11-30 to 2026-12-27" in md
    assert md.count("\n## Week ") == 4
    assert "## Week 4 (deload)" in md
    assert md.count("\n### ") == 3 * 4
    assert "### Mon 2026-11-30 — Full body A" in md
    # base week (3): squat 3 sets of 5, linear; the pipe-free name stays one cell
    week3 = md[md.index("## Week 3") : md.index("## Week 4")]
    assert "| Barbell Back Squat | 3 | 5 | 1 | 180 s | linear |" in week3
    assert "| Push-Up | 2 | 8-20 | 1 | 60 s | auto |" in week3
