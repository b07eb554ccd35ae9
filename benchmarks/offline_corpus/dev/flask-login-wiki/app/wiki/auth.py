from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from .extensions import db
from .models import User

bp = Blueprint("auth", __name__, url_prefix="/auth")

MIN_PASSWORD_LENGTH = 8
MAX_USERNAME_LENGTH = 40


def _safe_next(target):
    """Only same-site paths: "/pages/x" is fine, "https://evil.example/" and "//evil.example" are not."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/"):
        return None
    return target


@bp.route("/register", methods=("GET", "POST"))
def register():
    if current_user.is_authenticated:
        return redirect(url_for("pages.index"))
    if request.method == "GET":
        return render_template("auth/register.html")

    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    error = None
    if not username:
        error = "Username is required."
    elif len(username) > MAX_USERNAME_LENGTH:
        error = f"Username must be at most {MAX_USERNAME_LENGTH} characters."
    elif len(password) < MIN_PASSWORD_LENGTH:
        error = f"Password must be at least {MIN_PASSWORD_LENGTH} characters."
    elif db.session.scalar(select(User).where(User.username == username)) is not None:
        error = f"The username {username} is taken."
    if error:
        return render_template("auth/register.html", error=error, username=username), 400

    user = User(username=username)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    login_user(user)
    flash(f"Welcome, {username}!")
    return redirect(url_for("pages.index"))


@bp.route("/login", methods=("GET", "POST"))
def login():
    if request.method == "GET":
        return render_template("auth/login.html", next=request.args.get("next", ""))

    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None or not user.check_password(password):
        return render_template(
            "auth/login.html", error="Invalid username or password.", username=username,
            next=request.form.get("next", ""),
        ), 401

    login_user(user, remember=bool(request.form.get("remember")))
    return redirect(_safe_next(request.form.get("next") or request.args.get("next")) or url_for("pages.index"))


@bp.route("/logout", methods=("POST",))
@login_required
def logout():
    logout_user()
    flash("You have been logged out.")
    return redirect(url_for("pages.index"))
