from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request, status
from fastapi.security import APIKeyCookie

from .settings import Settings
from .store import Contact, Store, User


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_store(request: Request) -> Store:
    return request.app.state.store


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]

# The session cookie set by POST /login.
SESSION_COOKIE = "addressbook_session"
session_cookie = APIKeyCookie(name=SESSION_COOKIE, auto_error=False)


def current_user(token: Annotated[str | None, Depends(session_cookie)], store: StoreDep) -> User:
    username = store.sessions.get(token) if token else None
    if username is None or username not in store.users:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="not signed in")
    return store.users[username]


CurrentUser = Annotated[User, Depends(current_user)]


class Page:
    def __init__(self, limit: int, offset: int):
        self.limit = limit
        self.offset = offset


class Paginator:
    """``?limit=&offset=`` as a dependency; limits above ``max_limit`` are clamped, not refused."""

    def __init__(self, default_limit: int = 20, max_limit: int = 100):
        self.default_limit = default_limit
        self.max_limit = max_limit

    def __call__(
        self,
        limit: Annotated[int | None, Query(ge=1)] = None,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> Page:
        if limit is None:
            limit = self.default_limit
        limit = min(limit, self.max_limit)
        return Page(limit=limit, offset=offset)


paginate = Paginator()
PageDep = Annotated[Page, Depends(paginate)]


SORTABLE = ("name", "email", "company", "created")


def sort_order(sort: Annotated[str, Query()] = "name") -> tuple[str, bool]:
    """``?sort=field`` or ``?sort=-field`` (descending); only the fields in SORTABLE."""
    descending = sort.startswith("-")
    field = sort[1:] if descending else sort
    if field not in SORTABLE:
        raise HTTPException(
            422,
            detail=f"cannot sort by {field!r}; choose one of {', '.join(SORTABLE)}",
        )
    return field, descending


SortDep = Annotated[tuple[str, bool], Depends(sort_order)]


def own_contact(contact_id: int, user: CurrentUser, store: StoreDep) -> Contact:
    contact = store.contacts.get(contact_id)
    if contact is None or contact.owner != user.username:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="contact not found")
    return contact


OwnContact = Annotated[Contact, Depends(own_contact)]
