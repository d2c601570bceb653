"""Body size limits: 1 MB of JSON, 20 MB of upload, refused with a 413 problem before being read."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from security_harness import call, client, close_app, login, make_app, register, sqlite_copy
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from spotter.api.limits import JSON_LIMIT_BYTES, UPLOAD_LIMIT_BYTES, BodyLimits

MB = 1_000_000


@pytest.fixture(scope="module")
def app(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> (
    Iterator[FastAPI]
):
    tmp = tmp_path_factory.mktemp("limits")
    api = make_app(sqlite_copy(request, tmp), tmp)
    yield api
    close_app(api)


def _is_413_problem(r: Any) -> bool:
    return bool(
        r.status_code == 413
        and r.headers["content-type"].startswith("application/problem+json")
        and r.json()["status"] == 413
    )


def test_the_documented_limits_are_1_mb_of_json_and_20_mb_of_upload() -> None:
    assert (JSON_LIMIT_BYTES, UPLOAD_LIMIT_BYTES) == (1 * MB, 20 * MB)


def test_a_json_body_over_1_mb_is_refused_with_413_naming_the_limit(app: FastAPI) -> None:
    c = client(app)
    register(c, "big.json")
    me = login(c, "big.json")
    notes = "x" * (MB + 10)
    body = {"uuid": "0b8f2f4e-8a3e-4b59-9d0e-6f1d2c3b4a51", "exercise": "squat", "reps": 5,
            "notes": notes}
    r = call(c, me, "POST", "/api/v1/users/me/log/sets", json=body)
    assert _is_413_problem(r), r.text[:300]
    assert "1 MB" in r.json()["detail"]
    listed = call(c, me, "GET", "/api/v1/users/me/log/sets").json()
    assert listed["items"] == []  # nothing was stored


def test_an_upload_over_1_mb_but_under_20_mb_reaches_the_route(app: FastAPI) -> None:
    c = client(app)
    register(c, "big.csv")
    me = login(c, "big.csv")
    csv = b"date,exercise,weight,reps\n" + b"2026-11-02,Squat,100,5\n" * 60_000  # ~1.4 MB
    r = call(
        c, me, "POST", "/api/v1/users/me/imports",
        files={"file": ("log.csv", csv, "text/csv")}, data={"dry_run": "true"},
    )
    assert r.status_code != 413, r.text[:300]  # the importer decides about the content


# -- the middleware on its own, with small limits: a chunked body and one without a length ----


async def _echo(request: Request) -> JSONResponse:
    body = await request.body()
    return JSONResponse({"read": len(body)})


def _small_app(read_log: list[int]) -> BodyLimits:
    async def counting(request: Request) -> JSONResponse:
        total = 0
        async for chunk in request.stream():
            total += len(chunk)
            read_log.append(total)
        return JSONResponse({"read": total})

    inner = Starlette(routes=[Route("/echo", counting, methods=["POST"])])
    return BodyLimits(inner, json_limit=100, upload_limit=1000)


def _post(app: BodyLimits, content: Any, headers: dict[str, str]) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            return await c.post("/echo", content=content, headers=headers)

    return asyncio.run(go())


def test_a_declared_length_over_the_limit_is_refused_before_any_byte_is_read() -> None:
    read: list[int] = []
    app = _small_app(read)
    r = _post(app, b"{" + b" " * 150 + b"}", {"content-type": "application/json"})
    assert _is_413_problem(r)
    assert read == []  # the route never ran


def test_a_chunked_body_is_cut_off_at_the_limit() -> None:
    read: list[int] = []
    app = _small_app(read)

    async def chunks() -> Any:
        for _ in range(50):
            yield b"x" * 40  # 2000 bytes in all, no Content-Length

    r = _post(app, chunks(), {"content-type": "text/csv"})
    assert _is_413_problem(r)
    assert "uploaded file" in r.json()["detail"]
    assert max(read, default=0) <= 1000  # the route saw at most the allowed bytes


def test_the_limit_follows_the_content_type() -> None:
    read: list[int] = []
    app = _small_app(read)
    payload = b"x" * 500
    assert _is_413_problem(_post(app, payload, {"content-type": "application/json"}))
    ok = _post(app, payload, {"content-type": "text/csv"})
    assert ok.status_code == 200 and ok.json() == {"read": 500}
    assert _is_413_problem(_post(app, b"x" * 1001, {"content-type": "multipart/form-data; b=1"}))


def test_a_small_json_body_passes_untouched() -> None:
    app = BodyLimits(Starlette(routes=[Route("/echo", _echo, methods=["POST"])]), json_limit=100)
    r = _post(app, json.dumps({"a": 1}).encode(), {"content-type": "application/json"})
    assert r.status_code == 200 and r.json() == {"read": 8}
