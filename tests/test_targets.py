"""What the runtime reads off the tree: a target the model names is kept only when some source declares it, and
coverage and mutants are measured on the files that declare the routes the new tests call. A blueprint's routes
sit under its `url_prefix`, and a route declared as `""` is the prefix itself."""

from __future__ import annotations

from pathlib import Path

from agent.targets import code_under_test, validate_targets

from conftest import make_repo

FACTORY = '''
from flask import Flask


def create_app():
    app = Flask(__name__)
    from . import notes
    app.register_blueprint(notes.bp)
    return app
'''

NOTES = '''
from flask import Blueprint, jsonify

bp = Blueprint("notes", __name__, url_prefix="/api/notes")


@bp.get("")
def list_notes():
    return jsonify([])


@bp.delete("/<int:note_id>")
def drop_note(note_id):
    return "", 204
'''

TESTS = '''
def test_list(client):
    assert client.get("/api/notes").status_code == 200


def test_drop(client):
    assert client.delete("/api/notes/1").status_code == 204
'''


def _repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo", {"notes/__init__.py": FACTORY, "notes/notes.py": NOTES,
                                         "tests/test_notes.py": TESTS})


def test_routes_under_a_blueprints_prefix_are_targets_the_tree_holds(tmp_path: Path) -> None:
    kept, dropped = validate_targets(_repo(tmp_path), ["GET /api/notes", "DELETE /api/notes/{note_id}",
                                                      "GET /api/reports"])
    assert kept == ["GET /api/notes", "DELETE /api/notes/{note_id}"]
    assert dropped == ["GET /api/reports"]


def test_the_code_under_test_is_the_blueprint_that_declares_the_called_routes(tmp_path: Path) -> None:
    assert code_under_test(_repo(tmp_path), [], ["tests/test_notes.py"]) == ["notes/notes.py"]
