from datetime import timedelta


def test_admin_creates_invite_that_expires_in_seven_days(admin, clock):
    response = admin.post("/t/acme/invites")
    assert response.status_code == 201
    body = response.get_json()
    assert body["code"]
    assert body["expires_at"] == (clock.now + timedelta(days=7)).isoformat()


def test_members_cannot_invite(member):
    assert member.post("/t/acme/invites").status_code == 403


def test_redeem_joins_as_member(owner, make_client):
    code = owner.post("/t/acme/invites").get_json()["code"]
    newcomer = make_client("nina@example.com")
    assert newcomer.get("/t/acme").status_code == 404
    response = newcomer.post(f"/invites/{code}/redeem")
    assert response.status_code == 200
    assert response.get_json() == {"slug": "acme", "role": "member"}
    assert newcomer.get("/t/acme").get_json()["role"] == "member"


def test_invite_is_single_use(owner, make_client):
    code = owner.post("/t/acme/invites").get_json()["code"]
    assert make_client("first@example.com").post(f"/invites/{code}/redeem").status_code == 200
    second = make_client("second@example.com")
    assert second.post(f"/invites/{code}/redeem").status_code == 410
    assert second.get("/t/acme").status_code == 404


def test_invite_valid_until_just_before_seven_days(owner, make_client, clock):
    code = owner.post("/t/acme/invites").get_json()["code"]
    clock.advance(days=7, seconds=-1)
    assert make_client("late@example.com").post(f"/invites/{code}/redeem").status_code == 200


def test_invite_expires_at_seven_days(owner, make_client, clock):
    code = owner.post("/t/acme/invites").get_json()["code"]
    clock.advance(days=7)
    newcomer = make_client("late@example.com")
    assert newcomer.post(f"/invites/{code}/redeem").status_code == 410
    assert newcomer.get("/t/acme").status_code == 404


def test_unknown_code_is_404(outsider):
    assert outsider.post("/invites/not-a-code/redeem").status_code == 404


def test_existing_member_cannot_redeem(owner, member):
    code = owner.post("/t/acme/invites").get_json()["code"]
    assert member.post(f"/invites/{code}/redeem").status_code == 409
