"""Import in a phone's browser: choose a generated Hevy export, read the report, confirm a
suggested match, import, and find every set of the file in the log, under the chosen exercise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import LiveServer, account_of

import exportgen

pytestmark = pytest.mark.browser


def test_a_lifter_imports_an_export_after_confirming_a_match(
    phone: Any, live_server: LiveServer, signed_in: Any, assert_accessible: Any, tmp_path: Path
) -> None:
    export = exportgen.hevy()
    file = tmp_path / "hevy_workouts.csv"
    file.write_bytes(export.data)
    page = signed_in(phone, live_server)
    page.goto("/import")
    assert_accessible(page)
    page.get_by_label("Exported file").set_input_files(str(file))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("heading", name="Import report").wait_for()
    assert page.locator("#rows-read").inner_text() == str(export.rows)
    assert page.locator("#new-sets").inner_text() == str(len(export.truth))
    assert page.locator(".rows-not-imported li").count() == len(export.explained)
    assert_accessible(page)
    page.get_by_label("Chin Up (Assisted)").select_option("assisted-pull-up")
    page.get_by_role("button", name=f"Import {len(export.truth)} sets").click()
    page.get_by_role("heading", name="Imported", exact=True).wait_for()
    with live_server.client(account_of(page)) as api:
        items = api.get("/api/v1/users/me/log/sets", params={"limit": 200}).json()["items"]
        assert len(items) == len(export.truth)
        chins = [s for s in items if s["exercise"] == "assisted-pull-up"]
        assert len(chins) == sum(1 for t in export.truth if t.exercise == "Chin Up (Assisted)")
    page.get_by_role("link", name="See your history").click()
    page.wait_for_url("**/history")
    assert page.locator("section.day").count() >= 1
