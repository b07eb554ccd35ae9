from .conftest import PASSWORD, token


def test_token_for_valid_credentials_carries_all_user_scopes(client):
    response = client.post("/token", data={"username": "mike", "password": PASSWORD})
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["scopes"] == ["issues:read", "issues:write"]


def test_token_is_form_encoded_only(client):
    response = client.post("/token", json={"username": "mike", "password": PASSWORD})
    assert response.status_code == 422


def test_wrong_password_is_401(client):
    response = client.post("/token", data={"username": "mike", "password": "nope"})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_unknown_user_is_401(client):
    response = client.post("/token", data={"username": "ghost", "password": PASSWORD})
    assert response.status_code == 401


def test_token_may_narrow_scopes(client):
    response = client.post("/token", data={"username": "olive", "password": PASSWORD, "scope": "issues:read"})
    assert response.status_code == 200
    assert response.json()["scopes"] == ["issues:read"]


def test_token_refuses_scopes_the_user_does_not_have(client):
    response = client.post("/token", data={"username": "vera", "password": PASSWORD, "scope": "issues:write"})
    assert response.status_code == 400
    assert "issues:write" in response.json()["detail"]


def test_me_needs_a_token(client):
    assert client.get("/users/me").status_code == 401


def test_me(client, auth):
    response = client.get("/users/me", headers=auth("vera"))
    assert response.status_code == 200
    assert response.json() == {"username": "vera", "scopes": ["issues:read"]}


def test_tampered_token_is_401(client):
    good = token(client, "mike")
    response = client.get("/users/me", headers={"Authorization": f"Bearer {good[:-2]}xx"})
    assert response.status_code == 401


def test_missing_scope_is_403_naming_the_scope(client, auth, project):
    response = client.post("/projects/TRK/issues", json={"title": "x"}, headers=auth("vera"))
    assert response.status_code == 403
    assert response.json()["detail"] == "Not enough permissions: missing scope issues:write"
    assert response.headers["WWW-Authenticate"] == 'Bearer scope="issues:write"'


def test_narrowed_token_cannot_use_dropped_scope(client):
    narrow = token(client, "olive", scopes=["issues:read"])
    response = client.post("/projects", json={"key": "NEW", "name": "New"}, headers={"Authorization": f"Bearer {narrow}"})
    assert response.status_code == 403
    assert "projects:admin" in response.json()["detail"]
