from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import count

ENVIRONMENTS = ("dev", "staging", "prod")


@dataclass
class EnvConfig:
    enabled: bool = False
    percentage: int = 0
    allow: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"enabled": self.enabled, "percentage": self.percentage, "allow": list(self.allow)}


@dataclass
class Flag:
    name: str
    description: str
    environments: dict[str, EnvConfig] = field(default_factory=lambda: {env: EnvConfig() for env in ENVIRONMENTS})

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "description": self.description,
            "environments": {env: cfg.to_dict() for env, cfg in self.environments.items()},
        }


@dataclass
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    flag: str
    env: str | None = None
    details: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "action": self.action,
            "flag": self.flag,
            "env": self.env,
            "details": self.details,
        }


def utc_now() -> datetime:
    return datetime.now(UTC)


class FlagStore:
    def __init__(self, clock=utc_now) -> None:
        self.clock = clock
        self.flags: dict[str, Flag] = {}
        self.audit: list[AuditEntry] = []
        self._audit_ids = count(1)

    def record(self, actor: str, action: str, flag: str, env: str | None = None, **details) -> None:
        self.audit.append(AuditEntry(next(self._audit_ids), self.clock(), actor, action, flag, env, details))

    def recent_audit(self, limit: int) -> list[AuditEntry]:
        return list(reversed(self.audit))[:limit]

    def evaluate(self, flag: Flag, env: str, user_id: str) -> tuple[bool, str]:
        """(on?, why) for one user in one environment."""
        from .rollout import in_rollout

        cfg = flag.environments[env]
        if not cfg.enabled:
            return False, "disabled"
        if user_id in cfg.allow:
            return True, "allow-list"
        if in_rollout(flag.name, user_id, cfg.percentage):
            return True, "rollout"
        return False, "rollout"
