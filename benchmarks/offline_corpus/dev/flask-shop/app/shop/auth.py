import functools
from urllib.parse import urlsplit

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for
from werkzeug.security import check_password_hash, generate_password_hash

from .db import get_db
from .forms import LoginForm, RegisterForm

bp = Blueprint("auth", __name__, url_prefix="/auth")


def login_required(view):
    @functools.wraps(view)
    def wrapped_view(**kwargs):
        if g.user is None:
            flash("Please log in first.")
            return redirect(url_for("auth.login", next=request.path))
        return view(**kwargs)

    return wrapped_view


@bp.before_app_request
def load_logged_in_user():
    user_id = session.get("user_id")
    g.user = None if user_id is None else get_db().execute(
        "SELECT id, username FROM customer WHERE id = ?", (user_id,)
    ).fetchone()


def _safe_next(target):
    """Only same-site paths: "/checkout" yes, "//evil.example" or "https://..." no."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/"):
        return None
    return target


@bp.route("/register", methods=("GET", "POST"))
def register():
    form = RegisterForm()
    if form.validate_on_submit():
        db = get_db()
        username = form.username.data.strip()
        exists = db.execute("SELECT 1 FROM customer WHERE username = ?", (username,)).fetchone()
        if exists:
            form.username.errors.append(f"User {username} is already registered.")
        else:
            db.execute(
                "INSERT INTO customer (username, password) VALUES (?, ?)",
                (username, generate_password_hash(form.password.data)),
            )
            db.commit()
            flash("Account created. Please log in.")
            return redirect(url_for("auth.login"))
    return render_template("auth/register.html", form=form)


@bp.route("/login", methods=("GET", "POST"))
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = get_db().execute(
            "SELECT * FROM customer WHERE username = ?", (form.username.data.strip(),)
        ).fetchone()
        if user is None or not check_password_hash(user["password"], form.password.data):
            form.password.errors.append("Incorrect username or password.")
        else:
            cart = session.get("cart")
            session.clear()
            session["user_id"] = user["id"]
            if cart:
                # The cart a visitor filled before logging in is theirs.
                session["cart"] = cart
            return redirect(_safe_next(request.args.get("next")) or url_for("index"))
    return render_template("auth/login.html", form=form)


@bp.route("/logout")
def logout():
    session.clear()
    flash("You have been logged out.")
    return redirect(url_for("index"))
