"""Card routes. Money is in integer cents; dates follow the app's CLOCK (UTC)."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from flask import Blueprint, current_app, g, jsonify, request
from itsdangerous import BadSignature, URLSafeSerializer

from giftcards.auth import merchant_required
from giftcards.db import get_db

bp = Blueprint("cards", __name__)

MIN_CENTS = 500
MAX_CENTS = 50_000
DEFAULT_VALID_DAYS = 365
MIN_VALID_DAYS = 30
MAX_VALID_DAYS = 1095
REDEMPTIONS_PER_DAY = 3
MAX_PER_PAGE = 50

# status -> statuses it may move to
TRANSITIONS = {
    "active": {"frozen", "void"},
    "frozen": {"active", "void"},
    "void": set(),
}


class CardError(Exception):
    def __init__(self, status: int, message: str, **extra):
        self.status = status
        self.message = message
        self.extra = extra


@bp.errorhandler(CardError)
def card_error(exc: CardError):
    return jsonify(error=exc.message, **exc.extra), exc.status


def now():
    return current_app.config["CLOCK"]()


def balance_serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="balance")


def is_expired(card, today: date) -> bool:
    return today > date.fromisoformat(card["expires_on"])


def card_out(card) -> dict:
    token = balance_serializer().dumps(card["code"])
    return {
        "code": card["code"],
        "initial_cents": card["initial_cents"],
        "balance_cents": card["balance_cents"],
        "status": card["status"],
        "expired": is_expired(card, now().date()),
        "issued_at": card["issued_at"],
        "expires_on": card["expires_on"],
        "balance_url": f"{current_app.config['BASE_URL']}/balance/{token}",
    }


def cents(data: dict, field: str) -> int:
    value = data.get(field)
    if not isinstance(value, int) or isinstance(value, bool):
        raise CardError(400, f"{field} must be a whole number of cents")
    return value


def own_card(code: str):
    card = get_db().execute(
        "SELECT * FROM cards WHERE code = ? AND merchant_id = ?", (code, g.merchant_id)
    ).fetchone()
    if card is None:
        raise CardError(404, "card not found")
    return card


def record(card_id: int, kind: str, amount: int) -> None:
    get_db().execute(
        "INSERT INTO movements (card_id, kind, amount_cents, created_at) VALUES (?, ?, ?, ?)",
        (card_id, kind, amount, now().isoformat()),
    )


@bp.post("/cards")
@merchant_required
def issue():
    data = request.get_json(silent=True) or {}
    amount = cents(data, "amount_cents")
    if not MIN_CENTS <= amount <= MAX_CENTS:
        raise CardError(400, f"amount_cents must be between {MIN_CENTS} and {MAX_CENTS}")
    valid_days = data.get("valid_days", DEFAULT_VALID_DAYS)
    if not isinstance(valid_days, int) or not MIN_VALID_DAYS <= valid_days <= MAX_VALID_DAYS:
        raise CardError(400, f"valid_days must be between {MIN_VALID_DAYS} and {MAX_VALID_DAYS}")
    issued = now()
    expires_on = issued.date() + timedelta(days=valid_days)
    db = get_db()
    code = secrets.token_hex(8).upper()
    cur = db.execute(
        "INSERT INTO cards (merchant_id, code, initial_cents, balance_cents, issued_at, expires_on)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (g.merchant_id, code, amount, amount, issued.isoformat(), expires_on.isoformat()),
    )
    record(cur.lastrowid, "issue", amount)
    db.commit()
    return jsonify(card_out(own_card(code))), 201


@bp.get("/cards")
@merchant_required
def list_cards():
    try:
        page = int(request.args.get("page", 1))
        per_page = int(request.args.get("per_page", 10))
    except ValueError:
        raise CardError(400, "page and per_page must be numbers") from None
    if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
        raise CardError(400, f"page must be at least 1 and per_page between 1 and {MAX_PER_PAGE}")
    where, params = "merchant_id = ?", [g.merchant_id]
    status = request.args.get("status")
    if status:
        if status not in TRANSITIONS:
            raise CardError(400, f"unknown status {status!r}")
        where += " AND status = ?"
        params.append(status)
    db = get_db()
    total = db.execute(f"SELECT COUNT(*) FROM cards WHERE {where}", params).fetchone()[0]
    rows = db.execute(
        f"SELECT * FROM cards WHERE {where} ORDER BY id DESC LIMIT ? OFFSET ?",
        [*params, per_page, (page - 1) * per_page],
    ).fetchall()
    return jsonify(
        cards=[card_out(r) for r in rows],
        page=page,
        per_page=per_page,
        total=total,
        pages=(total + per_page - 1) // per_page,
    )


@bp.get("/cards/<code>")
@merchant_required
def show(code):
    card = own_card(code)
    movements = get_db().execute(
        "SELECT kind, amount_cents, created_at FROM movements WHERE card_id = ? ORDER BY id", (card["id"],)
    ).fetchall()
    return jsonify({**card_out(card), "movements": [dict(m) for m in movements]})


@bp.post("/cards/<code>/redeem")
@merchant_required
def redeem(code):
    card = own_card(code)
    amount = cents(request.get_json(silent=True) or {}, "amount_cents")
    if amount <= 0:
        raise CardError(400, "amount_cents must be positive")
    if card["status"] != "active":
        raise CardError(409, f"card is {card['status']}")
    today = now().date()
    if is_expired(card, today):
        raise CardError(409, "card expired")
    if amount > card["balance_cents"]:
        raise CardError(409, "insufficient balance", balance_cents=card["balance_cents"])
    db = get_db()
    used_today = db.execute(
        "SELECT COUNT(*) FROM movements WHERE card_id = ? AND kind = 'redeem' AND substr(created_at, 1, 10) = ?",
        (card["id"], today.isoformat()),
    ).fetchone()[0]
    if used_today >= REDEMPTIONS_PER_DAY:
        raise CardError(429, "daily redemption limit reached")
    db.execute("UPDATE cards SET balance_cents = balance_cents - ? WHERE id = ?", (amount, card["id"]))
    record(card["id"], "redeem", amount)
    db.commit()
    return jsonify(card_out(own_card(code)))


@bp.post("/cards/<code>/refund")
@merchant_required
def refund(code):
    card = own_card(code)
    amount = cents(request.get_json(silent=True) or {}, "amount_cents")
    if amount <= 0:
        raise CardError(400, "amount_cents must be positive")
    if card["status"] == "void":
        raise CardError(409, "card is void")
    spent = card["initial_cents"] - card["balance_cents"]
    if amount > spent:
        raise CardError(409, "refund exceeds the amount redeemed", refundable_cents=spent)
    db = get_db()
    db.execute("UPDATE cards SET balance_cents = balance_cents + ? WHERE id = ?", (amount, card["id"]))
    record(card["id"], "refund", amount)
    db.commit()
    return jsonify(card_out(own_card(code)))


def move(code: str, to: str):
    card = own_card(code)
    if to not in TRANSITIONS[card["status"]]:
        raise CardError(409, f"cannot move a {card['status']} card to {to}")
    db = get_db()
    if to == "void":
        record(card["id"], "void", card["balance_cents"])
        db.execute("UPDATE cards SET status = 'void', balance_cents = 0 WHERE id = ?", (card["id"],))
    else:
        db.execute("UPDATE cards SET status = ? WHERE id = ?", (to, card["id"]))
    db.commit()
    return jsonify(card_out(own_card(code)))


@bp.post("/cards/<code>/freeze")
@merchant_required
def freeze(code):
    return move(code, "frozen")


@bp.post("/cards/<code>/unfreeze")
@merchant_required
def unfreeze(code):
    return move(code, "active")


@bp.post("/cards/<code>/void")
@merchant_required
def void(code):
    return move(code, "void")


@bp.get("/balance/<token>")
def public_balance(token):
    """What a card holder sees from the link printed on the card; no sign-in."""
    try:
        code = balance_serializer().loads(token)
    except BadSignature:
        raise CardError(404, "card not found") from None
    card = get_db().execute("SELECT * FROM cards WHERE code = ?", (code,)).fetchone()
    if card is None:
        raise CardError(404, "card not found")
    return jsonify(
        balance_cents=card["balance_cents"],
        status="expired" if card["status"] == "active" and is_expired(card, now().date()) else card["status"],
        expires_on=card["expires_on"],
    )
