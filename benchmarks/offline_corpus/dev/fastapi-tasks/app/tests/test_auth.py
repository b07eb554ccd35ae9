from .conftest import PASSWORD, login, register


def test_register_returns_the_public_profile(client):
    response = client.post("/users", json={"username": "alice", "password": PASSWORD, "full_name": "Alice Liddell"})
    assert response.status_code == 201
    assert response.json() == {"username": "alice", "full_name": "Alice Liddell"}


def test_register_rejects_a_taken_username(client):
    register(client, "alice")
    response = client.post("/users", json={"username": "alice", "password": "another password"})
    assert response.status_code == 409
    # The first account keeps its password.
    assert login(client, "alice").status_code == 200
    assert login(client, "alice", "another password").status_code == 401


def test_register_validates_username_and_password(client):
    assert client.post("/users", json={"username": "Al ice", "password": PASSWORD}).status_code == 422
    assert client.post("/users", json={"username": "alice", "password": "short"}).status_code == 422


def test_token_is_issued_for_a_form_login(client):
    register(client, "alice")
    response = login(client, "alice")
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["access_token"]


def test_token_requires_form_fields(client):
    register(client, "alice")
    assert client.post("/token", json={"username": "alice", "password": PASSWORD}).status_code == 422


def test_wrong_password_is_rejected(client):
    register(client, "alice")
    response = login(client, "alice", "wrong password")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_unknown_user_is_rejected(client):
    assert login(client, "nobody").status_code == 401


def test_me_needs_a_token(client):
    response = client.get("/users/me")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_me_rejects_an_unknown_token(client):
    assert client.get("/users/me", headers={"Authorization": "Bearer not-a-token"}).status_code == 401


def test_me_returns_the_current_user(client, alice):
    response = client.get("/users/me", headers=alice)
    assert response.status_code == 200
    assert response.json() == {"username": "alice", "full_name": None}


def test_token_expires_after_its_lifetime(client, clock, alice):
    clock.advance(599)
    assert client.get("/users/me", headers=alice).status_code == 200
    clock.advance(1)
    assert client.get("/users/me", headers=alice).status_code == 401


def test_deactivated_account_loses_access(client, alice):
    assert client.delete("/users/me", headers=alice).status_code == 204
    assert client.get("/users/me", headers=alice).status_code == 401
    response = login(client, "alice")
    assert response.status_code == 400
    assert response.json()["detail"] == "Inactive user"
