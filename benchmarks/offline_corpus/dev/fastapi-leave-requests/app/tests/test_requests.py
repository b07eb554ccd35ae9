from datetime import UTC, datetime

import pytest
from conftest import auth, login


def create(client, headers, start, end, kind="annual", note=""):
    response = client.post("/requests", json={"kind": kind, "start": start, "end": end, "note": note},
                           headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def submitted(client, headers, start, end, kind="annual"):
    req = create(client, headers, start, end, kind)
    response = client.post(f"/requests/{req['id']}/submit", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def approved(client, as_user, owner, start, end, manager="mia"):
    req = submitted(client, as_user(owner), start, end)
    response = client.post(f"/requests/{req['id']}/approve", headers=as_user(manager))
    assert response.status_code == 200, response.text
    return response.json()


# --- creating -------------------------------------------------------------------------------------------


def test_create_a_draft(client, as_user, users):
    req = create(client, as_user("eve"), "2027-03-08", "2027-03-12", note="skiing")
    assert req["status"] == "draft"
    assert req["days"] == 5
    assert req["user_id"] == users["eve"]
    assert req["note"] == "skiing"


def test_days_skip_the_weekend(client, as_user):
    req = create(client, as_user("eve"), "2027-03-12", "2027-03-15")  # Friday to Monday
    assert req["days"] == 2


def test_single_day(client, as_user):
    assert create(client, as_user("eve"), "2027-03-10", "2027-03-10")["days"] == 1


@pytest.mark.parametrize(
    "start, end, kind, message",
    [
        ("2027-03-12", "2027-03-08", "annual", "end is before start"),
        ("2027-02-26", "2027-03-02", "annual", "start is in the past"),
        ("2027-02-26", "2027-03-02", "unpaid", "start is in the past"),
        ("2027-03-13", "2027-03-14", "annual", "the request covers no working days"),
        ("2027-12-30", "2028-01-04", "annual", "a request cannot span two years; split it"),
    ],
)
def test_invalid_requests(client, as_user, start, end, kind, message):
    response = client.post("/requests", json={"kind": kind, "start": start, "end": end}, headers=as_user("eve"))
    assert response.status_code == 422
    assert response.json() == {"detail": message}


def test_sick_leave_may_be_recorded_afterwards(client, as_user):
    req = create(client, as_user("eve"), "2027-02-25", "2027-02-26", kind="sick")
    assert req["days"] == 2


def test_starting_today_is_allowed(client, as_user):
    assert create(client, as_user("eve"), "2027-03-01", "2027-03-01")["days"] == 1


def test_unknown_kind(client, as_user):
    response = client.post("/requests", json={"kind": "sabbatical", "start": "2027-03-08", "end": "2027-03-08"},
                           headers=as_user("eve"))
    assert response.status_code == 422


def test_requires_a_token(client):
    assert client.post("/requests", json={"kind": "annual", "start": "2027-03-08",
                                          "end": "2027-03-08"}).status_code == 401


# --- allowance ------------------------------------------------------------------------------------------


def test_the_allowance_can_be_used_exactly(client, as_user):
    eve = as_user("eve")
    submitted(client, eve, "2027-03-08", "2027-03-12")
    last = submitted(client, eve, "2027-04-05", "2027-04-09")  # 5 + 5 = 10, the whole allowance
    assert last["status"] == "submitted"
    one_more = create(client, eve, "2027-05-03", "2027-05-03")
    response = client.post(f"/requests/{one_more['id']}/submit", headers=eve)
    assert response.status_code == 409
    assert response.json() == {"detail": "exceeds the annual allowance: 0 days left"}


def test_pending_requests_count_against_the_allowance(client, as_user):
    eve = as_user("eve")
    submitted(client, eve, "2027-03-08", "2027-03-15")  # 6 days, not decided yet
    second = create(client, eve, "2027-04-05", "2027-04-09")
    response = client.post(f"/requests/{second['id']}/submit", headers=eve)
    assert response.status_code == 409
    assert response.json()["detail"] == "exceeds the annual allowance: 4 days left"


def test_unpaid_and_sick_leave_do_not_use_the_allowance(client, as_user):
    eve = as_user("eve")
    submitted(client, eve, "2027-03-01", "2027-03-12", kind="unpaid")
    submitted(client, eve, "2027-03-15", "2027-03-26", kind="sick")
    assert submitted(client, eve, "2027-04-05", "2027-04-16")["days"] == 10


def test_allowance_is_per_calendar_year(client, as_user):
    eve = as_user("eve")
    submitted(client, eve, "2027-03-01", "2027-03-12")
    assert submitted(client, eve, "2028-01-03", "2028-01-14")["days"] == 10


def test_rejected_and_cancelled_days_come_back(client, as_user):
    eve = as_user("eve")
    first = submitted(client, eve, "2027-03-01", "2027-03-12")
    client.post(f"/requests/{first['id']}/reject", json={"reason": "release week"}, headers=as_user("mia"))
    second = submitted(client, eve, "2027-04-05", "2027-04-16")
    client.post(f"/requests/{second['id']}/cancel", headers=eve)
    assert submitted(client, eve, "2027-05-03", "2027-05-14")["days"] == 10


def test_balance(client, as_user):
    approved(client, as_user, "eve", "2027-03-08", "2027-03-12")
    submitted(client, as_user("eve"), "2027-04-05", "2027-04-07")
    create(client, as_user("eve"), "2027-05-03", "2027-05-03")  # drafts do not count
    response = client.get("/balance", headers=as_user("eve"))
    assert response.json() == {"year": 2027, "allowance": 10, "approved": 5, "pending": 3, "remaining": 2}


def test_balance_for_another_year(client, as_user):
    approved(client, as_user, "eve", "2027-03-08", "2027-03-12")
    response = client.get("/balance", params={"year": 2028}, headers=as_user("eve"))
    assert response.json()["remaining"] == 10


# --- deciding -------------------------------------------------------------------------------------------


def test_manager_approves(client, as_user, users):
    req = approved(client, as_user, "eve", "2027-03-08", "2027-03-12")
    assert req["status"] == "approved"
    assert req["decided_by"] == users["mia"]


def test_manager_rejects_with_a_reason(client, as_user):
    req = submitted(client, as_user("eve"), "2027-03-08", "2027-03-12")
    response = client.post(f"/requests/{req['id']}/reject", json={"reason": "release week"},
                           headers=as_user("mia"))
    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    assert response.json()["reason"] == "release week"


def test_reject_needs_a_reason(client, as_user):
    req = submitted(client, as_user("eve"), "2027-03-08", "2027-03-12")
    response = client.post(f"/requests/{req['id']}/reject", json={"reason": ""}, headers=as_user("mia"))
    assert response.status_code == 422


def test_employees_cannot_approve_their_own(client, as_user):
    req = submitted(client, as_user("eve"), "2027-03-08", "2027-03-12")
    response = client.post(f"/requests/{req['id']}/approve", headers=as_user("eve"))
    assert response.status_code == 403


def test_managers_cannot_approve_their_own(client, as_user):
    req = submitted(client, as_user("mia"), "2027-03-08", "2027-03-12")
    response = client.post(f"/requests/{req['id']}/approve", headers=as_user("mia"))
    assert response.status_code == 403
    assert response.json() == {"detail": "only the requester's manager can decide"}


def test_teammates_cannot_see_each_others_requests(client, as_user):
    req = submitted(client, as_user("eve"), "2027-03-08", "2027-03-12")
    assert client.get(f"/requests/{req['id']}", headers=as_user("ben")).status_code == 404
    assert client.post(f"/requests/{req['id']}/approve", headers=as_user("ben")).status_code == 404


def test_another_teams_manager_gets_404(client, as_user):
    req = submitted(client, as_user("eve"), "2027-03-08", "2027-03-12")
    assert client.get(f"/requests/{req['id']}", headers=as_user("otto")).status_code == 404
    assert client.post(f"/requests/{req['id']}/approve", headers=as_user("otto")).status_code == 404


def test_only_submitted_requests_are_decided(client, as_user):
    draft = create(client, as_user("eve"), "2027-03-08", "2027-03-12")
    response = client.post(f"/requests/{draft['id']}/approve", headers=as_user("mia"))
    assert response.status_code == 409
    assert response.json() == {"detail": "cannot decide a draft request"}
    done = approved(client, as_user, "eve", "2027-04-05", "2027-04-06")
    assert client.post(f"/requests/{done['id']}/reject", json={"reason": "x"},
                       headers=as_user("mia")).status_code == 409


def test_submit_twice(client, as_user):
    req = submitted(client, as_user("eve"), "2027-03-08", "2027-03-12")
    response = client.post(f"/requests/{req['id']}/submit", headers=as_user("eve"))
    assert response.status_code == 409


def test_manager_cannot_submit_for_a_report(client, as_user):
    req = create(client, as_user("eve"), "2027-03-08", "2027-03-12")
    assert client.post(f"/requests/{req['id']}/submit", headers=as_user("mia")).status_code == 403


# --- cancelling -----------------------------------------------------------------------------------------


def test_cancel_a_draft_or_a_submitted_request(client, as_user):
    eve = as_user("eve")
    draft = create(client, eve, "2027-03-08", "2027-03-12")
    pending = submitted(client, eve, "2027-04-05", "2027-04-06")
    for req in (draft, pending):
        response = client.post(f"/requests/{req['id']}/cancel", headers=eve)
        assert response.status_code == 200
        assert response.json()["status"] == "cancelled"


def test_cancel_approved_leave_before_it_starts(client, as_user, clock):
    req = approved(client, as_user, "eve", "2027-03-08", "2027-03-12")
    clock.set(datetime(2027, 3, 7, 23, 59, tzinfo=UTC))
    response = client.post(f"/requests/{req['id']}/cancel", headers=auth(login(client, "eve")))
    assert response.status_code == 200


def test_approved_leave_cannot_be_cancelled_once_started(client, as_user, clock):
    req = approved(client, as_user, "eve", "2027-03-08", "2027-03-12")
    clock.set(datetime(2027, 3, 8, 7, 0, tzinfo=UTC))
    response = client.post(f"/requests/{req['id']}/cancel", headers=auth(login(client, "eve")))
    assert response.status_code == 409
    assert response.json() == {"detail": "approved leave that has started cannot be cancelled"}


def test_cancel_twice(client, as_user):
    req = create(client, as_user("eve"), "2027-03-08", "2027-03-12")
    client.post(f"/requests/{req['id']}/cancel", headers=as_user("eve"))
    assert client.post(f"/requests/{req['id']}/cancel", headers=as_user("eve")).status_code == 409


def test_only_the_requester_cancels(client, as_user):
    req = submitted(client, as_user("eve"), "2027-03-08", "2027-03-12")
    assert client.post(f"/requests/{req['id']}/cancel", headers=as_user("mia")).status_code == 403
