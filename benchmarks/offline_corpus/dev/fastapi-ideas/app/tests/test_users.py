from ideas.db import init_db

from .conftest import ADMIN_KEY, bearer


def test_bootstrap_admin_from_environment(client, admin):
    response = client.get("/me", headers=admin)
    assert response.status_code == 200
    assert response.json()["is_admin"] is True


def test_bootstrap_admin_is_not_duplicated(client, tmp_path):
    init_db(str(tmp_path / "ideas.sqlite"), ADMIN_KEY)
    init_db(str(tmp_path / "ideas.sqlite"), ADMIN_KEY)
    assert client.get("/me", headers=bearer(ADMIN_KEY)).status_code == 200


def test_admin_creates_users_with_a_key(client, make_user):
    key = make_user("ann")
    response = client.get("/me", headers=key)
    assert response.status_code == 200
    assert response.json()["name"] == "ann" and response.json()["is_admin"] is False


def test_non_admin_cannot_create_users(client, ann):
    assert client.post("/users", json={"name": "eve"}, headers=ann).status_code == 403


def test_missing_or_unknown_key(client):
    assert client.get("/me").status_code == 401
    assert client.get("/me", headers=bearer("nope")).status_code == 401
    assert client.get("/me", headers={"Authorization": f"Token {ADMIN_KEY}"}).status_code == 401
    assert client.get("/ideas").status_code == 401
