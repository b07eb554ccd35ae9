import csv
import io

from .conftest import submit


def approve(client, vid, headers):
    return client.post(f"/vouchers/{vid}/approve", headers=headers)


def test_two_step_approval(client, tokens):
    v = submit(client, tokens["ana"])
    r = approve(client, v["id"], tokens["pat"])
    assert r.status_code == 200
    assert r.get_json()["status"] == "checked"
    assert r.get_json()["checked_by"] == "pat"
    r = approve(client, v["id"], tokens["quinn"])
    assert r.status_code == 200
    assert r.get_json()["status"] == "approved"
    assert r.get_json()["approved_by"] == "quinn"
    assert approve(client, v["id"], tokens["ray"]).status_code == 409


def test_members_cannot_approve(client, tokens):
    v = submit(client, tokens["ana"])
    assert approve(client, v["id"], tokens["ana"]).status_code == 403
    assert client.get(f"/vouchers/{v['id']}", headers=tokens["ana"]).get_json()["status"] == "submitted"


def test_no_self_approval(client, tokens):
    v = submit(client, tokens["pat"])
    assert approve(client, v["id"], tokens["pat"]).status_code == 403
    assert approve(client, v["id"], tokens["quinn"]).status_code == 200
    assert approve(client, v["id"], tokens["pat"]).status_code == 403
    assert client.get(f"/vouchers/{v['id']}", headers=tokens["pat"]).get_json()["status"] == "checked"


def test_second_approval_needs_another_approver(client, tokens):
    v = submit(client, tokens["ana"])
    approve(client, v["id"], tokens["pat"])
    assert approve(client, v["id"], tokens["pat"]).status_code == 403
    got = client.get(f"/vouchers/{v['id']}", headers=tokens["ana"]).get_json()
    assert got["status"] == "checked"
    assert got["approved_by"] is None


def test_reject(client, tokens):
    v = submit(client, tokens["ana"])
    approve(client, v["id"], tokens["pat"])
    assert client.post(f"/vouchers/{v['id']}/reject", headers=tokens["ana"]).status_code == 403
    r = client.post(f"/vouchers/{v['id']}/reject", headers=tokens["quinn"])
    assert r.status_code == 200
    assert r.get_json()["status"] == "rejected"
    assert approve(client, v["id"], tokens["ray"]).status_code == 409
    assert client.post(f"/vouchers/{v['id']}/reject", headers=tokens["ray"]).status_code == 409


def test_approver_cannot_reject_own(client, tokens):
    v = submit(client, tokens["pat"])
    assert client.post(f"/vouchers/{v['id']}/reject", headers=tokens["pat"]).status_code == 403


def rows(response):
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_csv_export(client, tokens):
    a = submit(client, tokens["ana"], amount="7.05", category="postage", description="stamps, large")
    submit(client, tokens["ben"], amount="40")
    approve(client, a["id"], tokens["pat"])
    approve(client, a["id"], tokens["quinn"])
    r = client.get("/vouchers/export.csv", headers=tokens["ana"])
    assert "attachment" in r.headers["Content-Disposition"]
    assert rows(r) == [
        {
            "id": "1",
            "owner": "ana",
            "category": "postage",
            "description": "stamps, large",
            "amount": "7.05",
            "status": "approved",
            "checked_by": "pat",
            "approved_by": "quinn",
        }
    ]
    everything = rows(client.get("/vouchers/export.csv", headers=tokens["ray"]))
    assert [(row["owner"], row["amount"], row["checked_by"]) for row in everything] == [
        ("ana", "7.05", "pat"),
        ("ben", "40.00", ""),
    ]


def test_csv_export_status_filter(client, tokens):
    a = submit(client, tokens["ana"])
    submit(client, tokens["ben"])
    approve(client, a["id"], tokens["pat"])
    assert [row["id"] for row in rows(client.get("/vouchers/export.csv?status=submitted", headers=tokens["pat"]))] == [
        "2"
    ]
