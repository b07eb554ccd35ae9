import pytest

from .conftest import basic


def test_register(client):
    response = client.post("/users", json={"username": "alice", "password": "correct horse"})
    assert response.status_code == 201
    assert response.get_json() == {"id": 1, "username": "alice"}


def test_register_twice(client, alice):
    response = client.post("/users", json={"username": "alice", "password": "another password"})
    assert response.status_code == 409
    assert "already registered" in response.get_json()["error"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"password": "correct horse"}, "Username is required."),
        ({"username": "  ", "password": "correct horse"}, "Username is required."),
        ({"username": "alice"}, "Password must be at least 8 characters."),
        ({"username": "alice", "password": "seven77"}, "Password must be at least 8 characters."),
        (["alice"], "Expected a JSON object."),
    ],
)
def test_register_validation(client, body, message):
    response = client.post("/users", json=body)
    assert response.status_code == 400
    assert response.get_json()["error"] == message


def test_password_of_exactly_eight_characters(client):
    response = client.post("/users", json={"username": "carol", "password": "eight888"})
    assert response.status_code == 201


def test_write_requires_credentials(client):
    response = client.post("/recipes", json={})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Basic realm="recipes"'


@pytest.mark.parametrize(
    "headers",
    [
        basic("alice", "wrong password"),
        basic("nobody", "correct horse"),
        {"Authorization": "Bearer correct horse"},
    ],
)
def test_bad_credentials(client, alice, headers):
    response = client.post("/recipes", json={}, headers=headers)
    assert response.status_code == 401
