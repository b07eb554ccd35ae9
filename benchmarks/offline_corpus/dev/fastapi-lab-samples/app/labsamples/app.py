import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Annotated, Callable, Mapping

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request, Response, status
from fastapi.security import APIKeyHeader

from .models import NotesIn, SampleIn, SampleOut, Status, Transition

ROLES = {"viewer", "technician", "supervisor"}
TRANSITIONS = {
    Status.received: {Status.testing, Status.discarded},
    Status.testing: {Status.reported, Status.discarded},
    Status.reported: set(),
    Status.discarded: set(),
}


@dataclass(frozen=True)
class Caller:
    user: str
    lab: str
    role: str


@dataclass
class Store:
    samples: dict[int, SampleOut] = field(default_factory=dict)
    labs: dict[int, str] = field(default_factory=dict)
    idempotency: dict[tuple[str, str], int] = field(default_factory=dict)
    next_id: int = 1
    lock: threading.Lock = field(default_factory=threading.Lock)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


api_key = APIKeyHeader(name="X-API-Key", auto_error=False)


def create_app(
    api_keys: Mapping[str, Caller],
    *,
    clock: Callable[[], datetime] = utcnow,
    max_age_hours: int = 48,
) -> FastAPI:
    """Build the API. `api_keys` maps each key to the caller it authenticates."""
    for caller in api_keys.values():
        if caller.role not in ROLES:
            raise ValueError(f"unknown role {caller.role!r}")
    keys = dict(api_keys)
    app = FastAPI(title="Lab samples")
    app.state.store = Store()

    def get_store(request: Request) -> Store:
        return request.app.state.store

    def get_caller(key: Annotated[str | None, Depends(api_key)]) -> Caller:
        caller = keys.get(key) if key else None
        if caller is None:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown API key")
        return caller

    def get_writer(caller: Annotated[Caller, Depends(get_caller)]) -> Caller:
        if caller.role not in {"technician", "supervisor"}:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "read-only key")
        return caller

    CallerDep = Annotated[Caller, Depends(get_caller)]
    WriterDep = Annotated[Caller, Depends(get_writer)]
    StoreDep = Annotated[Store, Depends(get_store)]

    def find(store: Store, sample_id: int, caller: Caller) -> SampleOut:
        sample = store.samples.get(sample_id)
        if sample is None or store.labs[sample_id] != caller.lab:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "sample not found")
        return sample

    def check_version(sample: SampleOut, version: int) -> None:
        if version != sample.version:
            raise HTTPException(
                status.HTTP_409_CONFLICT,
                {"message": "stale version", "current": sample.model_dump(mode="json")},
            )

    @app.post("/samples", response_model=SampleOut, status_code=status.HTTP_201_CREATED)
    def create_sample(
        body: SampleIn,
        caller: WriterDep,
        store: StoreDep,
        idempotency_key: Annotated[str | None, Header()] = None,
    ) -> SampleOut:
        with store.lock:
            if idempotency_key is not None:
                previous = store.idempotency.get((caller.user, idempotency_key))
                if previous is not None:
                    return store.samples[previous]
            code = body.code.upper()
            for sample_id, sample in store.samples.items():
                if store.labs[sample_id] == caller.lab and sample.code == code:
                    raise HTTPException(status.HTTP_409_CONFLICT, f"sample {code} already exists")
            sample = SampleOut(
                id=store.next_id,
                code=code,
                kind=body.kind,
                collected_at=body.collected_at.astimezone(timezone.utc),
                status=Status.received,
                version=1,
                notes="",
                created_by=caller.user,
            )
            store.samples[sample.id] = sample
            store.labs[sample.id] = caller.lab
            store.next_id += 1
            if idempotency_key is not None:
                store.idempotency[(caller.user, idempotency_key)] = sample.id
            return sample

    @app.get("/samples", response_model=list[SampleOut])
    def list_samples(
        caller: CallerDep,
        store: StoreDep,
        response: Response,
        status_: Annotated[Status | None, Query(alias="status")] = None,
        limit: Annotated[int, Query(ge=1, le=50)] = 20,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> list[SampleOut]:
        items = [
            sample
            for sample_id, sample in sorted(store.samples.items())
            if store.labs[sample_id] == caller.lab and (status_ is None or sample.status == status_)
        ]
        response.headers["X-Total-Count"] = str(len(items))
        return items[offset : offset + limit]

    @app.get("/samples/{sample_id}", response_model=SampleOut)
    def get_sample(sample_id: int, caller: CallerDep, store: StoreDep) -> SampleOut:
        return find(store, sample_id, caller)

    @app.post("/samples/{sample_id}/transition", response_model=SampleOut)
    def transition(sample_id: int, body: Transition, caller: WriterDep, store: StoreDep) -> SampleOut:
        with store.lock:
            sample = find(store, sample_id, caller)
            check_version(sample, body.version)
            if body.to not in TRANSITIONS[sample.status]:
                raise HTTPException(status.HTTP_409_CONFLICT, f"cannot go from {sample.status.value} to {body.to.value}")
            if body.to is Status.discarded and caller.role != "supervisor":
                raise HTTPException(status.HTTP_403_FORBIDDEN, "only a supervisor can discard samples")
            if body.to is Status.testing and clock() - sample.collected_at > timedelta(hours=max_age_hours):
                raise HTTPException(status.HTTP_409_CONFLICT, "sample is too old to test")
            updated = sample.model_copy(update={"status": body.to, "version": sample.version + 1})
            store.samples[sample_id] = updated
            return updated

    @app.patch("/samples/{sample_id}", response_model=SampleOut)
    def edit_notes(sample_id: int, body: NotesIn, caller: WriterDep, store: StoreDep) -> SampleOut:
        with store.lock:
            sample = find(store, sample_id, caller)
            check_version(sample, body.version)
            updated = sample.model_copy(update={"notes": body.notes, "version": sample.version + 1})
            store.samples[sample_id] = updated
            return updated

    return app
