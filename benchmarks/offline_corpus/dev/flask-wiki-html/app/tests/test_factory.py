from wiki import create_app
from wiki.db import get_db


def test_config():
    assert not create_app().testing
    assert create_app({"TESTING": True}).testing


def test_instance_folder_holds_the_default_database(tmp_path, monkeypatch):
    app = create_app({"TESTING": True})

    assert app.config["DATABASE"].startswith(app.instance_path)


def test_init_db_command(runner, monkeypatch):
    called = []
    monkeypatch.setattr("wiki.db.init_db", lambda: called.append(True))

    result = runner.invoke(args=["init-db"])

    assert "Initialized" in result.output
    assert called == [True]


def test_init_db_creates_the_tables(app, runner):
    result = runner.invoke(args=["init-db"])

    assert result.exit_code == 0
    with app.app_context():
        tables = {row[0] for row in get_db().execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"user", "page", "revision"} <= tables
        assert get_db().execute("SELECT COUNT(*) FROM user").fetchone()[0] == 0


def test_make_admin_command(app, runner):
    result = runner.invoke(args=["make-admin", "bob"])

    assert result.exit_code == 0
    assert "bob is now an admin" in result.output
    with app.app_context():
        assert get_db().execute("SELECT is_admin FROM user WHERE username = 'bob'").fetchone()[0] == 1


def test_make_admin_unknown_user(runner):
    result = runner.invoke(args=["make-admin", "nobody"])

    assert result.exit_code != 0
    assert "No user named" in result.output
