def ids(response):
    assert response.status_code == 200
    return [ticket["id"] for ticket in response.get_json()]


def test_status_filter(client, customer, agent, open_ticket):
    carol = customer()
    alex = agent()
    first = open_ticket(carol)
    second = open_ticket(carol)
    client.post(f"/tickets/{second['id']}/status", json={"status": "in_progress"}, headers=alex)
    assert ids(client.get("/tickets?status=open", headers=alex)) == [first["id"]]
    assert ids(client.get("/tickets?status=in_progress", headers=carol)) == [second["id"]]


def test_priority_filter(client, customer, agent, open_ticket):
    carol = customer()
    open_ticket(carol, priority="low")
    high = open_ticket(carol, priority="high")
    assert ids(client.get("/tickets?priority=high", headers=agent())) == [high["id"]]


def test_bad_filter_values_are_400(client, agent):
    alex = agent()
    assert client.get("/tickets?status=pending", headers=alex).status_code == 400
    assert client.get("/tickets?priority=critical", headers=alex).status_code == 400


def test_overdue_filter(client, clock, customer, agent, open_ticket):
    carol = customer()
    alex = agent()
    urgent = open_ticket(carol, priority="urgent")
    high = open_ticket(carol, priority="high")
    open_ticket(carol, priority="normal")

    clock.advance(hours=4)
    assert ids(client.get("/tickets?overdue=1", headers=alex)) == []  # due exactly now: not late yet

    clock.advance(seconds=1)
    assert ids(client.get("/tickets?overdue=1", headers=alex)) == [urgent["id"]]
    assert client.get(f"/tickets/{urgent['id']}", headers=carol).get_json()["overdue"] is True
    assert client.get(f"/tickets/{high['id']}", headers=carol).get_json()["overdue"] is False

    clock.advance(hours=5)
    assert ids(client.get("/tickets?overdue=1", headers=alex)) == [urgent["id"], high["id"]]


def test_resolved_tickets_are_never_overdue(client, clock, customer, agent, open_ticket):
    carol = customer()
    alex = agent()
    ticket = open_ticket(carol, priority="urgent")
    client.post(f"/tickets/{ticket['id']}/status", json={"status": "in_progress"}, headers=alex)
    client.post(f"/tickets/{ticket['id']}/status", json={"status": "resolved"}, headers=alex)
    clock.advance(days=1)
    assert ids(client.get("/tickets?overdue=1", headers=alex)) == []
    assert client.get(f"/tickets/{ticket['id']}", headers=alex).get_json()["overdue"] is False
