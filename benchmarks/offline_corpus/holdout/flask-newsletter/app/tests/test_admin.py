import csv
import io

from .conftest import ADMIN


def test_admin_routes_need_the_key(client):
    assert client.get("/admin/subscribers").status_code == 401
    assert client.get("/admin/subscribers", headers={"X-Admin-Key": "wrong"}).status_code == 401
    assert client.get("/admin/export.csv").status_code == 401


def test_status_filter_and_pagination(client, subscribed):
    for name in ("cy", "ann", "bo", "dee"):
        subscribed(f"{name}@example.com")
    client.post("/subscribe", json={"email": "eve@example.com"})
    confirmed = client.get("/admin/subscribers?status=confirmed&per_page=2&page=2", headers=ADMIN).get_json()
    assert confirmed["total"] == 4
    assert [i["email"] for i in confirmed["items"]] == ["cy@example.com", "dee@example.com"]
    pending = client.get("/admin/subscribers?status=pending", headers=ADMIN).get_json()
    assert [i["email"] for i in pending["items"]] == ["eve@example.com"]


def test_export_lists_confirmed_only(client, clock, subscribed):
    subscribed("ann@example.com", lists=["weekly", "events"])
    client.post("/subscribe", json={"email": "eve@example.com"})
    response = client.get("/admin/export.csv", headers=ADMIN)
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows == [["email", "lists", "confirmed_at"], ["ann@example.com", "events weekly", clock.now.isoformat()]]
