"""The offline engine's in-sandbox package, bundled into one script: it runs on the standard library alone, and
what it prints back is one typed envelope line that the engine validates (or refuses with a one-line reason)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from agent.models.base import ModelRequest
from agent.models.offline import OfflineModel
from agent.offline.bundle import bundle
from agent.offline.envelope import EnvelopeError, read_envelope
from agent.proof.driver.protocol import DriverResult, DriverSpec

SANDBOX = "agent.offline.sandbox"

PRICING = '''\
from decimal import Decimal


def discounted(total: int, percent: int) -> int:
    """The total after a percentage discount."""
    if percent > 50:
        raise ValueError("too generous")
    return total - total * percent // 100


class Basket:
    def __init__(self) -> None:
        self.items: list[int] = []

    def add(self, price: int) -> int:
        self.items.append(price)
        return sum(self.items)
'''


def run_bundle(entry: str, repo: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    """The bundled `entry` fed to a fresh interpreter on stdin, from `repo` (as `run_command` does)."""
    return subprocess.run([sys.executable, *flags, "-"], input=bundle(SANDBOX, entry), cwd=repo, capture_output=True,
                          text=True, timeout=120)


def test_the_probe_bundle_runs_on_the_standard_library_alone(tmp_path: Path) -> None:
    """-I -S: no site-packages at all (not even assay), no environment: the bundle brings its own modules."""
    (tmp_path / "pricing.py").write_text(PRICING)
    done = run_bundle("probe", tmp_path, "-I", "-S")
    assert done.returncode == 0, done.stderr
    inventory = read_envelope(done.stdout, "inventory")
    assert inventory["app"] is None
    functions = {f["name"]: f for f in inventory["functions"]}
    assert {"args": [100, 2], "returns": 98} in functions["discounted"]["cases"]
    assert [c["name"] for c in inventory["classes"]] == ["Basket"]
    assert inventory["root"] == str(tmp_path)


def test_the_envelope_is_one_json_line_of_its_own_even_after_unterminated_app_output(tmp_path: Path) -> None:
    (tmp_path / "noisy.py").write_text('import sys\nsys.stdout.write("half a line")\n\n\ndef one() -> int:\n'
                                       '    return 1\n')
    done = run_bundle("probe", tmp_path, "-I")
    last = done.stdout.rstrip("\n").splitlines()[-1]
    assert json.loads(last)["assay_protocol"] == 1
    assert json.loads(last)["kind"] == "inventory"
    assert "half a line" in done.stdout


def test_the_isolation_bundle_answers_with_an_isolation_envelope(tmp_path: Path) -> None:
    (tmp_path / "store.py").write_text("ITEMS = []\n\n\ndef add(x):\n    ITEMS.append(x)\n    return len(ITEMS)\n")
    (tmp_path / "test_a.py").write_text("from store import add\n\n\ndef test_first():\n    assert add(1) == 1\n")
    (tmp_path / "test_b.py").write_text("from store import add\n\n\ndef test_second():\n    assert add(2) == 1\n")
    done = run_bundle("isolation", tmp_path, "-I")
    report = read_envelope(done.stdout, "isolation")
    assert report["test_files"] == ["test_a.py", "test_b.py"]
    assert report["order_dependent"] == ["test_b.py::test_second"]
    assert [(s["file"], s["name"]) for s in report["state"]] == [("store.py", "ITEMS")]


def test_a_missing_envelope_is_refused_with_a_reason() -> None:
    with pytest.raises(EnvelopeError, match="printed no protocol envelope"):
        read_envelope("Traceback (most recent call last):\nImportError: no module named flask\n", "inventory")


def test_an_envelope_of_the_wrong_kind_or_version_is_refused() -> None:
    line = json.dumps({"assay_protocol": 1, "kind": "isolation", "data": {}})
    with pytest.raises(EnvelopeError, match="expected a protocol 1 'inventory' envelope"):
        read_envelope(line, "inventory")
    with pytest.raises(EnvelopeError, match="expected a protocol 1"):
        read_envelope(json.dumps({"assay_protocol": 2, "kind": "inventory", "data": {}}), "inventory")


def test_a_malformed_inventory_names_the_field() -> None:
    line = json.dumps({"assay_protocol": 1, "kind": "inventory", "data": {"routes": "none"}})
    with pytest.raises(EnvelopeError, match=r"malformed at data\.routes"):
        read_envelope("noise\n" + line, "inventory")


def test_a_lenient_reading_leaves_out_only_the_malformed_part() -> None:
    data = {"routes": [{"method": "GET", "path": "/ok"}, {"method": "GET", "path": 7}], "errors": []}
    line = json.dumps({"assay_protocol": 1, "kind": "inventory", "data": data})
    dropped: list[str] = []
    back = read_envelope(line, "inventory", dropped)
    assert back["routes"] == [{"method": "GET", "path": "/ok"}]
    assert len(dropped) == 1 and dropped[0].startswith("data.routes.1.path")
    with pytest.raises(EnvelopeError, match=r"malformed at data\.routes"):  # data's own shape is still required
        read_envelope(json.dumps({"assay_protocol": 1, "kind": "inventory", "data": {"routes": "none"}}),
                      "inventory", [])


def test_the_data_comes_back_as_printed_with_undeclared_keys_and_their_order() -> None:
    data = {"routes": [{"observed": {"status": 200}, "body_kind": "form", "path": "/x", "method": "GET"}],
            "future_field": [1, 2]}
    line = json.dumps({"assay_protocol": 1, "kind": "inventory", "data": data})
    back = read_envelope(line, "inventory")
    assert back == data
    assert list(back["routes"][0]) == ["observed", "body_kind", "path", "method"]


def test_a_bundle_entry_must_exist() -> None:
    with pytest.raises(ValueError, match="no module 'nothing'"):
        bundle(SANDBOX, "nothing")


def test_the_sandbox_package_imports_nothing_from_assay() -> None:
    """The in-sandbox modules must run where `agent` is not installed: only relative and stdlib imports."""
    root = Path(__file__).resolve().parents[1] / "src" / "agent" / "offline" / "sandbox"
    offenders = [f"{p.name}: {line.strip()}" for p in sorted(root.glob("*.py"))
                 for line in p.read_text().splitlines()
                 if line.lstrip().startswith(("import agent", "from agent", "import pydantic", "from pydantic"))]
    assert offenders == []


def test_the_engine_reports_a_discovery_without_envelope_as_a_gap() -> None:
    """Today's fallback kept: no tests, one high-risk gap that says why, and the outcome is submitted."""
    model = OfflineModel()
    messages: list[dict[str, Any]] = [{"role": "user", "content": [{"type": "text", "text": "Request: add tests"}]}]
    first = model.respond(ModelRequest(system="", tools=[], messages=messages))
    assert first.content[0]["name"] == "run_command"
    assert "_SOURCES = {" in first.content[0]["input"]["command"], "the bundled probe is what runs"
    messages += [{"role": "assistant", "content": first.content},
                 {"role": "user", "content": [{"type": "tool_result", "tool_use_id": first.content[0]["id"],
                                               "content": "exit code: 1\nModuleNotFoundError: No module named 'x'"}]}]
    turn = model.respond(ModelRequest(system="", tools=[], messages=messages))
    outcome = turn.content[0]["input"]
    assert turn.content[0]["name"] == "submit_outcome"
    gap = next(g for g in outcome["gaps"] if g["item"] == "no tests were generated")
    assert gap["reason"].startswith("the discovery script failed (it printed no protocol envelope): ")
    assert "No module named 'x'" in gap["reason"]
    assert gap["risk"] == "high"


def test_the_driver_bundle_runs_a_rerun_job_and_writes_its_typed_result(tmp_path: Path) -> None:
    """The mutation driver, bundled like `mutation.py` writes it: one rerun job, no mutants, under `python -I`."""
    repo, work = tmp_path / "repo", tmp_path / "work"
    repo.mkdir()
    (repo / "test_it.py").write_text("def test_ok():\n    assert True\n\n\ndef test_no():\n    assert 1 == 2\n")
    spec: DriverSpec = {"root": str(repo), "work": str(work), "out": str(work / "result.json"), "collect": [],
                        "tests": [], "map_tests": [], "targets": [], "coverage": None, "workers": 2, "budget": 60.0,
                        "timeout": None, "map_timeout": 60.0, "preimport": [], "mutants": [],
                        "runs": [{"label": "alone", "tests": ["test_it.py::test_ok", "test_it.py::test_no"]}]}
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    (tmp_path / "driver.py").write_text(bundle("agent.proof.driver", "drive"))
    done = subprocess.run([sys.executable, "-I", str(tmp_path / "driver.py"), str(tmp_path / "spec.json")],
                          cwd=repo, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result: DriverResult = json.loads((work / "result.json").read_text())
    assert result["runs"][0]["label"] == "alone"
    assert result["runs"][0]["status"] == "done"
    assert result["runs"][0]["outcomes"] == {"test_it.py::test_ok": "passed", "test_it.py::test_no": "failed"}
    assert result["mapping"] == {"status": "not run"}


def test_a_large_inventory_goes_out_packed_and_comes_back_whole(tmp_path: Path) -> None:
    """An inventory far past what a command's output keeps (64 kB: its head and tail) is packed, so the engine reads
    all of it through the real sandbox; a packed value that does not unpack is refused with a reason."""
    from agent.sandbox import OUTPUT_CAP, ProcessSandbox

    routes = [{"method": "GET", "path": f"/things/{n}", "summary": f"thing {n} " * 40, "params": [], "body": [],
               "auth": None, "observed": {"ok": {"status": 200, "response": {"n": n, "text": "x" * 100}}}}
              for n in range(300)]
    script = tmp_path / "emit.py"
    (tmp_path / "routes.json").write_text(json.dumps(routes))
    script.write_text("import json, sys\n"
                      f"sys.path.insert(0, {str(Path(__file__).resolve().parents[1] / 'src')!r})\n"
                      "from agent.offline.sandbox.protocol import emit\n"
                      "print('noise from the app')\n"
                      "routes = json.load(open('routes.json'))\n"
                      "emit('inventory', {'root': '/repo', 'app': None, 'routes': routes})\n")
    done = ProcessSandbox().run(f"{sys.executable} {script}", cwd=tmp_path, timeout=60)
    assert done.exit_code == 0, done.output[-2000:]
    assert len(json.dumps(routes)) > OUTPUT_CAP and not done.truncated
    inventory = read_envelope(done.output, "inventory")
    assert [r["path"] for r in inventory["routes"]] == [f"/things/{n}" for n in range(300)]
    assert inventory["routes"][299]["observed"]["ok"]["response"]["n"] == 299
    with pytest.raises(EnvelopeError, match="packed data does not unpack"):
        read_envelope(json.dumps({"assay_protocol": 1, "kind": "inventory", "packed": "not base64!"}), "inventory")
