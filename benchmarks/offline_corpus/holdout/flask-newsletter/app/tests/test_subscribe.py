from datetime import timedelta

from .conftest import ADMIN


def test_subscribe_sends_confirmation_and_is_pending(client, outbox):
    response = client.post("/subscribe", json={"email": "  Ada@Example.com "})
    assert response.status_code == 202
    assert response.get_json() == {"status": "pending"}
    path, params = outbox.link("ada@example.com")
    assert path == "/confirm"
    assert params["email"] == "ada@example.com"
    listed = client.get("/admin/subscribers", headers=ADMIN).get_json()["items"]
    assert listed[0]["status"] == "pending"
    assert listed[0]["lists"] == ["weekly"]


def test_invalid_email_and_unknown_list_refused(client, outbox):
    assert client.post("/subscribe", json={"email": "not-an-email"}).status_code == 400
    assert client.post("/subscribe", json={"email": "a@b.io", "lists": ["weekly", "spam"]}).status_code == 400
    assert outbox == []


def test_chosen_lists_are_stored(client, subscribed):
    subscribed(lists=["product", "events", "product"])
    item = client.get("/admin/subscribers", headers=ADMIN).get_json()["items"][0]
    assert item["lists"] == ["events", "product"]


def test_confirm_then_subscribe_again_is_200_without_mail(client, outbox, subscribed):
    subscribed()
    sent = len(outbox)
    response = client.post("/subscribe", json={"email": "ADA@example.com"})
    assert response.status_code == 200
    assert response.get_json()["status"] == "subscribed"
    assert len(outbox) == sent


def test_token_for_another_email_is_refused(client, outbox):
    client.post("/subscribe", json={"email": "ada@example.com"})
    client.post("/subscribe", json={"email": "bob@example.com"})
    _, params = outbox.link("ada@example.com")
    response = client.get("/confirm", query_string={"email": "bob@example.com", "token": params["token"]})
    assert response.status_code == 400
    assert client.get("/admin/subscribers?status=confirmed", headers=ADMIN).get_json()["total"] == 0


def test_tampered_token_is_refused(client, outbox):
    client.post("/subscribe", json={"email": "ada@example.com"})
    _, params = outbox.link("ada@example.com")
    stamp, sig = params["token"].split(".")
    forged = f"{int(stamp) + 3600}.{sig}"
    assert client.get("/confirm", query_string={**params, "token": forged}).status_code == 400


def test_confirmation_link_expires_after_48_hours(client, clock, outbox):
    client.post("/subscribe", json={"email": "ada@example.com"})
    client.post("/subscribe", json={"email": "bob@example.com"})
    ada = outbox.link("ada@example.com")
    bob = outbox.link("bob@example.com")
    clock.advance(hours=48)
    assert client.get(ada[0], query_string=ada[1]).status_code == 200
    clock.advance(seconds=1)
    assert client.get(bob[0], query_string=bob[1]).status_code == 410


def test_confirm_sets_status_and_time(client, clock, subscribed):
    subscribed()
    item = client.get("/admin/subscribers", headers=ADMIN).get_json()["items"][0]
    assert item["status"] == "confirmed"
    assert item["confirmed_at"] == clock.now.isoformat()


def test_unsubscribe_with_welcome_link(client, outbox, subscribed):
    subscribed()
    path, params = outbox.link("ada@example.com")
    assert path == "/unsubscribe"
    assert client.post(path, json={"email": "ada@example.com", "token": "0" * 64}).status_code == 400
    assert client.post(path, json=params).get_json() == {"status": "unsubscribed"}
    item = client.get("/admin/subscribers", headers=ADMIN).get_json()["items"][0]
    assert item["status"] == "unsubscribed"


def test_resubscribe_after_unsubscribe_needs_confirmation_again(client, outbox, subscribed):
    subscribed()
    path, params = outbox.link("ada@example.com")
    client.post(path, json=params)
    assert client.post("/subscribe", json={"email": "ada@example.com"}).status_code == 202
    assert outbox.link("ada@example.com")[0] == "/confirm"
