"""assay: writes backend tests into a repository, runs them, proves them, and answers with a validated outcome."""

from agent._compat import serialise_ast_parse
from agent.outcome import ModelSubmission, TestingOutcome, render_markdown

serialise_ast_parse()

__version__ = "0.1.0"
__all__ = ["ModelSubmission", "TestingOutcome", "__version__", "render_markdown"]
