from forum import create_app


def test_config():
    assert not create_app().testing
    assert create_app({"TESTING": True}).testing


def test_init_db_command(runner, query):
    result = runner.invoke(args=["init-db"])
    assert "Initialized" in result.output
    assert query("SELECT COUNT(*) FROM user")[0][0] == 0


def test_make_moderator_command(runner, query):
    result = runner.invoke(args=["make-moderator", "other"])
    assert result.exit_code == 0
    assert "other is now a moderator" in result.output
    assert query("SELECT is_moderator FROM user WHERE username = 'other'")[0][0] == 1
    assert query("SELECT is_moderator FROM user WHERE username = 'test'")[0][0] == 0


def test_make_moderator_revoke(runner, query):
    result = runner.invoke(args=["make-moderator", "--revoke", "mod"])
    assert result.exit_code == 0
    assert query("SELECT is_moderator FROM user WHERE username = 'mod'")[0][0] == 0


def test_make_moderator_unknown_user(runner):
    result = runner.invoke(args=["make-moderator", "nobody"])
    assert result.exit_code != 0
    assert "No user named 'nobody'" in result.output
