from conftest import basic, bearer


def test_sign_up_then_get_a_token(client):
    response = client.post("/users", json={"email": "Carol@Example.com", "name": "Carol", "password": "correct horse"})
    assert response.status_code == 201
    assert response.get_json()["email"] == "carol@example.com"
    assert response.get_json()["role"] == "customer"

    token = client.post("/tokens", headers=basic("carol@example.com", "correct horse"))
    assert token.status_code == 201
    assert client.get("/tickets", headers=bearer(token.get_json()["token"])).status_code == 200


def test_sign_up_validation(client):
    assert client.post("/users", json={"email": "nobody", "name": "N", "password": "correct horse"}).status_code == 400
    assert client.post("/users", json={"email": "n@example.com", "name": "N", "password": "short"}).status_code == 400
    assert client.post("/users", json={"email": "n@example.com", "password": "correct horse"}).status_code == 400


def test_duplicate_email_is_409(client, customer):
    customer("carol@example.com")
    response = client.post("/users", json={"email": "carol@example.com", "name": "C", "password": "correct horse"})
    assert response.status_code == 409


def test_wrong_password_gets_no_token(client, customer):
    customer("carol@example.com")
    response = client.post("/tokens", headers=basic("carol@example.com", "wrong horse"))
    assert response.status_code == 401
    assert "token" not in response.get_json()


def test_tokens_need_basic_auth(client):
    assert client.post("/tokens").status_code == 401


def test_requests_without_a_valid_token_are_401(client):
    assert client.get("/tickets").status_code == 401
    assert client.get("/tickets", headers=bearer("not-a-token")).status_code == 401


def test_revoked_token_stops_working(client, customer):
    headers = customer()
    assert client.delete("/tokens", headers=headers).status_code == 204
    assert client.get("/tickets", headers=headers).status_code == 401


def test_agents_are_created_from_the_cli(app, client, agent):
    headers = agent("alex@support.example.com")
    assert client.get("/tickets", headers=headers).status_code == 200
