from tests.conftest import sign_in


def test_link_is_mailed_to_a_known_merchant(app, outbox):
    client = app.test_client()
    r = client.post("/auth/link", json={"email": "  Bakery@Example.com "})
    assert r.status_code == 202
    assert len(outbox.sent) == 1
    mail = outbox.sent[0]
    assert mail["to"] == "bakery@example.com"
    assert "Corner Bakery" in mail["body"]
    assert "https://cards.example/auth/callback?token=" in mail["body"]


def test_unknown_address_gets_the_same_answer_but_no_mail(app, outbox):
    client = app.test_client()
    known = client.post("/auth/link", json={"email": "bakery@example.com"})
    unknown = client.post("/auth/link", json={"email": "nobody@example.com"})
    assert unknown.status_code == 202
    assert unknown.get_json() == known.get_json()
    assert [m["to"] for m in outbox.sent] == ["bakery@example.com"]


def test_link_needs_an_email(app):
    r = app.test_client().post("/auth/link", json={"email": "not-an-email"})
    assert r.status_code == 400
    assert "email" in r.get_json()["error"]


def test_callback_signs_in(app, outbox):
    client = app.test_client()
    assert client.get("/cards").status_code == 401
    client.post("/auth/link", json={"email": "books@example.com"})
    r = client.get(f"/auth/callback?token={outbox.last_token('books@example.com')}")
    assert r.status_code == 200
    assert r.get_json() == {"merchant": "Book Nook"}
    assert client.get("/cards").status_code == 200


def test_tampered_token_is_rejected(app, outbox):
    client = app.test_client()
    client.post("/auth/link", json={"email": "books@example.com"})
    token = outbox.last_token("books@example.com")
    r = client.get(f"/auth/callback?token={token[:-2]}xx")
    assert r.status_code == 400
    assert r.get_json()["error"] == "invalid sign-in link"
    assert client.get("/cards").status_code == 401


def test_token_signed_with_another_key_is_rejected(app, outbox):
    from itsdangerous import URLSafeSerializer

    forged = URLSafeSerializer("other-secret", salt="sign-in").dumps({"m": 1, "exp": "2099-01-01T00:00:00+00:00"})
    r = app.test_client().get(f"/auth/callback?token={forged}")
    assert r.status_code == 400


def test_link_works_until_fifteen_minutes(app, outbox, clock):
    client = app.test_client()
    client.post("/auth/link", json={"email": "books@example.com"})
    token = outbox.last_token("books@example.com")
    clock.advance(minutes=14, seconds=59)
    assert client.get(f"/auth/callback?token={token}").status_code == 200


def test_link_expires_after_fifteen_minutes(app, outbox, clock):
    client = app.test_client()
    client.post("/auth/link", json={"email": "books@example.com"})
    token = outbox.last_token("books@example.com")
    clock.advance(minutes=15)
    r = client.get(f"/auth/callback?token={token}")
    assert r.status_code == 400
    assert r.get_json()["error"] == "sign-in link expired"
    assert client.get("/cards").status_code == 401


def test_logout_ends_the_session(app, outbox):
    client = sign_in(app.test_client(), outbox, "bakery@example.com")
    assert client.post("/auth/logout").status_code == 204
    assert client.get("/cards").status_code == 401
    assert client.get("/cards").get_json() == {"error": "sign in first"}


def test_every_card_route_needs_a_session(app):
    client = app.test_client()
    for method, url in [
        ("post", "/cards"),
        ("get", "/cards/ABC"),
        ("post", "/cards/ABC/redeem"),
        ("post", "/cards/ABC/refund"),
        ("post", "/cards/ABC/freeze"),
        ("post", "/cards/ABC/unfreeze"),
        ("post", "/cards/ABC/void"),
    ]:
        assert getattr(client, method)(url, json={}).status_code == 401, url


def test_cli_adds_a_merchant(app, outbox):
    result = app.test_cli_runner().invoke(args=["add-merchant", "Tea House", "Tea@Example.com"])
    assert "Merchant 3 added." in result.output
    sign_in(app.test_client(), outbox, "tea@example.com")
