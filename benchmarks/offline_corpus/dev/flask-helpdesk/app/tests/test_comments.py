def test_customer_and_agent_comment(client, clock, customer, agent, open_ticket):
    carol = customer()
    alex = agent()
    ticket = open_ticket(carol)
    first = client.post(f"/tickets/{ticket['id']}/comments", json={"body": "Any news?"}, headers=carol)
    assert first.status_code == 201
    clock.advance(minutes=5)
    second = client.post(f"/tickets/{ticket['id']}/comments", json={"body": "Looking now"}, headers=alex)
    assert second.status_code == 201
    assert second.get_json()["created_at"] == "2026-03-02T09:05:00Z"

    comments = client.get(f"/tickets/{ticket['id']}/comments", headers=carol).get_json()
    assert [(c["author"], c["body"]) for c in comments] == [
        ("carol@example.com", "Any news?"),
        ("alex@support.example.com", "Looking now"),
    ]


def test_internal_notes_are_hidden_from_customers(client, customer, agent, open_ticket):
    carol = customer()
    alex = agent()
    ticket = open_ticket(carol)
    client.post(f"/tickets/{ticket['id']}/comments", json={"body": "Customer is on the old plan",
                                                            "internal": True}, headers=alex)
    client.post(f"/tickets/{ticket['id']}/comments", json={"body": "We are on it"}, headers=alex)

    seen_by_customer = client.get(f"/tickets/{ticket['id']}/comments", headers=carol).get_json()
    assert [c["body"] for c in seen_by_customer] == ["We are on it"]
    seen_by_agent = client.get(f"/tickets/{ticket['id']}/comments", headers=alex).get_json()
    assert [(c["body"], c["internal"]) for c in seen_by_agent] == [
        ("Customer is on the old plan", True),
        ("We are on it", False),
    ]


def test_customers_cannot_write_internal_notes(client, customer, open_ticket):
    carol = customer()
    ticket = open_ticket(carol)
    response = client.post(f"/tickets/{ticket['id']}/comments", json={"body": "psst", "internal": True},
                           headers=carol)
    assert response.status_code == 403
    assert client.get(f"/tickets/{ticket['id']}/comments", headers=carol).get_json() == []


def test_empty_comment_is_400(client, customer, open_ticket):
    carol = customer()
    ticket = open_ticket(carol)
    assert client.post(f"/tickets/{ticket['id']}/comments", json={"body": "  "}, headers=carol).status_code == 400
