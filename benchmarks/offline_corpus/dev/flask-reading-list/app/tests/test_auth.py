from readinglist import create_app
from readinglist.db import get_db


def test_register_then_login(client, auth, app):
    r = auth.register()
    assert r.status_code == 302
    assert r.headers["Location"] == "/auth/login"
    with app.app_context():
        user = get_db().execute("SELECT * FROM user WHERE username = 'ada'").fetchone()
        assert user is not None
        assert user["password"] != "correct-horse"
    r = auth.login()
    assert r.headers["Location"] == "/"
    with client.session_transaction() as session:
        assert session["user_id"] == user["id"]


def test_register_password_length(auth):
    r = auth.register("short", "seven77")
    assert b"at least 8 characters" in r.data
    r = auth.register("exact", "eight888")
    assert r.status_code == 302


def test_register_duplicate_username(auth):
    auth.register()
    r = auth.register()
    assert b"already registered" in r.data


def test_login_wrong_password(auth):
    auth.register()
    r = auth.login(password="wrong-password")
    assert r.status_code == 200
    assert b"Incorrect username or password." in r.data


def test_login_required_redirects(client):
    r = client.get("/")
    assert r.status_code == 302
    assert r.headers["Location"] == "/auth/login"
    assert client.get("/books/new").headers["Location"] == "/auth/login"


def test_logout_ends_the_session(ada, auth):
    assert ada.get("/").status_code == 200
    r = auth.logout()
    assert r.headers["Location"] == "/auth/login"
    with ada.session_transaction() as session:
        assert "user_id" not in session
    assert ada.get("/").status_code == 302


def test_init_db_command(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["init-db"])
    assert "Initialized" in result.output


def test_settings_from_prefixed_env(monkeypatch, tmp_path):
    monkeypatch.setenv("READINGLIST_MAX_READING", "1")
    monkeypatch.setenv("READINGLIST_SECRET_KEY", "from-env")
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "env.sqlite")})
    assert app.config["MAX_READING"] == 1
    assert app.config["SECRET_KEY"] == "from-env"


def test_test_config_wins_over_env(monkeypatch, tmp_path):
    monkeypatch.setenv("READINGLIST_MAX_READING", "1")
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "env.sqlite"), "MAX_READING": 4})
    assert app.config["MAX_READING"] == 4
