"""The one job both entry points run: a triggering comment in, a reviewed pull request (or a clear refusal) out.

`Job.run` asks the state machine (`state.next_step`) for the next step and runs it, until the job is done;
each step records its side effect in the job's `JobState` at once, so a job interrupted by a crash resumes
without doing one twice. The parts, each readable alone: `state` (what was done, what comes next),
`policy` (what may be done), `steps` (the git side), `comments` (every text posted). Every text that reaches
GitHub is redacted.

`/assay --push-to-pr …` on a pull request commits onto the PR's own branch instead, when the base
branch's `.github/assay.yml` allows it and the branch is in the same repository; a fork's PR gets the
tests as a patch in the tracking comment, and nothing of it is pushed.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agent.errors import AssayError
from agent.github import policy, steps
from agent.github.api import GitHubApi, GitHubApiError
from agent.github.checkout import Checkout, GitDeliveryError, slugify
from agent.github.comments import Texts, request_subject
from agent.github.config import GitHubSettings
from agent.github.events import PUSH_TO_PR_FLAG, Trigger
from agent.github.owners import clone_prefix
from agent.github.repo_config import REPO_CONFIG_PATH, RepoConfig
from agent.github.state import (
    EXIT_DELIVERY,
    EXIT_OK,
    EXIT_UNVERIFIED,
    Checkpoints,
    JobState,
    MemoryCheckpoints,
    Step,
    forget_commit,
    next_step,
    state_from_dict,
    state_to_dict,
)
from agent.github.steps import DeliveryError
from agent.models.base import Model
from agent.redact import Redactor
from agent.sandbox import Sandbox, is_secret_name
from agent.skill import default_skill_dir
from agent.testfiles import is_test_support

__all__ = ["EXIT_DELIVERY", "EXIT_OK", "EXIT_UNVERIFIED", "Checkpoints", "DeliveryError", "Job", "JobState",
           "MemoryCheckpoints", "ModelFactory", "job_redactor", "request_subject", "state_from_dict",
           "state_to_dict"]

log = logging.getLogger("assay.github")

ModelFactory = Callable[[], Model]

ACTIONS_PUBLIC_VARIABLES = frozenset({
    "GITHUB_ACTION", "GITHUB_ACTION_PATH", "GITHUB_ACTION_REF", "GITHUB_ACTION_REPOSITORY", "GITHUB_ACTIONS",
    "GITHUB_ACTOR", "GITHUB_ACTOR_ID", "GITHUB_API_URL", "GITHUB_BASE_REF", "GITHUB_ENV", "GITHUB_EVENT_NAME",
    "GITHUB_EVENT_PATH", "GITHUB_GRAPHQL_URL", "GITHUB_HEAD_REF", "GITHUB_JOB", "GITHUB_OUTPUT", "GITHUB_PATH",
    "GITHUB_REF", "GITHUB_REF_NAME", "GITHUB_REF_PROTECTED", "GITHUB_REF_TYPE", "GITHUB_REPOSITORY",
    "GITHUB_REPOSITORY_ID", "GITHUB_REPOSITORY_OWNER", "GITHUB_REPOSITORY_OWNER_ID", "GITHUB_RETENTION_DAYS",
    "GITHUB_RUN_ATTEMPT", "GITHUB_RUN_ID", "GITHUB_RUN_NUMBER", "GITHUB_SERVER_URL", "GITHUB_SHA", "GITHUB_STATE",
    "GITHUB_STEP_SUMMARY", "GITHUB_TRIGGERING_ACTOR", "GITHUB_WORKFLOW", "GITHUB_WORKFLOW_REF",
    "GITHUB_WORKFLOW_SHA", "GITHUB_WORKSPACE",
})
"""Variables every Actions runner sets that name the repository, run and paths: not secrets. Their names look
secret (`GITHUB_*`), but masking their values would turn `octo-org/shop` in every link assay posts into
`[REDACTED]`."""


def job_redactor() -> Redactor:
    """A redactor for texts posted to GitHub: every secret-looking environment value but the runner's public ones."""
    redactor = Redactor(from_environment=False)
    for name, value in os.environ.items():
        if is_secret_name(name) and name not in ACTIONS_PUBLIC_VARIABLES:
            redactor.add(value)
    return redactor


@dataclass
class Job:
    """One triggering comment and everything needed to answer it."""

    trigger: Trigger
    settings: GitHubSettings
    api: GitHubApi
    token: str | None
    checkpoints: Checkpoints = field(default_factory=MemoryCheckpoints)
    model_factory: ModelFactory | None = None
    """Tests inject a scripted model here; None lets `run_session` pick from the settings."""
    sandbox: Sandbox | None = None
    redactor: Redactor = field(default_factory=job_redactor)

    def __post_init__(self) -> None:
        for secret in (self.token, _secret(self.settings.token), _secret(self.settings.private_key)):
            if secret:
                self.redactor.add(secret)
        self.state = self.checkpoints.load()
        self.texts = Texts(self.trigger, self.redactor)
        self.remote = steps.Remote(self.settings.clone_url.format(repo=self.trigger.repo), self.token, self.redactor)
        self._last_progress = 0.0
        self._workdir: Path | None = None
        self._config_error: str | None = None
        self._checkout: Checkout | None = None
        """The clone holding the commit, while this process has it (a resumed job does not)."""
        self._steps: dict[Step, Callable[[], None]] = {
            Step.START: self._start, Step.RUN: self._run, Step.RECOVER_PUSH: self._recover_push,
            Step.PUSH: self._push, Step.OPEN_PULL: self._open_pull, Step.REPORT_ONTO_PR: self._report_onto_pr,
            Step.REPORT_PATCH: self._report_patch}

    # -- the flow ------------------------------------------------------------------------------------------

    def run(self) -> int:
        """Answer the comment; return the process exit code (0 also for a polite refusal)."""
        t = self.trigger
        if self.state.done:
            log.info("job for %s#%s comment %s already done", t.repo, t.issue_number, t.comment_id)
        try:
            if not self.state.done and self.state.tracking_comment_id is not None:
                self._update("resuming after an interruption")
            last = None
            while (step := next_step(self.state, have_commit=self._checkout is not None)) is not Step.DONE:
                if step is last:  # every step records progress or finishes; a repeat would loop forever
                    raise RuntimeError(f"job step {step} made no progress")
                self._steps[step]()
                last = step
        except (AssayError, GitHubApiError, GitDeliveryError) as exc:
            self._fail(str(exc))
            self._finish(exc.exit_code if isinstance(exc, AssayError) else EXIT_DELIVERY)
        except Exception as exc:
            self._fail(f"internal error: {type(exc).__name__}: {exc}")
            raise
        finally:
            if self._workdir is not None:
                shutil.rmtree(self._workdir, ignore_errors=True)
        return self.state.exit_code or 0

    # -- the steps (each records what it did, or finishes the job) ---------------------------------------

    def _start(self) -> None:
        """Check who asked, claim the comment, pin the PR's head, post the tracking comment."""
        t = self.trigger
        permission = self.api.permission(t.repo, t.author)
        if not policy.may_trigger(permission):
            log.info("%s has %s permission on %s: not triggering", t.author, permission, t.repo)
            if self.settings.reply_unauthorized:
                self.api.create_comment(t.repo, t.issue_number, self.texts.refusal())
            self._finish(EXIT_OK)
            return
        if not t.request:
            self.api.create_comment(t.repo, t.issue_number, self.texts.ask_for_request(self.settings.command_prefix))
            self._finish(EXIT_OK)
            return
        if self._tracking_comments():
            log.info("comment %s is already answered by another assay (the Action or the App)", t.comment_id)
            self._finish(EXIT_OK)
            return
        if t.is_pull_request:
            # Pinned before anything else: the run tests this commit, whatever is pushed to the PR later. A
            # review comment names the commit its author saw; an issue comment does not, so it is read now.
            pull = self.api.get_pull(t.repo, t.issue_number)
            self.state.pull = dataclasses.replace(pull, head_sha=t.head_sha) if t.head_sha else pull
        self._react("eyes")
        self.state.tracking_comment_id = self.api.create_comment(
            t.repo, t.issue_number, self.texts.tracking(self.texts.starting(self.state.pull), []))
        self._save()
        first = min(self._tracking_comments(), default=self.state.tracking_comment_id)
        if first != self.state.tracking_comment_id:  # another assay answered at the same moment: the first wins
            log.info("comment %s is answered in comment %s by another assay; standing down", t.comment_id, first)
            self.api.delete_comment(t.repo, self.state.tracking_comment_id)
            self._finish(EXIT_OK)
            return
        self._update("cloning the repository")

    def _run(self) -> None:
        """Clone, run the session, commit the kept tests (or finish: unverified, nothing kept)."""
        from agent.session import RunConfig, run_session

        s, t = self.settings, self.trigger
        self.state.notes = []
        if t.is_pull_request and self.state.pull is None:  # a checkpoint from before the pin was kept
            self.state.pull = self.api.get_pull(t.repo, t.issue_number)
        workdir = self._fresh_workdir()
        cloned = steps.clone(self.remote, t, self.state.pull, workdir / "repo")
        self.texts.hide_paths(cloned.checkout.path, workdir)
        config = self._repo_config(cloned)
        self._plan_delivery(cloned, config)
        assert self.state.branch is not None
        if self.state.onto_pr:
            steps.check_pr_branch_unmoved(cloned.checkout, self.state.branch, cloned.head)
        cloned.checkout.start_branch(self.state.branch, cloned.head)
        run_config = RunConfig(
            repo=cloned.checkout.path, request=self.trigger.request, request_context=self.texts.request_context(),
            model=s.model,
            install_deps=self._install_deps(), skill_dir=self._skill(cloned, workdir / "skill"),
            require_sandbox=s.require_sandbox, max_turns=config.max_turns, wall_clock_s=config.max_minutes * 60)
        result = run_session(run_config, model=self.model_factory() if self.model_factory else None,
                             sandbox=self.sandbox, progress=self._progress)
        self._keep_record(result.run_dir)
        outcome_md = self.texts.outcome_markdown(result.outcome)
        kept = [f for f in result.written_files if is_test_support(f) and (cloned.checkout.path / f).is_file()]
        self.state.run_id = result.outcome.run.run_id
        if result.exit_code != EXIT_OK or not kept:
            self._write_tracking(self.texts.unfinished(result.outcome, result.exit_code), outcome_md)
            if result.exit_code != EXIT_OK:
                self._react("confused")
            self._finish(result.exit_code)
            return
        self.state.commit = cloned.checkout.commit(kept, self.texts.commit_message(result.outcome, kept),
                                                   s.git_author)
        if self.state.as_patch:
            self.state.patch = cloned.checkout.format_patch(self.state.commit)
        self.state.outcome_md = outcome_md
        self._save()
        self._checkout = cloned.checkout
        if not self.state.as_patch:
            self._update(f"pushing {len(kept)} test file(s) to `{self.state.branch}`")

    def _recover_push(self) -> None:
        """Resumed after the commit: keep it if the crash came after its push, else run again."""
        if steps.was_pushed(self.remote, self.state):
            self.state.pushed = True
        else:  # the commit died with that process's clone
            forget_commit(self.state)
        self._save()

    def _push(self) -> None:
        assert self._checkout is not None
        steps.push(self._checkout, self.state, self.trigger.default_branch)
        self.state.pushed = True
        self._save()

    def _open_pull(self) -> None:
        t, branch = self.trigger, self.state.branch
        assert branch and self.state.outcome_md is not None
        try:
            pull = self.api.create_pull(t.repo, title=self.texts.pull_title(), body=self.texts.pull_body(self.state),
                                        head=branch, base=self.state.target or t.default_branch)
        except GitHubApiError as exc:
            raise DeliveryError(f"{exc}; {self._rollback_push(exc)}") from None
        self.state.pull_number, self.state.pull_url = pull.number, pull.html_url
        self._save()
        self._write_tracking(self.texts.opened(pull.number, branch, pull.html_url), self.state.outcome_md)
        self._react("rocket")
        self._finish(EXIT_OK)

    def _report_onto_pr(self) -> None:
        assert self.state.branch and self.state.commit and self.state.outcome_md is not None
        self._write_tracking(self.texts.pushed_onto_pr(self.state.branch, self.state.commit), self.state.outcome_md)
        self._react("rocket")
        self._finish(EXIT_OK)

    def _report_patch(self) -> None:
        """A fork's PR: the tests as a patch in the tracking comment; its commits never reach this repository."""
        report = self.texts.patch_report(self.state)
        if report is None:
            raise DeliveryError(f"the tests as a patch ({len(self.state.patch or '')} characters) do not fit in a "
                                "comment; nothing was pushed (this pull request comes from a fork)")
        self._write_tracking(*report)
        self._react("rocket")
        self._finish(EXIT_OK)

    # -- decisions and pieces ------------------------------------------------------------------------------

    def _repo_config(self, cloned: steps.Cloned) -> RepoConfig:
        """`.github/assay.yml` from the base branch; when invalid, the defaults and a note saying why."""
        config, self._config_error = policy.repo_config(cloned.checkout.read_file(cloned.base_ref, REPO_CONFIG_PATH))
        if self._config_error is not None:
            self.state.notes.append(f"The repository's settings are invalid ({self._config_error}); the defaults "
                                    "applied.")
        return config

    def _plan_delivery(self, cloned: steps.Cloned, config: RepoConfig) -> None:
        """Decide where the commit goes: a patch (fork), the PR's own branch (allowed `--push-to-pr`), or a new
        `assay/<n>-<slug>` branch and pull request into the default branch or, stacked, the PR's branch."""
        t, pull = self.trigger, self.state.pull
        self.state.as_patch, self.state.onto_pr = policy.is_fork(t, pull), False
        self.state.target = (pull.base_ref if self.state.as_patch else pull.head_ref) if pull else t.default_branch
        self.state.protected = [pull.base_ref, pull.head_ref] if pull else [t.default_branch]
        if t.push_to_pr:
            refusal = policy.push_to_pr_refusal(t, pull, config, self._config_error)
            if refusal is None:
                assert pull is not None
                self.state.onto_pr, self.state.protected, self.state.branch = True, [pull.base_ref], pull.head_ref
                return
            instead = "are in the patch below" if self.state.as_patch else "went to a new branch and pull request"
            self.state.notes.append(f"You asked for `{PUSH_TO_PR_FLAG}`, but {refusal}. The tests {instead} "
                                    "instead.")
        stem = f"assay/{t.issue_number}-{slugify(t.request)}"
        existing = set() if self.state.as_patch else cloned.checkout.remote_branches()  # a patch's branch is local
        name, n = stem, 2
        while name in existing:
            name, n = f"{stem}-{n}", n + 1
        self.state.branch = name

    def _install_deps(self) -> bool:
        """`ASSAY_INSTALL_DEPS`, except for a fork's code: its install scripts would run outside the sandbox."""
        if not self.settings.install_deps:
            return False
        refusal = policy.install_refusal(self.trigger, self.state.pull)
        if refusal is not None:
            self.state.notes.append(refusal)
        return refusal is None

    def _skill(self, cloned: steps.Cloned, dest: Path) -> Path:
        """The bundled skill, or the repo's own from the base branch: a PR head never supplies instructions."""
        folder = self.settings.repo_skill_path
        if folder and cloned.checkout.export_tree(cloned.base_ref, folder, dest) and (dest / "SKILL.md").is_file():
            return dest
        return default_skill_dir()

    def _rollback_push(self, refused: GitHubApiError) -> str:
        """Delete the branch of a pull request GitHub did not open; the sentence saying what became of it.

        The branch stays when the pull request may exist after all (`policy.keep_branch_reason`) or when GitHub
        cannot tell whether an open one uses it: never delete the branch of an open PR.
        """
        branch = self.state.branch
        keep = policy.keep_branch_reason(refused)
        if keep is not None:
            return f"the branch {branch} was kept, {keep}"
        try:
            existing = self.api.find_pull(self.trigger.repo, str(branch))
        except GitHubApiError as exc:
            return f"the branch {branch} was kept, since GitHub could not say whether a pull request uses it ({exc})"
        if existing is not None:
            return f"the branch {branch} was kept: pull request #{existing.number} uses it"
        error = steps.delete_branch(self.remote, self.state)
        if error is not None:
            log.warning("could not delete %s after the pull request failed: %s", branch, error)
            return f"the branch {branch} could not be deleted ({error}); delete it by hand"
        self.state.branch_deleted = True
        self._save()
        return f"the branch {branch} was deleted again"

    def _fresh_workdir(self) -> Path:
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
        if self.settings.workdir is not None:
            self.settings.workdir.mkdir(parents=True, exist_ok=True)
        self._workdir = Path(tempfile.mkdtemp(prefix=clone_prefix(), dir=self.settings.workdir))
        return self._workdir

    def _keep_record(self, run_dir: Path) -> None:
        if self.settings.runs_dir is not None:
            self.settings.runs_dir.mkdir(parents=True, exist_ok=True)
            shutil.copytree(run_dir, self.settings.runs_dir / run_dir.name, dirs_exist_ok=True)

    def _fail(self, message: str) -> None:
        message = self.texts.clean(message.splitlines()[0] if message else "unknown error")
        log.error("job failed: %s", message)
        try:
            self._write_tracking(self.texts.failure(message, self.state), self.state.outcome_md)
            self._react("confused")
        except GitHubApiError as exc:
            log.error("could not report the failure on GitHub: %s", exc)

    def _finish(self, code: int) -> None:
        self.state.done, self.state.exit_code = True, code
        self._save()

    def _save(self) -> None:
        self.checkpoints.save(self.state)

    # -- talking to the thread -----------------------------------------------------------------------------

    def _progress(self, line: str) -> None:
        log.info("%s", self.redactor.redact(line.removeprefix("assay: ")))
        if time.monotonic() - self._last_progress >= self.settings.progress_interval_s:
            self._update(line.removeprefix("assay: "))

    def _update(self, status: str) -> None:
        self._last_progress = time.monotonic()
        self._write_tracking(f"is working: {status} …", None)

    def _write_tracking(self, status: str, outcome_md: str | None) -> None:
        if self.state.tracking_comment_id is not None:
            self.api.update_comment(self.trigger.repo, self.state.tracking_comment_id,
                                    self.texts.tracking(status, self.state.notes, outcome_md))

    def _react(self, content: str) -> None:
        self.api.add_reaction(self.trigger.repo, self.trigger.comment_id, content, review=self.trigger.review_comment)

    def _tracking_comments(self) -> list[int]:
        """Ids of the tracking comments (by any assay) that answer this trigger."""
        t = self.trigger
        since = t.created_at.strftime("%Y-%m-%dT%H:%M:%SZ") if t.created_at else None
        marker = self.texts.marker()
        return [cid for cid, body in self.api.list_comments(t.repo, t.issue_number, since) if marker in body]


def _secret(value: Any) -> str | None:
    return value.get_secret_value() if value is not None else None
