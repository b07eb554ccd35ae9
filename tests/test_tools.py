"""The file and shell tools: paths stay in the repo, only tests are writable, no secrets reach commands."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from agent.errors import ToolError
from agent.sandbox import ProcessSandbox
from agent.skill import load_skill
from agent.testfiles import is_test_support
from agent.tools import TOOL_NAMES, ToolContext, call_tool, tool_specs
from agent.workspace import Workspace

SKILL_DIR = Path(__file__).resolve().parents[1] / "skill"


def ctx_for(repo: Path, *, allow_source_edits: bool = False) -> ToolContext:
    return ToolContext(Workspace(repo, allow_source_edits=allow_source_edits), ProcessSandbox(),
                       load_skill(SKILL_DIR), precheck=lambda _: [])


def test_tool_names_are_the_contract() -> None:
    assert TOOL_NAMES == ("list_files", "read_file", "search_code", "write_file", "edit_file", "run_command",
                          "load_reference", "submit_outcome")
    assert [s.name for s in tool_specs()] == list(TOOL_NAMES)
    submit = tool_specs()[-1].input_schema
    assert set(submit["properties"]) == {"test_surface", "plan", "implementation", "gaps"}


@pytest.mark.parametrize("path", ["../outside.py", "/etc/passwd", "tests/../../x_test.py", "a/../../b.py"])
def test_paths_outside_the_repo_are_refused(py_repo: Path, path: str) -> None:
    with pytest.raises(ToolError, match="outside the repository"):
        call_tool(ctx_for(py_repo), "read_file", {"path": path})


def test_symlink_escape_is_refused_for_reads_and_writes(py_repo: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("s3cr3t")
    (py_repo / "tests").mkdir()
    (py_repo / "tests" / "leak.py").symlink_to(secret)
    (py_repo / "tests" / "out").symlink_to(tmp_path)
    ctx = ctx_for(py_repo)
    with pytest.raises(ToolError, match="symlink"):
        call_tool(ctx, "read_file", {"path": "tests/leak.py"})
    with pytest.raises(ToolError, match="symlink"):
        call_tool(ctx, "write_file", {"path": "tests/out/test_x.py", "content": "x"})
    assert not (tmp_path / "test_x.py").exists()
    assert secret.read_text() == "s3cr3t"


@pytest.mark.parametrize("path", [".git/hooks/pre-commit", ".git/config", ".GIT/hooks/x", "./.git/HEAD"])
def test_git_dir_is_off_limits(py_repo: Path, path: str) -> None:
    before = (py_repo / ".git" / "config").read_text()
    with pytest.raises(ToolError, match=r"\.git/ is off limits"):
        call_tool(ctx_for(py_repo, allow_source_edits=True), "write_file", {"path": path, "content": "#!/bin/sh\n"})
    assert not (py_repo / ".git" / "hooks" / "pre-commit").exists()
    assert (py_repo / ".git" / "config").read_text() == before


def test_source_edits_are_refused_without_the_flag(py_repo: Path) -> None:
    original = (py_repo / "shop/pricing.py").read_text()
    with pytest.raises(ToolError, match="--allow-source-edits"):
        call_tool(ctx_for(py_repo), "write_file", {"path": "shop/pricing.py", "content": "broken"})
    with pytest.raises(ToolError, match="--allow-source-edits"):
        call_tool(ctx_for(py_repo), "edit_file",
                  {"path": "shop/pricing.py", "old_string": "quantity <= 0", "new_string": "False"})
    assert (py_repo / "shop/pricing.py").read_text() == original


def test_source_edits_work_with_the_flag(py_repo: Path) -> None:
    ctx = ctx_for(py_repo, allow_source_edits=True)
    call_tool(ctx, "edit_file",
              {"path": "shop/pricing.py", "old_string": "quantity <= 0", "new_string": "quantity < 1"})
    assert "quantity < 1" in (py_repo / "shop/pricing.py").read_text()
    assert ctx.workspace.written == {"shop/pricing.py": "modified"}


@pytest.mark.parametrize(("path", "writable"), [
    ("tests/test_orders.py", True), ("test_app.py", True), ("pkg/orders_test.py", True), ("conftest.py", True),
    ("src/orders.test.ts", True), ("api/user.spec.js", True), ("jest.config.js", True), ("pytest.ini", True),
    ("__tests__/helpers.ts", True), ("app/orders.py", False), ("pyproject.toml", False), ("README.md", False),
    ("tests/README.md", False), (".env.test", True), ("jest.setup.ts", True), ("vitest.config.ts", True),
    ("specs/helpers.py", True), ("tests/fixtures/rows.csv", True), ("src/setup.py", False), (".env", False),
])
def test_which_paths_count_as_tests(py_repo: Path, path: str, writable: bool) -> None:
    assert is_test_support(path) is writable
    ctx = ctx_for(py_repo)
    if writable:
        call_tool(ctx, "write_file", {"path": path, "content": "x = 1\n"})
        assert (py_repo / path).read_text() == "x = 1\n"
    else:
        with pytest.raises(ToolError):
            call_tool(ctx, "write_file", {"path": path, "content": "x = 1\n"})


def test_edit_file_needs_a_unique_match(py_repo: Path) -> None:
    ctx = ctx_for(py_repo)
    call_tool(ctx, "write_file", {"path": "tests/test_a.py", "content": "x = 1\nx = 1\n"})
    with pytest.raises(ToolError, match="occurs 2 times"):
        call_tool(ctx, "edit_file", {"path": "tests/test_a.py", "old_string": "x = 1", "new_string": "x = 2"})
    with pytest.raises(ToolError, match="occurs 0 times"):
        call_tool(ctx, "edit_file", {"path": "tests/test_a.py", "old_string": "y", "new_string": "z"})


def test_read_file_line_ranges_and_binary_refusal(py_repo: Path) -> None:
    ctx = ctx_for(py_repo)
    out = call_tool(ctx, "read_file", {"path": "shop/pricing.py", "start_line": 2, "end_line": 3})
    assert out.splitlines()[0].strip().startswith("2")
    assert "[lines 2-3 of 5]" in out
    (py_repo / "blob.bin").write_bytes(b"\x00\x01" * 100)
    with pytest.raises(ToolError, match="binary"):
        call_tool(ctx, "read_file", {"path": "blob.bin"})
    (py_repo / "bad.txt").write_bytes(b"caf\xe9\n")
    assert "caf" in call_tool(ctx, "read_file", {"path": "bad.txt"})


def test_search_code_finds_matches_with_locations(py_repo: Path) -> None:
    out = call_tool(ctx_for(py_repo), "search_code", {"pattern": r"def \w+_total"})
    assert out == "shop/pricing.py:1: def line_total(quantity: int, unit_price: float) -> float:"
    with pytest.raises(ToolError, match="invalid regular expression"):
        call_tool(ctx_for(py_repo), "search_code", {"pattern": "("})


def test_list_files_respects_gitignore(py_repo: Path) -> None:
    (py_repo / ".gitignore").write_text("build/\n")
    (py_repo / "build").mkdir()
    (py_repo / "build" / "junk.py").write_text("")
    out = call_tool(ctx_for(py_repo), "list_files", {}).splitlines()
    assert "shop/pricing.py" in out and "build/junk.py" not in out


def test_run_command_gets_no_secrets(py_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    planted = {"ANTHROPIC_API_KEY": "sk-ant-plant", "GITHUB_TOKEN": "ghp_plant", "MY_SERVICE_TOKEN": "tok-plant",
               "DB_PASSWORD": "pw-plant", "AWS_SECRET_ACCESS_KEY": "aws-plant", "STRIPE_SECRET": "sec-plant",
               "SIGNING_KEY": "key-plant"}
    for name, value in planted.items():
        monkeypatch.setenv(name, value)
    out = call_tool(ctx_for(py_repo), "run_command", {"command": "env"})
    assert out.startswith("exit code: 0")
    for name, value in planted.items():
        assert name not in out and value not in out
    assert f"HOME={os.environ['HOME']}" not in out


def test_run_command_times_out_and_kills_the_group(py_repo: Path) -> None:
    out = call_tool(ctx_for(py_repo), "run_command", {"command": "sleep 30 & sleep 30", "timeout_s": 1})
    assert out.startswith("exit code: killed (timeout)")


def test_run_command_output_is_capped_head_and_tail(py_repo: Path) -> None:
    out = call_tool(ctx_for(py_repo), "run_command",
                    {"command": "echo FIRST; head -c 5000000 /dev/zero | tr '\\0' x; echo; echo LAST"})
    assert "FIRST" in out and "LAST" in out and "bytes of output omitted" in out
    assert len(out) < 100_000


def test_reference_bodies_enter_only_through_load_reference(py_repo: Path) -> None:
    skill = load_skill(SKILL_DIR)
    body = skill.read_reference("troubleshooting")
    out = call_tool(ctx_for(py_repo), "load_reference", {"name": "troubleshooting"})
    assert out == body
    with pytest.raises(ToolError, match="framework-recipes"):
        call_tool(ctx_for(py_repo), "load_reference", {"name": "nope"})
