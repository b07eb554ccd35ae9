from datetime import timedelta

from cfp.auth import get_now
from tests.conftest import CLOSES, OLGA, SAM, TESS, move, propose, url


def test_submit_records_the_time(client, conference, clock):
    p = propose(client, conference)
    r = move(client, p, "submitted")
    assert r.status_code == 200
    assert r.json()["status"] == "submitted"
    assert r.json()["submitted_at"] == clock.now.isoformat()


def test_submit_just_before_close(client, conference, clock):
    p = propose(client, conference)
    clock.now = CLOSES - timedelta(seconds=1)
    assert move(client, p, "submitted").status_code == 200


def test_submit_at_closing_time_refused(client, conference, clock):
    p = propose(client, conference)
    clock.now = CLOSES
    r = move(client, p, "submitted")
    assert r.status_code == 409
    assert client.get(url(p), headers=SAM).json()["status"] == "draft"


def test_submit_uses_the_injected_now(app, client, conference):
    p = propose(client, conference)
    app.dependency_overrides[get_now] = lambda: CLOSES + timedelta(days=1)
    try:
        assert move(client, p, "submitted").status_code == 409
    finally:
        app.dependency_overrides.clear()
    assert move(client, p, "submitted").status_code == 200


def test_only_the_speaker_submits(client, conference):
    p = propose(client, conference)
    move(client, p, "submitted")
    assert move(client, p, "withdrawn", headers=OLGA).status_code == 403


def test_decisions_wait_for_the_close(client, conference, clock):
    p = propose(client, conference)
    move(client, p, "submitted")
    assert move(client, p, "accepted", headers=OLGA).status_code == 409
    clock.now = CLOSES
    r = move(client, p, "accepted", headers=OLGA)
    assert r.status_code == 200
    assert r.json()["status"] == "accepted"


def test_speaker_cannot_accept_own_proposal(client, conference, clock):
    p = propose(client, conference)
    move(client, p, "submitted")
    clock.now = CLOSES + timedelta(hours=1)
    assert move(client, p, "accepted").status_code == 403


def test_draft_cannot_be_accepted(client, conference, clock):
    p = propose(client, conference)
    clock.now = CLOSES + timedelta(hours=1)
    # the organiser cannot see a draft at all
    assert move(client, p, "accepted", headers=OLGA).status_code == 404


def test_rejected_is_final(client, conference, clock):
    p = propose(client, conference)
    move(client, p, "submitted")
    clock.now = CLOSES + timedelta(hours=1)
    assert move(client, p, "rejected", headers=OLGA).status_code == 200
    assert move(client, p, "withdrawn").status_code == 409
    assert move(client, p, "accepted", headers=OLGA).status_code == 409
    assert client.get(url(p), headers=SAM).json()["status"] == "rejected"


def test_accepted_can_be_withdrawn(client, conference, clock):
    p = propose(client, conference)
    move(client, p, "submitted")
    clock.now = CLOSES + timedelta(hours=1)
    move(client, p, "accepted", headers=OLGA)
    r = move(client, p, "withdrawn")
    assert r.status_code == 200
    assert move(client, p, "submitted").status_code == 409


def test_speaker_limit_per_conference(client, conference):
    first = propose(client, conference, title="First talk")
    second = propose(client, conference, title="Second talk")
    third = propose(client, conference, title="Third talk")
    assert move(client, first, "submitted").status_code == 200
    assert move(client, second, "submitted").status_code == 200
    r = move(client, third, "submitted")
    assert r.status_code == 409
    assert "at most 2" in r.json()["detail"]


def test_withdrawn_proposals_free_a_slot(client, conference):
    first = propose(client, conference, title="First talk")
    second = propose(client, conference, title="Second talk")
    third = propose(client, conference, title="Third talk")
    move(client, first, "submitted")
    move(client, second, "submitted")
    assert move(client, first, "withdrawn").status_code == 200
    assert move(client, third, "submitted").status_code == 200


def test_limit_is_per_speaker(client, conference):
    for title in ("Sam one", "Sam two"):
        assert move(client, propose(client, conference, title=title), "submitted").status_code == 200
    tess = propose(client, conference, headers=TESS, title="Tess one")
    assert move(client, tess, "submitted", headers=TESS).status_code == 200


def test_unknown_status_is_422(client, conference):
    p = propose(client, conference)
    assert move(client, p, "published").status_code == 422
