import os
import re

import pytest

from kanban import create_app
from kanban.db import get_db, init_db

with open(os.path.join(os.path.dirname(__file__), "data.sql"), "rb") as f:
    _data_sql = f.read().decode("utf8")

PASSWORD = "correct-horse"  # the password of every user in data.sql


@pytest.fixture
def app(tmp_path):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "kanban.sqlite")})
    with app.app_context():
        init_db()
        get_db().executescript(_data_sql)
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def csrf_token(client, page="/auth/login"):
    """The CSRF token of the client's session, read from a form as a browser would."""
    html = client.get(page).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def submit(client, url, data=None, page="/auth/login"):
    """POST a form the way the browser does: with the hidden CSRF field."""
    return client.post(url, data={**(data or {}), "csrf_token": csrf_token(client, page)})


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, username="alice", password=PASSWORD):
        return submit(self._client, "/auth/login", {"username": username, "password": password})

    def logout(self):
        return submit(self._client, "/auth/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


def query(app, sql, *args):
    with app.app_context():
        return get_db().execute(sql, args).fetchall()
