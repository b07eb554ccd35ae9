from datetime import datetime, timedelta, timezone

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from .auth import login_required, moderator_required
from .db import get_db, now, parse_time

bp = Blueprint("threads", __name__)

POSTS_PER_PAGE = 20
EDIT_WINDOW = timedelta(minutes=15)


def get_thread(thread_id):
    thread = get_db().execute(
        "SELECT t.*, b.slug AS board_slug, b.name AS board_name"
        " FROM thread t JOIN board b ON t.board_id = b.id WHERE t.id = ?",
        (thread_id,),
    ).fetchone()
    if thread is None:
        abort(404, f"Thread {thread_id} doesn't exist.")
    return thread


def page_count(thread_id):
    (count,) = get_db().execute("SELECT COUNT(*) FROM post WHERE thread_id = ?", (thread_id,)).fetchone()
    return max(1, (count + POSTS_PER_PAGE - 1) // POSTS_PER_PAGE)


def page_of_post(post):
    """The page of its thread that shows `post`."""
    (position,) = get_db().execute(
        "SELECT COUNT(*) FROM post WHERE thread_id = ? AND id <= ?", (post["thread_id"], post["id"])
    ).fetchone()
    return (position - 1) // POSTS_PER_PAGE + 1


def post_url(post):
    return url_for("threads.thread", thread_id=post["thread_id"], page=page_of_post(post), _anchor=f"post-{post['id']}")


def can_edit(post, user):
    if user is None or post["author_id"] != user["id"]:
        return False
    return datetime.now(timezone.utc) - parse_time(post["created"]) <= EDIT_WINDOW


@bp.route("/t/<int:thread_id>")
def thread(thread_id):
    thread = get_thread(thread_id)
    page = request.args.get("page", 1, type=int)
    pages = page_count(thread_id)
    if page < 1 or page > pages:
        abort(404)
    posts = get_db().execute(
        "SELECT p.*, u.username FROM post p JOIN user u ON p.author_id = u.id"
        " WHERE p.thread_id = ? ORDER BY p.id LIMIT ? OFFSET ?",
        (thread_id, POSTS_PER_PAGE, (page - 1) * POSTS_PER_PAGE),
    ).fetchall()
    editable = {post["id"] for post in posts if can_edit(post, g.user)}
    return render_template(
        "threads/thread.html", thread=thread, posts=posts, page=page, pages=pages, editable=editable
    )


@bp.route("/t/<int:thread_id>/reply", methods=("POST",))
@login_required
def reply(thread_id):
    thread = get_thread(thread_id)
    if thread["locked"]:
        flash("This thread is locked.")
        return redirect(url_for("threads.thread", thread_id=thread_id))

    body = request.form.get("body", "")
    if not body.strip():
        flash("A reply cannot be empty.")
        return redirect(url_for("threads.thread", thread_id=thread_id, page=page_count(thread_id)))

    db = get_db()
    cursor = db.execute(
        "INSERT INTO post (thread_id, author_id, body, created) VALUES (?, ?, ?, ?)",
        (thread_id, g.user["id"], body.strip(), now()),
    )
    db.commit()
    post = db.execute("SELECT * FROM post WHERE id = ?", (cursor.lastrowid,)).fetchone()
    return redirect(post_url(post))


def _set_locked(thread_id, locked):
    get_thread(thread_id)
    db = get_db()
    db.execute("UPDATE thread SET locked = ? WHERE id = ?", (1 if locked else 0, thread_id))
    db.commit()
    flash("Thread locked." if locked else "Thread unlocked.")
    return redirect(url_for("threads.thread", thread_id=thread_id))


@bp.route("/t/<int:thread_id>/lock", methods=("POST",))
@login_required
@moderator_required
def lock(thread_id):
    return _set_locked(thread_id, True)


@bp.route("/t/<int:thread_id>/unlock", methods=("POST",))
@login_required
@moderator_required
def unlock(thread_id):
    return _set_locked(thread_id, False)


@bp.route("/posts/<int:post_id>/edit", methods=("GET", "POST"))
@login_required
def edit_post(post_id):
    post = get_db().execute("SELECT * FROM post WHERE id = ?", (post_id,)).fetchone()
    if post is None:
        abort(404, f"Post {post_id} doesn't exist.")
    if post["author_id"] != g.user["id"]:
        abort(403)
    if datetime.now(timezone.utc) - parse_time(post["created"]) > EDIT_WINDOW:
        abort(403, "Posts can only be edited for 15 minutes.")

    if request.method == "POST":
        body = request.form["body"].strip()
        if not body:
            flash("A post cannot be empty.")
        else:
            db = get_db()
            db.execute("UPDATE post SET body = ?, edited = ? WHERE id = ?", (body, now(), post_id))
            db.commit()
            return redirect(post_url(post))

    return render_template("posts/edit.html", post=post, thread=get_thread(post["thread_id"]))
