"""`assay optimize-skill` end to end and offline: the follower reference agent (its tests follow the rules its skill
states) measured by the real harness and graders, the scripted reflector behind the fake Messages API, GEPA's loop
on dev, and the holdout decision by the harness's paired test."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from agent.cli import main
from agent.errors import ModelError
from agent.evals.cases import load_cases
from agent.evals.harness import read_results
from agent.evals.stats import paired_test
from agent.models.anthropic import AnthropicModel
from agent.models.base import Model
from agent.optimize.adapter import Reflector, SkillAdapter
from agent.optimize.cli import QUICK_VERIFY, build_parser, reflection_model
from agent.optimize.components import describe_change, split_skill, write_candidate
from agent.optimize.evaluator import Budget, BudgetExhausted, Evaluator
from agent.optimize.run import GateFailed, OptimizeConfig, optimize
from agent.optimize.scripted import propose
from agent.skill import default_skill_dir
from agent.testing import Failure, FakeAnthropic
from optimize_fixtures import make_notes_case, make_skill

pytest.importorskip("gepa", reason="the `optimize` extra (gepa) is not installed")

FAST = QUICK_VERIFY
"""The runtime's own verification trimmed to its report runs (`--quick-verify`): the graders run as always."""


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two case folders sharing six holdout cases that each need a `forbidden` test: one whose dev case also needs
    one (a rule for it helps everywhere), one whose dev case needs an `invalid_input` test instead (a rule for it
    only helps on dev); a skill that asks for a success case only; one attempt cache for both."""
    root = tmp_path_factory.mktemp("optimize")
    for folder, scenario in (("auth", "forbidden"), ("input", "invalid_input")):
        make_notes_case(root / folder, f"notes-dev-{scenario.replace('_', '-')}", "dev", scenario)
        for i in range(6):
            make_notes_case(root / folder, f"notes-holdout-{i}", "holdout", "forbidden")
    make_skill(root)
    return root


def run(world: Path, cases: str, out: str, reflector: Model | None = None, **budget: Any) -> dict[str, Any]:
    config_budget = Budget(**budget)
    config = OptimizeConfig(cases=load_cases(world / cases), seed_skill=world / "notes-skill", out=world / out,
                            model="follower", reflection_model="scripted", budget=config_budget, concurrency=2,
                            timeout_s=60, verify_options=FAST, iterations=3, progress=False)
    evaluator = Evaluator(world / "cache", "follower", repeat=1, concurrency=2, timeout_s=60, verify_options=FAST,
                          budget=config_budget, hide=[world / out], progress=False)
    with reflection_model("scripted") as (model, name):
        summary = optimize(config, Reflector(reflector or model, name, config_budget), evaluator)
    summary["_attempts_run"] = config_budget.used_attempts
    return summary


def tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def holdout_lines(world: Path, skill_hash: str) -> list[dict[str, Any]]:
    folders = sorted((world / "cache").glob(f"follower@*/{skill_hash}/notes-holdout-*"))
    return [line for folder in folders for line in read_results(folder)]


@pytest.mark.slow
def test_the_loop_finds_a_better_skill_and_keeps_it_because_holdout_agrees(world):
    summary = run(world, "auth", "keep")
    out = world / "keep"

    rows = tsv(out / "results.tsv")
    assert [(r["id"], r["parent"], r["status"]) for r in rows] == [("c0", "-", "baseline"), ("c1", "c0", "kept")]
    assert float(rows[0]["dev_score"]) == 0.0 and float(rows[1]["dev_score"]) == 1.0
    assert "forbidden" in rows[1]["change"]
    assert summary["gate"]["golden"]["ok"] and summary["gate"]["lazy"]["ok"] and summary["gate"]["gamer"]["ok"]
    decision = summary["decision"]
    assert decision["kept"] and not decision["overfitting"]
    # the decision is the paired test over the holdout attempts the cache holds, recomputed here from the files
    c0, c1 = (next(c["hash"] for c in summary["candidates"] if c["id"] == i) for i in ("c0", "c1"))
    base = {x["case"]: x["score"] for x in holdout_lines(world, c0)}
    best = {x["case"]: x["score"] for x in holdout_lines(world, c1)}
    assert sorted(base) == sorted(best) == [f"notes-holdout-{i}" for i in range(6)]
    verdict = paired_test([best[c] - base[c] for c in base])
    assert verdict.verdict == decision["holdout"]["verdict"] == "better"
    assert verdict.p_value == decision["holdout"]["p_value"]

    assert "Always test forbidden" in (out / "best" / "SKILL.md").read_text()
    diff = (out / "skill.diff").read_text()
    assert diff.startswith("--- a/SKILL.md\n+++ b/SKILL.md") and "+- Always test forbidden" in diff
    body = diff.splitlines()[2:]
    assert not [x for x in body if x.startswith("-")]  # a rule added, nothing else of the skill touched
    assert sorted(x for x in body if x.startswith("+")) == [
        "+", "+- Always test forbidden: every state-changing endpoint refuses a wrong role or another user's record."]
    assert main(["skill", "check", str(out / "best")]) == 0
    assert (world / "notes-skill" / "SKILL.md").read_text().count("forbidden") == 0  # the input is never edited
    report = (out / "report.html").read_text()
    assert "<svg" in report and "Overfitting warning" not in report and "kept: better on holdout" in report

    again = run(world, "auth", "keep")  # resumed from its folder: every attempt comes from the cache
    assert again["_attempts_run"] == 0 and again["decision"]["kept"]
    assert [r["id"] for r in tsv(out / "results.tsv")] == ["c0", "c1"]


def test_a_reflection_model_that_fails_stops_the_loop_with_a_model_error(world):
    with FakeAnthropic([Failure(401)]) as server:
        model = AnthropicModel("claude-sonnet-5-5", api_key="sk-ant-wrong", base_url=server.url)
        with pytest.raises(ModelError):
            run(world, "auth", "reflection-fails", reflector=model)
        model.close()
    assert len(server.requests) == 1  # not retried by GEPA, nor by the loop
    assert not (world / "reflection-fails" / "results.tsv").exists()


@pytest.mark.slow
def test_a_candidate_that_only_wins_on_dev_is_discarded_and_the_skill_is_unchanged(world):
    summary = run(world, "input", "discard")
    out = world / "discard"

    rows = tsv(out / "results.tsv")
    assert [(r["id"], r["status"]) for r in rows] == [("c0", "baseline"), ("c1", "best on dev, rejected on holdout")]
    assert float(rows[1]["dev_score"]) > float(rows[0]["dev_score"])
    decision = summary["decision"]
    assert not decision["kept"] and decision["overfitting"]
    assert decision["holdout"]["verdict"] == "no detectable difference" and decision["holdout"]["mean_delta"] == 0
    assert decision["dev"]["mean_delta"] > 0
    assert (out / "best" / "SKILL.md").read_text() == (world / "notes-skill" / "SKILL.md").read_text()
    assert (out / "skill.diff").read_text() == ""
    report = (out / "report.html").read_text()
    assert "Overfitting warning" in report and "no improvement" in report


def test_an_instrument_whose_golden_answer_fails_refuses_to_start(world, tmp_path):
    cases = tmp_path / "cases"
    shutil.copytree(world / "auth", cases)
    golden = cases / "notes-dev-forbidden" / "golden" / "tests" / "test_notes.py"
    golden.write_text(golden.read_text().replace('== "bye"', '== "hello"'))  # a known-good suite that is wrong
    shutil.copytree(world / "notes-skill", tmp_path / "notes-skill")
    with pytest.raises(GateFailed, match=r"golden scored 0\.00 on dev, needs >= 0\.9"):
        run(tmp_path, "cases", "out")
    gate = json.loads((tmp_path / "out" / "gate.json").read_text())
    assert list(gate) == ["golden"] and gate["golden"]["ok"] is False
    assert not (tmp_path / "out" / "results.tsv").exists() and not (tmp_path / "out" / "gepa").exists()


def test_a_candidate_failing_skill_check_is_never_evaluated(world, tmp_path):
    budget = Budget()
    evaluator = Evaluator(tmp_path / "cache", "follower", repeat=1, concurrency=1, timeout_s=60, verify_options=FAST,
                          budget=budget, progress=False)
    with reflection_model("scripted") as (model, name):
        adapter = SkillAdapter(world / "notes-skill", tmp_path / "candidates", evaluator,
                               Reflector(model, name, budget), load_cases(world / "auth"))
        broken = {**split_skill(world / "notes-skill")}
        broken["SKILL.md#intro"] += "Details in references/nowhere.md.\n\n"
        batch = adapter.evaluate(load_cases(world / "auth", split="dev"), broken, capture_traces=True)
    assert batch.scores == [0.0]
    assert "references/nowhere.md is mentioned but missing" in batch.trajectories[0].feedback
    assert budget.used_attempts == 0 and not (tmp_path / "cache").exists()
    ledger = [json.loads(x) for x in (tmp_path / "candidates" / "candidates.jsonl").read_text().splitlines()]
    assert ledger[0]["problems"] and ledger[0]["id"] == "c0"


def test_every_flag_is_documented_in_help(capsys):
    with pytest.raises(SystemExit) as done:
        main(["optimize-skill", "--help"])
    assert done.value.code == 0 and "--reflection-model" in capsys.readouterr().out
    text = build_parser().format_help()
    for flag in ("--skill", "--cases", "--cases-dir", "--model", "--reflection-model", "--out", "--cache",
                 "--budget-attempts", "--budget-usd", "--time", "--iterations", "--repeat", "--concurrency",
                 "--minibatch", "--margin", "--timeout", "--no-mutants", "--quick-verify", "--quiet", "--debug"):
        assert flag in text
    for action in build_parser()._actions:
        assert action.help, action.dest


def test_too_few_holdout_cases_is_a_one_line_usage_error_that_writes_nothing(world, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["optimize-skill", "--cases-dir", str(world / "auth"), "--cases", "notes-dev-*", "--skill",
                 str(world / "notes-skill"), "--model", "follower", "--reflection-model", "scripted", "--out",
                 str(out)])
    err = capsys.readouterr().err
    assert code == 2 and "0 holdout case(s)" in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_an_attempt_budget_too_small_for_the_gate_stops_before_running_anything(world, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["optimize-skill", "--cases-dir", str(world / "auth"), "--skill", str(world / "notes-skill"),
                 "--model", "follower", "--reflection-model", "scripted", "--out", str(out), "--budget-attempts", "2"])
    assert code == 1 and "--budget-attempts 2: 0 used, 16 more needed" in capsys.readouterr().err
    assert not (out / "cache").exists()


def test_a_claude_reflection_model_without_a_key_is_a_usage_error(world, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    code = main(["optimize-skill", "--cases-dir", str(world / "auth"), "--skill", str(world / "notes-skill"),
                 "--model", "follower", "--out", str(tmp_path / "out")])
    assert code == 2 and "ANTHROPIC_API_KEY" in capsys.readouterr().err


def test_the_bundled_skill_splits_into_sections_and_references_and_joins_back_byte_for_byte(tmp_path):
    seed = default_skill_dir()
    parts = split_skill(seed)
    assert next(iter(parts)) == "SKILL.md#intro" and any(p.startswith("references/") for p in parts)
    assert sum(p.startswith("SKILL.md#") for p in parts) > 5
    folder = write_candidate(seed, parts, tmp_path)
    assert folder.name == seed.name
    for path in seed.rglob("*.md"):
        assert (folder / path.relative_to(seed)).read_bytes() == path.read_bytes()
    section = next(p for p in parts if p.startswith("SKILL.md#4"))
    changed = {**parts, section: parts[section] + "- a new rule\n"}
    assert describe_change(parts, changed) == f"{section}: +1/-0 lines: - a new rule"


def test_the_scripted_reflector_adds_a_rule_for_each_scenario_the_feedback_says_is_missing():
    def prompt(name: str, current: str) -> str:
        return (f"This is one part of it, `{name}`:\n<<<COMPONENT\n{current}\nCOMPONENT>>>\n"
                "attempt 1: score 0.50; scenarios_covered: missing: forbidden, boundary\n")

    new = propose(prompt("SKILL.md#What to cover", "## What to cover\n\n- a boundary case."))
    assert "Always test forbidden" in new and "Always test boundary" not in new  # boundary is already asked for
    assert propose(prompt("references/recipes.md", "# Recipes")) == "# Recipes"


def test_a_seed_skill_failing_skill_check_is_a_usage_error_that_writes_nothing(world, tmp_path, capsys):
    skill = tmp_path / "notes-skill"
    shutil.copytree(world / "notes-skill", skill)
    (skill / "references" / "recipes.md").unlink()  # SKILL.md still points at it
    out = tmp_path / "out"
    code = main(["optimize-skill", "--cases-dir", str(world / "auth"), "--skill", str(skill), "--model", "follower",
                 "--reflection-model", "scripted", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and "references/recipes.md is mentioned but missing" in err and len(err.splitlines()) == 1
    assert not out.exists()


def test_budgets_project_the_next_attempts_from_the_mean_so_far():
    budget = Budget(usd=1.0, attempts=10)
    budget.record(0.1, 2.0)
    budget.record(0.3, 2.0)
    budget.check(3)  # $0.40 spent + 3 x $0.20 = $1.00: still within
    with pytest.raises(BudgetExhausted, match=r"--budget-usd 1: \$0\.4000 spent"):
        budget.check(4)
    with pytest.raises(BudgetExhausted, match="--budget-attempts 10: 2 used, 9 more needed"):
        budget.check(1, reserve=8)
    timed = Budget(seconds=5.0)
    timed.record(0.0, 2.0)
    timed.check(2, concurrency=2)  # about 2 s more on two workers
    with pytest.raises(BudgetExhausted, match="--time 5"):
        timed.check(6, concurrency=1)
