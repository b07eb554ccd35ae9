from tests.conftest import CLOSES, OLGA, SAM, TESS, move, propose, url


def test_requests_need_a_known_bearer_key(client, conference):
    assert client.get(f"/conferences/{conference['id']}").status_code == 401
    r = client.get(
        f"/conferences/{conference['id']}", headers={"Authorization": "Bearer nope"}
    )
    assert r.status_code == 401


def test_conference_must_close_in_the_future(client, clock):
    r = client.post(
        "/conferences",
        json={"name": "Past Con", "cfp_closes_at": clock.now.isoformat()},
        headers=OLGA,
    )
    assert r.status_code == 422


def test_conference_speaker_limit_is_bounded(client):
    body = {"name": "Big Con", "cfp_closes_at": CLOSES.isoformat()}
    assert client.post("/conferences", json={**body, "max_proposals_per_speaker": 6}, headers=OLGA).status_code == 422
    assert client.post("/conferences", json={**body, "max_proposals_per_speaker": 5}, headers=OLGA).status_code == 201


def test_new_proposal_is_a_draft_owned_by_the_caller(client, conference):
    p = propose(client, conference, duration_minutes=45)
    assert p["status"] == "draft"
    assert p["speaker"] == "sam"
    assert p["duration_minutes"] == 45
    assert p["submitted_at"] is None


def test_unknown_conference_is_404(client):
    r = client.post("/conferences/999/proposals", json={"title": "Lost talk"}, headers=SAM)
    assert r.status_code == 404


def test_organiser_cannot_propose_at_own_conference(client, conference):
    r = client.post(
        f"/conferences/{conference['id']}/proposals", json={"title": "My own talk"}, headers=OLGA
    )
    assert r.status_code == 403


def test_invalid_duration_rejected(client, conference):
    r = client.post(
        f"/conferences/{conference['id']}/proposals",
        json={"title": "Odd length", "duration_minutes": 25},
        headers=SAM,
    )
    assert r.status_code == 422


def test_other_speaker_cannot_see_a_proposal(client, conference):
    p = propose(client, conference)
    assert client.get(url(p), headers=TESS).status_code == 404
    assert client.patch(url(p), json={"title": "Hijacked talk"}, headers=TESS).status_code == 404
    assert client.delete(url(p), headers=TESS).status_code == 404
    assert move(client, p, "submitted", headers=TESS).status_code == 404
    assert client.get(url(p), headers=SAM).json()["title"] == "Testing in anger"


def test_organiser_does_not_see_drafts(client, conference):
    p = propose(client, conference)
    assert client.get(url(p), headers=OLGA).status_code == 404
    assert move(client, p, "submitted").status_code == 200
    assert client.get(url(p), headers=OLGA).status_code == 200


def test_proposal_under_another_conference_is_404(client, conference):
    other = client.post(
        "/conferences", json={"name": "Other Con", "cfp_closes_at": CLOSES.isoformat()}, headers=TESS
    ).json()
    p = propose(client, conference)
    assert client.get(f"/conferences/{other['id']}/proposals/{p['id']}", headers=SAM).status_code == 404


def test_speaker_edits_draft(client, conference):
    p = propose(client, conference)
    r = client.patch(url(p), json={"title": "Testing calmly"}, headers=SAM)
    assert r.status_code == 200
    assert r.json()["title"] == "Testing calmly"
    assert r.json()["abstract"] == "A talk."


def test_submitted_proposal_cannot_be_edited_or_deleted(client, conference):
    p = propose(client, conference)
    assert move(client, p, "submitted").status_code == 200
    assert client.patch(url(p), json={"title": "Late change"}, headers=SAM).status_code == 409
    assert client.delete(url(p), headers=SAM).status_code == 409


def test_organiser_cannot_edit_submitted_proposal(client, conference):
    p = propose(client, conference)
    move(client, p, "submitted")
    assert client.patch(url(p), json={"title": "Organiser edit"}, headers=OLGA).status_code == 403


def test_delete_draft(client, conference):
    p = propose(client, conference)
    assert client.delete(url(p), headers=SAM).status_code == 204
    assert client.get(url(p), headers=SAM).status_code == 404
