import json
import time

from conftest import sign, subscription_event


def get_subscription(client, admin_headers, sub_id="sub_1"):
    response = client.get(f"/admin/subscriptions/{sub_id}", headers=admin_headers)
    assert response.status_code == 200
    return response.json()


def test_created_event_makes_an_active_subscription(provider, client, admin_headers):
    response = provider.send(subscription_event("evt_1", "subscription.created", period_end=1_700_000_000))
    assert response.status_code == 200
    assert response.json() == {"received": True, "duplicate": False, "ignored": False}
    assert get_subscription(client, admin_headers) == {
        "id": "sub_1",
        "customer": "cus_1",
        "plan": "pro",
        "status": "active",
        "current_period_end": 1_700_000_000,
        "cancelled_at": None,
    }


def test_renewed_event_extends_the_period(provider, client, admin_headers):
    provider.send(subscription_event("evt_1", "subscription.created", period_end=1_700_000_000))
    assert provider.send(subscription_event("evt_2", "subscription.renewed", period_end=1_702_592_000)).status_code == 200
    assert get_subscription(client, admin_headers)["current_period_end"] == 1_702_592_000


def test_late_older_renewal_does_not_move_period_back(provider, client, admin_headers):
    provider.send(subscription_event("evt_1", "subscription.created", period_end=1_700_000_000))
    provider.send(subscription_event("evt_3", "subscription.renewed", period_end=1_705_000_000))
    provider.send(subscription_event("evt_2", "subscription.renewed", period_end=1_702_500_000))
    assert get_subscription(client, admin_headers)["current_period_end"] == 1_705_000_000


def test_cancelled_event_marks_subscription_cancelled(provider, client, admin_headers):
    provider.send(subscription_event("evt_1", "subscription.created"))
    response = provider.send(subscription_event("evt_2", "subscription.cancelled", created=1_699_500_000))
    assert response.status_code == 200
    sub = get_subscription(client, admin_headers)
    assert sub["status"] == "cancelled"
    assert sub["cancelled_at"] == 1_699_500_000
    assert sub["current_period_end"] == 1_700_000_000


def test_renewal_reactivates_a_cancelled_subscription(provider, client, admin_headers):
    provider.send(subscription_event("evt_1", "subscription.created"))
    provider.send(subscription_event("evt_2", "subscription.cancelled"))
    provider.send(subscription_event("evt_3", "subscription.renewed", period_end=1_703_000_000))
    sub = get_subscription(client, admin_headers)
    assert sub["status"] == "active"
    assert sub["cancelled_at"] is None


def test_replayed_event_is_acknowledged_and_changes_nothing(provider, client, admin_headers):
    created = subscription_event("evt_1", "subscription.created", period_end=1_700_000_000)
    provider.send(created)
    provider.send(subscription_event("evt_2", "subscription.renewed", period_end=1_702_592_000))
    replay = provider.send(created)
    assert replay.status_code == 200
    assert replay.json()["duplicate"] is True
    assert get_subscription(client, admin_headers)["current_period_end"] == 1_702_592_000


def test_replayed_cancellation_after_renewal_does_not_cancel_again(provider, client, admin_headers):
    provider.send(subscription_event("evt_1", "subscription.created"))
    cancel = subscription_event("evt_2", "subscription.cancelled")
    provider.send(cancel)
    provider.send(subscription_event("evt_3", "subscription.renewed", period_end=1_703_000_000))
    assert provider.send(cancel).status_code == 200
    assert get_subscription(client, admin_headers)["status"] == "active"


def test_unknown_event_type_is_acknowledged_and_ignored(provider, client, admin_headers):
    event = subscription_event("evt_9", "invoice.payment_failed", sub_id="sub_unknown")
    response = provider.send(event)
    assert response.status_code == 200
    assert response.json() == {"received": True, "duplicate": False, "ignored": True}
    assert client.get("/admin/subscriptions", headers=admin_headers).json() == []


def test_wrong_secret_is_rejected_with_400(provider, client, admin_headers):
    response = provider.send(subscription_event("evt_1", "subscription.created"), secret="whsec_other")
    assert response.status_code == 400
    assert client.get("/admin/subscriptions", headers=admin_headers).json() == []


def test_missing_signature_is_rejected_with_400(client):
    response = client.post("/webhooks/billing", json=subscription_event("evt_1", "subscription.created"))
    assert response.status_code == 400


def test_stale_timestamp_is_rejected_with_400(provider, client, admin_headers):
    stale = int(time.time()) - 301 - 5
    response = provider.send(subscription_event("evt_1", "subscription.created"), timestamp=stale)
    assert response.status_code == 400
    assert client.get("/admin/subscriptions", headers=admin_headers).json() == []


def test_timestamp_a_few_minutes_old_is_accepted(provider):
    recent = int(time.time()) - 240
    assert provider.send(subscription_event("evt_1", "subscription.created"), timestamp=recent).status_code == 200


def test_rejected_event_can_be_delivered_again(provider, client, admin_headers):
    event = subscription_event("evt_1", "subscription.created")
    assert provider.send(event, secret="whsec_other").status_code == 400
    assert provider.send(event).status_code == 200
    assert get_subscription(client, admin_headers)["status"] == "active"


def test_signed_body_that_is_not_json_is_rejected(client):
    payload = b"not json"
    response = client.post("/webhooks/billing", content=payload, headers={"Billing-Signature": sign(payload)})
    assert response.status_code == 400


def test_event_without_period_end_is_rejected_and_not_recorded(provider, client, admin_headers):
    bad = subscription_event("evt_1", "subscription.created")
    del bad["data"]["object"]["current_period_end"]
    assert provider.send(bad).status_code == 400
    good = subscription_event("evt_1", "subscription.created")
    assert provider.send(good).json()["duplicate"] is False


def test_body_is_verified_byte_for_byte(client):
    payload = json.dumps(subscription_event("evt_1", "subscription.created")).encode()
    header = sign(payload)
    response = client.post("/webhooks/billing", content=payload + b" ", headers={"Billing-Signature": header})
    assert response.status_code == 400
