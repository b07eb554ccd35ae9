"""`assay`: the command line. Domain errors map to exit codes here, and only here.

Exit codes: 0 verified outcome · 1 an outcome exists but is not verified (nothing written, nothing in reach,
tests failing or flaky, broken test config) · 2 usage or configuration error · 3 model/API failure ·
70 internal error (a bug) · 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from agent import __version__
from agent.config import load_repo_config
from agent.errors import AssayError
from agent.outcome import render_markdown
from agent.redact import default_redactor
from agent.request import MAX_REQUEST_CHARS, check_request
from agent.terminal import safe_text

if TYPE_CHECKING:
    from agent.session import RunConfig

T = TypeVar("T")
DEFAULT_MAX_TURNS, DEFAULT_MAX_OUTPUT_TOKENS, DEFAULT_TIMEOUT_S, DEFAULT_FLAKE_RERUNS = 40, 200_000, 1800.0, 5
"""Built-in defaults, below the repo's [tool.assay] and the flags."""
EXIT_OK, EXIT_UNVERIFIED, EXIT_USAGE, EXIT_MODEL, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 70, 130


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"assay: error: {message} (see `{self.prog} --help`)\n")


def _number(kind: type[int] | type[float], least: float, strict: bool, what: str) -> Callable[[str], float]:
    """An argparse type: a number of `kind` at least (or, `strict`, above) `least`, else one clear line."""
    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"invalid {kind.__name__} value: {text!r}") from None
        if value < least or (strict and value == least):
            raise argparse.ArgumentTypeError(f"must be {what}, not {text}")
        return value
    return parse


_positive_int = _number(int, 0, True, "a positive whole number")
_count = _number(int, 0, False, "0 or more")
_positive_float = _number(float, 0, True, "a positive number of seconds")


def _add_run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("request", help='what to test, e.g. "add tests for the orders endpoint" (at most '
                   f"{MAX_REQUEST_CHARS:,} characters)")
    p.add_argument("--repo", type=Path, default=Path("."), help="the git checkout to write tests into (default: .)")
    p.add_argument("--json", action="store_true", help="print only the validated outcome JSON on stdout")
    p.add_argument("--model", help="`offline` or a Claude model id (default: $ASSAY_MODEL, else Claude when "
                   "ANTHROPIC_API_KEY is set, else offline)")
    p.add_argument("--skill", metavar="DIR", help="skill folder to run with, or `none` for no skill "
                   "(default: the bundled skill/)")
    p.add_argument("--max-turns", type=_positive_int, help="model turns before the run stops (default: 40)")
    p.add_argument("--max-output-tokens", type=_positive_int,
                   help="output tokens over the whole run before it stops (default: 200000)")
    p.add_argument("--timeout", type=_positive_float, metavar="SECONDS",
                   help="wall-clock budget for the agent loop (default: 1800)")
    p.add_argument("--allow-source-edits", action="store_true",
                   help="let the model edit non-test files (off: only tests and test config are writable)")
    p.add_argument("--require-sandbox", action="store_true",
                   help="refuse to run when no isolating sandbox (bubblewrap) is available")
    p.add_argument("--install-deps", action="store_true",
                   help="first run the repo's own install command (npm ci, pip install -r ...) with network but "
                   "no secrets; the model's commands never get network")
    p.add_argument("--flake-reruns", type=_count, metavar="N",
                   help="re-run each new test N times to catch flakes (default: 5)")
    p.add_argument("--fixed-ref", metavar="REF",
                   help="git ref with the bug fixed: regression tests must pass there and fail here")
    p.add_argument("--mark-xfail", action="store_true",
                   help="land regression tests as strict expected failures so the suite stays green until the fix")
    p.add_argument("--no-xfail", action="store_true",
                   help="leave reproduced-bug tests failing instead of marking them xfail (offline engine)")
    p.add_argument("--mutants", action=argparse.BooleanOptionalAction, default=None,
                   help="run the mutation probe (default: on; --no-mutants skips it)")
    p.add_argument("--debug", action="store_true", help="show tracebacks")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="assay", description="Write backend tests into a repo, run them, prove them, and "
                     "answer with a validated outcome.")
    parser.add_argument("--version", action="version", version=f"assay {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    run = sub.add_parser("run", help="write and verify tests for a request in a repo",
                         description="Run the agent in a git checkout: it writes tests, the runtime runs and "
                         "verifies them, and the outcome is printed (Markdown, or JSON with --json).")
    _add_run_options(run)

    demo = sub.add_parser("demo", help="run the offline engine on the bundled example service (no key needed)",
                          description="Copy examples/orders-service into a fresh temporary git repo, run the "
                          "offline engine on it, and print the outcome.")
    demo.add_argument("--json", action="store_true", help="print the outcome JSON instead of Markdown")
    demo.add_argument("--dest", type=Path, help="where to create the demo repo (default: a new temp dir)")
    demo.add_argument("--debug", action="store_true", help="show tracebacks")

    skill = sub.add_parser("skill", help="work with skill folders")
    skill_sub = skill.add_subparsers(dest="skill_command", required=True, parser_class=_Parser)
    check = skill_sub.add_parser("check", help="validate a skill folder (Agent Skills format)",
                                 description="Print every problem as file:line; exit 2 when any is an error.")
    check.add_argument("dir", nargs="?", type=Path, help="skill folder (default: the bundled skill/)")
    check.add_argument("--debug", action="store_true", help="show tracebacks")

    view = sub.add_parser("view", help="write one run's record as a self-contained HTML page",
                          description="Render a run folder (.assay/runs/<id>/) as one HTML page: the request, triage, "
                          "every model turn with its tool calls and results, the prechecks, the outcome, usage.")
    view.add_argument("run_dir", nargs="?", type=Path, metavar="RUN_DIR", help="the run folder to show")
    view.add_argument("--latest", action="store_true",
                      help="the newest run under --repo (without --repo and runs under ., the last `assay demo`)")
    view.add_argument("--repo", type=Path, default=None, help="the repo whose runs --latest looks at (default: .)")
    view.add_argument("--out", type=Path, metavar="FILE", help="where to write the page (default: RUN_DIR/view.html)")
    view.add_argument("--serve", action="store_true", help="also serve the page on 127.0.0.1 until Ctrl-C")
    view.add_argument("--debug", action="store_true", help="show tracebacks")

    for name, help_text in (("eval", "run the eval suite and compare skills (see `assay eval --help`)"),
                            ("optimize-skill", "improve the skill by measured evals, kept only if holdout agrees "
                             "(see `assay optimize-skill --help`)"),
                            ("github", "GitHub entry point (see `assay github --help`)"),
                            ("serve", "webhook server for a GitHub App (see `assay serve --help`)"),
                            ("worker", "run eval attempts and GitHub jobs from Redis (see `assay worker --help`)")):
        forwarded = sub.add_parser(name, help=help_text, add_help=False)
        forwarded.add_argument("rest", nargs=argparse.REMAINDER)
    return parser


_FORWARDED = {"eval": "agent.evals", "github": "agent.github", "serve": "agent.github.server",
              "worker": "agent.distributed.worker", "optimize-skill": "agent.optimize"}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `assay` console script."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in _FORWARDED:
        return _forward(args_list[0], args_list[1:])
    args = build_parser().parse_args(args_list)
    handler: Callable[[argparse.Namespace], int] = {"run": _cmd_run, "demo": _cmd_demo, "skill": _cmd_skill,
                                                       "view": _cmd_view}[
        args.command
    ]
    return _guarded(lambda: handler(args), debug=getattr(args, "debug", False))


def _guarded(action: Callable[[], int], *, debug: bool) -> int:
    try:
        return action()
    except AssayError as exc:
        if debug:
            raise
        print(safe_text(f"assay: {exc}"), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("assay: interrupted; the run's transcript is complete up to this point", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:  # the machine said no: disk full, read-only filesystem, permissions
        if debug:
            raise
        where = f" ({exc.filename})" if exc.filename else ""
        print(safe_text(f"assay: {exc.strerror or exc}{where}"), file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # a bug in assay itself: still one line, unless --debug
        if debug:
            raise
        print(safe_text(f"assay: internal error: {type(exc).__name__}: {exc} (rerun with --debug for the traceback)"),
              file=sys.stderr)
        return EXIT_INTERNAL


def _forward(name: str, rest: list[str]) -> int:
    try:
        module = importlib.import_module(_FORWARDED[name])
    except ImportError:
        print(f"assay: `assay {name}` is not available in this build", file=sys.stderr)
        return EXIT_USAGE
    entry: Callable[[list[str]], int] = module.cli_main
    return _guarded(lambda: entry(rest), debug="--debug" in rest)


def _print_outcome(result: object, as_json: bool) -> None:
    from agent.session import SessionResult

    assert isinstance(result, SessionResult)
    redactor = default_redactor()
    if as_json:
        print(json.dumps(redactor.redact_obj(result.outcome.model_dump(mode="json")), indent=2))
    else:
        print(redactor.redact(render_markdown(result.outcome)), end="")
        print(safe_text(f"\n_Record of the run: {result.run_dir}_"))


def run_config(args: argparse.Namespace) -> RunConfig:
    """The `RunConfig` that `assay run` builds from its parsed arguments (the eval harness builds its runs here
    too, so evals measure exactly what the CLI runs)."""
    from agent.session import RunConfig
    from agent.skill import default_skill_dir

    request = check_request(args.request)
    # Flags win over the repo's [tool.assay]; $ASSAY_MODEL wins over the file's model too.
    file = load_repo_config(args.repo)
    model = args.model or (None if os.environ.get("ASSAY_MODEL") else file.model)

    def pick(flag: T | None, configured: T | None, default: T) -> T:
        return flag if flag is not None else configured if configured is not None else default

    skill_dir = None if args.skill == "none" else Path(args.skill) if args.skill else default_skill_dir()
    return RunConfig(
        repo=args.repo, request=request, model=model, skill_dir=skill_dir,
        max_turns=pick(args.max_turns, file.max_turns, DEFAULT_MAX_TURNS),
        max_output_tokens=pick(args.max_output_tokens, file.max_output_tokens, DEFAULT_MAX_OUTPUT_TOKENS),
        wall_clock_s=pick(args.timeout, file.timeout, DEFAULT_TIMEOUT_S),
        allow_source_edits=args.allow_source_edits, require_sandbox=args.require_sandbox,
        install_deps=args.install_deps,
        verify_options={"flake_reruns": pick(args.flake_reruns, file.flake_reruns, DEFAULT_FLAKE_RERUNS),
                        "fixed_ref": args.fixed_ref, "mark_xfail": args.mark_xfail, "no_xfail": args.no_xfail,
                        "mutants": pick(args.mutants, file.mutants, True),
                        "request_round": True},
    )


def _cmd_run(args: argparse.Namespace) -> int:
    from agent.session import run_session

    result = run_session(run_config(args))
    _print_outcome(result, args.json)
    return result.exit_code


def _cmd_demo(args: argparse.Namespace) -> int:
    from agent.demo import DEMO_MUTANTS, DEMO_REQUEST, prepare_demo_repo
    from agent.session import RunConfig, run_session

    repo = prepare_demo_repo(args.dest)
    print(f"assay demo: example service copied to {repo}", file=sys.stderr)
    # The demo samples 16 mutants (a run samples 30) so the main job stays under ten seconds on 2 cores.
    result = run_session(RunConfig(repo=repo, request=DEMO_REQUEST, model="offline",
                                   verify_options={"max_mutants": DEMO_MUTANTS}))
    _print_outcome(result, args.json)
    _remember_demo_run(result.run_dir)
    print(safe_text(f"assay demo: to see what the model did, turn by turn: assay view --latest "
                    f"(or assay view {result.run_dir})"), file=sys.stderr)
    return result.exit_code


def _demo_pointer() -> Path:
    """Where `assay demo` notes its last run, for `assay view --latest` outside any repo."""
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "assay" / "last-demo-run"


def _remember_demo_run(run_dir: Path) -> None:
    pointer = _demo_pointer()
    with contextlib.suppress(OSError):  # a convenience: a read-only home costs only the shortcut
        pointer.parent.mkdir(parents=True, exist_ok=True)
        pointer.write_text(str(run_dir), encoding="utf-8")


def _cmd_skill(args: argparse.Namespace) -> int:
    from agent.skill import check_skill, default_skill_dir

    root = args.dir or default_skill_dir()
    problems = check_skill(root)
    for problem in problems:
        print(problem)
    errors = sum(1 for p in problems if p.level == "error")
    if errors:
        print(f"assay: {root}: {errors} error(s)", file=sys.stderr)
        return EXIT_USAGE
    print(f"{root}: ok" + (f" ({len(problems)} warning(s))" if problems else ""))
    return EXIT_OK


def _cmd_view(args: argparse.Namespace) -> int:
    from agent.errors import UsageError
    from agent.view import latest_run, serve, write_view

    if (args.run_dir is None) == (not args.latest):
        raise UsageError("give a RUN_DIR or --latest, not both (see `assay view --help`)"
                         if args.latest else "give a RUN_DIR or --latest (see `assay view --help`)")
    if args.latest and args.repo is None and not (Path(".") / ".assay" / "runs").is_dir() \
            and _demo_pointer().is_file():  # outside any repo with runs: the last `assay demo`
        run_dir = Path(_demo_pointer().read_text(encoding="utf-8").strip())
        print(safe_text(f"assay view: no runs under . ; showing the last assay demo run: {run_dir}"),
              file=sys.stderr)
    else:
        run_dir = latest_run(args.repo or Path(".")) if args.latest else args.run_dir
    if not run_dir.is_dir():
        raise UsageError(f"run folder not found: {run_dir}")
    page = write_view(run_dir, args.out)
    print(safe_text(str(page)))
    if args.serve:
        serve(page)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
