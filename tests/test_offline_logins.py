"""The offline engine on apps whose users sign up and log in through the app's own routes, written here.

A JSON API that hands out a bearer token from `POST /login` gets a `user_headers` fixture that signs up and logs in
on each test's client, login tests for the right password, a wrong one and an unknown user, and ownership tests
with a second user; each test passes on the app as written and the aimed test fails on its bug. A form app whose
factory takes `**overrides` gets a scratch database and posts its numbers as numbers.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest

from agent.offline.generate import match_targets
from agent.sandbox import ProcessSandbox
from agent.session import RunConfig, run_session
from test_offline_engine import pytest_in, seeded, write_tests
from test_offline_http_shapes import aimed_test_fails, run

from conftest import make_repo

NOTES = '''
import hashlib
import secrets

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

app = FastAPI()
USERS = {}
SESSIONS = {}
NOTES = {}


class SignUp(BaseModel):
    email: str = Field(min_length=5)
    password: str = Field(min_length=10)


class NoteIn(BaseModel):
    text: str = Field(min_length=1, max_length=200)
    max_likes: int = Field(ge=1, le=100)


def digest(password, salt):
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 200_000).hex()


def me(authorization: str = Header(default="")):
    email = SESSIONS.get(authorization.removeprefix("Bearer "))
    if email is None:
        raise HTTPException(401, "log in first")
    return email


@app.post("/signup", status_code=201)
def signup(body: SignUp):
    if body.email in USERS:
        raise HTTPException(409, "that email has an account")
    salt = secrets.token_bytes(8)
    USERS[body.email] = (salt, digest(body.password, salt))
    return {"email": body.email}


@app.post("/login")
def login(body: SignUp):
    user = USERS.get(body.email)
    if user is None or digest(body.password, user[0]) != user[1]:
        raise HTTPException(401, "wrong email or password")
    token = secrets.token_urlsafe(16)
    SESSIONS[token] = body.email
    return {"token": token}


@app.post("/notes", status_code=201)
def add_note(body: NoteIn, email: str = Depends(me)):
    note = {"id": len(NOTES) + 1, "text": body.text, "max_likes": body.max_likes, "likes": [], "written_by": email}
    NOTES[note["id"]] = note
    return note


@app.get("/notes/{note_id}")
def read_note(note_id: int, email: str = Depends(me)):
    note = NOTES.get(note_id)
    if note is None or note["written_by"] != email:
        raise HTTPException(404, "no such note")
    return note


@app.post("/notes/{note_id}/likes", status_code=201)
def like_note(note_id: int, email: str = Depends(me)):
    note = NOTES.get(note_id)
    if note is None:
        raise HTTPException(404, "no such note")
    if len(note["likes"]) >= note["max_likes"]:
        raise HTTPException(409, "this note has all the likes it takes")
    note["likes"].append(email)
    return {"note": note_id, "liked_by": email}


@app.delete("/notes/{note_id}", status_code=204)
def delete_note(note_id: int, email: str = Depends(me)):
    note = NOTES.get(note_id)
    if note is None:
        raise HTTPException(404, "no such note")
    if note["written_by"] != email:
        raise HTTPException(403, "not your note")
    del NOTES[note_id]
'''

BUGS = {
    "test_post_notes_likes_by_a_second_user_with_max_likes_of_1_and_2": (
        'len(note["likes"]) >= note["max_likes"]', 'len(note["likes"]) > note["max_likes"]'),
    "test_post_login_login_with_a_wrong_password": (
        "if user is None or digest(body.password, user[0]) != user[1]:", "if user is None:"),
    "test_delete_note_by_id_refuses_another_users_record": (
        'if note["written_by"] != email:\n        raise HTTPException(403',
        'if False:\n        raise HTTPException(403'),
}


@pytest.fixture(scope="module")
def notes(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    """The notes app after a whole offline run (the runtime's settling included): repo, test file, text, findings."""
    files = {"notes/__init__.py": "", "notes/main.py": textwrap.dedent(NOTES)}
    repo = make_repo(tmp_path_factory.mktemp("notes"), files)
    config = RunConfig(repo=repo, request="add tests for the notes API: signing up, logging in and notes",
                       model="offline", verify_options={"mutants": False})
    outcome = run_session(config, sandbox=ProcessSandbox(), progress=lambda _: None).outcome
    [written] = outcome.implementation.files
    return repo, written.path, (repo / written.path).read_text(), list(outcome.run.findings)


def test_token_login_app_gets_a_login_fixture_and_login_tests_that_pass(
        notes: tuple[Path, str, str, list[str]]) -> None:
    repo, path, text, findings = notes
    assert findings == [], "anyone may like a note: letting another user do it is no finding"
    assert "def user_headers(client):" in text and "def other_user_headers(client):" in text
    # the header parameter the app declares, with the scheme word its code strips (`removeprefix("Bearer ")`)
    assert 'return {"Authorization": "Bearer " + resp.json()["token"]}' in text
    assert 'monkeypatch.setattr(hashlib, "pbkdf2_hmac", fast_pbkdf2)' in text
    for name in ("test_post_login_login_with_the_right_password", *BUGS):
        assert f"def {name}(" in text, name
    assert "assay-login" not in text, "a placeholder token leaked into the tests"
    assert "xfail" not in text, "anyone may like a note: letting another user do it is no finding"
    assert "def test_post_notes_likes_refuses_another_users_record" not in text
    run = pytest_in(repo, path)
    assert run.returncode == 0, run.stdout[-2000:]


@pytest.mark.parametrize("name", sorted(BUGS))
def test_the_aimed_test_fails_on_its_bug(notes: tuple[Path, str, str, list[str]], tmp_path: Path, name: str) -> None:
    repo, path, _, _ = notes
    copy = tmp_path / "repo"
    shutil.copytree(repo, copy, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    seeded(copy, "notes/main.py", *BUGS[name])
    run = pytest_in(copy, path, "-k", name)
    assert "1 failed" in run.stdout, run.stdout[-2000:]


GUESTS = '''
import os
import sqlite3

from flask import Flask, redirect, request


def create_app(**overrides):
    app = Flask(__name__)
    app.config.update(DATABASE=os.environ.get("VISITS_DATABASE", "visits.sqlite3"))
    app.config.update(overrides)

    def db():
        conn = sqlite3.connect(app.config["DATABASE"])
        conn.execute("CREATE TABLE IF NOT EXISTS visits (name TEXT NOT NULL, stars INTEGER NOT NULL)")
        return conn

    @app.get("/")
    def index():
        with db() as conn:
            rows = conn.execute("SELECT name, stars FROM visits").fetchall()
        return "".join(f"<p>{name}: {stars}</p>" for name, stars in rows)

    @app.post("/visits")
    def add_visit():
        name = request.form.get("name", "").strip()
        stars = request.form.get("stars", type=int)
        if not name or stars is None or not 1 <= stars <= 5:
            return "Please give a name and 1 to 5 stars.", 400
        with db() as conn:
            conn.execute("INSERT INTO visits VALUES (?, ?)", (name, stars))
        return redirect("/", 303)

    return app
'''


def test_overrides_factory_gets_a_scratch_database_and_numbers_posted_as_numbers(tmp_path: Path) -> None:
    repo = tmp_path / "visits"
    (repo / "visits").mkdir(parents=True)
    (repo / "visits" / "__init__.py").write_text(textwrap.dedent(GUESTS))
    [(path, text)] = write_tests(repo, "add tests for the visits form").items()
    assert 'create_app(TESTING=True, DATABASE=str(tmp_path / "app.db"))' in text
    assert '"stars": "2"' in text
    assert "def test_post_visits_with_a_valid_form(client):" in text
    run = pytest_in(repo, path)
    assert run.returncode == 0, run.stdout[-2000:]
    assert not (repo / "visits.sqlite3").exists(), "the tests wrote the app's default database into the repo"
    seeded(repo, "visits/__init__.py", "conn.execute(\"INSERT INTO visits VALUES (?, ?)\", (name, stars))", "pass")
    assert "failed" in pytest_in(repo, path, "-k", "valid_form").stdout


def test_a_listed_behaviour_no_route_names_widens_the_targets_to_every_route() -> None:
    routes = [{"method": "GET", "path": "/"}, {"method": "POST", "path": "/sign"},
              {"method": "GET", "path": "/admin"}, {"method": "GET", "path": "/orders"}]
    every, matched = match_targets(routes, "add tests for signing: the form and the moderation pages")
    assert (len(every), matched) == (4, True)
    assert every[0]["path"] == "/sign", "the route the request names comes first (it names the test file)"
    named, _ = match_targets(routes, "add tests for the orders endpoint: creating, listing and deleting")
    assert [r["path"] for r in named] == ["/orders"]


BOOKMARKS = '''
import sqlite3

from flask import Flask, g, redirect, request, session
from werkzeug.security import check_password_hash, generate_password_hash


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(SECRET_KEY="dev", DATABASE_URL="sqlite:///bookmarks.db")
    if config:
        app.config.update(config)

    def db():
        if "db" not in g:
            g.db = sqlite3.connect(app.config["DATABASE_URL"].removeprefix("sqlite:///"))
            g.db.execute("CREATE TABLE IF NOT EXISTS users (email TEXT UNIQUE, hash TEXT)")
            g.db.execute("CREATE TABLE IF NOT EXISTS marks (email TEXT, url TEXT)")
        return g.db

    @app.teardown_appcontext
    def close(exc):
        conn = g.pop("db", None)
        if conn is not None:
            conn.close()

    @app.post("/signup")
    def signup():
        email, password = request.form.get("email", ""), request.form.get("password", "")
        if "@" not in email or len(password) < 8:
            return "Give an email and a password of 8 characters or more.", 400
        if db().execute("SELECT 1 FROM users WHERE email = ?", (email,)).fetchone():
            return "That email is taken.", 400
        db().execute("INSERT INTO users VALUES (?, ?)", (email, generate_password_hash(password)))
        db().commit()
        return redirect("/signin")

    @app.post("/signin")
    def signin():
        row = db().execute("SELECT hash FROM users WHERE email = ?", (request.form.get("email", ""),)).fetchone()
        if row is None or not check_password_hash(row[0], request.form.get("password", "")):
            return "Wrong email or password.", 400
        session["email"] = request.form["email"]
        return redirect("/saved")

    @app.get("/saved")
    def saved():
        if "email" not in session:
            return redirect("/signin")
        rows = db().execute("SELECT url FROM marks WHERE email = ?", (session["email"],)).fetchall()
        return "".join(f"<li>{url}</li>" for (url,) in rows)

    return app
'''


def test_a_config_database_key_and_a_view_that_checks_the_session_itself(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"bookmarks/__init__.py": textwrap.dedent(BOOKMARKS)})
    [(path, text)] = write_tests(repo, "add tests for the bookmarks app").items()
    assert '"DATABASE_URL": f"sqlite:///{tmp_path / \'app.db\'}"' in text
    assert 'location(resp) == "/signin"' in text
    run = pytest_in(repo, path)
    assert run.returncode == 0, run.stdout[-2000:]
    assert not (repo / "bookmarks.db").exists(), "the tests wrote the app's default database into the repo"
    seeded(repo, "bookmarks/__init__.py", 'if "email" not in session:', "if False:")
    run = pytest_in(repo, path, "-k", "get_saved_requires_credentials")
    assert "1 failed" in run.stdout, run.stdout[-2000:]


LISTS = '''
import secrets

from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import APIKeyHeader, OAuth2PasswordRequestForm
from pydantic import BaseModel, Field

app = FastAPI()
ACCOUNTS = {}
SESSIONS = {}
LISTS = {}
session_header = APIKeyHeader(name="X-Session", auto_error=False)


class Account(BaseModel):
    username: str = Field(min_length=3, max_length=30)
    password: str = Field(min_length=8)


class ListIn(BaseModel):
    title: str = Field(min_length=1, max_length=60)


def reader(key: str | None = Depends(session_header)):
    if key not in SESSIONS:
        raise HTTPException(401, "sign in first")
    return SESSIONS[key]


@app.post("/accounts", status_code=201)
def open_account(body: Account):
    if body.username in ACCOUNTS:
        raise HTTPException(409, "taken")
    ACCOUNTS[body.username] = body.password
    return {"username": body.username}


@app.post("/sessions", status_code=201)
def start_session(form: OAuth2PasswordRequestForm = Depends()):
    if ACCOUNTS.get(form.username) != form.password:
        raise HTTPException(401, "wrong username or password")
    key = secrets.token_hex(8)
    SESSIONS[key] = form.username
    return {"token": key}


@app.post("/lists", status_code=201)
def add_list(body: ListIn, who: str = Depends(reader)):
    item = {"id": len(LISTS) + 1, "title": body.title, "owner": who}
    LISTS[item["id"]] = item
    return item
'''


def test_a_form_login_answering_201_with_a_token_read_from_its_own_header(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"lists/__init__.py": "", "lists/main.py": textwrap.dedent(LISTS)})
    [(path, text)] = write_tests(repo, "add tests for the reading lists API: accounts, sessions and lists").items()
    assert 'resp = client.post("/sessions", data={"username": "alice_user", "password": "pw-alice-12345"})' in text
    assert "assert resp.status_code == 201" in text
    assert 'return {"X-Session": resp.json()["token"]}' in text
    unknown = text[text.index("def test_post_sessions_login_with_an_unknown_user"):]
    assert '"username": "carol_user"' in unknown.split("\n\n\n")[0], "the user's name is what an unknown user changes"
    run = pytest_in(repo, path)
    assert run.returncode == 0, run.stdout[-2000:]
    seeded(repo, "lists/main.py", "if ACCOUNTS.get(form.username) != form.password:",
           "if form.username not in ACCOUNTS:")
    run = pytest_in(repo, path, "-k", "login_with_a_wrong_password")
    assert "1 failed" in run.stdout, run.stdout[-2000:]


QUOTES = '''
import functools

import click
from flask import Flask, abort, current_app, g, jsonify, request
from werkzeug.security import check_password_hash, generate_password_hash


class Invalid(Exception):
    pass


def _lines(data):
    lines = data.get("lines")
    if not isinstance(lines, list) or not lines:
        raise Invalid("lines must be a non-empty list")
    parsed = []
    for index, line in enumerate(lines):
        hours, rate = line.get("hours"), line.get("discount")
        if not isinstance(hours, int) or hours <= 0:
            raise Invalid(f"lines[{index}].hours must be positive")
        if not isinstance(rate, (int, float)) or not 0 <= rate <= 1:
            raise Invalid(f"lines[{index}].discount must be between 0 and 1")
        parsed.append({"hours": hours, "discount": rate})
    return parsed


def login_required(view):
    @functools.wraps(view)
    def wrapped(**kwargs):
        auth = request.authorization
        users = current_app.config["USERS"]
        if auth is None or auth.username not in users or not check_password_hash(users[auth.username],
                                                                                  auth.password or ""):
            abort(401)
        g.user = auth.username
        return view(**kwargs)
    return wrapped


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(USERS={}, HOURLY=80)
    app.config.from_mapping(test_config or {})
    quotes = {}

    @app.cli.command("create-user")
    @click.argument("username")
    @click.option("--password", prompt=True, hide_input=True)
    def create_user(username, password):
        if len(password) < 8:
            raise click.BadParameter("at least 8 characters", param_hint="--password")
        app.config["USERS"][username] = generate_password_hash(password, method="pbkdf2:sha256:1000")
        click.echo(f"created {username}")

    @app.errorhandler(Invalid)
    def invalid(exc):
        return jsonify(error=str(exc)), 400

    @app.post("/quotes")
    @login_required
    def add_quote():
        data = request.get_json(silent=True) or {}
        lines = _lines(data)
        total = sum(line["hours"] * app.config["HOURLY"] * (1 - line["discount"]) for line in lines)
        quote = {"id": len(quotes) + 1, "owner": g.user, "total": round(total, 2)}
        quotes[quote["id"]] = quote
        return jsonify(quote), 201

    @app.get("/quotes/<int:quote_id>")
    @login_required
    def show_quote(quote_id):
        quote = quotes.get(quote_id)
        if quote is None or quote["owner"] != g.user:
            abort(404)
        return jsonify(quote)

    return app
'''

QUOTES_BUGS = {
    # the discount is ignored
    "test_post_quotes_creates_with_a_valid_payload": ('* (1 - line["discount"])', ""),
    # a line of no hours is taken
    "test_post_quotes_lines_0_hours_of_0_and_1": ("or hours <= 0:", "or hours < 0:"),
    # anyone reads anyone's quote
    "test_get_quote_by_id_refuses_another_users_record": ('if quote is None or quote["owner"] != g.user:',
                                                          "if quote is None:"),
}


@pytest.fixture(scope="module")
def quotes(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("quotes"), {"quotes/__init__.py": QUOTES})
    return repo, *run(repo, "add tests for the quotes API: adding quotes with lines, reading your own quotes")


def test_users_made_by_a_cli_command_send_http_basic_and_a_helper_walks_the_lines(
        quotes: tuple[Path, str, str, list[str]]) -> None:
    """No route signs users up: `flask create-user NAME --password PW` makes them, and they send their name and
    password as HTTP Basic. The lines are read by a helper that walks them with `enumerate`, and a discount must lie
    between 0 and 1: the create is found with every number 1, then each set to 2 or 0.5 where the app takes it."""
    _, _, text, findings = quotes
    assert findings == []
    assert 'invoke(args=["create-user", "user1_user", "--password", "pw-user1-12345"])' in text
    assert 'return {"Authorization": "Basic ' in text
    assert 'json={"lines": [{"hours": 2, "discount": 0.5}]}' in text
    assert 'assert created["total"] == 80.0' in text
    # the numbers the helper compares a line's values with: both sides of each, in the first line
    for edge in ("hours_of_0_and_1", "discount_of_minus_1_and_0", "discount_of_1_and_2"):
        assert f"def test_post_quotes_lines_0_{edge}(" in text, re.findall(r"def (test_\w+)", text)


@pytest.mark.parametrize("name", sorted(QUOTES_BUGS))
def test_the_aimed_quotes_test_fails_on_its_bug(quotes: tuple[Path, str, str, list[str]], tmp_path: Path,
                                               name: str) -> None:
    aimed_test_fails(quotes[0], quotes[1], "quotes/__init__.py", QUOTES_BUGS[name], name, tmp_path)


STOCK = '''
from decimal import Decimal, InvalidOperation
import functools

from flask import Flask, g, jsonify, request
from flask_sqlalchemy import SQLAlchemy
from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.security import check_password_hash, generate_password_hash

db = SQLAlchemy()


class Clerk(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120), unique=True, nullable=False)
    password_hash = db.Column(db.String(300), nullable=False)
    role = db.Column(db.String(20), nullable=False, default="clerk")

    def set_password(self, password):
        self.password_hash = generate_password_hash(password)


class Item(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80), nullable=False)
    price = db.Column(db.Numeric(8, 2), nullable=False)


def _text(data, field, longest=80):
    value = data.get(field)
    if not isinstance(value, str) or not value.strip() or len(value.strip()) > longest:
        return None
    return value.strip()


def signer():
    from flask import current_app
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="clerk")


def login_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        try:
            clerk_id = signer().loads(token) if scheme == "Token" else None
        except BadSignature:
            clerk_id = None
        g.clerk = db.session.get(Clerk, clerk_id) if clerk_id else None
        if g.clerk is None:
            return jsonify(error="log in first"), 401
        return view(*args, **kwargs)
    return wrapped


def manager_required(view):
    @functools.wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if g.clerk.role != "manager":
            return jsonify(error="managers only"), 403
        return view(*args, **kwargs)
    return wrapped


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(SECRET_KEY="dev", SQLALCHEMY_DATABASE_URI="sqlite:///stock.sqlite")
    app.config.from_mapping(test_config or {})
    db.init_app(app)
    with app.app_context():
        db.create_all()

    @app.post("/api/login")
    def login():
        data = request.get_json(silent=True) or {}
        email, password = data.get("email"), data.get("password")
        clerk = db.session.execute(db.select(Clerk).filter_by(email=email)).scalar_one_or_none()
        if clerk is None or not check_password_hash(clerk.password_hash, password or ""):
            return jsonify(error="wrong e-mail or password"), 401
        return jsonify(token=signer().dumps(clerk.id))

    @app.get("/api/items")
    @login_required
    def items():
        listed = db.session.scalars(db.select(Item))
        return jsonify([{"id": i.id, "name": i.name, "price": str(i.price)} for i in listed])

    @app.post("/api/items")
    @manager_required
    def add_item():
        data = request.get_json(silent=True) or {}
        name = _text(data, "name")
        try:
            price = Decimal(str(data.get("price")))
        except InvalidOperation:
            return jsonify(error="price must be a number"), 400
        if name is None or not price.is_finite() or price <= 0:
            return jsonify(error="a name and a positive price"), 400
        item = Item(name=name, price=price.quantize(Decimal("0.01")))
        db.session.add(item)
        db.session.commit()
        return jsonify(id=item.id, name=item.name, price=str(item.price)), 201

    return app
'''

STOCK_BUGS = {
    # a clerk adds items
    "test_post_api_items_is_forbidden_without_the_manager_role": ('if g.clerk.role != "manager":', "if False:"),
    # an item may cost nothing
    "test_post_api_items_price_of_0_and_1": ("or price <= 0:", "or price < 0:"),
}


@pytest.fixture(scope="module")
def stock(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("stock"), {"stock/__init__.py": STOCK})
    return repo, *run(repo, "add tests for the stock API: clerks logging in, listing items, managers adding items")


def test_users_no_route_makes_are_added_through_the_apps_model(stock: tuple[Path, str, str, list[str]]) -> None:
    """No route signs clerks up: the tests add them through the app's own Flask-SQLAlchemy model (`set_password`,
    a manager by its `role` column) and log in; the app's own `login_required` reads `Authorization: Token ...`
    (it is not Flask-Login's), and `_text(data, "name")` and `Decimal(str(data.get("price")))` read the body."""
    _, _, text, findings = stock
    assert findings == []
    assert 'user = stock.Clerk(email="alice@example.com")' in text
    assert 'user = stock.Clerk(email="manager1@example.com", role="manager")' in text
    assert 'user.set_password("pw-manager1-12345")' in text
    assert 'return {"Authorization": "Token " + resp.get_json()["token"]}' in text
    assert 'client.post("/api/items", json={"name": "name-1", "price": 9.99}, headers=manager_headers)' in text


@pytest.mark.parametrize("name", sorted(STOCK_BUGS))
def test_the_aimed_stock_test_fails_on_its_bug(stock: tuple[Path, str, str, list[str]], tmp_path: Path,
                                              name: str) -> None:
    aimed_test_fails(stock[0], stock[1], "stock/__init__.py", STOCK_BUGS[name], name, tmp_path)


CREW_INIT = '''\
import os

from flask import Flask

from crew.models import db


def create_app(test_config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(SECRET_KEY=os.environ.get("CREW_SECRET_KEY", "dev"),
                            SQLALCHEMY_DATABASE_URI=os.environ.get("CREW_DATABASE_URL", "sqlite:///crew.sqlite"))
    if test_config:
        app.config.from_mapping(test_config)
    db.init_app(app)
    with app.app_context():
        db.create_all()
    from crew import views

    app.register_blueprint(views.bp)
    return app
'''

CREW_MODELS = '''\
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

db = SQLAlchemy()


class Team(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)


class Member(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"))
    email: Mapped[str] = mapped_column(String(200), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))

    team: Mapped[Team] = relationship()


class Shift(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"))
    title: Mapped[str] = mapped_column(String(100))
    hours: Mapped[int]
'''

CREW_VIEWS = '''\
import functools

from flask import Blueprint, g, jsonify, request, session
from werkzeug.security import check_password_hash

from crew.models import Member, Shift, db

bp = Blueprint("crew", __name__, url_prefix="/api")


@bp.before_app_request
def load_member():
    member_id = session.get("member_id")
    g.member = db.session.get(Member, member_id) if member_id is not None else None


def login_required(view):
    @functools.wraps(view)
    def wrapped(**kwargs):
        if g.member is None:
            return jsonify(error="sign in first"), 401
        return view(**kwargs)

    return wrapped


@bp.post("/login")
def login():
    data = request.get_json(silent=True) or {}
    member = db.session.execute(db.select(Member).filter_by(email=str(data.get("email", "")))).scalar_one_or_none()
    if member is None or not check_password_hash(member.password_hash, str(data.get("password", ""))):
        return jsonify(error="wrong email or password"), 401
    session["member_id"] = member.id
    return jsonify(email=member.email, team=member.team.name)


@bp.get("/shifts")
@login_required
def shifts():
    rows = db.session.execute(db.select(Shift).filter_by(team_id=g.member.team_id)).scalars()
    return jsonify([{"id": s.id, "title": s.title, "hours": s.hours} for s in rows])


@bp.post("/shifts")
@login_required
def add_shift():
    data = request.get_json(silent=True) or {}
    hours = data.get("hours")
    if not isinstance(hours, int) or not 1 <= hours <= 12:
        return jsonify(error="hours must be 1 to 12"), 400
    shift = Shift(team_id=g.member.team_id, title=str(data.get("title", "")), hours=hours)
    db.session.add(shift)
    db.session.commit()
    return jsonify(id=shift.id, title=shift.title, hours=shift.hours), 201
'''


@pytest.fixture(scope="module")
def crew(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    files = {"crew/__init__.py": CREW_INIT, "crew/models.py": CREW_MODELS, "crew/views.py": CREW_VIEWS}
    repo = make_repo(tmp_path_factory.mktemp("crew"), files)
    return repo, *run(repo, "add tests for the shifts API")


def test_members_the_model_adds_get_a_team_of_their_own_and_log_in_with_the_session_cookie(
        crew: tuple[Path, str, str, list[str]]) -> None:
    """No route signs members up, `Member.team_id` points to a `Team` and the login reads `member.team.name`, then
    keeps the member in Flask's session cookie and answers no token. The tests add a team for each member first,
    log in and send the session cookie as a header (from a client that keeps no cookies, since a cookie jar drops
    that header); the login route gets no "right password" test of its own, since nobody exists there to log in.
    (Before, the added member had no team, the login raised, and that exception lost every route of the app.)"""
    repo, path, text, findings = crew
    assert findings == []
    assert 'parent = crew.models.Team(name="alice_user")' in text
    assert 'user = crew.models.Member(email="alice@example.com", team_id=parent.id)' in text
    assert 'session = resp.headers["Set-Cookie"].split(";")[0].removeprefix("session=")' in text
    assert 'return {"Cookie": "session=" + session}' in text
    assert "app.test_client(use_cookies=False)" in text
    assert "def test_get_api_shifts_succeeds(" in text
    assert "login_with_the_right_password" not in text
    done = pytest_in(repo, path)
    assert done.returncode == 0, done.stdout[-2000:]


@pytest.mark.parametrize(("before", "after"), [
    ("filter_by(team_id=g.member.team_id)", "filter_by()"),  # another team's shifts listed
    ("not 1 <= hours <= 12", "not 1 <= hours <= 13"),  # a limit one too high
])
def test_the_crew_tests_catch_a_seeded_bug(crew: tuple[Path, str, str, list[str]], tmp_path: Path, before: str,
                                           after: str) -> None:
    copy = tmp_path / "crew"
    shutil.copytree(crew[0], copy)
    seeded(copy, "crew/views.py", before, after)
    assert pytest_in(copy, crew[1]).returncode == 1, crew[2]
