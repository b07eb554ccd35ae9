from .conftest import login


def test_login_returns_token_and_role(client):
    r = client.post("/login", json={"username": "pat", "password": "pat-pw"})
    assert r.status_code == 200
    assert r.get_json()["role"] == "approver"
    assert len(r.get_json()["token"]) > 20


def test_login_failures(client):
    assert client.post("/login", json={"username": "ana", "password": "wrong"}).status_code == 401
    assert client.post("/login", json={"username": "zed", "password": "zed-pw"}).status_code == 401
    assert client.post("/login", json={"username": "ana"}).status_code == 400
    assert client.post("/login", data="ana").status_code == 400


def test_bearer_token_required(client):
    assert client.get("/vouchers").status_code == 401
    assert client.get("/vouchers", headers={"Authorization": "Bearer nope"}).status_code == 401
    headers = login(client, "ana")
    token = headers["Authorization"].split()[1]
    assert client.get("/vouchers", headers={"Authorization": f"Token {token}"}).status_code == 401
    assert client.get("/vouchers", headers=headers).status_code == 200


def test_logout_revokes_token(client):
    headers = login(client, "ana")
    other = login(client, "ana")
    assert client.post("/logout", headers=headers).status_code == 204
    assert client.get("/vouchers", headers=headers).status_code == 401
    assert client.get("/vouchers", headers=other).status_code == 200
