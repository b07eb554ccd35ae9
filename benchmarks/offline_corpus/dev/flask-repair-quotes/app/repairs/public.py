"""What the customer sees: the link from the quote email, no account needed."""

from flask import Blueprint, jsonify, request

from repairs.models import Quote, db
from repairs.pricing import format_cents
from repairs.quotes import effective_status, now, token_digest, valid_for

bp = Blueprint("public", __name__, url_prefix="/q")


def find(token: str) -> Quote | None:
    return db.session.execute(db.select(Quote).filter_by(token_hash=token_digest(token))).scalar_one_or_none()


def public_json(quote: Quote) -> dict:
    return {
        "shop": quote.shop.name,
        "number": quote.number,
        "customer_name": quote.customer_name,
        "status": effective_status(quote),
        "lines": [
            {"description": line.description, "quantity": line.quantity,
             "amount": format_cents(line.quantity * line.unit_cents)}
            for line in quote.lines
        ],
        "discount": format_cents(quote.discount_cents),
        "vat": format_cents(quote.vat_cents),
        "total": format_cents(quote.total_cents),
        "valid_until": (quote.sent_at + valid_for()).isoformat() if quote.sent_at else None,
    }


def decide(token: str, outcome: str):
    quote = find(token)
    if quote is None:
        return jsonify(error="this link is not valid"), 404
    status = effective_status(quote)
    if status == "expired":
        return jsonify(error="this quote has expired; ask the shop for a new one"), 410
    if status != "sent":
        return jsonify(error=f"this quote is already {status}"), 409
    quote.status = outcome
    quote.decided_at = now()
    if outcome == "declined":
        reason = (request.get_json(silent=True) or {}).get("reason")
        quote.decline_reason = str(reason)[:500] if reason else None
    db.session.commit()
    return jsonify(public_json(quote))


@bp.get("/<token>")
def view(token):
    quote = find(token)
    if quote is None:
        return jsonify(error="this link is not valid"), 404
    return jsonify(public_json(quote))


@bp.post("/<token>/accept")
def accept(token):
    return decide(token, "accepted")


@bp.post("/<token>/decline")
def decline(token):
    return decide(token, "declined")
