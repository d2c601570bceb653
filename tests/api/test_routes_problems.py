"""Every error is problem+json; the schema and the docs page come from the package."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from routes_kit import Api, is_problem, open_api


@pytest.fixture
def api(db_url: str, tmp_path: Path, catalog: Any) -> Iterator[Api]:
    yield from open_api(db_url, tmp_path, catalog)


def test_unknown_routes_and_methods_are_problems(api: Api) -> None:
    assert is_problem(api.client.get("/api/v1/no-such-thing"), 404)
    assert is_problem(api.client.delete("/api/v1/health"), 405)


def test_no_credentials_is_a_401_problem(api: Api) -> None:
    assert is_problem(api.client.get("/api/v1/users/me/log/sets"), 401)


def test_a_bad_query_value_names_its_field(api: Api) -> None:
    me = api.lifter()
    r = me.get("/log/sets", params={"limit": 0})
    assert is_problem(r, 422, "query.limit")
    assert r.json()["errors"][0]["field"] == "query.limit"
    assert is_problem(me.get("/log/sets", params={"cursor": "garbage"}), 422, "query.cursor")
    broken = me.client.post(
        me.url("/log/sets"),
        content=b'{"uuid": ',
        headers={**me.headers, "content-type": "application/json"},
    )
    assert is_problem(broken, 422, "body")
    assert "not valid JSON" in broken.json()["detail"]


def test_an_unexpected_failure_is_a_500_problem_without_the_servers_insides(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    def boom() -> None:
        raise RuntimeError("secret table name in the message")

    api.client.app.add_api_route("/api/v1/boom", boom)  # type: ignore[attr-defined]
    r = api.client.get("/api/v1/boom")
    assert is_problem(r, 500)
    assert "secret" not in r.text and "Traceback" not in r.text
    assert "secret table name" in caplog.text  # the log has it


def test_the_schema_and_the_docs_page_are_served_from_the_package_without_a_cdn(api: Api) -> None:
    schema = api.client.get("/api/v1/openapi.json").json()
    assert "/api/v1/users/{user}/log/sets" in schema["paths"]
    assert schema["components"]["schemas"]["SetIn"]["examples"]
    assert set(schema["components"]["securitySchemes"]) == {"token", "session"}
    page = api.client.get("/api/v1/docs")
    assert page.status_code == 200
    assert "http://" not in page.text and "https://" not in page.text
    bundle = api.client.get("/api/v1/static/swagger-ui/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and len(bundle.content) > 100_000
    notice = api.client.get("/api/v1/static/swagger-ui/LICENSE")
    assert "Apache License" in notice.text
