from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from . import db
from .models import Paste, User

bp = Blueprint("pastes", __name__)

MAX_TITLE = 80


def current_user():
    user_id = session.get("user_id")
    return db().get(User, user_id) if user_id is not None else None


@bp.route("/signup", methods=["GET", "POST"])
def signup():
    if request.method == "POST":
        email = request.form.get("email", "").strip().lower()
        password = request.form.get("password", "")
        if "@" not in email:
            flash("Enter a valid email address.")
        elif len(password) < 10:
            flash("Passwords need at least 10 characters.")
        elif db().scalar(select(User).where(User.email == email)) is not None:
            flash("That email is already registered.")
        else:
            db().add(User(email=email, password_hash=generate_password_hash(password)))
            db().commit()
            flash("Account created, please sign in.")
            return redirect(url_for("pastes.signin"))
    return render_template("signup.html"), 200 if request.method == "GET" else 400


@bp.route("/signin", methods=["GET", "POST"])
def signin():
    if request.method == "POST":
        email = request.form.get("email", "").strip().lower()
        user = db().scalar(select(User).where(User.email == email))
        if user is None or not check_password_hash(user.password_hash, request.form.get("password", "")):
            flash("Wrong email or password.")
            return render_template("signin.html"), 400
        session.clear()
        session["user_id"] = user.id
        return redirect(url_for("pastes.mine"))
    return render_template("signin.html")


@bp.post("/signout")
def signout():
    session.clear()
    return redirect(url_for("pastes.signin"))


@bp.route("/")
def recent():
    """The ten newest public pastes."""
    pastes = db().scalars(
        select(Paste).where(Paste.private.is_(False)).order_by(Paste.created_at.desc(), Paste.id.desc()).limit(10)
    ).all()
    return render_template("list.html", pastes=pastes, heading="Recent pastes")


@bp.route("/mine")
def mine():
    user = current_user()
    if user is None:
        return redirect(url_for("pastes.signin", next=request.path))
    pastes = db().scalars(select(Paste).where(Paste.owner_id == user.id).order_by(Paste.id.desc())).all()
    return render_template("list.html", pastes=pastes, heading="My pastes")


@bp.route("/new", methods=["GET", "POST"])
def new():
    user = current_user()
    if user is None:
        return redirect(url_for("pastes.signin", next=request.path))
    if request.method == "POST":
        title = request.form.get("title", "").strip() or "Untitled"
        content = request.form.get("content", "")
        if not content.strip():
            flash("A paste needs some content.")
        elif len(content.encode()) > current_app.config["MAX_PASTE_BYTES"]:
            flash("That paste is too large.")
        elif len(title) > MAX_TITLE:
            flash(f"Titles are at most {MAX_TITLE} characters.")
        else:
            paste = Paste(owner_id=user.id, title=title, content=content, private="private" in request.form)
            db().add(paste)
            db().commit()
            return redirect(url_for("pastes.show", paste_id=paste.id))
        return render_template("new.html"), 400
    return render_template("new.html")


def _visible_paste(paste_id):
    paste = db().get(Paste, paste_id)
    if paste is None:
        abort(404)
    user = current_user()
    if paste.private and (user is None or user.id != paste.owner_id):
        abort(404)
    return paste


@bp.route("/p/<int:paste_id>")
def show(paste_id):
    return render_template("show.html", paste=_visible_paste(paste_id), user=current_user())


@bp.route("/p/<int:paste_id>/raw")
def raw(paste_id):
    paste = _visible_paste(paste_id)
    return paste.content, 200, {"Content-Type": "text/plain; charset=utf-8"}


@bp.post("/p/<int:paste_id>/delete")
def delete(paste_id):
    user = current_user()
    if user is None:
        return redirect(url_for("pastes.signin"))
    paste = _visible_paste(paste_id)
    if paste.owner_id != user.id:
        abort(403)
    db().delete(paste)
    db().commit()
    flash("Paste deleted.")
    return redirect(url_for("pastes.mine"))
