def test_create_user(client):
    response = client.post("/users", json={"username": "alice", "password": "correct horse"})
    assert response.status_code == 201
    body = response.json()
    assert body["username"] == "alice"
    assert isinstance(body["id"], int)
    assert "password" not in body and "password_hash" not in body


def test_duplicate_username_conflicts(client, alice):
    response = client.post("/users", json={"username": "alice", "password": "another one"})
    assert response.status_code == 409


def test_password_of_eight_characters_is_the_minimum(client):
    assert client.post("/users", json={"username": "short", "password": "1234567"}).status_code == 422
    assert client.post("/users", json={"username": "enough", "password": "12345678"}).status_code == 201


def test_me_with_basic_auth(client, alice):
    response = client.get("/users/me", auth=alice)
    assert response.status_code == 200
    assert response.json()["username"] == "alice"


def test_me_without_credentials(client):
    response = client.get("/users/me")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Basic"


def test_wrong_password_is_refused(client, alice):
    response = client.get("/users/me", auth=("alice", "wrong password"))
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Basic"


def test_unknown_user_is_refused(client, alice):
    assert client.get("/users/me", auth=("mallory", "correct horse")).status_code == 401


def test_password_is_stored_hashed(client, alice):
    from sqlmodel import Session, select

    from expenses.db import engine
    from expenses.models import User

    with Session(engine) as session:
        user = session.exec(select(User).where(User.username == "alice")).one()
    assert "correct horse" not in user.password_hash
