"""A malformed catalog file is reported with its file, line, field and what was expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from spotter.knowledge.loader import CatalogError, load_file, parse_text

GOOD = (
    Path(__file__).resolve().parents[2]
    / "src/spotter/knowledge/data/exercises/stepback-pulldown.yaml"
).read_text()


def test_the_reference_entry_loads_with_every_fact_of_the_seed() -> None:
    data = parse_text(GOOD, "stepback-pulldown.yaml")
    assert data["facts"]["primary"] == ["lats", "rhomboids", "rear-delts"]


def test_an_unknown_muscle_names_line_field_and_the_known_muscles() -> None:
    bad = GOOD.replace(
        "primary: [lats, rhomboids, rear-delts]", "primary: [lats, rhomboid, rear-delts]"
    )
    with pytest.raises(CatalogError) as err:
        parse_text(bad, "stepback-pulldown.yaml")
    e = err.value
    assert e.line == 6  # the primary list is on line 6 of the file
    assert e.field == "facts.primary.1"  # the second muscle of the list
    assert "unknown muscle 'rhomboid'" in e.message
    assert "rhomboids" in e.message  # what was expected
    assert str(e).startswith("stepback-pulldown.yaml:6:")


def test_a_missing_field_is_named() -> None:
    bad = GOOD.replace("  load_type: cable-stack\n", "")
    with pytest.raises(CatalogError) as err:
        parse_text(bad, "stepback-pulldown.yaml")
    assert err.value.field == "facts.load_type"
    assert "required" in err.value.message


def test_a_malformed_tempo_says_what_a_tempo_looks_like() -> None:
    bad = GOOD.replace("tempo: 3-0-2-1", "tempo: slow")
    with pytest.raises(CatalogError) as err:
        parse_text(bad, "stepback-pulldown.yaml")
    assert err.value.line == 14
    assert "eccentric-pause-concentric-pause" in err.value.message


def test_text_must_give_words_for_every_step_id() -> None:
    bad = GOOD.replace("      squeeze:\n", "      squeezing:\n")
    with pytest.raises(CatalogError) as err:
        parse_text(bad, "stepback-pulldown.yaml")
    assert "squeeze" in err.value.message


def test_broken_yaml_gives_the_line_of_the_syntax_error(tmp_path: Path) -> None:
    f = tmp_path / "broken.yaml"
    f.write_text("slug: broken\nfacts:\n  primary: [lats\n  force: pull\n")
    with pytest.raises(CatalogError) as err:
        load_file(f)
    assert "not valid YAML" in err.value.message
    assert err.value.line is not None and err.value.line >= 3


def test_slug_must_match_the_file_name() -> None:
    with pytest.raises(CatalogError) as err:
        parse_text(GOOD, "other-name.yaml")
    assert err.value.field == "slug"
