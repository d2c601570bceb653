"""Learn without a browser: the search tolerates typos, an exercise page has the seed page's
sections with the catalog entry's own words, and alternatives respect the lifter's kit."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pages_kit import Site, open_site

from spotter.knowledge.loader import builtin_dir


@pytest.fixture(scope="module")
def site(
    tmp_path_factory: pytest.TempPathFactory, catalog: Any, _sqlite_template: Path
) -> Iterator[Site]:
    yield from open_site(tmp_path_factory.mktemp("learn"), catalog, _sqlite_template)


def entry(slug: str) -> dict[str, Any]:
    """A catalog entry as written in its YAML file (the ground truth the page shows)."""
    data: dict[str, Any] = yaml.safe_load((builtin_dir() / f"{slug}.yaml").read_text("utf-8"))
    return data


def words(html: str) -> str:
    """The page's text with tags dropped and whitespace collapsed."""
    import html as htmllib

    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def result_slugs(html: str) -> list[str]:
    section = html[html.index('id="results"'):]
    return re.findall(r'href="/learn/([a-z0-9-]+)"', section)


def test_a_misspelt_search_finds_the_pulldown_first(site: Site) -> None:
    me = site.person()
    r = me.get("/learn", params={"q": "pulldwn"})
    assert r.status_code == 200
    assert result_slugs(r.text)[0] == "seated-lat-pulldown"
    assert "<html" in r.text  # a whole page when typed into the address bar


def test_live_search_answers_htmx_with_the_results_alone(site: Site) -> None:
    me = site.person()
    r = me.get("/learn", params={"q": "benchpress"}, headers={"HX-Request": "true"})
    assert r.status_code == 200 and "<html" not in r.text
    slugs = result_slugs(r.text)
    assert slugs and all("bench" in s for s in slugs[:3])
    none = me.get("/learn", params={"q": "xyzzy"}, headers={"HX-Request": "true"})
    assert "No exercise matches" in words(none.text)


def test_browsing_shows_the_first_results_and_a_link_to_all_of_them(
    site: Site, catalog: Any
) -> None:
    me = site.person()
    first = me.get("/learn").text
    assert len(result_slugs(first)) == 30
    link = re.search(r'href="(/learn\?[^"]*all=1[^"]*)"', first)
    assert link and f"show all {len(catalog)}" in first
    every = me.get(link.group(1).replace("&amp;", "&")).text
    assert sorted(result_slugs(every)) == sorted(ex.slug for ex in catalog)


def test_a_muscle_group_filter_keeps_only_exercises_for_that_group(site: Site) -> None:
    me = site.person()
    slugs = result_slugs(me.get("/learn", params={"group": "chest"}).text)
    assert "barbell-bench-press" in slugs and "barbell-back-squat" not in slugs
    bad = me.get("/learn", params={"group": "elbows"})  # a hand-made address
    assert bad.status_code == 200 and "unknown muscle" in words(bad.text)


def test_only_what_my_equipment_allows_keeps_exercises_the_kit_can_do(site: Site) -> None:
    from spotter.knowledge.catalog import resolve_equipment

    kit = ("dumbbell", "bench")
    me = site.person(equipment=kit)
    owned = resolve_equipment(kit)
    everything = result_slugs(me.get("/learn", params={"group": "chest"}).text)
    mine = result_slugs(me.get("/learn", params={"group": "chest", "mine": "1"}).text)
    assert mine and len(mine) < len(everything)
    for slug in mine:
        assert set(entry(slug)["facts"].get("equipment", [])) <= owned, slug
    assert "barbell-bench-press" in everything and "barbell-bench-press" not in mine


def test_the_exercise_page_has_the_seed_pages_sections_in_order(site: Site) -> None:
    me = site.person()
    r = me.get("/learn/stepback-pulldown")
    assert r.status_code == 200
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", r.text)
    assert headings == [
        "Description", "Muscles", "Equipment", "Setup", "Execution", "Tempo", "Cues", "Tips",
        "Common mistakes", "Variations", "Benefits", "Research", "Alternatives",
    ]
    text = words(r.text)
    e = entry("stepback-pulldown")
    en = e["text"]["en"]
    assert " ".join(en["description"].split()) in text
    for step in en["steps"].values():  # every step, and the breathing of each working phase
        assert " ".join(step["text"].split()) in text
        if "breathing" in step:
            assert f"Breathing: {step['breathing']}" in text
    for cue in en["cues"]:
        assert cue in text
    for fault in en["faults"].values():
        assert fault["name"] in text and " ".join(fault["fix"].split()) in text
    for variation in en["variations"].values():
        assert variation["name"] in text
    for note in e["facts"]["research"]:  # each study's finding with its citation
        assert note["citation"] in text and " ".join(en["research"][note["id"]].split()) in text
    assert e["facts"]["tempo"] in text
    # 3-0-2-1 on a pulldown: the bar returns (rises) in 3 s and is pulled down in 2 s
    assert e["facts"]["tempo"] == "3-0-2-1"
    assert "3 s return, 0 s pause, 2 s pull, 1 s pause" in text
    assert "Lats" in text and "Cable" in text


def test_a_kit_without_a_cable_gets_alternatives_it_can_do(site: Site, catalog: Any) -> None:
    from spotter.knowledge.catalog import resolve_equipment

    kit = ("dumbbell", "bench", "pull-up-bar")
    me = site.person(equipment=kit)
    owned = resolve_equipment(kit)
    r = me.get("/learn/stepback-pulldown")
    section = r.text[r.text.index('id="s-alternatives"'):]
    assert "Your kit lacks" in words(section)
    alternatives = re.findall(r'href="/learn/([a-z0-9-]+)"', section)
    assert alternatives
    for slug in alternatives:  # each needs only what the lifter owns, per its catalog entry
        assert set(entry(slug)["facts"].get("equipment", [])) <= owned, slug
    assert "pull-up" in " ".join(alternatives)  # the bar they own still trains the lats


def test_a_lifters_own_exercise_has_a_page_with_what_it_knows(site: Site) -> None:
    me = site.person()
    r = me.client.post(
        "/api/v1/users/me/custom-exercises",
        json={"name": "Towel Door Row", "primary": ["lats"], "equipment": []},
        headers={"X-CSRF-Token": me.csrf},
    )
    assert r.status_code == 201, r.text
    slug = r.json()["slug"]
    assert result_slugs(me.get("/learn", params={"q": "towel dor row"}).text)[0] == slug
    page = me.get(f"/learn/{slug}")
    assert page.status_code == 200
    text = words(page.text)
    assert "Towel Door Row" in text and "Lats" in text and "None: your body weight." in text
    assert "No step-by-step instructions yet" in text
    other = site.person()  # someone else's own exercise is not in their catalog
    assert other.get(f"/learn/{slug}").status_code == 404


def test_a_name_leads_to_the_slugs_page_and_an_unknown_one_suggests(site: Site) -> None:
    me = site.person()
    r = me.get("/learn/Stepback Pulldown")
    assert (r.status_code, r.headers["location"]) == (303, "/learn/stepback-pulldown")
    missing = me.get("/learn/stepbak-pulldwn")
    assert missing.status_code == 404
    assert 'href="/learn/stepback-pulldown"' in missing.text


def test_before_onboarding_learn_works_and_alternatives_come_from_the_whole_catalog(
    site: Site,
) -> None:
    me = site.person(units=None)
    page = me.get("/learn/stepback-pulldown")
    assert page.status_code == 200
    assert "the whole catalog (no profile yet)" in words(page.text)
    assert "not in your kit" not in page.text
    assert 'name="mine"' not in me.get("/learn").text  # no kit to filter by yet


def test_learn_asks_a_stranger_to_sign_in_first(site: Site) -> None:
    r = site.stranger().get("/learn", params={"q": "squat"})
    assert r.status_code == 303
    assert r.headers["location"].startswith("/signin?next=/learn")
