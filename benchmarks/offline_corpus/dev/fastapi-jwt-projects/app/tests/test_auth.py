from tests.conftest import auth, sign_up, token_for


def test_sign_up_returns_the_user(client):
    response = client.post("/users", json={"username": "alice", "password": "correct-horse"})
    assert response.status_code == 201
    body = response.json()
    assert body["username"] == "alice"
    assert "password" not in body and "password_hash" not in body


def test_sign_up_with_a_taken_username_is_a_conflict(client):
    sign_up(client, "alice")
    response = client.post("/users", json={"username": "alice", "password": "another-password"})
    assert response.status_code == 409


def test_sign_up_validates_username_and_password(client):
    assert client.post("/users", json={"username": "al", "password": "correct-horse"}).status_code == 422
    assert client.post("/users", json={"username": "Alice!", "password": "correct-horse"}).status_code == 422
    assert client.post("/users", json={"username": "alice", "password": "short"}).status_code == 422


def test_token_is_issued_for_the_right_password(client):
    sign_up(client, "alice")
    response = client.post("/token", data={"username": "alice", "password": "correct-horse"})
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    me = client.get("/users/me", headers=auth(body["access_token"]))
    assert me.status_code == 200
    assert me.json()["username"] == "alice"


def test_wrong_password_or_unknown_user_gets_401(client):
    sign_up(client, "alice")
    assert client.post("/token", data={"username": "alice", "password": "wrong-password"}).status_code == 401
    assert client.post("/token", data={"username": "nobody", "password": "correct-horse"}).status_code == 401


def test_missing_or_garbage_token_gets_401(client):
    assert client.get("/users/me").status_code == 401
    response = client.get("/users/me", headers=auth("not-a-jwt"))
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_token_signed_with_another_secret_is_refused(client):
    import jwt

    sign_up(client, "alice")
    forged = jwt.encode({"sub": "alice", "exp": 4_102_444_800}, "some-other-secret-that-is-long-enough", "HS256")
    assert client.get("/users/me", headers=auth(forged)).status_code == 401


def test_token_is_valid_until_its_lifetime_ends(client, clock):
    sign_up(client, "alice")
    headers = auth(token_for(client, "alice"))
    clock.advance(minutes=29, seconds=59)
    assert client.get("/users/me", headers=headers).status_code == 200
    clock.advance(seconds=1)
    assert client.get("/users/me", headers=headers).status_code == 401


def test_expired_token_cannot_be_used_on_projects(client, clock):
    sign_up(client, "alice")
    headers = auth(token_for(client, "alice"))
    clock.advance(hours=2)
    assert client.post("/projects", json={"name": "Late"}, headers=headers).status_code == 401
