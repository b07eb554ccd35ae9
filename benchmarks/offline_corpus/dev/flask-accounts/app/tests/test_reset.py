from .conftest import PASSWORD, login, path_of

NEW_PASSWORD = "battery-staple-77"


def request_reset(client, app, email="alice@example.com"):
    response = client.post("/password-reset", json={"email": email})
    assert response.status_code == 202
    return path_of(app.outbox.last_to(email).link)


def test_reset_sends_a_link(client, app, confirmed):
    confirmed()
    request_reset(client, app)
    message = app.outbox.messages[-1]
    assert message.subject == "Reset your password"
    assert message.link.startswith("https://accounts.example.test/password-reset/")


def test_reset_for_unknown_email_answers_202_and_sends_nothing(client, app):
    response = client.post("/password-reset", json={"email": "nobody@example.com"})
    assert response.status_code == 202
    assert len(app.outbox) == 0


def test_reset_changes_the_password(client, app, confirmed):
    confirmed()
    path = request_reset(client, app)
    response = client.post(path, json={"password": NEW_PASSWORD})
    assert response.status_code == 200
    assert login(client).status_code == 401
    assert login(client, password=NEW_PASSWORD).status_code == 200


def test_reset_link_works_only_once(client, app, confirmed):
    confirmed()
    path = request_reset(client, app)
    assert client.post(path, json={"password": NEW_PASSWORD}).status_code == 200
    response = client.post(path, json={"password": "another-pass-99"})
    assert response.status_code == 400
    assert response.get_json() == {"error": "invalid token"}
    assert login(client, password=NEW_PASSWORD).status_code == 200


def test_reset_applies_password_rules(client, app, confirmed):
    confirmed()
    path = request_reset(client, app)
    response = client.post(path, json={"password": "short1"})
    assert response.status_code == 400
    assert response.get_json()["error"] == "weak password"
    assert client.post(path, json={"password": NEW_PASSWORD}).status_code == 200


def test_reset_link_expires_after_an_hour(client, app, clock, confirmed):
    confirmed()
    path = request_reset(client, app)
    clock.advance(3600 + 1)
    response = client.post(path, json={"password": NEW_PASSWORD})
    assert response.status_code == 400
    assert response.get_json() == {"error": "token expired"}
    assert login(client).status_code == 200


def test_reset_link_within_the_hour(client, app, clock, confirmed):
    confirmed()
    path = request_reset(client, app)
    clock.advance(3599)
    assert client.post(path, json={"password": NEW_PASSWORD}).status_code == 200


def test_confirmation_token_is_not_a_reset_token(client, app, signup):
    signup()
    confirm_path = path_of(app.outbox.last_to("alice@example.com").link)
    token = confirm_path.rsplit("/", 1)[1]
    response = client.post(f"/password-reset/{token}", json={"password": NEW_PASSWORD})
    assert response.status_code == 400
    assert response.get_json() == {"error": "invalid token"}


def test_reset_signs_out_everywhere(client, app, session):
    headers = session()
    path = request_reset(client, app)
    client.post(path, json={"password": NEW_PASSWORD})
    assert client.get("/me", headers=headers).status_code == 401


def test_reset_lifts_a_lockout(client, app, confirmed):
    confirmed()
    for _ in range(5):
        login(client, password="wrong-password-1")
    assert login(client).status_code == 423
    path = request_reset(client, app)
    client.post(path, json={"password": NEW_PASSWORD})
    assert login(client, password=NEW_PASSWORD).status_code == 200
