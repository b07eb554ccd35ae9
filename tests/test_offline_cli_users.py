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


SEEDS_APP = '''
import functools
import sqlite3

import click
from flask import Flask, abort, current_app, g, redirect, render_template_string, request, session, url_for
from werkzeug.security import check_password_hash, generate_password_hash

SCHEMA = """
CREATE TABLE IF NOT EXISTS member (id INTEGER PRIMARY KEY, username TEXT UNIQUE NOT NULL, hash TEXT NOT NULL,
                                   warden INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS packet (id INTEGER PRIMARY KEY, owner_id INTEGER NOT NULL, variety TEXT NOT NULL,
                                   grams INTEGER NOT NULL);
"""
PAGE = "<h1>{{ title }}</h1>{% for line in lines %}<p>{{ line }}</p>{% endfor %}"


def db():
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"])
        g.db.row_factory = sqlite3.Row
        g.db.executescript(SCHEMA)
    return g.db


@click.command("add-member")
@click.argument("username")
@click.password_option()
@click.option("--warden", is_flag=True, help="The member looks after the library.")
def add_member(username, password, warden):
    """Add a member who can sign in."""
    db().execute("INSERT INTO member (username, hash, warden) VALUES (?, ?, ?)",
                 (username.lower(), generate_password_hash(password), int(warden)))
    db().commit()
    click.echo(f"Added {username.lower()}.")


def login_required(view):
    @functools.wraps(view)
    def wrapped(**kwargs):
        if g.member is None:
            return redirect(url_for("login", next=request.path))
        return view(**kwargs)
    return wrapped


def warden_required(view):
    @functools.wraps(view)
    @login_required
    def wrapped(**kwargs):
        if not g.member["warden"]:
            abort(403)
        return view(**kwargs)
    return wrapped


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(SECRET_KEY="dev", DATABASE="seeds.sqlite")
    if test_config:
        app.config.update(test_config)
    app.cli.add_command(add_member)
    app.teardown_appcontext(lambda exc: g.pop("db", None) and None)

    @app.before_request
    def load_member():
        member_id = session.get("member_id")
        g.member = None if member_id is None else db().execute(
            "SELECT * FROM member WHERE id = ?", (member_id,)).fetchone()

    @app.route("/login", methods=("GET", "POST"))
    def login():
        if request.method == "POST":
            username = request.form.get("username", "").strip().lower()
            row = db().execute("SELECT * FROM member WHERE username = ?", (username,)).fetchone()
            if row is None or not check_password_hash(row["hash"], request.form.get("password", "")):
                return render_template_string(PAGE, title="Sign in", lines=["Wrong name or password."]), 400
            session.clear()
            session["member_id"] = row["id"]
            return redirect(url_for("index"))
        return render_template_string(PAGE, title="Sign in", lines=[])

    @app.post("/logout")
    def logout():
        session.clear()
        return redirect(url_for("login"))

    @app.get("/")
    @login_required
    def index():
        rows = db().execute("SELECT * FROM packet WHERE owner_id = ? ORDER BY id", (g.member["id"],)).fetchall()
        return render_template_string(PAGE, title="My packets", lines=[f"{r['variety']} {r['grams']} g" for r in rows])

    @app.post("/packets")
    @login_required
    def add_packet():
        variety = request.form.get("variety", "").strip()
        grams = request.form.get("grams", type=int)
        if not variety or grams is None or not 1 <= grams <= 500:
            return render_template_string(PAGE, title="New packet", lines=["Give a variety and 1-500 g."]), 400
        cur = db().execute("INSERT INTO packet (owner_id, variety, grams) VALUES (?, ?, ?)",
                           (g.member["id"], variety, grams))
        db().commit()
        return redirect(url_for("packet", packet_id=cur.lastrowid))

    @app.get("/packets/<int:packet_id>")
    @login_required
    def packet(packet_id):
        row = db().execute("SELECT * FROM packet WHERE id = ?", (packet_id,)).fetchone()
        if row is None or row["owner_id"] != g.member["id"]:
            abort(404)
        return render_template_string(PAGE, title=row["variety"], lines=[f"{row['grams']} g"])

    @app.post("/packets/<int:packet_id>/discard")
    @warden_required
    def discard(packet_id):
        db().execute("DELETE FROM packet WHERE id = ?", (packet_id,))
        db().commit()
        return redirect(url_for("index"))

    return app
'''


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("seeds"), {"seeds/__init__.py": SEEDS_APP})
    return repo, *run(repo, "add tests for the seed library: signing in, adding packets, wardens discarding them")


def test_an_html_site_whose_users_a_command_makes_signs_them_in(seeds: tuple[Path, str, str, list[str]]) -> None:
    """No route signs members up: the tests make them with `flask add-member NAME --password PW` (a warden with
    its `--warden` flag), sign in through the login form, and find discarding forbidden to a plain member."""
    repo, path, text, findings = seeds
    assert findings == []
    assert "def make_user(client, user):\n" in text
    assert '"command": ["add-member", "alice_user", "--password", "pw-alice-12345"]' in text
    assert '"--warden"]' in text
    assert "def test_log_in_opens_the_pages_behind_login(" in text
    assert "def test_post_packets_1_discard_is_forbidden_without_the_warden_role(" in text
    assert "register" not in text.lower()
    done = pytest_in(repo, path)
    assert done.returncode == 0, done.stdout[-2000:]


@pytest.mark.parametrize(("before", "after"), [
    ('if not g.member["warden"]:', "if False:"),
    ('if row is None or row["owner_id"] != g.member["id"]:', "if row is None:"),
    ("not 1 <= grams <= 500", "not 1 <= grams <= 5000"),
])
def test_the_seed_library_tests_catch_a_seeded_bug(seeds: tuple[Path, str, str, list[str]], tmp_path: Path,
                                                  before: str, after: str) -> None:
    assert run_on_a_bug(seeds, "seeds/__init__.py", before, after, tmp_path).returncode == 1, seeds[2]


def test_a_rule_is_a_finding_only_when_its_own_assertion_fails() -> None:
    """A forbidden-role rule that failed inside the login helper (the command that makes users broke) says nothing
    about the route: it is dropped, not kept as a finding. Its own assertion failing is a finding."""
    from agent.models.offline import _own_assertion
    from agent.offline.generate import Case

    rule = Case("test_post_discard_is_forbidden_without_the_warden_role", "doc", "forbidden",
                ["log_in(client, USER)", "resp = client.post(\"/packets/1/discard\")",
                 'assert resp.status_code == 403, f"POST /packets/{{id}}/discard answered {resp.status_code} to a '
                 'user without the warden role"'], kind="rule")
    own = "AssertionError: POST /packets/{id}/discard answered 302 to a user without the warden role\nassert 302 == 403"
    helper = "AssertionError: \nassert 1 == 0\n +  where 1 = <Result RuntimeError('Working outside of application"
    assert _own_assertion(rule, own)
    assert not _own_assertion(rule, helper)
    assert not _own_assertion(rule, "TypeError: 'NoneType' object is not subscriptable")


VOUCHERS_APP = '''
import hashlib
import secrets
import sqlite3
from decimal import Decimal, InvalidOperation

import click
from flask import Flask, abort, current_app, g, jsonify, request


def db():
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"])
        g.db.row_factory = sqlite3.Row
        g.db.executescript(
            "CREATE TABLE IF NOT EXISTS key (digest TEXT PRIMARY KEY, shop TEXT NOT NULL, role TEXT NOT NULL);"
            "CREATE TABLE IF NOT EXISTS voucher (id INTEGER PRIMARY KEY, shop TEXT NOT NULL, code TEXT NOT NULL,"
            " kind TEXT NOT NULL, cents INTEGER NOT NULL, min_cents INTEGER NOT NULL);")
    return g.db


def digest(key):
    return hashlib.sha256(key.encode()).hexdigest()


@click.command("issue-key")
@click.argument("shop")
@click.option("--role", type=click.Choice(["clerk", "owner"]), default="clerk")
def issue_key(shop, role):
    """Make an API key for SHOP and print it: only its digest is stored."""
    key = secrets.token_urlsafe(24)
    db().execute("INSERT INTO key VALUES (?, ?, ?)", (digest(key), shop, role))
    db().commit()
    click.echo(key)


def caller(owner=False):
    found = db().execute("SELECT * FROM key WHERE digest = ?",
                         (digest(request.headers.get("X-Shop-Key", "")),)).fetchone()
    if found is None:
        abort(401)
    if owner and found["role"] != "owner":
        abort(403)
    return found


def cents(value):
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        abort(400)
    if amount < 0 or amount.as_tuple().exponent < -2:
        abort(400)
    return int(amount * 100)


def as_json(row):
    return {"id": row["id"], "code": row["code"], "kind": row["kind"], "cents": row["cents"],
            "min_cents": row["min_cents"]}


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(DATABASE="vouchers.sqlite")
    if test_config:
        app.config.update(test_config)
    app.cli.add_command(issue_key)
    app.teardown_appcontext(lambda exc: g.pop("db", None) and None)

    @app.post("/vouchers")
    def add_voucher():
        me = caller(owner=True)
        data = request.get_json(silent=True) or {}
        code = str(data.get("code", "")).strip().upper()
        if not (4 <= len(code) <= 12 and code.isalnum()):
            abort(400)
        kind = data.get("kind")
        if kind == "percent":
            value = data.get("value")
            if not isinstance(value, int) or not 1 <= value <= 100:
                abort(400)
            amount = value
        elif kind == "fixed":
            amount = cents(data.get("value"))
        else:
            abort(400)
        cur = db().execute("INSERT INTO voucher (shop, code, kind, cents, min_cents) VALUES (?, ?, ?, ?, ?)",
                           (me["shop"], code, kind, amount, cents(data.get("min_order", "0"))))
        db().commit()
        return jsonify(as_json(db().execute("SELECT * FROM voucher WHERE id = ?", (cur.lastrowid,)).fetchone())), 201

    @app.get("/vouchers/<int:voucher_id>")
    def read_voucher(voucher_id):
        me = caller()
        row = db().execute("SELECT * FROM voucher WHERE id = ? AND shop = ?", (voucher_id, me["shop"])).fetchone()
        if row is None:
            abort(404)
        return jsonify(as_json(row))

    return app
'''


@pytest.fixture(scope="module")
def vouchers(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("vouchers"), {"vouchers/__init__.py": VOUCHERS_APP})
    return repo, *run(repo, "add tests for the vouchers API: owners adding vouchers, clerks reading their shop's")


def test_keys_a_command_prints_are_made_for_each_role_in_one_shop(vouchers: tuple[Path, str, str, list[str]]) -> None:
    """`flask issue-key SHOP --role R` prints a key it stores only hashed: a clerk and an owner get keys in the first
    shop, the second of each in another; an owner's voucher (a code the view checks with `isalnum` and `len`, a kind
    it compares with two texts) is made and read back by the clerk of that shop."""
    repo, path, text, findings = vouchers
    assert findings == []
    assert '["issue-key", "shop-1", "--role", "clerk"]' in text
    assert '["issue-key", "shop-1", "--role", "owner"]' in text
    assert "def test_post_vouchers_is_forbidden_without_the_owner_role(" in text
    assert "def test_post_vouchers_creates_with_a_valid_payload(" in text
    assert "def test_get_voucher_by_id_succeeds(client, clerk_headers, owner_headers):" in text  # the clerk reads it
    done = pytest_in(repo, path)
    assert done.returncode == 0, done.stdout[-2000:]


@pytest.mark.parametrize(("before", "after"), [
    ('if owner and found["role"] != "owner":', "if False:"),
    ("WHERE id = ? AND shop = ?", "WHERE id = ? OR shop = ?"),
    ("4 <= len(code) <= 12", "4 <= len(code) <= 13"),
])
def test_the_voucher_tests_catch_a_seeded_bug(vouchers: tuple[Path, str, str, list[str]], tmp_path: Path,
                                             before: str, after: str) -> None:
    assert run_on_a_bug(vouchers, "vouchers/__init__.py", before, after, tmp_path).returncode == 1, vouchers[2]


MUSEUM_APP = '''
import functools
import sqlite3

import click
from flask import Flask, current_app, g, jsonify, redirect, request, session

SCHEMA = """
CREATE TABLE IF NOT EXISTS visitor (id INTEGER PRIMARY KEY, username TEXT UNIQUE NOT NULL, password TEXT NOT NULL,
                                    role TEXT NOT NULL DEFAULT 'visitor');
CREATE TABLE IF NOT EXISTS exhibit (id INTEGER PRIMARY KEY, title TEXT NOT NULL);
"""


def db():
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"])
        g.db.row_factory = sqlite3.Row
        g.db.executescript(SCHEMA)
    return g.db


@click.command("promote")
@click.argument("username")
def promote(username):
    """Make a visitor a curator."""
    db().execute("UPDATE visitor SET role = 'curator' WHERE username = ?", (username,))
    db().commit()


def signed_in(view):
    @functools.wraps(view)
    def wrapped(**kwargs):
        if session.get("visitor") is None:
            return jsonify(error="sign in"), 401
        g.visitor = db().execute("SELECT * FROM visitor WHERE id = ?", (session["visitor"],)).fetchone()
        return view(**kwargs)
    return wrapped


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(SECRET_KEY="dev", DATABASE="museum.db")
    app.config.update(test_config or {})
    app.cli.add_command(promote)
    app.teardown_appcontext(lambda exc: g.pop("db", None) and None)

    @app.post("/register")
    def register():
        try:
            db().execute("INSERT INTO visitor (username, password) VALUES (?, ?)",
                         (request.form["username"], request.form["password"]))
            db().commit()
        except sqlite3.IntegrityError:
            return "taken", 409
        return redirect("/login")

    @app.post("/login")
    def login():
        row = db().execute("SELECT * FROM visitor WHERE username = ? AND password = ?",
                           (request.form["username"], request.form["password"])).fetchone()
        if row is None:
            return "wrong", 401
        session["visitor"] = row["id"]
        return redirect("/exhibits")

    @app.get("/exhibits")
    @signed_in
    def exhibits():
        return jsonify([dict(r) for r in db().execute("SELECT * FROM exhibit ORDER BY id")])

    @app.post("/exhibits")
    @signed_in
    def add_exhibit():
        if g.visitor["role"] != "curator":
            return jsonify(error="curators only"), 403
        title = ((request.get_json(silent=True) or {}).get("title") or "").strip()
        if not title:
            return jsonify(error="title is required"), 400
        cur = db().execute("INSERT INTO exhibit (title) VALUES (?)", (title,))
        db().commit()
        return jsonify(id=cur.lastrowid, title=title), 201

    return app
'''


@pytest.fixture(scope="module")
def museum(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("museum"), {"museum/__init__.py": MUSEUM_APP})
    return repo, *run(repo, "add tests for the museum: signing in, curators adding exhibits")


def test_a_bare_promote_command_gives_the_role_its_code_sets(museum: tuple[Path, str, str, list[str]],
                                                            tmp_path: Path) -> None:
    """`flask promote NAME` names no role; its code sets `role = 'curator'`. Adding an exhibit, refused to a plain
    visitor (403), is tested as a curator promoted by the command, and as forbidden to the others."""
    repo, path, text, findings = museum
    assert findings == []
    assert 'CURATOR_COMMAND = ["promote", "curator1_user"]' in text
    assert "def test_post_exhibits_is_forbidden_without_the_curator_role(" in text
    assert "log_in(client, CURATOR, CURATOR_COMMAND)" in text
    assert pytest_in(repo, path).returncode == 0
    anyone = ('        if g.visitor["role"] != "curator":\n            return jsonify(error="curators only"), '
              '403\n', "")
    assert run_on_a_bug(museum, "museum/__init__.py", *anyone, tmp_path).returncode == 1, text
