"""What an upload may touch: an import writes only into the uploading lifter's own data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from security_harness import call, client, close_app, login, make_app, register, sqlite_copy


@pytest.fixture
def app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[FastAPI]:
    api = make_app(sqlite_copy(request, tmp_path), tmp_path)
    yield api
    close_app(api)


def test_an_imported_export_cannot_write_a_file_outside_the_lifters_folder(
    app: FastAPI, tmp_path: Path
) -> None:
    c = client(app)
    register(c, "up.lifter")
    me = login(c, "up.lifter")
    doc = {"spotter_export": 2, "user_exercises": {"../../../escaped": "name: x\n"}}
    files = {"file": ("export.json", json.dumps(doc).encode(), "application/json")}
    r = call(c, me, "POST", "/api/v1/users/me/imports", files=files)
    escaped = list(tmp_path.rglob("escaped.yaml"))
    assert escaped == [], f"the import wrote {escaped} ({r.status_code})"
    assert r.status_code == 422
