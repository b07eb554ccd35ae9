"""Form login: the login form carries a CSRF token kept in the session; the dashboard needs a logged-in user."""

from __future__ import annotations

import secrets
from typing import Any

from flask import Flask, redirect, request, session
from werkzeug.security import check_password_hash, generate_password_hash

USERS = {"dana": generate_password_hash("correct horse")}


def create_app(secret_key: str = "dev-only") -> Flask:
    app = Flask(__name__)
    app.config["SECRET_KEY"] = secret_key

    @app.get("/login")
    def login_form() -> Any:
        token = secrets.token_hex(16)
        session["csrf"] = token
        return (f'<form method="post"><input name="csrf_token" value="{token}">'
                '<input name="username"><input name="password" type="password"></form>')

    @app.post("/login")
    def login() -> Any:
        expected = session.pop("csrf", None)
        if expected is None or request.form.get("csrf_token") != expected:
            return "invalid form token", 403
        username = request.form.get("username", "")
        password = request.form.get("password", "")
        if not username or not password:
            return "username and password are required", 400
        hashed = USERS.get(username)
        if hashed is None or not check_password_hash(hashed, password):
            return "invalid credentials", 401
        session["user"] = username
        return redirect("/dashboard")

    @app.get("/dashboard")
    def dashboard() -> Any:
        user = session.get("user")
        if user is None:
            return redirect("/login")
        return f"hello {user}"

    return app
