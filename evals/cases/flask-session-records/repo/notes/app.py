"""Notes API: users log in with a session cookie and may only see and change their own notes."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import Flask, abort, g, jsonify, request, session
from werkzeug.security import check_password_hash, generate_password_hash

USERS = {
    "alice": generate_password_hash("alice-pw"),
    "bob": generate_password_hash("bob-pw"),
}


def login_required(view: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        user = session.get("user")
        if user is None:
            abort(401)
        g.user = user
        return view(*args, **kwargs)

    return wrapper


def create_app(secret_key: str = "dev-only") -> Flask:
    app = Flask(__name__)
    app.config["SECRET_KEY"] = secret_key
    notes: dict[int, dict[str, Any]] = {}
    next_id = [1]

    def owned(note_id: int) -> dict[str, Any]:
        note = notes.get(note_id)
        if note is None:
            abort(404)
        if note["owner"] != g.user:
            abort(403)
        return note

    @app.post("/login")
    def login() -> Any:
        data = request.get_json(silent=True) or {}
        name, password = data.get("username"), data.get("password")
        if not isinstance(name, str) or not isinstance(password, str):
            return jsonify(error="username and password are required"), 400
        hashed = USERS.get(name)
        if hashed is None or not check_password_hash(hashed, password):
            return jsonify(error="invalid credentials"), 401
        session.clear()
        session["user"] = name
        return jsonify(user=name)

    @app.post("/logout")
    def logout() -> Any:
        session.clear()
        return "", 204

    @app.post("/notes")
    @login_required
    def create_note() -> Any:
        data = request.get_json(silent=True) or {}
        body = data.get("body")
        if not isinstance(body, str) or not body.strip():
            return jsonify(error="body must be a non-empty string"), 400
        note = {"id": next_id[0], "owner": g.user, "body": body}
        notes[note["id"]] = note
        next_id[0] += 1
        return jsonify(note), 201

    @app.get("/notes/<int:note_id>")
    @login_required
    def get_note(note_id: int) -> Any:
        return jsonify(owned(note_id))

    @app.delete("/notes/<int:note_id>")
    @login_required
    def delete_note(note_id: int) -> Any:
        owned(note_id)
        del notes[note_id]
        return "", 204

    return app
