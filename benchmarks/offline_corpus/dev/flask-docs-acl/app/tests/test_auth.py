def test_register_creates_a_reader(client):
    response = client.post("/auth/register", json={"username": "Dave", "password": "long enough"})
    assert response.status_code == 201
    assert response.get_json() == {"id": 1, "username": "dave", "role": "reader"}


def test_register_validation(client):
    assert client.post("/auth/register", json={"username": "da", "password": "long enough"}).status_code == 400
    assert client.post("/auth/register", json={"username": "dave", "password": "short"}).status_code == 400
    assert client.post("/auth/register", json={"username": "dave"}).status_code == 400
    assert client.post("/auth/register", data="username=dave").status_code == 400


def test_register_duplicate_username(client):
    client.post("/auth/register", json={"username": "dave", "password": "long enough"})
    response = client.post("/auth/register", json={"username": "DAVE", "password": "other password"})
    assert response.status_code == 409


def test_login_and_me(client):
    client.post("/auth/register", json={"username": "dave", "password": "long enough"})
    response = client.post("/auth/login", json={"username": "dave", "password": "long enough"})
    assert response.status_code == 200
    assert response.get_json()["username"] == "dave"
    assert client.get("/auth/me").get_json() == {"id": 1, "username": "dave", "role": "reader"}


def test_login_wrong_password(client):
    client.post("/auth/register", json={"username": "dave", "password": "long enough"})
    response = client.post("/auth/login", json={"username": "dave", "password": "not the one"})
    assert response.status_code == 401
    assert client.get("/auth/me").status_code == 401


def test_login_unknown_user(client):
    assert client.post("/auth/login", json={"username": "nobody", "password": "long enough"}).status_code == 401


def test_logout(alice):
    assert alice.get("/auth/me").status_code == 200
    assert alice.post("/auth/logout").status_code == 204
    assert alice.get("/auth/me").status_code == 401


def test_cli_creates_editors(app, alice):
    assert alice.get("/auth/me").get_json()["role"] == "editor"
    result = app.test_cli_runner().invoke(args=["create-user", "alice", "--password", "x" * 8])
    assert result.exit_code != 0


def test_endpoints_need_a_session(client):
    assert client.get("/documents").status_code == 401
    assert client.post("/documents", json={"title": "x"}).status_code == 401
    assert client.get("/documents/1").status_code == 401
    assert client.get("/documents/1/audit").status_code == 401
    response = client.put("/documents/1", json={"title": "x", "version": 1})
    assert response.status_code == 401
    assert response.get_json() == {"error": "sign in first"}


def test_readers_cannot_create_documents(bob):
    response = bob.post("/documents", json={"title": "Mine"})
    assert response.status_code == 403
    assert "editor" in response.get_json()["error"]
