from datetime import datetime

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from ..clock import current_time
from ..deps import current_user, get_stores
from ..schemas import NoteCreate, NoteOut, NoteUpdate
from ..store import Note, Stores, User

router = APIRouter(prefix="/notes", tags=["notes"])


def own_live_note(note_id: int, user: User, stores: Stores) -> Note:
    """The caller's note, not in the trash; anything else is a 404 (never a 403: ids are not secrets to confirm)."""
    note = stores.notes.get(note_id)
    if note is None or note.owner_id != user.id or note.deleted_at is not None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "note not found")
    return note


@router.post("", status_code=status.HTTP_201_CREATED, response_model=NoteOut)
def create_note(
    payload: NoteCreate,
    user: User = Depends(current_user),
    stores: Stores = Depends(get_stores),
    now: datetime = Depends(current_time),
):
    return stores.notes.create(user.id, payload.title, payload.body, payload.tags, now)


@router.get("", response_model=list[NoteOut])
def list_notes(
    tag: str | None = None,
    limit: int = Query(50, ge=1, le=100),
    user: User = Depends(current_user),
    stores: Stores = Depends(get_stores),
):
    """The caller's notes, most recently changed first."""
    notes = sorted(stores.notes.live(user.id), key=lambda n: (n.updated_at, n.id), reverse=True)
    if tag is not None:
        notes = [n for n in notes if tag.strip().lower() in n.tags]
    return notes[:limit]


@router.get("/{note_id}", response_model=NoteOut)
def get_note(note_id: int, user: User = Depends(current_user), stores: Stores = Depends(get_stores)):
    return own_live_note(note_id, user, stores)


@router.patch("/{note_id}", response_model=NoteOut)
def update_note(
    note_id: int,
    payload: NoteUpdate,
    user: User = Depends(current_user),
    stores: Stores = Depends(get_stores),
    now: datetime = Depends(current_time),
):
    note = own_live_note(note_id, user, stores)
    if payload.version != note.version:
        return JSONResponse(
            status_code=status.HTTP_409_CONFLICT,
            content={"detail": "version conflict", "current": jsonable_encoder(NoteOut.model_validate(note))},
        )
    changes = payload.model_dump(exclude_unset=True, exclude={"version"})
    for name, value in changes.items():
        if value is None:
            raise HTTPException(422, f"{name} cannot be null")
        setattr(note, name, value)
    stores.notes.touch(note, now)
    return note


@router.delete("/{note_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_note(
    note_id: int,
    user: User = Depends(current_user),
    stores: Stores = Depends(get_stores),
    now: datetime = Depends(current_time),
):
    """Moves the note to the trash; it is purged for good after the retention period."""
    stores.notes.trash(own_live_note(note_id, user, stores), now)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
