import pytest

from conftest import subscription_event


@pytest.fixture
def subscriptions(provider):
    provider.send(subscription_event("evt_1", "subscription.created", sub_id="sub_a", plan="basic"))
    provider.send(subscription_event("evt_2", "subscription.created", sub_id="sub_b"))
    provider.send(subscription_event("evt_3", "subscription.created", sub_id="sub_c"))
    provider.send(subscription_event("evt_4", "subscription.cancelled", sub_id="sub_b"))


def test_list_all_subscriptions_sorted_by_id(client, admin_headers, subscriptions):
    response = client.get("/admin/subscriptions", headers=admin_headers)
    assert response.status_code == 200
    assert [s["id"] for s in response.json()] == ["sub_a", "sub_b", "sub_c"]
    assert response.json()[0]["plan"] == "basic"


def test_filter_by_status(client, admin_headers, subscriptions):
    active = client.get("/admin/subscriptions", params={"status": "active"}, headers=admin_headers).json()
    cancelled = client.get("/admin/subscriptions", params={"status": "cancelled"}, headers=admin_headers).json()
    assert [s["id"] for s in active] == ["sub_a", "sub_c"]
    assert [s["id"] for s in cancelled] == ["sub_b"]


def test_unknown_status_filter_is_422(client, admin_headers):
    assert client.get("/admin/subscriptions", params={"status": "paused"}, headers=admin_headers).status_code == 422


def test_show_unknown_subscription_is_404(client, admin_headers):
    response = client.get("/admin/subscriptions/sub_missing", headers=admin_headers)
    assert response.status_code == 404


@pytest.mark.parametrize("path", ["/admin/subscriptions", "/admin/subscriptions/sub_a"])
def test_admin_key_is_required(client, subscriptions, path):
    assert client.get(path).status_code == 401
    assert client.get(path, headers={"X-Admin-Key": "wrong"}).status_code == 401
    assert client.get(path, headers={"X-Admin-Key": ""}).status_code == 401


def test_app_refuses_to_start_without_secrets(tmp_path, monkeypatch):
    from fastapi.testclient import TestClient

    from billing.app import app

    monkeypatch.delenv("BILLING_WEBHOOK_SECRET", raising=False)
    monkeypatch.setenv("BILLING_ADMIN_API_KEY", "k")
    monkeypatch.setenv("BILLING_DATABASE", str(tmp_path / "db.sqlite3"))
    with pytest.raises(KeyError):
        with TestClient(app):
            pass
