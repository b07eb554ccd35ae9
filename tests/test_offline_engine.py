"""The offline engine on apps shaped like real ones (tests/fixtures/offline_apps): it builds them as a maintainer
would, speaks their input language, signs in through their own forms, exercises classes, and the tests it writes
pass on the code as written and fail on a seeded bug.

Each test drives the engine through its model protocol: the discovery command runs in the fixture repo, its output
goes back as the tool result, and the files the engine asks to write are written and run with pytest.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from agent.models.base import ModelRequest
from agent.models.offline import OfflineModel

APPS = Path(__file__).parent / "fixtures" / "offline_apps"


def write_tests(repo: Path, request: str) -> dict[str, str]:
    """The offline engine's turns on `repo` up to its outcome: discovery, writing, running and settling (its
    commands run here with this interpreter). The files it wrote last, by path."""
    model = OfflineModel()
    messages: list[dict[str, Any]] = [{"role": "user", "content": [{"type": "text", "text": f"Request: {request}"}]}]
    files: dict[str, str] = {}
    for _ in range(6):
        turn = model.respond(ModelRequest(system="", tools=[], messages=messages))
        messages.append({"role": "assistant", "content": turn.content})
        results = []
        for block in turn.content:
            if block["name"] == "submit_outcome":
                return files
            if block["name"] == "write_file":
                path = block["input"]["path"]
                files[path] = block["input"]["content"]
                (repo / path).parent.mkdir(parents=True, exist_ok=True)
                (repo / path).write_text(files[path])
                output = "written"
            else:
                command = block["input"]["command"].replace("python -", f"{sys.executable} -")
                done = subprocess.run(["bash", "-s"], input=command, cwd=repo, capture_output=True, text=True,
                                      timeout=300)
                output = done.stdout + done.stderr
            results.append({"type": "tool_result", "tool_use_id": block["id"], "content": output})
        messages.append({"role": "user", "content": results})
    raise AssertionError("the engine did not submit an outcome")


def copy_app(name: str, tmp_path: Path) -> Path:
    repo = tmp_path / name
    shutil.copytree(APPS / name, repo, ignore=shutil.ignore_patterns("bugs.json", "__pycache__"))
    return repo


def pytest_in(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args], cwd=repo,
                          capture_output=True, text=True, timeout=300)


def seeded(repo: Path, rel: str, before: str, after: str, count: int = -1) -> None:
    text = (repo / rel).read_text()
    assert before in text
    (repo / rel).write_text(text.replace(before, after, count))


def test_flaskr_like_app_gets_login_ownership_and_validation_tests(tmp_path: Path) -> None:
    repo = copy_app("flaskr", tmp_path)
    [(path, text)] = write_tests(repo, "add tests for the blog").items()
    assert 'app.test_cli_runner().invoke(args=["init-db"])' in text
    assert 'client.post("/auth/login", data=' in text
    for name in ("test_log_out_ends_the_session", "test_post_update_refuses_another_users_record",
                 "test_post_create_without_title_is_refused", "test_register_twice_is_refused"):
        assert f"def {name}(client)" in text
    assert "xfail" not in text
    assert pytest_in(repo, path).returncode == 0
    assert not (repo / "instance").exists(), "the factory's instance folder must not land in the repo"
    seeded(repo, "flaskr/blog.py", 'if check_author and post["author_id"] != g.user["id"]:', "if False:")
    seeded(repo, "flaskr/auth.py", '    session.clear()\n    return redirect(url_for("index"))',
           '    return redirect(url_for("index"))')
    run = pytest_in(repo, path, "-k", "refuses_another_users or log_out")
    assert "FAILED" in run.stdout and "test_log_out_ends_the_session" in run.stdout, run.stdout[-1500:]
    assert "test_post_update_refuses_another_users_record" in run.stdout


def test_fastapi_app_with_lifespan_tables_and_a_module_engine(tmp_path: Path) -> None:
    repo = copy_app("heroes", tmp_path)
    [(path, text)] = write_tests(repo, "add tests for the heroes API").items()
    assert 'monkeypatch.setattr(heroes.main, "engine", engine)' in text
    assert "with TestClient(app) as test_client:" in text
    assert "def test_get_heroes_pages_with_offset_and_limit(client)" in text
    assert pytest_in(repo, path).returncode == 0
    assert not (repo / "database.db").exists(), "the tests must not write the app's own database file"
    seeded(repo, "heroes/main.py", "hero.model_dump(exclude_unset=True)", "hero.model_dump()")
    seeded(repo, "heroes/main.py", "Query(le=100)", "Query(le=1000)")
    run = pytest_in(repo, path)
    assert "test_patch_hero_by_id_changes_only_the_sent_field" in run.stdout, run.stdout[-1500:]
    assert "test_get_heroes_rejects_limit_above_its_maximum" in run.stdout
    seeded(repo, "heroes/main.py", "Query(le=1000)", "Query(lt=100)")  # the bound itself refused
    run = pytest_in(repo, path, "-k", "limit_at_its_maximum")
    assert "1 failed" in run.stdout, run.stdout[-1500:]


def test_header_token_compared_with_a_constant_is_found(tmp_path: Path) -> None:
    repo = copy_app("items", tmp_path)
    [(path, text)] = write_tests(repo, "add tests for the items API").items()
    assert 'USER_HEADERS = {"x-token": "coneofsilence"}' in text
    assert "def test_get_item_by_id_refuses_an_unknown_token(client)" in text
    assert "copy.deepcopy(items.main.fake_db)" in text
    assert pytest_in(repo, path).returncode == 0
    seeded(repo, "items/main.py", "status_code=409", "status_code=400")
    run = pytest_in(repo, path)
    assert "FAILED" in run.stdout and "test_post_items_refuses_the_same_record_twice" in run.stdout


WALLET = '''\
from decimal import Decimal


class InsufficientFunds(Exception):
    pass


class Wallet:
    def __init__(self, owner: str, limit: Decimal = Decimal("100")) -> None:
        self.owner = owner
        self.limit = limit
        self._balance = Decimal("0")

    def deposit(self, amount: Decimal) -> Decimal:
        if amount <= 0:
            raise ValueError("amount must be positive")
        if self._balance + amount > self.limit:
            raise InsufficientFunds("over the limit")
        self._balance += amount
        return self._balance

    def withdraw(self, amount: Decimal) -> Decimal:
        if amount > self._balance:
            raise InsufficientFunds("not enough")
        self._balance -= amount
        return self._balance

    @property
    def balance(self) -> Decimal:
        return self._balance
'''


def test_a_class_is_built_and_its_method_sequences_pinned(tmp_path: Path) -> None:
    repo = tmp_path / "wallet"
    (repo / "wallet").mkdir(parents=True)
    (repo / "wallet" / "__init__.py").write_text("")
    (repo / "wallet" / "core.py").write_text(WALLET)
    [(path, text)] = write_tests(repo, "add tests for the Wallet class").items()
    assert "from wallet.core import InsufficientFunds, Wallet" in text
    assert "with pytest.raises(InsufficientFunds)" in text
    assert pytest_in(repo, path).returncode == 0
    seeded(repo, "wallet/core.py", "if amount > self._balance:", "if amount >= self._balance:")
    assert pytest_in(repo, path).returncode == 1


KEYED_APP = '''\
import os

from flask import Flask, abort, jsonify, request


def create_app(api_key=None, db_path=None):
    api_key = api_key or os.environ.get("KEYED_API_KEY")
    if not api_key:
        raise RuntimeError("an API key must be configured")
    region = os.environ["KEYED_REGION"]
    app = Flask(__name__)
    notes = {}

    @app.post("/notes")
    def add():
        if request.headers.get("X-API-Key") != api_key:
            abort(401)
        data = request.get_json()
        if not isinstance(data.get("pinned"), bool):
            abort(400)
        note = {"id": len(notes) + 1, "text": data["text"], "pinned": data["pinned"], "region": region}
        notes[note["id"]] = note
        return jsonify(note), 201

    return app
'''


@pytest.mark.parametrize("pinned_check", [True])
def test_a_factory_that_needs_keys_and_settings_is_built(tmp_path: Path, pinned_check: bool) -> None:
    repo = tmp_path / "keyed"
    (repo / "keyed").mkdir(parents=True)
    (repo / "keyed" / "__init__.py").write_text("")
    (repo / "keyed" / "app.py").write_text(KEYED_APP)
    [(path, text)] = write_tests(repo, "add tests for the notes endpoint").items()
    assert 'create_app(api_key="test-api-key", db_path=str(tmp_path / "app.db"))' in text
    assert 'os.environ.setdefault("KEYED_REGION", "test-keyed-region")' in text
    assert '{"X-API-Key": "test-api-key"}' in text
    assert '"pinned": True' in text
    assert pytest_in(repo, path).returncode == 0
    assert pinned_check


GUEST_FORM_APP = '''\
from flask import Flask, redirect, render_template_string, request

ENTRIES = []


def create_app():
    app = Flask(__name__)

    @app.get("/")
    def index():
        return render_template_string("{% for e in entries %}<p>{{ e }}</p>{% endfor %}", entries=ENTRIES)

    @app.post("/sign")
    def sign():
        message = request.form["message"].strip()
        if not message or len(message) > 200:
            return "a message of 1 to 200 characters, please", 400
        ENTRIES.append(message)
        return redirect("/")

    return app
'''


def test_a_form_app_without_sign_in_still_gets_tests(tmp_path: Path) -> None:
    """Forms but no register/login: discovery reports no session flow (null), and the engine goes on."""
    repo = tmp_path / "guests"
    (repo / "guests").mkdir(parents=True)
    (repo / "guests" / "__init__.py").write_text(GUEST_FORM_APP)
    files = write_tests(repo, "add tests for signing the guest list")
    assert files, "the engine wrote no test file"
    [(path, text)] = files.items()
    assert '"/sign"' in text
    assert pytest_in(repo, path).returncode == 0, text


CSRF_HOOK = '''
    import hmac
    import secrets

    from flask import abort, request, session

    def csrf_token():
        if "_csrf" not in session:
            session["_csrf"] = secrets.token_hex(16)
        return session["_csrf"]

    @app.before_request
    def check_csrf():
        if request.method == "POST":
            sent = request.form.get("csrf_token", "")
            if not session.get("_csrf") or not hmac.compare_digest(sent, session["_csrf"]):
                abort(400)

    app.jinja_env.globals["csrf_token"] = csrf_token
    return app
'''


def test_a_form_app_whose_forms_carry_a_csrf_token(tmp_path: Path) -> None:
    """Every POST form holds a hidden token the session keeps (checked in a before-request hook): the tests' client
    sends what the page's form holds, as a browser does, and a post without it is pinned as refused."""
    repo = copy_app("flaskr", tmp_path)
    seeded(repo, "flaskr/__init__.py", '    app.add_url_rule("/", endpoint="index")\n    return app\n',
           '    app.add_url_rule("/", endpoint="index")\n' + CSRF_HOOK)
    for template in (repo / "flaskr" / "templates").rglob("*.html"):
        template.write_text(template.read_text().replace(
            '<form method="post">', '<form method="post">\n    <input type="hidden" name="csrf_token" '
            'value="{{ csrf_token() }}">'))
    [(path, text)] = write_tests(repo, "add tests for the blog").items()
    assert "app.test_client_class = FormTokenClient" in text
    for name in ("test_log_in_with_no_csrf_token_is_refused", "test_post_update_refuses_another_users_record",
                 "test_post_create_without_title_is_refused"):
        assert f"def {name}(client)" in text, name
    assert pytest_in(repo, path).returncode == 0
    seeded(repo, "flaskr/__init__.py", 'if request.method == "POST":',
           'if request.method == "POST" and "csrf_token" in request.form:')  # a post without the token let through
    seeded(repo, "flaskr/blog.py", 'if check_author and post["author_id"] != g.user["id"]:', "if False:")
    run = pytest_in(repo, path, "-k", "no_csrf_token or refuses_another_users")
    assert "test_log_in_with_no_csrf_token_is_refused" in run.stdout and "FAILED" in run.stdout, run.stdout[-1500:]
    assert "test_post_update_refuses_another_users_record" in run.stdout
