import functools
import secrets

from flask import Blueprint, g, jsonify, request
from werkzeug.security import check_password_hash

from .db import get_db

bp = Blueprint("auth", __name__)


@bp.post("/login")
def login():
    data = request.get_json(silent=True) or {}
    username = data.get("username")
    password = data.get("password")
    if not isinstance(username, str) or not isinstance(password, str):
        return jsonify(error="username and password are required"), 400
    db = get_db()
    user = db.execute("SELECT * FROM user WHERE username = ?", (username,)).fetchone()
    if user is None or not check_password_hash(user["password"], password):
        return jsonify(error="wrong username or password"), 401
    token = secrets.token_urlsafe(24)
    db.execute("INSERT INTO token (token, user_id) VALUES (?, ?)", (token, user["id"]))
    db.commit()
    return jsonify(token=token, role=user["role"])


@bp.post("/logout")
def logout():
    user = _user_from_header()
    if user is None:
        return jsonify(error="authentication required"), 401
    db = get_db()
    db.execute("DELETE FROM token WHERE token = ?", (g.token,))
    db.commit()
    return "", 204


def _user_from_header():
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    g.token = token
    return (
        get_db()
        .execute("SELECT user.* FROM token JOIN user ON user.id = token.user_id WHERE token.token = ?", (token,))
        .fetchone()
    )


def token_required(view):
    @functools.wraps(view)
    def wrapped(**kwargs):
        user = _user_from_header()
        if user is None:
            return jsonify(error="authentication required"), 401
        g.user = user
        return view(**kwargs)

    return wrapped
