"""The one step that may use the network: installing the repo's test dependencies, explicitly, before the run.

It runs only when the user passes `--install-deps`, never because a model asked. It uses the
ecosystem's own lockfile command, with the scrubbed environment (no secrets), the usual limits
and timeout, but outside the network-less sandbox; what it ran and printed goes to the record.
"""

from __future__ import annotations

from pathlib import Path

from agent.runners.pytest import repo_python
from agent.sandbox import CommandResult, ProcessSandbox


def install_command(repo: Path) -> list[str] | None:
    """The install command this repo's manifests call for, or None when there is nothing to install."""
    if (repo / "package-lock.json").exists():
        return ["npm", "ci", "--no-audit", "--no-fund"]
    if (repo / "package.json").exists():
        return ["npm", "install", "--no-audit", "--no-fund"]
    python = repo_python(repo)
    requirements = sorted(p.name for p in repo.glob("requirements*.txt"))
    if requirements:
        args = [python, "-m", "pip", "install", "--disable-pip-version-check"]
        for name in requirements:
            args += ["-r", name]
        return args
    if (repo / "pyproject.toml").exists() or (repo / "setup.py").exists():
        return [python, "-m", "pip", "install", "--disable-pip-version-check", "-e", "."]
    return None


def install_dependencies(repo: Path, timeout: float = 900) -> CommandResult | None:
    """Run the install command with network and without secrets; None when nothing needed installing."""
    command = install_command(repo)
    if command is None:
        return None
    return ProcessSandbox(name="install").run(command, cwd=repo, timeout=timeout)
