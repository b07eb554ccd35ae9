"""Vitest, read through its `json` reporter (`--reporter=json --outputFile=...`)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from pathlib import Path

from agent import safefs
from agent.outcome import TestResult
from agent.runners.node import binary, package_json, parse_report, selected, selection, uses
from agent.sandbox import CommandResult

_CONFIGS = ("vitest.config.js", "vitest.config.ts", "vitest.config.mjs", "vitest.config.mts", "vitest.workspace.ts")
_CONFIG_FILES = [f"{stem}.config.{ext}" for stem in ("vitest", "vite")
                 for ext in ("ts", "mts", "cts", "js", "mjs", "cjs")]
"""The files Vitest loads its config from, in its own order of preference."""
_WORKSPACES = re.compile(r"^vitest\.(workspace|projects)\.")
SHIM = "vitest.config.assay.mjs"
"""The config shim's name in the runtime's report folder."""


class VitestRunner:
    """Adapter for Vitest (run once, no watch). Test ids are `file::describe > test`."""

    name = "vitest"

    def __init__(self) -> None:
        self._asked: dict[str, set[str] | None] = {}
        """Report path -> the single tests asked for, so `parse` can drop the ones filtered out by name."""

    def detect(self, repo: Path) -> bool:
        return uses(repo, "vitest", _CONFIGS)

    def command(self, repo: Path, test_files: Sequence[str], report: Path, extra: Sequence[str] = ()) -> list[str]:
        files, pattern = selection(test_files)
        self._asked[str(report)] = selected(test_files)
        argv = [*binary(repo, "vitest"), "run", "--reporter=json", f"--outputFile={report}",
                *config_shim(repo, report.parent)]
        if pattern:
            argv += ["-t", pattern]
        return [*argv, *extra, *files]

    def parse(self, repo: Path, report: Path, result: CommandResult) -> list[TestResult]:
        return parse_report(repo, report, result, self._asked.pop(str(report), None))


def config_shim(repo: Path, folder: Path) -> list[str]:
    """`--config <shim>` where Vite would write its bundled config into the read-only repo; else nothing.

    Vite before 6.1 bundles an ESM config and writes the bundle *next to the config file* to import it (6.1 and
    later use `node_modules/.vite-temp`, which the sandbox makes writable). A one-line shim in the runtime's
    writable report folder re-exports the config: Vite bundles the config through it (keeping the config's own
    `import.meta.url` and `__dirname`) and writes the bundle beside the shim. Vitest's root stays the working
    directory. A workspace file is left alone: Vitest looks for it beside the config file.
    """
    version = _vite_version(repo)
    if version is None or version >= (6, 1):
        return []
    names = {p.name for p in repo.iterdir()} if repo.is_dir() else set()
    config = next((repo / name for name in _CONFIG_FILES if name in names), None)
    if config is None or not _is_esm(repo, config) or any(_WORKSPACES.match(n) for n in names):
        return []
    # esbuild (Vite's bundler) follows an absolute path, not a file: URL. The folder is writable by commands:
    # the write refuses symlinks and replaces whatever a command left at the shim's name.
    shim = safefs.write_in(folder, SHIM, f"export {{ default }} from {json.dumps(str(config.resolve()))};\n".encode())
    return ["--config", str(shim)]


def _vite_version(repo: Path) -> tuple[int, int] | None:
    """The Vite that Vitest imports: hoisted (npm, yarn) or beside Vitest's real folder (pnpm)."""
    modules = repo / "node_modules"
    for vite in (modules / "vite", Path(os.path.realpath(modules / "vitest")).parent / "vite"):
        try:
            version = str(json.loads((vite / "package.json").read_text("utf-8"))["version"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        match = re.match(r"(\d+)\.(\d+)", version)
        return (int(match[1]), int(match[2])) if match else None
    return None


def _is_esm(repo: Path, config: Path) -> bool:
    """Vite's own rule: .mjs/.mts are ESM, .cjs/.cts are not, .js/.ts follow package.json's `type`."""
    if config.suffix in (".mjs", ".mts"):
        return True
    if config.suffix in (".cjs", ".cts"):
        return False
    return package_json(repo).get("type") == "module"
