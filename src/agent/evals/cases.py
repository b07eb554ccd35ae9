"""Eval cases: a fixture repo, a case file (`case.yaml`), seeded bug patches and a golden suite per folder."""

from __future__ import annotations

import fnmatch
import hashlib
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from agent.errors import UsageError
from agent.outcome import Layer, Scenario

CASE_FILE = "case.yaml"


class HiddenChecks(BaseModel):
    """Checks the agent never sees; each applies only when its fields are set."""

    model_config = ConfigDict(extra="forbid")

    regression_fix: str | None = None
    """Patch (relative to the case folder) that fixes the bug the repo ships with: the regression lock must
    fail on the current code and pass with this patch applied."""
    regression_command: str | None = None
    """Command that runs the kept tests with expected-failure marks ignored (e.g. pytest `--runxfail`)."""
    suite_command: str | None = None
    """Diagnosis cases: the whole suite in one process; it fails on the initial repo and must pass after the fix.
    `{shuffle}` becomes the option that loads the graders' test-order shuffler (pytest: `-p <plugin>`)."""
    suite_orders: int = Field(5, ge=1)
    """Diagnosis cases: how many random test orders the fixed suite must pass in (each a different seed)."""
    diagnosis_keywords: list[str] = Field(default_factory=list)
    """Diagnosis cases: words (prefixes) a correct diagnosis mentions; recorded, not counted (prose is gameable)."""
    advice_layer: Layer | None = None
    """Advice cases: the layer of the recommendation's primary (first) planned test."""
    advice_seam: str | None = None
    """Advice cases: the seam to test at (a function, class or route); the primary planned test's name or
    description must name it."""
    advice_forbidden: list[str] = Field(default_factory=list)
    """Advice cases: regular expressions (case-insensitive) for claims a correct answer never makes about this
    code; any match in the outcome's prose zeroes the advice grade."""


class Case(BaseModel):
    """One eval case, as `case.yaml` declares it."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    version: int = Field(ge=1)
    """Bump when the repo, the bugs or the checks change: results of different versions are not compared."""
    split: Literal["dev", "holdout"]
    """`dev` cases may be tuned on; `holdout` cases only judge."""
    kind: Literal["files", "advice", "diagnosis"]
    request: str = Field(min_length=1)
    targets: list[str] = Field(default_factory=list)
    scenarios: list[Scenario] = Field(default_factory=list)
    """Scenarios the request asks for; every bug's scenario tag is one of them (files cases)."""
    bug_scenarios: dict[str, Scenario] = Field(default_factory=dict)
    """The scenario each seeded bug (`bugs/<name>.patch`) belongs to: a scenario is covered when the kept tests
    catch one of its bugs, whatever the tests are called or labelled."""
    allow_source_edits: bool = False
    install: str | None = None
    """Install command run once per case (its result cached), e.g. `npm ci`."""
    test_command: str = Field(min_length=1)
    """Runs the kept tests; `{python}` is assay's interpreter, `{files}` the kept test files."""
    hidden: HiddenChecks = Field(default_factory=HiddenChecks)
    folder: Path = Field(default=Path("."), exclude=True)
    """The case folder (set by the loader)."""

    @property
    def repo(self) -> Path:
        return self.folder / "repo"

    @property
    def bugs(self) -> list[Path]:
        return sorted((self.folder / "bugs").glob("*.patch"))

    @property
    def equivalents(self) -> list[Path]:
        """Behaviour-preserving refactors of the repo (renames, reordering, an extracted helper, reformatting):
        kept tests must pass on every one, or they test the text of the code rather than its behaviour."""
        return sorted((self.folder / "equivalent").glob("*.patch"))

    @property
    def golden(self) -> Path:
        return self.folder / "golden"

    @property
    def lazy(self) -> Path:
        return self.folder / "lazy"

    def digest(self) -> str:
        """Content hash of the whole case folder (repo, bugs, golden, case file), ignoring installed deps."""
        return tree_digest(self.folder)


def tree_digest(root: Path) -> str:
    """sha256 over the relative paths and bytes of every file under `root`, skipping caches and node_modules."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if any(part in ("node_modules", "__pycache__", ".pytest_cache") for part in rel.split("/")):
            continue
        digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def default_cases_root() -> Path:
    """`evals/cases` of the checkout assay runs from (the src layout keeps it three levels up)."""
    return Path(__file__).resolve().parents[3] / "evals" / "cases"


def load_case(folder: Path) -> Case:
    """Read and validate one case folder; a one-line `UsageError` says what is wrong."""
    path = folder / CASE_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read case file {path}: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise UsageError(f"{path}: not valid YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise UsageError(f"{path}: expected a mapping of case fields")
    try:
        case = Case.model_validate({**data, "folder": folder})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise UsageError(f"{path}: {where}: {first['msg']} ({exc.error_count()} problem(s))") from None
    if case.name != folder.name:
        raise UsageError(f"{path}: name {case.name!r} differs from its folder {folder.name!r}")
    if not case.repo.is_dir():
        raise UsageError(f"{folder}: no repo/ folder")
    for rel in (case.hidden.regression_fix,):
        if rel and not (folder / rel).is_file():
            raise UsageError(f"{path}: hidden.regression_fix {rel} does not exist")
    names = {bug.stem for bug in case.bugs}
    if names != set(case.bug_scenarios):
        untagged, unknown = sorted(names - set(case.bug_scenarios)), sorted(set(case.bug_scenarios) - names)
        raise UsageError(f"{path}: bug_scenarios must tag every bugs/*.patch exactly (untagged: {untagged}; "
                         f"no such patch: {unknown})")
    if case.kind == "files" and case.scenarios:
        stray = sorted(set(case.bug_scenarios.values()) - set(case.scenarios))
        if stray:
            raise UsageError(f"{path}: bug_scenarios uses scenarios the case does not list: {stray}")
    return case


def load_cases(root: Path | None = None, pattern: str = "*", split: str = "all") -> list[Case]:
    """Cases under `root` whose name matches `pattern` (a glob), restricted to `split` (dev, holdout or all)."""
    root = root or default_cases_root()
    if split not in ("dev", "holdout", "all"):
        raise UsageError(f"--split must be dev, holdout or all, not {split!r}")
    if not root.is_dir():
        raise UsageError(f"no cases folder at {root}")
    folders = sorted(p.parent for p in root.glob(f"*/{CASE_FILE}"))
    cases = [load_case(f) for f in folders if fnmatch.fnmatch(f.name, pattern)]
    cases = [c for c in cases if split == "all" or c.split == split]
    if not cases:
        raise UsageError(f"no eval case matches {pattern!r} (split {split}) under {root}")
    return cases
