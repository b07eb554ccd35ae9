"""The eval harness: cases, graders, repeats, baselines and a report that gates skill changes."""

from __future__ import annotations

from agent.evals.cases import Case, load_case, load_cases
from agent.evals.cli import cli_main
from agent.evals.graders import AttemptContext, GradeResult, attempt_score, grade
from agent.evals.harness import EvalConfig, run_eval
from agent.evals.report import summarize, write_report

__all__ = ["AttemptContext", "Case", "EvalConfig", "GradeResult", "attempt_score", "cli_main", "grade", "load_case",
           "load_cases", "run_eval", "summarize", "write_report"]
