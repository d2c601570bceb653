"""Journey 4 in a phone's browser: a lifter types a misspelt name, the results come as they type,
and the exercise page reads in the seed page's sections."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_typing_pulldwn_finds_the_pulldown_and_its_page_reads_in_sections(
    phone: Any, live_server: Any, signed_in: Callable[..., Any],
    assert_accessible: Callable[[Any], None],
) -> None:
    from playwright.sync_api import expect

    page = signed_in(phone, live_server)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto("/learn")
    assert_accessible(page)
    page.get_by_label("Exercise name").press_sequentially("pulldwn", delay=20)  # no Enter
    first = page.locator("#results a").first
    expect(first).to_have_text("Seated Lat Pulldown")
    assert "q=pulldwn" in page.url  # the address follows the search (back button, sharing)
    first.click()
    expect(page.locator("h1")).to_have_text("Seated Lat Pulldown")
    headings = page.locator("main h2").all_inner_texts()
    for section in ("Description", "Muscles", "Equipment", "Setup", "Execution", "Tempo",
                    "Cues", "Common mistakes", "Alternatives"):
        assert section in headings
    assert page.locator(".breathing").count() >= 2  # breathing cues of the working phases
    assert_accessible(page)
    page.get_by_role("link", name="All exercises").click()
    expect(page.locator("h1")).to_have_text("Learn")
    assert not [p for p in problems if "Content Security Policy" in p]
