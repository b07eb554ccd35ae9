from __future__ import annotations

from contextlib import asynccontextmanager
from datetime import date
from typing import Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from .auth import User, admin_user, current_user
from .schemas import SpecimenIn, SpecimenPatch
from .settings import load_settings
from .store import SpecimenStore


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.settings = load_settings()
    app.state.store = SpecimenStore()
    yield


app = FastAPI(title="Herbarium", lifespan=lifespan)


@app.exception_handler(RequestValidationError)
async def validation_failed(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    if any(err["type"] == "json_invalid" for err in errors):
        return JSONResponse({"error": "malformed JSON body"}, status_code=400)
    fields = sorted({str(err["loc"][-1]) for err in errors if len(err["loc"]) > 1})
    return JSONResponse({"error": "invalid specimen", "fields": fields}, status_code=422)


def get_store(request: Request) -> SpecimenStore:
    return request.app.state.store


def etag(row: dict[str, Any]) -> str:
    return f'"{row["id"]}-{row["version"]}"'


def public(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    out["collected_on"] = row["collected_on"].isoformat()
    return out


def load(store: SpecimenStore, specimen_id: int, *, include_deleted: bool = False) -> dict[str, Any]:
    row = store.get(specimen_id, include_deleted=include_deleted)
    if row is None:
        raise HTTPException(404, "no such specimen")
    return row


def check_owner(user: User, row: dict[str, Any]) -> None:
    if not user.is_admin and row["collector"] != user.name:
        raise HTTPException(403, "only the collector or a curator may change this specimen")


@app.post("/specimens", status_code=201)
def create_specimen(
    body: SpecimenIn, response: Response, user: User = Depends(current_user), store: SpecimenStore = Depends(get_store)
):
    row = store.add(body.model_dump(), collector=user.name)
    response.headers["ETag"] = etag(row)
    response.headers["Location"] = f"/specimens/{row['id']}"
    return public(row)


@app.get("/specimens")
def list_specimens(
    family: str | None = None,
    country: str | None = None,
    collector: str | None = None,
    min_elevation: int | None = None,
    max_elevation: int | None = None,
    collected_from: date | None = None,
    collected_to: date | None = None,
    include_deleted: bool = Query(default=False),
    user: User = Depends(current_user),
    store: SpecimenStore = Depends(get_store),
):
    if include_deleted and not user.is_admin:
        raise HTTPException(403, "only curators may list deleted specimens")
    rows = store.search(
        family=family,
        country=country,
        collector=collector,
        min_elevation=min_elevation,
        max_elevation=max_elevation,
        collected_from=collected_from,
        collected_to=collected_to,
        include_deleted=include_deleted,
    )
    return {"items": [public(r) for r in rows], "count": len(rows)}


@app.get("/specimens/{specimen_id}")
def get_specimen(
    specimen_id: int, response: Response, user: User = Depends(current_user), store: SpecimenStore = Depends(get_store)
):
    row = load(store, specimen_id)
    response.headers["ETag"] = etag(row)
    return public(row)


@app.patch("/specimens/{specimen_id}")
def update_specimen(
    specimen_id: int,
    body: SpecimenPatch,
    response: Response,
    if_match: str | None = Header(default=None),
    user: User = Depends(current_user),
    store: SpecimenStore = Depends(get_store),
):
    row = load(store, specimen_id)
    check_owner(user, row)
    if if_match is None:
        raise HTTPException(428, "If-Match header required")
    if if_match != etag(row):
        raise HTTPException(412, "specimen was changed by someone else")
    changes = body.model_dump(exclude_unset=True)
    if not changes:
        raise HTTPException(400, "nothing to change")
    row = store.update(specimen_id, changes)
    response.headers["ETag"] = etag(row)
    return public(row)


@app.delete("/specimens/{specimen_id}", status_code=204)
def delete_specimen(specimen_id: int, user: User = Depends(current_user), store: SpecimenStore = Depends(get_store)):
    row = load(store, specimen_id)
    check_owner(user, row)
    store.set_deleted(specimen_id, True)
    return Response(status_code=204)


@app.post("/specimens/{specimen_id}/restore")
def restore_specimen(
    specimen_id: int, response: Response, user: User = Depends(admin_user), store: SpecimenStore = Depends(get_store)
):
    row = load(store, specimen_id, include_deleted=True)
    if not row["deleted"]:
        raise HTTPException(409, "specimen is not deleted")
    row = store.set_deleted(specimen_id, False)
    response.headers["ETag"] = etag(row)
    return public(row)


@app.get("/summary")
def summary(user: User = Depends(current_user), store: SpecimenStore = Depends(get_store)):
    return store.summary()
