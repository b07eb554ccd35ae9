import pytest

from .conftest import PASSWORD


def test_signup_creates_unconfirmed_account(client, app):
    response = client.post("/signup", json={"email": "  Alice@Example.COM ", "password": PASSWORD})
    assert response.status_code == 201
    assert response.get_json() == {"id": 1, "email": "alice@example.com", "confirmed": False}


def test_signup_sends_a_confirmation_link(client, app, signup):
    signup()
    assert len(app.outbox) == 1
    message = app.outbox.last_to("alice@example.com")
    assert message.subject == "Confirm your account"
    assert message.link.startswith("https://accounts.example.test/confirm/")
    assert message.link in message.body


def test_duplicate_email_is_409(client, signup):
    signup()
    response = client.post("/signup", json={"email": "ALICE@example.com", "password": PASSWORD})
    assert response.status_code == 409


@pytest.mark.parametrize("body", [{}, {"email": "a@example.com"}, {"password": PASSWORD}, {"email": 1, "password": PASSWORD}])
def test_missing_fields_are_400(client, body):
    assert client.post("/signup", json=body).status_code == 400


@pytest.mark.parametrize("email", ["alice", "alice@", "alice@example", "al ice@example.com"])
def test_invalid_email_is_400(client, email):
    response = client.post("/signup", json={"email": email, "password": PASSWORD})
    assert response.status_code == 400
    assert response.get_json()["error"] == "invalid e-mail address"


def test_password_of_exactly_min_length_is_accepted(client):
    response = client.post("/signup", json={"email": "a@example.com", "password": "abcdefghi1"})
    assert response.status_code == 201


def test_short_password_is_refused(client, app):
    response = client.post("/signup", json={"email": "a@example.com", "password": "abcdefgh1"})
    assert response.status_code == 400
    assert response.get_json() == {"error": "weak password", "problems": ["must be at least 10 characters"]}
    assert len(app.outbox) == 0


def test_password_needs_a_digit(client):
    response = client.post("/signup", json={"email": "a@example.com", "password": "no-digits-here"})
    assert response.status_code == 400
    assert response.get_json()["problems"] == ["must contain a digit"]


def test_password_may_not_be_the_email(client):
    response = client.post("/signup", json={"email": "bob2000@example.com", "password": "BOB2000@Example.com"})
    assert response.status_code == 400
    assert response.get_json()["problems"] == ["must not be your e-mail address"]


def test_min_length_comes_from_config(tmp_path, clock):
    from accounts import create_app

    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "x.db"), "MIN_PASSWORD_LENGTH": 14,
                      "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000", "CLOCK": clock})
    response = app.test_client().post("/signup", json={"email": "a@example.com", "password": "abcdefghijk12"})
    assert response.status_code == 400
    assert response.get_json()["problems"] == ["must be at least 14 characters"]
