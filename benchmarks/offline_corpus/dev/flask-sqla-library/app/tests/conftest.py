from datetime import datetime, timedelta

import pytest

from library import create_app
from library.extensions import db
from library.models import User

START = datetime(2026, 3, 2, 10, 0, 0)
USERS = {"lena": "librarian", "max": "member", "nora": "member"}


class Clock:
    def __init__(self, start):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += timedelta(**delta)


@pytest.fixture
def clock():
    return Clock(START)


@pytest.fixture
def app(tmp_path, clock):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'library.sqlite'}",
            "CLOCK": clock,
        }
    )
    with app.app_context():
        for name, role in USERS.items():
            user = User(email=f"{name}@example.org", name=name.title(), role=role)
            user.set_password(f"{name}-pw", method="pbkdf2:sha256:1000")
            db.session.add(user)
        db.session.commit()
    yield app


@pytest.fixture
def client(app):
    return app.test_client()


def login(client, name):
    response = client.post("/api/login", json={"email": f"{name}@example.org", "password": f"{name}-pw"})
    assert response.status_code == 200, response.get_json()
    return {"Authorization": f"Token {response.get_json()['token']}"}


@pytest.fixture
def lena(client):
    return login(client, "lena")


@pytest.fixture
def max_(client):
    return login(client, "max")


@pytest.fixture
def nora(client):
    return login(client, "nora")


@pytest.fixture
def add_book(client, lena):
    counter = iter(range(1, 1000))

    def add_book(title="Dune", copies=1, price="12.00"):
        n = next(counter)
        response = client.post(
            "/api/books",
            json={"title": title, "author": "Someone", "isbn": f"978-{n:04d}", "replacement_price": price},
            headers=lena,
        )
        assert response.status_code == 201, response.get_json()
        book = response.get_json()
        for i in range(copies):
            response = client.post(f"/api/books/{book['id']}/copies", json={"barcode": f"B{n}-{i}"}, headers=lena)
            assert response.status_code == 201, response.get_json()
        return book

    return add_book


@pytest.fixture
def borrow(client):
    def borrow(headers, book_id):
        response = client.post("/api/loans", json={"book_id": book_id}, headers=headers)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return borrow
