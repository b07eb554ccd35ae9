from shop import create_app
from shop.db import get_db
from shop.money import format_cents


def test_config():
    assert not create_app({"DATABASE": ":memory:"}).testing
    assert create_app({"TESTING": True, "DATABASE": ":memory:"}).testing


def test_testing_config_turns_csrf_off():
    assert create_app({"TESTING": True, "DATABASE": ":memory:"}).config["WTF_CSRF_ENABLED"] is False
    assert create_app({"DATABASE": ":memory:"}).config.get("WTF_CSRF_ENABLED", True) is True


def test_forms_need_a_csrf_token_outside_tests(tmp_path):
    app = create_app({"DATABASE": str(tmp_path / "db.sqlite")})
    with app.app_context():
        from shop.db import init_db

        init_db()
    response = app.test_client().post("/cart/add/1", data={"quantity": "1"})
    assert response.status_code == 302
    with app.test_client() as client:
        client.post("/cart/add/1", data={"quantity": "1"})
        with client.session_transaction() as session:
            assert "cart" not in session


def test_init_db_command_seeds_products(runner, app):
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0
    assert "Initialized the database with 4 products." in result.output
    with app.app_context():
        names = [row["name"] for row in get_db().execute("SELECT name FROM product ORDER BY id")]
        customers = get_db().execute("SELECT COUNT(*) FROM customer").fetchone()[0]
    assert names == ["Espresso beans, 1 kg", "Pour-over kettle", "Paper filters (100)", "Ceramic mug"]
    assert customers == 0


def test_format_cents():
    assert format_cents(1234) == "$12.34"
    assert format_cents(405) == "$4.05"
    assert format_cents(5) == "$0.05"
    assert format_cents(0) == "$0.00"
    assert format_cents(123456) == "$1,234.56"
    assert format_cents(-250) == "-$2.50"
