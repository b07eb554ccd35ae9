"""An eval attempt cannot read its answers: the cases folder (bug patches, golden suites), the eval's results and
other attempts, or assay's own checkout, are hidden from its commands under bubblewrap (issue 13)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from agent.evals.cases import load_cases
from agent.evals.harness import EvalConfig, attempt_sandbox, prepare_repo
from agent.sandbox import BwrapSandbox, bwrap_works

needs_bwrap = pytest.mark.skipif(bwrap_works() is not None, reason=f"bubblewrap unavailable: {bwrap_works()}")
CHECKOUT = Path(__file__).resolve().parents[2]


@needs_bwrap
def test_an_attempt_cannot_read_patches_golden_suites_or_other_attempts(tmp_path: Path) -> None:
    cases = load_cases(CHECKOUT / "evals" / "cases")
    case = next(c for c in cases if c.name == "money-rounding")
    config = EvalConfig(cases=cases, out=CHECKOUT / "evals" / "results" / f"answers-test-{tmp_path.name}")
    attempts = config.out / "attempts"
    other = attempts / "other" / "repo"
    try:
        other.mkdir(parents=True)
        (other / "secret.txt").write_text("OTHER-ATTEMPT\n")
        repo = attempts / "mine" / "repo"
        prepare_repo(case, repo, None)
        visible = sorted(p.name for p in repo.iterdir() if p.name != ".git")
        patch = next((case.folder / "bugs").iterdir())
        sandbox = attempt_sandbox(BwrapSandbox(), config, repo.parent)
        result = sandbox.run(f"ls; cat {patch}; ls {case.folder}/golden; cat {other}/secret.txt; "
                             f"cat {CHECKOUT}/README.md; ls {case.folder.parent}", cwd=repo, timeout=30)
        sandbox.close()
    finally:
        shutil.rmtree(config.out, ignore_errors=True)
    assert result.output.splitlines()[: len(visible)] == visible, "the attempt's own repo is visible"
    assert patch.read_text()[:40] not in result.output
    assert "OTHER-ATTEMPT" not in result.output
    assert "assay writes backend tests" not in result.output
    assert "money-rounding" not in result.output.replace(str(case.folder), "")

