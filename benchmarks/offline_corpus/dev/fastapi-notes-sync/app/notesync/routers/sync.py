import base64
import binascii

from fastapi import APIRouter, Depends, HTTPException, Query, status

from ..deps import current_user, get_stores
from ..schemas import ChangeOut, NoteOut, SyncPage
from ..store import Stores, User

router = APIRouter(tags=["sync"])

_PREFIX = "c1:"


def encode_cursor(seq: int) -> str:
    return base64.urlsafe_b64encode(f"{_PREFIX}{seq}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    """The sequence number inside a cursor this server issued; 400 for anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if not raw.startswith(_PREFIX):
            raise ValueError(raw)
        seq = int(raw[len(_PREFIX):])
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "invalid cursor") from None
    if seq < 0:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "invalid cursor")
    return seq


@router.get("/sync", response_model=SyncPage)
def sync(
    since: str | None = None,
    limit: int = Query(50, ge=1, le=100),
    user: User = Depends(current_user),
    stores: Stores = Depends(get_stores),
):
    """Changes to the caller's notes after `since` (all of them without it), oldest first.

    Pass the returned `cursor` as the next `since`; while `has_more` is true, call again."""
    after = 0 if since is None else decode_cursor(since)
    pending = stores.notes.changes_after(user.id, after)
    page = pending[:limit]
    changes = [
        ChangeOut(
            type=change.type,
            note_id=change.note.id,
            cursor=encode_cursor(change.seq),
            note=None if change.type == "deleted" else NoteOut.model_validate(change.note),
        )
        for change in page
    ]
    last = page[-1].seq if page else after
    return SyncPage(changes=changes, cursor=encode_cursor(last), has_more=len(pending) > len(page))
