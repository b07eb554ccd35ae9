import pytest
from flask import session

from tests.conftest import PASSWORD, csrf_token, query


def test_login_without_token_is_refused(client):
    response = client.post("/auth/login", data={"username": "alice", "password": PASSWORD})
    assert response.status_code == 400
    with client:
        client.get("/auth/login")
        assert "user_id" not in session


@pytest.mark.parametrize("token", ["", "forged-token"])
def test_bad_token_is_refused(client, auth, app, token):
    auth.login()
    response = client.post("/boards/1/cards", data={"title": "Sneaky", "csrf_token": token})
    assert response.status_code == 400
    assert query(app, "SELECT COUNT(*) FROM card WHERE title = 'Sneaky'")[0][0] == 0


def test_form_without_token_changes_nothing(client, auth, app):
    auth.login()
    assert client.post("/boards", data={"name": "No token"}).status_code == 400
    assert client.post("/boards/1/cards/1/move", data={"column": "doing"}).status_code == 400
    assert query(app, "SELECT COUNT(*) FROM board")[0][0] == 2
    assert query(app, "SELECT column_name FROM card WHERE id = 1")[0][0] == "todo"


def test_logout_needs_the_token(client, auth):
    auth.login()
    assert client.post("/auth/logout").status_code == 400
    assert client.get("/").status_code == 200


def test_token_of_another_session_is_refused(app, client, auth):
    other = app.test_client()
    stolen = csrf_token(other)
    auth.login()
    response = client.post("/boards", data={"name": "Forged", "csrf_token": stolen})
    assert response.status_code == 400


def test_get_requests_need_no_token(client, auth):
    auth.login()
    assert client.get("/boards/1").status_code == 200
