import pytest

from rsvp import create_app


def test_jwt_secret_is_required(monkeypatch):
    monkeypatch.delenv("RSVP_JWT_SECRET", raising=False)
    with pytest.raises(RuntimeError):
        create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_settings_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("RSVP_JWT_SECRET", "from-env-secret-0123456789abcdef")
    monkeypatch.setenv("RSVP_DATABASE_URL", f"sqlite:///{tmp_path / 'env.sqlite'}")
    app = create_app()
    assert app.config["JWT_SECRET_KEY"] == "from-env-secret-0123456789abcdef"


def test_init_db_command(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'cli.sqlite'}", "JWT_SECRET_KEY": "s" * 32})
    result = app.test_cli_runner().invoke(args=["init-db"])
    assert "Initialized" in result.output
    assert (tmp_path / "cli.sqlite").exists()
