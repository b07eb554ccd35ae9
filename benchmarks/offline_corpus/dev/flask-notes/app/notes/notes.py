from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from werkzeug.exceptions import abort

from .auth import login_required
from .db import get_db

bp = Blueprint("notes", __name__)

MAX_TITLE_LENGTH = 100


@bp.route("/")
@login_required
def index():
    """The logged-in user's notes, pinned first, newest first, one page at a time."""
    page = request.args.get("page", 1, type=int)
    if page < 1:
        abort(404)
    per_page = current_app.config["NOTES_PER_PAGE"]
    notes = get_db().execute(
        "SELECT id, title, body, created, pinned FROM note WHERE author_id = ?"
        " ORDER BY pinned DESC, created DESC, id DESC LIMIT ? OFFSET ?",
        (g.user["id"], per_page, (page - 1) * per_page),
    ).fetchall()
    return render_template("notes/index.html", notes=notes, page=page)


def get_note(id, check_author=True):
    note = get_db().execute(
        "SELECT n.id, title, body, created, pinned, author_id, username"
        " FROM note n JOIN user u ON n.author_id = u.id WHERE n.id = ?",
        (id,),
    ).fetchone()

    if note is None:
        abort(404, f"Note id {id} doesn't exist.")

    if check_author and note["author_id"] != g.user["id"]:
        abort(403)

    return note


def _validate(title):
    if not title:
        return "Title is required."
    if len(title) > MAX_TITLE_LENGTH:
        return f"Title must be at most {MAX_TITLE_LENGTH} characters."
    return None


@bp.route("/create", methods=("GET", "POST"))
@login_required
def create():
    if request.method == "POST":
        title = request.form["title"].strip()
        body = request.form.get("body", "")
        pinned = 1 if request.form.get("pinned") else 0
        error = _validate(title)

        if error is not None:
            flash(error)
        else:
            db = get_db()
            db.execute(
                "INSERT INTO note (title, body, pinned, author_id) VALUES (?, ?, ?, ?)",
                (title, body, pinned, g.user["id"]),
            )
            db.commit()
            return redirect(url_for("notes.index"))

    return render_template("notes/create.html")


@bp.route("/<int:id>")
@login_required
def detail(id):
    return render_template("notes/detail.html", note=get_note(id))


@bp.route("/<int:id>/update", methods=("GET", "POST"))
@login_required
def update(id):
    note = get_note(id)

    if request.method == "POST":
        title = request.form["title"].strip()
        body = request.form.get("body", "")
        pinned = 1 if request.form.get("pinned") else 0
        error = _validate(title)

        if error is not None:
            flash(error)
        else:
            db = get_db()
            db.execute(
                "UPDATE note SET title = ?, body = ?, pinned = ? WHERE id = ?",
                (title, body, pinned, id),
            )
            db.commit()
            return redirect(url_for("notes.detail", id=id))

    return render_template("notes/update.html", note=note)


@bp.route("/<int:id>/delete", methods=("POST",))
@login_required
def delete(id):
    get_note(id)
    db = get_db()
    db.execute("DELETE FROM note WHERE id = ?", (id,))
    db.commit()
    return redirect(url_for("notes.index"))
