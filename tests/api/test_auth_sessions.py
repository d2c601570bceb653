"""Signing in and out over HTTP: the session cookie, CSRF, lockout, password change, tokens.

One app and database per backend for the module; each test registers its own users.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from security_harness import (
    PASSWORD,
    Caller,
    call,
    client,
    close_app,
    login,
    make_app,
    make_token,
    module_db_url,
    register,
)

from conftest import BACKENDS

ME = "/api/v1/auth/me"


@pytest.fixture(scope="module", params=BACKENDS)
def app(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> (
    Iterator[FastAPI]
):
    tmp = tmp_path_factory.mktemp("auth")
    for url in module_db_url(request, tmp):
        api = make_app(url, tmp)
        yield api
        close_app(api)


@pytest.fixture(scope="module")
def c(app: FastAPI) -> TestClient:
    return client(app)


def _problem(r: Any, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = r.json()
    assert body["status"] == status
    return body


def test_login_sets_an_httponly_samesite_cookie_that_is_secure_only_over_https(
    app: FastAPI, c: TestClient
) -> None:
    register(c, "cookie.ana")
    r = c.post("/api/v1/auth/login", json={"username": "cookie.ana", "password": PASSWORD})
    c.cookies.clear()
    assert r.status_code == 200
    header = r.headers["set-cookie"].lower()
    assert header.startswith("spotter_session=")
    assert "httponly" in header and "samesite=lax" in header and "path=/" in header
    assert "secure" not in header.replace("samesite", "")

    secure = client(app, base_url="https://testserver")
    r = secure.post("/api/v1/auth/login", json={"username": "cookie.ana", "password": PASSWORD})
    assert r.status_code == 200
    assert "secure" in r.headers["set-cookie"].lower().replace("samesite", "")


def test_a_session_reads_without_csrf_but_changes_nothing_without_the_right_token(
    c: TestClient,
) -> None:
    register(c, "csrf.ben")
    ben = login(c, "csrf.ben")
    me = call(c, Caller("ben", cookie=ben.cookie), "GET", ME)  # no CSRF header on a read
    assert me.status_code == 200
    assert me.json()["account"]["username"] == "csrf.ben"
    assert me.json()["csrf_token"] == ben.csrf
    assert me.headers["cache-control"] == "no-store"  # a secret is never cached

    change = {"display_name": "Ben B"}
    no_token = call(c, Caller("ben", cookie=ben.cookie), "PATCH", ME, json=change)
    assert _problem(no_token, 403)["field"] == "X-CSRF-Token"
    wrong = Caller("ben", cookie=ben.cookie, csrf="x" * 43)
    _problem(call(c, wrong, "PATCH", ME, json=change), 403)
    assert call(c, ben, "GET", ME).json()["account"]["display_name"] == "csrf.ben"

    ok = call(c, ben, "PATCH", ME, json=change)
    assert ok.status_code == 200 and ok.json()["display_name"] == "Ben B"


def test_requests_without_valid_credentials_get_401_problems(c: TestClient) -> None:
    _problem(c.get(ME), 401)
    _problem(call(c, Caller("x", cookie="not-a-session"), "GET", ME), 401)
    _problem(call(c, Caller("x", token="spt_" + "A" * 43), "GET", ME), 401)
    _problem(call(c, Caller("x", token="abc"), "GET", ME), 401)
    _problem(c.get(ME, headers={"Authorization": "Basic dXNlcjpwYXNz"}), 401)


def test_five_wrong_passwords_lock_the_account_for_15_minutes_with_retry_after(
    c: TestClient,
) -> None:
    register(c, "locked.cy")
    wrong = {"username": "locked.cy", "password": "not the password"}
    for _ in range(5):
        c.cookies.clear()
        _problem(c.post("/api/v1/auth/login", json=wrong), 401)
    right = {"username": "locked.cy", "password": PASSWORD}
    locked = c.post("/api/v1/auth/login", json=right)  # even the right password waits
    _problem(locked, 429)
    retry = int(locked.headers["Retry-After"])
    assert 14 * 60 < retry <= 15 * 60 + 1  # 15 minutes, less the moments the test took
    assert "spotter_session" not in locked.headers.get("set-cookie", "")


def test_an_unknown_user_and_a_wrong_password_get_the_same_answer(c: TestClient) -> None:
    register(c, "same.dee")
    unknown = c.post("/api/v1/auth/login", json={"username": "nobody.x", "password": PASSWORD})
    wrong = c.post("/api/v1/auth/login", json={"username": "same.dee", "password": "wrong pass 1"})
    assert _problem(unknown, 401)["detail"] == _problem(wrong, 401)["detail"]


def test_logout_ends_the_session_on_the_server_and_clears_the_cookie(c: TestClient) -> None:
    register(c, "bye.eve")
    eve = login(c, "bye.eve")
    r = call(c, eve, "POST", "/api/v1/auth/logout")
    assert r.status_code == 204
    assert 'spotter_session=""' in r.headers["set-cookie"] or "max-age=0" in (
        r.headers["set-cookie"].lower()
    )
    _problem(call(c, eve, "GET", ME), 401)  # a copied cookie is worthless now


def test_changing_the_password_signs_out_every_other_session(c: TestClient) -> None:
    register(c, "pw.finn")
    phone, laptop = login(c, "pw.finn"), login(c, "pw.finn")
    new = "a much better passphrase"
    r = call(
        c, laptop, "POST", "/api/v1/auth/password",
        json={"old_password": PASSWORD, "new_password": new},
    )
    assert r.status_code == 200, r.text
    assert r.json()["ended_sessions"] == 1
    fresh = Caller("laptop", cookie=r.cookies.get("spotter_session"), csrf=r.json()["csrf_token"])
    _problem(call(c, phone, "GET", ME), 401)
    _problem(call(c, laptop, "GET", ME), 401)
    assert call(c, fresh, "GET", ME).status_code == 200
    c.cookies.clear()
    _problem(c.post("/api/v1/auth/login", json={"username": "pw.finn", "password": PASSWORD}), 401)
    assert login(c, "pw.finn", new).cookie


def test_a_wrong_current_password_changes_nothing(c: TestClient) -> None:
    register(c, "pw.gus")
    gus = login(c, "pw.gus")
    body = {"old_password": "not it at all", "new_password": "another passphrase"}
    assert _problem(call(c, gus, "POST", "/api/v1/auth/password", json=body), 401)["field"] == (
        "old_password"
    )
    assert call(c, gus, "GET", ME).status_code == 200
    assert login(c, "pw.gus").cookie


def test_a_read_token_reads_but_cannot_write_and_a_revoked_token_is_refused(
    c: TestClient,
) -> None:
    hal = register(c, "tok.hal")
    session = login(c, "tok.hal")
    reader = make_token(c, session, ["read"], name="watch")
    me = call(c, reader, "GET", ME)
    assert me.status_code == 200
    assert me.json()["via"] == "token" and me.json()["scopes"] == ["read"]
    assert me.json()["account"]["uuid"] == hal["uuid"]
    _problem(call(c, reader, "PATCH", ME, json={"display_name": "H"}), 403)

    listed = call(c, session, "GET", "/api/v1/auth/tokens").json()
    assert listed and all("token" not in t for t in listed)
    assert [t["name"] for t in listed] == ["watch"]
    assert "token" not in listed[0] and reader.token is not None
    assert reader.token.startswith(listed[0]["prefix"])

    r = call(c, session, "DELETE", f"/api/v1/auth/tokens/{listed[0]['uuid']}")
    assert r.status_code == 204
    _problem(call(c, reader, "GET", ME), 401)


def test_a_token_cannot_mint_tokens_or_change_the_password(c: TestClient) -> None:
    register(c, "tok.ivy")
    writer = make_token(c, login(c, "tok.ivy"), ["read", "write"])
    _problem(call(c, writer, "POST", "/api/v1/auth/tokens", json={"name": "x", "scopes": ["read"]}), 403)
    body = {"old_password": PASSWORD, "new_password": "whatever passphrase"}
    _problem(call(c, writer, "POST", "/api/v1/auth/password", json=body), 403)


def test_nobody_registers_an_admin_but_an_admin(c: TestClient) -> None:
    body = {"username": "sneaky.adm", "password": PASSWORD, "role": "admin"}
    assert _problem(c.post("/api/v1/auth/register", json=body), 403)["field"] == "role"
    register(c, "plain.jo")
    jo = login(c, "plain.jo")
    _problem(call(c, jo, "POST", "/api/v1/auth/register", json=body), 403)
    _problem(call(c, jo, "GET", "/api/v1/admin/users"), 403)


def test_registering_a_taken_username_is_a_conflict_naming_the_field(c: TestClient) -> None:
    register(c, "taken.kim")
    again = c.post("/api/v1/auth/register", json={"username": "Taken.Kim", "password": PASSWORD})
    assert _problem(again, 409)["field"] == "username"


def test_text_with_a_nul_character_is_refused_before_it_reaches_the_database(
    c: TestClient,
) -> None:
    r = c.post("/api/v1/auth/login", json={"username": "a\x00b", "password": PASSWORD})
    assert _problem(r, 422)["field"] == "body.username"


def test_the_schema_names_both_ways_to_authenticate(c: TestClient) -> None:
    schemes = c.get("/api/v1/openapi.json").json()["components"]["securitySchemes"]
    assert schemes["token"]["scheme"] == "bearer"
    assert schemes["session"] == {**schemes["session"], "type": "apiKey", "in": "cookie"}
    assert schemes["session"]["name"] == "spotter_session"


def test_many_failed_logins_from_one_address_slow_it_down_on_every_account(
    app: FastAPI, c: TestClient
) -> None:
    from spotter.api.limits import AddressThrottle, failed_logins

    register(c, "spray.target")
    kept = getattr(app.state, "login_throttle", None)
    app.state.login_throttle = AddressThrottle(limit=3, window_s=600, what="failed logins")
    try:
        for name in ("spray.a", "spray.b", "spray.c"):  # one try each: no account locks
            c.cookies.clear()
            _problem(c.post("/api/v1/auth/login", json={"username": name, "password": "guess1234"}), 401)
        c.cookies.clear()
        r = c.post("/api/v1/auth/login", json={"username": "spray.target", "password": PASSWORD})
        _problem(r, 429)
        assert 590 <= int(r.headers["Retry-After"]) <= 600
    finally:
        app.state.login_throttle = kept if kept is not None else failed_logins()
    assert login(c, "spray.target").cookie  # the account itself was never locked


def test_a_login_posted_by_another_sites_form_is_refused(c: TestClient) -> None:
    # An HTML form can send text/plain or url-encoded bodies without a CORS preflight; a login
    # from one would sign the victim into the attacker's account. Only JSON is read.
    register(c, "form.hal")
    text = '{"username": "form.hal", "password": "' + PASSWORD + '"}'
    for kind, content in (
        ("text/plain", text),
        ("application/x-www-form-urlencoded", f"username=form.hal&password={PASSWORD}"),
    ):
        c.cookies.clear()
        r = c.post("/api/v1/auth/login", content=content, headers={"content-type": kind})
        assert r.status_code == 422, (kind, r.status_code)
        assert "spotter_session" not in r.headers.get("set-cookie", "")


def test_at_most_four_password_hashes_are_computed_at_once() -> None:
    import threading
    import time

    from spotter.api.security import BoundedPasswords
    from spotter.services.auth import FAST_FOR_TESTS

    running, peak = 0, 0
    lock = threading.Lock()

    class Slow:
        def hash(self, password: str) -> str:
            nonlocal running, peak
            with lock:
                running += 1
                peak = max(peak, running)
            time.sleep(0.02)
            with lock:
                running -= 1
            return "$argon2id$x"

    bounded = BoundedPasswords(FAST_FOR_TESTS, at_once=4)
    bounded._hasher = Slow()  # type: ignore[assignment]
    threads = [threading.Thread(target=bounded.hash, args=("pw",)) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak == 4


def test_many_new_accounts_from_one_address_are_refused_for_a_while(
    app: FastAPI, c: TestClient
) -> None:
    from spotter.api.limits import AddressThrottle

    kept = app.state.register_throttle
    app.state.register_throttle = AddressThrottle(limit=2, window_s=3600, what="new accounts")
    try:
        register(c, "many.one")
        register(c, "many.two")
        r = c.post("/api/v1/auth/register", json={"username": "many.three", "password": PASSWORD})
        _problem(r, 429)
        assert 3590 <= int(r.headers["Retry-After"]) <= 3600
    finally:
        app.state.register_throttle = kept
    c.cookies.clear()
    missing = c.post("/api/v1/auth/login", json={"username": "many.three", "password": PASSWORD})
    _problem(missing, 401)  # it was never made
