"""The linter catches contradictions between the fields of an entry."""

from __future__ import annotations

from pathlib import Path

from spotter.knowledge.lint import lint_file, lint_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REFERENCE = (
    Path(__file__).resolve().parents[2]
    / "src/spotter/knowledge/data/exercises/stepback-pulldown.yaml"
).read_text()


def codes(findings: list) -> list[str]:  # type: ignore[type-arg]
    return [f.code for f in findings]


def test_the_seed_page_poured_into_one_entry_is_flagged_with_each_contradiction() -> None:
    findings = lint_file(FIXTURES / "seed-mixed-pulldown.yaml")
    text = "\n".join(str(f) for f in findings)
    # standing (split-stance) entry whose steps sit on a seat
    assert any(
        f.code == "position" and "sitting" in f.message and "split-stance" in f.message
        for f in findings
    ), text
    # a thigh pad the equipment list lacks
    assert any(f.code == "equipment" and "thigh pad" in f.message for f in findings), text
    # handles on an entry that uses a long bar
    assert any(f.code == "bar-handles" and "long-bar" in f.message for f in findings), text
    # each finding points at a line of the file
    assert all(f.line for f in findings)


def test_the_reference_entry_has_no_findings() -> None:
    assert lint_text(REFERENCE, "stepback-pulldown.yaml") == []


def test_a_working_phase_without_breathing_is_flagged() -> None:
    bad = REFERENCE.replace("        breathing: Breathe in as the bar goes back up.\n", "")
    findings = lint_text(bad, "stepback-pulldown.yaml")
    assert codes(findings) == ["breathing"]
    assert "return" in findings[0].message and "eccentric" in findings[0].message


def test_a_muscle_named_in_the_description_but_not_listed_is_flagged() -> None:
    bad = REFERENCE.replace("chiefly the lats,", "chiefly the lats, triceps,")
    findings = lint_text(bad, "stepback-pulldown.yaml")
    assert codes(findings) == ["muscle"]
    assert "triceps" in findings[0].message


def test_a_body_part_used_as_a_place_is_not_a_muscle_claim() -> None:
    # "pull a long bar to your chest" names the chest as a place, and chest is not listed
    assert "to your chest" in REFERENCE
    assert "muscle" not in codes(lint_text(REFERENCE, "stepback-pulldown.yaml"))


def test_a_pause_after_the_concentric_needs_it_in_the_tempo() -> None:
    bad = REFERENCE.replace("tempo: 3-0-2-1", "tempo: 3-1-2-0")
    findings = lint_text(bad, "stepback-pulldown.yaml")
    assert codes(findings) == ["tempo"]
    assert "fourth place" in findings[0].message


def test_a_seated_entry_that_says_standing_is_flagged() -> None:
    bad = REFERENCE.replace("position: split-stance", "position: seated")
    findings = lint_text(bad, "stepback-pulldown.yaml")
    assert "position" in codes(findings)


def test_schema_errors_come_back_as_findings() -> None:
    findings = lint_text("slug: x\n", "x.yaml")
    assert codes(findings) == ["schema"]
