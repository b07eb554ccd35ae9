from tests.conftest import log


def approve(client, headers, user_id, week):
    return client.post(f"/users/{user_id}/weeks/{week}/approval", headers=headers)


def test_manager_sees_and_approves_a_reports_week(client, staff):
    headers, ids = staff
    log(client, headers["sam"], "2031-03-10T09:00", "2031-03-10T17:00")
    log(client, headers["sam"], "2031-03-11T09:00", "2031-03-11T13:15")
    week = client.get(f"/users/{ids['sam']}/weeks/2031-W11", headers=headers["mia"]).get_json()
    assert week["total_hours"] == 12.25
    assert week["entries"] == 2
    assert week["approved"] is False
    response = approve(client, headers["mia"], ids["sam"], "2031-W11")
    assert response.status_code == 201
    assert response.get_json() == {"user_id": ids["sam"], "week": "2031-W11", "approved_by": ids["mia"]}
    week = client.get(f"/users/{ids['sam']}/weeks/2031-W11", headers=headers["sam"]).get_json()
    assert week["approved"] is True
    assert week["approved_by"] == ids["mia"]


def test_only_the_users_own_manager_approves(client, staff):
    headers, ids = staff
    log(client, headers["sam"], "2031-03-10T09:00", "2031-03-10T17:00")
    assert approve(client, headers["lee"], ids["sam"], "2031-W11").status_code == 403  # a manager, not sam's
    assert approve(client, headers["kim"], ids["sam"], "2031-W11").status_code == 403  # a colleague
    assert approve(client, headers["sam"], ids["sam"], "2031-W11").status_code == 403  # themself
    assert client.get(f"/users/{ids['sam']}/weeks/2031-W11", headers=headers["sam"]).get_json()["approved"] is False


def test_week_view_is_for_the_user_and_their_manager(client, staff):
    headers, ids = staff
    assert client.get(f"/users/{ids['sam']}/weeks/2031-W11", headers=headers["kim"]).status_code == 403
    assert client.get(f"/users/{ids['sam']}/weeks/2031-W11", headers=headers["lee"]).status_code == 403
    assert client.get(f"/users/{ids['sam']}/weeks/2031-W11", headers=headers["mia"]).status_code == 200
    assert client.get("/users/999/weeks/2031-W11", headers=headers["mia"]).status_code == 404
    assert client.get(f"/users/{ids['sam']}/weeks/2031-W99", headers=headers["mia"]).status_code == 400


def test_approving_twice_is_a_conflict(client, staff):
    headers, ids = staff
    assert approve(client, headers["mia"], ids["sam"], "2031-W11").status_code == 201
    assert approve(client, headers["mia"], ids["sam"], "2031-W11").status_code == 409


def test_approving_unknown_user_or_bad_week(client, staff):
    headers, ids = staff
    assert approve(client, headers["mia"], 999, "2031-W11").status_code == 404
    assert approve(client, headers["mia"], ids["sam"], "W11").status_code == 400


def test_approved_week_is_locked(client, staff):
    headers, ids = staff
    entry = log(client, headers["sam"], "2031-03-10T09:00", "2031-03-10T17:00").get_json()
    approve(client, headers["mia"], ids["sam"], "2031-W11")
    edit = {"starts_at": "2031-03-10T09:00", "ends_at": "2031-03-10T18:00"}
    assert client.put(f"/entries/{entry['id']}", json=edit, headers=headers["sam"]).status_code == 409
    assert client.delete(f"/entries/{entry['id']}", headers=headers["sam"]).status_code == 409
    assert log(client, headers["sam"], "2031-03-12T09:00", "2031-03-12T10:00").status_code == 409
    assert client.get(f"/entries/{entry['id']}", headers=headers["sam"]).get_json()["hours"] == 8


def test_an_entry_cannot_be_moved_into_or_out_of_an_approved_week(client, staff):
    headers, ids = staff
    locked = log(client, headers["sam"], "2031-03-10T09:00", "2031-03-10T17:00").get_json()
    loose = log(client, headers["sam"], "2031-03-18T09:00", "2031-03-18T12:00").get_json()
    approve(client, headers["mia"], ids["sam"], "2031-W11")
    into = {"starts_at": "2031-03-12T09:00", "ends_at": "2031-03-12T12:00"}
    assert client.put(f"/entries/{loose['id']}", json=into, headers=headers["sam"]).status_code == 409
    out_of = {"starts_at": "2031-03-19T09:00", "ends_at": "2031-03-19T17:00"}
    assert client.put(f"/entries/{locked['id']}", json=out_of, headers=headers["sam"]).status_code == 409
    assert client.get(f"/entries/{loose['id']}", headers=headers["sam"]).get_json()["week"] == "2031-W12"


def test_other_weeks_and_other_users_stay_open(client, staff):
    headers, ids = staff
    approve(client, headers["mia"], ids["sam"], "2031-W11")
    assert log(client, headers["sam"], "2031-03-18T09:00", "2031-03-18T10:00").status_code == 201
    assert log(client, headers["kim"], "2031-03-12T09:00", "2031-03-12T10:00").status_code == 201
