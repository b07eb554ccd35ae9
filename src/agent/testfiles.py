"""What counts as a test, and as test support: one definition for the workspace, triage, targets, the session,
the graders and the GitHub job.

- A *test file* is one a runner collects by its name: `test_*.py`, `*_test.py`, `*.test.ts`, `*.spec.js`,
  `*_test.go`.
- *Test support* is a test file or anything that exists for tests: `conftest.py`, runner config and set-up files
  (`pytest.ini`, `jest.config.*`, `vitest.config.*`, `jest.setup.*`, `vitest.setup.*`, `.env.test`), and code or
  data files under a tests folder (`tests/`, `test/`, `__tests__/`, `spec/`, `specs/`). The model may write test
  support without `--allow-source-edits`; it is never the code under test; the graders never call it source.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import PurePosixPath

_TEST_NAME = re.compile(r"(^test_.*\.py$|_test\.py$|\.(test|spec)\.[cm]?[jt]sx?$|_test\.go$)")
_SUPPORT_NAMES = ("conftest.py", "pytest.ini", "jest.config.*", "vitest.config.*", "jest.setup.*", "vitest.setup.*",
                  ".env.test", "setupTests.*")
TEST_DIRS = frozenset({"tests", "test", "__tests__", "spec", "specs"})
_SUPPORT_SUFFIXES = frozenset({".py", ".js", ".ts", ".mjs", ".cjs", ".tsx", ".jsx", ".go", ".json", ".ini", ".cfg",
                               ".toml", ".txt", ".yaml", ".yml", ".sql", ".csv"})


def is_test_file(path: str) -> bool:
    """True for files a runner treats as tests (`test_*.py`, `*_test.py`, `*.test.ts`, `*.spec.js`, `*_test.go`)."""
    return bool(_TEST_NAME.search(PurePosixPath(path).name))


def is_test_support(path: str) -> bool:
    """True for a test file or a file that exists for tests (see the module's docstring)."""
    parts = PurePosixPath(path).parts
    if not parts:
        return False
    name = parts[-1]
    if is_test_file(path) or any(fnmatch.fnmatchcase(name, pattern) for pattern in _SUPPORT_NAMES):
        return True
    return bool(TEST_DIRS.intersection(parts[:-1])) and PurePosixPath(name).suffix in _SUPPORT_SUFFIXES
