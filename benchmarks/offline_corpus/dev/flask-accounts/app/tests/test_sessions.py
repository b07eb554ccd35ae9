from .conftest import login


def test_me(client, session):
    headers = session()
    response = client.get("/me", headers=headers)
    assert response.status_code == 200
    assert response.get_json() == {"id": 1, "email": "alice@example.com", "confirmed": True}


def test_me_without_or_with_bad_token_is_401(client, session):
    session()
    response = client.get("/me")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert client.get("/me", headers={"Authorization": "Bearer not-a-token"}).status_code == 401
    assert client.get("/me", headers={"Authorization": "Basic abc"}).status_code == 401


def test_each_login_gets_its_own_token(client, session):
    first = session()
    second = login(client).get_json()["token"]
    assert first["Authorization"] != f"Bearer {second}"
    assert client.get("/me", headers={"Authorization": f"Bearer {second}"}).status_code == 200


def test_logout_revokes_only_that_token(client, session):
    first = session()
    second = {"Authorization": f"Bearer {login(client).get_json()['token']}"}
    response = client.post("/logout", headers=first)
    assert response.status_code == 204
    assert client.get("/me", headers=first).status_code == 401
    assert client.get("/me", headers=second).status_code == 200


def test_logout_needs_a_token(client):
    assert client.post("/logout").status_code == 401
