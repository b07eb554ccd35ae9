import functools

from flask import Blueprint, abort, current_app, g, jsonify, request
from werkzeug.security import check_password_hash, generate_password_hash

from .db import get_db

bp = Blueprint("users", __name__)

MIN_PASSWORD_LENGTH = 8


@bp.post("/users")
def register():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, "Expected a JSON object.")
    username = data.get("username")
    password = data.get("password")
    if not isinstance(username, str) or not username.strip():
        abort(400, "Username is required.")
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        abort(400, f"Password must be at least {MIN_PASSWORD_LENGTH} characters.")

    username = username.strip()
    db = get_db()
    if db.execute("SELECT 1 FROM user WHERE username = ?", (username,)).fetchone() is not None:
        abort(409, f"User {username} is already registered.")
    cursor = db.execute(
        "INSERT INTO user (username, password) VALUES (?, ?)",
        (username, generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])),
    )
    db.commit()
    return jsonify(id=cursor.lastrowid, username=username), 201


def login_required(view):
    """Authenticate the request with HTTP Basic credentials and put the user in g.user."""

    @functools.wraps(view)
    def wrapped_view(**kwargs):
        credentials = request.authorization
        if credentials is None or credentials.type != "basic":
            abort(401, "Authentication required.")
        user = get_db().execute(
            "SELECT * FROM user WHERE username = ?", (credentials.username,)
        ).fetchone()
        if user is None or not check_password_hash(user["password"], credentials.password or ""):
            abort(401, "Invalid username or password.")
        g.user = user
        return view(**kwargs)

    return wrapped_view
