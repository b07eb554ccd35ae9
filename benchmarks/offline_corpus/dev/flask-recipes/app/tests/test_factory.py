from recipes import create_app


def test_config(tmp_path):
    assert create_app({"TESTING": True, "DATABASE": str(tmp_path / "db.sqlite")}).testing


def test_init_db_command(app):
    result = app.test_cli_runner().invoke(args=["init-db"])
    assert "Initialized" in result.output


def test_errors_are_json(client):
    response = client.get("/recipes/999")
    assert response.status_code == 404
    assert response.get_json() == {"error": "Recipe 999 doesn't exist."}
