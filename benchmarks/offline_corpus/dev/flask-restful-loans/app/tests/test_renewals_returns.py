import pytest
from conftest import ALICE, LIBRARIAN


@pytest.fixture
def loan_id(borrow):
    return borrow(1).get_json()["id"]


def renew(client, loan_id, headers=ALICE):
    return client.post(f"/loans/{loan_id}/renew", headers=headers)


def give_back(client, loan_id):
    return client.post(f"/loans/{loan_id}/return", headers=LIBRARIAN)


def test_renewal_extends_from_the_due_date(client, loan_id, clock):
    clock.advance(3)
    response = renew(client, loan_id)
    assert response.status_code == 200
    assert response.get_json()["due_on"] == "2026-03-30"
    assert response.get_json()["renewals"] == 1


def test_renewal_allowed_on_the_due_date(client, loan_id, clock):
    clock.advance(14)
    response = renew(client, loan_id)
    assert response.status_code == 200
    assert response.get_json()["due_on"] == "2026-03-30"


def test_at_most_two_renewals(client, loan_id):
    assert renew(client, loan_id).status_code == 200
    assert renew(client, loan_id).status_code == 200
    response = renew(client, loan_id)
    assert response.status_code == 409
    loan = client.get(f"/loans/{loan_id}", headers=ALICE).get_json()
    assert loan["renewals"] == 2
    assert loan["due_on"] == "2026-04-13"


def test_no_renewal_when_overdue(client, loan_id, clock):
    clock.advance(15)
    response = renew(client, loan_id)
    assert response.status_code == 409
    assert client.get(f"/loans/{loan_id}", headers=ALICE).get_json()["due_on"] == "2026-03-16"


def test_no_renewal_after_return(client, loan_id):
    give_back(client, loan_id)
    assert renew(client, loan_id).status_code == 409


def test_librarian_may_renew_any_loan(client, loan_id):
    assert renew(client, loan_id, headers=LIBRARIAN).status_code == 200


def test_return_on_time_has_no_fine(client, loan_id, clock):
    clock.advance(14)
    response = give_back(client, loan_id)
    assert response.status_code == 200
    body = response.get_json()
    assert body["returned_on"] == "2026-03-16"
    assert body["fine_cents"] == 0
    assert body["overdue"] is False


def test_late_return_fined_per_day(client, loan_id, clock):
    clock.advance(14 + 3)
    assert give_back(client, loan_id).get_json()["fine_cents"] == 75


def test_one_day_late(client, loan_id, clock):
    clock.advance(15)
    assert give_back(client, loan_id).get_json()["fine_cents"] == 25


def test_fine_is_capped(client, loan_id, clock):
    clock.advance(14 + 50)
    assert give_back(client, loan_id).get_json()["fine_cents"] == 1000


def test_fine_just_under_the_cap(client, loan_id, clock):
    clock.advance(14 + 39)
    assert give_back(client, loan_id).get_json()["fine_cents"] == 975


def test_fine_uses_the_renewed_due_date(client, loan_id, clock):
    renew(client, loan_id)
    clock.advance(28 + 2)
    assert give_back(client, loan_id).get_json()["fine_cents"] == 50


def test_cannot_return_twice(client, loan_id):
    assert give_back(client, loan_id).status_code == 200
    assert give_back(client, loan_id).status_code == 409


def test_return_unknown_loan(client):
    assert give_back(client, 404).status_code == 404


def test_member_cannot_return(client, loan_id):
    assert client.post(f"/loans/{loan_id}/return", headers=ALICE).status_code == 403
    assert client.get(f"/loans/{loan_id}", headers=ALICE).get_json()["returned_on"] is None
