from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from typing import Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field

from cfp.auth import current_user, get_now
from cfp.store import Conference, Proposal, Store

Status = Literal["draft", "submitted", "accepted", "rejected", "withdrawn"]

# from -> the states a proposal may move to
TRANSITIONS: dict[str, set[str]] = {
    "draft": {"submitted", "withdrawn"},
    "submitted": {"accepted", "rejected", "withdrawn"},
    "accepted": {"withdrawn"},
    "rejected": set(),
    "withdrawn": set(),
}
SPEAKER_MOVES = {"submitted", "withdrawn"}
ORGANISER_MOVES = {"accepted", "rejected"}
# proposals that count against a speaker's limit at one conference
COUNTED = ("submitted", "accepted")


class ConferenceIn(BaseModel):
    name: str = Field(min_length=3, max_length=80)
    cfp_closes_at: datetime
    max_proposals_per_speaker: int = Field(default=2, ge=1, le=5)


class ProposalIn(BaseModel):
    title: str = Field(min_length=5, max_length=120)
    abstract: str = Field(default="", max_length=2000)
    duration_minutes: Literal[20, 30, 45] = 30


class ProposalPatch(BaseModel):
    title: str | None = Field(default=None, min_length=5, max_length=120)
    abstract: str | None = Field(default=None, max_length=2000)
    duration_minutes: Literal[20, 30, 45] | None = None


class TransitionIn(BaseModel):
    to: Status


def aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def conference_out(c: Conference) -> dict:
    return {
        "id": c.id,
        "name": c.name,
        "organiser": c.organiser,
        "cfp_closes_at": c.cfp_closes_at.isoformat(),
        "max_proposals_per_speaker": c.max_proposals_per_speaker,
    }


def proposal_out(p: Proposal) -> dict:
    return {
        "id": p.id,
        "conference_id": p.conference_id,
        "speaker": p.speaker,
        "title": p.title,
        "abstract": p.abstract,
        "duration_minutes": p.duration_minutes,
        "status": p.status,
        "submitted_at": p.submitted_at.isoformat() if p.submitted_at else None,
    }


def get_store(request: Request) -> Store:
    return request.app.state.store


def load_conference(conference_id: int, store: Store = Depends(get_store)) -> Conference:
    conference = store.conferences.get(conference_id)
    if conference is None:
        raise HTTPException(404, "conference not found")
    return conference


def can_see(proposal: Proposal, conference: Conference, user: str) -> bool:
    if proposal.speaker == user:
        return True
    # organisers only see what has been submitted to them
    return conference.organiser == user and proposal.status != "draft"


def load_proposal(
    proposal_id: int,
    conference: Conference = Depends(load_conference),
    user: str = Depends(current_user),
    store: Store = Depends(get_store),
) -> Proposal:
    proposal = store.proposals.get(proposal_id)
    if (
        proposal is None
        or proposal.conference_id != conference.id
        or not can_see(proposal, conference, user)
    ):
        raise HTTPException(404, "proposal not found")
    return proposal


def create_app(
    api_keys: Mapping[str, str],
    clock: Callable[[], datetime] | None = None,
    title: str = "CFP",
) -> FastAPI:
    """Build the app. `api_keys` maps bearer keys to user names; `clock` returns the current time."""
    app = FastAPI(title=title)
    app.state.api_keys = dict(api_keys)
    app.state.clock = clock or (lambda: datetime.now(timezone.utc))
    app.state.store = Store()

    @app.post("/conferences", status_code=201)
    def create_conference(
        body: ConferenceIn,
        user: str = Depends(current_user),
        now: datetime = Depends(get_now),
        store: Store = Depends(get_store),
    ):
        closes = aware(body.cfp_closes_at)
        if closes <= now:
            raise HTTPException(422, "the call for papers must close in the future")
        conference = store.add_conference(
            name=body.name,
            organiser=user,
            cfp_closes_at=closes,
            max_proposals_per_speaker=body.max_proposals_per_speaker,
        )
        return conference_out(conference)

    @app.get("/conferences/{conference_id}")
    def get_conference(
        conference: Conference = Depends(load_conference), user: str = Depends(current_user)
    ):
        return conference_out(conference)

    @app.post("/conferences/{conference_id}/proposals", status_code=201)
    def create_proposal(
        body: ProposalIn,
        conference: Conference = Depends(load_conference),
        user: str = Depends(current_user),
        store: Store = Depends(get_store),
    ):
        if conference.organiser == user:
            raise HTTPException(403, "organisers cannot propose talks at their own conference")
        proposal = store.add_proposal(
            conference_id=conference.id,
            speaker=user,
            title=body.title,
            abstract=body.abstract,
            duration_minutes=body.duration_minutes,
        )
        return proposal_out(proposal)

    @app.get("/conferences/{conference_id}/proposals")
    def list_proposals(
        response: Response,
        status: Status | None = None,
        limit: int = Query(20, ge=1, le=100),
        offset: int = Query(0, ge=0),
        conference: Conference = Depends(load_conference),
        user: str = Depends(current_user),
        store: Store = Depends(get_store),
    ):
        visible = [p for p in store.proposals_of(conference.id) if can_see(p, conference, user)]
        if status is not None:
            visible = [p for p in visible if p.status == status]
        response.headers["X-Total-Count"] = str(len(visible))
        return [proposal_out(p) for p in visible[offset : offset + limit]]

    @app.get("/conferences/{conference_id}/proposals/{proposal_id}")
    def get_proposal(proposal: Proposal = Depends(load_proposal)):
        return proposal_out(proposal)

    @app.patch("/conferences/{conference_id}/proposals/{proposal_id}")
    def update_proposal(
        body: ProposalPatch,
        proposal: Proposal = Depends(load_proposal),
        user: str = Depends(current_user),
    ):
        if proposal.speaker != user:
            raise HTTPException(403, "only the speaker can edit a proposal")
        if proposal.status != "draft":
            raise HTTPException(409, "only drafts can be edited")
        for name, value in body.model_dump(exclude_unset=True).items():
            if value is not None:
                setattr(proposal, name, value)
        return proposal_out(proposal)

    @app.delete("/conferences/{conference_id}/proposals/{proposal_id}", status_code=204)
    def delete_proposal(
        proposal: Proposal = Depends(load_proposal),
        user: str = Depends(current_user),
        store: Store = Depends(get_store),
    ):
        if proposal.speaker != user:
            raise HTTPException(403, "only the speaker can delete a proposal")
        if proposal.status != "draft":
            raise HTTPException(409, "only drafts can be deleted; withdraw it instead")
        store.delete_proposal(proposal.id)
        return Response(status_code=204)

    @app.post("/conferences/{conference_id}/proposals/{proposal_id}/transitions")
    def transition(
        body: TransitionIn,
        proposal: Proposal = Depends(load_proposal),
        conference: Conference = Depends(load_conference),
        user: str = Depends(current_user),
        now: datetime = Depends(get_now),
        store: Store = Depends(get_store),
    ):
        target = body.to
        if target in SPEAKER_MOVES and proposal.speaker != user:
            raise HTTPException(403, f"only the speaker can move a proposal to {target}")
        if target in ORGANISER_MOVES and conference.organiser != user:
            raise HTTPException(403, f"only the organiser can move a proposal to {target}")
        if target not in TRANSITIONS[proposal.status]:
            raise HTTPException(409, f"cannot go from {proposal.status} to {target}")

        if target == "submitted":
            if now >= conference.cfp_closes_at:
                raise HTTPException(409, "the call for papers has closed")
            counted = [
                p
                for p in store.proposals_of(conference.id)
                if p.speaker == user and p.status in COUNTED
            ]
            if len(counted) >= conference.max_proposals_per_speaker:
                raise HTTPException(
                    409,
                    f"at most {conference.max_proposals_per_speaker} proposals per speaker",
                )
            proposal.submitted_at = now
        elif target in ORGANISER_MOVES and now < conference.cfp_closes_at:
            raise HTTPException(409, "decisions are made after the call for papers closes")

        proposal.history.append((proposal.status, target))
        proposal.status = target
        return proposal_out(proposal)

    return app
