"""The code in the skill's references runs: Python recipes under pytest against tiny apps, JS recipes parse."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from agent.skill import default_skill_dir, load_skill

FIXTURE = Path(__file__).parent / "fixtures" / "recipes"


def code_blocks(language: str) -> list[str]:
    text = load_skill(default_skill_dir()).read_reference("framework-recipes")
    return re.findall(rf"```{language}\n(.*?)```", text, re.S)


def test_python_recipes_pass_against_apps_that_behave(tmp_path: Path) -> None:
    repo = shutil.copytree(FIXTURE, tmp_path / "repo")
    conftest: list[str] = []
    test_files: list[str] = []
    for block in code_blocks("python"):
        header = block.splitlines()[0].removeprefix("#").strip()
        if header == "tests/conftest.py":
            conftest.append(block)
        else:
            assert header.startswith("tests/test_"), f"a Python recipe without a `# tests/...` header: {header!r}"
            (repo / header).write_text(block)
            test_files.append(header)
    (repo / "tests" / "conftest.py").write_text("\n\n".join(conftest))
    report = tmp_path / "junit.xml"
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}"],
                         cwd=repo, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-3000:]
    cases = ET.parse(report).getroot().iter("testcase")
    ran = {f"tests/{c.get('classname', '').split('.')[-1]}.py" for c in cases if c.find("skipped") is None}
    assert set(test_files) | {"tests/uses_recipe_fixtures.py"} <= ran, ran
    assert len(conftest) >= 3 and len(test_files) >= 4


def test_the_regression_recipe_fails_for_the_stated_reason_on_the_buggy_app(tmp_path: Path) -> None:
    repo = shutil.copytree(FIXTURE, tmp_path / "repo")
    main = repo / "app" / "main.py"
    main.write_text(main.read_text().replace("quantity: int = Field(gt=0)", "quantity: int"))
    recipe = next(b for b in code_blocks("python") if b.startswith("# tests/test_orders_api.py"))
    (repo / "tests" / "test_orders_api.py").write_text(recipe)
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_orders_api.py"],
                         cwd=repo, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert "AssertionError: POST /orders accepted quantity=-1 with 201" in run.stdout


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node on PATH")
def test_js_recipes_parse(tmp_path: Path) -> None:
    blocks = code_blocks("js")
    assert len(blocks) >= 4
    for number, block in enumerate(blocks):
        path = tmp_path / f"block{number}.js"
        path.write_text(block)
        run = subprocess.run(["node", "--check", str(path)], capture_output=True, text=True, timeout=30)
        assert run.returncode == 0, f"{block.splitlines()[0]}: {run.stderr}"
