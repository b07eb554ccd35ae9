"""Tiny eval cases and a small skill for `assay optimize-skill` tests: a notes module whose owner check only a
`forbidden` test catches, and whose empty-text check only an `invalid_input` test catches."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import git

NOTES = '''\
def update_note(notes, user, note_id, text):
    """Change a note's text; only its owner may, and the text must not be empty."""
    note = notes[note_id]
    if note["owner"] != user:
        raise PermissionError("only the owner may change a note")
    if not text:
        raise ValueError("text must not be empty")
    note["text"] = text
    return note
'''

RUNNER = '''\
"""The repo's own test runner: imports each test file and calls its test functions (no plugins, fast)."""
import importlib.util
import sys
import traceback

failed = 0
for path in sys.argv[1:]:
    spec = importlib.util.spec_from_file_location("t", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in [n for n in dir(module) if n.startswith("test")]:
        try:
            getattr(module, name)()
        except Exception:
            failed += 1
            traceback.print_exc()
print(f"{failed} failed")
sys.exit(1 if failed else 0)
'''

GOLDEN_HEAD = '''\
import pytest

from shop.notes import update_note


def notes():
    return {1: {"owner": "ann", "text": "hello"}}


def test_owner_changes_the_text():
    assert update_note(notes(), "ann", 1, "bye")["text"] == "bye"
'''
GOLDEN_TESTS = {
    "forbidden": '''

def test_another_user_is_forbidden():
    with pytest.raises(PermissionError):
        update_note(notes(), "bob", 1, "bye")
''',
    "invalid_input": '''

def test_empty_text_is_invalid_input():
    with pytest.raises(ValueError):
        update_note(notes(), "ann", 1, "")
''',
}
LAZY = '''\
from shop.notes import update_note


def test_update():
    assert update_note({1: {"owner": "a", "text": "x"}}, "a", 1, "y")
'''
OWNER_CHECK = '    if note["owner"] != user:\n        raise PermissionError("only the owner may change a note")\n'
BUGS = {"forbidden": (OWNER_CHECK, ""),
        "invalid_input": ('    if not text:\n        raise ValueError("text must not be empty")\n', "")}


def make_notes_case(root: Path, name: str, split: str, scenario: str) -> Path:
    """A case whose one seeded bug only a test of `scenario` (forbidden or invalid_input) catches."""
    folder = root / name
    repo = folder / "repo"
    files = {"pyproject.toml": '[project]\nname = "shop"\nversion = "0"\n\n[tool.pytest.ini_options]\n'
                               'pythonpath = ["."]\n',
             "shop/__init__.py": "", "shop/notes.py": NOTES, "run_tests.py": RUNNER}
    for rel, content in files.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(content)
    (folder / "case.yaml").write_text(
        f"name: {name}\nversion: 1\nsplit: {split}\nkind: files\n"
        "request: Add tests for update_note in shop/notes.py.\ntargets: [shop/notes.py]\n"
        f"scenarios: [success, {scenario}]\nbug_scenarios:\n  {scenario}-check-dropped: {scenario}\n"
        'test_command: "{python} run_tests.py {files}"\n')
    (folder / "golden" / "tests").mkdir(parents=True)
    (folder / "golden" / "tests" / "test_notes.py").write_text(GOLDEN_HEAD + GOLDEN_TESTS[scenario])
    (folder / "lazy" / "tests").mkdir(parents=True)
    (folder / "lazy" / "tests" / "test_notes.py").write_text(LAZY)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "i")
    (repo / "shop/notes.py").write_text(NOTES.replace(*BUGS[scenario]))
    (folder / "bugs").mkdir()
    (folder / "bugs" / f"{scenario}-check-dropped.patch").write_text(git(repo, "diff"))
    (repo / "shop/notes.py").write_text(NOTES.replace("note[", "item[").replace("note =", "item =")
                                        .replace("return note", "return item"))
    (folder / "equivalent").mkdir()
    (folder / "equivalent" / "renamed-local.patch").write_text(git(repo, "diff"))
    shutil.rmtree(repo / ".git")
    (repo / "shop/notes.py").write_text(NOTES)
    return folder


SKILL = '''\
---
name: notes-skill
description: Writes backend tests for small Python services. Use it when asked to add tests.
---

# Backend testing

Prove behaviour at the cheapest layer where a user-visible contract can still be observed.

## What to cover

- a success case for each function under test.

## Assertions

Assert what a caller would notice. See references/recipes.md for set-up.
'''


def make_skill(root: Path) -> Path:
    """A valid skill whose rules ask for a success case only."""
    folder = root / "notes-skill"
    (folder / "references").mkdir(parents=True)
    (folder / "SKILL.md").write_text(SKILL)
    (folder / "references" / "recipes.md").write_text("# Recipes\n\nUse pytest fixtures for shared set-up.\n")
    return folder
