from .conftest import PASSWORD, login, path_of


def test_confirmation_link_confirms(client, app, signup):
    signup()
    response = client.get(path_of(app.outbox.last_to("alice@example.com").link))
    assert response.status_code == 200
    assert response.get_json() == {"email": "alice@example.com", "confirmed": True}


def test_confirming_twice_is_fine(client, app, signup):
    signup()
    path = path_of(app.outbox.last_to("alice@example.com").link)
    assert client.get(path).status_code == 200
    assert client.get(path).status_code == 200


def test_login_is_refused_until_confirmed(client, app, signup):
    signup()
    response = login(client)
    assert response.status_code == 403
    assert response.get_json()["error"] == "confirm your e-mail address first"
    client.get(path_of(app.outbox.last_to("alice@example.com").link))
    assert login(client).status_code == 200


def test_link_still_works_just_before_a_day(client, app, clock, signup):
    signup()
    clock.advance(23 * 3600)
    assert client.get(path_of(app.outbox.last_to("alice@example.com").link)).status_code == 200


def test_expired_link_is_400_with_its_own_message(client, app, clock, signup):
    signup()
    clock.advance(24 * 3600 + 1)
    response = client.get(path_of(app.outbox.last_to("alice@example.com").link))
    assert response.status_code == 400
    assert response.get_json() == {"error": "token expired"}
    assert login(client).status_code == 403


def test_tampered_link_is_400(client, app, signup):
    signup()
    path = path_of(app.outbox.last_to("alice@example.com").link)
    response = client.get(path[:-3] + ("aaa" if not path.endswith("aaa") else "bbb"))
    assert response.status_code == 400
    assert response.get_json() == {"error": "invalid token"}


def test_token_signed_with_another_secret_is_invalid(client, app, signup, tmp_path, clock):
    from accounts import create_app

    other = create_app({"TESTING": True, "SECRET_KEY": "other", "DATABASE": str(tmp_path / "o.db"),
                        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000", "CLOCK": clock})
    other.test_client().post("/signup", json={"email": "alice@example.com", "password": PASSWORD})
    signup()
    response = client.get(path_of(other.outbox.last_to("alice@example.com").link))
    assert response.status_code == 400
    assert response.get_json() == {"error": "invalid token"}


def test_resend_sends_a_new_link_only_to_unconfirmed(client, app, signup, confirmed):
    signup("bob@example.com")
    confirmed("carol@example.com")
    before = len(app.outbox)
    assert client.post("/confirm/resend", json={"email": "bob@example.com"}).status_code == 202
    assert client.post("/confirm/resend", json={"email": "carol@example.com"}).status_code == 202
    assert client.post("/confirm/resend", json={"email": "nobody@example.com"}).status_code == 202
    assert len(app.outbox) == before + 1
    assert app.outbox.messages[-1].to == "bob@example.com"
