"""The GEPA adapter: `evaluate` runs real eval attempts for a candidate skill, `make_reflective_dataset` turns the
graders' verdicts into feedback, `propose_new_texts` asks the reflection model (a Claude model through the same
`anthropic` client, retries and budgets as the agent) for a new text of each component."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gepa.core.adapter import EvaluationBatch
from gepa.strategies.instruction_proposal import InstructionProposalSignature

from agent.errors import ModelError
from agent.evals.cases import Case
from agent.models.base import Model, ModelRequest
from agent.models.catalog import estimate_cost
from agent.optimize.components import describe_change, skill_hash, write_candidate
from agent.optimize.evaluator import Budget, CaseResult, Evaluator
from agent.skill import check_skill

REFLECTION_SYSTEM = ("You improve one part of an agent skill: instructions a coding agent follows when it writes, "
                     "runs and proves backend tests. Change only what the feedback shows is missing or wrong; keep "
                     "everything that works; never name a specific repository, file or case.")
COMPONENT_BEGIN, COMPONENT_END = "<<<COMPONENT", "COMPONENT>>>"
PROMPT = f"""A coding agent follows a skill while it writes backend tests. This is one part of it, `{{name}}`:
{COMPONENT_BEGIN}
<curr_param>
{COMPONENT_END}

The agent ran on eval cases with the whole skill. For each case, the graders' verdicts (seeded bugs its tests
missed, scenarios they did not cover, weak or failing tests) and what the runtime reported:
```
<side_info>
```

Write a new version of `{{name}}` that would make the agent do better on cases like these, in general terms (the
holdout cases are different repositories). Keep its Markdown shape{{heading}}. Give the whole new text inside one
``` block."""


def prompt_for(component: str) -> str:
    """The reflection prompt template for one component (GEPA fills `<curr_param>` and `<side_info>`)."""
    heading = ", starting with the same `## ` heading" if component.startswith("SKILL.md#") and \
        not component.endswith("#intro") else ""
    return PROMPT.replace("{name}", component).replace("{heading}", heading)


class Reflector:
    """GEPA's `LanguageModel`: one prompt in, text out, through an assay `Model`; its cost is charged to the
    budget."""

    def __init__(self, model: Model, model_name: str, budget: Budget) -> None:
        self.model, self.model_name, self.budget = model, model_name, budget
        self.calls = 0

    def __call__(self, prompt: str | list[dict[str, Any]]) -> str:
        content = prompt if isinstance(prompt, str) else json.dumps(prompt)
        response = self.model.respond(ModelRequest(system=REFLECTION_SYSTEM, tools=[], max_tokens=8192,
                                                   messages=[{"role": "user", "content": content}]))
        self.calls += 1
        self.budget.spend(estimate_cost(self.model_name, response.usage))
        return response.text


@dataclass
class CandidateRecord:
    """A distinct skill the loop evaluated, in order of first sight."""

    id: str
    hash: str
    parent: str | None
    change: str
    folder: Path
    problems: list[str] = field(default_factory=list)
    """`assay skill check` errors: an invalid candidate is never evaluated."""


class SkillAdapter:
    """GEPA's adapter for a skill folder: components are SKILL.md's sections and the reference files."""

    def __init__(self, seed: Path, workdir: Path, evaluator: Evaluator, reflector: Reflector, cases: list[Case]
                 ) -> None:
        self.seed, self.workdir, self.evaluator, self.reflector = seed, workdir, evaluator, reflector
        self._requests = {c.name: c.request for c in cases}
        self.fatal: ModelError | None = None
        """The reflection model's failure (after its retries), raised by the loop's stop condition."""
        self.records: dict[str, CandidateRecord] = {}
        self._by_text: dict[str, str] = {}
        self._parents: dict[str, tuple[str, str]] = {}
        """Child text key -> (parent id, one-line change), set when the child is proposed."""

    LEDGER = "candidates.jsonl"

    def load(self) -> None:
        """Records of an earlier, interrupted run of this optimisation (its ids, parents and changes)."""
        ledger = self.workdir / self.LEDGER
        if not ledger.exists():
            return
        for raw in ledger.read_text(encoding="utf-8").splitlines():
            try:
                item = json.loads(raw)
                components = json.loads((self.workdir / item["hash"] / "candidate.json").read_text(encoding="utf-8"))
            except (json.JSONDecodeError, OSError, KeyError):
                continue  # a line torn by the interruption: that candidate is simply seen again
            folder = self.workdir / item["hash"] / self.seed.resolve().name
            self.records[item["hash"]] = CandidateRecord(item["id"], item["hash"], item["parent"], item["change"],
                                                         folder, item["problems"])
            self._by_text[json.dumps(components, sort_keys=True)] = item["hash"]

    def record(self, candidate: dict[str, str]) -> CandidateRecord:
        """The record of `candidate`, materialised and checked the first time it is seen."""
        key = json.dumps(candidate, sort_keys=True)
        if key in self._by_text:
            return self.records[self._by_text[key]]
        name = self.seed.resolve().name
        staged = write_candidate(self.seed, candidate, self.workdir / "staging")
        digest = skill_hash(staged)
        parent, change = self._parents.get(key, (None, "the skill as given (baseline)"))
        self._by_text[key] = digest
        if digest in self.records:  # the same bytes reached by another route
            shutil.rmtree(staged)
            return self.records[digest]
        folder = self.workdir / digest / name
        if folder.exists():
            shutil.rmtree(staged)
        else:
            folder.parent.mkdir(parents=True, exist_ok=True)
            staged.rename(folder)
        problems = [str(p) for p in check_skill(folder) if p.level == "error"]
        record = CandidateRecord(f"c{len(self.records)}", digest, parent, change, folder, problems)
        self.records[digest] = record
        (folder.parent / "candidate.json").write_text(json.dumps(candidate, indent=1), encoding="utf-8")
        with (self.workdir / self.LEDGER).open("a", encoding="utf-8") as ledger:
            ledger.write(json.dumps({"id": record.id, "hash": digest, "parent": parent, "change": change,
                                     "problems": problems}) + "\n")
        if problems:
            print(f"optimize: {record.id} fails `assay skill check` ({problems[0]}); not evaluated", file=sys.stderr)
        return record

    def evaluate(self, batch: list[Case], candidate: dict[str, str], capture_traces: bool = False
                 ) -> EvaluationBatch[CaseResult, CaseResult]:
        record = self.record(candidate)
        if record.problems:
            failed = [CaseResult(c.name, c.split, 0.0, "the skill fails `assay skill check`: "
                                 + "; ".join(record.problems[:3]), [], 0.0) for c in batch]
            return EvaluationBatch(outputs=failed, scores=[0.0] * len(batch),
                                   trajectories=failed if capture_traces else None)
        results = self.evaluator.run(batch, record.folder, record.hash, label=record.id)
        return EvaluationBatch(outputs=results, scores=[r.score for r in results],
                               trajectories=results if capture_traces else None)

    def make_reflective_dataset(self, candidate: dict[str, str], eval_batch: EvaluationBatch[CaseResult, CaseResult],
                                components_to_update: list[str]) -> Mapping[str, Sequence[Mapping[str, Any]]]:
        rows = [{"Case": r.case, "Request": self._requests.get(r.case, ""), "Score": r.score,
                 "Feedback": r.feedback} for r in (eval_batch.trajectories or [])]
        return {name: rows for name in components_to_update}

    def propose_new_texts(self, candidate: dict[str, str],
                          reflective_dataset: Mapping[str, Sequence[Mapping[str, Any]]],
                          components_to_update: list[str]) -> dict[str, str]:
        new: dict[str, str] = {}
        for name in components_to_update:
            try:
                out = InstructionProposalSignature.run(self.reflector, {
                    "current_instruction_doc": candidate[name], "dataset_with_feedback": reflective_dataset[name],
                    "prompt_template": prompt_for(name)})
            except ModelError as exc:  # GEPA would log it and go on; the loop stops instead (`fatal`)
                self.fatal = exc
                return {}
            current = candidate[name]
            # the component keeps its leading and trailing blank lines, which the reply's code block loses, so
            # SKILL.md is rebuilt with its sections spaced as they were
            lead, trail = current[:len(current) - len(current.lstrip())], current[len(current.rstrip()):]
            new[name] = lead + out["new_instruction"].strip() + trail
        child = {**candidate, **new}
        parent = self.record(candidate)
        self._parents.setdefault(json.dumps(child, sort_keys=True), (parent.id, describe_change(candidate, child)))
        return new

