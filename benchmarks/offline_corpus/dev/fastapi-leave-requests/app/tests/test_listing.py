import pytest


@pytest.fixture
def seeded(client, as_user):
    eve = as_user("eve")
    ids = {}
    for name, start, end in [
        ("april", "2027-04-05", "2027-04-06"),
        ("march", "2027-03-08", "2027-03-09"),
        ("may", "2027-05-03", "2027-05-03"),
        ("next-year", "2028-02-01", "2028-02-02"),
    ]:
        ids[name] = client.post("/requests", json={"kind": "annual", "start": start, "end": end},
                                headers=eve).json()["id"]
    client.post(f"/requests/{ids['may']}/submit", headers=eve)
    client.post("/requests", json={"kind": "annual", "start": "2027-03-10", "end": "2027-03-10"},
                headers=as_user("ben"))
    return ids


def listing(client, headers, **params):
    response = client.get("/requests", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_lists_only_my_requests_by_start(client, as_user, seeded):
    page = listing(client, as_user("eve"))
    assert [r["id"] for r in page["items"]] == [seeded["march"], seeded["april"], seeded["may"], seeded["next-year"]]
    assert page["total"] == 4


def test_newest_start_first(client, as_user, seeded):
    page = listing(client, as_user("eve"), sort="-start")
    assert [r["id"] for r in page["items"]][0] == seeded["next-year"]


def test_sort_by_creation(client, as_user, seeded):
    page = listing(client, as_user("eve"), sort="created")
    assert [r["id"] for r in page["items"]] == [seeded["april"], seeded["march"], seeded["may"], seeded["next-year"]]


def test_filter_by_status_and_year(client, as_user, seeded):
    assert [r["id"] for r in listing(client, as_user("eve"), status="submitted")["items"]] == [seeded["may"]]
    assert listing(client, as_user("eve"), year=2028)["total"] == 1
    assert listing(client, as_user("eve"), year=2027, status="draft")["total"] == 2


def test_limit_and_offset(client, as_user, seeded):
    page = listing(client, as_user("eve"), limit=2, offset=1)
    assert [r["id"] for r in page["items"]] == [seeded["april"], seeded["may"]]
    assert page["total"] == 4
    assert (page["limit"], page["offset"]) == (2, 1)
    assert listing(client, as_user("eve"), offset=10)["items"] == []


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"sort": "days"},
                                    {"status": "done"}])
def test_bad_list_parameters(client, as_user, params):
    assert client.get("/requests", params=params, headers=as_user("eve")).status_code == 422


def test_managers_list_their_team(client, as_user, seeded, users):
    page = listing(client, as_user("mia"), scope="team")
    assert page["total"] == 5
    assert {r["user_id"] for r in page["items"]} == {users["eve"], users["ben"]}
    assert listing(client, as_user("otto"), scope="team")["total"] == 0


def test_employees_cannot_list_a_team(client, as_user, seeded):
    assert client.get("/requests", params={"scope": "team"}, headers=as_user("eve")).status_code == 403
