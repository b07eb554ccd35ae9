from functools import wraps

from flask import g, request
from flask_restful import abort

from .db import get_db


def current_member():
    """The member whose API key came with the request (``?api_key=`` or ``X-Api-Key``)."""
    if "member" not in g:
        key = request.args.get("api_key") or request.headers.get("X-Api-Key")
        if not key:
            abort(401, message="an API key is required")
        member = get_db().execute("SELECT * FROM member WHERE api_key = ?", (key,)).fetchone()
        if member is None:
            abort(401, message="unknown API key")
        g.member = member
    return g.member


def is_librarian(member):
    return member["role"] == "librarian"


def authenticated(fn):
    @wraps(fn)
    def wrapper(*args, **kwargs):
        current_member()
        return fn(*args, **kwargs)

    return wrapper


def librarian_only(fn):
    @wraps(fn)
    def wrapper(*args, **kwargs):
        if not is_librarian(current_member()):
            abort(403, message="librarians only")
        return fn(*args, **kwargs)

    return wrapper
