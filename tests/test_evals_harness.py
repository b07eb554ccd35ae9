"""The eval harness end to end on a tiny case: attempts through the real session, resumability, CLI, report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from agent.cli import main
from agent.errors import UsageError
from agent.evals.cases import load_case, load_cases
from agent.evals.harness import RESULTS, EvalConfig, read_results, run_eval
from evals_fixtures import make_case


def config(cases_dir: Path, out: Path, model: str = "golden", repeat: int = 2) -> EvalConfig:
    return EvalConfig(cases=load_cases(cases_dir), out=out, model=model, repeat=repeat, concurrency=2,
                      verify_options={"mutants": False, "flake_reruns": 2}, progress=False, timeout_s=60)


@pytest.fixture
def cases_dir(tmp_path: Path) -> Path:
    make_case(tmp_path / "cases")
    return tmp_path / "cases"


GoldenEval = tuple[Path, Path, list[dict[str, Any]]]


@pytest.fixture(scope="module")
def golden_eval(tmp_path_factory: pytest.TempPathFactory) -> GoldenEval:
    """(cases folder, --out, result lines) of one golden eval of the tiny case, repeat 2, run once for the module's
    tests; a test that writes to it works on a copy (`copied`)."""
    root = tmp_path_factory.mktemp("golden-eval")
    make_case(root / "cases")
    lines = run_eval(config(root / "cases", root / "out"))
    return root / "cases", root / "out", lines


def copied(out: Path, to: Path) -> Path:
    shutil.copytree(out, to, symlinks=True)
    return to


def test_each_attempt_is_one_line_with_grades_and_provenance(golden_eval):
    _, out, lines = golden_eval
    assert sorted(line["key"] for line in lines) == ["tiny-pricing@1#1", "tiny-pricing@1#2"]
    for line in lines:
        assert line["score"] == 1.0 and line["passed"]
        assert line["model"] == "golden" and line["skill_hash"] == "none" and line["runtime_version"]
        assert line["changed_files"] == ["tests/test_pricing.py"]
        assert line["metrics"]["turns"] >= 2 and line["metrics"]["output_tokens"] > 0
    assert len((out / RESULTS).read_text().splitlines()) == 2


def test_an_interrupted_eval_resumes_without_rerunning_finished_attempts(golden_eval, tmp_path):
    cases_dir, out = golden_eval[0], copied(golden_eval[1], tmp_path / "out")
    path = out / RESULTS
    first, second = path.read_text().splitlines()
    path.write_text(first + "\n" + second[: len(second) // 2])  # killed while writing the second line
    rerun: list[str] = []
    lines = run_eval(config(cases_dir, out), on_line=lambda line: rerun.append(line["key"]))
    assert rerun == [json.loads(second)["key"]]
    assert sorted(line["key"] for line in lines) == sorted(json.loads(x)["key"] for x in (first, second))
    assert json.loads(first) in read_results(out)


def test_results_of_another_agent_are_never_mixed_in(golden_eval, tmp_path):
    cases_dir, out = golden_eval[0], copied(golden_eval[1], tmp_path / "out")
    before = (out / RESULTS).read_text()
    with pytest.raises(UsageError, match="another eval"):
        run_eval(config(cases_dir, out, model="lazy"))
    assert (out / RESULTS).read_text() == before


def test_cli_writes_a_self_contained_report_and_gates_on_min_score(cases_dir, tmp_path, capsys):
    out = tmp_path / "golden"
    argv = ["eval", "--cases-dir", str(cases_dir), "--model", "golden", "--skill", "none", "--out", str(out),
            "--no-mutants", "--quiet"]
    assert main([*argv, "--min-score", "0.9"]) == 0
    assert main([*argv, "--min-score", "1.5"]) == 1
    summary = json.loads((out / "summary.json").read_text())
    assert summary["gate"]["reasons"] == ["mean score 1.000 is below --min-score 1.500"]
    page = (out / "report.html").read_text()
    assert "<svg" in page and "tiny-pricing" in page
    # Self-contained: inline scripts only (allowed by their hash), nothing fetched from anywhere.
    assert "<script src" not in page and "script-src 'sha256-" in page
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "") and "https://" not in page
    assert "# assay eval: golden" in (out / "summary.md").read_text()


def test_cli_with_one_case_against_a_baseline_gives_no_verdict_and_does_not_pass_the_gate(golden_eval, tmp_path):
    cases_dir, golden = golden_eval[0], golden_eval[1]  # the baseline: the golden eval of the same case, repeat 2
    common = ["eval", "--cases-dir", str(cases_dir), "--skill", "none", "--no-mutants", "--quiet", "--repeat", "2"]
    code = main([*common, "--model", "lazy", "--out", str(tmp_path / "l"), "--baseline", str(golden)])
    summary = json.loads((tmp_path / "l" / "summary.json").read_text())
    dev = summary["comparison"]["dev"]
    assert dev["per_case"][0]["delta"] < -0.5 and dev["per_case"][0]["pairs"] == 2 and dev["cases"] == 1
    # One case is one observation, however many repeats: a verdict needs six paired cases.
    assert dev["verdict"] == "not enough cases"
    assert code == 1 and summary["gate"]["reasons"][0].startswith("not enough cases: 0 paired holdout")


def test_bad_split_is_a_one_line_usage_error(capsys):
    assert main(["eval", "--split", "train"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "--split" in err


def test_invalid_case_file_names_the_field(tmp_path):
    folder = make_case(tmp_path)
    text = (folder / "case.yaml").read_text().replace("split: dev", "split: train")
    (folder / "case.yaml").write_text(text)
    with pytest.raises(UsageError, match=r"case.yaml: split: "):
        load_case(folder)


def test_unknown_case_glob_is_a_usage_error(cases_dir):
    with pytest.raises(UsageError, match="no eval case matches"):
        load_cases(cases_dir, "nothing-*")


def test_a_bug_patch_without_a_scenario_tag_is_a_usage_error(tmp_path):
    folder = make_case(tmp_path)
    (folder / "bugs" / "another.patch").write_text((folder / "bugs" / "zero-allowed.patch").read_text())
    with pytest.raises(UsageError, match=r"must tag every bugs/\*.patch exactly \(untagged: \['another'\]"):
        load_case(folder)


def test_an_eval_attempt_runs_exactly_what_assay_run_runs(cases_dir, tmp_path):
    from agent.cli import build_parser, run_config
    from agent.evals.cli import build_parser as eval_parser
    from agent.evals.cli import eval_config
    from agent.evals.harness import eval_run_config

    config = eval_config(eval_parser().parse_args(["--cases-dir", str(cases_dir), "--model", "offline"]))
    case, repo = config.cases[0], tmp_path / "attempt"
    cli = run_config(build_parser().parse_args(["run", case.request, "--repo", str(repo), "--model", "offline"]))
    assert eval_run_config(config, case, repo) == cli
    assert cli.verify_options["mutants"] is True  # the surviving-mutants round the CLI turns on
    no_mutants = eval_config(eval_parser().parse_args(["--cases-dir", str(cases_dir), "--no-mutants"]))
    assert eval_run_config(no_mutants, case, repo).verify_options["mutants"] is False


def test_the_answers_an_attempt_must_not_read_are_listed_for_the_sandbox(golden_eval):
    cases_dir, out, _ = golden_eval
    cfg = config(cases_dir, out)
    attempts = sorted((out / "attempts").iterdir())
    hidden = cfg.answer_paths(attempts[0])
    assert cases_dir.resolve() in hidden and (out / RESULTS).resolve() in hidden
    assert attempts[1].resolve() in hidden and attempts[0].resolve() not in hidden
    assert not any(attempts[0].resolve().is_relative_to(p) for p in hidden)
