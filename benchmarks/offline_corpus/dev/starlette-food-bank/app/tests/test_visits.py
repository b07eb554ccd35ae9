from datetime import UTC, datetime

import pytest

from conftest import new_household, visit


def test_record_a_visit(bob, app):
    household = new_household(bob, size=2)
    response = visit(bob, household["id"], ("rice", 2), ("uht-milk", 3), ("fresh-veg", 4))
    assert response.status_code == 201
    body = response.json()
    assert body["points"] == 7
    assert body["volunteer_id"] == app.state.volunteer_ids["bob"]
    assert body["visited_at"] == "2027-06-09T10:00:00"
    after = bob.get(f"/households/{household['id']}").json()
    assert (after["used_this_week"], after["remaining"]) == (7, 8)


def test_the_whole_allowance_can_be_used(bob):
    household = new_household(bob)
    assert visit(bob, household["id"], ("rice", 5)).status_code == 201
    response = visit(bob, household["id"], ("tinned-beans", 1))
    assert response.status_code == 409
    assert response.json() == {"code": "over_allowance", "message": "the basket is over this week's allowance",
                               "points": 1, "remaining": 0}


def test_free_items_are_always_allowed(bob):
    household = new_household(bob)
    visit(bob, household["id"], ("rice", 5))
    assert visit(bob, household["id"], ("fresh-veg", 3)).status_code == 201


def test_over_the_allowance_in_one_basket(bob):
    household = new_household(bob, size=2)
    visit(bob, household["id"], ("nappies", 2))
    response = visit(bob, household["id"], ("cereal", 4))
    assert response.status_code == 409
    assert (response.json()["points"], response.json()["remaining"]) == (8, 7)


def test_big_households_are_capped(bob):
    household = new_household(bob, size=9)
    assert visit(bob, household["id"], ("nappies", 10)).status_code == 201
    assert visit(bob, household["id"], ("rice", 1)).status_code == 409


def test_the_allowance_renews_on_monday(bob, clock):
    household = new_household(bob)
    visit(bob, household["id"], ("rice", 5))
    clock.set(datetime(2027, 6, 13, 23, 59, tzinfo=UTC))  # Sunday night
    assert visit(bob, household["id"], ("rice", 1)).status_code == 409
    clock.set(datetime(2027, 6, 14, 0, 0, tzinfo=UTC))  # Monday
    assert visit(bob, household["id"], ("rice", 5)).status_code == 201


def test_last_weeks_visits_do_not_count(bob, clock):
    clock.set(datetime(2027, 6, 6, 18, 0, tzinfo=UTC))  # Sunday
    household = new_household(bob)
    visit(bob, household["id"], ("rice", 5))
    clock.set(datetime(2027, 6, 7, 9, 0, tzinfo=UTC))  # Monday
    assert bob.get(f"/households/{household['id']}").json()["remaining"] == 10


def test_suspended_households_cannot_collect(bob, volunteer):
    household = new_household(bob)
    volunteer("ann").post(f"/households/{household['id']}/status", json={"status": "suspended"})
    response = visit(bob, household["id"], ("rice", 1))
    assert response.status_code == 409
    assert response.json()["code"] == "not_active"


@pytest.mark.parametrize(
    "items",
    [[], [{"item": "caviar"}], [{"item": "rice", "qty": 0}], [{"item": "rice", "qty": 11}], ["rice"]],
)
def test_bad_baskets(bob, items):
    household = new_household(bob)
    response = bob.post(f"/households/{household['id']}/visits", json={"items": items})
    assert response.status_code == 400
    assert bob.get(f"/households/{household['id']}/visits").json()["total"] == 0


def test_a_custom_catalogue(database, clock):
    from starlette.testclient import TestClient

    from foodbank import create_app
    from foodbank.db import add_volunteer

    from conftest import PASSWORD

    app = create_app(database=database, secret_key="s", clock=clock, catalogue={"soup": 3})
    add_volunteer(database, "eli", PASSWORD, "east")
    client = TestClient(app)
    client.post("/login", data={"username": "eli", "password": PASSWORD})
    household = new_household(client)
    assert visit(client, household["id"], ("soup", 3)).json()["points"] == 9
    assert visit(client, household["id"], ("rice", 1)).status_code == 400


# --- history ----------------------------------------------------------------------------------------------


@pytest.fixture
def history(bob, clock):
    household = new_household(bob, size=12)
    ids = []
    for day in (1, 3, 8, 9):
        clock.set(datetime(2027, 6, day, 12, 0, tzinfo=UTC))
        ids.append(visit(bob, household["id"], ("rice", 1)).json()["id"])
    return household["id"], ids


def visit_ids(response):
    assert response.status_code == 200, response.text
    return [v["id"] for v in response.json()["items"]]


def test_history_newest_first(bob, history):
    household_id, ids = history
    assert visit_ids(bob.get(f"/households/{household_id}/visits")) == ids[::-1]


def test_history_date_range_is_inclusive(bob, history):
    household_id, ids = history
    response = bob.get(f"/households/{household_id}/visits?since=2027-06-03&until=2027-06-08")
    assert visit_ids(response) == [ids[2], ids[1]]
    assert response.json()["total"] == 2


def test_history_pages(bob, history):
    household_id, ids = history
    assert visit_ids(bob.get(f"/households/{household_id}/visits?limit=2&offset=2")) == [ids[1], ids[0]]


def test_history_bad_dates(bob, history):
    household_id, _ = history
    assert bob.get(f"/households/{household_id}/visits?since=June").status_code == 400


# --- undo -------------------------------------------------------------------------------------------------


def test_undo_within_fifteen_minutes(bob, clock):
    household = new_household(bob)
    recorded = visit(bob, household["id"], ("rice", 5)).json()
    clock.advance(minutes=14, seconds=59)
    assert bob.delete(f"/visits/{recorded['id']}").status_code == 204
    assert bob.get(f"/households/{household['id']}").json()["remaining"] == 10


def test_undo_too_late(bob, clock):
    household = new_household(bob)
    recorded = visit(bob, household["id"], ("rice", 5)).json()
    clock.advance(minutes=15)
    response = bob.delete(f"/visits/{recorded['id']}")
    assert response.status_code == 409
    assert response.json()["code"] == "too_late"


def test_coordinator_undoes_any_time(bob, volunteer, clock):
    household = new_household(bob)
    recorded = visit(bob, household["id"], ("rice", 5)).json()
    clock.advance(days=2)
    assert volunteer("ann").delete(f"/visits/{recorded['id']}").status_code == 204


def test_only_the_recorder_undoes(bob, volunteer):
    household = new_household(bob)
    recorded = visit(bob, household["id"], ("rice", 5)).json()
    response = volunteer("dee").delete(f"/visits/{recorded['id']}")
    assert response.status_code == 403
    assert bob.get(f"/households/{household['id']}").json()["remaining"] == 0


def test_other_sites_cannot_undo(bob, volunteer):
    household = new_household(bob)
    recorded = visit(bob, household["id"], ("rice", 5)).json()
    assert volunteer("cat").delete(f"/visits/{recorded['id']}").status_code == 404
    assert bob.delete("/visits/999").status_code == 404
