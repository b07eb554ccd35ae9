import functools

from flask import current_app, g, jsonify, request

from .extensions import db
from .models import Member


def member_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        member = None
        if scheme.lower() == "bearer" and token:
            member = db.session.execute(db.select(Member).filter_by(token=token)).scalar_one_or_none()
        if member is None:
            return jsonify(error="a member token is required"), 401
        g.member = member
        return view(*args, **kwargs)

    return wrapped


def staff_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if request.headers.get("X-Staff-Token") != current_app.config["STAFF_TOKEN"]:
            return jsonify(error="staff only"), 403
        return view(*args, **kwargs)

    return wrapped


def now():
    return current_app.config["CLOCK"]()
