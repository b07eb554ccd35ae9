"""The driver's two files: the spec the runtime writes (argv[1], then the go message) and the result it reads.

Shared by both sides: `agent.proof.mutation` builds a `DriverSpec` and reads a `DriverResult`; the driver reads and
writes the same shapes. Standard library only: this module runs in the sandbox.
"""

from __future__ import annotations  # annotations stay text: the repo's interpreter may predate `X | None`

from typing import TYPE_CHECKING, Any, TypedDict

if TYPE_CHECKING:
    from typing import NotRequired


class MutantJob(TypedDict):
    """One mutant: the mutated source of one target file, the lines it changed and the functions around them."""

    id: int
    path: str
    abspath: str
    source: str
    lines: list[int]
    module_level: bool
    scope: list[str]


class RunJob(TypedDict):
    """One flake rerun: the test ids in the order to run them."""

    label: str
    tests: list[str]


class CoverageSpec(TypedDict):
    """Where the traced run keeps coverage.py's data, and the files whose coverage is reported."""

    data: str
    include: list[str]


class Jobs(TypedDict, total=False):
    """The jobs, written once the runtime's first test run is done (merged into the spec)."""

    tests: list[str]
    map_tests: list[str]
    runs: list[RunJob]
    mutants: list[MutantJob]


class GoMessage(Jobs, total=False):
    """What the driver waits for in `go`: the jobs, or `cancel` (it writes a cancelled result and exits)."""

    cancel: bool


class DriverSpec(TypedDict):
    """Everything the driver needs; `go` is the file it waits for (absent: the jobs are already here)."""

    root: str
    work: str
    out: str
    go: NotRequired[str]
    collect: list[str]
    tests: list[str]
    map_tests: list[str]
    runs: list[RunJob]
    targets: list[str]
    coverage: CoverageSpec | None
    workers: int
    budget: float
    timeout: float | None
    map_timeout: float
    preimport: list[str]
    mutants: list[MutantJob]


class TestOutcomes(TypedDict, total=False):
    """What a pytest run in a child saw: each test's status and the first line of each failure."""

    outcomes: dict[str, str]
    messages: dict[str, str]


class RunResult(TestOutcomes, total=False):
    """A flake rerun's verdict (`status`: done, error, timeout, not run)."""

    label: str
    status: str
    job: str
    seconds: float
    at: float
    cpu: float
    reason: str


class MappingResult(TestOutcomes, total=False):
    """The traced run: per target file, line -> tests that ran it; coverage totals; modules imported from outside."""

    status: str
    exit_code: int
    lines: dict[str, dict[str, list[str]]]
    coverage: dict[str, Any] | None
    modules: list[str]
    seconds: float
    cpu: float


class DriverResult(TypedDict, total=False):
    """The driver's result file. `mutants`: one verdict per mutant (`status`: killed, survived, timeout, error,
    not run, with `killed_by`, `reason`, `tests`, `seconds`, `via`, `at`, `cpu` when known)."""

    cancelled: bool
    runs: list[RunResult]
    mapping: MappingResult
    mutants: list[dict[str, Any]]
    timings: dict[str, Any]
