import pytest

from tripplanner.db import get_db

from .conftest import make_trip


def test_create_and_list_ordered_by_start(ann):
    later = make_trip(ann, "2031-09-01", "2031-09-03", "Later")
    sooner = make_trip(ann, "2031-06-01", "2031-06-02", "Sooner")
    assert [t["id"] for t in ann.get("/trips").get_json()] == [sooner["id"], later["id"]]


def test_same_day_trip_allowed(ann):
    assert make_trip(ann, "2031-07-01", "2031-07-01")["end_date"] == "2031-07-01"


def test_end_before_start_refused(ann):
    response = ann.post("/trips", json={"title": "x", "start_date": "2031-07-02", "end_date": "2031-07-01"})
    assert response.status_code == 400
    assert "end_date" in response.get_json()["errors"]


def test_thirty_days_inclusive(ann):
    assert make_trip(ann, "2031-07-01", "2031-07-30")["id"]
    response = ann.post("/trips", json={"title": "x", "start_date": "2031-07-01", "end_date": "2031-07-31"})
    assert response.status_code == 400
    assert "end_date" in response.get_json()["errors"]


@pytest.mark.parametrize("payload, field", [
    ({"start_date": "2031-07-01", "end_date": "2031-07-02"}, "title"),
    ({"title": "x", "start_date": "07/01/2031", "end_date": "2031-07-02"}, "start_date"),
    ({"title": "x", "start_date": "2031-07-01"}, "end_date"),
])
def test_validation_names_field(ann, payload, field):
    response = ann.post("/trips", json=payload)
    assert response.status_code == 400
    assert field in response.get_json()["errors"]


def test_others_trip_not_found(ann, ben):
    trip = make_trip(ann)
    assert ben.get(f"/trips/{trip['id']}").status_code == 404
    assert ben.delete(f"/trips/{trip['id']}").status_code == 404
    assert ben.post(f"/trips/{trip['id']}/stops", json={"day": "2031-07-02", "place": "x"}).status_code == 404
    assert ben.get("/trips").get_json() == []


def test_stops_inside_trip_including_ends(ann):
    trip = make_trip(ann)
    for day in ("2031-07-10", "2031-07-01", "2031-07-05"):
        assert ann.post(f"/trips/{trip['id']}/stops", json={"day": day, "place": f"P{day[-2:]}"}).status_code == 201
    for day in ("2031-06-30", "2031-07-11"):
        assert ann.post(f"/trips/{trip['id']}/stops", json={"day": day, "place": "x"}).status_code == 400
    stops = ann.get(f"/trips/{trip['id']}").get_json()["stops"]
    assert [s["day"] for s in stops] == ["2031-07-01", "2031-07-05", "2031-07-10"]


def test_update_refuses_orphaning_stops(ann):
    trip = make_trip(ann)
    ann.post(f"/trips/{trip['id']}/stops", json={"day": "2031-07-09", "place": "Bay"})
    response = ann.put(f"/trips/{trip['id']}", json={"title": "Coast", "start_date": "2031-07-01", "end_date": "2031-07-05"})
    assert response.status_code == 409
    assert ann.get(f"/trips/{trip['id']}").get_json()["end_date"] == "2031-07-10"
    ok = ann.put(f"/trips/{trip['id']}", json={"title": "Coast", "start_date": "2031-07-09", "end_date": "2031-07-12"})
    assert ok.status_code == 200
    assert ok.get_json()["start_date"] == "2031-07-09"


def test_delete_removes_stops(app, ann):
    trip = make_trip(ann)
    ann.post(f"/trips/{trip['id']}/stops", json={"day": "2031-07-02", "place": "Bay"})
    assert ann.delete(f"/trips/{trip['id']}").status_code == 204
    assert ann.get(f"/trips/{trip['id']}").status_code == 404
    with app.app_context():
        assert get_db().execute("SELECT COUNT(*) FROM stop").fetchone()[0] == 0


def test_stop_deleted_only_through_its_trip(ann, ben):
    mine = make_trip(ann)
    theirs = make_trip(ben)
    stop = ben.post(f"/trips/{theirs['id']}/stops", json={"day": "2031-07-02", "place": "Ben's"}).get_json()
    assert ann.delete(f"/trips/{mine['id']}/stops/{stop['id']}").status_code == 404
    assert len(ben.get(f"/trips/{theirs['id']}").get_json()["stops"]) == 1
    assert ben.delete(f"/trips/{theirs['id']}/stops/{stop['id']}").status_code == 204
