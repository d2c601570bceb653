"""Today as the server renders it (no browser): a lifter in pounds, sets done this morning, and a
rest day."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from helpers import PROFILE, Account, LiveServer, log_history, make_plan

MONDAY = dt.datetime(2026, 11, 16, 17, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def pounds(live_server: LiveServer) -> Account:
    """A lifter in lb who benched 185 lb x 5 @8 three times last Monday, with the full-body-3
    template from today (its Monday: the bench press 4 x 5 at RPE 7)."""
    live_server.set_now(MONDAY)
    account = live_server.register(profile={**PROFILE, "units": "lb"})
    log_history(
        live_server,
        account,
        [("barbell-bench-press", 185, 5, f"2026-11-09T18:0{i}:00+00:00") for i in range(3)],
    )
    make_plan(live_server, account, MONDAY.date(), template="full-body-3")
    return account


def bench_rows(html: str) -> list[tuple[str, str]]:
    """(what, plates) of each working set of the bench press card."""
    card = html.split('id="card-barbell-bench-press"', 1)[1].split("</section>", 1)[0]
    working = card.split('class="sets working"', 1)[1]
    rows = re.findall(
        r'data-kind="working".*?<span class="what">\s*(.*?)\s*(?:<span class="plates">(.*?)</span>)?\s*</span>',
        working,
        flags=re.S,
    )
    return [(what.strip(), plates) for what, plates in rows]


def get_today(live_server: LiveServer, account: Account, when: dt.datetime) -> Any:
    live_server.set_now(when)
    with live_server.client(account) as c:
        r = c.get("/today")
    assert r.status_code == 200, r.text
    return r.text


def test_a_lifter_in_pounds_gets_pounds_and_the_plates_that_make_them(
    live_server: LiveServer, pounds: Account
) -> None:
    rows = bench_rows(get_today(live_server, pounds, MONDAY))
    assert rows
    what, plates = rows[0]
    # 185 x 5 @8 is 81.1 % (e1RM 228.1 lb); 5 @7 is 78.6 %: 179.3 lb, to the nearest 5 lb: 180.
    assert what.startswith("180 lb × 5")
    assert plates.startswith("45 lb bar + ")
    per_side = [float(p) for p in re.findall(r"\+ ([\d.]+)", plates)]
    assert 45 + 2 * sum(per_side) == 180


def test_sets_logged_earlier_today_show_as_done_in_order(
    live_server: LiveServer, pounds: Account
) -> None:
    log_history(
        live_server,
        pounds,
        [("barbell-bench-press", 180, 5, "2026-11-16T17:10:00+00:00"),
         ("barbell-bench-press", 180, 4, "2026-11-16T17:14:00+00:00")],
    )
    rows = bench_rows(get_today(live_server, pounds, MONDAY + dt.timedelta(minutes=20)))
    assert rows[0][0].startswith("180 lb × 5 @8")
    assert rows[1][0].startswith("180 lb × 4 @8")
    assert rows[2][0].startswith("180 lb × 5") and "@" not in rows[2][0]  # still to do


def test_a_rest_day_names_the_next_session_and_still_offers_to_log(
    live_server: LiveServer, pounds: Account
) -> None:
    html = get_today(live_server, pounds, MONDAY + dt.timedelta(days=1))  # a Tuesday
    text = re.sub(r"<[^>]+>", " ", html)
    assert "Rest day." in text
    assert "Next session: Wed 18 Nov 2026" in re.sub(r"\s+", " ", text)
    assert 'id="free-log"' in html
