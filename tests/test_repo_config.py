"""`[tool.assay]` in the target repo's pyproject.toml: defaults below the flags, validated, guarded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from agent.cli import build_parser, run_config
from agent.config import load_repo_config
from agent.errors import UsageError
from agent.session import RunConfig


def _repo(tmp_path: Path, table: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(f'[project]\nname = "x"\n\n[tool.assay]\n{table}\n', encoding="utf-8")
    return tmp_path


def _config(repo: Path, *flags: str) -> RunConfig:
    return run_config(build_parser().parse_args(["run", "add tests", "--repo", str(repo), *flags]))


def test_no_pyproject_gives_the_built_in_defaults(tmp_path: Path) -> None:
    config = _config(tmp_path)
    assert (config.max_turns, config.max_output_tokens, config.wall_clock_s) == (40, 200_000, 1800.0)
    assert config.verify_options["flake_reruns"] == 5 and config.verify_options["mutants"] is True


def test_the_table_sets_the_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ASSAY_MODEL", raising=False)
    repo = _repo(tmp_path, 'model = "offline"\nmax_turns = 7\nmax_output_tokens = 999\ntimeout = 60\n'
                 "flake_reruns = 2\nmutants = false")
    config = _config(repo)
    assert (config.model, config.max_turns, config.max_output_tokens, config.wall_clock_s) == ("offline", 7, 999, 60)
    assert config.verify_options["flake_reruns"] == 2 and config.verify_options["mutants"] is False


def test_flags_win_over_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ASSAY_MODEL", raising=False)
    repo = _repo(tmp_path, 'model = "offline"\nmax_turns = 7\nflake_reruns = 2\nmutants = false')
    config = _config(repo, "--model", "claude-x", "--max-turns", "3", "--flake-reruns", "0", "--mutants")
    assert (config.model, config.max_turns) == ("claude-x", 3)
    assert config.verify_options["flake_reruns"] == 0 and config.verify_options["mutants"] is True


def test_the_environment_model_wins_over_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSAY_MODEL", "offline")
    assert _config(_repo(tmp_path, 'model = "claude-x"')).model is None  # resolved later from $ASSAY_MODEL


def test_an_unknown_key_is_named(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"\[tool.assay\] max_turn: unknown key"):
        load_repo_config(_repo(tmp_path, "max_turn = 3"))


def test_a_wrong_type_is_named(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"\[tool.assay\] mutants: input should be a valid boolean"):
        load_repo_config(_repo(tmp_path, 'mutants = "no"'))
    with pytest.raises(UsageError, match=r"\[tool.assay\] max_turns: input should be greater than or equal to 1"):
        load_repo_config(_repo(tmp_path, "max_turns = 0"))


def test_allow_source_edits_is_refused_in_the_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"allow_source_edits is not settable in pyproject.toml"):
        load_repo_config(_repo(tmp_path, "allow_source_edits = true"))


def test_invalid_toml_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.assay\n", encoding="utf-8")
    with pytest.raises(UsageError, match="not valid TOML"):
        load_repo_config(tmp_path)


def test_the_cli_exits_2_with_one_line_naming_the_key(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "max_turns = 'many'")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    done = subprocess.run([sys.executable, "-m", "agent.cli", "run", "add tests", "--repo", str(repo),
                           "--model", "offline"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "[tool.assay] max_turns" in done.stderr
    assert not (repo / ".assay").exists()
