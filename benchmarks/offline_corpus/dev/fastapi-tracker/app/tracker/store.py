"""In-memory storage. One Store lives on app.state for the life of the process."""
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from itertools import count


class Role(str, Enum):
    owner = "owner"
    maintainer = "maintainer"
    reporter = "reporter"


MANAGERS = {Role.owner, Role.maintainer}


@dataclass
class User:
    username: str
    password_hash: str
    scopes: list[str]


@dataclass
class Issue:
    number: int
    title: str
    description: str | None
    labels: list[str]
    author: str
    assignee: str | None = None
    state: str = "open"
    closed_at: datetime | None = None
    closed_by: str | None = None


@dataclass
class Project:
    key: str
    name: str
    members: dict[str, Role] = field(default_factory=dict)
    issues: dict[int, Issue] = field(default_factory=dict)
    _numbers: count = field(default_factory=lambda: count(1), repr=False)

    def next_number(self) -> int:
        return next(self._numbers)


class Store:
    def __init__(self) -> None:
        self.users: dict[str, User] = {}
        self.projects: dict[str, Project] = {}

    def add_user(self, user: User) -> None:
        self.users[user.username] = user

    def projects_of(self, username: str) -> list[Project]:
        return sorted((p for p in self.projects.values() if username in p.members), key=lambda p: p.key)

    def add_issue(self, project: Project, **fields) -> Issue:
        issue = Issue(number=project.next_number(), **fields)
        project.issues[issue.number] = issue
        return issue

    def find_issues(self, project: Project, *, labels: list[str], state: str | None) -> list[Issue]:
        issues = sorted(project.issues.values(), key=lambda i: i.number)
        if state is not None:
            issues = [i for i in issues if i.state == state]
        if labels:
            wanted = set(labels)
            issues = [i for i in issues if wanted.issubset(i.labels)]
        return issues
