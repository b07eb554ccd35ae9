from inventory import create_app


def test_config_from_test_config(tmp_path):
    app = create_app({"DATABASE": str(tmp_path / "x.sqlite"), "API_KEY": "k"})
    assert app.config["API_KEY"] == "k"
    assert (tmp_path / "x.sqlite").exists()


def test_config_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("FLASK_API_KEY", "from-env")
    monkeypatch.setenv("FLASK_DATABASE", str(tmp_path / "env.sqlite"))
    app = create_app()
    assert app.config["API_KEY"] == "from-env"
    assert app.config["DATABASE"] == str(tmp_path / "env.sqlite")


def test_health(client):
    assert client.get("/health").get_json() == {"status": "ok"}


def test_changes_disabled_without_a_key(tmp_path):
    client = create_app({"TESTING": True, "DATABASE": str(tmp_path / "x.sqlite")}).test_client()
    assert client.get("/api/items").status_code == 200
    response = client.post("/api/items", json={}, headers={"X-API-Key": ""})
    assert response.status_code == 503
