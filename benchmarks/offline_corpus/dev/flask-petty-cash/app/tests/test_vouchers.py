import pytest

from .conftest import submit


def test_submit(client, tokens):
    v = submit(client, tokens["ana"], amount="12.5", description="  toner  ")
    assert v == {
        "id": 1,
        "owner": "ana",
        "amount": "12.50",
        "category": "supplies",
        "description": "toner",
        "status": "submitted",
        "checked_by": None,
        "approved_by": None,
    }


@pytest.mark.parametrize(
    "body, field",
    [
        ({"amount": "0"}, "amount"),
        ({"amount": "-3.00"}, "amount"),
        ({"amount": "100.01"}, "amount"),
        ({"amount": "1.005"}, "amount"),
        ({"amount": 12.5}, "amount"),
        ({"amount": "twelve"}, "amount"),
        ({"category": "gifts"}, "category"),
        ({"description": "   "}, "description"),
    ],
)
def test_submit_validation(client, tokens, body, field):
    data = {"amount": "10.00", "category": "meals", "description": "lunch", **body}
    r = client.post("/vouchers", json=data, headers=tokens["ana"])
    assert r.status_code == 400
    assert list(r.get_json()["fields"]) == [field]


def test_single_voucher_maximum_is_allowed(client, tokens):
    assert submit(client, tokens["ana"], amount="100.00")["amount"] == "100.00"
    assert submit(client, tokens["ana"], amount="0.01")["amount"] == "0.01"


def test_open_limit_may_be_reached_exactly(client, tokens):
    submit(client, tokens["ana"], amount="100.00")
    submit(client, tokens["ana"], amount="100.00")
    submit(client, tokens["ana"], amount="50.00")
    r = client.post("/vouchers", json={"amount": "0.01", "category": "other", "description": "x"},
                    headers=tokens["ana"])
    assert r.status_code == 409
    # the limit is per user
    submit(client, tokens["ben"], amount="100.00")


def test_decided_vouchers_free_the_limit(client, tokens):
    a = submit(client, tokens["ana"], amount="100.00")
    b = submit(client, tokens["ana"], amount="100.00")
    submit(client, tokens["ana"], amount="50.00")
    client.post(f"/vouchers/{a['id']}/approve", headers=tokens["pat"])
    client.post(f"/vouchers/{a['id']}/approve", headers=tokens["quinn"])
    client.post(f"/vouchers/{b['id']}/reject", headers=tokens["pat"])
    submit(client, tokens["ana"], amount="100.00")
    submit(client, tokens["ana"], amount="100.00")


def test_checked_vouchers_still_count(client, tokens):
    a = submit(client, tokens["ana"], amount="100.00")
    submit(client, tokens["ana"], amount="100.00")
    client.post(f"/vouchers/{a['id']}/approve", headers=tokens["pat"])
    r = client.post("/vouchers", json={"amount": "50.01", "category": "other", "description": "x"},
                    headers=tokens["ana"])
    assert r.status_code == 409


def test_members_see_only_their_own(client, tokens):
    mine = submit(client, tokens["ana"])
    theirs = submit(client, tokens["ben"])
    assert [v["id"] for v in client.get("/vouchers", headers=tokens["ana"]).get_json()] == [mine["id"]]
    assert client.get(f"/vouchers/{theirs['id']}", headers=tokens["ana"]).status_code == 404
    assert client.get(f"/vouchers/{mine['id']}", headers=tokens["ana"]).status_code == 200
    assert client.delete(f"/vouchers/{theirs['id']}", headers=tokens["ana"]).status_code == 404
    assert client.get("/vouchers/99", headers=tokens["ana"]).status_code == 404
    assert len(client.get("/vouchers", headers=tokens["pat"]).get_json()) == 2


def test_status_filter(client, tokens):
    a = submit(client, tokens["ana"])
    submit(client, tokens["ana"])
    client.post(f"/vouchers/{a['id']}/approve", headers=tokens["pat"])
    checked = client.get("/vouchers?status=checked", headers=tokens["ana"]).get_json()
    assert [v["id"] for v in checked] == [a["id"]]


def test_withdraw(client, tokens):
    v = submit(client, tokens["ana"])
    assert client.delete(f"/vouchers/{v['id']}", headers=tokens["pat"]).status_code == 403
    assert client.delete(f"/vouchers/{v['id']}", headers=tokens["ana"]).status_code == 204
    assert client.get(f"/vouchers/{v['id']}", headers=tokens["ana"]).status_code == 404


def test_withdraw_only_before_first_approval(client, tokens):
    v = submit(client, tokens["ana"])
    client.post(f"/vouchers/{v['id']}/approve", headers=tokens["pat"])
    assert client.delete(f"/vouchers/{v['id']}", headers=tokens["ana"]).status_code == 409
    assert client.get(f"/vouchers/{v['id']}", headers=tokens["ana"]).get_json()["status"] == "checked"
