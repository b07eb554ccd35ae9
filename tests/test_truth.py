"""The outcome tells the whole truth: exit codes, what ran, what the request asked for, the right targets.

Every test runs the real console script or the real session on a real repo in tmp_path.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from agent.request import MAX_REQUEST_CHARS
from agent.sandbox import ProcessSandbox
from agent.session import RunConfig, SessionResult, run_session
from agent.testing import ScriptedModel, tool_use

from conftest import PRICING, git, make_repo
from scripts import GOOD_TEST, good_submission


def assay(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANTHROPIC_")}
    return subprocess.run([sys.executable, "-m", "agent.cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def outcome_of(out: subprocess.CompletedProcess[str]) -> dict:
    return json.loads(out.stdout)


def scripted(repo: Path, turns: list, request: str = "add tests for line_total", **options: object) -> SessionResult:
    return run_session(RunConfig(repo=repo, request=request, verify_options=dict(options)),
                       model=ScriptedModel(turns), sandbox=ProcessSandbox(), progress=lambda _: None)


# ---------------------------------------------------------------------------------------------- exit codes


@pytest.mark.parametrize("request_text", ["", "   \n\t "])
def test_an_empty_request_is_one_line_and_exit_2_before_anything_runs(py_repo: Path, request_text: str) -> None:
    out = assay("run", request_text, "--repo", str(py_repo), "--model", "offline")
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [
        'assay: the request is empty; say what to test, e.g. assay run "add tests for the orders endpoint"']
    assert not (py_repo / ".assay").exists(), "nothing ran"


def test_a_request_over_the_documented_cap_is_refused(py_repo: Path) -> None:
    out = assay("run", "x" * (MAX_REQUEST_CHARS + 1), "--repo", str(py_repo), "--model", "offline")
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1
    assert f"the limit is {MAX_REQUEST_CHARS:,}" in out.stderr
    assert f"{MAX_REQUEST_CHARS:,}" in assay("run", "--help").stdout, "the cap is documented in --help"


@pytest.mark.parametrize(("option", "value"), [("--max-turns", "0"), ("--timeout", "-5"), ("--flake-reruns", "-1"),
                                               ("--max-output-tokens", "0")])
def test_out_of_range_options_are_one_line_and_exit_2(py_repo: Path, option: str, value: str) -> None:
    out = assay("run", "add tests", "--repo", str(py_repo), option, value)
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1
    assert option in out.stderr and "Traceback" not in out.stderr


def test_a_session_refuses_an_empty_request_as_a_usage_error(py_repo: Path) -> None:
    from agent.errors import UsageError

    with pytest.raises(UsageError, match="the request is empty"):
        scripted(py_repo, [], request="  ")


@pytest.mark.parametrize(("name", "files"), [
    ("no framework", {"README.md": "# notes\n", "notes.txt": "nothing to test here\n"}),
    ("syntax error", {"app.py": "from flask import Flask\napp = Flask(__name__)\n\n@app.get('/x')\ndef x(:\n"
                                "    return 'x'\n"}),
    ("factory import fails", {"svc/__init__.py": "", "svc/app.py": "from flask import Flask\n"
                              "from svc.missing_module import settings\n\n\ndef create_app():\n"
                              "    app = Flask(__name__)\n    return app\n"}),
])
def test_nothing_written_is_exit_1_not_success(tmp_path: Path, name: str, files: dict[str, str]) -> None:
    repo = make_repo(tmp_path / "repo", files)
    out = assay("run", "add tests for the API", "--repo", str(repo), "--model", "offline", "--json")
    assert out.returncode == 1, f"{name}: {out.stderr}"
    run = outcome_of(out)["run"]
    assert run["verified"] is False and run["verdict"].startswith("no test was written")
    assert git(repo, "status", "--porcelain").strip() == ""


def test_failing_tests_are_exit_1(py_repo: Path) -> None:
    wrong = GOOD_TEST.replace("== 2.5", "== 99")
    result = scripted(py_repo, [tool_use("write_file", {"path": "tests/test_pricing.py", "content": wrong}),
                                tool_use("submit_outcome", good_submission())])
    assert result.exit_code == 1 and result.outcome.run.verdict == "1 test(s) failed unexpectedly"


def test_a_broken_test_config_is_exit_1_and_says_why_in_run_and_gaps(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "shop", {
        "pyproject.toml": '[project]\nname = "shop"\nversion = "0"\nthis line is stray\n\n'
                          '[tool.pytest.ini_options]\npythonpath = ["."]\n',
        "shop/__init__.py": "", "shop/pricing.py": PRICING})
    result = scripted(repo, [tool_use("write_file", {"path": "tests/test_pricing.py", "content": GOOD_TEST}),
                             tool_use("submit_outcome", good_submission()),
                             tool_use("submit_outcome", good_submission()),
                             tool_use("submit_outcome", good_submission())])
    run = result.outcome.run
    assert result.exit_code == 1 and not run.verified
    assert run.commands[0].exit_code == 4 and run.commands[0].error is not None
    assert run.commands[0].error.startswith("ERROR: pyproject.toml:"), run.commands[0].error
    assert run.verdict == f"no test ran (pytest exit 4: {run.commands[0].error})"
    [gap] = [g for g in result.outcome.gaps if g.item == "no test ran"]
    assert gap.reason.startswith("pytest exit 4: ERROR: pyproject.toml:") and gap.risk == "high"
    assert run.checks.names() == set(), "no flake, coverage or mutation line is reported on zero tests"


# ------------------------------------------------------------------------------------- --repo in a checkout


def test_repo_inside_a_checkout_works_on_that_folder_and_writes_only_under_it(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "mono", {
        "README.md": "# monorepo\n",
        "services/shop/pyproject.toml": '[project]\nname = "shop"\nversion = "0"\n\n'
                                        '[tool.pytest.ini_options]\npythonpath = ["."]\n',
        "services/shop/shop/__init__.py": "", "services/shop/shop/pricing.py": PRICING,
        "services/other/other.py": "def unrelated(x: int) -> int:\n    return x\n"})
    out = assay("run", "add tests for line_total", "--repo", str(root / "services/shop"), "--model", "offline",
                "--no-mutants", "--json")
    assert out.returncode == 0, out.stderr
    outcome = outcome_of(out)
    assert [f["path"] for f in outcome["implementation"]["files"]] == ["tests/test_pricing.py"]
    assert git(root, "status", "--porcelain", "--untracked-files=all").splitlines() == [
        "?? services/shop/tests/test_pricing.py"], "only the folder's new test: the run record is git-ignored"
    assert not (root / "services/shop/.git").exists(), "no nested repository"
    assert (root / "services/shop/.assay/runs").is_dir() and ".assay/" in (root / ".git/info/exclude").read_text()


def test_a_fixed_ref_is_checked_out_at_the_same_folder_of_the_checkout(tmp_path: Path) -> None:
    fixed = PRICING.replace("if quantity <= 0", "if quantity < 1")
    root = make_repo(tmp_path / "mono", {
        "pkg/pyproject.toml": '[project]\nname = "shop"\nversion = "0"\n\n[tool.pytest.ini_options]\n'
                              'pythonpath = ["."]\n',
        "pkg/shop/__init__.py": "", "pkg/shop/pricing.py": PRICING.replace("if quantity <= 0", "if quantity < 0")})
    (root / "pkg/shop/pricing.py").write_text(fixed)
    git(root, "commit", "-qam", "fix zero quantity")
    git(root, "tag", "fixed")
    git(root, "checkout", "-q", "HEAD~1")
    submission = good_submission()
    submission["implementation"]["files"][0]["regression"] = ["test_line_total_rejects_zero_quantity"]
    result = scripted(root / "pkg", [tool_use("write_file", {"path": "tests/test_pricing.py", "content": GOOD_TEST}),
                                     tool_use("submit_outcome", submission)], fixed_ref="fixed", mutants=False)
    [entry] = result.outcome.run.checks.regression.tests
    assert entry["reproduces"] and entry["fixed_ref"] == "passed", entry


# -------------------------------------------------------------------------------------------- run honesty

FIXTURE_ONLY = '''\
import pytest


@pytest.fixture
def quantity():
    return 3
'''


def test_a_created_file_that_holds_no_test_is_removed_and_said_so(py_repo: Path) -> None:
    submission = good_submission("tests/test_fixtures.py")
    result = scripted(py_repo, [tool_use("write_file", {"path": "tests/test_fixtures.py", "content": FIXTURE_ONLY}),
                                tool_use("submit_outcome", submission), tool_use("submit_outcome", submission),
                                tool_use("submit_outcome", submission)])
    assert not (py_repo / "tests/test_fixtures.py").exists()
    assert git(py_repo, "status", "--porcelain", "--untracked-files=all").strip() == ""
    run = result.outcome.run
    assert "removed tests/test_fixtures.py: the run created it, but it holds no test" in run.discrepancies
    assert result.outcome.implementation.files == [] and result.exit_code == 1
    assert run.checks.names() == set() and run.verdict == "no test was written"


def test_zero_collected_tests_report_no_proof_and_the_runners_reason(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "shop", {
        "pyproject.toml": '[project]\nname = "shop"\nversion = "0"\n\n[tool.pytest.ini_options]\n'
                          'pythonpath = ["."]\npython_functions = ["check_*"]\n',
        "shop/__init__.py": "", "shop/pricing.py": PRICING})
    result = scripted(repo, [tool_use("write_file", {"path": "tests/test_pricing.py", "content": GOOD_TEST}),
                             *[tool_use("submit_outcome", good_submission())] * 3])
    run = result.outcome.run
    assert run.commands[0].exit_code == 5 and run.commands[0].error == "no tests ran in " + \
        run.commands[0].error.removeprefix("no tests ran in ")
    assert run.checks.names() == set() and result.exit_code == 1
    from agent.outcome import render_markdown

    text = render_markdown(result.outcome)
    for absent in ("- flake:", "- coverage:", "- mutation:", "- assertions:"):
        assert absent not in text
    assert "- no test ran — pytest exit 5: no tests ran" in text


MODULE_LEVEL_APP = '''\
from fastapi import FastAPI

app = FastAPI()
NOTES: list[dict] = [{"id": 1, "text": "first"}]


@app.get("/notes")
def list_notes():
    return NOTES
'''

FACTORY_APP = '''\
import sqlite3

from flask import Flask, jsonify


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.update(DATABASE="notes.db")
    if test_config:
        app.config.update(test_config)

    @app.get("/notes")
    def list_notes():
        db = sqlite3.connect(app.config["DATABASE"])
        db.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT)")
        return jsonify([{"id": r[0], "text": r[1]} for r in db.execute("SELECT id, text FROM notes")])

    return app
'''


@pytest.mark.parametrize(("source", "fresh"), [(MODULE_LEVEL_APP, False), (FACTORY_APP, True)])
def test_generated_text_claims_a_fresh_database_only_when_the_fixture_makes_one(tmp_path: Path, source: str,
                                                                                fresh: bool) -> None:
    repo = make_repo(tmp_path / "notes", {"notes/__init__.py": "", "notes/app.py": source})
    result = run_session(RunConfig(repo=repo, request="add tests for GET /notes", model="offline",
                                   verify_options={"mutants": False}), sandbox=ProcessSandbox(),
                         progress=lambda _: None)
    [written] = [f.path for f in result.outcome.implementation.files]
    text = (repo / written).read_text()
    claims = " ".join([result.outcome.test_surface.summary, result.outcome.plan.rationale, text.split('"""')[1]])
    assert "fresh database" not in claims
    assert ("temporary database path" in claims) is fresh
    assert ("tmp_path" in text.split('"""', 2)[2]) is fresh, "the claim matches what the fixture does"
    if not fresh:
        assert "share the app\nobject" in text and "shared by every test" in result.outcome.test_surface.summary


# ------------------------------------------------------------------------------------ targets from evidence

BLUEPRINT_APP = {
    "accounts/__init__.py": '''\
from flask import Flask


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.update(TESTING=False)
    if test_config:
        app.config.update(test_config)
    from accounts import ledger
    app.register_blueprint(ledger.bp)
    return app
''',
    "accounts/ledger.py": '''\
from flask import Blueprint, jsonify, request

bp = Blueprint("ledger", __name__, url_prefix="/accounts")
BALANCES: dict[str, int] = {}


@bp.post("/<name>/deposits")
def deposit(name):
    amount = int(request.get_json()["amount"])
    if amount <= 0:
        return jsonify({"error": "amount must be positive"}), 400
    BALANCES[name] = BALANCES.get(name, 0) + amount
    return jsonify({"balance": BALANCES[name]}), 201
''',
}

BLUEPRINT_TEST = '''\
from accounts import create_app


def test_a_deposit_raises_the_balance():
    client = create_app({"TESTING": True}).test_client()
    resp = client.post("/accounts/ann/deposits", json={"amount": 5})
    assert resp.status_code == 201 and resp.get_json() == {"balance": 5}


def test_a_zero_deposit_is_refused():
    client = create_app({"TESTING": True}).test_client()
    assert client.post("/accounts/bob/deposits", json={"amount": 0}).status_code == 400
'''


def test_blueprint_apps_measure_the_blueprint_module_not_the_factory(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "bank", BLUEPRINT_APP)
    submission = {
        "test_surface": {"summary": "deposits", "targets": ["accounts/__init__.py", "POST /accounts/{name}/deposits",
                                                             "accounts/nowhere.py", "GET /reports"]},
        "plan": {"layers": ["integration"], "tests": []},
        "implementation": {"files": [{"path": "tests/test_ledger.py", "action": "created",
                                      "tests": ["test_a_deposit_raises_the_balance",
                                                "test_a_zero_deposit_is_refused"]}]},
    }
    result = scripted(repo, [tool_use("write_file", {"path": "tests/test_ledger.py", "content": BLUEPRINT_TEST}),
                             tool_use("submit_outcome", submission), tool_use("submit_outcome", submission)],
                      request="add tests for deposits")
    run = result.outcome.run
    assert result.exit_code == 0, run.verdict
    coverage = run.checks.coverage
    assert coverage.summary.endswith("(accounts/ledger.py)"), coverage
    assert run.checks.mutation.killed > 0
    assert all(s.startswith("accounts/ledger.py:") for s in run.checks.mutation.survived)
    assert result.outcome.test_surface.targets == ["accounts/__init__.py", "POST /accounts/{name}/deposits"]
    assert "test_surface.targets named 'accounts/nowhere.py', which is not in the tree; dropped" in run.discrepancies
    assert "test_surface.targets named 'GET /reports', which is not in the tree; dropped" in run.discrepancies


# ---------------------------------------------------------------------------------------- request accounting


def test_the_request_parser_names_routes_functions_files_and_rules() -> None:
    from agent.request import parse_request

    items = parse_request("POST /items/ must reject a duplicate id with 409 and a wrong X-Token with 400; lock it")
    assert [(i.kind, i.text, i.status) for i in items] == [
        ("route", "POST /items/", None), ("rule", "POST /items/ must reject a duplicate id with 409", 409),
        ("rule", "a wrong X-Token with 400", 400)]
    items = parse_request("add tests for the accounts API: deposits, withdrawals (the balance can never go "
                          "negative) and pagination")
    assert [(i.kind, i.text) for i in items] == [
        ("rule", "the balance can never go negative"), ("behaviour", "deposits"), ("behaviour", "withdrawals"),
        ("behaviour", "pagination")]
    assert [(i.kind, i.text) for i in parse_request("add unit tests for `to_cents` in billing/money.py")] == [
        ("file", "billing/money.py"), ("function", "to_cents")]
    assert parse_request("add tests for the orders endpoint") == []


def test_a_behaviour_naming_routes_and_names_reads_as_the_request_wrote_it() -> None:
    """The routes and names inside a behaviour are items of their own, and the behaviour keeps them in its text (a
    gap saying "not tested: the bearer token with and" tells the user nothing)."""
    from agent.request import parse_request

    items = parse_request("add tests for the accounts service: the bearer token with GET /me and POST /logout, "
                          "nested keys up to max_depth")
    assert [(i.kind, i.text, i.keywords) for i in items] == [
        ("route", "GET /me", ()), ("route", "POST /logout", ()), ("function", "max_depth", ()),
        ("behaviour", "the bearer token with GET /me and POST /logout", ("bearer", "token")),
        ("behaviour", "nested keys up to max_depth", ("nested", "keys"))]


def _ledger_submission(test_names: list[str]) -> dict:
    return {"test_surface": {"summary": "the ledger", "targets": ["accounts/ledger.py"]},
            "plan": {"layers": ["integration"], "tests": []},
            "implementation": {"files": [{"path": "tests/test_ledger.py", "action": "created", "tests": test_names}]}}


def test_three_named_behaviours_of_which_one_is_tested_give_one_test_and_two_not_tested_gaps(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "bank", BLUEPRINT_APP)
    one_test = BLUEPRINT_TEST.split("\n\n\ndef test_a_zero_deposit")[0] + "\n"
    submission = _ledger_submission(["test_a_deposit_raises_the_balance"])
    result = scripted(repo, [tool_use("write_file", {"path": "tests/test_ledger.py", "content": one_test}),
                             tool_use("submit_outcome", submission), tool_use("submit_outcome", submission)],
                      request="add tests for the ledger: deposits, withdrawals and pagination", mutants=False)
    run = result.outcome.run
    assert run.commands[-1].passed == 1
    assert run.request is not None
    assert [(i.item, bool(i.tests)) for i in run.request.items] == [
        ("deposits", True), ("withdrawals", False), ("pagination", False)]
    not_tested = [g for g in result.outcome.gaps if g.item.startswith("not tested: ")]
    assert [g.item for g in not_tested] == ["not tested: withdrawals", "not tested: pagination"]
    assert all(g.reason.startswith("no kept test that ran shows it") for g in not_tested)
    assert result.exit_code == 0, "the one named behaviour that is tested is verified"


def test_a_run_whose_tests_show_none_of_the_named_items_is_not_verified(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "bank", BLUEPRINT_APP)
    submission = _ledger_submission(["test_a_deposit_raises_the_balance", "test_a_zero_deposit_is_refused"])
    result = scripted(repo, [tool_use("write_file", {"path": "tests/test_ledger.py", "content": BLUEPRINT_TEST}),
                             tool_use("submit_outcome", submission), tool_use("submit_outcome", submission)],
                      request="add tests for the ledger: withdrawals and pagination", mutants=False)
    run = result.outcome.run
    assert run.commands[-1].passed == 2, "the tests pass: they just answer another request"
    assert result.exit_code == 1 and run.verified is False
    assert run.verdict == "none of the 2 item(s) the request names is shown by a test that ran"
    assert {g.item for g in result.outcome.gaps} >= {"not tested: withdrawals", "not tested: pagination"}


ITEMS_APP = '''\
from fastapi import FastAPI, Header, HTTPException
from pydantic import BaseModel

app = FastAPI()
ITEMS: dict[int, str] = {}


class Item(BaseModel):
    id: int
    name: str


@app.post("/items/", status_code=201)
def create_item(item: Item, x_token: str = Header(...)):
    if x_token != "secret":
        raise HTTPException(400, "bad token")
    if item.id in ITEMS:
        raise HTTPException(409, "duplicate")
    ITEMS[item.id] = item.name
    return item
'''


def test_the_offline_engine_says_which_named_rules_it_did_not_test(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "items", {"shop/__init__.py": "", "shop/main.py": ITEMS_APP})
    out = assay("run", "POST /items/ must reject a duplicate id with 409 and a wrong X-Token with 400; lock it",
                "--repo", str(repo), "--model", "offline", "--no-mutants", "--json")
    outcome = outcome_of(out)
    request = outcome["run"]["request"]
    assert [i["item"] for i in request["items"]] == [
        "POST /items/", "POST /items/ must reject a duplicate id with 409", "a wrong X-Token with 400"]
    gaps = {g["item"] for g in outcome["gaps"]}
    for item in request["items"]:
        assert bool(item["tests"]) != (f"not tested: {item['item']}" in gaps), "each item is tested or a gap"
    assert request["items"][0]["tests"], "the route itself is exercised"
    assert out.returncode == (0 if outcome["run"]["verified"] else 1)


def test_the_model_gets_the_untested_items_back_once_before_its_submission_is_accepted(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "bank", BLUEPRINT_APP)
    one_test = BLUEPRINT_TEST.split("\n\n\ndef test_a_zero_deposit")[0] + "\n"
    submission = _ledger_submission(["test_a_deposit_raises_the_balance"])
    model = ScriptedModel([tool_use("write_file", {"path": "tests/test_ledger.py", "content": one_test}),
                           tool_use("submit_outcome", submission), tool_use("submit_outcome", submission)])
    result = run_session(RunConfig(repo=repo, request="add tests for the ledger: deposits and refunds",
                                   verify_options={"mutants": False, "request_round": True}),
                         model=model, sandbox=ProcessSandbox(), progress=lambda _: None)
    [answer] = [b for b in model.requests[2].messages[-1]["content"] if b.get("type") == "tool_result"]
    assert answer["is_error"] and "the request names these, but no new test that ran shows them" in str(answer)
    assert "refunds" in str(answer) and "deposits" not in str(answer).split("shows them")[1]
    assert len(model.requests) == 3, "the second submission is accepted: the list goes back once"
    assert "not tested: refunds" in {g.item for g in result.outcome.gaps} and result.exit_code == 0


# --------------------------------------------------------------------------------------------------- reruns


def test_an_offline_rerun_reuses_its_earlier_file_instead_of_adding_a_copy(py_repo: Path) -> None:
    first = assay("run", "add tests for line_total", "--repo", str(py_repo), "--model", "offline", "--no-mutants",
                  "--json")
    assert first.returncode == 0, first.stderr
    git(py_repo, "add", "-A")
    git(py_repo, "-c", "user.name=t", "-c", "user.email=t@t.invalid", "commit", "-qm", "assay tests")
    second = assay("run", "add tests for line_total", "--repo", str(py_repo), "--model", "offline", "--no-mutants",
                   "--json")
    assert second.returncode == 0, second.stderr
    outcome = outcome_of(second)
    assert sorted(p.name for p in (py_repo / "tests").iterdir() if p.suffix == ".py") == ["test_pricing.py"]
    assert [(f["path"], f["action"]) for f in outcome["implementation"]["files"]] == [
        ("tests/test_pricing.py", "reused")]
    assert "tests/test_pricing.py already held these tests (an earlier run's file): reused unchanged." in \
        outcome["implementation"]["notes"]
    assert outcome["run"]["verified"] and outcome["run"]["commands"][0]["passed"] >= 1
    assert git(py_repo, "status", "--porcelain").strip() == ""


def test_a_new_file_holding_exactly_an_earlier_files_tests_is_not_added(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "shop", {
        "pyproject.toml": '[project]\nname = "shop"\nversion = "0"\n\n[tool.pytest.ini_options]\npythonpath = ["."]\n',
        "shop/__init__.py": "", "shop/pricing.py": PRICING, "tests/test_pricing.py": GOOD_TEST})
    result = scripted(repo, [tool_use("write_file", {"path": "tests/test_pricing_2.py", "content": GOOD_TEST}),
                             tool_use("submit_outcome", good_submission("tests/test_pricing_2.py"))], mutants=False)
    assert not (repo / "tests/test_pricing_2.py").exists()
    outcome = result.outcome
    assert [(f.path, f.action) for f in outcome.implementation.files] == [("tests/test_pricing.py", "reused")]
    assert "not duplicated as tests/test_pricing_2.py" in outcome.implementation.notes
    assert outcome.run.verified and outcome.run.commands[0].passed == 2 and result.exit_code == 0
    assert git(repo, "status", "--porcelain").strip() == ""


def test_a_go_test_that_requests_the_named_route_shows_it(tmp_path: Path) -> None:
    from agent.accounting import account, evidence
    from agent.outcome import TestResult
    from agent.request import parse_request

    repo = make_repo(tmp_path / "tasks", {
        "go.mod": "module example.com/tasks\n\ngo 1.19\n",
        "api/server.go": 'package api\n\nimport "net/http"\n\nfunc Routes(mux *http.ServeMux) {\n'
                         '\tmux.HandleFunc("/tasks", createTask)\n}\n',
        "api/server_test.go": 'package api\n\nimport (\n\t"net/http"\n\t"net/http/httptest"\n\t"testing"\n)\n\n'
                              'func TestCreateTaskAnswers201(t *testing.T) {\n'
                              '\treq := httptest.NewRequest(http.MethodPost, "/tasks", nil)\n'
                              '\tif req == nil {\n\t\tt.Fatal("no request")\n\t}\n}\n\n'
                              'func TestSomethingElse(t *testing.T) {}\n',
    })
    ran = [TestResult(id="api/server_test.go::TestCreateTaskAnswers201", status="passed"),
           TestResult(id="api/server_test.go::TestSomethingElse", status="passed")]
    coverage = account(repo, parse_request("add tests for POST /tasks"),
                       evidence(repo, ran, ["api/server_test.go"]))
    [item] = coverage.items
    assert item.tests == ["api/server_test.go::TestCreateTaskAnswers201"]


def test_a_behaviour_named_by_its_verb_is_shown_by_a_test_making_that_call(tmp_path: Path) -> None:
    """"adding notes" is shown by a test that POSTs to /notes, "logging in" by `test_log_in_...`; "deleting notes"
    is not shown by tests that only add and read them."""
    from agent.accounting import account, evidence
    from agent.outcome import TestResult
    from agent.request import parse_request

    repo = make_repo(tmp_path / "notes", {
        "notes/app.py": "",
        "tests/test_notes.py": 'def test_log_in_with_the_right_password(client):\n'
                               '    assert client.post("/login", data={"name": "a"}).status_code == 302\n\n\n'
                               'def test_post_notes_creates_with_a_valid_payload(client):\n'
                               '    assert client.post("/notes", json={"text": "x"}).status_code == 201\n\n\n'
                               'def test_get_notes_succeeds(client):\n'
                               '    assert client.get("/notes").status_code == 200\n',
    })
    ran = [TestResult(id=f"tests/test_notes.py::{name}", status="passed") for name in (
        "test_log_in_with_the_right_password", "test_post_notes_creates_with_a_valid_payload",
        "test_get_notes_succeeds")]
    coverage = account(repo, parse_request("add tests for logging in, adding notes, and deleting notes"),
                       evidence(repo, ran, ["tests/test_notes.py"]))
    shown = {item.item: item.tests for item in coverage.items}
    assert shown == {
        "logging in": ["tests/test_notes.py::test_log_in_with_the_right_password"],
        "adding notes": ["tests/test_notes.py::test_post_notes_creates_with_a_valid_payload"],
        "deleting notes": [],
    }
