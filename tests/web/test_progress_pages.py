"""Progress without a browser: the e1RM and records of logged sets (Epley by hand, SCIENCE.md),
in the lifter's unit; weekly sets per muscle against the Israetel landmarks; recovery."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pages_kit import Site, open_site


@pytest.fixture(scope="module")
def site(
    tmp_path_factory: pytest.TempPathFactory, catalog: Any, _sqlite_template: Path
) -> Iterator[Site]:
    yield from open_site(tmp_path_factory.mktemp("progress"), catalog, _sqlite_template)


def epley(load: float, reps: int) -> float:
    """SCIENCE.md: w * (1 + r/30)."""
    return load * (1 + reps / 30)


def session_rows(html: str) -> list[list[str]]:
    table = html[html.index('id="sessions"'):]
    table = table[: table.index("</table>")]
    return [
        [" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    ]


def bar_text(html: str, muscle: str) -> str:
    """The words beside a muscle's landmark bar."""
    bars = html[html.index('id="landmarks"'):]
    start = bars.index(f'data-muscle="{muscle}">') + len(f'data-muscle="{muscle}">')
    item = bars[start: bars.index("</li>", start)]
    return " ".join(re.sub(r"<[^>]+>", " ", item).split())


def test_the_sessions_table_shows_each_days_best_e1rm_by_epley(site: Site) -> None:
    me = site.person()
    # 12 and 15 reps: past Brzycki's 10, the estimate is Epley's
    me.log_set("barbell-back-squat", 100, 12, "2026-11-09T18:00:00")
    me.log_set("barbell-back-squat", 80, 15, "2026-11-09T18:05:00")
    me.log_set("barbell-back-squat", 105, 12, "2026-11-16T18:00:00")
    html = me.get("/progress", params={"exercise": "barbell-back-squat"}).text
    assert epley(100, 12) == pytest.approx(140) and epley(105, 12) == pytest.approx(147)
    assert session_rows(html) == [  # newest first: date, e1RM, top load, volume, sets
        ["Mon 16 Nov 2026", "147 kg", "105 kg", "1260 kg", "1"],
        ["Mon 9 Nov 2026", "140 kg", "100 kg", "2400 kg", "2"],
    ]
    at_load = html[html.index('id="reps-at-load"'):]
    at_load = at_load[: at_load.index("</table>")]
    assert re.findall(r"<th scope=\"row\">([^<]+)</th><td>(\d+)</td>", at_load) == [
        ("105 kg", "12"), ("100 kg", "12"), ("80 kg", "15")
    ]
    records = html[html.index('id="records"'):]
    squat = records[records.index('data-exercise="barbell-back-squat"'):]
    squat = squat[: squat.index("</tr>")]
    assert "147 kg" in squat and "105 kg" in squat and "2400 kg" in squat


def test_a_pound_lifter_sees_pounds(site: Site) -> None:
    me = site.person(units="lb")
    me.log_set("barbell-bench-press", 225, 12, "2026-11-16T18:00:00")
    html = me.get("/progress").text
    assert epley(225, 12) == pytest.approx(315)
    assert session_rows(html)[0][:3] == ["Mon 16 Nov 2026", "315 lb", "225 lb"]
    assert 'data-unit="lb"' in html and " kg" not in html


def test_the_charts_read_this_exercise_from_the_json_api(site: Site) -> None:
    me = site.person()
    me.log_set("conventional-deadlift", 140, 5, "2026-11-16T18:00:00")
    html = me.get("/progress").text
    src = re.search(r'data-progress="([^"]+)"', html)
    assert src and src.group(1).endswith("exercise=conventional-deadlift")
    data = me.get(src.group(1).replace("&amp;", "&")).json()
    assert [s["top_load"] for s in data["exercises"][0]["sessions"]] == [140]
    assert "<script>" not in html and "style=" not in html  # the policy allows neither


def test_weekly_sets_count_against_the_israetel_landmarks(site: Site) -> None:
    me = site.person()
    for minute in (0, 5, 10):  # three working sets of bench press this week (Mon 16 Nov on)
        me.log_set("barbell-bench-press", 60, 8, f"2026-11-16T18:{minute:02d}:00")
    html = me.get("/progress").text
    # SCIENCE.md, Israetel 2017: chest MEV 10, MAV 12-20, MRV 22; the bench's primary is chest
    assert bar_text(html, "chest") == "Chest : 3 sets, below MEV (MEV 10, MAV 12-20, MRV 22)"
    assert bar_text(html, "triceps").startswith("Triceps : 1.5 sets")  # a secondary counts half
    last_week = me.get("/progress", params={"week": "2026-11-10"}).text
    assert "0 working sets" in last_week


def test_recovery_bars_show_the_trained_muscle_below_the_rest(site: Site) -> None:
    me = site.person()
    me.log_set("barbell-bench-press", 60, 8, "2026-11-18T10:00:00")  # two hours before now
    html = me.get("/progress").text
    meters = dict(re.findall(r'<meter id="rec-([a-z-]+)"[^>]*value="([0-9.]+)"', html))
    assert float(meters["chest"]) < 90
    assert "hamstrings" not in meters  # untrained this week: listed as fully recovered
    assert "Hamstrings" in html[html.index('id="recovered"'):].split("</p>")[0]


def test_progress_before_any_set_and_for_a_stranger(site: Site) -> None:
    me = site.person()
    html = me.get("/progress").text
    assert "Nothing logged yet" in html and "No records yet" in html
    r = site.stranger().get("/progress")
    assert r.status_code == 303 and r.headers["location"].startswith("/signin?next=/progress")
