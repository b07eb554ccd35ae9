import math
import sqlite3

from flask import Blueprint, current_app, jsonify, request
from werkzeug.security import check_password_hash, generate_password_hash

from .db import get_db
from .security import (
    CONFIRM_SALT,
    EMAIL_RE,
    RESET_SALT,
    TokenError,
    hash_session_token,
    make_token,
    new_session_token,
    now,
    password_fingerprint,
    password_problems,
    read_token,
)

bp = Blueprint("accounts", __name__)


def error(message: str, status: int, **extra):
    return jsonify(error=message, **extra), status


def json_body() -> dict:
    body = request.get_json(silent=True)
    return body if isinstance(body, dict) else {}


def user_out(row: sqlite3.Row) -> dict:
    return {"id": row["id"], "email": row["email"], "confirmed": row["confirmed_at"] is not None}


def find_user(email: str) -> sqlite3.Row | None:
    return get_db().execute("SELECT * FROM users WHERE email = ?", (email.strip().lower(),)).fetchone()


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def send_confirmation(user: sqlite3.Row) -> None:
    token = make_token(CONFIRM_SALT, {"uid": user["id"], "email": user["email"]})
    link = f"{current_app.config['BASE_URL']}/confirm/{token}"
    current_app.outbox.send(user["email"], "Confirm your account", f"Open this link to confirm: {link}", link)


def current_user() -> sqlite3.Row | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    return get_db().execute(
        "SELECT users.* FROM sessions JOIN users ON users.id = sessions.user_id WHERE sessions.token_hash = ?",
        (hash_session_token(token.strip()),),
    ).fetchone()


def unauthorized():
    response, status = error("authentication required", 401)
    response.headers["WWW-Authenticate"] = "Bearer"
    return response, status


# ------------------------------------------------------------------------------------------ sign-up


@bp.post("/signup")
def signup():
    body = json_body()
    email, password = body.get("email"), body.get("password")
    if not isinstance(email, str) or not isinstance(password, str):
        return error("email and password are required", 400)
    email = email.strip().lower()
    if not EMAIL_RE.match(email):
        return error("invalid e-mail address", 400)
    problems = password_problems(password, email)
    if problems:
        return error("weak password", 400, problems=problems)
    db = get_db()
    try:
        cursor = db.execute(
            "INSERT INTO users (email, password_hash, created_at) VALUES (?, ?, ?)",
            (email, hash_password(password), now()),
        )
    except sqlite3.IntegrityError:
        return error("an account with this e-mail already exists", 409)
    db.commit()
    user = db.execute("SELECT * FROM users WHERE id = ?", (cursor.lastrowid,)).fetchone()
    send_confirmation(user)
    return jsonify(user_out(user)), 201


@bp.get("/confirm/<token>")
def confirm(token: str):
    try:
        payload = read_token(CONFIRM_SALT, token, current_app.config["CONFIRM_MAX_AGE"])
    except TokenError as exc:
        return error(exc.message, 400)
    db = get_db()
    user = db.execute("SELECT * FROM users WHERE id = ?", (payload.get("uid"),)).fetchone()
    if user is None or user["email"] != payload.get("email"):
        return error("invalid token", 400)
    if user["confirmed_at"] is None:
        db.execute("UPDATE users SET confirmed_at = ? WHERE id = ?", (now(), user["id"]))
        db.commit()
    return jsonify(email=user["email"], confirmed=True)


@bp.post("/confirm/resend")
def resend_confirmation():
    email = json_body().get("email")
    user = find_user(email) if isinstance(email, str) else None
    if user is not None and user["confirmed_at"] is None:
        send_confirmation(user)
    return jsonify(status="if the account exists and is unconfirmed, a new link was sent"), 202


# ------------------------------------------------------------------------------------------ sessions


@bp.post("/login")
def login():
    body = json_body()
    email, password = body.get("email"), body.get("password")
    if not isinstance(email, str) or not isinstance(password, str):
        return error("email and password are required", 400)
    db = get_db()
    user = find_user(email)
    if user is None:
        return error("invalid credentials", 401)
    moment = now()
    if user["locked_until"] is not None and moment < user["locked_until"]:
        response, status = error("account locked", 423)
        response.headers["Retry-After"] = str(math.ceil(user["locked_until"] - moment))
        return response, status
    if not check_password_hash(user["password_hash"], password):
        failed = user["failed_logins"] + 1
        if failed >= current_app.config["MAX_FAILED_LOGINS"]:
            locked_until = moment + current_app.config["LOCKOUT_MINUTES"] * 60
            db.execute("UPDATE users SET failed_logins = 0, locked_until = ? WHERE id = ?", (locked_until, user["id"]))
            db.commit()
            response, status = error("account locked", 423)
            response.headers["Retry-After"] = str(current_app.config["LOCKOUT_MINUTES"] * 60)
            return response, status
        db.execute("UPDATE users SET failed_logins = ? WHERE id = ?", (failed, user["id"]))
        db.commit()
        return error("invalid credentials", 401)
    if user["confirmed_at"] is None:
        return error("confirm your e-mail address first", 403)
    token, token_hash = new_session_token()
    db.execute("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?", (user["id"],))
    db.execute("INSERT INTO sessions (token_hash, user_id, created_at) VALUES (?, ?, ?)", (token_hash, user["id"], moment))
    db.commit()
    return jsonify(token=token, token_type="bearer")


@bp.get("/me")
def me():
    user = current_user()
    if user is None:
        return unauthorized()
    return jsonify(user_out(user))


@bp.post("/logout")
def logout():
    user = current_user()
    if user is None:
        return unauthorized()
    token = request.headers["Authorization"].partition(" ")[2].strip()
    db = get_db()
    db.execute("DELETE FROM sessions WHERE token_hash = ?", (hash_session_token(token),))
    db.commit()
    return "", 204


# ------------------------------------------------------------------------------------------ password reset


@bp.post("/password-reset")
def request_reset():
    email = json_body().get("email")
    user = find_user(email) if isinstance(email, str) else None
    if user is not None:
        token = make_token(RESET_SALT, {"uid": user["id"], "fp": password_fingerprint(user["password_hash"])})
        link = f"{current_app.config['BASE_URL']}/password-reset/{token}"
        current_app.outbox.send(user["email"], "Reset your password", f"Open this link to choose a new password: {link}", link)
    return jsonify(status="if the account exists, a reset link was sent"), 202


@bp.post("/password-reset/<token>")
def reset_password(token: str):
    try:
        payload = read_token(RESET_SALT, token, current_app.config["RESET_MAX_AGE"])
    except TokenError as exc:
        return error(exc.message, 400)
    db = get_db()
    user = db.execute("SELECT * FROM users WHERE id = ?", (payload.get("uid"),)).fetchone()
    if user is None or payload.get("fp") != password_fingerprint(user["password_hash"]):
        return error("invalid token", 400)
    password = json_body().get("password")
    if not isinstance(password, str):
        return error("password is required", 400)
    problems = password_problems(password, user["email"])
    if problems:
        return error("weak password", 400, problems=problems)
    db.execute(
        "UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = NULL WHERE id = ?",
        (hash_password(password), user["id"]),
    )
    db.execute("DELETE FROM sessions WHERE user_id = ?", (user["id"],))
    db.commit()
    return jsonify(status="password changed")
