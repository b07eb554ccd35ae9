from portal.app import create_app


def test_login_form_has_a_token_field():
    assert b"csrf_token" in create_app().test_client().get("/login").data
