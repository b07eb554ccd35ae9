"""The skill package: load `SKILL.md`, validate it by the Agent Skills specification, index its references.

The body goes into the system prompt; references stay on disk until the model asks for one
by name through `load_reference` (progressive disclosure).
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from agent.errors import ToolError, UsageError

KNOWN_FIELDS = ("name", "description", "license", "compatibility", "metadata", "allowed-tools")
RESERVED_WORDS = ("claude", "anthropic")
MAX_BODY_LINES = 500
MAX_BODY_TOKENS = 5000
_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_XML_TAG = re.compile(r"</?[A-Za-z][\w:-]*(\s[^<>]*)?/?>")
_REFERENCE_LINK = re.compile(r"references/([\w.-]+\.md)")
_TOP_LEVEL_KEY = re.compile(r"^([^\s:#'\"-][^:]*|'[^']*'|\"[^\"]*\")\s*:(\s|$)")


@dataclass(frozen=True)
class Reference:
    """A reference document, loaded only on request."""

    name: str
    summary: str
    path: Path


@dataclass(frozen=True)
class Problem:
    """One finding of `check_skill`, printed as `path:line: level: message`."""

    path: str
    line: int
    level: Literal["error", "warning"]
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.level}: {self.message}"


@dataclass(frozen=True)
class Skill:
    """A loaded, validated skill."""

    root: Path
    name: str
    description: str
    body: str
    frontmatter: dict[str, Any]
    references: dict[str, Reference]

    def read_reference(self, name: str) -> str:
        """The text of reference `name` (its file stem or file name); a `ToolError` names the known ones."""
        key = Path(name.strip()).name.removesuffix(".md")
        ref = self.references.get(key)
        if ref is None:
            known = ", ".join(sorted(self.references)) or "none"
            raise ToolError(f"unknown reference {name!r}; known references: {known}")
        try:
            return ref.path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:  # changed on disk since the skill was loaded
            raise ToolError(f"reference {key!r} cannot be read: {exc}") from exc

    def content_hash(self) -> str:
        """sha256 over SKILL.md and every reference, stable across machines."""
        digest = hashlib.sha256((self.root / "SKILL.md").read_bytes())
        for ref in sorted(self.references.values(), key=lambda r: r.name):
            digest.update(b"\0" + ref.name.encode() + b"\0" + ref.path.read_bytes())
        return digest.hexdigest()


def default_skill_dir() -> Path:
    """`$ASSAY_SKILL_DIR`, else `skill/` of a source checkout, else the copy bundled in the package."""
    if env := os.environ.get("ASSAY_SKILL_DIR"):
        return Path(env)
    here = Path(__file__).resolve()
    checkout = here.parents[2] / "skill"
    if (checkout / "SKILL.md").is_file():
        return checkout
    return here.parent / "_bundled" / "skill"


@dataclass
class _Parsed:
    frontmatter: dict[str, Any]
    key_lines: dict[str, int]
    body: str
    body_line: int


def _split(path: Path, text: str, problems: list[Problem]) -> _Parsed | None:
    shown = str(path)
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        problems.append(Problem(shown, 1, "error", "no YAML frontmatter: the file must start with a '---' line"))
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        problems.append(Problem(shown, 1, "error", "frontmatter is not closed: no second '---' line"))
        return None
    try:
        data = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(Problem(shown, line, "error", f"invalid YAML in frontmatter: {reason}"))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(shown, 2, "error", "frontmatter must be a mapping of fields"))
        return None
    key_lines: dict[str, int] = {}
    for number, line in enumerate(lines[1:end], start=2):
        match = _TOP_LEVEL_KEY.match(line)
        if not match:
            continue
        key = match.group(1).strip().strip("'\"")
        if key in key_lines:
            # PyYAML keeps the last value silently; the spec's YAML does not allow a key twice.
            problems.append(Problem(shown, number, "error", f"field {key!r} appears twice (first on line "
                                    f"{key_lines[key]})"))
        else:
            key_lines[key] = number
    return _Parsed(data, key_lines, "\n".join(lines[end + 1:]).strip("\n"), end + 2)


def _check_name(shown: str, root: Path, name: Any, line: int, problems: list[Problem]) -> None:
    if name is None or name == "":
        problems.append(Problem(shown, line, "error", "field 'name' is required (a non-empty string)"))
        return
    if not isinstance(name, str):
        problems.append(Problem(shown, line, "error", f"name must be a string, not {type(name).__name__}"))
        return
    if len(name) > 64:
        problems.append(Problem(shown, line, "error", f"name is {len(name)} characters; at most 64"))
    if not _NAME.match(name):
        problems.append(Problem(shown, line, "error", f"name {name!r} must be lowercase letters, digits and single "
                                "hyphens, not starting or ending with a hyphen"))
    problems.extend(Problem(shown, line, "error", f"name must not contain the reserved word {word!r}")
                    for word in RESERVED_WORDS if word in name)
    if name != root.resolve().name:
        problems.append(Problem(shown, line, "warning", f"name {name!r} differs from its folder "
                                f"{root.resolve().name!r} (the spec asks them to match; assay keeps its skill in "
                                "skill/)"))


def _check_fields(path: Path, root: Path, parsed: _Parsed, problems: list[Problem]) -> None:
    shown, meta = str(path), parsed.frontmatter

    def at(key: str) -> int:
        return parsed.key_lines.get(key, 1)

    for key in meta:
        if key not in KNOWN_FIELDS:
            problems.append(Problem(shown, at(str(key)), "error", f"unknown field {key!r}; allowed: "
                                    + ", ".join(KNOWN_FIELDS)))
    _check_name(shown, root, meta.get("name"), at("name"), problems)
    description = meta.get("description")
    if not isinstance(description, str) or not description.strip():
        problems.append(Problem(shown, at("description"), "error", "field 'description' is required "
                                "(a non-empty string)"))
    else:
        if len(description) > 1024:
            problems.append(Problem(shown, at("description"), "error",
                                    f"description is {len(description)} characters; at most 1024"))
        if _XML_TAG.search(description):
            problems.append(Problem(shown, at("description"), "error", "description must not contain XML tags"))
    license_ = meta.get("license")
    if "license" in meta and (not isinstance(license_, str) or not license_.strip()):
        problems.append(Problem(shown, at("license"), "error", "license must be a non-empty string"))
    compatibility = meta.get("compatibility")
    if "compatibility" in meta and (not isinstance(compatibility, str) or not 1 <= len(compatibility) <= 500):
        problems.append(Problem(shown, at("compatibility"), "error", "compatibility must be a string of 1-500 "
                                "characters"))
    metadata = meta.get("metadata")
    if "metadata" in meta and not (isinstance(metadata, dict)
                                   and all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items())):
        problems.append(Problem(shown, at("metadata"), "error", "metadata must map string keys to string values "
                                "(quote numbers: version: \"1.0\")"))
    tools = meta.get("allowed-tools")
    if tools is not None and not isinstance(tools, str | list):
        problems.append(Problem(shown, at("allowed-tools"), "error", "allowed-tools must be a string or a list"))


def _check_body(path: Path, parsed: _Parsed, problems: list[Problem]) -> None:
    lines = parsed.body.splitlines()
    if not parsed.body.strip():
        problems.append(Problem(str(path), parsed.body_line, "warning", "the body is empty"))
    if len(lines) > MAX_BODY_LINES:
        problems.append(Problem(str(path), parsed.body_line + MAX_BODY_LINES, "warning",
                                f"body is {len(lines)} lines; keep it under {MAX_BODY_LINES} and move detail to "
                                "references/"))
    tokens = len(parsed.body) // 4
    if tokens > MAX_BODY_TOKENS:
        problems.append(Problem(str(path), parsed.body_line, "warning", f"body is about {tokens} tokens; keep it "
                                f"under about {MAX_BODY_TOKENS}"))


def _reference(path: Path, problems: list[Problem]) -> Reference | None:
    try:
        text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        problems.append(Problem(str(path), 1, "error", f"not UTF-8 ({exc.reason} at byte {exc.start})"))
        return None
    except OSError as exc:
        problems.append(Problem(str(path), 1, "error", f"cannot read: {exc.strerror}"))
        return None
    if not text.strip():
        problems.append(Problem(str(path), 1, "error", "the reference is empty"))
        return None
    summary = ""
    lines = text.splitlines()
    if lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        try:
            meta = yaml.safe_load("\n".join(lines[1:end])) if end else None
        except yaml.YAMLError:
            meta = None
        if not isinstance(meta, dict):
            problems.append(Problem(str(path), 1, "error", "malformed frontmatter"))
            return None
        summary = str(meta.get("summary", ""))
        lines = lines[(end or 0) + 1:]
    if not summary.strip():
        summary = next((ln.lstrip("# ").strip() for ln in lines if ln.strip()), path.stem)
    return Reference(path.stem, " ".join(summary.split()), path)


def _inspect(root: Path) -> tuple[list[Problem], Skill | None]:
    path = root / "SKILL.md"
    problems: list[Problem] = []
    if not root.is_dir():
        return [Problem(str(root), 1, "error", "skill folder not found")], None
    if not path.is_file():
        return [Problem(str(path), 1, "error", "SKILL.md not found")], None
    try:
        text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        return [Problem(str(path), 1, "error", f"not UTF-8 ({exc.reason} at byte {exc.start})")], None
    parsed = _split(path, text, problems)
    if parsed is None:
        return problems, None
    _check_fields(path, root, parsed, problems)
    _check_body(path, parsed, problems)
    references: dict[str, Reference] = {}
    for ref_path in sorted((root / "references").glob("*.md")):
        ref = _reference(ref_path, problems)
        if ref is not None:
            references[ref.name] = ref
    for number, line in enumerate(parsed.body.splitlines(), start=parsed.body_line):
        for linked in _REFERENCE_LINK.findall(line):
            if not (root / "references" / linked).is_file():
                problems.append(Problem(str(path), number, "error", f"references/{linked} is mentioned but missing"))
    if any(p.level == "error" for p in problems):
        return problems, None
    meta = parsed.frontmatter
    return problems, Skill(root, meta["name"], meta["description"], parsed.body, meta, references)


def check_skill(root: Path) -> list[Problem]:
    """Every problem of the skill at `root`, errors and warnings, each with file and line."""
    return _inspect(root)[0]


def load_skill(root: Path) -> Skill:
    """Load a valid skill; the first error becomes a one-line `UsageError`."""
    problems, skill = _inspect(root)
    if skill is None:
        first = next(p for p in problems if p.level == "error")
        more = sum(p.level == "error" for p in problems) - 1
        raise UsageError(f"invalid skill: {first}" + (f" (+{more} more; run `assay skill check {root}`)"
                                                      if more else ""))
    return skill
