from invoices.auth import create_user
from invoices.db import connect

from .conftest import basic


def test_requests_need_credentials(client):
    response = client.get("/invoices")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Basic")


def test_wrong_password_is_refused(client):
    assert client.get("/invoices", headers=basic("alice", "wrong-password")).status_code == 401


def test_unknown_user_is_refused(client):
    assert client.get("/invoices", headers=basic("mallory", "alice-password")).status_code == 401


def test_right_credentials_are_accepted(client, alice):
    assert client.get("/invoices", headers=alice).status_code == 200


def test_create_user_helper_refuses_duplicates(app):
    conn = connect(app.config["DATABASE"])
    try:
        try:
            create_user(conn, "alice", "whatever-password")
        except ValueError as exc:
            assert "alice" in str(exc)
        else:
            raise AssertionError("duplicate user was created")
    finally:
        conn.close()


def test_create_user_command(app, client):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-user", "carol", "--password", "carol-password"])
    assert result.exit_code == 0, result.output
    assert "created user carol" in result.output
    assert client.get("/invoices", headers=basic("carol", "carol-password")).status_code == 200


def test_create_user_command_prompts_for_the_password(app, client):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-user", "dave"], input="dave-password\ndave-password\n")
    assert result.exit_code == 0, result.output
    assert client.get("/invoices", headers=basic("dave", "dave-password")).status_code == 200


def test_create_user_command_errors(app):
    runner = app.test_cli_runner()
    duplicate = runner.invoke(args=["create-user", "alice", "--password", "long-enough"])
    assert duplicate.exit_code != 0
    assert "already exists" in duplicate.output
    short = runner.invoke(args=["create-user", "erin", "--password", "short"])
    assert short.exit_code != 0
