"""The outcome contract: what a run answers, validated by pydantic, rendered by jinja2.

The model fills `test_surface`, `plan`, `implementation` and `gaps` through
`submit_outcome`; the runtime alone fills `run` from what it executed.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from agent.templating import environment

Scenario = Literal[
    "success",
    "invalid_input",
    "boundary",
    "unauthorized",
    "forbidden",
    "side_effect",
    "regression",
    "not_found",
    "edge_case",
]
Layer = Literal["unit", "integration", "auth", "regression", "advice"]
TestStatus = Literal["passed", "failed", "skipped", "error", "xfailed", "xpassed"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")
    __test__: ClassVar[bool] = False  # `Test*` names here are not pytest test classes


class TriageFacts(_Strict):
    """Facts the runtime read off the repo before the first model request."""

    language: str | None = None
    """Main language, e.g. `python`, `javascript`, `typescript`, `go`."""
    frameworks: list[str] = Field(default_factory=list)
    """Web or app frameworks found by dependency or import (fastapi, flask, express, ...)."""
    test_runner: str | None = None
    """The runner the repo already uses or should use (pytest, jest, vitest, go)."""
    runner_config: str | None = None
    """Path of the runner's config file, when there is one."""
    test_layout: str | None = None
    """Where tests live and how they are named, e.g. `tests/test_*.py`."""
    datastores: list[str] = Field(default_factory=list)
    """Databases, caches and queues the code talks to (sqlite, sqlalchemy, redis, ...)."""
    auth: list[str] = Field(default_factory=list)
    """Authentication hints (jwt, session, oauth, api_key, basic)."""


class TestSurface(_Strict):
    """What is under test and why."""

    summary: str = Field(min_length=1)
    """One or two sentences: the behaviour under test and why it matters."""
    targets: list[str] = Field(default_factory=list)
    """Files, modules or routes under test, e.g. `app/orders.py` or `POST /orders`."""
    triage: TriageFacts = Field(default_factory=TriageFacts)
    """Filled by the runtime from its own triage; anything the model sends here is replaced."""


class PlannedTest(_Strict):
    """One test the plan calls for."""

    name: str = Field(min_length=1)
    """Test function or case name."""
    layer: Layer
    scenario: Scenario
    description: str = ""
    """What the test proves, in a sentence."""


class Plan(_Strict):
    """The chosen layers and the scenarios to cover."""

    layers: list[Layer] = Field(min_length=1)
    """Layers used; `advice` alone when the right answer is a recommendation, not files."""
    rationale: str = ""
    """Why these layers are the cheapest that still make the contract observable."""
    tests: list[PlannedTest] = Field(default_factory=list)


class FileChange(_Strict):
    """One file the run created or modified."""

    path: str = Field(min_length=1)
    """Path relative to the repo root."""
    action: Literal["created", "modified", "reused"]
    """`reused`: set by the runtime for an earlier file that already held these tests (left as it was)."""
    tests: list[str] = Field(default_factory=list)
    """Names of the tests in this file that the run added or changed."""
    regression: list[str] = Field(default_factory=list)
    """Names of tests meant to reproduce a known bug (they are expected to fail on current code)."""


class Implementation(_Strict):
    """The files written."""

    files: list[FileChange] = Field(default_factory=list)
    notes: str = ""
    """Anything a reviewer should know about the change (fixtures added, config touched)."""


class TestResult(_Strict):
    """One test as the runner reported it."""

    id: str
    """Runner's test id, e.g. `tests/test_orders.py::test_create_order`."""
    status: TestStatus
    duration_s: float = 0.0
    message: str | None = None
    """First line(s) of the failure message, when it failed."""


class CommandRun(_Strict):
    """One command the runtime executed to verify the tests."""

    command: str
    exit_code: int | None
    """None when the command was killed at its timeout."""
    duration_s: float
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    errors: int = 0
    xfailed: int = 0
    xpassed: int = 0
    tests: list[TestResult] = Field(default_factory=list)
    error: str | None = None
    """The runner's first error line when it failed without reporting a test (a broken config, a collection
    error, no tests collected)."""


class Usage(_Strict):
    """Tokens spent and their estimated cost."""

    model: str
    turns: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cache_creation_input_tokens: int = 0
    cache_read_input_tokens: int = 0
    estimated_cost_usd: float = 0.0


class ItemCoverage(_Strict):
    """One item the request names, and the kept tests that ran and show it."""

    item: str
    """As the request says it, e.g. `POST /items/` or `the balance can never go negative`."""
    kind: Literal["route", "function", "file", "rule", "behaviour"]
    tests: list[str] = Field(default_factory=list)
    """Ids of the tests that ran and exercise it."""
    why: str | None = None
    """Why no test shows it, when none does."""


class RequestCoverage(_Strict):
    """The request, item by item, as the runtime's deterministic parser read it."""

    items: list[ItemCoverage] = Field(default_factory=list)

    @property
    def summary(self) -> str:
        tested = sum(1 for i in self.items if i.tests)
        return f"{tested} of {len(self.items)} item(s) the request names are tested"


class Check(_Strict):
    """One extra verification the runtime ran; `summary` is the line the Markdown outcome shows."""

    summary: str


class FlakeCheck(Check):
    runs: int = 0
    flaky: dict[str, list[str]] = Field(default_factory=dict)
    """Test id -> evidence lines such as `run 3 (suite): failed: AssertionError ...`."""


class MutationCheck(Check):
    score: float | None = None
    """Killed (timeouts included) over the mutants judged; None when none was judged or the probe was skipped."""
    killed: int = 0
    timed_out: int = 0
    survived: list[str] = Field(default_factory=list)
    mutants: list[dict[str, Any]] = Field(default_factory=list)
    """Each mutant: `mutant` (file:line: before -> after), `status`, and the tests that killed it."""
    timings: dict[str, Any] = Field(default_factory=dict)


class CoverageCheck(Check):
    """Coverage of the code under test before and after the new tests; only `summary` when it was skipped."""

    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


class RegressionCheck(Check):
    tests: list[dict[str, Any]] = Field(default_factory=list)
    """Each regression test: `id`, `reproduces`, `reason` (and `fixed_ref` when a fixed ref was given)."""
    missing: list[str] = Field(default_factory=list)
    fixed_ref: str | None = None


class AssertionsCheck(Check):
    findings: list[str] = Field(default_factory=list)


class IntegrityCheck(Check):
    trusted: bool = True
    problems: list[str] = Field(default_factory=list)
    scanned: list[str] = Field(default_factory=list)
    witnessed: int = 0


class Checks(_Strict):
    """The extra verifications that ran, by name; a check that did not run is absent (None)."""

    assertions: AssertionsCheck | None = None
    coverage: CoverageCheck | None = None
    flake: FlakeCheck | None = None
    integrity: IntegrityCheck | None = None
    mutation: MutationCheck | None = None
    regression: RegressionCheck | None = None

    def ran(self) -> list[tuple[str, Check]]:
        """(name, check) for the checks that ran, by name."""
        return [(name, check) for name in type(self).model_fields
                if isinstance(check := getattr(self, name), Check)]

    def names(self) -> set[str]:
        return {name for name, _ in self.ran()}


class RunReport(_Strict):
    """What the runtime observed. Never filled from the model's claims."""

    verified: bool = False
    """True when the runtime ran the kept tests and they behaved as the outcome says (or, for an advice answer
    that writes no test, when the code it names is in the tree). The CLI exits 0 only when this is true."""
    verdict: str = ""
    """Why `verified` is what it is, in one line (e.g. `no test ran: pytest exit 4: ...`)."""
    commands: list[CommandRun] = Field(default_factory=list)
    discrepancies: list[str] = Field(default_factory=list)
    """Places where the model's claims and what ran disagree."""
    findings: list[str] = Field(default_factory=list)
    """Bugs the tests reproduced, e.g. `POST /orders accepted quantity=-1 with 201`."""
    checks: Checks = Field(default_factory=Checks)
    """Results of extra verification (flake reruns, regression lock, mutants, coverage, ...)."""
    request: RequestCoverage | None = None
    """What the request names, each item with the tests that show it; None when it names nothing in particular."""
    usage: Usage | None = None
    duration_s: float = 0.0
    run_id: str | None = None
    sandbox: str | None = None
    """What isolated the commands: `bwrap` (bubblewrap) or `process` (the fallback: no isolation)."""


class Gap(_Strict):
    """Something intentionally left out, or not proven."""

    item: str = Field(min_length=1)
    reason: str = ""
    risk: Literal["low", "medium", "high"] = "medium"


class ModelSubmission(_Strict):
    """What the model sends to `submit_outcome`: every section but `run`, which the runtime owns."""

    test_surface: TestSurface
    plan: Plan
    implementation: Implementation
    gaps: list[Gap] = Field(default_factory=list)


class TestingOutcome(_Strict):
    """The validated answer of a run. Top-level keys are a stable contract."""

    test_surface: TestSurface
    plan: Plan
    implementation: Implementation
    run: RunReport
    gaps: list[Gap] = Field(default_factory=list)


def render_markdown(outcome: TestingOutcome) -> str:
    """Render the outcome as Markdown for a terminal or a GitHub comment."""
    return environment().get_template("outcome.md.j2").render(o=outcome)


def submission_schema() -> dict[str, Any]:
    """JSON schema for `submit_outcome`'s input, generated from the pydantic model."""
    return ModelSubmission.model_json_schema()
