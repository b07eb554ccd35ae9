def test_register_validation(client):
    assert client.post("/auth/register", json={"username": "x"}).status_code == 400
    assert client.post("/auth/register", json={"password": "x"}).status_code == 400
    assert client.post("/auth/register", json={"username": "x", "password": "y"}).status_code == 201
    assert client.post("/auth/register", json={"username": "x", "password": "z"}).status_code == 409


def test_login_wrong_password(client):
    client.post("/auth/register", json={"username": "x", "password": "right"})
    assert client.post("/auth/login", json={"username": "x", "password": "wrong"}).status_code == 401
    assert client.post("/auth/login", json={"username": "nobody", "password": "right"}).status_code == 401


def test_login_required(client):
    assert client.get("/trips").status_code == 401
    assert client.post("/trips", json={}).status_code == 401
    assert client.get("/trips/1").status_code == 401


def test_logout_ends_session(ann):
    assert ann.get("/trips").status_code == 200
    assert ann.post("/auth/logout").status_code == 204
    assert ann.get("/trips").status_code == 401


def test_init_db_command(app, monkeypatch):
    called = []
    monkeypatch.setattr("tripplanner.db.init_db", lambda: called.append(True))
    result = app.test_cli_runner().invoke(args=["init-db"])
    assert "Initialized" in result.output
    assert called
