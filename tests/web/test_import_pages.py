"""Import without a browser: a generated export's report says what the file holds (against the
truth the generator wrote), a confirmed match decides where those sets go, and importing the
same file again adds nothing."""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pages_kit import Person, Site, open_site

import exportgen


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, catalog: Any) -> Iterator[Site]:
    yield from open_site(tmp_path_factory.mktemp("imports"), catalog)


def upload(me: Person, name: str, data: bytes, **form: str) -> Any:
    return me.client.post(
        "/import",
        files={"file": (name, data, "text/csv")},
        data={"csrf_token": me.csrf, "format": "auto", **form},
    )


def fact(html: str, key: str) -> int:
    found = re.search(rf'<dd id="{key}">(\d+)</dd>', html)
    assert found is not None, f"no {key} on the page"
    return int(found.group(1))


def choices(html: str) -> dict[str, tuple[str, list[str]]]:
    """Each name waiting for a choice: its field index and the slugs offered."""
    out = {}
    for index, source in re.findall(r'name="name-(\d+)" value="([^"]*)"', html):
        select = re.search(rf'<select id="match-{index}".*?</select>', html, re.S)
        assert select is not None
        out[htmllib.unescape(source)] = (index, re.findall(r'<option value="([^"]*)"', select.group(0)))
    return out


def stored(me: Person, exercise: str | None = None) -> list[dict[str, Any]]:
    params: dict[str, Any] = {"limit": 200}
    if exercise:
        params["exercise"] = exercise
    items: list[dict[str, Any]] = me.get("/api/v1/users/me/log/sets", params=params).json()["items"]
    return items


def test_the_report_counts_what_the_export_holds_and_stores_nothing_yet(site: Site) -> None:
    me = site.person()
    export = exportgen.hevy()
    r = upload(me, "workouts.csv", export.data)
    assert r.status_code == 200, r.text
    assert fact(r.text, "rows-read") == export.rows
    assert fact(r.text, "new-sets") == len(export.truth)
    assert fact(r.text, "already-present") == 0
    lines = [int(n) for n in re.findall(r"<li>Line (\d+):", r.text)]
    assert lines == sorted(export.explained)
    for line, word in export.explained.items():
        assert re.search(rf"<li>Line {line}:[^<]*{word}", r.text), (line, word)
    assert "Chin Up (Assisted)" in choices(r.text)
    assert stored(me) == []


def test_a_confirmed_match_decides_where_the_sets_go_and_all_sets_are_imported(
    site: Site,
) -> None:
    me = site.person()
    export = exportgen.hevy()
    report = upload(me, "workouts.csv", export.data).text
    waiting = choices(report)
    index, offered = waiting["Chin Up (Assisted)"]
    assert "assisted-pull-up" in offered
    form = {"csrf_token": me.csrf, "upload": re.findall(r'name="upload" value="(\w+)"', report)[0]}
    for source, (i, _slugs) in waiting.items():
        form[f"name-{i}"] = source
        form[f"match-{i}"] = "assisted-pull-up" if i == index else ""
    r = me.client.post("/import/confirm", data=form)
    assert r.status_code == 200, r.text
    assert fact(r.text, "new-sets") == len(export.truth)
    assert len(stored(me)) == len(export.truth)
    chins = [t for t in export.truth if t.exercise == "Chin Up (Assisted)"]
    got = sorted(round(s["load"], 2) for s in stored(me, "assisted-pull-up"))
    assert got == sorted(round(t.whole_kg or 0.0, 2) for t in chins)  # assistance: negative kg
    again = upload(me, "workouts.csv", export.data)
    assert (fact(again.text, "new-sets"), fact(again.text, "already-present")) == (
        0,
        len(export.truth),
    )


def test_a_file_that_is_no_known_export_is_refused_saying_what_was_expected(site: Site) -> None:
    me = site.person()
    r = upload(me, "notes.csv", b"day,what\nmonday,squats\n")
    assert r.status_code == 422
    text = htmllib.unescape(r.text)
    assert "notes.csv" in text and "the header of a known export" in text
    assert upload(me, "empty.csv", b"  \n").status_code == 422
    assert stored(me) == []


def test_a_report_cannot_be_imported_twice_or_by_someone_else(site: Site) -> None:
    me, other = site.person("me"), site.person("other")
    report = upload(me, "workouts.csv", exportgen.hevy().data).text
    digest = re.findall(r'name="upload" value="(\w+)"', report)[0]
    assert other.form("/import/confirm", {"upload": digest}).status_code == 404
    assert stored(other) == []
    assert me.form("/import/confirm", {"upload": digest}).status_code == 200
    assert me.form("/import/confirm", {"upload": digest}).status_code == 404


def shared_file(*parts: str) -> Path:
    """A file of the shared real data through the suite's ``shared_data`` helper, which skips
    the test without it (``tests/conftest.py``, loaded by path: here ``conftest`` is the
    browser tests')."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "spotter_tests_conftest", Path(__file__).resolve().parents[1] / "conftest.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    found: Path = module.shared_data(*parts)
    return found


REAL_LOGS = ["strong-legacy-2017.csv", "hevy-2026.csv", "fitnotes-2025.csv", "fitbod-2018.csv"]


@pytest.mark.parametrize("name", REAL_LOGS)
def test_a_real_export_reports_every_row_and_stores_what_the_report_promised(
    site: Site, name: str
) -> None:
    import csv
    import io

    data = shared_file("logs", name).read_bytes()
    text = data.decode("utf-8-sig")
    first = text.split("\n", 1)[0]
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if first.count(";") > first.count(",") else ","))
    data_rows = len(rows) - 1  # every record after the header, blank ones too: each is accounted for
    me = site.person(units="lb" if name.startswith("strong") else "kg")
    report = upload(me, name, data)
    assert report.status_code == 200, report.text[:2000]
    assert fact(report.text, "rows-read") == data_rows
    promised = fact(report.text, "new-sets")
    assert promised > 0
    form = {"csrf_token": me.csrf, "upload": re.findall(r'name="upload" value="(\w+)"', report.text)[0]}
    for source, (index, offered) in choices(report.text).items():
        form[f"name-{index}"] = source
        form[f"match-{index}"] = ""  # keep every unsure name as written
        assert offered[-1] == ""  # keeping it as written is always offered
    done = me.client.post("/import/confirm", data=form)
    assert done.status_code == 200
    assert fact(done.text, "new-sets") == promised
    total = me.get("/api/v1/users/me/export", params={"format": "csv"}).text
    assert sum(1 for _ in csv.DictReader(io.StringIO(total))) == promised
