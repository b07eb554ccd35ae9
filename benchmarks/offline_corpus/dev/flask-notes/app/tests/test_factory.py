from notes import create_app


def test_config():
    assert not create_app().testing
    assert create_app({"TESTING": True}).testing


def test_init_db_command(runner, app):
    result = runner.invoke(args=["init-db"])
    assert "Initialized" in result.output
    with app.app_context():
        from notes.db import get_db

        assert get_db().execute("SELECT COUNT(*) FROM user").fetchone()[0] == 0
