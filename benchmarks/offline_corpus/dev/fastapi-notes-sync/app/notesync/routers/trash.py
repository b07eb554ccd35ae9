from datetime import datetime, timedelta

from fastapi import APIRouter, Depends, HTTPException, status

from ..clock import current_time
from ..deps import current_user, get_settings, get_stores
from ..schemas import NoteOut, TrashedNote
from ..settings import Settings
from ..store import Stores, User

router = APIRouter(prefix="/trash", tags=["trash"])


def _purge_expired(user: User, stores: Stores, settings: Settings, now: datetime) -> None:
    retention = timedelta(days=settings.trash_retention_days)
    for note in stores.notes.trashed(user.id):
        if now - note.deleted_at >= retention:
            stores.notes.purge(note)


@router.get("", response_model=list[TrashedNote])
def list_trash(
    user: User = Depends(current_user),
    stores: Stores = Depends(get_stores),
    settings: Settings = Depends(get_settings),
    now: datetime = Depends(current_time),
):
    """The caller's deleted notes, most recently deleted first. Notes deleted a full retention period ago are purged here."""
    _purge_expired(user, stores, settings, now)
    return sorted(stores.notes.trashed(user.id), key=lambda n: (n.deleted_at, n.id), reverse=True)


@router.post("/{note_id}/restore", response_model=NoteOut)
def restore_note(
    note_id: int,
    user: User = Depends(current_user),
    stores: Stores = Depends(get_stores),
    settings: Settings = Depends(get_settings),
    now: datetime = Depends(current_time),
):
    _purge_expired(user, stores, settings, now)
    note = stores.notes.get(note_id)
    if note is None or note.owner_id != user.id or note.deleted_at is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such note in the trash")
    stores.notes.restore(note, now)
    return note
