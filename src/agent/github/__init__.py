"""The GitHub entry point: `/assay …` in an issue or PR comment becomes a reviewed pull request.

Two forms share one job (`core.Job`): `assay github handle-event` on an Actions runner, and
`assay serve`, a webhook server for a GitHub App with a durable queue.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from agent.github.config import GitHubSettings
from agent.github.core import Job, JobState
from agent.github.events import Ignored, Trigger, parse_event, strip_hidden

__all__ = ["GitHubSettings", "Ignored", "Job", "JobState", "Trigger", "cli_main", "parse_event", "strip_hidden"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"assay github: error: {message} (see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="assay github", description="GitHub entry point: answer `/assay …` comments.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    handle = sub.add_parser(
        "handle-event", help="handle one webhook event on a GitHub Actions runner",
        description="Read the event GitHub Actions describes (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, "
        "GITHUB_REPOSITORY, GITHUB_TOKEN, GITHUB_API_URL) and, for a `/assay …` comment by someone with write "
        "access, run assay in a fresh clone, push a branch and open a pull request. Other settings come from "
        "ASSAY_* variables (see docs/github.md). Exit 0 when the event was ignored or answered; 1 when the "
        "tests could not be verified; 2 configuration error; 3 model, clone, push or GitHub API failure.")
    handle.add_argument("--event-name", help="override GITHUB_EVENT_NAME (e.g. issue_comment)")
    handle.add_argument("--event-path", type=Path, help="override GITHUB_EVENT_PATH (the payload JSON file)")
    handle.add_argument("--debug", action="store_true", help="show tracebacks")
    return parser


def cli_main(argv: list[str]) -> int:
    """`assay github …`: returns the exit code."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="assay: %(message)s", stream=sys.stderr)
    from agent.github.action import handle_event

    return handle_event(args.event_name, args.event_path)
