"""The offline engine on a Flask app whose users only the app's own CLI command makes, written here.

No route signs users up: `flask add-user NAME PASSWORD --role {member,dispatcher}` makes them and `POST /login`
answers a token. The tests make a member and a dispatcher with the command (in the app's context, as `flask` runs
it), log them in, and find that only a dispatcher may assign an errand; a seeded bug fails them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from test_offline_adders import run_on_a_bug
from test_offline_engine import pytest_in
from test_offline_http_shapes import run

from conftest import make_repo

ERRANDS_APP = '''
import secrets
import sqlite3

import click
from flask import Flask, abort, current_app, g, jsonify, request
from werkzeug.security import check_password_hash, generate_password_hash

SCHEMA = """
CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, hash TEXT NOT NULL, role TEXT NOT NULL);
CREATE TABLE token (value TEXT PRIMARY KEY, person_id INTEGER NOT NULL);
CREATE TABLE errand (id INTEGER PRIMARY KEY, owner_id INTEGER NOT NULL, what TEXT NOT NULL, runner TEXT);
"""


def db():
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"])
        g.db.row_factory = sqlite3.Row
    return g.db


def add_person(name, password, role):
    db().execute("INSERT INTO person (name, hash, role) VALUES (?, ?, ?)",
                 (name, generate_password_hash(password), role))
    db().commit()


@click.command("init-db")
def init_db():
    db().executescript(SCHEMA)


@click.command("add-user")
@click.argument("name")
@click.argument("password")
@click.option("--role", default="member", type=click.Choice(["member", "dispatcher"]))
def add_user(name, password, role):
    add_person(name, password, role)
    click.echo(f"added {role} {name}")


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(DATABASE="errands.db")
    if test_config:
        app.config.update(test_config)
    app.cli.add_command(init_db)
    app.cli.add_command(add_user)
    app.teardown_appcontext(lambda exc: g.pop("db", None) and None)

    def me():
        value = request.headers.get("Authorization", "").removeprefix("Bearer ")
        row = db().execute("SELECT person.* FROM token JOIN person ON person.id = token.person_id "
                           "WHERE token.value = ?", (value,)).fetchone()
        if row is None:
            abort(401)
        return row

    @app.post("/login")
    def login():
        data = request.get_json(silent=True) or {}
        row = db().execute("SELECT * FROM person WHERE name = ?", (data.get("name", ""),)).fetchone()
        if row is None or not check_password_hash(row["hash"], data.get("password", "")):
            abort(401)
        value = secrets.token_hex(16)
        db().execute("INSERT INTO token VALUES (?, ?)", (value, row["id"]))
        db().commit()
        return jsonify(token=value)

    @app.post("/errands")
    def add_errand():
        person = me()
        what = (request.get_json(silent=True) or {}).get("what")
        if not isinstance(what, str) or not what.strip():
            abort(400)
        cur = db().execute("INSERT INTO errand (owner_id, what) VALUES (?, ?)", (person["id"], what))
        db().commit()
        return jsonify(id=cur.lastrowid, what=what, runner=None), 201

    @app.get("/errands/<int:errand_id>")
    def read_errand(errand_id):
        person = me()
        row = db().execute("SELECT * FROM errand WHERE id = ?", (errand_id,)).fetchone()
        if row is None or (row["owner_id"] != person["id"] and person["role"] != "dispatcher"):
            abort(404)
        return jsonify(id=row["id"], what=row["what"], runner=row["runner"])

    @app.post("/errands/<int:errand_id>/assign")
    def assign(errand_id):
        person = me()
        if person["role"] != "dispatcher":
            abort(403)
        row = db().execute("SELECT * FROM errand WHERE id = ?", (errand_id,)).fetchone()
        if row is None:
            abort(404)
        db().execute("UPDATE errand SET runner = ? WHERE id = ?", (person["name"], errand_id))
        db().commit()
        return jsonify(id=errand_id, what=row["what"], runner=person["name"])

    return app
'''


@pytest.fixture(scope="module")
def errands(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("errands"), {"errands/__init__.py": ERRANDS_APP})
    return repo, *run(repo, "add tests for the errands API: logging in, adding errands, dispatchers assigning them")


def test_users_the_apps_command_makes_log_in_with_each_role(errands: tuple[Path, str, str, list[str]]) -> None:
    """The fixtures run `flask add-user` in the app's context (a member, and a dispatcher through its `--role`
    choice) and log in; assigning is tested as forbidden to a member."""
    repo, path, text, findings = errands
    assert findings == []
    assert "    with client.application.app_context():  # as `flask` runs it\n" in text
    assert 'invoke(args=["add-user", "alice_user", "pw-alice-12345", "--role", "member"])' in text
    assert '"--role", "dispatcher"])' in text
    assert "made by the app's `flask add-user` command and logged in through POST /login" in text
    assert "def test_post_errands_assign_is_forbidden_without_the_dispatcher_role(" in text
    done = pytest_in(repo, path)
    assert done.returncode == 0, done.stdout[-2000:]


@pytest.mark.parametrize(("before", "after"), [
    ('if person["role"] != "dispatcher":\n            abort(403)', "if False:\n            abort(403)"),
    ('if row is None or (row["owner_id"] != person["id"] and person["role"] != "dispatcher"):',
     "if row is None:"),
])
def test_the_errand_tests_catch_a_seeded_bug(errands: tuple[Path, str, str, list[str]], tmp_path: Path, before: str,
                                            after: str) -> None:
    assert run_on_a_bug(errands, "errands/__init__.py", before, after, tmp_path).returncode == 1, errands[2]
