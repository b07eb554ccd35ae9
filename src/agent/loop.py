"""The agent loop: model <-> tools until `submit_outcome` validates or a budget ends."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from agent.errors import ToolError
from agent.models.base import Model, ModelRequest, TokenUsage
from agent.outcome import ModelSubmission
from agent.record import RunRecord
from agent.tools import SubmissionAccepted, ToolContext, call_tool, describe_input, tool_specs

NUDGE = "Continue with the tools. When the tests are written, call submit_outcome with the outcome."
MAX_NUDGES = 2
MAX_REJECTED_SUBMITS = 4
"""Submissions that failed validation or the runtime's checks before the run gives up on an outcome."""


@dataclass(frozen=True)
class Budget:
    """Limits checked before every model call."""

    max_turns: int = 40
    max_output_tokens: int = 200_000
    wall_clock_s: float = 1800.0
    max_tokens_per_turn: int = 16_000

    def exhausted(self, turns: int, usage: TokenUsage, elapsed: float) -> str | None:
        if turns >= self.max_turns:
            return f"turn budget exhausted ({self.max_turns} turns)"
        if usage.output_tokens >= self.max_output_tokens:
            return f"output-token budget exhausted ({usage.output_tokens} of {self.max_output_tokens})"
        if elapsed >= self.wall_clock_s:
            return f"wall-clock budget exhausted ({self.wall_clock_s:g}s)"
        return None


@dataclass
class LoopResult:
    """How the loop ended."""

    submission: ModelSubmission | None
    stopped_because: str | None
    turns: int
    usage: TokenUsage
    messages: list[dict[str, Any]] = field(default_factory=list)


def run_loop(
    model: Model,
    ctx: ToolContext,
    *,
    system: str,
    first_message: str,
    budget: Budget,
    record: RunRecord,
    progress: Callable[[str], None],
) -> LoopResult:
    """Drive `model` through the tools; the transcript gets every request, response and tool result."""
    messages: list[dict[str, Any]] = [{"role": "user", "content": [{"type": "text", "text": first_message}]}]
    specs, usage, turns, nudges, rejected, start = tool_specs(), TokenUsage(), 0, 0, 0, time.monotonic()
    record.event("request", model=model.name, system_chars=len(system), first_message=first_message)
    while True:
        # Check the budgets before spending anything.
        if reason := budget.exhausted(turns, usage, time.monotonic() - start):
            record.event("budget", reason=reason)
            return LoopResult(None, reason, turns, usage, messages)
        # Generate.
        response = model.respond(ModelRequest(system, list(messages), specs, budget.max_tokens_per_turn))
        turns += 1
        usage.add(response.usage)
        messages.append({"role": "assistant", "content": response.content})
        record.event("response", turn=turns, content=response.content, stop_reason=response.stop_reason,
                     usage=vars(response.usage))
        progress(f"turn {turns}: {len(response.tool_calls)} tool call(s), "
                 f"{usage.input_tokens + usage.cache_read_input_tokens} in / {usage.output_tokens} out tokens")
        # A turn without tool calls: nudge back to work, a bounded number of times.
        if not response.tool_calls:
            nudges += 1
            if nudges > MAX_NUDGES:
                return LoopResult(None, "the model stopped without calling submit_outcome", turns, usage, messages)
            messages.append({"role": "user", "content": [{"type": "text", "text": NUDGE}]})
            continue
        # Execute the tools, every call answered, errors as is_error results.
        results, submission = [], None
        for call in response.tool_calls:
            progress(f"  {describe_input(call.name, call.input)}")
            try:
                text, is_error = call_tool(ctx, call.name, call.input), False
            except SubmissionAccepted as accepted:
                text, is_error, submission = "outcome accepted; the runtime is verifying the tests", False, accepted
            except ToolError as exc:
                text, is_error = str(exc), True
                rejected += call.name == "submit_outcome"
            record.event("tool", id=call.id, name=call.name, input=call.input, is_error=is_error, result=text)
            results.append({"type": "tool_result", "tool_use_id": call.id, "content": text, "is_error": is_error})
        messages.append({"role": "user", "content": results})
        # A validated submission ends the loop; so does a model that cannot produce one.
        if submission is not None:
            return LoopResult(submission.submission, None, turns, usage, messages)
        if rejected >= MAX_REJECTED_SUBMITS:
            reason = f"submit_outcome was rejected {rejected} times"
            record.event("budget", reason=reason)
            return LoopResult(None, reason, turns, usage, messages)
