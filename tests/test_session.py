"""A whole run with the scripted model: files written, tests run by the runtime, outcome validated."""

from __future__ import annotations

import json
from pathlib import Path

from agent.outcome import TestingOutcome
from agent.sandbox import ProcessSandbox
from agent.session import RunConfig, run_session
from agent.testing import ScriptedModel, text, tool_use

from scripts import GOOD_TEST, good_submission


def _run(repo: Path, turns: list, **config: object):
    model = ScriptedModel(turns)
    result = run_session(RunConfig(repo=repo, request="add tests for line_total", **config),
                         model=model, sandbox=ProcessSandbox(), progress=lambda _: None)
    return result, model


def test_full_run_writes_the_test_and_the_runtime_fills_run(py_repo: Path) -> None:
    result, _ = _run(py_repo, [
        tool_use("write_file", {"path": "tests/test_pricing.py", "content": GOOD_TEST}),
        tool_use("run_command", {"command": "python -m pytest -q tests/test_pricing.py"}),
        tool_use("submit_outcome", good_submission()),
    ])
    assert (py_repo / "tests/test_pricing.py").read_text() == GOOD_TEST
    assert result.exit_code == 0
    run = result.outcome.run
    assert run.verified is True
    assert run.commands[0].passed == 2 and run.commands[0].failed == 0
    assert {t.id.rsplit("::", 1)[1] for t in run.commands[0].tests} == {
        "test_line_total_multiplies_quantity_by_price", "test_line_total_rejects_zero_quantity"}
    assert result.outcome.test_surface.triage.language == "python"
    saved = json.loads((result.run_dir / "outcome.json").read_text())
    assert list(saved) == ["test_surface", "plan", "implementation", "run", "gaps"]
    TestingOutcome.model_validate(saved)
    assert (result.run_dir / "outcome.md").read_text().startswith("## Test surface")


def test_transcript_records_every_event_in_order(py_repo: Path) -> None:
    result, _ = _run(py_repo, [
        tool_use("read_file", {"path": "shop/pricing.py"}),
        tool_use("write_file", {"path": "tests/test_pricing.py", "content": GOOD_TEST}),
        tool_use("submit_outcome", good_submission()),
    ])
    events = [json.loads(line) for line in (result.run_dir / "transcript.jsonl").read_text().splitlines()]
    kinds = [e["event"] for e in events]
    assert kinds == ["sandbox", "request", "response", "tool", "response", "tool", "response", "tool", "outcome"]
    assert events[0]["name"] == "process" and events[3]["name"] == "read_file" and "line_total" in events[3]["result"]
    assert ".assay/" in (py_repo / ".git/info/exclude").read_text()


def test_model_claims_that_disagree_with_the_workspace_are_reported(py_repo: Path) -> None:
    claimed = good_submission()
    claimed["implementation"]["files"].append({"path": "tests/test_ghost.py", "action": "created"})
    result, _ = _run(py_repo, [
        tool_use("write_file", {"path": "tests/test_pricing.py", "content": GOOD_TEST}),
        tool_use("submit_outcome", claimed),
    ])
    assert any("tests/test_ghost.py" in d for d in result.outcome.run.discrepancies)
    assert [f.path for f in result.outcome.implementation.files] == ["tests/test_pricing.py"]


def test_failing_new_test_gives_exit_1_and_an_unverified_run(py_repo: Path) -> None:
    wrong = GOOD_TEST.replace("== 2.5", "== 8")
    result, _ = _run(py_repo, [
        tool_use("write_file", {"path": "tests/test_pricing.py", "content": wrong}),
        tool_use("submit_outcome", good_submission()),
    ])
    assert result.exit_code == 1
    assert result.outcome.run.verified is False
    assert result.outcome.run.commands[0].failed == 1


def test_invalid_outcome_goes_back_to_the_model_and_is_corrected(py_repo: Path) -> None:
    broken = good_submission()
    del broken["plan"]["layers"]
    broken["test_surface"]["summary"] = ""
    result, model = _run(py_repo, [
        tool_use("write_file", {"path": "tests/test_pricing.py", "content": GOOD_TEST}),
        tool_use("submit_outcome", broken),
        tool_use("submit_outcome", good_submission()),
    ])
    error_turn = model.requests[2].messages[-1]["content"][0]
    assert error_turn["is_error"] is True
    assert "test_surface.summary" in error_turn["content"] and "plan" in error_turn["content"]
    assert result.exit_code == 0


def test_turn_budget_exhaustion_still_gives_an_outcome_whose_gaps_say_so(py_repo: Path) -> None:
    result, _ = _run(py_repo, [
        tool_use("write_file", {"path": "tests/test_pricing.py", "content": GOOD_TEST}),
        tool_use("list_files", {}),
        tool_use("list_files", {}),
    ], max_turns=2)
    assert result.exit_code == 1
    assert "turn budget exhausted" in result.outcome.gaps[0].item
    assert [f.path for f in result.outcome.implementation.files] == ["tests/test_pricing.py"]
    assert result.outcome.run.commands[0].passed == 2


def test_a_model_that_never_calls_tools_is_nudged_then_stopped(py_repo: Path) -> None:
    result, model = _run(py_repo, [text("I think tests would help."), text("Indeed."), text("Done.")])
    assert len(model.requests) == 3
    assert "without calling submit_outcome" in result.outcome.gaps[0].item
    assert result.exit_code == 1


def test_unknown_tool_and_malformed_input_are_tool_errors(py_repo: Path) -> None:
    result, model = _run(py_repo, [
        tool_use("delete_everything", {}),
        tool_use("read_file", {"path": 42}),
        tool_use("write_file", {"path": "tests/test_pricing.py", "content": GOOD_TEST}),
        tool_use("submit_outcome", good_submission()),
    ])
    first, second = (model.requests[i].messages[-1]["content"][0] for i in (1, 2))
    assert first["is_error"] and "unknown tool 'delete_everything'" in first["content"]
    assert second["is_error"] and "invalid input for read_file" in second["content"]
    assert result.exit_code == 0


def test_reference_bodies_are_absent_from_the_first_request_and_present_after_loading(py_repo: Path) -> None:
    from agent.skill import default_skill_dir, load_skill

    skill = load_skill(default_skill_dir())
    bodies = {name: skill.read_reference(name) for name in skill.references}
    _, model = _run(py_repo, [
        tool_use("load_reference", {"name": "troubleshooting"}),
        tool_use("write_file", {"path": "tests/test_pricing.py", "content": GOOD_TEST}),
        tool_use("submit_outcome", good_submission()),
    ])
    first = model.requests[0]
    everything_sent_first = first.system + json.dumps(first.messages)
    assert skill.body.strip()[:200] in first.system
    for name, body in bodies.items():
        assert f"`{name}`" in first.system
        assert body.strip() not in everything_sent_first
    loaded = model.requests[1].messages[-1]["content"][0]
    assert loaded["is_error"] is False and loaded["content"] == bodies["troubleshooting"]
    assert bodies["framework-recipes"].strip() not in json.dumps(model.requests[-1].messages)


def test_no_skill_runs_without_skill_text(py_repo: Path) -> None:
    _, model = _run(py_repo, [
        tool_use("load_reference", {"name": "troubleshooting"}),
        tool_use("write_file", {"path": "tests/test_pricing.py", "content": GOOD_TEST}),
        tool_use("submit_outcome", good_submission()),
    ], skill_dir=None)
    assert "<skill" not in model.requests[0].system
    assert model.requests[1].messages[-1]["content"][0]["is_error"] is True


def test_submissions_that_keep_failing_validation_end_the_run(py_repo: Path) -> None:
    broken = {"test_surface": {"summary": ""}}
    result, model = _run(py_repo, [tool_use("submit_outcome", broken)] * 6)
    assert len(model.requests) == 4
    assert "submit_outcome was rejected 4 times" in result.outcome.gaps[0].item
    assert result.exit_code == 1


def test_claimed_tests_that_did_not_run_are_discrepancies(py_repo: Path) -> None:
    claimed = good_submission()
    claimed["implementation"]["files"][0]["tests"].append("test_that_does_not_exist")
    result, _ = _run(py_repo, [
        tool_use("write_file", {"path": "tests/test_pricing.py", "content": GOOD_TEST}),
        tool_use("submit_outcome", claimed),
    ])
    assert any("test_that_does_not_exist" in d for d in result.outcome.run.discrepancies)
