import pytest

from leave import create_app

from conftest import PASSWORD, auth, login


def test_login_returns_a_token_pair(client):
    tokens = login(client, "eve")
    assert tokens["token_type"] == "bearer"
    me = client.get("/me", headers=auth(tokens))
    assert me.status_code == 200
    assert me.json()["email"] == "eve@example.com"


def test_login_is_case_insensitive_on_email(client):
    response = client.post("/auth/login", json={"email": "Eve@Example.com", "password": PASSWORD})
    assert response.status_code == 200


def test_wrong_password(client):
    response = client.post("/auth/login", json={"email": "eve@example.com", "password": "nope"})
    assert response.status_code == 401
    assert response.json() == {"detail": "wrong email or password"}


@pytest.mark.parametrize("header", [None, "Basic abc", "Bearer", "Bearer not-a-jwt"])
def test_bad_or_missing_bearer(client, header):
    headers = {"Authorization": header} if header else {}
    assert client.get("/me", headers=headers).status_code == 401


def test_refresh_token_is_not_an_access_token(client):
    tokens = login(client, "eve")
    response = client.get("/me", headers={"Authorization": f"Bearer {tokens['refresh_token']}"})
    assert response.status_code == 401


def test_access_token_lasts_fifteen_minutes(client, clock):
    tokens = login(client, "eve")
    clock.advance(minutes=14, seconds=59)
    assert client.get("/me", headers=auth(tokens)).status_code == 200
    clock.advance(seconds=1)
    response = client.get("/me", headers=auth(tokens))
    assert response.status_code == 401
    assert response.json()["detail"] == "token expired"


def test_refresh_rotates_the_pair(client, clock):
    tokens = login(client, "eve")
    clock.advance(minutes=20)
    response = client.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert response.status_code == 200
    fresh = response.json()
    assert fresh["refresh_token"] != tokens["refresh_token"]
    assert client.get("/me", headers=auth(fresh)).status_code == 200
    # and the new refresh token works in turn
    again = client.post("/auth/refresh", json={"refresh_token": fresh["refresh_token"]})
    assert again.status_code == 200


def test_a_refresh_token_is_single_use(client):
    tokens = login(client, "eve")
    assert client.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]}).status_code == 200
    replay = client.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert replay.status_code == 401


def test_reuse_revokes_the_whole_session(client):
    tokens = login(client, "eve")
    fresh = client.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]}).json()
    # the old token shows up again: someone else has it
    assert client.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]}).status_code == 401
    # so the legitimate holder's newer token is dead too
    assert client.post("/auth/refresh", json={"refresh_token": fresh["refresh_token"]}).status_code == 401


def test_reuse_leaves_other_sessions_alone(client):
    laptop = login(client, "eve")
    phone = login(client, "eve")
    client.post("/auth/refresh", json={"refresh_token": laptop["refresh_token"]})
    client.post("/auth/refresh", json={"refresh_token": laptop["refresh_token"]})
    assert client.post("/auth/refresh", json={"refresh_token": phone["refresh_token"]}).status_code == 200


def test_refresh_token_expires_after_fourteen_days(client, clock):
    tokens = login(client, "eve")
    clock.advance(days=14)
    response = client.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert response.status_code == 401
    assert response.json()["detail"] == "refresh token expired"


def test_unknown_refresh_token(client):
    assert client.post("/auth/refresh", json={"refresh_token": "made-up"}).status_code == 401


def test_logout_ends_the_session(client):
    tokens = login(client, "eve")
    assert client.post("/auth/logout", json={"refresh_token": tokens["refresh_token"]}).status_code == 204
    assert client.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]}).status_code == 401


def test_secret_key_is_required(monkeypatch, tmp_path):
    monkeypatch.delenv("LEAVE_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError):
        create_app(database_url=f"sqlite:///{tmp_path / 'x.db'}")


def test_settings_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("LEAVE_SECRET_KEY", "from-env")
    monkeypatch.setenv("LEAVE_ALLOWANCE_DAYS", "30")
    monkeypatch.setenv("LEAVE_DATABASE_URL", f"sqlite:///{tmp_path / 'env.db'}")
    app = create_app()
    assert (tmp_path / "env.db").exists()
    assert app.title == "Leave"
