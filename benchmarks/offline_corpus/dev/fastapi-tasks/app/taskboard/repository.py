"""In-memory storage. The API reaches it only through the dependencies in `taskboard.dependencies`, so a
deployment (or a test) can swap in other instances."""

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from itertools import count


@dataclass(frozen=True)
class User:
    username: str
    hashed_password: str
    full_name: str | None = None
    disabled: bool = False


@dataclass(frozen=True)
class Task:
    id: int
    owner: str
    title: str
    description: str | None = None
    priority: int = 3
    done: bool = False
    created_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    completed_at: datetime | None = None


class UserRepository:
    def __init__(self) -> None:
        self._users: dict[str, User] = {}
        self._lock = threading.Lock()

    def get(self, username: str) -> User | None:
        return self._users.get(username)

    def add(self, user: User) -> bool:
        """Store a new user; False when the username is taken."""
        with self._lock:
            if user.username in self._users:
                return False
            self._users[user.username] = user
            return True

    def deactivate(self, username: str) -> None:
        with self._lock:
            self._users[username] = replace(self._users[username], disabled=True)


class TokenRepository:
    """Opaque bearer tokens, each valid for `ttl_seconds` after it was issued."""

    def __init__(self, ttl_seconds: float = 3600, clock: Callable[[], float] = time.time) -> None:
        self.ttl_seconds = ttl_seconds
        self._clock = clock
        self._tokens: dict[str, tuple[str, float]] = {}

    def issue(self, username: str) -> str:
        token = secrets.token_urlsafe(32)
        self._tokens[token] = (username, self._clock() + self.ttl_seconds)
        return token

    def resolve(self, token: str) -> str | None:
        """The username a live token belongs to, or None."""
        entry = self._tokens.get(token)
        if entry is None:
            return None
        username, expires_at = entry
        if self._clock() >= expires_at:
            del self._tokens[token]
            return None
        return username

    def revoke_all(self, username: str) -> None:
        for token in [t for t, (owner, _) in self._tokens.items() if owner == username]:
            del self._tokens[token]


class TaskRepository:
    def __init__(self) -> None:
        self._tasks: dict[int, Task] = {}
        self._ids = count(1)
        self._lock = threading.Lock()

    def add(self, owner: str, **fields: object) -> Task:
        with self._lock:
            task = Task(id=next(self._ids), owner=owner, **fields)  # type: ignore[arg-type]
            self._tasks[task.id] = task
            return task

    def get(self, task_id: int) -> Task | None:
        return self._tasks.get(task_id)

    def list(self, owner: str, *, done: bool | None = None, min_priority: int | None = None) -> list[Task]:
        tasks = [task for task in self._tasks.values() if task.owner == owner]
        if done is not None:
            tasks = [task for task in tasks if task.done == done]
        if min_priority is not None:
            tasks = [task for task in tasks if task.priority >= min_priority]
        return sorted(tasks, key=lambda task: task.id)

    def update(self, task_id: int, **changes: object) -> Task:
        with self._lock:
            task = replace(self._tasks[task_id], **changes)  # type: ignore[arg-type]
            self._tasks[task_id] = task
            return task

    def delete(self, task_id: int) -> None:
        with self._lock:
            del self._tasks[task_id]
