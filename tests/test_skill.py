"""The skill loader and validator, by the Agent Skills specification."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.errors import ToolError, UsageError
from agent.skill import check_skill, default_skill_dir, load_skill

GOOD = ("---\nname: backend-testing\ndescription: Writes backend tests. Not for UI.\n---\n"
        "# Body\n\nSee references/r.md\n")


def skill_dir(tmp_path: Path, text: str, refs: dict[str, bytes] | None = None, folder: str = "backend-testing") -> Path:
    root = tmp_path / folder
    (root / "references").mkdir(parents=True)
    (root / "SKILL.md").write_text(text)
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
    assert len(skill.body.splitlines()) < 500


def test_a_good_skill_loads_with_references_indexed(tmp_path: Path) -> None:
    skill = load_skill(skill_dir(tmp_path, GOOD))
    assert skill.references["r"].summary == "R"
    assert skill.read_reference("r") == "# R\n\nbody\n" == skill.read_reference("r.md")
    assert check_skill(skill.root) == []


@pytest.mark.parametrize(("frontmatter", "line", "needle"), [
    ("name: Backend_Testing\ndescription: d", 2, "lowercase letters, digits and single hyphens"),
    ("name: -lead\ndescription: d", 2, "not starting or ending with a hyphen"),
    ("name: a--b\ndescription: d", 2, "single hyphens"),
    ("name: " + "a" * 65 + "\ndescription: d", 2, "at most 64"),
    ("name: claude-tests\ndescription: d", 2, "reserved word 'claude'"),
    ("name: my-anthropic\ndescription: d", 2, "reserved word 'anthropic'"),
    ("description: d", 1, "field 'name' is required"),
    ("name: ok\ndescription: ''", 3, "field 'description' is required"),
    ("name: ok\ndescription: " + "x" * 1025, 3, "at most 1024"),
    ("name: ok\ndescription: use <b>this</b>", 3, "XML tags"),
    ("name: ok\ndescription: d\nversion: 2", 4, "unknown field 'version'"),
    ("name: ok\ndescription: d\nmetadata: [1, 2]", 4, "metadata must be a mapping"),
])
def test_each_frontmatter_rule_is_enforced_with_its_line(tmp_path: Path, frontmatter: str, line: int,
                                                          needle: str) -> None:
    root = skill_dir(tmp_path, f"---\n{frontmatter}\n---\nbody\n")
    found = errors(root)
    assert any(f"SKILL.md:{line}: error:" in e and needle in e for e in found), found
    with pytest.raises(UsageError, match="invalid skill"):
        load_skill(root)


def test_frontmatter_that_never_closes(tmp_path: Path) -> None:
    found = errors(skill_dir(tmp_path, "---\nname: ok\ndescription: d\nbody\n"))
    assert found == [f"{tmp_path / 'backend-testing' / 'SKILL.md'}:1: error: frontmatter is not closed: no second "
                     "'---' line"]


def test_invalid_yaml_reports_the_line(tmp_path: Path) -> None:
    found = errors(skill_dir(tmp_path, "---\nname: ok\ndescription: [unclosed\n---\nbody\n"))
    assert len(found) == 1 and "invalid YAML" in found[0]
    assert ":4: error:" in found[0] or ":3: error:" in found[0]


def test_missing_frontmatter(tmp_path: Path) -> None:
    assert "no YAML frontmatter" in errors(skill_dir(tmp_path, "# just a body\n"))[0]


def test_name_differing_from_the_folder_is_only_a_warning(tmp_path: Path) -> None:
    problems = check_skill(skill_dir(tmp_path, GOOD, folder="skill"))
    assert [(p.level, p.line) for p in problems] == [("warning", 2)]
    assert "differs from its folder 'skill'" in problems[0].message


def test_long_body_warns(tmp_path: Path) -> None:
    body = "\n".join(f"line {i} " + "word " * 12 for i in range(520))
    problems = check_skill(skill_dir(tmp_path, GOOD.replace("# Body", body)))
    messages = [p.message for p in problems if p.level == "warning"]
    assert any("keep it under 500" in m for m in messages)
    assert any("tokens" in m for m in messages)


def test_broken_references_are_errors(tmp_path: Path) -> None:
    found = errors(skill_dir(tmp_path, GOOD, refs={"bad.md": b"caf\xe9", "empty.md": b"  \n"}))
    assert any("bad.md:1: error: not UTF-8" in e for e in found)
    assert any("empty.md:1: error: the reference is empty" in e for e in found)
    assert any("SKILL.md:7: error: references/r.md is mentioned but missing" in e for e in found)


def test_unknown_reference_names_the_known_ones(tmp_path: Path) -> None:
    skill = load_skill(skill_dir(tmp_path, GOOD))
    with pytest.raises(ToolError, match="known references: r"):
        skill.read_reference("nope")


def test_content_hash_follows_the_references(tmp_path: Path) -> None:
    root = skill_dir(tmp_path, GOOD)
    before = load_skill(root).content_hash()
    assert load_skill(root).content_hash() == before
    (root / "references" / "r.md").write_text("# R\n\nchanged\n")
    assert load_skill(root).content_hash() != before


def test_skill_dir_override_by_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ASSAY_SKILL_DIR", str(tmp_path))
    assert default_skill_dir() == tmp_path
