import functools
import re

from flask import Blueprint, abort, current_app, g, jsonify, request, session

from .extensions import db
from .models import User

bp = Blueprint("auth", __name__, url_prefix="/auth")

USERNAME = re.compile(r"[a-z0-9_]{3,32}")


def login_required(view):
    """401 unless a user is signed in; the user is ``g.user`` inside the view."""

    @functools.wraps(view)
    def wrapped(**kwargs):
        user_id = session.get("user_id")
        user = db.session.get(User, user_id) if user_id is not None else None
        if user is None:
            abort(401, "sign in first")
        g.user = user
        return view(**kwargs)

    return wrapped


def requires_role(*roles):
    """Like ``login_required``, and 403 unless the user's account role is one of ``roles``."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(**kwargs):
            if g.user.role not in roles:
                abort(403, f"needs the {' or '.join(roles)} role")
            return view(**kwargs)

        return login_required(wrapped)

    return decorator


def _credentials():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, "expected a JSON object")
    username, password = data.get("username"), data.get("password")
    if not isinstance(username, str) or not isinstance(password, str):
        abort(400, "username and password are required")
    return username.strip().lower(), password


@bp.post("/register")
def register():
    username, password = _credentials()
    if not USERNAME.fullmatch(username):
        abort(400, "a username is 3-32 lowercase letters, digits or underscores")
    if len(password) < 8:
        abort(400, "a password has at least 8 characters")
    if User.query.filter_by(username=username).first():
        abort(409, "that username is taken")
    user = User(username=username, role="reader")
    user.set_password(password, current_app.config["PASSWORD_HASH_METHOD"])
    db.session.add(user)
    db.session.commit()
    return jsonify(user.to_dict()), 201


@bp.post("/login")
def login():
    username, password = _credentials()
    user = User.query.filter_by(username=username).first()
    if user is None or not user.check_password(password):
        abort(401, "wrong username or password")
    session.clear()
    session["user_id"] = user.id
    return jsonify(user.to_dict())


@bp.post("/logout")
def logout():
    session.clear()
    return "", 204


@bp.get("/me")
@login_required
def me():
    return jsonify(g.user.to_dict())
