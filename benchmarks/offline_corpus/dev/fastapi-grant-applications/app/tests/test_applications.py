def test_create_draft(client, alice, draft):
    app = draft(alice, amount=50000)
    assert app["status"] == "draft"
    assert app["owner_id"] == alice["id"]
    assert app["amount"] == 50000


def test_amount_bounds(client, alice):
    for amount in (0, 50001):
        response = client.post("/applications", json={"title": "x", "amount": amount}, headers=alice["headers"])
        assert response.status_code == 422
    ok = client.post("/applications", json={"title": "x", "amount": 1}, headers=alice["headers"])
    assert ok.status_code == 201


def test_reviewer_cannot_create(client, reviewer):
    response = client.post("/applications", json={"title": "x", "amount": 10}, headers=reviewer["headers"])
    assert response.status_code == 403


def test_quota_of_three_open(client, alice, draft):
    for n in range(3):
        draft(alice, title=f"Idea {n}")
    response = client.post("/applications", json={"title": "Fourth", "amount": 10}, headers=alice["headers"])
    assert response.status_code == 409


def test_closed_applications_free_the_quota(client, alice, reviewer, draft):
    first = draft(alice)
    second = draft(alice)
    draft(alice)
    client.post(f"/applications/{first['id']}/withdraw", headers=alice["headers"])
    client.post(f"/applications/{second['id']}/submit", headers=alice["headers"])
    client.post(f"/applications/{second['id']}/decision", json={"decision": "reject"}, headers=reviewer["headers"])
    assert client.post("/applications", json={"title": "a", "amount": 5}, headers=alice["headers"]).status_code == 201
    assert client.post("/applications", json={"title": "b", "amount": 5}, headers=alice["headers"]).status_code == 201
    assert client.post("/applications", json={"title": "c", "amount": 5}, headers=alice["headers"]).status_code == 409


def test_others_application_is_not_found(client, alice, bob, draft):
    app = draft(alice)
    assert client.get(f"/applications/{app['id']}", headers=bob["headers"]).status_code == 404
    assert client.patch(f"/applications/{app['id']}", json={"amount": 1}, headers=bob["headers"]).status_code == 404
    assert client.post(f"/applications/{app['id']}/submit", headers=bob["headers"]).status_code == 404
    assert client.get("/applications", headers=bob["headers"]).json() == []


def test_edit_only_drafts(client, alice, draft):
    app = draft(alice)
    edited = client.patch(f"/applications/{app['id']}", json={"amount": 900}, headers=alice["headers"])
    assert edited.status_code == 200
    assert edited.json()["amount"] == 900
    assert edited.json()["title"] == "Community garden"
    client.post(f"/applications/{app['id']}/submit", headers=alice["headers"])
    response = client.patch(f"/applications/{app['id']}", json={"amount": 5}, headers=alice["headers"])
    assert response.status_code == 409
    assert client.get(f"/applications/{app['id']}", headers=alice["headers"]).json()["amount"] == 900


def test_submit_persists_and_twice_conflicts(client, alice, draft):
    app = draft(alice)
    assert client.post(f"/applications/{app['id']}/submit", headers=alice["headers"]).json()["status"] == "submitted"
    assert client.get(f"/applications/{app['id']}", headers=alice["headers"]).json()["status"] == "submitted"
    assert client.post(f"/applications/{app['id']}/submit", headers=alice["headers"]).status_code == 409


def test_reviewer_sees_all_but_drafts(client, alice, bob, reviewer, draft):
    hidden = draft(alice, title="hidden")
    shown = draft(bob, title="shown")
    client.post(f"/applications/{shown['id']}/submit", headers=bob["headers"])
    titles = [a["title"] for a in client.get("/applications", headers=reviewer["headers"]).json()]
    assert titles == ["shown"]
    assert client.get(f"/applications/{hidden['id']}", headers=reviewer["headers"]).status_code == 404
    assert client.get(f"/applications/{shown['id']}", headers=reviewer["headers"]).status_code == 200


def test_decisions(client, alice, reviewer, draft):
    app = draft(alice)
    other = draft(alice)
    client.post(f"/applications/{app['id']}/submit", headers=alice["headers"])
    client.post(f"/applications/{other['id']}/submit", headers=alice["headers"])
    approved = client.post(
        f"/applications/{app['id']}/decision", json={"decision": "approve", "note": "good"}, headers=reviewer["headers"]
    )
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"
    assert approved.json()["reviewer_id"] == reviewer["id"]
    again = client.post(f"/applications/{app['id']}/decision", json={"decision": "reject"}, headers=reviewer["headers"])
    assert again.status_code == 409
    rejected = client.post(
        f"/applications/{other['id']}/decision", json={"decision": "reject"}, headers=reviewer["headers"]
    )
    assert rejected.json()["status"] == "rejected"
    listed = client.get("/applications?status=approved", headers=alice["headers"]).json()
    assert [a["id"] for a in listed] == [app["id"]]


def test_applicant_cannot_decide(client, alice, draft):
    app = draft(alice)
    client.post(f"/applications/{app['id']}/submit", headers=alice["headers"])
    response = client.post(f"/applications/{app['id']}/decision", json={"decision": "approve"}, headers=alice["headers"])
    assert response.status_code == 403
    assert client.get(f"/applications/{app['id']}", headers=alice["headers"]).json()["status"] == "submitted"


def test_draft_cannot_be_decided(client, alice, reviewer, draft):
    app = draft(alice)
    client.post(f"/applications/{app['id']}/submit", headers=alice["headers"])
    client.post(f"/applications/{app['id']}/withdraw", headers=alice["headers"])
    response = client.post(f"/applications/{app['id']}/decision", json={"decision": "approve"}, headers=reviewer["headers"])
    assert response.status_code == 409


def test_withdraw_rules(client, alice, reviewer, draft):
    app = draft(alice)
    client.post(f"/applications/{app['id']}/submit", headers=alice["headers"])
    client.post(f"/applications/{app['id']}/decision", json={"decision": "approve"}, headers=reviewer["headers"])
    assert client.post(f"/applications/{app['id']}/withdraw", headers=alice["headers"]).status_code == 409
    fresh = draft(alice)
    assert client.post(f"/applications/{fresh['id']}/withdraw", headers=alice["headers"]).json()["status"] == "withdrawn"
