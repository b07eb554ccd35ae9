"""The reference agents speak Go: they read `go test`'s test names and the gamer's change detector is a real Go
test in the package's folder that passes on the case's code and fails once one source byte changes."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from agent.evals import agents
from agent.evals.cases import load_cases
from agent.runners.gotest import go_available


def test_go_test_names_are_the_functions_go_test_collects(tmp_path: Path) -> None:
    source = tmp_path / "x_test.go"
    source.write_text('package x\n\nimport "testing"\n\nfunc TestCreate(t *testing.T) {}\n\n'
                      "func Testlower(t *testing.T) {}\n\nfunc TestRefuse_Zero(tt *testing.T) {}\n\n"
                      "func BenchmarkX(b *testing.B) {}\n\nfunc helper(t *testing.T) {}\n")
    assert agents.test_names(source) == ["TestCreate", "TestRefuse_Zero"]
    assert agents.go_test_name("invalid_input") == "TestInvalidInput"


@pytest.mark.skipif(go_available() is not None, reason=go_available() or "")
@pytest.mark.parametrize("case", [c for c in load_cases() if (c.repo / "go.mod").exists()], ids=lambda c: c.name)
def test_the_gamers_go_pinning_test_passes_on_the_code_and_fails_on_any_change(case, tmp_path: Path) -> None:
    rel, content = agents._pinning_file(case, ["success", "not_found"])
    repo = tmp_path / "repo"
    shutil.copytree(case.repo, repo)
    (repo / rel).write_text(content, encoding="utf-8")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path / "home")}

    def go_test() -> subprocess.CompletedProcess[str]:
        return subprocess.run(["go", "test", "-vet=off", "-count=1", "-v", "./..."], cwd=repo, env=env,
                              capture_output=True, text=True, check=False)

    passed = go_test()
    assert passed.returncode == 0, passed.stdout[-800:] + passed.stderr[-800:]
    assert "--- PASS: TestSuccess" in passed.stdout and "--- PASS: TestNotFound" in passed.stdout
    source = next(p for p in sorted(repo.rglob("*.go")) if not p.name.endswith("_test.go"))
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert go_test().returncode != 0
