def test_technician_creates_draft(new_request):
    req = new_request()
    assert req["status"] == "draft"
    assert req["quantity"] == 2
    assert req["sku"] == "FLT-10"


def test_quantity_must_be_positive_whole_number(tech, store):
    for bad in (0, -1, 1.5, "2", True):
        assert tech.post("/requests", json={"sku": "FLT-10", "quantity": bad}).status_code == 400
    assert tech.post("/requests", json={"sku": "FLT-10", "quantity": 1}).status_code == 201


def test_unknown_part_refused(tech, store):
    assert tech.post("/requests", json={"sku": "NOPE", "quantity": 1}).status_code == 400


def test_technician_only_sees_own_requests(make_user, new_request, store):
    other = make_user("otto")
    theirs = new_request(client=other)
    mine = new_request()
    tess = make_user("tess2")
    assert tess.get(f"/requests/{theirs['id']}").status_code == 404
    listed = other.get("/requests").get_json()["items"]
    assert [r["id"] for r in listed] == [theirs["id"]]
    assert store.get(f"/requests/{mine['id']}").status_code == 200
    assert len(store.get("/requests").get_json()["items"]) == 2


def test_edit_only_while_draft(tech, new_request):
    req = new_request()
    assert tech.patch(f"/requests/{req['id']}", json={"quantity": 3}).get_json()["quantity"] == 3
    assert tech.post(f"/requests/{req['id']}/submit").status_code == 200
    assert tech.patch(f"/requests/{req['id']}", json={"quantity": 4}).status_code == 409
    assert tech.get(f"/requests/{req['id']}").get_json()["quantity"] == 3


def test_status_filter_and_pages(tech, new_request):
    ids = [new_request()["id"] for _ in range(5)]
    tech.post(f"/requests/{ids[1]}/submit")
    submitted = tech.get("/requests?status=submitted").get_json()["items"]
    assert [r["id"] for r in submitted] == [ids[1]]
    second = tech.get("/requests?page=2&per_page=2").get_json()["items"]
    assert [r["id"] for r in second] == ids[2:4]
    assert tech.get("/requests?status=lost").status_code == 400
