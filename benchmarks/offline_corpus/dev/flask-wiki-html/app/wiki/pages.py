import re
import unicodedata

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for

from .auth import login_required
from .db import get_db

bp = Blueprint("pages", __name__)

MAX_SLUG = 60


def slugify(title):
    """'Getting Started: Part 2!' -> 'getting-started-part-2'."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text.lower())
    return text[:MAX_SLUG].strip("-")


def get_page(slug):
    page = get_db().execute(
        "SELECT p.id, p.slug, p.title, p.author_id, p.created, u.username AS author"
        " FROM page p JOIN user u ON p.author_id = u.id WHERE p.slug = ?",
        (slug,),
    ).fetchone()
    if page is None:
        abort(404, f"There is no page called {slug!r}.")
    return page


def current_revision(page_id):
    return get_db().execute(
        "SELECT r.*, u.username AS editor FROM revision r JOIN user u ON r.editor_id = u.id"
        " WHERE r.page_id = ? ORDER BY r.number DESC LIMIT 1",
        (page_id,),
    ).fetchone()


def add_revision(db, page_id, body, comment):
    number = db.execute(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM revision WHERE page_id = ?", (page_id,)
    ).fetchone()[0]
    db.execute(
        "INSERT INTO revision (page_id, number, body, comment, editor_id) VALUES (?, ?, ?, ?, ?)",
        (page_id, number, body, comment, g.user["id"]),
    )
    return number


def can_delete(page):
    return g.user is not None and (g.user["is_admin"] or g.user["id"] == page["author_id"])


@bp.route("/")
def index():
    pages = get_db().execute(
        "SELECT p.slug, p.title, MAX(r.created) AS updated, COUNT(r.id) AS revisions"
        " FROM page p JOIN revision r ON r.page_id = p.id GROUP BY p.id ORDER BY p.title COLLATE NOCASE"
    ).fetchall()
    return render_template("pages/index.html", pages=pages)


@bp.route("/new", methods=("GET", "POST"))
@login_required
def create():
    if request.method == "POST":
        title = request.form.get("title", "").strip()
        body = request.form.get("body", "")
        slug = slugify(title)
        db = get_db()

        if not title:
            flash("Title is required.")
            return render_template("pages/new.html"), 400
        if not slug:
            flash("The title needs at least one letter or digit.")
            return render_template("pages/new.html"), 400
        if not body.strip():
            flash("The page needs some text.")
            return render_template("pages/new.html"), 400
        if db.execute("SELECT 1 FROM page WHERE slug = ?", (slug,)).fetchone() is not None:
            flash(f"A page called {slug!r} already exists.")
            return render_template("pages/new.html"), 409

        cur = db.execute("INSERT INTO page (slug, title, author_id) VALUES (?, ?, ?)", (slug, title, g.user["id"]))
        add_revision(db, cur.lastrowid, body, "Created")
        db.commit()
        flash("Page created.")
        return redirect(url_for("pages.view", slug=slug))

    return render_template("pages/new.html")


@bp.route("/wiki/<slug>")
def view(slug):
    page = get_page(slug)
    revision = current_revision(page["id"])
    return render_template("pages/view.html", page=page, revision=revision, latest=True, can_delete=can_delete(page))


@bp.route("/wiki/<slug>/edit", methods=("GET", "POST"))
@login_required
def edit(slug):
    page = get_page(slug)
    revision = current_revision(page["id"])

    if request.method == "POST":
        body = request.form.get("body", "")
        comment = request.form.get("comment", "").strip()
        if not body.strip():
            flash("The page needs some text.")
            return render_template("pages/edit.html", page=page, revision=revision), 400
        if body == revision["body"]:
            flash("No changes to save.")
            return redirect(url_for("pages.view", slug=slug))

        db = get_db()
        number = add_revision(db, page["id"], body, comment)
        db.commit()
        flash(f"Saved revision {number}.")
        return redirect(url_for("pages.view", slug=slug))

    return render_template("pages/edit.html", page=page, revision=revision)


@bp.route("/wiki/<slug>/history")
def history(slug):
    page = get_page(slug)
    revisions = get_db().execute(
        "SELECT r.number, r.comment, r.created, u.username AS editor"
        " FROM revision r JOIN user u ON r.editor_id = u.id WHERE r.page_id = ? ORDER BY r.number DESC",
        (page["id"],),
    ).fetchall()
    return render_template("pages/history.html", page=page, revisions=revisions)


@bp.route("/wiki/<slug>/revisions/<int:number>")
def revision(slug, number):
    page = get_page(slug)
    revision = get_db().execute(
        "SELECT r.*, u.username AS editor FROM revision r JOIN user u ON r.editor_id = u.id"
        " WHERE r.page_id = ? AND r.number = ?",
        (page["id"], number),
    ).fetchone()
    if revision is None:
        abort(404, f"Revision {number} of {slug!r} does not exist.")
    latest = current_revision(page["id"])["number"] == number
    return render_template("pages/view.html", page=page, revision=revision, latest=latest, can_delete=False)


@bp.route("/wiki/<slug>/revisions/<int:number>/revert", methods=("POST",))
@login_required
def revert(slug, number):
    page = get_page(slug)
    db = get_db()
    old = db.execute(
        "SELECT body FROM revision WHERE page_id = ? AND number = ?", (page["id"], number)
    ).fetchone()
    if old is None:
        abort(404, f"Revision {number} of {slug!r} does not exist.")
    if old["body"] == current_revision(page["id"])["body"]:
        flash("That revision is already the current text.")
        return redirect(url_for("pages.view", slug=slug))
    new_number = add_revision(db, page["id"], old["body"], f"Reverted to revision {number}")
    db.commit()
    flash(f"Reverted to revision {number} as revision {new_number}.")
    return redirect(url_for("pages.view", slug=slug))


@bp.route("/wiki/<slug>/delete", methods=("POST",))
@login_required
def delete(slug):
    page = get_page(slug)
    if not can_delete(page):
        abort(403, "Only the page's author or an admin may delete it.")
    db = get_db()
    db.execute("DELETE FROM page WHERE id = ?", (page["id"],))
    db.commit()
    flash(f"Deleted {page['title']!r}.")
    return redirect(url_for("index"))


@bp.route("/search")
def search():
    query = request.args.get("q", "").strip()
    results = []
    if query:
        pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        results = get_db().execute(
            "SELECT p.slug, p.title FROM page p JOIN revision r ON r.page_id = p.id"
            " WHERE r.number = (SELECT MAX(number) FROM revision WHERE page_id = p.id)"
            " AND (p.title LIKE ? ESCAPE '\\' OR r.body LIKE ? ESCAPE '\\')"
            " ORDER BY p.title COLLATE NOCASE LIMIT ?",
            (pattern, pattern, current_app.config["SEARCH_LIMIT"]),
        ).fetchall()
    return render_template("pages/search.html", query=query, results=results)
