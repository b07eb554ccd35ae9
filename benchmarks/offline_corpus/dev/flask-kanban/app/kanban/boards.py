from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from .auth import login_required
from .db import get_db

bp = Blueprint("boards", __name__)

COLUMNS = ("todo", "doing", "done")
DEFAULT_LIMITS = {"doing": 3}
MAX_TITLE = 120


def get_board(board_id):
    """The board, if the current user is one of its members: 404 when there is no such board, 403 otherwise."""
    db = get_db()
    board = db.execute(
        "SELECT b.*, u.username AS owner FROM board b JOIN user u ON u.id = b.owner_id WHERE b.id = ?",
        (board_id,),
    ).fetchone()
    if board is None:
        abort(404, f"Board {board_id} doesn't exist.")
    is_member = db.execute(
        "SELECT 1 FROM member WHERE board_id = ? AND user_id = ?", (board_id, g.user["id"])
    ).fetchone()
    if is_member is None:
        abort(403)
    return board


def get_card(board, card_id):
    card = get_db().execute(
        "SELECT * FROM card WHERE id = ? AND board_id = ?", (card_id, board["id"])
    ).fetchone()
    if card is None:
        abort(404, f"Card {card_id} doesn't exist.")
    return card


def wip_limits(board_id):
    rows = get_db().execute("SELECT column_name, max_cards FROM wip_limit WHERE board_id = ?", (board_id,))
    return {row["column_name"]: row["max_cards"] for row in rows}


def column_is_full(board_id, column):
    limit = wip_limits(board_id).get(column)
    if limit is None:
        return False
    count = get_db().execute(
        "SELECT COUNT(*) FROM card WHERE board_id = ? AND column_name = ?", (board_id, column)
    ).fetchone()[0]
    return count >= limit


def to_board(board_id):
    return redirect(url_for("boards.show", board_id=board_id))


@bp.route("/")
@login_required
def index():
    boards = get_db().execute(
        "SELECT b.id, b.name, u.username AS owner FROM board b"
        " JOIN member m ON m.board_id = b.id JOIN user u ON u.id = b.owner_id"
        " WHERE m.user_id = ? ORDER BY b.name",
        (g.user["id"],),
    ).fetchall()
    return render_template("boards/index.html", boards=boards)


@bp.post("/boards")
@login_required
def create():
    name = request.form.get("name", "").strip()
    if not name:
        flash("Board name is required.", "error")
        return redirect(url_for("index"))
    db = get_db()
    board_id = db.execute("INSERT INTO board (name, owner_id) VALUES (?, ?)", (name, g.user["id"])).lastrowid
    db.execute("INSERT INTO member (board_id, user_id) VALUES (?, ?)", (board_id, g.user["id"]))
    for column, limit in DEFAULT_LIMITS.items():
        db.execute("INSERT INTO wip_limit (board_id, column_name, max_cards) VALUES (?, ?, ?)",
                   (board_id, column, limit))
    db.commit()
    return to_board(board_id)


@bp.get("/boards/<int:board_id>")
@login_required
def show(board_id):
    board = get_board(board_id)
    db = get_db()
    cards = db.execute("SELECT * FROM card WHERE board_id = ? ORDER BY id", (board_id,)).fetchall()
    members = db.execute(
        "SELECT u.username FROM member m JOIN user u ON u.id = m.user_id WHERE m.board_id = ? ORDER BY u.username",
        (board_id,),
    ).fetchall()
    columns = {column: [card for card in cards if card["column_name"] == column] for column in COLUMNS}
    return render_template("boards/show.html", board=board, columns=columns, limits=wip_limits(board_id),
                           members=[m["username"] for m in members])


@bp.post("/boards/<int:board_id>/members")
@login_required
def add_member(board_id):
    board = get_board(board_id)
    if board["owner_id"] != g.user["id"]:
        abort(403)
    username = request.form.get("username", "").strip()
    db = get_db()
    user = db.execute("SELECT id FROM user WHERE username = ?", (username,)).fetchone()
    if user is None:
        flash(f"No user named {username}.", "error")
        return to_board(board_id)
    db.execute("INSERT OR IGNORE INTO member (board_id, user_id) VALUES (?, ?)", (board_id, user["id"]))
    db.commit()
    flash(f"{username} can now use this board.")
    return to_board(board_id)


@bp.post("/boards/<int:board_id>/limits")
@login_required
def set_limits(board_id):
    board = get_board(board_id)
    if board["owner_id"] != g.user["id"]:
        abort(403)
    limits = {}
    for column in COLUMNS:
        raw = request.form.get(column, "").strip()
        if not raw:
            continue
        if not raw.isdigit() or int(raw) < 1:
            flash(f"The {column} limit must be a whole number of at least 1, or empty for no limit.", "error")
            return to_board(board_id)
        limits[column] = int(raw)
    db = get_db()
    db.execute("DELETE FROM wip_limit WHERE board_id = ?", (board_id,))
    for column, limit in limits.items():
        db.execute("INSERT INTO wip_limit (board_id, column_name, max_cards) VALUES (?, ?, ?)",
                   (board_id, column, limit))
    db.commit()
    flash("WIP limits saved.")
    return to_board(board_id)


@bp.post("/boards/<int:board_id>/cards")
@login_required
def add_card(board_id):
    get_board(board_id)
    title = request.form.get("title", "").strip()
    if not title:
        flash("Card title is required.", "error")
    elif len(title) > MAX_TITLE:
        flash(f"Card titles are limited to {MAX_TITLE} characters.", "error")
    elif column_is_full(board_id, "todo"):
        flash("The todo column is at its WIP limit.", "error")
    else:
        db = get_db()
        db.execute("INSERT INTO card (board_id, title, author_id) VALUES (?, ?, ?)",
                   (board_id, title, g.user["id"]))
        db.commit()
    return to_board(board_id)


@bp.post("/boards/<int:board_id>/cards/<int:card_id>/move")
@login_required
def move_card(board_id, card_id):
    board = get_board(board_id)
    card = get_card(board, card_id)
    column = request.form.get("column", "")
    if column not in COLUMNS:
        abort(400, f"Unknown column {column!r}.")
    if column == card["column_name"]:
        return to_board(board_id)
    if column_is_full(board_id, column):
        flash(f"The {column} column is at its WIP limit.", "error")
        return to_board(board_id)
    db = get_db()
    db.execute("UPDATE card SET column_name = ? WHERE id = ?", (column, card_id))
    db.commit()
    return to_board(board_id)


@bp.post("/boards/<int:board_id>/cards/<int:card_id>/delete")
@login_required
def delete_card(board_id, card_id):
    board = get_board(board_id)
    get_card(board, card_id)
    db = get_db()
    db.execute("DELETE FROM card WHERE id = ?", (card_id,))
    db.commit()
    return to_board(board_id)
