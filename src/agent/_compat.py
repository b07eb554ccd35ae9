"""Workarounds for bugs in the Python versions assay supports; each names the version that fixed it."""

from __future__ import annotations

import ast
import sys
import threading
from typing import Any


def serialise_ast_parse() -> None:
    """CPython before 3.11.8 and 3.12.1 (gh-106905) kept the AST converter's recursion depth in shared state:
    `ast.parse` from two threads at once could fail with `SystemError: AST constructor recursion depth
    mismatch`. The eval harness and verification parse in threads, so on those versions parsing takes a lock.
    """
    if sys.version_info >= (3, 12, 1) or (3, 11, 8) <= sys.version_info < (3, 12):
        return
    if getattr(ast.parse, "_assay_serialised", False):
        return
    parse, lock = ast.parse, threading.Lock()

    def locked(*args: Any, **kwargs: Any) -> Any:
        with lock:
            return parse(*args, **kwargs)

    locked._assay_serialised = True  # type: ignore[attr-defined]
    ast.parse = locked
