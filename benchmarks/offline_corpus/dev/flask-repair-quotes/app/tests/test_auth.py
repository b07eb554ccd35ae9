import pytest

from repairs import create_app

from conftest import PASSWORD


def test_login_and_me(app):
    client = app.test_client()
    response = client.post("/api/login", json={"email": " Sam@Spokes.example ", "password": PASSWORD})
    assert response.status_code == 200
    assert response.get_json()["staff"]["shop"] == "Spokes"
    me = client.get("/api/me")
    assert me.get_json()["staff"]["email"] == "sam@spokes.example"


def test_wrong_password(app):
    client = app.test_client()
    response = client.post("/api/login", json={"email": "sam@spokes.example", "password": "nope"})
    assert response.status_code == 401
    assert response.get_json() == {"error": "wrong email or password"}
    assert client.get("/api/me").status_code == 401


def test_staff_routes_need_a_session(app):
    client = app.test_client()
    assert client.get("/api/quotes").status_code == 401
    response = client.post("/api/quotes", json={})
    assert response.status_code == 401
    assert response.get_json() == {"error": "sign in first"}


def test_logout(sam):
    assert sam.post("/api/logout").status_code == 204
    assert sam.get("/api/me").status_code == 401


def test_secret_key_is_required(monkeypatch, tmp_path):
    monkeypatch.delenv("REPAIRS_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError):
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite'}"})


def test_settings_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("REPAIRS_SECRET_KEY", "from-env")
    monkeypatch.setenv("REPAIRS_QUOTE_VALID_DAYS", "30")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite'}"})
    assert app.config["QUOTE_VALID_DAYS"] == 30
    assert app.config["VAT_BASIS_POINTS"] == 2000


def test_add_staff_command(app):
    result = app.test_cli_runner().invoke(args=["add-staff", "Spokes", "new@spokes.example", "--password", "pw"])
    assert "added new@spokes.example to Spokes" in result.output
    client = app.test_client()
    assert client.post("/api/login", json={"email": "new@spokes.example", "password": "pw"}).status_code == 200
