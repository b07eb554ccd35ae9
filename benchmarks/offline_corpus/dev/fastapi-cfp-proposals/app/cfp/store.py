"""In-memory storage for conferences and proposals.

The service is small enough that a dict per collection is all it needs; the store lives on
``app.state.store`` so each app (and each test) gets its own.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Conference:
    id: int
    name: str
    organiser: str
    cfp_closes_at: datetime
    max_proposals_per_speaker: int


@dataclass
class Proposal:
    id: int
    conference_id: int
    speaker: str
    title: str
    abstract: str
    duration_minutes: int
    status: str = "draft"
    submitted_at: datetime | None = None
    history: list[tuple[str, str]] = field(default_factory=list)


class Store:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self.conferences: dict[int, Conference] = {}
        self.proposals: dict[int, Proposal] = {}

    def next_id(self) -> int:
        with self._lock:
            return next(self._ids)

    def add_conference(self, **fields) -> Conference:
        conference = Conference(id=self.next_id(), **fields)
        self.conferences[conference.id] = conference
        return conference

    def add_proposal(self, **fields) -> Proposal:
        proposal = Proposal(id=self.next_id(), **fields)
        self.proposals[proposal.id] = proposal
        return proposal

    def proposals_of(self, conference_id: int) -> list[Proposal]:
        return sorted(
            (p for p in self.proposals.values() if p.conference_id == conference_id),
            key=lambda p: p.id,
        )

    def delete_proposal(self, proposal_id: int) -> None:
        del self.proposals[proposal_id]
