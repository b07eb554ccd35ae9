from bookmarks import create_app


def test_config():
    assert not create_app({"DATABASE": ":memory:"}).testing
    assert create_app({"TESTING": True, "DATABASE": ":memory:"}).testing


def test_init_db_command(runner, app, client):
    client.post("/api/users", json={"username": "alice", "password": "correct horse"})
    result = runner.invoke(args=["init-db"])
    assert "Initialized" in result.output
    response = client.post("/api/tokens", json={"username": "alice", "password": "correct horse"})
    assert response.status_code == 401


def test_errors_are_json(client):
    response = client.get("/api/nothing-here")
    assert response.status_code == 404
    assert "error" in response.get_json()
