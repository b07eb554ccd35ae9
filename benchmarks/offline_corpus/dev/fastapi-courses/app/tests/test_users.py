from conftest import HOPPER


def test_sign_up_returns_a_working_key(client):
    response = client.post("/students", json={"given_name": "Ada", "surname": "Byron"})
    assert response.status_code == 201
    body = response.json()
    assert body["role"] == "student"
    assert body["api_key"]

    me = client.get("/me", headers={"X-API-Key": body["api_key"]})
    assert me.status_code == 200
    assert me.json() == {"id": body["id"], "given_name": "Ada", "surname": "Byron", "role": "student"}


def test_each_student_gets_a_different_key(sign_up):
    _, first = sign_up("Ada", "Byron")
    _, second = sign_up("Mary", "Somerville")
    assert first != second


def test_sign_up_validates_names(client):
    assert client.post("/students", json={"given_name": "", "surname": "Byron"}).status_code == 422
    assert client.post("/students", json={"given_name": "Ada"}).status_code == 422
    assert client.post("/students", json={"given_name": "Ada", "surname": "x" * 61}).status_code == 422


def test_instructors_are_seeded_from_the_environment(client):
    me = client.get("/me", headers=HOPPER)
    assert me.status_code == 200
    assert me.json()["given_name"] == "Grace"
    assert me.json()["surname"] == "Hopper"
    assert me.json()["role"] == "instructor"


def test_missing_or_unknown_key_is_401(client):
    assert client.get("/me").status_code == 401
    assert client.get("/me", headers={"X-API-Key": "nope"}).status_code == 401
    assert client.get("/students/me/transcript").status_code == 401
