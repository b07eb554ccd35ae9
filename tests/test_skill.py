"""The skill loader and validator, by the Agent Skills specification."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from agent.errors import ToolError, UsageError
from agent.outcome import Scenario
from agent.skill import check_skill, default_skill_dir, load_skill
from agent.tools import TOOL_NAMES

GOOD = ("---\nname: backend-testing\ndescription: Writes backend tests. Not for UI.\n---\n"
        "# Body\n\nSee references/r.md\n")


def skill_dir(tmp_path: Path, text: str | bytes, refs: dict[str, bytes] | None = None,
              folder: str = "backend-testing") -> Path:
    root = tmp_path / folder
    (root / "references").mkdir(parents=True)
    (root / "SKILL.md").write_bytes(text.encode() if isinstance(text, str) else text)
    for name, data in (refs if refs is not None else {"r.md": b"# R\n\nbody\n"}).items():
        (root / "references" / name).write_bytes(data)
    return root


def errors(root: Path) -> list[str]:
    return [str(p) for p in check_skill(root) if p.level == "error"]


def test_the_shipped_skill_has_no_errors() -> None:
    problems = check_skill(default_skill_dir())
    assert [p for p in problems if p.level == "error"] == []
    skill = load_skill(default_skill_dir())
    assert skill.name == "backend-testing"
    assert set(skill.references) == {"framework-recipes", "troubleshooting"}
    assert "browser-first" in skill.description and "visual regression" in skill.description
    assert len(skill.body.splitlines()) < 500 and len(skill.body) // 4 < 5000


def test_the_shipped_skill_speaks_the_runtimes_language() -> None:
    skill = load_skill(default_skill_dir())
    assert [t for t in TOOL_NAMES if f"`{t}`" not in skill.body] == []
    assert [s for s in typing.get_args(Scenario) if s not in skill.body] == []
    assert [r for r in skill.references if f"`{r}`" not in skill.body] == []
    for section in ("Test surface", "Plan", "Implementation", "Run", "Gaps"):
        assert f"**{section}**" in skill.body


def test_the_shipped_references_have_one_line_summaries() -> None:
    skill = load_skill(default_skill_dir())
    summaries = {name: ref.summary for name, ref in skill.references.items()}
    assert all(20 < len(s) < 300 and "\n" not in s for s in summaries.values()), summaries
    assert "FastAPI" in summaries["framework-recipes"] and "Jest" in summaries["troubleshooting"]


def test_a_good_skill_loads_with_references_indexed(tmp_path: Path) -> None:
    skill = load_skill(skill_dir(tmp_path, GOOD))
    assert skill.references["r"].summary == "R"
    assert skill.read_reference("r") == "# R\n\nbody\n" == skill.read_reference("r.md")
    assert skill.body == "# Body\n\nSee references/r.md"
    assert check_skill(skill.root) == []


@pytest.mark.parametrize(("frontmatter", "line", "needle"), [
    ("name: Backend_Testing\ndescription: d", 2, "lowercase letters, digits and single hyphens"),
    ("name: -lead\ndescription: d", 2, "not starting or ending with a hyphen"),
    ("name: trail-\ndescription: d", 2, "not starting or ending with a hyphen"),
    ("name: a--b\ndescription: d", 2, "single hyphens"),
    ("name: " + "a" * 65 + "\ndescription: d", 2, "at most 64"),
    ("name: claude-tests\ndescription: d", 2, "reserved word 'claude'"),
    ("name: my-anthropic\ndescription: d", 2, "reserved word 'anthropic'"),
    ("name: 42\ndescription: d", 2, "name must be a string"),
    ("description: d", 1, "field 'name' is required"),
    ("name: ok", 1, "field 'description' is required"),
    ("name: ok\ndescription: ''", 3, "field 'description' is required"),
    ("name: ok\ndescription: " + "x" * 1025, 3, "at most 1024"),
    ("name: ok\ndescription: use <b>this</b>", 3, "XML tags"),
    ("name: ok\ndescription: d\nversion: 2", 4, "unknown field 'version'"),
    ("name: ok\ndescription: d\n'owner': me", 4, "unknown field 'owner'"),
    ("name: ok\ndescription: d\nmetadata: [1, 2]", 4, "metadata must map string keys to string values"),
    ("name: ok\ndescription: d\nmetadata:\n  version: 1.0", 4, "quote numbers"),
    ("name: ok\ndescription: d\nlicense: ''", 4, "license must be a non-empty string"),
    ("name: ok\ndescription: d\ncompatibility: ''", 4, "compatibility must be a string of 1-500"),
    ("name: ok\ndescription: d\ncompatibility: " + "c" * 501, 4, "compatibility must be a string of 1-500"),
    ("name: ok\ndescription: d\nallowed-tools: 3", 4, "allowed-tools must be a string or a list"),
    ("name: ok\ndescription: d\nname: other", 4, "field 'name' appears twice (first on line 2)"),
])
def test_each_frontmatter_rule_is_enforced_with_its_line(tmp_path: Path, frontmatter: str, line: int,
                                                          needle: str) -> None:
    root = skill_dir(tmp_path, f"---\n{frontmatter}\n---\nbody\n")
    found = errors(root)
    assert any(f"SKILL.md:{line}: error:" in e and needle in e for e in found), found
    with pytest.raises(UsageError, match="invalid skill") as raised:
        load_skill(root)
    assert str(raised.value).startswith(f"invalid skill: {found[0]}") and "\n" not in str(raised.value)


def test_optional_fields_in_their_valid_forms_are_accepted(tmp_path: Path) -> None:
    text = ("---\nname: backend-testing\ndescription: >-\n  Writes backend tests.\n  Not for UI.\nlicense: MIT\n"
            "compatibility: Python 3.11+\nmetadata:\n  version: \"1.0\"\nallowed-tools: Read Bash\n---\nbody\n")
    skill = load_skill(skill_dir(tmp_path, text, refs={}))
    assert skill.description == "Writes backend tests. Not for UI."
    assert skill.frontmatter["metadata"] == {"version": "1.0"}


def test_frontmatter_that_never_closes(tmp_path: Path) -> None:
    found = errors(skill_dir(tmp_path, "---\nname: ok\ndescription: d\nbody\n"))
    assert found == [f"{tmp_path / 'backend-testing' / 'SKILL.md'}:1: error: frontmatter is not closed: no second "
                     "'---' line"]


@pytest.mark.parametrize(("frontmatter", "line"), [
    ("name: ok\ndescription: [unclosed", 3),
    ("name: ok\n  bad: indent\ndescription: d", 3),
    ("name: ok\ndescription: d\ndescription: \"unterminated", 4),
])
def test_invalid_yaml_reports_the_line(tmp_path: Path, frontmatter: str, line: int) -> None:
    found = errors(skill_dir(tmp_path, f"---\n{frontmatter}\n---\nbody\n"))
    assert len(found) == 1 and f"SKILL.md:{line}: error: invalid YAML in frontmatter" in found[0], found


def test_frontmatter_that_is_not_a_mapping(tmp_path: Path) -> None:
    assert errors(skill_dir(tmp_path, "---\n- name\n- description\n---\nbody\n")) == [
        f"{tmp_path / 'backend-testing' / 'SKILL.md'}:2: error: frontmatter must be a mapping of fields"]


def test_missing_frontmatter(tmp_path: Path) -> None:
    assert errors(skill_dir(tmp_path, "# just a body\n")) == [
        f"{tmp_path / 'backend-testing' / 'SKILL.md'}:1: error: no YAML frontmatter: the file must start with a "
        "'---' line"]


def test_a_byte_order_mark_and_crlf_line_ends_are_tolerated(tmp_path: Path) -> None:
    skill = load_skill(skill_dir(tmp_path, b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode()))
    assert skill.name == "backend-testing" and skill.body.startswith("# Body")


def test_a_missing_folder_or_skill_file(tmp_path: Path) -> None:
    assert errors(tmp_path / "nope") == [f"{tmp_path / 'nope'}:1: error: skill folder not found"]
    assert errors(tmp_path) == [f"{tmp_path / 'SKILL.md'}:1: error: SKILL.md not found"]
    with pytest.raises(UsageError, match="skill folder not found"):
        load_skill(tmp_path / "nope")


def test_a_skill_file_that_is_not_utf8(tmp_path: Path) -> None:
    assert errors(skill_dir(tmp_path, b"---\nname: caf\xe9\n---\n")) == [
        f"{tmp_path / 'backend-testing' / 'SKILL.md'}:1: error: not UTF-8 (invalid continuation byte at byte 13)"]


def test_name_differing_from_the_folder_is_only_a_warning(tmp_path: Path) -> None:
    problems = check_skill(skill_dir(tmp_path, GOOD, folder="skill"))
    assert [(p.level, p.line) for p in problems] == [("warning", 2)]
    assert "differs from its folder 'skill'" in problems[0].message
    assert load_skill(tmp_path / "skill").name == "backend-testing"


def test_long_body_warns_on_lines_and_tokens(tmp_path: Path) -> None:
    body = "\n".join(f"line {i} " + "word " * 12 for i in range(520))
    problems = check_skill(skill_dir(tmp_path, GOOD.replace("# Body", body)))
    assert {p.level for p in problems} == {"warning"}
    by_message = {p.message.split(";")[0]: p.line for p in problems}
    assert by_message == {"body is 522 lines": 505, "body is about 9077 tokens": 5}
    assert load_skill(tmp_path / "backend-testing").name == "backend-testing"


def test_a_body_with_many_tokens_but_few_lines_warns_on_tokens_only(tmp_path: Path) -> None:
    problems = check_skill(skill_dir(tmp_path, GOOD.replace("# Body", "x" * 21_000)))
    assert [p.message.split(";")[0] for p in problems] == ["body is about 5255 tokens"]  # (21000 + 20 characters) // 4


def test_broken_references_are_errors(tmp_path: Path) -> None:
    found = errors(skill_dir(tmp_path, GOOD, refs={"bad.md": b"caf\xe9", "empty.md": b"  \n",
                                                   "open.md": b"---\nsummary: x\n# never closed\n"}))
    root = tmp_path / "backend-testing"
    assert sorted(found) == sorted([
        f"{root / 'references' / 'bad.md'}:1: error: not UTF-8 (unexpected end of data at byte 3)",
        f"{root / 'references' / 'empty.md'}:1: error: the reference is empty",
        f"{root / 'references' / 'open.md'}:1: error: malformed frontmatter",
        f"{root / 'SKILL.md'}:7: error: references/r.md is mentioned but missing",
    ])


def test_reference_summaries_come_from_frontmatter_or_the_first_line(tmp_path: Path) -> None:
    refs = {"a.md": b"---\nsummary: >-\n  Two\n  lines.\n---\n# Heading A\n", "b.md": b"\n\n## Heading B\ntext\n",
            "r.md": b"# R\n"}
    skill = load_skill(skill_dir(tmp_path, GOOD, refs=refs))
    assert {n: r.summary for n, r in skill.references.items()} == {"a": "Two lines.", "b": "Heading B", "r": "R"}


def test_unknown_reference_names_the_known_ones(tmp_path: Path) -> None:
    skill = load_skill(skill_dir(tmp_path, GOOD, refs={"r.md": b"# R\n", "s.md": b"# S\n"}))
    with pytest.raises(ToolError, match=r"unknown reference 'nope'; known references: r, s$"):
        skill.read_reference("nope")
    with pytest.raises(ToolError, match="unknown reference"):
        skill.read_reference("../SKILL.md")


def test_a_reference_broken_after_loading_is_a_tool_error(tmp_path: Path) -> None:
    skill = load_skill(skill_dir(tmp_path, GOOD))
    (skill.root / "references" / "r.md").write_bytes(b"\xff")
    with pytest.raises(ToolError, match="reference 'r' cannot be read"):
        skill.read_reference("r")


def test_content_hash_is_stable_and_follows_every_file(tmp_path: Path) -> None:
    root = skill_dir(tmp_path, GOOD)
    before = load_skill(root).content_hash()
    assert load_skill(root).content_hash() == before and len(before) == 64
    (root / "references" / "r.md").write_text("# R\n\nchanged\n")
    after_reference = load_skill(root).content_hash()
    assert after_reference != before
    (root / "SKILL.md").write_text(GOOD + "\nmore\n")
    assert load_skill(root).content_hash() not in (before, after_reference)


def test_skill_dir_override_by_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ASSAY_SKILL_DIR", str(tmp_path))
    assert default_skill_dir() == tmp_path


def test_the_checkout_skill_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ASSAY_SKILL_DIR", raising=False)
    assert default_skill_dir() == Path(__file__).resolve().parents[1] / "skill"


def test_an_installed_package_falls_back_to_its_bundled_copy(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(Path(__file__).resolve().parents[1] / "src" / "agent", site / "agent",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(default_skill_dir(), site / "agent" / "_bundled" / "skill")
    env = {k: v for k, v in os.environ.items() if k != "ASSAY_SKILL_DIR"}
    # -I drops PYTHONPATH and the current folder; the copy goes first so it wins over the editable install.
    code = (f"import sys; sys.path.insert(0, {str(site)!r}); from agent.skill import default_skill_dir, load_skill; "
            "d = default_skill_dir(); print(d, load_skill(d).name)")
    out = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True, env=env, check=True,
                         timeout=60).stdout
    assert out.split() == [str(site / "agent" / "_bundled" / "skill"), "backend-testing"]
