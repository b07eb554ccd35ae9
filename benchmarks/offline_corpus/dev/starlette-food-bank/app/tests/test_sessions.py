import pytest
from starlette.testclient import TestClient

from foodbank import create_app

from conftest import PASSWORD


def test_login_sets_the_session(app):
    client = TestClient(app)
    response = client.post("/login", data={"username": "ann", "password": PASSWORD})
    assert response.status_code == 200
    assert response.json() == {"username": "ann", "site": "north", "coordinator": True}
    assert "foodbank_session" in response.cookies
    assert client.get("/me").json()["username"] == "ann"


def test_wrong_password(app):
    client = TestClient(app)
    response = client.post("/login", data={"username": "ann", "password": "nope"})
    assert response.status_code == 401
    assert response.json() == {"code": "bad_credentials", "message": "wrong username or password"}
    assert client.get("/me").status_code == 401


def test_everything_needs_a_session(app):
    client = TestClient(app)
    assert client.get("/households").json()["code"] == "not_signed_in"
    assert client.post("/households", json={"name": "x", "size": 1}).status_code == 401
    assert client.get("/households/1").status_code == 401


def test_logout(bob):
    assert bob.post("/logout").status_code == 204
    assert bob.get("/me").status_code == 401


def test_secret_key_required(monkeypatch, tmp_path):
    monkeypatch.delenv("FOODBANK_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError):
        create_app(database=str(tmp_path / "x.sqlite"))


def test_configuration_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("FOODBANK_SECRET_KEY", "env-secret")
    monkeypatch.setenv("FOODBANK_DATABASE", str(tmp_path / "env.sqlite"))
    app = create_app()
    assert app.state.database == str(tmp_path / "env.sqlite")
    assert (tmp_path / "env.sqlite").exists()
