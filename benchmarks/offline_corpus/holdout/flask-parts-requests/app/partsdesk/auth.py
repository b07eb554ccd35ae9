from flask import Blueprint, redirect, request, url_for
from flask_login import login_required, login_user, logout_user
from werkzeug.security import check_password_hash, generate_password_hash

from . import User
from .db import get_db

bp = Blueprint("auth", __name__)

FORM = """<form method="post"><input name="username"><input name="password" type="password">
<button>{action}</button></form><p class="error">{error}</p>"""


@bp.route("/register", methods=["GET", "POST"])
def register():
    if request.method == "GET":
        return FORM.format(action="Register", error="")
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    if not username or len(password) < 8:
        return FORM.format(action="Register", error="Username and a password of 8+ characters are required."), 400
    db = get_db()
    if db.execute("SELECT 1 FROM users WHERE username = ?", (username,)).fetchone():
        return FORM.format(action="Register", error=f"User {username} is already registered."), 409
    db.execute("INSERT INTO users (username, password_hash) VALUES (?, ?)",
               (username, generate_password_hash(password)))
    db.commit()
    return redirect(url_for("auth.login"))


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return FORM.format(action="Log in", error="")
    row = get_db().execute("SELECT * FROM users WHERE username = ?", (request.form.get("username"),)).fetchone()
    if row is None or not check_password_hash(row["password_hash"], request.form.get("password", "")):
        return FORM.format(action="Log in", error="Incorrect username or password."), 401
    login_user(User(row))
    return redirect(url_for("requests.index"))


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    return redirect(url_for("auth.login"))
