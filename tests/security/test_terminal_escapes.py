"""Escape sequences a model puts in paths and prose never reach the terminal or `outcome.md` (issue 11, item 9).

The scripted model (served through the real SDK by the fake Messages API) writes a test file whose
name carries an OSC 52 clipboard write and a clear-screen CSI, and puts the same bytes, C1 controls,
a carriage-return overprint and a backspace in its plan and gaps. Through the real console entry,
stderr, stdout and the run's `outcome.md` hold none of them; `--json` stays valid JSON that keeps
the text intact (escaped).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from agent.testing import FakeAnthropic, ScriptItem, tool_use

from scripts import GOOD_TEST, good_submission

OSC52 = "\x1b]52;c;cm0gLXJmIH4K\x07"
CLEAR = "\x1b[2J\x1b[H"
EVIL_PATH = f"tests/test_{OSC52}{CLEAR}evil.py"
EVIL_PROSE = f"plain{OSC52}{CLEAR}\x9b31m\x85 fake line\rverified: yes\x08\x7f\u202eend"
FORBIDDEN = ("\x1b", "\x07", "\x9b", "\x85", "\r", "\x08", "\x7f", "\u202e")


def evil_submission() -> dict[str, Any]:
    submission = good_submission()
    submission["test_surface"]["summary"] += EVIL_PROSE
    submission["plan"]["rationale"] = EVIL_PROSE
    submission["implementation"]["files"].append({"path": EVIL_PATH, "action": "created",
                                                  "tests": ["test_evil_name_still_runs"]})
    submission["gaps"].append({"item": f"gap {EVIL_PROSE}", "reason": EVIL_PROSE, "risk": "low"})
    return submission


def responder() -> Any:
    script: list[ScriptItem] = [
        tool_use("write_file", {"path": "tests/test_pricing.py", "content": GOOD_TEST}),
        tool_use("write_file", {"path": EVIL_PATH, "content": "from shop.pricing import line_total\n\n\n"
                                "def test_evil_name_still_runs():\n    assert line_total(2, 1.5) == 3.0\n"}),
        tool_use("read_file", {"path": EVIL_PATH}),
    ]

    def answer(_body: dict[str, Any]) -> ScriptItem:
        return script.pop(0) if script else tool_use("submit_outcome", evil_submission())

    return answer


def assay_run(repo: Path, *extra: str) -> subprocess.CompletedProcess[bytes]:
    with FakeAnthropic(responder()) as server:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ANTHROPIC_")}
        env |= {"ANTHROPIC_API_KEY": "sk-ant-test", "ANTHROPIC_BASE_URL": server.url}
        return subprocess.run([sys.executable, "-m", "agent.cli", "run", "add tests for line_total", "--repo",
                               str(repo), "--model", "claude-sonnet-5-5", "--max-turns", "12", *extra],
                              env=env, capture_output=True, timeout=600)


def clean(data: bytes) -> list[str]:
    text = data.decode("utf-8", "replace")
    return [repr(c) for c in FORBIDDEN if c in text]


@pytest.mark.slow
def test_markdown_progress_and_outcome_md_carry_no_control_characters(py_repo: Path) -> None:
    out = assay_run(py_repo)
    assert out.returncode in (0, 1), out.stderr
    assert (py_repo / EVIL_PATH).exists(), "the model's file was written under its hostile name"
    outcome_md = next((py_repo / ".assay" / "runs").glob("*/outcome.md")).read_bytes()
    assert b"evil.py" in out.stderr and b"evil.py" in out.stdout and b"evil.py" in outcome_md
    assert clean(out.stderr) == [], out.stderr
    assert clean(out.stdout) == [], out.stdout
    assert clean(outcome_md) == [], outcome_md
    assert b"\\x1b]52;c;" in out.stdout, "the hostile bytes are shown, escaped, not silently dropped"


@pytest.mark.slow
def test_json_output_is_valid_and_keeps_the_text_escaped(py_repo: Path) -> None:
    out = assay_run(py_repo, "--json")
    assert out.returncode in (0, 1), out.stderr
    assert clean(out.stderr) == [], out.stderr
    assert b"\x1b" not in out.stdout and b"\x07" not in out.stdout
    outcome = json.loads(out.stdout)
    assert outcome["plan"]["rationale"] == EVIL_PROSE
    assert EVIL_PATH in [f["path"] for f in outcome["implementation"]["files"]]


@pytest.mark.slow
def test_json_on_a_terminal_carries_no_control_characters(py_repo: Path) -> None:
    """With stdout and stderr on a terminal (a pty), what the terminal receives is still free of escapes."""
    import pty
    import select

    leader, follower = pty.openpty()
    with FakeAnthropic(responder()) as server:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ANTHROPIC_")}
        env |= {"ANTHROPIC_API_KEY": "sk-ant-test", "ANTHROPIC_BASE_URL": server.url, "TERM": "xterm-256color"}
        proc = subprocess.Popen([sys.executable, "-m", "agent.cli", "run", "add tests for line_total", "--repo",
                                 str(py_repo), "--model", "claude-sonnet-5-5", "--max-turns", "12", "--json"],
                                env=env, stdin=subprocess.DEVNULL, stdout=follower, stderr=follower)
        os.close(follower)
        received = b""
        while True:
            ready, _, _ = select.select([leader], [], [], 600)
            if not ready:
                break
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the pty closes when the process exits
                break
            if not chunk:
                break
            received += chunk
        proc.wait(timeout=60)
    os.close(leader)
    assert proc.returncode in (0, 1), received[-2000:]
    # The pty turns "\n" into "\r\n" on output: that carriage return is the terminal's, not the model's.
    assert clean(received.replace(b"\r\n", b"\n")) == [], received
    assert b'"rationale": "plain\\u001b]52;c;' in received
