"""Runner adapters: pytest node ids from real runs, go test's event stream, detection by manifest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agent.runners import GoTestRunner, JestRunner, PytestRunner, VitestRunner, detect_runner, run_tests
from agent.runners.gotest import go_available, parse_events
from agent.sandbox import ProcessSandbox

from conftest import make_repo

IDS = '''\
import pytest


class TestOuter:
    class TestInner:
        def test_deep(self):
            assert True is not False

    @pytest.mark.parametrize("n", [1, 2, "a.b"])
    def test_param(self, n):
        assert n != 2


def test_plain():
    assert 1 + 1 == 2


@pytest.mark.xfail(strict=True, reason="known bug")
def test_known_bug():
    assert 1 + 1 == 3
'''


def test_pytest_ids_name_classes_and_parameters(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "ids", {"pytest.ini": "[pytest]\n", "tests/test_ids.py": IDS})

    run, _ = run_tests(PytestRunner(), ProcessSandbox(), repo, ["tests/test_ids.py"], timeout=120)

    assert {t.id: t.status for t in run.tests} == {
        "tests/test_ids.py::TestOuter::TestInner::test_deep": "passed",
        "tests/test_ids.py::TestOuter::test_param[1]": "passed",
        "tests/test_ids.py::TestOuter::test_param[2]": "failed",
        "tests/test_ids.py::TestOuter::test_param[a.b]": "passed",
        "tests/test_ids.py::test_plain": "passed",
        "tests/test_ids.py::test_known_bug": "xfailed",
    }
    failed = next(t for t in run.tests if t.status == "failed")
    assert failed.message == "assert 2 != 2"


def test_pytest_ids_can_be_run_again_one_by_one(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "ids", {"pytest.ini": "[pytest]\n", "tests/test_ids.py": IDS})
    wanted = ["tests/test_ids.py::TestOuter::TestInner::test_deep", "tests/test_ids.py::TestOuter::test_param[a.b]"]

    run, _ = run_tests(PytestRunner(), ProcessSandbox(), repo, wanted, timeout=120)

    assert [t.id for t in run.tests] == wanted
    assert run.passed == 2


GO_EVENTS = [
    {"Action": "run", "Package": "example.com/shop/orders", "Test": "TestCreate"},
    {"Action": "output", "Package": "example.com/shop/orders", "Test": "TestCreate",
     "Output": "=== RUN   TestCreate\n"},
    {"Action": "pass", "Package": "example.com/shop/orders", "Test": "TestCreate", "Elapsed": 0.01},
    {"Action": "run", "Package": "example.com/shop/orders", "Test": "TestRefuse/zero"},
    {"Action": "output", "Package": "example.com/shop/orders", "Test": "TestRefuse/zero",
     "Output": "    orders_test.go:14: status = 201, want 400\n"},
    {"Action": "fail", "Package": "example.com/shop/orders", "Test": "TestRefuse/zero", "Elapsed": 0.02},
    {"Action": "skip", "Package": "example.com/shop", "Test": "TestSlow", "Elapsed": 0},
    {"Action": "output", "Package": "example.com/shop/broken", "Output": "broken/x.go:3:1: syntax error\n"},
    {"Action": "fail", "Package": "example.com/shop/broken", "Elapsed": 0},
]


def test_go_events_become_per_test_results_named_by_file(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "shop", {
        "go.mod": "module example.com/shop\n\ngo 1.22\n",
        "orders/orders_test.go": "package orders\n\nfunc TestCreate(t *testing.T) {}\n\n"
                                 "func TestRefuse(t *testing.T) {}\n",
        "shop_test.go": "package shop\n\nfunc TestSlow(t *testing.T) {}\n",
    })

    results = parse_events(repo, [json.dumps(e) for e in GO_EVENTS] + ["not json"])

    assert [(r.id, r.status) for r in results] == [
        ("orders/orders_test.go::TestCreate", "passed"),
        ("orders/orders_test.go::TestRefuse/zero", "failed"),
        ("shop_test.go::TestSlow", "skipped"),
        ("broken::(package)", "error"),
    ]
    assert results[1].message == "orders_test.go:14: status = 201, want 400"
    assert results[3].message == "broken/x.go:3:1: syntax error"


def test_go_command_selects_packages_and_tests(tmp_path: Path) -> None:
    argv = GoTestRunner().command(tmp_path, ["orders/orders_test.go::TestCreate", "shop_test.go::TestSlow"],
                                  tmp_path / "r.json")
    assert argv[:2] == ["/bin/sh", "-c"]
    assert "go test -json -count=1 '-run=^(?:TestCreate|TestSlow)$' ./orders ./" in argv[2]


@pytest.mark.skipif(go_available() is not None, reason=go_available() or "")
def test_go_test_real_run(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "calc", {
        "go.mod": "module example.com/calc\n\ngo 1.20\n",
        "calc.go": "package calc\n\nfunc Add(a, b int) int { return a + b }\n",
        "calc_test.go": 'package calc\n\nimport "testing"\n\nfunc TestAdd(t *testing.T) {\n\tif Add(1, 2) != 3 {\n'
                        '\t\tt.Fatal("wrong")\n\t}\n}\n\nfunc TestWrong(t *testing.T) {\n\tif Add(1, 2) != 4 {\n'
                        '\t\tt.Fatalf("Add(1, 2) = %d, want 4", Add(1, 2))\n\t}\n}\n',
    })
    run, _ = run_tests(GoTestRunner(), ProcessSandbox(), repo, ["calc_test.go"], timeout=300)
    assert {t.id: t.status for t in run.tests} == {"calc_test.go::TestAdd": "passed",
                                                   "calc_test.go::TestWrong": "failed"}


@pytest.mark.parametrize(("files", "expected"), [
    ({"go.mod": "module x\n", "tool.py": ""}, GoTestRunner),
    ({"package.json": '{"devDependencies": {"jest": "^30"}}', "scripts/x.py": ""}, JestRunner),
    ({"package.json": '{"scripts": {"test": "vitest run"}}'}, VitestRunner),
    ({"vitest.config.ts": "export default {}", "package.json": '{"devDependencies": {"jest": "1"}}'}, VitestRunner),
    ({"app/main.py": "", "package.json": '{"dependencies": {"left-pad": "1"}}'}, PytestRunner),
])
def test_detect_runner_prefers_the_runner_the_manifest_names(tmp_path: Path, files: dict[str, str],
                                                            expected: type) -> None:
    repo = make_repo(tmp_path / "r", files)
    assert isinstance(detect_runner(repo), expected)
