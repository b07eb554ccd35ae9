"""Placeholder loader (replaced by the skill branch): SKILL.md frontmatter, body and references."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from agent.errors import ToolError, UsageError


@dataclass(frozen=True)
class Reference:
    name: str
    summary: str
    path: Path


@dataclass(frozen=True)
class Skill:
    root: Path
    name: str
    description: str
    body: str
    frontmatter: dict[str, Any]
    references: dict[str, Reference]

    def read_reference(self, name: str) -> str:
        ref = self.references.get(name.removesuffix(".md"))
        if ref is None:
            raise ToolError(f"unknown reference {name!r}; known: {', '.join(sorted(self.references))}")
        return ref.path.read_text(encoding="utf-8")

    def content_hash(self) -> str:
        digest = hashlib.sha256((self.root / "SKILL.md").read_bytes())
        for ref in sorted(self.references.values(), key=lambda r: r.name):
            digest.update(ref.path.read_bytes())
        return digest.hexdigest()


def default_skill_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "skill"


def load_skill(root: Path) -> Skill:
    path = root / "SKILL.md"
    if not path.is_file():
        raise UsageError(f"{path}: no SKILL.md")
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---", 2)
    meta = yaml.safe_load(front)
    refs = {
        p.stem: Reference(p.stem, p.read_text(encoding="utf-8").splitlines()[0].lstrip("# "), p)
        for p in sorted((root / "references").glob("*.md"))
    }
    return Skill(root, meta["name"], meta["description"], body.strip(), meta, refs)


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    level: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.level}: {self.message}"


def check_skill(root: Path) -> list[Problem]:
    try:
        load_skill(root)
    except Exception as exc:
        return [Problem(str(root / "SKILL.md"), 1, "error", str(exc))]
    return []
