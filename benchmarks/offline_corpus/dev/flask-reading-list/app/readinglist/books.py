from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for

from readinglist.auth import login_required
from readinglist.db import get_db

bp = Blueprint("books", __name__)

STATUSES = ("want", "reading", "finished")


def progress(book) -> int:
    """Pages read as a whole percentage, rounded half up."""
    if not book["total_pages"]:
        return 0
    return (book["pages_read"] * 200 + book["total_pages"]) // (book["total_pages"] * 2)


def get_book(book_id, check_owner=True):
    book = get_db().execute("SELECT * FROM book WHERE id = ?", (book_id,)).fetchone()
    if book is None:
        abort(404, f"Book {book_id} doesn't exist.")
    if check_owner and book["user_id"] != g.user["id"]:
        abort(403)
    return book


def reading_count(exclude_id=None) -> int:
    sql = "SELECT COUNT(*) FROM book WHERE user_id = ? AND status = 'reading'"
    params = [g.user["id"]]
    if exclude_id is not None:
        sql += " AND id != ?"
        params.append(exclude_id)
    return get_db().execute(sql, params).fetchone()[0]


def parse_int(raw, name, low, high):
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a whole number.") from None
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high}.")
    return value


@bp.route("/")
@login_required
def index():
    books = get_db().execute(
        "SELECT * FROM book WHERE user_id = ? ORDER BY status = 'finished', added DESC, id DESC",
        (g.user["id"],),
    ).fetchall()
    rows = [dict(book, progress=progress(book)) for book in books]
    return render_template("books/index.html", books=rows)


@bp.route("/books/new", methods=("GET", "POST"))
@login_required
def create():
    if request.method == "POST":
        title = request.form.get("title", "").strip()
        author = request.form.get("author", "").strip()
        status = request.form.get("status", "want")
        error = None
        try:
            total_pages = parse_int(
                request.form.get("total_pages"), "Pages", 1, current_app.config["MAX_PAGES"]
            )
        except ValueError as exc:
            error = str(exc)
        if not title:
            error = "Title is required."
        elif status not in STATUSES:
            error = "Unknown status."
        if error is not None:
            flash(error)
            return render_template("books/form.html", book=None), 400

        limit = current_app.config["MAX_READING"]
        if status == "reading" and reading_count() >= limit:
            flash(f"You are already reading {limit} books. Finish one first.")
            return redirect(url_for("index"))

        pages_read = total_pages if status == "finished" else 0
        db = get_db()
        db.execute(
            "INSERT INTO book (user_id, title, author, total_pages, pages_read, status)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (g.user["id"], title, author, total_pages, pages_read, status),
        )
        db.commit()
        flash(f"Added {title}.")
        return redirect(url_for("index"))
    return render_template("books/form.html", book=None)


@bp.route("/books/<int:book_id>/edit", methods=("GET", "POST"))
@login_required
def edit(book_id):
    book = get_book(book_id)
    if request.method == "POST":
        title = request.form.get("title", "").strip() or book["title"]
        author = request.form.get("author", book["author"]).strip()
        status = request.form.get("status", book["status"])
        error = None
        try:
            pages_read = parse_int(
                request.form.get("pages_read", book["pages_read"]),
                "Pages read",
                0,
                book["total_pages"],
            )
        except ValueError as exc:
            error = str(exc)
        if status not in STATUSES:
            error = "Unknown status."
        if error is not None:
            flash(error)
            return render_template("books/form.html", book=book), 400

        if pages_read == book["total_pages"]:
            status = "finished"
        elif status == "finished":
            pages_read = book["total_pages"]

        limit = current_app.config["MAX_READING"]
        if status == "reading" and reading_count(exclude_id=book_id) >= limit:
            flash(f"You are already reading {limit} books. Finish one first.")
            return redirect(url_for("index"))

        db = get_db()
        db.execute(
            "UPDATE book SET title = ?, author = ?, status = ?, pages_read = ? WHERE id = ?",
            (title, author, status, pages_read, book_id),
        )
        db.commit()
        flash(f"Updated {title}.")
        return redirect(url_for("index"))
    return render_template("books/form.html", book=book)


@bp.route("/books/<int:book_id>/delete", methods=("POST",))
@login_required
def delete(book_id):
    book = get_book(book_id)
    db = get_db()
    db.execute("DELETE FROM book WHERE id = ?", (book_id,))
    db.commit()
    flash(f"Removed {book['title']}.")
    return redirect(url_for("index"))
