import pytest


def test_customer_opens_a_ticket(client, customer):
    headers = customer()
    response = client.post("/tickets", json={"subject": "  VPN drops  ", "priority": "high"}, headers=headers)
    assert response.status_code == 201
    ticket = response.get_json()
    assert response.headers["Location"] == f"/tickets/{ticket['id']}"
    assert ticket["subject"] == "VPN drops"
    assert ticket["status"] == "open"
    assert ticket["priority"] == "high"
    assert ticket["customer"] == "carol@example.com"
    assert ticket["assignee"] is None
    assert ticket["created_at"] == "2026-03-02T09:00:00Z"
    assert client.get(response.headers["Location"], headers=headers).get_json() == ticket


def test_priority_defaults_to_normal(client, customer):
    response = client.post("/tickets", json={"subject": "Question"}, headers=customer())
    assert response.get_json()["priority"] == "normal"


@pytest.mark.parametrize(
    ("priority", "due"),
    [
        ("urgent", "2026-03-02T13:00:00Z"),
        ("high", "2026-03-02T17:00:00Z"),
        ("normal", "2026-03-03T09:00:00Z"),
        ("low", "2026-03-05T09:00:00Z"),
    ],
)
def test_sla_due_time_follows_priority(customer, open_ticket, priority, due):
    assert open_ticket(customer(), priority=priority)["due_at"] == due


@pytest.mark.parametrize("subject", ["abc", "x" * 120])
def test_subject_length_bounds_are_accepted(client, customer, subject):
    assert client.post("/tickets", json={"subject": subject}, headers=customer()).status_code == 201


@pytest.mark.parametrize(
    "body",
    [
        {"subject": "ab"},
        {"subject": "x" * 121},
        {"subject": "   "},
        {"subject": "Broken", "priority": "critical"},
        {},
    ],
)
def test_invalid_tickets_are_400(client, customer, body):
    headers = customer()
    assert client.post("/tickets", json=body, headers=headers).status_code == 400
    assert client.get("/tickets", headers=headers).get_json() == []


def test_agents_cannot_open_tickets(client, agent):
    assert client.post("/tickets", json={"subject": "Hello"}, headers=agent()).status_code == 403


def test_customers_see_only_their_own_tickets(client, customer, open_ticket):
    carol = customer("carol@example.com")
    dave = customer("dave@example.com", "Dave")
    mine = open_ticket(carol, subject="Carol's ticket")
    theirs = open_ticket(dave, subject="Dave's ticket")

    assert [t["id"] for t in client.get("/tickets", headers=carol).get_json()] == [mine["id"]]
    assert client.get(f"/tickets/{theirs['id']}", headers=carol).status_code == 404
    assert client.get(f"/tickets/{theirs['id']}/comments", headers=carol).status_code == 404
    assert client.post(f"/tickets/{theirs['id']}/comments", json={"body": "hi"}, headers=carol).status_code == 404


def test_agents_see_every_ticket_by_due_time(client, customer, agent, open_ticket):
    carol = customer("carol@example.com")
    dave = customer("dave@example.com", "Dave")
    low = open_ticket(carol, priority="low")
    urgent = open_ticket(dave, priority="urgent")
    normal = open_ticket(carol, priority="normal")
    listed = client.get("/tickets", headers=agent()).get_json()
    assert [t["id"] for t in listed] == [urgent["id"], normal["id"], low["id"]]


def test_unknown_ticket_is_404(client, agent):
    assert client.get("/tickets/99", headers=agent()).status_code == 404


def test_agent_assigns_themselves(client, customer, agent, open_ticket):
    ticket = open_ticket(customer())
    response = client.post(f"/tickets/{ticket['id']}/assign", headers=agent())
    assert response.status_code == 200
    assert response.get_json()["assignee"] == "alex@support.example.com"


def test_customers_cannot_assign(client, customer, open_ticket):
    headers = customer()
    ticket = open_ticket(headers)
    assert client.post(f"/tickets/{ticket['id']}/assign", headers=headers).status_code == 403
