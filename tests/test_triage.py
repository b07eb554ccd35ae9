"""Triage reads facts off real fixture repos without a model."""

from __future__ import annotations

import json
from pathlib import Path

from agent.triage import list_repo_files, triage

from conftest import make_repo


def test_fastapi_sqlalchemy_jwt_repo(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "api", {
        "pyproject.toml": '[project]\nname="api"\ndependencies=["fastapi", "sqlalchemy", "pyjwt"]\n'
                          "[tool.pytest.ini_options]\naddopts='-q'\n",
        "app/main.py": "from fastapi import FastAPI\nfrom fastapi.security import HTTPBearer\nimport jwt\n",
        "app/db.py": "from sqlalchemy import create_engine\n",
        "tests/test_health.py": "def test_ok():\n    assert True\n",
    })
    t = triage(repo)
    assert t.facts.language == "python"
    assert t.facts.frameworks == ["fastapi"]
    assert t.facts.test_runner == "pytest" and t.facts.runner_config == "pyproject.toml"
    assert t.facts.test_layout == "tests/test_*.py"
    assert "sqlalchemy" in t.facts.datastores
    assert {"jwt", "bearer"} <= set(t.facts.auth)
    assert t.test_files == ["tests/test_health.py"]
    assert t.test_command == ["python", "-m", "pytest"]
    prompt = t.to_prompt()
    assert "- frameworks: fastapi" in prompt and "- test_layout: tests/test_*.py" in prompt


def test_flask_sqlite_session_repo(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "notes", {
        "requirements.txt": "flask\nflask-login\n",
        "notes/app.py": "import sqlite3\nfrom flask import Flask, session\n\nuser = session['user']\n",
    })
    t = triage(repo)
    assert t.facts.language == "python" and t.facts.frameworks == ["flask"]
    assert "sqlite" in t.facts.datastores and "session" in t.facts.auth
    assert t.facts.test_layout is None and t.test_files == []


def test_express_jest_supertest_repo(tmp_path: Path) -> None:
    package = {"dependencies": {"express": "^4", "jsonwebtoken": "^9", "pg": "^8"},
               "devDependencies": {"jest": "^29", "supertest": "^7"}, "scripts": {"test": "jest"}}
    repo = make_repo(tmp_path / "auth", {
        "package.json": json.dumps(package),
        "src/app.js": "const express = require('express');\n",
        "__tests__/login.test.js": "test('x', () => {});\n",
    })
    t = triage(repo)
    assert t.facts.language == "javascript" and t.facts.frameworks == ["express"]
    assert t.facts.test_runner == "jest" and t.test_command == ["npx", "jest"]
    assert t.facts.test_layout == "__tests__/*.test.js"
    assert "postgres" in t.facts.datastores and "jwt" in t.facts.auth


def test_vitest_typescript_repo(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "svc", {
        "package.json": json.dumps({"devDependencies": {"vitest": "^3", "typescript": "^5"},
                                    "dependencies": {"fastify": "^5", "ioredis": "^5"}}),
        "vitest.config.ts": "export default {}\n",
        "src/a.ts": "import Fastify from 'fastify'\n", "src/b.ts": "export const b = 1\n",
        "src/a.test.ts": "import { test } from 'vitest'\n",
    })
    t = triage(repo)
    assert t.facts.language == "typescript"
    assert t.facts.test_runner == "vitest" and t.facts.runner_config == "vitest.config.ts"
    assert "fastify" in t.facts.frameworks and "redis" in t.facts.datastores


def test_go_repo(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "gosvc", {"go.mod": "module x\nrequire github.com/gin-gonic/gin v1.9.0\n",
                                          "main.go": "package main\n", "main_test.go": "package main\n"})
    t = triage(repo)
    assert (t.facts.language, t.facts.test_runner, t.test_command) == ("go", "go", ["go", "test", "./..."])
    assert t.facts.frameworks == ["gin"] and t.facts.test_layout == "*_test.go"


def test_empty_repo_is_mostly_unknown_and_does_not_crash(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "empty", {"README.md": "# nothing\n"})
    t = triage(repo)
    assert t.facts.language is None and t.facts.frameworks == [] and t.test_command is None
    assert "- language: unknown" in t.to_prompt()


def test_gitignore_and_heavy_folders_are_skipped(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {".gitignore": "generated/\n", "app.py": "x = 1\n"})
    for rel in ("generated/big.py", "node_modules/lib/index.js", ".venv/lib/site.py", "build/out.py"):
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text("x = 1\n")
    files = list_repo_files(repo)
    assert "app.py" in files
    assert not [f for f in files if f.startswith(("generated/", "node_modules/", ".venv/", "build/"))]


def test_non_git_folder_is_walked(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "mod.py").write_text("import flask\n")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "x.js").write_text("")
    assert list_repo_files(tmp_path) == ["pkg/mod.py"]
