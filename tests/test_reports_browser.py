"""The eval report and the run view, opened from file:// in Debian's Chromium through Playwright.

One browser for the module; screenshots are kept under each test's tmp folder. Skips (a failure under CI=true)
when Chromium or the playwright package is missing: `.ci/run` installs both.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from agent.sandbox import ProcessSandbox
from agent.session import RunConfig, run_session
from agent.testing import ScriptedModel, text, tool_use
from agent.testing.fake_anthropic import Turn
from evals_fixtures import make_case

from scripts import GOOD_TEST, good_submission

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
FAST = '\n[tool.assay]\nflake_reruns = 0\nmutants = false\n'
"""The cases' own pyproject.toml keeps their runs short (and exercises [tool.assay] on the way)."""
HOSTILE = ('<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> '
           "\x1b[31mRED\x1b[0m \x1b]52;c;aGk=\x07 done")

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
pytestmark = pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK), reason=f"no Chromium at {CHROMIUM} "
                                "(apt-get install chromium)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def _open(browser: Any, page_file: Path) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("console", lambda msg: problems.append(msg.text) if msg.type in ("error", "warning") else None)
    page.on("request", lambda req: problems.append(f"request {req.url}") if not req.url.startswith("file:") else None)
    page.goto(page_file.as_uri())
    return page, problems


def _assay(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "agent.cli", *args], capture_output=True, text=True, timeout=600)


# ---- the eval report ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def eval_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real small eval (the lazy reference agent on two tiny cases, dev and holdout), reported again against a
    baseline made from its own results with every score set to 1 (the second `assay eval` resumes: nothing re-runs)."""
    root = tmp_path_factory.mktemp("eval")
    for name, split in (("tiny-pricing", "dev"), ("tiny-holdout", "holdout")):
        folder = make_case(root / "cases", name)
        (folder / "case.yaml").write_text((folder / "case.yaml").read_text().replace("split: dev", f"split: {split}"))
        with (folder / "repo" / "pyproject.toml").open("a") as f:
            f.write(FAST)
    out, baseline = root / "lazy", root / "baseline"
    argv = ["eval", "--cases-dir", str(root / "cases"), "--skill", "none", "--no-mutants", "--quiet",
            "--concurrency", "2", "--model", "lazy", "--out", str(out)]
    assert _assay(*argv).returncode == 0
    baseline.mkdir()
    lines = [json.loads(raw) for raw in (out / "results.jsonl").read_text().splitlines()]
    for line in lines:  # what an attempt wrote is untrusted: the report must show it, never run it
        with (Path(line["attempt_dir"]) / "repo" / "tests" / "test_pricing.py").open("a") as f:
            f.write(f"# {HOSTILE}\n")
    (baseline / "results.jsonl").write_text("".join(json.dumps({**x, "score": 1.0, "passed": True}) + "\n"
                                                    for x in lines))
    done = _assay(*argv, "--baseline", str(baseline))
    assert done.returncode == 1, done.stderr  # one paired holdout case gives no verdict: the gate does not pass
    return out


def test_eval_report_shows_the_case_table_and_a_drill_down_with_the_missed_bug(browser: Any, eval_out: Path,
                                                                               tmp_path: Path) -> None:
    page, problems = _open(browser, eval_out / "report.html")
    # Dev and holdout side by side, a row per case with its score.
    assert page.locator("#split-dev table.cases tr[data-case='tiny-pricing']").count() == 1
    assert page.locator("#split-holdout table.cases tr[data-case='tiny-holdout']").count() == 1
    row = page.locator("#split-dev tr[data-case='tiny-pricing']").inner_text()
    assert "0.000" in row and "0/1" in row
    assert page.locator("#comparison-holdout svg.deltas circle").count() == 1
    assert "bugs_detected" in page.locator("#graders").inner_text()
    # Drill-downs are rendered only when opened.
    attempt = page.locator("details.attempt[data-key='tiny-pricing@1#1']")
    assert attempt.locator(".drill").inner_text() == ""
    attempt.locator("summary").click()
    drill = attempt.locator(".drill")
    bugs = drill.locator(".bugs").inner_text()
    assert "zero-allowed" in bugs and "missed" in bugs and "named-total" in bugs and "passed" in bugs
    code = drill.locator("details.test-file").inner_text()
    assert "def test_line_total" in code and "# <script>window.__pwned = 1</script>" in code and "\\x1b[31mRED" in code
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert "flake" in drill.inner_text()  # the runtime's checks of that attempt
    href = drill.locator("a.run-view").get_attribute("href")
    assert href and (eval_out / href).is_file() and not href.startswith("/")
    page.screenshot(path=str(tmp_path / "eval-report.png"), full_page=True)
    assert problems == []
    page.close()


# ---- the run view --------------------------------------------------------------------------------------------



def test_run_view_shows_every_turn_and_escapes_what_the_model_wrote(browser: Any, py_repo: Path,
                                                                   tmp_path: Path) -> None:
    first = Turn([{"type": "text", "text": HOSTILE}, *tool_use("list_files", {}).content], stop_reason="tool_use")
    script = [first, text("thinking about it"), tool_use("write_file", {"path": "tests/test_pricing.py",
                                                                         "content": GOOD_TEST}),
              tool_use("submit_outcome", {"plan": {}}), tool_use("submit_outcome", good_submission())]
    run_session(RunConfig(repo=py_repo, request="add tests for line_total", skill_dir=None,
                          verify_options={"flake_reruns": 0, "mutants": False}),
                model=ScriptedModel(script), sandbox=ProcessSandbox(), progress=lambda _: None)
    done = _assay("view", "--latest", "--repo", str(py_repo))
    assert done.returncode == 0, done.stderr
    view = Path(done.stdout.strip())
    assert view.name == "view.html" and view.parent.parent == py_repo / ".assay" / "runs"
    assert "\x1b" not in view.read_text(encoding="utf-8")

    page, problems = _open(browser, view)
    assert page.locator("section.turn").count() == 5
    said = page.locator("#turn-1 .model-text").inner_text()
    assert said.startswith("<script>window.__pwned = 1</script><img src=x") and "\\x1b[31mRED\\x1b[0m" in said
    assert "\\x1b]52;c;aGk=\\x07" in said
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("script, img").count() == 0
    assert "runtime → model" in page.locator("#turn-2").inner_text()  # the nudge after a turn without tools
    rejected = page.locator("#turn-4 details.precheck.rejected")
    assert "sent back to the model" in rejected.inner_text() and "did not validate" in rejected.inner_text()
    assert page.locator("#verdict").inner_text() == "verified"
    assert "tests/test_pricing.py" in page.locator("#commands").inner_text()
    assert "language" in page.locator("#triage").inner_text() and page.locator("#usage").count() == 1
    page.screenshot(path=str(tmp_path / "run-view.png"), full_page=True)
    assert problems == []
    page.close()

