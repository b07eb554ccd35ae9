"""A skill folder as GEPA components: each `## ` section of SKILL.md's body (and the text before the first one) and
each reference file is one named piece of text; the frontmatter is never edited."""

from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path

from agent.evals.cases import tree_digest

INTRO = "SKILL.md#intro"
_SECTION = re.compile(r"^## (.+?)\s*$")


def _frontmatter_and_body(text: str) -> tuple[str, str]:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return "", text
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        return "", text
    return "".join(lines[:end + 1]), "".join(lines[end + 1:])


def split_skill(root: Path) -> dict[str, str]:
    """Components of the skill at `root`, in document order: `SKILL.md#intro`, `SKILL.md#<section title>` for each
    `## ` section, then `references/<file>.md`. Joining them back (`write_candidate`) gives the same bytes."""
    _, body = _frontmatter_and_body((root / "SKILL.md").read_text(encoding="utf-8"))
    parts: dict[str, str] = {}
    name, chunk = INTRO, list[str]()
    for line in body.splitlines(keepends=True):
        match = _SECTION.match(line)
        if match:
            parts[name] = "".join(chunk)
            name, chunk = f"SKILL.md#{match.group(1)}", []
            while name in parts:  # two sections with one title stay two components
                name += "'"
        chunk.append(line)
    parts[name] = "".join(chunk)
    for ref in sorted((root / "references").glob("*.md")):
        parts[f"references/{ref.name}"] = ref.read_text(encoding="utf-8")
    return parts


def write_candidate(seed: Path, candidate: dict[str, str], dest: Path) -> Path:
    """The skill folder for `candidate` at `dest/<seed folder name>` (so the skill's name still matches its folder):
    the seed's files, SKILL.md rebuilt from its frontmatter and the candidate's sections, references replaced."""
    folder = dest / seed.resolve().name
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(seed, folder, ignore=shutil.ignore_patterns("__pycache__"))
    front, _ = _frontmatter_and_body((seed / "SKILL.md").read_text(encoding="utf-8"))
    body = "".join(text for name, text in candidate.items() if name.startswith("SKILL.md#"))
    (folder / "SKILL.md").write_text(front + body, encoding="utf-8")
    for name, text in candidate.items():
        if name.startswith("references/"):
            (folder / name).write_text(text, encoding="utf-8")
    return folder


def skill_hash(folder: Path) -> str:
    """The content hash the eval harness records for a skill folder."""
    return tree_digest(folder)


def describe_change(parent: dict[str, str], child: dict[str, str]) -> str:
    """One line: which components changed, how many lines, and the first line added."""
    changed = [name for name in child if child[name] != parent.get(name)]
    if not changed:
        return "no change"
    added = removed = 0
    first = ""
    for name in changed:
        for line in difflib.unified_diff(parent.get(name, "").splitlines(), child[name].splitlines(), lineterm="",
                                         n=0):
            if line.startswith("+") and not line.startswith("+++"):
                added += 1
                first = first or line[1:].strip()
            elif line.startswith("-") and not line.startswith("---"):
                removed += 1
    where = ", ".join(changed)
    return " ".join((f"{where}: +{added}/-{removed} lines" + (f": {first[:100]}" if first else "")).split())


def skill_diff(before: Path, after: Path) -> str:
    """A unified diff of every text file of two skill folders, paths relative to the folders (`git apply -p1`)."""
    names = sorted({p.relative_to(before).as_posix() for p in before.rglob("*") if p.is_file()}
                   | {p.relative_to(after).as_posix() for p in after.rglob("*") if p.is_file()})
    out: list[str] = []
    for rel in names:
        if "__pycache__" in rel:
            continue
        old = (before / rel).read_text(encoding="utf-8").splitlines(keepends=True) if (before / rel).is_file() else []
        new = (after / rel).read_text(encoding="utf-8").splitlines(keepends=True) if (after / rel).is_file() else []
        out += difflib.unified_diff(old, new, f"a/{rel}", f"b/{rel}")
    return "".join(out)
