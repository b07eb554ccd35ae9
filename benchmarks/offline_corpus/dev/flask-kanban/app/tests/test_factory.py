from kanban import create_app
from tests.conftest import query


def test_config():
    assert not create_app().testing
    assert create_app({"TESTING": True}).testing


def test_init_db_command(runner, app):
    result = runner.invoke(args=["init-db"])
    assert "Initialized" in result.output
    assert query(app, "SELECT COUNT(*) FROM user")[0][0] == 0
