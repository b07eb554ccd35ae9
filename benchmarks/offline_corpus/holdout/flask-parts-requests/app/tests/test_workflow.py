def test_full_workflow_issues_stock(tech, store, new_request):
    req = new_request(quantity=2)
    assert tech.post(f"/requests/{req['id']}/submit").get_json()["status"] == "submitted"
    assert store.post(f"/requests/{req['id']}/approve").get_json()["status"] == "approved"
    issued = store.post(f"/requests/{req['id']}/issue")
    assert issued.status_code == 200
    assert issued.get_json()["status"] == "issued"
    assert store.get("/parts/FLT-10").get_json()["stock"] == 3


def test_submit_twice_conflicts(tech, new_request):
    req = new_request()
    tech.post(f"/requests/{req['id']}/submit")
    assert tech.post(f"/requests/{req['id']}/submit").status_code == 409


def test_technician_cannot_approve_or_issue(tech, new_request):
    req = new_request()
    tech.post(f"/requests/{req['id']}/submit")
    assert tech.post(f"/requests/{req['id']}/approve").status_code == 403
    assert tech.post(f"/requests/{req['id']}/issue").status_code == 403
    assert tech.post("/parts", json={"sku": "X", "name": "x", "stock": 1}).status_code == 403


def test_draft_cannot_be_approved_and_submitted_cannot_be_issued(tech, store, new_request):
    req = new_request()
    assert store.post(f"/requests/{req['id']}/approve").status_code == 409
    tech.post(f"/requests/{req['id']}/submit")
    assert store.post(f"/requests/{req['id']}/issue").status_code == 409
    assert store.get("/parts/FLT-10").get_json()["stock"] == 5


def test_rejected_cannot_be_issued(tech, store, new_request):
    req = new_request()
    tech.post(f"/requests/{req['id']}/submit")
    assert store.post(f"/requests/{req['id']}/reject").get_json()["status"] == "rejected"
    assert store.post(f"/requests/{req['id']}/issue").status_code == 409


def test_issue_all_remaining_stock_then_short(tech, store, new_request):
    first = new_request(quantity=5)
    second = new_request(quantity=1)
    for req in (first, second):
        tech.post(f"/requests/{req['id']}/submit")
        store.post(f"/requests/{req['id']}/approve")
    assert store.post(f"/requests/{first['id']}/issue").status_code == 200
    assert store.get("/parts/FLT-10").get_json()["stock"] == 0
    assert store.post(f"/requests/{second['id']}/issue").status_code == 409
    assert store.get(f"/requests/{second['id']}").get_json()["status"] == "approved"
