from lending.app import create_app


def test_a_member_can_be_registered(tmp_path):
    client = create_app(f"sqlite:///{tmp_path / 'lending.db'}").test_client()
    response = client.post("/members", json={"name": "Ada"})
    assert response.status_code == 201
    assert response.get_json()["name"] == "Ada"
