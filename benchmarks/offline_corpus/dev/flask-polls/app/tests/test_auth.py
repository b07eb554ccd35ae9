def test_register(client):
    response = client.post("/api/register", json={"email": "Erin@Example.com", "name": "Erin", "password": "long-enough"})
    assert response.status_code == 201
    assert response.get_json() == {"id": response.get_json()["id"], "email": "erin@example.com", "name": "Erin"}
    assert client.post("/api/login", json={"email": "erin@example.com", "password": "long-enough"}).status_code == 200


def test_register_twice(client):
    response = client.post("/api/register", json={"email": "alice@example.com", "name": "A", "password": "long-enough"})
    assert response.status_code == 409


def test_register_validation(client):
    for body in (
        {"email": "erin", "name": "Erin", "password": "long-enough"},
        {"email": "erin@example.com", "name": "", "password": "long-enough"},
        {"email": "erin@example.com", "name": "Erin", "password": "short"},
        {},
    ):
        assert client.post("/api/register", json=body).status_code == 400


def test_login_sets_a_session(client):
    assert client.get("/api/me").status_code == 401
    response = client.post("/api/login", json={"email": "alice@example.com", "password": "alice-password"})
    assert response.status_code == 200
    assert response.get_json()["name"] == "Alice"
    assert client.get("/api/me").get_json()["email"] == "alice@example.com"


def test_login_email_is_case_insensitive(client):
    response = client.post("/api/login", json={"email": "ALICE@example.com", "password": "alice-password"})
    assert response.status_code == 200


def test_wrong_password(client):
    response = client.post("/api/login", json={"email": "alice@example.com", "password": "bob-password"})
    assert response.status_code == 401
    assert client.get("/api/me").status_code == 401


def test_unknown_email(client):
    assert client.post("/api/login", json={"email": "zoe@example.com", "password": "zoe-password"}).status_code == 401


def test_logout(alice):
    assert alice.post("/api/logout").status_code == 204
    assert alice.get("/api/me").status_code == 401
    assert alice.post("/api/polls", json={"question": "q", "options": ["a", "b"]}).status_code == 401


def test_logout_needs_login(client):
    assert client.post("/api/logout").status_code == 401
