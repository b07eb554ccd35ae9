"""The runtime's proofs on fixture repos with known outcomes: weak tests refused, flaky tests caught."""

from __future__ import annotations

from pathlib import Path

from agent.proof.assertions import scan_file
from agent.sandbox import ProcessSandbox
from agent.session import RunConfig, run_session
from agent.testing import ScriptedModel, tool_use

from scripts import GOOD_TEST, good_submission

WEAK = '''\
import time

import requests
from unittest import mock

from shop.pricing import line_total


def test_nothing_checked():
    line_total(2, 1.0)


def test_tautology():
    assert True


def test_self_compare():
    total = line_total(2, 1.0)
    assert total == total


def test_swallows():
    try:
        assert line_total(2, 1.0) == 3
    except Exception:
        pass


def test_sleeps_and_calls_out():
    time.sleep(1)
    requests.get("https://api.stripe.com/v1/charges")
    assert line_total(1, 1.0) == 1.0


def test_mocks_the_unit():
    with mock.patch("shop.pricing.line_total", return_value=5):
        assert line_total(1, 1.0) == 5
'''

FLAKY = '''\
from shop.pricing import line_total

SEEN = []


def test_first_adds_to_shared_state():
    SEEN.append(line_total(1, 2.0))
    assert SEEN == [2.0]


def test_second_depends_on_the_first():
    assert SEEN == [2.0]
'''


def test_assertion_scan_names_each_weak_spot(py_repo: Path) -> None:
    (py_repo / "tests").mkdir()
    (py_repo / "tests" / "test_weak.py").write_text(WEAK)
    found = {(f.test, f.message.split(" (")[0].split(";")[0]) for f in
             scan_file(py_repo, "tests/test_weak.py", ["shop.pricing"])}
    assert found == {
        ("test_nothing_checked", "has no assertion"),
        ("test_tautology", "asserts a constant"),
        ("test_self_compare", "compares an expression with itself"),
        ("test_swallows", "swallows every exception"),
        ("test_sleeps_and_calls_out", "time.sleep(1) used for synchronisation"),
        ("test_sleeps_and_calls_out", "calls a real host"),
        ("test_mocks_the_unit", "mocks shop.pricing.line_total, part of the unit under test"),
    }
    (py_repo / "tests" / "test_good.py").write_text(GOOD_TEST)
    assert scan_file(py_repo, "tests/test_good.py", ["shop.pricing"]) == []


def test_js_scan_finds_missing_expect_and_tautologies(tmp_path: Path) -> None:
    (tmp_path / "a.test.js").write_text(
        "test('does nothing', async () => { await request(app).get('/'); });\n"
        "test('always true', () => { expect(true).toBe(true); });\n"
        "test('real', async () => { const r = await request(app).get('/'); expect(r.status).toBe(200); });\n")
    found = {(f.test, f.message) for f in scan_file(tmp_path, "a.test.js", [])}
    assert ("does nothing", "has no assertion") in found
    assert any(test == "always true" and "constant" in msg for test, msg in found)
    assert not any(test == "real" for test, _ in found)


def _run(repo: Path, turns: list, **options: object):
    model = ScriptedModel(turns)
    result = run_session(RunConfig(repo=repo, request="add tests for line_total", verify_options=dict(options)),
                         model=model, sandbox=ProcessSandbox(), progress=lambda _: None)
    return result, model


def test_an_assertion_free_test_is_refused_until_fixed(py_repo: Path) -> None:
    weak = GOOD_TEST.replace("    assert line_total(1, 2.505) == 2.5", "    line_total(1, 2.505)")
    result, model = _run(py_repo, [
        tool_use("write_file", {"path": "tests/test_pricing.py", "content": weak}),
        tool_use("submit_outcome", good_submission()),
        tool_use("write_file", {"path": "tests/test_pricing.py", "content": GOOD_TEST}),
        tool_use("submit_outcome", good_submission()),
    ], flake_reruns=1)
    refusal = model.requests[2].messages[-1]["content"][0]
    assert refusal["is_error"] is True
    assert "tests/test_pricing.py:" in refusal["content"]
    assert "test_line_total_multiplies_quantity_by_price: has no assertion" in refusal["content"]
    assert result.exit_code == 0 and result.outcome.run.checks.assertions.findings == []


def test_a_flaky_test_is_caught_with_evidence(py_repo: Path) -> None:
    submission = good_submission()
    submission["implementation"]["files"][0]["tests"] = ["test_first_adds_to_shared_state",
                                                         "test_second_depends_on_the_first"]
    result, model = _run(py_repo, [
        tool_use("write_file", {"path": "tests/test_pricing.py", "content": FLAKY}),
        tool_use("submit_outcome", submission),
        tool_use("submit_outcome", submission),
        tool_use("submit_outcome", submission),
    ], flake_reruns=4)
    refusal = model.requests[2].messages[-1]["content"][0]
    assert refusal["is_error"] and "test_second_depends_on_the_first is flaky" in refusal["content"]
    assert "reversed" in refusal["content"]
    flake = result.outcome.run.checks.flake
    assert list(flake.flaky) == ["tests/test_pricing.py::test_second_depends_on_the_first"]
    assert result.outcome.run.verified is False and result.exit_code == 1
    assert any(g.item.startswith("flaky: tests/test_pricing.py::test_second") for g in result.outcome.gaps)
    assert any("unresolved runtime check" in g.item for g in result.outcome.gaps)


def test_a_sound_suite_passes_every_proof(py_repo: Path) -> None:
    result, model = _run(py_repo, [
        tool_use("write_file", {"path": "tests/test_pricing.py", "content": GOOD_TEST}),
        tool_use("submit_outcome", good_submission()),
    ])
    assert len(model.requests) == 2
    assert result.outcome.run.checks.flake.runs == 5 and result.outcome.run.checks.flake.flaky == {}
    assert result.outcome.run.verified and result.exit_code == 0


def test_coverage_delta_counts_what_the_new_tests_add(py_repo: Path) -> None:
    (py_repo / "tests").mkdir()
    (py_repo / "tests" / "test_existing.py").write_text(
        "from shop.pricing import line_total\n\n\ndef test_happy():\n    assert line_total(1, 2.0) == 2.0\n")
    result, _ = _run(py_repo, [
        tool_use("write_file", {"path": "tests/test_pricing.py", "content": GOOD_TEST}),
        tool_use("submit_outcome", good_submission()),
    ], flake_reruns=1)
    coverage = result.outcome.run.checks.coverage.model_dump()
    assert coverage["before"]["tests"] == 1 and coverage["after"]["tests"] == 2
    assert coverage["before"]["lines"] < 100.0 == coverage["after"]["lines"]
    assert coverage["before"]["branches"] < coverage["after"]["branches"] == 100.0
    assert not list((py_repo / ".assay" / "tmp").glob("coverage-*")), "coverage files are cleaned up"
