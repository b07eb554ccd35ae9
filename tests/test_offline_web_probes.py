"""The offline engine's web probes on a small Flask JSON app written here: limits the code draws, text it
normalises, a second user, a yes/no filter, a sort order, a value the server makes up, a redirect, and an action's
number edge.

Each probe's test must pass on the app as written and fail on the single-line bug aimed at it.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from test_offline_engine import pytest_in, seeded, write_tests

APP = '''
import secrets

from flask import Flask, abort, jsonify, redirect, request

TOKENS = {"tok-ann-1": "ann", "tok-ben-2": "ben"}
MAX_NAME = 30
SORTS = {"id": ("id", False), "name": ("name", False), "-name": ("name", True)}


def create_app():
    app = Flask(__name__)
    tasks = {}
    ids = iter(range(1, 10**6))

    def user():
        who = TOKENS.get(request.headers.get("Authorization", "").removeprefix("Bearer "))
        if who is None:
            abort(401)
        return who

    def mine(task_id):
        who = user()
        task = tasks.get(task_id)
        if task is None or task["owner"] != who:
            abort(404)
        return task

    @app.post("/tasks")
    def create_task():
        who = user()
        data = request.get_json(silent=True) or {}
        name = data.get("name")
        if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME:
            return jsonify(error="a name of 1 to 30 characters"), 400
        task = {"id": next(ids), "owner": who, "name": name.strip(), "done": False, "points": 3,
                "slug": data.get("slug") or secrets.token_hex(4)}
        tasks[task["id"]] = task
        return jsonify(task), 201

    @app.get("/tasks")
    def list_tasks():
        who = user()
        done = request.args.get("done")
        items = [t for t in tasks.values() if t["owner"] == who]
        if done is not None:
            items = [t for t in items if t["done"] == (done == "true")]
        sort = request.args.get("sort", "id")
        if sort not in SORTS:
            return jsonify(error="sort by id, name or -name"), 400
        field, backwards = SORTS[sort]
        return jsonify(sorted(items, key=lambda t: t[field], reverse=backwards))

    @app.get("/tasks/<int:task_id>")
    def read_task(task_id):
        return jsonify(mine(task_id))

    @app.patch("/tasks/<int:task_id>")
    def update_task(task_id):
        task = mine(task_id)
        data = request.get_json(silent=True) or {}
        if "done" in data:
            if not isinstance(data["done"], bool):
                return jsonify(error="done is true or false"), 400
            task["done"] = data["done"]
        return jsonify(task)

    @app.post("/tasks/<int:task_id>/spend")
    def spend(task_id):
        task = mine(task_id)
        data = request.get_json(silent=True) or {}
        amount = data.get("amount")
        if not isinstance(amount, int) or task["points"] - amount < 0:
            return jsonify(error="not enough points"), 409
        task["points"] -= amount
        return jsonify(task)

    @app.get("/open/<slug>")
    def open_task(slug):
        task = next((t for t in tasks.values() if t["slug"] == slug), None)
        if task is None:
            abort(404)
        return redirect(f"/tasks/{task['id']}", code=302)

    return app
'''

BUGS = {
    "name_of_30_and_31_characters": ("len(name) > MAX_NAME", "len(name) >= MAX_NAME"),
    "stores_name_as_normalised": ('"name": name.strip()', '"name": name'),
    "shows_another_user_none_of_these_records": ('if t["owner"] == who]', "]"),
    "filters_by_done": ('(done == "true")', '(done != "true")'),
    "makes_up_a_slug_of_8_characters": ("token_hex(4)", "token_hex(3)"),
    "answers_302": ("code=302", "code=301"),
    "amount_of_3_and_4": ('task["points"] - amount < 0', 'task["points"] - amount <= 0'),
    "sorted_by_name_descending": ('"-name": ("name", True)', '"-name": ("name", False)'),
    "refuses_an_unknown_sort": ('return jsonify(error="sort by id, name or -name"), 400', 'sort = "id"'),
}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    repo = tmp_path_factory.mktemp("tasks")
    (repo / "tasks").mkdir()
    (repo / "tasks" / "__init__.py").write_text("from .app import create_app\n")
    (repo / "tasks" / "app.py").write_text(textwrap.dedent(APP))
    [(path, text)] = write_tests(repo, "add tests for the tasks API and for opening a task by its slug").items()
    return repo, path, text


def test_every_probe_gets_a_test_that_passes_on_the_code_as_written(written: tuple[Path, str, str]) -> None:
    repo, path, text = written
    for name in BUGS:
        assert any(line.startswith("def test_") and name in line for line in text.splitlines()), name
    assert "xfail" not in text
    run = pytest_in(repo, path)
    assert run.returncode == 0, run.stdout[-2000:]


@pytest.mark.parametrize("name", sorted(BUGS))
def test_the_probe_test_fails_on_the_bug_aimed_at_it(written: tuple[Path, str, str], tmp_path: Path,
                                                       name: str) -> None:
    repo, path, _ = written
    copy = tmp_path / "repo"
    shutil.copytree(repo, copy, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    seeded(copy, "tasks/app.py", *BUGS[name])
    run = pytest_in(copy, path, "-k", name)
    assert "failed" in run.stdout, run.stdout[-2000:]
