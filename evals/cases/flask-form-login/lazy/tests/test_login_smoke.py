from portal.app import create_app


def test_login_page():
    assert create_app().test_client().get("/login").status_code == 200
