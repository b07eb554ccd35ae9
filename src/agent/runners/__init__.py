"""Test runner adapters behind one small interface: detect, build a command, parse results."""

from agent.runners.base import Runner, detect_runner, run_tests
from agent.runners.gotest import GoTestRunner
from agent.runners.jest import JestRunner
from agent.runners.pytest import PytestRunner, repo_python
from agent.runners.vitest import VitestRunner

__all__ = ["GoTestRunner", "JestRunner", "PytestRunner", "Runner", "VitestRunner", "detect_runner", "repo_python",
           "run_tests"]
