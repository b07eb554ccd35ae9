from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, g, jsonify, request, url_for

from .auth import json_body, token_required
from .db import get_db

bp = Blueprint("bookmarks", __name__, url_prefix="/api/bookmarks")

MAX_TAGS = 5
MAX_TITLE_LENGTH = 200
MAX_URL_LENGTH = 2048


def validate_url(value):
    if not isinstance(value, str) or len(value) > MAX_URL_LENGTH:
        abort(400, "url must be a string of at most 2048 characters")
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        abort(400, "url must be an absolute http or https URL")
    return value.strip()


def validate_title(value):
    if not isinstance(value, str) or not value.strip():
        abort(400, "title is required")
    title = value.strip()
    if len(title) > MAX_TITLE_LENGTH:
        abort(400, f"title must be at most {MAX_TITLE_LENGTH} characters")
    return title


def normalize_tags(value):
    """Lower-case, strip and de-duplicate tags, keeping their first-seen order."""
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        abort(400, "tags must be a list of strings")
    tags = []
    for raw in value:
        tag = raw.strip().lower()
        if not tag:
            abort(400, "tags cannot be blank")
        if tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        abort(400, f"at most {MAX_TAGS} tags")
    return tags


def validate_private(value):
    if not isinstance(value, bool):
        abort(400, "private must be true or false")
    return value


def tags_of(bookmark_id):
    rows = get_db().execute(
        "SELECT tag FROM bookmark_tag WHERE bookmark_id = ? ORDER BY position", (bookmark_id,)
    ).fetchall()
    return [row["tag"] for row in rows]


def set_tags(bookmark_id, tags):
    db = get_db()
    db.execute("DELETE FROM bookmark_tag WHERE bookmark_id = ?", (bookmark_id,))
    db.executemany(
        "INSERT INTO bookmark_tag (bookmark_id, tag, position) VALUES (?, ?, ?)",
        [(bookmark_id, tag, position) for position, tag in enumerate(tags)],
    )


def to_json(row):
    return {
        "id": row["id"],
        "url": row["url"],
        "title": row["title"],
        "tags": tags_of(row["id"]),
        "private": bool(row["private"]),
        "owner": row["owner"],
    }


SELECT_BOOKMARK = (
    "SELECT b.id, b.url, b.title, b.private, b.owner_id, u.username AS owner"
    " FROM bookmark b JOIN user u ON u.id = b.owner_id"
)


def get_visible_bookmark(bookmark_id):
    """The bookmark if the caller may see it; private bookmarks of others are hidden as 404."""
    row = get_db().execute(SELECT_BOOKMARK + " WHERE b.id = ?", (bookmark_id,)).fetchone()
    if row is None or (row["private"] and row["owner_id"] != g.user["id"]):
        abort(404, f"bookmark {bookmark_id} not found")
    return row


def get_own_bookmark(bookmark_id):
    row = get_visible_bookmark(bookmark_id)
    if row["owner_id"] != g.user["id"]:
        abort(403, "only the owner can change a bookmark")
    return row


def int_arg(name, default, minimum, maximum=None):
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        abort(400, f"{name} must be an integer")
    if value < minimum or (maximum is not None and value > maximum):
        abort(400, f"{name} is out of range")
    return value


@bp.get("")
@token_required
def list_bookmarks():
    page = int_arg("page", 1, 1)
    per_page = int_arg("per_page", current_app.config["BOOKMARKS_PER_PAGE"], 1, current_app.config["BOOKMARKS_MAX_PER_PAGE"])
    tag = request.args.get("tag", "").strip().lower()

    where = "WHERE (b.private = 0 OR b.owner_id = ?)"
    params = [g.user["id"]]
    if tag:
        where += " AND EXISTS (SELECT 1 FROM bookmark_tag t WHERE t.bookmark_id = b.id AND t.tag = ?)"
        params.append(tag)

    db = get_db()
    total = db.execute(f"SELECT COUNT(*) FROM bookmark b {where}", params).fetchone()[0]
    rows = db.execute(
        f"{SELECT_BOOKMARK} {where} ORDER BY b.id DESC LIMIT ? OFFSET ?",
        [*params, per_page, (page - 1) * per_page],
    ).fetchall()

    next_url = None
    if page * per_page < total:
        args = {"page": page + 1, "per_page": per_page}
        if tag:
            args["tag"] = tag
        next_url = url_for("bookmarks.list_bookmarks", _external=True, **args)
    response = jsonify(items=[to_json(row) for row in rows], page=page, per_page=per_page, total=total, next=next_url)
    if next_url:
        response.headers["Link"] = f'<{next_url}>; rel="next"'
    return response


@bp.post("")
@token_required
def create_bookmark():
    data = json_body()
    url = validate_url(data.get("url"))
    title = validate_title(data.get("title"))
    tags = normalize_tags(data.get("tags", []))
    private = validate_private(data.get("private", False))
    db = get_db()
    cur = db.execute(
        "INSERT INTO bookmark (owner_id, url, title, private) VALUES (?, ?, ?, ?)",
        (g.user["id"], url, title, int(private)),
    )
    set_tags(cur.lastrowid, tags)
    db.commit()
    row = get_visible_bookmark(cur.lastrowid)
    response = jsonify(to_json(row))
    response.status_code = 201
    response.headers["Location"] = url_for("bookmarks.show_bookmark", bookmark_id=cur.lastrowid)
    return response


@bp.get("/<int:bookmark_id>")
@token_required
def show_bookmark(bookmark_id):
    return jsonify(to_json(get_visible_bookmark(bookmark_id)))


@bp.patch("/<int:bookmark_id>")
@token_required
def update_bookmark(bookmark_id):
    row = get_own_bookmark(bookmark_id)
    data = json_body()
    url = validate_url(data["url"]) if "url" in data else row["url"]
    title = validate_title(data["title"]) if "title" in data else row["title"]
    private = validate_private(data["private"]) if "private" in data else bool(row["private"])
    tags = normalize_tags(data["tags"]) if "tags" in data else None

    db = get_db()
    db.execute(
        "UPDATE bookmark SET url = ?, title = ?, private = ? WHERE id = ?",
        (url, title, int(private), bookmark_id),
    )
    if tags is not None:
        set_tags(bookmark_id, tags)
    db.commit()
    return jsonify(to_json(get_visible_bookmark(bookmark_id)))


@bp.delete("/<int:bookmark_id>")
@token_required
def delete_bookmark(bookmark_id):
    get_own_bookmark(bookmark_id)
    db = get_db()
    db.execute("DELETE FROM bookmark WHERE id = ?", (bookmark_id,))
    db.commit()
    return "", 204
