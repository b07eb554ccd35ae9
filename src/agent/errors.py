"""Domain errors. The CLI maps them to exit codes in one place (`cli.main`).

A model's mistake (bad tool input, an invalid outcome) is a `ToolError`: it goes
back to the model as a `tool_result` with `is_error`. Everything else ends the run.
"""

from __future__ import annotations


class AssayError(Exception):
    """Base of every error assay raises on purpose; its message is one line for the user."""

    exit_code = 2


class UsageError(AssayError):
    """Bad flags, a missing repo, a broken skill: the user can fix it. Exit 2."""

    exit_code = 2


class ModelError(AssayError):
    """The model API failed in a way retries will not heal (401, 400, exhausted retries). Exit 3."""

    exit_code = 3


class SandboxUnavailable(UsageError):
    """`--require-sandbox` was given but no sandbox can be started here."""


class ToolError(Exception):
    """A tool call the model got wrong; its text is returned to the model, never raised to the user."""
