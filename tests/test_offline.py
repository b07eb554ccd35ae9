"""The offline engine drives the real tools on real repos and returns the same validated outcome."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from agent.demo import DEMO_REQUEST, prepare_demo_repo
from agent.outcome import ModelSubmission, TestingOutcome
from agent.sandbox import ProcessSandbox
from agent.session import RunConfig, SessionResult, run_session

from conftest import git, make_repo

FLASK_APP = '''\
import sqlite3
from functools import wraps

from flask import Blueprint, Flask, abort, g, jsonify, request, session


def login_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if "user" not in session:
            abort(401)
        return view(*args, **kwargs)
    return wrapped


notes = Blueprint("notes", __name__)


def db():
    if "db" not in g:
        g.db = sqlite3.connect(g.db_path)
        g.db.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, owner TEXT, text TEXT)")
    return g.db


@notes.get("/notes")
@login_required
def list_notes():
    rows = db().execute("SELECT id, text FROM notes WHERE owner = ?", (session["user"],)).fetchall()
    return jsonify([{"id": r[0], "text": r[1]} for r in rows])


@notes.get("/health")
def health():
    return jsonify({"status": "ok"})


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.update(SECRET_KEY="dev", DATABASE="notes.db")
    if test_config:
        app.config.update(test_config)

    @app.before_request
    def open_db():
        g.db_path = app.config["DATABASE"]

    app.register_blueprint(notes)
    return app
'''

FASTAPI_ROUTER_APP = '''\
from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

API_KEYS = {"key-reader": "reader", "key-admin": "admin"}


def api_key(x_api_key: str = Header(...)):
    if x_api_key not in API_KEYS:
        raise HTTPException(401, "bad key")
    return API_KEYS[x_api_key]


class Payment(BaseModel):
    amount: int = Field(ge=1, le=10000)
    currency: str = Field(min_length=3, max_length=3)


router = APIRouter()
PAYMENTS = []


@router.post("/payments", status_code=201)
def pay(payment: Payment, role: str = Depends(api_key)):
    PAYMENTS.append(payment.model_dump())
    return {"id": len(PAYMENTS), **payment.model_dump()}


app = FastAPI()
app.include_router(router)
'''


def run_offline(repo: Path, request: str, **options: object) -> SessionResult:
    config = RunConfig(repo=repo, request=request, model="offline", verify_options=dict(options))
    return run_session(config, sandbox=ProcessSandbox(), progress=lambda _: None)


def pytest_in(repo: Path, *paths: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *paths], cwd=repo,
                          capture_output=True, text=True, timeout=120)


@dataclass
class DemoCommand:
    dest: Path
    env: dict[str, str]
    done: subprocess.CompletedProcess[str]

    @property
    def repo(self) -> Path:
        return self.dest / "orders-service"

    def outcome(self) -> TestingOutcome:
        [saved] = (self.repo / ".assay" / "runs").glob("*/outcome.json")
        return TestingOutcome.model_validate_json(saved.read_text())


@pytest.fixture(scope="module")
def demo_command(tmp_path_factory: pytest.TempPathFactory) -> DemoCommand:
    """One `assay demo` (the demo request on the example service, the demo's mutation probe on), asserted three
    ways below: what the command prints and `view --latest` shows; the outcome it saved; which seeded bugs its
    tests catch."""
    dest = tmp_path_factory.mktemp("demo")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(dest)}
    done = subprocess.run([sys.executable, "-m", "agent.cli", "demo", "--dest", str(dest)], capture_output=True,
                          text=True, timeout=300, env=env)
    return DemoCommand(dest, env, done)


def test_demo_reports_the_negative_quantity_finding(demo_command: DemoCommand) -> None:
    repo = demo_command.repo
    assert demo_command.done.returncode == 0, demo_command.done.stderr
    outcome = demo_command.outcome()
    assert "POST /orders accepted quantity=-1 with 201" in outcome.run.findings
    assert outcome.run.checks.regression.tests
    [written] = outcome.implementation.files
    assert written.path == "tests/test_orders_api.py"
    assert "test_post_orders_rejects_negative_quantity" in written.regression
    scenarios = {t.scenario for t in outcome.plan.tests}
    assert {"success", "invalid_input", "unauthorized", "forbidden", "side_effect", "not_found",
            "regression"} <= scenarios
    run = outcome.run.commands[0]
    # One finding: the negative quantity. A zero quantity is no rule the engine may claim (a stock of nothing is
    # fine), so its test is kept only where the app refuses it, and this app takes it.
    assert run.failed == 0 and run.errors == 0 and run.passed >= 15 and run.xfailed == 1
    assert not any("quantity=0" in finding for finding in outcome.run.findings)
    # The suite stays green for the user; the repo gained only the test file.
    assert pytest_in(repo).returncode == 0
    assert git(repo, "status", "--porcelain").strip() == "?? tests/"


def test_assay_demo_command_prints_the_finding_and_view_latest_shows_its_run(demo_command: DemoCommand) -> None:
    out, env, dest = demo_command.done, demo_command.env, demo_command.dest
    assert out.returncode == 0, out.stderr
    assert "**Finding:** POST /orders accepted quantity=-1 with 201" in out.stdout
    assert "ANTHROPIC_API_KEY is not set" not in out.stderr  # demo always runs offline, without the notice
    assert f"example service copied to {dest}" in out.stderr

    elsewhere = dest / "elsewhere"  # a new user's next command, from a folder with no runs of its own
    elsewhere.mkdir()
    view = subprocess.run([sys.executable, "-m", "agent.cli", "view", "--latest"], capture_output=True, text=True,
                          timeout=120, env=env, cwd=elsewhere)
    assert view.returncode == 0, view.stderr
    page = Path(view.stdout.strip())
    assert page.name == "view.html" and page.parent.parent == dest / "orders-service" / ".assay" / "runs"
    assert "showing the last assay demo run" in view.stderr
    assert "POST /orders accepted quantity=-1 with 201" in page.read_text()


SEEDED_BUGS = {  # the change to orders/app.py, and the generated test that must catch it
    "owner check removed": ('row is None or (user.role != "admin" and row["customer"] != user.name)',
                            "row is None", "test_get_order_by_id_refuses_another_customers_record"),
    "stock not taken": ('conn.execute("UPDATE products SET stock = stock - ? WHERE id = ?", '
                        "(order.quantity, order.product_id))", "pass",
                        "test_post_orders_changes_the_stock_of_the_referenced_record"),
    "stock not checked": ('product["stock"] < order.quantity', "False",
                          "test_post_orders_refuses_more_quantity_than_the_stock_left"),
}


def test_owner_boundary_and_stock_side_effects_catch_their_bugs(demo_command: DemoCommand, tmp_path: Path) -> None:
    assert demo_command.done.returncode == 0, demo_command.done.stderr
    repo = shutil.copytree(demo_command.repo, tmp_path / "repo")  # bugs are seeded in a copy: the run's stays as is
    app = repo / "orders/app.py"
    correct = app.read_text()
    assert pytest_in(repo, "tests/test_orders_api.py").returncode == 0
    for bug, (before, after, catcher) in SEEDED_BUGS.items():
        assert before in correct, bug
        app.write_text(correct.replace(before, after))
        run = pytest_in(repo, "tests/test_orders_api.py")
        assert f"FAILED tests/test_orders_api.py::{catcher}" in run.stdout, (bug, run.stdout[-2000:])
    app.write_text(correct)


def test_no_xfail_leaves_the_finding_failing(tmp_path: Path) -> None:
    repo = prepare_demo_repo(tmp_path)
    result = run_offline(repo, DEMO_REQUEST, no_xfail=True, mutants=False)  # the mutation probe proves nothing here
    text = (repo / "tests/test_orders_api.py").read_text()
    assert "xfail" not in text
    assert result.outcome.run.commands[0].failed == 1
    assert result.outcome.run.findings == ["POST /orders accepted quantity=-1 with 201"]
    assert result.exit_code == 0, "failing tests that reproduce the named bug are expected"


def test_flask_factory_blueprint_and_login_required(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "notes", {"notes_app/__init__.py": "", "notes_app/app.py": FLASK_APP,
                                          "requirements.txt": "flask\n"})
    result = run_offline(repo, "add tests for the notes endpoint")
    text = (repo / "tests/test_notes_api.py").read_text()
    assert "from notes_app.app import create_app" in text
    assert "def test_get_notes_requires_credentials" in text
    assert result.outcome.run.verified, result.outcome.run.commands
    assert result.outcome.run.commands[0].passed >= 1
    assert "integration" in result.outcome.plan.layers


def test_fastapi_router_with_api_key_and_constraints(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "pay", {"payments/__init__.py": "", "payments/main.py": FASTAPI_ROUTER_APP})
    result = run_offline(repo, "add tests for payments")
    text = (repo / "tests/test_payments_api.py").read_text()
    assert '"X-Api-Key": "key-' in text or '"x-api-key": "key-' in text.lower()
    for name in ("rejects_amount_below_minimum", "rejects_amount_above_maximum", "rejects_missing_currency",
                 "requires_credentials", "creates_with_a_valid_payload"):
        assert f"test_post_payments_{name}" in text
    assert result.outcome.run.verified
    assert result.outcome.run.findings == []


def test_plain_functions_get_unit_tests(py_repo: Path) -> None:
    result = run_offline(py_repo, "add tests for line_total")
    text = (py_repo / "tests/test_pricing.py").read_text()
    assert "from shop.pricing import line_total" in text
    assert "assert line_total(2, 2.5) == 5.0" in text
    assert "with pytest.raises(ValueError)" in text
    assert result.outcome.plan.layers == ["unit"]
    assert result.outcome.run.verified and result.exit_code == 0


def test_a_repo_with_nothing_to_test_gets_an_honest_outcome(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "docs", {"README.md": "# just docs\n"})
    result = run_offline(repo, "add tests")
    assert result.outcome.implementation.files == []
    assert any("no tests were generated" in g.item for g in result.outcome.gaps)
    ModelSubmission.model_validate(result.outcome.model_dump(exclude={"run"}))


SHOP_DB = """\
import sqlite3


def connect(path: str = ":memory:") -> sqlite3.Connection:
    return sqlite3.connect(path)


def place_order(conn: sqlite3.Connection, sku: str, quantity: int) -> int:
    return conn.execute("SELECT ?", (quantity,)).fetchone()[0]
"""

EXISTING_TEST = "from shop.pricing import line_total\n\n\ndef test_mine():\n    assert line_total(1, 1.0) == 1.0\n"


def test_existing_test_files_are_never_overwritten(py_repo: Path) -> None:
    (py_repo / "tests").mkdir()
    (py_repo / "tests/test_pricing.py").write_text(EXISTING_TEST)
    git(py_repo, "add", "-A")
    git(py_repo, "commit", "-qm", "a test of my own")
    result = run_offline(py_repo, "add tests for line_total")
    assert (py_repo / "tests/test_pricing.py").read_text() == EXISTING_TEST
    [written] = result.outcome.implementation.files
    assert written.path == "tests/test_pricing_assay.py" and written.action == "created"
    assert result.outcome.run.verified and result.exit_code == 0


def test_functions_it_cannot_call_are_named_in_gaps_not_written_half(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "shop", {"shop/__init__.py": "", "shop/db.py": SHOP_DB})
    result = run_offline(repo, "test place_order's side effects")
    assert result.outcome.implementation.files == []
    assert not (repo / "tests").exists(), "no file without a test in it"
    [gap] = [g for g in result.outcome.gaps if g.item.startswith("place_order")]
    assert gap.risk == "high" and "conn: sqlite3.Connection" in gap.reason


LOYALTY = """\
def loyalty_discount_percent(orders_last_year: int, is_employee: bool) -> int:
    if is_employee:
        return 30
    return 10 if orders_last_year >= 25 else 0
"""


@pytest.mark.parametrize(("request_text", "advice"), [
    ("Which layer should the loyalty discount rule be tested at?", True),
    ("Just advise; don't write tests yet: how should we test the loyalty discount?", True),
    ("add tests for the loyalty discount", False),
    ("Could you write tests for the loyalty discount?", False),
])
def test_advice_requests_get_a_recommendation_and_no_files(tmp_path: Path, request_text: str, advice: bool) -> None:
    repo = make_repo(tmp_path / "store", {"store/__init__.py": "", "store/loyalty.py": LOYALTY})
    result = run_offline(repo, request_text, mutants=False)
    outcome = result.outcome
    if not advice:
        assert outcome.plan.layers == ["unit"] and outcome.implementation.files
        return
    assert outcome.plan.layers == ["advice"] and outcome.implementation.files == []
    assert "unit layer" in outcome.plan.rationale and "threshold (25)" in outcome.plan.rationale
    assert outcome.test_surface.targets == ["store/loyalty.py"]
    assert git(repo, "status", "--porcelain").strip() == "", "advice leaves the repo untouched"
    assert result.exit_code == 0


@pytest.mark.parametrize("dest_exists", [True])
def test_demo_refuses_to_overwrite(tmp_path: Path, dest_exists: bool) -> None:
    (tmp_path / "orders-service").mkdir()
    out = subprocess.run([sys.executable, "-m", "agent.cli", "demo", "--dest", str(tmp_path)], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 2 and "already exists" in out.stderr


CONFTEST_GOOD = '''\
import pytest
from fastapi.testclient import TestClient

from orders.app import create_app


@pytest.fixture
def client(tmp_path):
    with TestClient(create_app(str(tmp_path / "shared.db"))) as test_client:
        yield test_client
'''

CONFTEST_BROKEN = '''\
import pytest


@pytest.fixture
def client():
    raise RuntimeError("needs a database server")
'''


@pytest.mark.parametrize(("conftest", "reused"), [(CONFTEST_GOOD, True), (CONFTEST_BROKEN, False)])
def test_the_repos_client_fixture_is_reused_when_it_works(tmp_path: Path, conftest: str, reused: bool) -> None:
    repo = prepare_demo_repo(tmp_path)
    (repo / "tests").mkdir()
    (repo / "tests" / "conftest.py").write_text(conftest)
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t.invalid", "commit", "-qm", "conftest")
    result = run_offline(repo, DEMO_REQUEST, mutants=False)  # the fixture choice is made before any mutant runs
    text = (repo / "tests/test_orders_api.py").read_text()
    assert ("def client(" not in text) is reused
    assert ("comes from the repo's own tests/conftest.py" in text) is reused
    assert result.outcome.run.verified and result.outcome.run.commands[0].passed >= 15
    assert "POST /orders accepted quantity=-1 with 201" in result.outcome.run.findings
    assert any("was not used" in g.item for g in result.outcome.gaps) is not reused


REGISTRY = '''\
_accounts: dict[str, bool] = {}
_log = []


def register(email: str) -> None:
    if email in _accounts:
        raise KeyError(email)
    _accounts[email] = True
    _log.append(email)


def count() -> int:
    return len(_accounts)
'''

ORDER_DEPENDENT = {
    "tests/test_a.py": "from accounts.registry import count, register\n\n\ndef test_one():\n"
                       "    register('ann')\n    assert count() == 1\n",
    "tests/test_b.py": "from accounts.registry import register\n\n\ndef test_two():\n    register('ann')\n",
}


def test_a_suite_that_fails_together_is_diagnosed_and_isolated(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "acc", {"accounts/__init__.py": "", "accounts/registry.py": REGISTRY,
                                        **ORDER_DEPENDENT})
    assert pytest_in(repo).returncode == 1, "the fixture repo fails together"
    result = run_offline(repo, "tests/test_a.py and tests/test_b.py pass alone but fail together; fix the "
                               "isolation", mutants=False)
    outcome = result.outcome
    assert "accounts.registry._accounts (a module-level dict" in outcome.test_surface.summary
    assert "tests/test_b.py::test_two" in outcome.test_surface.summary
    assert [f.path for f in outcome.implementation.files] == ["tests/conftest.py"]
    assert git(repo, "status", "--porcelain").strip() == "?? tests/conftest.py", "the app code is untouched"
    assert pytest_in(repo).returncode == 0 and pytest_in(repo, "tests/test_b.py", "tests/test_a.py").returncode == 0
    assert outcome.run.verified and outcome.run.commands[0].passed == 2, "the runtime proves it on the suite"
    assert result.exit_code == 0


def test_a_suite_that_passes_together_is_not_changed(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "acc", {"accounts/__init__.py": "", "accounts/registry.py": REGISTRY,
                                        "tests/test_a.py": ORDER_DEPENDENT["tests/test_a.py"]})
    result = run_offline(repo, "our suite is flaky, find out why", mutants=False)
    assert result.outcome.implementation.files == [] and result.outcome.plan.layers == ["advice"]
    assert any(g.item == "the flakiness was not reproduced" for g in result.outcome.gaps)
    assert git(repo, "status", "--porcelain").strip() == ""


MONEY = '''\
from decimal import ROUND_HALF_UP, Decimal


def to_cents(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
'''


def test_decimal_money_is_pinned_at_the_half_cent(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "bill", {"billing/__init__.py": "", "billing/money.py": MONEY})
    result = run_offline(repo, "add unit tests for to_cents", mutants=False)
    text = (repo / "tests/test_money.py").read_text()
    assert "from decimal import Decimal\n" in text
    assert 'assert to_cents(Decimal("2.345")) == Decimal("2.35")' in text, "half-up rounding is pinned"
    assert result.outcome.run.verified and result.exit_code == 0
    (repo / "billing/money.py").write_text(MONEY.replace("ROUND_HALF_UP", "ROUND_HALF_EVEN"))
    assert pytest_in(repo, "tests/test_money.py").returncode == 1, "banker's rounding is caught"
