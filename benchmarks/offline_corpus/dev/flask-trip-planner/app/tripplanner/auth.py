import functools

from flask import Blueprint, current_app, g, jsonify, request, session
from werkzeug.security import check_password_hash, generate_password_hash

from .db import get_db

bp = Blueprint("auth", __name__, url_prefix="/auth")


@bp.before_app_request
def load_logged_in_user():
    user_id = session.get("user_id")
    g.user = None if user_id is None else get_db().execute("SELECT * FROM user WHERE id = ?", (user_id,)).fetchone()


def login_required(view):
    @functools.wraps(view)
    def wrapped_view(**kwargs):
        if g.user is None:
            return jsonify(error="login required"), 401
        return view(**kwargs)

    return wrapped_view


@bp.post("/register")
def register():
    data = request.get_json(silent=True) or {}
    username = (data.get("username") or "").strip()
    password = data.get("password") or ""
    if not username or not password:
        return jsonify(error="username and password are required"), 400
    db = get_db()
    try:
        hashed = generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])
        cursor = db.execute("INSERT INTO user (username, password) VALUES (?, ?)", (username, hashed))
        db.commit()
    except db.IntegrityError:
        return jsonify(error=f"user {username} is already registered"), 409
    return jsonify(id=cursor.lastrowid, username=username), 201


@bp.post("/login")
def login():
    data = request.get_json(silent=True) or {}
    user = get_db().execute("SELECT * FROM user WHERE username = ?", (data.get("username") or "",)).fetchone()
    if user is None or not check_password_hash(user["password"], data.get("password") or ""):
        return jsonify(error="incorrect username or password"), 401
    session.clear()
    session["user_id"] = user["id"]
    return jsonify(id=user["id"], username=user["username"])


@bp.post("/logout")
def logout():
    session.clear()
    return "", 204
