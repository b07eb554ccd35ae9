import pytest

from newsletter import create_app


def test_factory_needs_secret_and_admin_key(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSLETTER_SECRET", raising=False)
    monkeypatch.setenv("NEWSLETTER_ADMIN_KEY", "k")
    with pytest.raises(RuntimeError):
        create_app({"DATABASE": str(tmp_path / "x.sqlite")})


def test_config_overrides_env(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSLETTER_SECRET", raising=False)
    monkeypatch.delenv("NEWSLETTER_ADMIN_KEY", raising=False)
    app = create_app({"DATABASE": str(tmp_path / "x.sqlite"), "SECRET_KEY": "a", "ADMIN_KEY": "b"})
    assert app.config["ADMIN_KEY"] == "b"
