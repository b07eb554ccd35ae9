"""No command named by a repo's git config or attributes runs in the runtime's git calls (issue 11, item 12).

Every trap below is a script that appends its name to a marker file; the runtime's git calls
(the `worktree add` the regression lock makes, status/diff/log, gitpython through `open_repo`,
fetch, merge, credentials) must leave no marker, whether the command is declared directly, in the
old `[filter.x]` syntax, through `[include] path=`, or through an `includeIf` that only holds in a
linked worktree.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from agent.gitops import open_repo, run_git, safe_env

from conftest import git, make_repo

ATTRIBUTES = """\
old.py filter=old
new.py filter=New
inc.txt filter=inc diff=tc
cond.dat filter=wt
ext.md diff=extd
merge.txt merge=drv
"""
FILES = {"old.py": "a = 1\n", "new.py": "b = 1\n", "inc.txt": "inc 1\n", "cond.dat": "cond 1\n",
         "ext.md": "ext 1\n", "merge.txt": "base\n", ".gitattributes": ATTRIBUTES}


def trap(tmp: Path, name: str, marker: Path, *, passthrough: bool = False) -> str:
    """A script that records `name` in `marker` (then copies stdin to stdout, as a filter must)."""
    script = tmp / "traps" / name
    script.parent.mkdir(exist_ok=True)
    script.write_text(f"#!/bin/sh\necho {name} >> {marker}\n" + ("cat\n" if passthrough else "exit 1\n"))
    script.chmod(0o755)
    return str(script)


def trapped_repo(tmp: Path) -> tuple[Path, Path]:
    """A repo with two commits and a config that names a trap for every command-valued key."""
    marker = tmp / "marker.txt"
    repo = make_repo(tmp / "repo", FILES)
    for rel in ("old.py", "new.py", "inc.txt", "cond.dat", "ext.md"):
        (repo / rel).write_text((repo / rel).read_text() + "two\n")
    git(repo, "commit", "-qam", "second")
    other = make_repo(tmp / "other", {"x.txt": "x\n"})

    def t(name: str, passthrough: bool = False) -> str:
        return trap(tmp, name, marker, passthrough=passthrough)

    dot_git = repo / ".git"
    (dot_git / "extra.cfg").write_text(
        f'[filter "inc"]\n\tclean = {t("inc-clean", True)}\n\tsmudge = {t("inc-smudge", True)}\n'
        f'[diff "tc"]\n\ttextconv = {t("textconv", True)}\n')
    (dot_git / "wt.cfg").write_text(
        f'[filter "wt"]\n\tclean = {t("wt-clean", True)}\n\tsmudge = {t("wt-smudge", True)}\n')
    with (dot_git / "config").open("a") as fh:
        fh.write(
            f"[core]\n\tfsmonitor = {t('fsmonitor')}\n\tgitProxy = {t('gitproxy')}\n"
            f"\taskPass = {t('askpass')}\n\talternateRefsCommand = {t('alternaterefs')}\n"
            f"\tsshCommand = {t('ssh')}\n"
            f"[filter.old]\n\tclean = {t('old-clean', True)}\n\tsmudge = {t('old-smudge', True)}\n"
            f'[filter "New"]\n\tclean = {t("new-clean", True)}\n\tsmudge = {t("new-smudge", True)}\n'
            f"[diff]\n\texternal = {t('external-diff')}\n"
            f'[diff "extd"]\n\tcommand = {t("diff-command")}\n'
            f"[pager]\n\tlog = {t('pager')}\n\tdiff = {t('pager')}\n"
            f"[credential]\n\thelper = {t('credential-helper')}\n"
            f'[merge "drv"]\n\tdriver = {t("merge-driver")} %O %A %B\n'
            f'[remote "up"]\n\turl = {other}\n\tuploadpack = {t("upload-pack")}\n'
            f'[remote "gp"]\n\turl = git://example.invalid/x.git\n'
            f'[remote "sh"]\n\turl = ssh://example.invalid/x.git\n'
            "[include]\n\tpath = extra.cfg\n"
            '[includeIf "gitdir:**/worktrees/**"]\n\tpath = wt.cfg\n')
    return repo, marker


def ran(marker: Path) -> str:
    return marker.read_text() if marker.exists() else ""


def test_checking_out_a_ref_into_a_worktree_runs_no_filter(tmp_path: Path) -> None:
    repo, marker = trapped_repo(tmp_path)
    handle = open_repo(repo)
    worktree = tmp_path / "wt" / "fixed"
    handle.git.worktree("add", "--detach", "-q", str(worktree), "HEAD~1")
    (worktree / "old.py").write_text("changed\n")
    handle.git.worktree("remove", "--force", str(worktree))
    run_git(repo, ["worktree", "add", "--detach", "-q", str(worktree), "HEAD"])
    assert (worktree / "cond.dat").read_text() == "cond 1\ntwo\n"
    assert ran(marker) == ""


def test_status_diff_and_log_run_no_filter_textconv_fsmonitor_or_external_diff(tmp_path: Path) -> None:
    repo, marker = trapped_repo(tmp_path)
    for rel in ("old.py", "new.py", "inc.txt", "cond.dat", "ext.md"):
        (repo / rel).write_text("three\n")
    run_git(repo, ["status", "--porcelain"])
    assert "three" in run_git(repo, ["diff"])
    run_git(repo, ["log", "-p"])
    run_git(repo, ["show", "HEAD"])
    handle = open_repo(repo)
    handle.git.status()
    handle.git.diff()
    handle.git.log("-p")
    handle.git.show("HEAD")
    handle.index.diff(None, create_patch=True)
    handle.head.commit.diff(None, create_patch=True)
    handle.head.commit.parents[0].diff(handle.head.commit, create_patch=True)
    assert handle.is_dirty()
    assert ran(marker) == ""


def test_fetching_runs_no_upload_pack_proxy_or_ssh_command(tmp_path: Path) -> None:
    repo, marker = trapped_repo(tmp_path)
    for remote in ("up", "gp", "sh"):
        run_git(repo, ["fetch", "-q", remote], check=False, timeout=30)
    open_repo(repo).git.execute(["git", "ls-remote", "up"], with_exceptions=False)
    assert ran(marker) == ""


def test_merging_runs_no_merge_driver(tmp_path: Path) -> None:
    repo, marker = trapped_repo(tmp_path)
    git(repo, "checkout", "-qb", "side", "HEAD")
    (repo / "merge.txt").write_text("side\n")
    git(repo, "-c", "merge.drv.driver=true", "commit", "-qam", "side")
    git(repo, "checkout", "-q", "main")
    (repo / "merge.txt").write_text("main\n")
    git(repo, "-c", "merge.drv.driver=true", "commit", "-qam", "main")
    marker.unlink(missing_ok=True)
    run_git(repo, ["-c", "user.name=t", "-c", "user.email=t@t.invalid", "merge", "--no-edit", "side"], check=False)
    assert ran(marker) == ""


def test_credentials_are_asked_of_no_helper_and_no_askpass(tmp_path: Path) -> None:
    repo, marker = trapped_repo(tmp_path)
    subprocess.run(["git", "credential", "fill"], cwd=repo, env=safe_env(repo), capture_output=True, timeout=30,
                   input=b"protocol=https\nhost=example.invalid\n\n", check=False)
    assert ran(marker) == ""


@pytest.mark.parametrize("via", ["include", "config"])
def test_config_the_repo_gains_after_open_is_disarmed_too(tmp_path: Path, via: str) -> None:
    marker = tmp_path / "marker.txt"
    repo = make_repo(tmp_path / "repo", {"a.txt": "a\n", ".gitattributes": "a.txt filter=late diff=late\n"})
    handle = open_repo(repo)
    late = (f'[filter "late"]\n\tclean = {trap(tmp_path, "late-clean", marker, passthrough=True)}\n'
            f'[diff "late"]\n\tcommand = {trap(tmp_path, "late-diff", marker)}\n')
    if via == "include":
        (repo / ".git" / "late.cfg").write_text(late)
        late = "[include]\n\tpath = late.cfg\n"
    with (repo / ".git" / "config").open("a") as fh:
        fh.write(late)
    (repo / "a.txt").write_text("b\n")
    handle.git.status()
    handle.git.diff()
    handle.git.add("a.txt")
    assert ran(marker) == ""
