from datetime import timedelta

from notesync.main import create_app
from notesync.clock import get_clock
from fastapi.testclient import TestClient

from conftest import START, sign_up


def test_create_user(client):
    response = client.post("/users", json={"email": "carol@example.com", "password": "s3cret-enough"})
    assert response.status_code == 201
    body = response.json()
    assert body["email"] == "carol@example.com"
    assert isinstance(body["id"], int)
    assert "password" not in body
    assert "password_hash" not in body


def test_duplicate_email_is_409(client):
    client.post("/users", json={"email": "carol@example.com", "password": "s3cret-enough"})
    response = client.post("/users", json={"email": "Carol@Example.com", "password": "another-one"})
    assert response.status_code == 409


def test_user_validation(client):
    assert client.post("/users", json={"email": "not-an-email", "password": "s3cret-enough"}).status_code == 422
    assert client.post("/users", json={"email": "dave@example.com", "password": "seven77"}).status_code == 422
    assert client.post("/users", json={"email": "dave@example.com"}).status_code == 422
    assert client.post("/users", json={"email": "dave@example.com", "password": "eight888"}).status_code == 201


def test_login_issues_a_bearer_token(client):
    client.post("/users", json={"email": "carol@example.com", "password": "s3cret-enough"})
    response = client.post("/sessions", json={"email": "carol@example.com", "password": "s3cret-enough"})
    assert response.status_code == 201
    body = response.json()
    assert body["token_type"] == "bearer"
    assert len(body["token"]) >= 32
    assert body["expires_at"] == (START + timedelta(seconds=900)).isoformat().replace("+00:00", "Z")


def test_login_is_case_insensitive_on_email(client):
    client.post("/users", json={"email": "carol@example.com", "password": "s3cret-enough"})
    response = client.post("/sessions", json={"email": "CAROL@example.com", "password": "s3cret-enough"})
    assert response.status_code == 201


def test_wrong_credentials_are_401(client):
    client.post("/users", json={"email": "carol@example.com", "password": "s3cret-enough"})
    assert client.post("/sessions", json={"email": "carol@example.com", "password": "s3cret-enougH"}).status_code == 401
    assert client.post("/sessions", json={"email": "nobody@example.com", "password": "s3cret-enough"}).status_code == 401


def test_me(client, alice):
    response = client.get("/users/me", headers=alice)
    assert response.status_code == 200
    assert response.json()["email"] == "alice@example.com"


def test_missing_or_bad_token_is_401(client, alice):
    response = client.get("/users/me")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert client.get("/users/me", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.get("/users/me", headers={"Authorization": alice["Authorization"].replace("Bearer", "Basic")}).status_code == 401


def test_token_works_until_its_ttl(client, alice, clock):
    clock.advance(seconds=899)
    assert client.get("/users/me", headers=alice).status_code == 200


def test_token_expires_at_its_ttl(client, alice, clock):
    clock.advance(seconds=900)
    response = client.get("/users/me", headers=alice)
    assert response.status_code == 401
    assert response.json()["detail"] == "token expired"
    clock.now = START
    assert client.get("/users/me", headers=alice).status_code == 401


def test_each_user_gets_their_own_token(client, alice, bob):
    assert alice != bob
    assert client.get("/users/me", headers=bob).json()["email"] == "bob@example.com"


def test_logout_revokes_the_token(client, alice):
    assert client.delete("/sessions/current", headers=alice).status_code == 204
    assert client.get("/users/me", headers=alice).status_code == 401


def test_ttl_is_read_from_the_environment(monkeypatch, clock):
    monkeypatch.setenv("NOTESYNC_SESSION_TTL_SECONDS", "60")
    app = create_app()
    app.dependency_overrides[get_clock] = lambda: clock
    with TestClient(app) as client:
        headers = sign_up(client, "erin@example.com")
        clock.advance(seconds=59)
        assert client.get("/users/me", headers=headers).status_code == 200
        clock.advance(seconds=1)
        assert client.get("/users/me", headers=headers).status_code == 401


def test_stores_start_empty_for_each_app(clock):
    for _ in range(2):
        app = create_app()
        with TestClient(app) as client:
            assert client.post("/users", json={"email": "x@example.com", "password": "s3cret-enough"}).status_code == 201
