"""Test runner adapters behind one small interface: detect, build a command, parse results."""

from agent.runners.base import Runner, detect_runner, run_tests
from agent.runners.pytest import PytestRunner

__all__ = ["PytestRunner", "Runner", "detect_runner", "run_tests"]
