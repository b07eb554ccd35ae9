import re

import pytest

from portal.app import create_app


@pytest.fixture
def client():
    return create_app("test-secret").test_client()


def form_token(client):
    return re.search(r'name="csrf_token" value="(\w+)"', client.get("/login").get_data(as_text=True)).group(1)


def login(client, username="dana", password="correct horse", token=None):
    data = {"username": username, "password": password, "csrf_token": token or form_token(client)}
    return client.post("/login", data=data)


def test_success_valid_credentials_log_in_and_open_the_dashboard(client):
    resp = login(client)
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/dashboard")
    assert client.get("/dashboard").get_data(as_text=True) == "hello dana"


@pytest.mark.parametrize("username, password", [("dana", "wrong"), ("eve", "correct horse")])
def test_unauthorized_bad_credentials_are_refused_and_log_nobody_in(client, username, password):
    assert login(client, username, password).status_code == 401
    assert client.get("/dashboard").status_code == 302


def test_unauthorized_the_dashboard_sends_anonymous_users_to_login(client):
    resp = client.get("/dashboard")
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/login")


@pytest.mark.parametrize("token", ["forged", ""])
def test_forbidden_a_post_without_the_forms_token_is_refused(client, token):
    form_token(client)
    resp = client.post("/login", data={"username": "dana", "password": "correct horse", "csrf_token": token})
    assert resp.status_code == 403
    assert client.get("/dashboard").status_code == 302


def test_forbidden_a_form_token_works_once(client):
    token = form_token(client)
    assert login(client, password="wrong", token=token).status_code == 401
    assert login(client, token=token).status_code == 403


@pytest.mark.parametrize("field", ["username", "password"])
def test_invalid_input_missing_fields_are_a_400(client, field):
    data = {"username": "dana", "password": "correct horse", "csrf_token": form_token(client)}
    del data[field]
    assert client.post("/login", data=data).status_code == 400
