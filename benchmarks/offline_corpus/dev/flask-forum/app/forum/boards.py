import re

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from .auth import login_required, moderator_required
from .db import get_db, now

bp = Blueprint("boards", __name__)

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_TITLE_LENGTH = 120


def get_board(slug):
    board = get_db().execute("SELECT * FROM board WHERE slug = ?", (slug,)).fetchone()
    if board is None:
        abort(404, f"No board /{slug}.")
    return board


@bp.route("/")
def index():
    boards = get_db().execute(
        "SELECT b.id, b.slug, b.name, b.description, COUNT(t.id) AS threads"
        " FROM board b LEFT JOIN thread t ON t.board_id = b.id"
        " GROUP BY b.id ORDER BY b.name"
    ).fetchall()
    return render_template("boards/index.html", boards=boards)


@bp.route("/boards/new", methods=("GET", "POST"))
@login_required
@moderator_required
def create_board():
    if request.method == "POST":
        slug = request.form["slug"].strip().lower()
        name = request.form["name"].strip()
        description = request.form.get("description", "").strip()
        db = get_db()
        error = None

        if not name:
            error = "Name is required."
        elif not SLUG_RE.match(slug):
            error = "The address may use lower-case letters, digits and single hyphens."
        elif db.execute("SELECT 1 FROM board WHERE slug = ?", (slug,)).fetchone() is not None:
            error = f"Board /{slug} already exists."

        if error is None:
            db.execute("INSERT INTO board (slug, name, description) VALUES (?, ?, ?)", (slug, name, description))
            db.commit()
            return redirect(url_for("boards.board", slug=slug))

        flash(error)

    return render_template("boards/new.html")


@bp.route("/b/<slug>")
def board(slug):
    board = get_board(slug)
    threads = get_db().execute(
        "SELECT t.id, t.title, t.locked, u.username, COUNT(p.id) AS posts, MAX(p.created) AS last_post"
        " FROM thread t JOIN user u ON t.author_id = u.id LEFT JOIN post p ON p.thread_id = t.id"
        " WHERE t.board_id = ? GROUP BY t.id ORDER BY last_post DESC, MAX(p.id) DESC",
        (board["id"],),
    ).fetchall()
    return render_template("boards/board.html", board=board, threads=threads)


@bp.route("/b/<slug>/new", methods=("GET", "POST"))
@login_required
def create_thread(slug):
    board = get_board(slug)
    if request.method == "POST":
        title = request.form["title"].strip()
        body = request.form["body"].strip()
        error = None

        if not title:
            error = "Title is required."
        elif len(title) > MAX_TITLE_LENGTH:
            error = f"Title must be at most {MAX_TITLE_LENGTH} characters."
        elif not body:
            error = "The first post cannot be empty."

        if error is None:
            db = get_db()
            created = now()
            cursor = db.execute(
                "INSERT INTO thread (board_id, author_id, title, created) VALUES (?, ?, ?, ?)",
                (board["id"], g.user["id"], title, created),
            )
            db.execute(
                "INSERT INTO post (thread_id, author_id, body, created) VALUES (?, ?, ?, ?)",
                (cursor.lastrowid, g.user["id"], body, created),
            )
            db.commit()
            return redirect(url_for("threads.thread", thread_id=cursor.lastrowid))

        flash(error)

    return render_template("boards/new_thread.html", board=board)
