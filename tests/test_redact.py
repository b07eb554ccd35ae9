"""Secrets never reach an artefact a run leaves."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from agent.redact import Redactor
from agent.sandbox import ProcessSandbox
from agent.session import RunConfig, run_session
from agent.testing import ScriptedModel, tool_use

from scripts import GOOD_TEST, good_submission

PLANTED = "sk-ant-api03-PLANTEDplantedPLANTED0000"


@pytest.mark.parametrize(("text", "leak"), [
    ("key sk-ant-api03-abcdefghijklmnop here", "abcdefghijklmnop"),
    ("token ghp_abcdefghijklmnopqrstuvwxyz0123", "ghp_abcdefghij"),
    ("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig", "eyJhbGciOiJIUzI1NiJ9"),
    ("aws AKIAABCDEFGHIJKLMNOP", "AKIAABCDEFGHIJKLMNOP"),
    ("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----", "MIIEow"),
    ("postgres://u:x@h/db?password=hunter22", "hunter22"),
])
def test_patterns_are_redacted(text: str, leak: str) -> None:
    out = Redactor(from_environment=False).redact(text)
    assert leak not in out and "[REDACTED]" in out


def test_known_values_are_redacted_and_short_values_are_not() -> None:
    redactor = Redactor(["my-github-app-token-value"], from_environment=False)
    redactor.add("1234")
    assert redactor.redact("push with my-github-app-token-value, pin 1234") == "push with [REDACTED], pin 1234"
    assert redactor.redact_obj({"a": ["my-github-app-token-value"]}) == {"a": ["[REDACTED]"]}


def test_a_planted_secret_is_in_no_artefact_of_a_run(py_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", PLANTED)
    monkeypatch.setenv("PAYMENTS_SECRET", "payments-secret-value-xyz")
    (py_repo / "settings.py").write_text(f'API_KEY = "{PLANTED}"\nSTRIPE = "payments-secret-value-xyz"\n')
    submission = good_submission()
    submission["gaps"].append({"item": f"saw {PLANTED} in settings", "reason": "payments-secret-value-xyz"})
    model = ScriptedModel([
        tool_use("read_file", {"path": "settings.py"}),
        tool_use("run_command", {"command": "cat settings.py; env"}),
        tool_use("write_file", {"path": "tests/test_pricing.py", "content": GOOD_TEST}),
        tool_use("submit_outcome", submission),
    ])
    result = run_session(RunConfig(repo=py_repo, request=f"add tests; key is {PLANTED}"), model=model,
                         sandbox=ProcessSandbox(), progress=lambda _: None)
    artefacts = list(result.run_dir.rglob("*"))
    assert {p.name for p in artefacts} >= {"transcript.jsonl", "outcome.json", "outcome.md"}
    found = subprocess.run(["grep", "-rl", "-e", PLANTED, "-e", "payments-secret-value-xyz", str(result.run_dir)],
                           capture_output=True, text=True).stdout
    assert found == ""
    assert "[REDACTED]" in (result.run_dir / "transcript.jsonl").read_text()
