import pytest

from wiki import create_app
from wiki.extensions import db
from wiki.models import Page, Revision, User


@pytest.fixture
def app(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'wiki.sqlite'}",
            "PAGES_PER_PAGE": 3,
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        }
    )
    with app.app_context():
        db.create_all()
        alice = User(username="alice")
        alice.set_password("alice-password")
        bob = User(username="bob")
        bob.set_password("bob-password")
        carol = User(username="carol", is_admin=True)
        carol.set_password("carol-password")
        db.session.add_all([alice, bob, carol])

        start = Page(slug="getting-started", title="Getting Started", body="Install it, then run it.", author=alice)
        start.revisions.append(Revision(number=1, title="Getting Started", body="Instal it.", summary="Created", editor=alice))
        start.revisions.append(
            Revision(number=2, title="Getting Started", body="Install it, then run it.", summary="Fix typo", editor=bob)
        )
        zebra = Page(slug="zebra-crossings", title="Zebra Crossings", body="Stripes.", author=bob)
        zebra.revisions.append(Revision(number=1, title="Zebra Crossings", body="Stripes.", summary="Created", editor=bob))
        db.session.add_all([start, zebra])
        db.session.commit()
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

    def login(self, username="alice", password=None, **extra):
        password = f"{username}-password" if password is None else password
        return self._client.post("/auth/login", data={"username": username, "password": password, **extra})

    def logout(self):
        return self._client.post("/auth/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def query(app):
    """Run `fn(db.session)` in an app context and return its result."""

    def run(fn):
        with app.app_context():
            return fn(db.session)

    return run
