"""`assay view` without a browser: what it refuses, and how it reads a record a crash cut short."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

from agent.view import load_run, render_view


def _assay(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "agent.cli", *args], capture_output=True, text=True, timeout=120)


def test_view_refuses_a_folder_that_is_not_a_run(tmp_path: Path) -> None:
    done = _assay("view", str(tmp_path))
    assert done.returncode == 2 and "not a run folder" in done.stderr and done.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_view_needs_a_run_dir_or_latest_and_latest_needs_a_run(tmp_path: Path) -> None:
    assert _assay("view").returncode == 2
    done = _assay("view", "--latest", "--repo", str(tmp_path))
    assert done.returncode == 2 and "no runs recorded" in done.stderr


def test_a_torn_transcript_without_an_outcome_still_renders(tmp_path: Path) -> None:
    run = tmp_path / "20260101-000000-abcdef"
    run.mkdir()
    lines = [{"t": 1.0, "event": "request", "model": "m", "first_message": "hi <b>"},
             {"t": 2.0, "event": "response", "turn": 1, "stop_reason": "tool_use", "usage": {},
              "content": [{"type": "tool_use", "id": "a", "name": "list_files", "input": {}}]},
             {"t": 3.0, "event": "aborted", "error": "KeyboardInterrupt: "}]
    (run / "transcript.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + '\n{"t": 4, "ev')
    view = load_run(run)
    assert (len(view.turns), view.torn_lines, view.outcome) == (1, 1, None)
    assert view.turns[0].calls[0].result is None and view.notes == [("aborted", "KeyboardInterrupt: ")]
    page = render_view(view)
    assert "hi &lt;b&gt;" in page and "no outcome recorded" in page and "(no result recorded)" in page


def test_serve_answers_the_page_on_localhost(tmp_path: Path) -> None:
    run = tmp_path / "run"
    run.mkdir()
    (run / "transcript.jsonl").write_text(json.dumps({"t": 1.0, "event": "request", "model": "m",
                                                      "first_message": "hello"}) + "\n")
    out = tmp_path / "page.html"
    with subprocess.Popen([sys.executable, "-m", "agent.cli", "view", str(run), "--out", str(out), "--serve"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
        try:
            assert proc.stderr is not None
            line = proc.stderr.readline()
            url = re.search(r"http://127\.0\.0\.1:\d+/", line)
            assert url, line
            with urllib.request.urlopen(url.group(), timeout=30) as response:
                body = response.read()
            assert body == out.read_bytes() and b"hello" in body
        finally:
            proc.terminate()
            proc.wait(timeout=30)
