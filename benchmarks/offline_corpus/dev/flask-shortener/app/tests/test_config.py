import pytest

from shortener import create_app


def test_keys_are_required(monkeypatch, tmp_path):
    monkeypatch.delenv("SHORTENER_API_KEY", raising=False)
    monkeypatch.delenv("SHORTENER_ADMIN_KEY", raising=False)
    with pytest.raises(RuntimeError, match="must be configured"):
        create_app(api_key="only-one", db_path=str(tmp_path / "x.db"))


def test_keys_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SHORTENER_API_KEY", "env-user")
    monkeypatch.setenv("SHORTENER_ADMIN_KEY", "env-admin")
    monkeypatch.setenv("SHORTENER_DB", str(tmp_path / "env.db"))
    client = create_app().test_client()
    response = client.post("/links", json={"url": "https://example.org"}, headers={"X-API-Key": "env-user"})
    assert response.status_code == 201
    assert (tmp_path / "env.db").exists()
