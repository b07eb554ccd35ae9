import functools
import hashlib
import secrets

from flask import Blueprint, abort, current_app, g, jsonify, request
from werkzeug.security import check_password_hash, generate_password_hash

from .db import get_db

bp = Blueprint("auth", __name__, url_prefix="/api")

MIN_PASSWORD_LENGTH = 8


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def json_body():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, "expected a JSON object")
    return data


@bp.post("/users")
def register():
    data = json_body()
    username = data.get("username")
    password = data.get("password")
    if not isinstance(username, str) or not username.strip():
        abort(400, "username is required")
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        abort(400, f"password must be at least {MIN_PASSWORD_LENGTH} characters")
    db = get_db()
    try:
        cur = db.execute(
            "INSERT INTO user (username, password) VALUES (?, ?)",
            (username.strip(), generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])),
        )
        db.commit()
    except db.IntegrityError:
        abort(409, f"user {username.strip()} is already registered")
    return jsonify(id=cur.lastrowid, username=username.strip()), 201


@bp.post("/tokens")
def issue_token():
    data = json_body()
    username, password = data.get("username"), data.get("password")
    if not isinstance(username, str) or not isinstance(password, str):
        abort(400, "username and password are required")
    db = get_db()
    user = db.execute("SELECT * FROM user WHERE username = ?", (username,)).fetchone()
    if user is None or not check_password_hash(user["password"], password):
        abort(401, "invalid username or password")
    token = secrets.token_urlsafe(32)
    db.execute("INSERT INTO token (user_id, token_hash) VALUES (?, ?)", (user["id"], hash_token(token)))
    db.commit()
    return jsonify(token=token), 201


def load_user_from_header():
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme != "Token" or not token:
        return None
    return get_db().execute(
        "SELECT user.id, user.username FROM token JOIN user ON user.id = token.user_id WHERE token.token_hash = ?",
        (hash_token(token.strip()),),
    ).fetchone()


def token_required(view):
    @functools.wraps(view)
    def wrapped(**kwargs):
        user = load_user_from_header()
        if user is None:
            response = jsonify(error="authentication required")
            response.status_code = 401
            response.headers["WWW-Authenticate"] = "Token"
            return response
        g.user = user
        return view(**kwargs)

    return wrapped
