"""The db_url fixture without a PostgreSQL server: a skip with the reason, a failure under CI."""

from __future__ import annotations

from pathlib import Path

import pytest

CONFTEST = Path(__file__).resolve().parents[1] / "conftest.py"
#: Plugins the inner run does not need (schemathesis alone takes a second to import).
QUIET = ["-p", "no:xdist", "-p", "no:cacheprovider", "-p", "no:schemathesis", "-p", "no:anyio"]
USES_DB = """
def test_uses_the_database(db_url):
    assert db_url
"""


@pytest.fixture
def suite(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    pytester.makeconftest(CONFTEST.read_text(encoding="utf-8"))
    pytester.makepyfile(test_db=USES_DB)
    monkeypatch.delenv("SPOTTER_TEST_PG_URL", raising=False)
    return pytester


def test_without_a_server_the_postgresql_case_skips_and_says_why(
    suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CI", raising=False)
    result = suite.runpytest_subprocess("-rs", *QUIET)
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(["*SPOTTER_TEST_PG_URL is not set*"])


def test_under_ci_a_missing_server_is_a_failure_not_a_skip(
    suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    result = suite.runpytest_subprocess(*QUIET)
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*CI=true and SPOTTER_TEST_PG_URL is not set*"])
