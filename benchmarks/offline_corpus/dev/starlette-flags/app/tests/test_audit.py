import pytest

from .conftest import ADMIN


def audit(client, **params):
    response = client.get("/api/audit", params=params, headers=ADMIN)
    assert response.status_code == 200, response.text
    return response.json()


def test_changes_are_recorded_newest_first(client, make_flag, configure):
    make_flag()
    configure("new-checkout", "prod", enabled=True, percentage=10)
    client.delete("/api/flags/new-checkout", headers=ADMIN)
    entries = audit(client)
    assert [(e["action"], e["flag"], e["env"]) for e in entries] == [
        ("delete", "new-checkout", None),
        ("update", "new-checkout", "prod"),
        ("create", "new-checkout", None),
    ]
    assert [e["id"] for e in entries] == [3, 2, 1]
    assert entries[0]["at"] > entries[1]["at"] > entries[2]["at"]


def test_update_entry_lists_what_changed(client, make_flag, configure):
    make_flag()
    configure("new-checkout", "dev", enabled=True, percentage=0)
    entry = audit(client)[0]
    assert entry["details"] == {"enabled": [False, True]}
    assert entry["actor"].startswith("admin:")


def test_failed_changes_are_not_recorded(client, make_flag):
    make_flag()
    client.post("/api/flags", json={"name": "new-checkout"}, headers=ADMIN)
    client.patch("/api/flags/new-checkout/environments/dev", json={"percentage": 500}, headers=ADMIN)
    assert len(audit(client)) == 1


def test_audit_limit(client, make_flag):
    for i in range(5):
        make_flag(f"flag-{i}")
    assert [e["flag"] for e in audit(client, limit=2)] == ["flag-4", "flag-3"]
    assert len(audit(client, limit=100)) == 5


@pytest.mark.parametrize("limit", ["0", "101", "ten"])
def test_bad_audit_limit_is_422(client, limit):
    response = client.get("/api/audit", params={"limit": limit}, headers=ADMIN)
    assert response.status_code == 422
