import pytest
from werkzeug.security import generate_password_hash

from shop import create_app
from shop.db import get_db, init_db

# Starter catalogue ids (see shop.db.STARTER_PRODUCTS).
BEANS, KETTLE, FILTERS, MUG = 1, 2, 3, 4

# Hashed once, cheaply: the default method is deliberately slow.
CUSTOMERS = [
    ("alice", generate_password_hash("alice-pass-1", method="pbkdf2:sha256:1000")),
    ("bob", generate_password_hash("bob-pass-22", method="pbkdf2:sha256:1000")),
]


@pytest.fixture
def app(tmp_path):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "shop.sqlite"), "SECRET_KEY": "test"})

    with app.app_context():
        init_db()
        db = get_db()
        db.executemany(
            "INSERT INTO customer (username, password) VALUES (?, ?)",
            CUSTOMERS,
        )
        # Bob already has one order: 2 packs of filters.
        db.execute(
            "INSERT INTO purchase (customer_id, ship_to, address, total_cents, created)"
            " VALUES (2, 'Bob', '1 Side Street, Springfield', 810, '2026-01-05 10:00:00')"
        )
        db.execute(
            "INSERT INTO order_line (purchase_id, product_id, name, quantity, price_cents)"
            " VALUES (1, 3, 'Paper filters (100)', 2, 405)"
        )
        db.commit()

    yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, username="alice", password="alice-pass-1", **query):
        return self._client.post("/auth/login", data={"username": username, "password": password}, query_string=query)

    def logout(self):
        return self._client.get("/auth/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


def cart_of(client):
    with client.session_transaction() as session:
        return dict(session.get("cart", {}))


def stock_of(app, product_id):
    with app.app_context():
        return get_db().execute("SELECT stock FROM product WHERE id = ?", (product_id,)).fetchone()["stock"]
