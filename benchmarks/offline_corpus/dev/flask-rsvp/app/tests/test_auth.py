import pytest


def test_register(client):
    response = client.post("/auth/register", json={"email": "Eve@Example.com", "name": "Eve", "password": "longenough"})
    assert response.status_code == 201
    assert response.get_json() == {"id": response.get_json()["id"], "email": "eve@example.com", "name": "Eve"}
    login = client.post("/auth/login", json={"email": "eve@example.com", "password": "longenough"})
    assert login.status_code == 200


def test_register_duplicate_email_is_409(client):
    response = client.post("/auth/register", json={"email": "ann@example.com", "name": "Ann 2", "password": "longenough"})
    assert response.status_code == 409


@pytest.mark.parametrize(
    "body, field",
    [
        ({"email": "not-an-email", "name": "X", "password": "longenough"}, "email"),
        ({"email": "x@example.com", "name": "X", "password": "short"}, "password"),
        ({"email": "x@example.com", "password": "longenough"}, "name"),
    ],
)
def test_register_validation_errors_are_422(client, body, field):
    response = client.post("/auth/register", json=body)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_login_returns_a_bearer_token(client):
    response = client.post("/auth/login", json={"email": "ann@example.com", "password": "correct horse"})
    assert response.status_code == 200
    assert response.get_json()["token_type"] == "Bearer"
    assert response.get_json()["access_token"].count(".") == 2


@pytest.mark.parametrize("email, password", [("ann@example.com", "wrong horse"), ("nobody@example.com", "correct horse")])
def test_login_with_bad_credentials_is_401(client, email, password):
    response = client.post("/auth/login", json={"email": email, "password": password})
    assert response.status_code == 401
    assert "access_token" not in response.get_json()


def test_protected_routes_need_a_token(client):
    response = client.post("/events", json={"title": "x", "capacity": 1, "starts_at": "2030-01-01T00:00:00Z"})
    assert response.status_code == 401


def test_a_forged_token_is_refused(client):
    headers = {"Authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"}
    assert client.get("/events/1/attendees", headers=headers).status_code == 422
