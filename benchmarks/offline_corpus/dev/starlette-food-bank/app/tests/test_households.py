import pytest

from conftest import new_household


def test_create(bob):
    response = bob.post("/households", json={"name": "  Okafor ", "size": 3})
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Okafor"
    assert body["status"] == "active"
    assert (body["allowance"], body["used_this_week"], body["remaining"]) == (20, 0, 20)
    assert bob.get(f"/households/{body['id']}").json() == body


@pytest.mark.parametrize(
    "body, field",
    [
        ({"name": "", "size": 1}, "name"),
        ({"name": "x" * 101, "size": 1}, "name"),
        ({"name": "Ng", "size": 0}, "size"),
        ({"name": "Ng", "size": 13}, "size"),
        ({"name": "Ng", "size": True}, "size"),
        ({"name": "Ng", "size": "2"}, "size"),
        ({"name": "Ng"}, "size"),
    ],
)
def test_invalid_households(bob, body, field):
    response = bob.post("/households", json=body)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert field in response.json()["fields"]


def test_largest_household(bob):
    assert new_household(bob, size=12)["allowance"] == 40


def test_not_json(bob):
    response = bob.post("/households", content=b"name=x", headers={"Content-Type": "text/plain"})
    assert response.status_code == 400


def test_other_sites_get_404(bob, volunteer):
    household = new_household(bob)
    cat = volunteer("cat")
    response = cat.get(f"/households/{household['id']}")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "no such household"}
    assert cat.post(f"/households/{household['id']}/visits", json={"items": [{"item": "rice"}]}).status_code == 404
    assert cat.get(f"/households/{household['id']}/visits").status_code == 404


def test_colleagues_at_the_same_site_share_households(bob, volunteer):
    household = new_household(bob)
    assert volunteer("dee").get(f"/households/{household['id']}").status_code == 200


# --- status -----------------------------------------------------------------------------------------------


def set_status(client, household_id, status):
    return client.post(f"/households/{household_id}/status", json={"status": status})


def test_coordinator_suspends_and_reinstates(bob, volunteer):
    household = new_household(bob)
    ann = volunteer("ann")
    response = set_status(ann, household["id"], "suspended")
    assert response.status_code == 200
    assert response.json()["status"] == "suspended"
    assert set_status(ann, household["id"], "active").json()["status"] == "active"


def test_volunteers_cannot_change_status(bob):
    household = new_household(bob)
    response = set_status(bob, household["id"], "suspended")
    assert response.status_code == 403
    assert bob.get(f"/households/{household['id']}").json()["status"] == "active"


def test_closed_is_final(bob, volunteer):
    household = new_household(bob)
    ann = volunteer("ann")
    assert set_status(ann, household["id"], "closed").status_code == 200
    for status in ("active", "suspended", "closed"):
        response = set_status(ann, household["id"], status)
        assert response.status_code == 409
        assert response.json()["code"] == "bad_transition"


def test_same_status_is_not_a_transition(bob, volunteer):
    household = new_household(bob)
    assert set_status(volunteer("ann"), household["id"], "active").status_code == 409


def test_unknown_status(bob, volunteer):
    household = new_household(bob)
    assert set_status(volunteer("ann"), household["id"], "paused").status_code == 400


# --- listing ----------------------------------------------------------------------------------------------


@pytest.fixture
def households(bob, volunteer, clock):
    made = {}
    for name in ("okafor", "Abbott", "Zielinski", "McOkane"):
        made[name] = new_household(bob, name=name)["id"]
        clock.advance(minutes=5)
    set_status(volunteer("ann"), made["Zielinski"], "suspended")
    new_household(volunteer("cat"), name="Okapi")
    return made


def names(response):
    assert response.status_code == 200, response.text
    return [h["name"] for h in response.json()["items"]]


def test_list_sorted_by_name_ignoring_case(bob, households):
    assert names(bob.get("/households")) == ["Abbott", "McOkane", "okafor", "Zielinski"]
    assert bob.get("/households").json()["total"] == 4


def test_newest_first(bob, households):
    assert names(bob.get("/households?sort=-created")) == ["McOkane", "Zielinski", "Abbott", "okafor"]


def test_search_is_case_insensitive(bob, households):
    assert names(bob.get("/households?q=OKA")) == ["McOkane", "okafor"]


def test_status_filter(bob, households):
    assert names(bob.get("/households?status=suspended")) == ["Zielinski"]
    assert bob.get("/households?status=active").json()["total"] == 3


def test_limit_offset(bob, households):
    response = bob.get("/households?limit=2&offset=1")
    assert names(response) == ["McOkane", "okafor"]
    assert response.json()["total"] == 4


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "offset=-1", "limit=x", "sort=size", "status=gone"])
def test_bad_list_parameters(bob, query):
    assert bob.get(f"/households?{query}").status_code == 400
