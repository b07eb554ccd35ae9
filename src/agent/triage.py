"""Triage by the runtime, before the first model request: what the repo is made of, read off manifests and imports.

No model is involved; the result is handed to the model (so it spends no turns on
discovery) and lands in the outcome's `test_surface.triage`.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from agent.gitops import git_root, run_git
from agent.outcome import TriageFacts
from agent.testfiles import is_test_file

SKIP_DIRS = frozenset({".git", "node_modules", ".venv", "venv", "env", "__pycache__", "dist", "build", ".assay",
                       ".tox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".next", "coverage", "site-packages"})
MANIFESTS = ("pyproject.toml", "setup.cfg", "setup.py", "Pipfile", "package.json", "go.mod", "tox.ini",
             "pytest.ini")
SOURCE_CAP = 5000
SCAN_FILES = 300
SCAN_BYTES = 64 * 1024
_LANG_BY_SUFFIX = {".py": "python", ".js": "javascript", ".mjs": "javascript", ".cjs": "javascript",
                   ".jsx": "javascript", ".ts": "typescript", ".tsx": "typescript", ".go": "go"}

# (fact kind, label, pattern over dependency names or import text)
_SIGNALS: tuple[tuple[str, str, str], ...] = (
    ("framework", "fastapi", r"\bfastapi\b"),
    ("framework", "flask", r"\bflask\b"),
    ("framework", "django", r"\bdjango\b"),
    ("framework", "starlette", r"\bstarlette\b"),
    ("framework", "express", r"(?<![\w-])express(?![\w-])"),
    ("framework", "fastify", r"\bfastify\b"),
    ("framework", "nestjs", r"@nestjs/"),
    ("framework", "koa", r"(?<![\w-])koa(?![\w-])"),
    ("framework", "hono", r"\bhono\b"),
    ("framework", "gin", r"gin-gonic/gin"),
    ("framework", "echo", r"labstack/echo"),
    ("framework", "chi", r"go-chi/chi"),
    ("framework", "graphql", r"\b(graphene|strawberry|ariadne|apollo-server|@apollo/server|graphql-yoga)\b"),
    ("datastore", "sqlalchemy", r"\bsqlalchemy\b"),
    ("datastore", "sqlite", r"\bsqlite3?\b|better-sqlite3|sqlite:"),
    ("datastore", "postgres", r"\b(psycopg2?|asyncpg|pg|postgres|pgx)\b"),
    ("datastore", "mysql", r"\b(pymysql|mysqlclient|mysql2?)\b"),
    ("datastore", "mongodb", r"\b(pymongo|motor|mongoose|mongodb)\b"),
    ("datastore", "prisma", r"@prisma/client|\bprisma\b"),
    ("datastore", "typeorm", r"\btypeorm\b"),
    ("datastore", "sequelize", r"\bsequelize\b"),
    ("datastore", "django-orm", r"django\.db"),
    ("datastore", "redis", r"\b(redis|ioredis)\b"),
    ("datastore", "queue", r"\b(celery|rq|dramatiq|bullmq|bull|kafkajs|kafka-python|pika|amqplib|kombu)\b"),
    ("auth", "jwt", r"\b(pyjwt|jwt|python-jose|jose|jsonwebtoken|fastapi-jwt)\b"),
    ("auth", "session", r"\b(flask_login|flask-login|express-session|cookie-session|SessionMiddleware)\b|"
                        r"\bsession\["),
    ("auth", "oauth", r"\b(authlib|oauthlib|passport-oauth\w*|passport-google\w*|oauth2)\b"),
    ("auth", "api_key", r"(?i)x-api-key|APIKeyHeader|\bapi_key\b|apiKey"),
    ("auth", "basic", r"HTTPBasic\b|basic-auth|BasicAuth"),
    ("auth", "bearer", r"HTTPBearer|OAuth2PasswordBearer|Bearer "),
)


@dataclass(frozen=True)
class Triage:
    """What the runtime found, plus the file lists the tools and verification reuse."""

    facts: TriageFacts
    test_files: list[str]
    source_files: list[str]
    manifests: list[str]
    test_command: list[str] | None

    def to_prompt(self) -> str:
        """A compact Markdown block for the model's first message."""
        f = self.facts
        rows = [
            ("language", f.language or "unknown"),
            ("frameworks", ", ".join(f.frameworks) or "none found"),
            ("test_runner", f.test_runner or "none found"),
            ("runner_config", f.runner_config or "none"),
            ("test_layout", f.test_layout or "no tests yet"),
            ("datastores", ", ".join(f.datastores) or "none found"),
            ("auth", ", ".join(f.auth) or "none found"),
            ("manifests", ", ".join(self.manifests) or "none"),
            ("test_command", " ".join(self.test_command) if self.test_command else "unknown"),
            ("existing_tests", f"{len(self.test_files)} file(s)" + (": " + ", ".join(self.test_files[:8])
                                                                     if self.test_files else "")),
        ]
        return "\n".join(f"- {name}: {value}" for name, value in rows)


_JS_TEST = re.compile(r"\b(it|test)(\.(each|only|concurrent)\b[^(]*)?\s*\(")
_GO_TEST = re.compile(r"^func (Test|Benchmark|Fuzz|Example)\w*\(", re.M)


def defined_tests(path: str, text: str) -> set[str]:
    """The names of the tests a test file defines (Python functions and methods, Jest/Vitest titles, Go funcs)."""
    if path.endswith(".py"):
        try:
            tree = ast.parse(text)
        except SyntaxError:
            return set()
        return {node.name for node in ast.walk(tree)
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test")}
    if path.endswith(".go"):
        return set(re.findall(r"^func (Test\w*)\(", text, re.M))
    return {m.group(2) for m in re.finditer(r"\b(?:it|test)(?:\.\w+)?\s*\(\s*([\"'`])(.*?)\1", text)}


def holds_a_test(path: str, text: str) -> bool:
    """Whether a test file's text defines at least one test; True when that cannot be told (a syntax error is
    the runner's to report, not a reason to call the file empty)."""
    suffix = PurePosixPath(path).suffix
    if suffix == ".py":
        try:
            tree = ast.parse(text)
        except SyntaxError:
            return True
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"):
                return True
            if isinstance(node, ast.ClassDef) and node.name.startswith("Test") and any(
                    isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) and item.name.startswith("test")
                    for item in node.body):
                return True
        return False
    if suffix == ".go":
        return bool(_GO_TEST.search(text))
    if suffix in _LANG_BY_SUFFIX:
        return bool(_JS_TEST.search(text))
    return True


def list_repo_files(repo: Path) -> list[str]:
    """Repo-relative POSIX paths, honouring .gitignore where the repo is a git checkout."""
    files: list[str] | None = None
    if git_root(repo) is not None:  # the repo may be a folder inside a checkout: ls-files answers for it alone
        try:
            out = run_git(repo, ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], timeout=30)
            files = [f for f in out.split("\0") if f]
        except (OSError, subprocess.SubprocessError):
            files = None
    if files is None:
        files = _walk(repo)
    return sorted(f for f in files if not SKIP_DIRS.intersection(PurePosixPath(f).parts[:-1])
                  and (repo / f).is_file())


def _walk(repo: Path) -> list[str]:
    found: list[str] = []
    stack = [repo]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name not in SKIP_DIRS:
                    stack.append(Path(entry.path))
            elif entry.is_file(follow_symlinks=False):
                found.append(Path(entry.path).relative_to(repo).as_posix())
    return found


def triage(repo: Path) -> Triage:
    """Read the repo's facts: language, frameworks, runner, layout, datastores, auth."""
    files = list_repo_files(repo)
    names = {PurePosixPath(f).name for f in files if "/" not in f}
    manifests = [m for m in MANIFESTS if m in names]
    langs = Counter(_LANG_BY_SUFFIX[s] for f in files if (s := PurePosixPath(f).suffix) in _LANG_BY_SUFFIX)
    tests = [f for f in files if is_test_file(f)]
    language = _language(langs, manifests)
    sources = [f for f in files if f not in set(tests) and _LANG_BY_SUFFIX.get(PurePosixPath(f).suffix, "")
               .replace("typescript", "javascript") == (language or "").replace("typescript", "javascript")]
    deps_text = _dependency_text(repo, manifests)
    scan_text = deps_text + "\n" + _sample_text(repo, sources[:SCAN_FILES] + tests[:50])
    found: dict[str, list[str]] = {"framework": [], "datastore": [], "auth": []}
    for kind, label, pattern in _SIGNALS:
        if re.search(pattern, scan_text, re.I if kind != "auth" else 0):
            found[kind].append(label)
    runner, config, command = _runner(repo, language, manifests, names, tests, deps_text)
    facts = TriageFacts(language=language, frameworks=found["framework"], test_runner=runner, runner_config=config,
                        test_layout=_layout(tests), datastores=found["datastore"], auth=found["auth"])
    return Triage(facts, tests, sources[:SOURCE_CAP], manifests, command)


def _language(langs: Counter[str], manifests: list[str]) -> str | None:
    if "go.mod" in manifests:
        return "go"
    if "package.json" in manifests and not {"pyproject.toml", "setup.py", "setup.cfg"} & set(manifests):
        return "typescript" if langs["typescript"] > langs["javascript"] else "javascript"
    if {"pyproject.toml", "setup.py", "setup.cfg", "Pipfile"} & set(manifests):
        return "python"
    return langs.most_common(1)[0][0] if langs else None


def _read(path: Path, limit: int = SCAN_BYTES) -> str:
    try:
        with path.open("rb") as fh:
            return fh.read(limit).decode("utf-8", "replace")
    except OSError:
        return ""


def _dependency_text(repo: Path, manifests: list[str]) -> str:
    """Dependency names from the manifests, one per line."""
    parts: list[str] = []
    for name in manifests:
        text = _read(repo / name)
        if name == "package.json":
            try:
                data: dict[str, Any] = json.loads(text)
            except json.JSONDecodeError:
                continue
            for key in ("dependencies", "devDependencies", "peerDependencies"):
                parts += list((data.get(key) or {}).keys())
            parts += [f"script:{v}" for v in (data.get("scripts") or {}).values()]
            if "jest" in data:
                parts.append("jest-config-in-package-json")
        elif name == "pyproject.toml":
            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError:
                parts.append(text)
                continue
            project = data.get("project", {})
            parts += project.get("dependencies", [])
            for extra in project.get("optional-dependencies", {}).values():
                parts += extra
            poetry = data.get("tool", {}).get("poetry", {})
            parts += list(poetry.get("dependencies", {})) + list(poetry.get("dev-dependencies", {}))
            if "pytest" in data.get("tool", {}):
                parts.append("pytest-config-in-pyproject")
        else:
            parts.append(text)
    for req in sorted(repo.glob("requirements*.txt")):
        parts.append(_read(req))
    return "\n".join(parts)


def _sample_text(repo: Path, files: list[str]) -> str:
    """Import lines (and a few auth-ish lines) from a bounded sample of files."""
    keep = re.compile(r"^\s*(import |from \S+ import|const .*require\(|import .* from |\"[\w./-]+\"$)|"
                      r"session\[|x-api-key|APIKey|Bearer|api_key|sqlite", re.I)
    lines: list[str] = []
    for rel in files:
        lines += [ln for ln in _read(repo / rel).splitlines() if keep.search(ln)]
    return "\n".join(lines)


def _runner(repo: Path, language: str | None, manifests: list[str], names: set[str], tests: list[str],
            deps: str) -> tuple[str | None, str | None, list[str] | None]:
    """(runner, its config file, the command that runs the whole suite)."""
    for config in sorted(names):
        if re.match(r"vitest\.config\.[cm]?[jt]s$", config):
            return "vitest", config, ["npx", "vitest", "run"]
    if re.search(r"(?m)^vitest$", deps):
        return "vitest", None, ["npx", "vitest", "run"]
    for config in sorted(names):
        if re.match(r"jest\.config\.[cm]?[jt]s(on)?$", config):
            return "jest", config, ["npx", "jest"]
    if re.search(r"(?m)^(jest|ts-jest)$|jest-config-in-package-json", deps):
        return "jest", "package.json" if "jest-config-in-package-json" in deps else None, ["npx", "jest"]
    if language == "go":
        return "go", "go.mod", ["go", "test", "./..."]
    if language == "python" or any(t.endswith(".py") for t in tests):
        found: str | None = next((c for c in ("pytest.ini", "tox.ini", "setup.cfg") if c in names
                       and (c == "pytest.ini" or "[pytest]" in _read(repo / c) or "[tool:pytest]" in
                            _read(repo / c))), None)
        if found is None and "pytest-config-in-pyproject" in deps:
            found = "pyproject.toml"
        if found is None and (repo / "conftest.py").exists():
            found = "conftest.py"
        return "pytest", found, ["python", "-m", "pytest"]
    if language in ("javascript", "typescript"):
        return None, None, ["npm", "test"] if "package.json" in manifests else None
    return None, None, None


def _layout(tests: list[str]) -> str | None:
    """The most common test folder and naming pattern, e.g. `tests/test_*.py` or `__tests__/*.test.ts`."""
    if not tests:
        return None
    patterns: Counter[str] = Counter()
    for rel in tests:
        path = PurePosixPath(rel)
        folder = path.parts[0] + "/" if len(path.parts) > 1 else ""
        name = path.name
        if name.startswith("test_"):
            shape = "test_*.py"
        elif name.endswith("_test.py"):
            shape = "*_test.py"
        elif name.endswith("_test.go"):
            shape = "*_test.go"
        else:
            match = re.search(r"\.(test|spec)(\.[cm]?[jt]sx?)$", name)
            shape = f"*.{match.group(1)}{match.group(2)}" if match else name
        patterns[folder + shape] += 1
    return patterns.most_common(1)[0][0]
