from outbox.main import app

from .conftest import ALICE, BOB, message


def test_send_is_accepted_and_delivered(client, transport):
    response = client.post("/messages", json=message(), headers=ALICE)
    assert response.status_code == 202
    body = response.json()
    assert body["to"] == "carol@example.com"
    assert body["status"] == "queued"
    # The background job has run by the time the client returns.
    got = client.get(f"/messages/{body['id']}", headers=ALICE).json()
    assert got["status"] == "sent"
    assert got["attempts"] == 1
    assert transport.sent == [{"to": "carol@example.com", "subject": "Hello", "body": "Hi Carol"}]


def test_invalid_recipient_is_422(client):
    response = client.post("/messages", json=message(to="not-an-address"), headers=ALICE)
    assert response.status_code == 422


def test_transient_failures_are_retried(client, transport):
    transport.fail_next(2)
    sent = client.post("/messages", json=message(), headers=ALICE).json()
    got = client.get(f"/messages/{sent['id']}", headers=ALICE).json()
    assert got["status"] == "sent"
    assert got["attempts"] == 3
    assert got["last_error"] is None
    assert len(transport.sent) == 1


def test_gives_up_after_three_attempts(client, transport):
    transport.fail_next(5)
    sent = client.post("/messages", json=message(), headers=ALICE).json()
    got = client.get(f"/messages/{sent['id']}", headers=ALICE).json()
    assert got["status"] == "failed"
    assert got["attempts"] == 3
    assert got["last_error"] == "relay unavailable"
    assert transport.sent == []


def test_messages_of_other_keys_are_404(client):
    sent = client.post("/messages", json=message(), headers=ALICE).json()
    assert client.get(f"/messages/{sent['id']}", headers=BOB).status_code == 404


def test_list_by_status_is_per_key(client, transport):
    client.post("/messages", json=message(subject="a1"), headers=ALICE)
    transport.fail_next(3)
    client.post("/messages", json=message(subject="a2"), headers=ALICE)
    client.post("/messages", json=message(subject="b1"), headers=BOB)

    assert [m["subject"] for m in client.get("/messages", headers=ALICE).json()] == ["a1", "a2"]
    sent = client.get("/messages", params={"status": "sent"}, headers=ALICE).json()
    assert [m["subject"] for m in sent] == ["a1"]
    failed = client.get("/messages", params={"status": "failed"}, headers=ALICE).json()
    assert [m["subject"] for m in failed] == ["a2"]
    bobs = client.get("/messages", params={"status": "sent"}, headers=BOB).json()
    assert [m["subject"] for m in bobs] == ["b1"]


def test_unknown_status_filter_is_422(client):
    assert client.get("/messages", params={"status": "lost"}, headers=ALICE).status_code == 422


def test_cancel_while_queued(client, transport):
    transport.paused = True
    sent = client.post("/messages", json=message(), headers=ALICE).json()
    assert client.get("/messages", params={"status": "queued"}, headers=ALICE).json()[0]["id"] == sent["id"]
    response = client.post(f"/messages/{sent['id']}/cancel", headers=ALICE)
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    transport.paused = False
    assert client.post(f"/messages/{sent['id']}/cancel", headers=ALICE).status_code == 409


def test_cancel_after_sending_is_409(client):
    sent = client.post("/messages", json=message(), headers=ALICE).json()
    response = client.post(f"/messages/{sent['id']}/cancel", headers=ALICE)
    assert response.status_code == 409
    assert client.get(f"/messages/{sent['id']}", headers=ALICE).json()["status"] == "sent"


def test_cancel_after_failure_is_409(client, transport):
    transport.fail_next(3)
    sent = client.post("/messages", json=message(), headers=ALICE).json()
    assert client.post(f"/messages/{sent['id']}/cancel", headers=ALICE).status_code == 409


def test_cancel_someone_elses_message_is_404(client, transport):
    transport.paused = True
    sent = client.post("/messages", json=message(), headers=ALICE).json()
    assert client.post(f"/messages/{sent['id']}/cancel", headers=BOB).status_code == 404
    assert client.get(f"/messages/{sent['id']}", headers=ALICE).json()["status"] == "queued"


def test_transport_lives_on_app_state(client):
    assert app.state.transport.sent == []
