import pytest


@pytest.fixture
def ticket_and_people(customer, agent, open_ticket):
    carol = customer()
    alex = agent()
    return open_ticket(carol), carol, alex


def move(client, ticket, status, headers):
    return client.post(f"/tickets/{ticket['id']}/status", json={"status": status}, headers=headers)


def test_agent_moves_a_ticket_through_the_workflow(client, clock, ticket_and_people):
    ticket, carol, alex = ticket_and_people
    assert move(client, ticket, "in_progress", alex).get_json()["status"] == "in_progress"
    clock.advance(hours=2)
    resolved = move(client, ticket, "resolved", alex).get_json()
    assert resolved["status"] == "resolved"
    assert resolved["resolved_at"] == "2026-03-02T11:00:00Z"
    assert move(client, ticket, "closed", alex).get_json()["status"] == "closed"
    assert client.get(f"/tickets/{ticket['id']}", headers=carol).get_json()["status"] == "closed"


def test_skipping_a_step_is_409(client, ticket_and_people):
    ticket, _, alex = ticket_and_people
    assert move(client, ticket, "resolved", alex).status_code == 409
    assert move(client, ticket, "closed", alex).status_code == 409
    assert client.get(f"/tickets/{ticket['id']}", headers=alex).get_json()["status"] == "open"


def test_stepping_back_is_409(client, ticket_and_people):
    ticket, _, alex = ticket_and_people
    move(client, ticket, "in_progress", alex)
    assert move(client, ticket, "open", alex).status_code == 409
    assert move(client, ticket, "in_progress", alex).status_code == 409


def test_unknown_status_is_400(client, ticket_and_people):
    ticket, _, alex = ticket_and_people
    assert move(client, ticket, "done", alex).status_code == 400


def test_customer_reopens_a_resolved_ticket(client, ticket_and_people):
    ticket, carol, alex = ticket_and_people
    move(client, ticket, "in_progress", alex)
    move(client, ticket, "resolved", alex)
    response = move(client, ticket, "open", carol)
    assert response.status_code == 200
    assert response.get_json()["status"] == "open"
    assert response.get_json()["resolved_at"] is None


def test_agent_cannot_reopen(client, ticket_and_people):
    ticket, _, alex = ticket_and_people
    move(client, ticket, "in_progress", alex)
    move(client, ticket, "resolved", alex)
    assert move(client, ticket, "open", alex).status_code == 409
    assert client.get(f"/tickets/{ticket['id']}", headers=alex).get_json()["status"] == "resolved"


def test_closed_tickets_cannot_be_reopened(client, ticket_and_people):
    ticket, carol, alex = ticket_and_people
    for status in ("in_progress", "resolved", "closed"):
        move(client, ticket, status, alex)
    assert move(client, ticket, "open", carol).status_code == 403
    assert client.get(f"/tickets/{ticket['id']}", headers=carol).get_json()["status"] == "closed"


def test_customers_cannot_work_tickets(client, ticket_and_people):
    ticket, carol, _ = ticket_and_people
    assert move(client, ticket, "in_progress", carol).status_code == 403
