from addressbook.deps import SESSION_COOKIE


def test_login_sets_httponly_session_cookie(anon):
    response = anon.post("/login", json={"username": "alice", "password": "alice-pass"})
    assert response.status_code == 200
    assert response.json() == {"username": "alice"}
    set_cookie = response.headers["set-cookie"]
    assert set_cookie.startswith(f"{SESSION_COOKIE}=")
    assert "httponly" in set_cookie.lower()
    assert "samesite=lax" in set_cookie.lower()


def test_login_wrong_password(anon):
    response = anon.post("/login", json={"username": "alice", "password": "bob-pass"})
    assert response.status_code == 401
    assert "set-cookie" not in response.headers


def test_login_unknown_user(anon):
    assert anon.post("/login", json={"username": "mallory", "password": "x"}).status_code == 401


def test_login_needs_json_fields(anon):
    assert anon.post("/login", json={"username": "alice"}).status_code == 422


def test_me_requires_session(anon):
    assert anon.get("/me").status_code == 401
    anon.cookies.set(SESSION_COOKIE, "forged")
    assert anon.get("/me").status_code == 401


def test_me(alice):
    assert alice.get("/me").json() == {"username": "alice", "contacts": 0}


def test_logout_ends_the_session(alice):
    token = alice.cookies.get(SESSION_COOKIE)
    assert alice.post("/logout").status_code == 204
    assert alice.get("/me").status_code == 401
    # the old cookie value is no longer accepted either
    alice.cookies.set(SESSION_COOKIE, token)
    assert alice.get("/me").status_code == 401


def test_sessions_are_independent(alice, bob):
    assert alice.get("/me").json()["username"] == "alice"
    assert bob.get("/me").json()["username"] == "bob"
