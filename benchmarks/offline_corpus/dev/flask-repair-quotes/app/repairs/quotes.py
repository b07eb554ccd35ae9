import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from flask import Blueprint, current_app, g, jsonify, request

from repairs.auth import login_required
from repairs.models import Quote, QuoteLine, db
from repairs.pricing import compute_totals

bp = Blueprint("quotes", __name__, url_prefix="/api/quotes")

STATUSES = ("draft", "sent", "accepted", "declined", "expired")
SORTS = {
    "created": (Quote.created_at.asc(), Quote.id.asc()),
    "-created": (Quote.created_at.desc(), Quote.id.desc()),
    "total": (Quote.total_cents.asc(), Quote.id.asc()),
    "-total": (Quote.total_cents.desc(), Quote.id.desc()),
}
MAX_LINES = 30


def now() -> datetime:
    """The configured clock's time as naive UTC, the way the database stores it."""
    return current_app.config["CLOCK"]().astimezone(UTC).replace(tzinfo=None)


def valid_for() -> timedelta:
    return timedelta(days=current_app.config["QUOTE_VALID_DAYS"])


def effective_status(quote: Quote) -> str:
    if quote.status == "sent" and now() >= quote.sent_at + valid_for():
        return "expired"
    return quote.status


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def quote_json(quote: Quote) -> dict:
    return {
        "id": quote.id,
        "number": quote.number,
        "customer_name": quote.customer_name,
        "customer_email": quote.customer_email,
        "status": effective_status(quote),
        "discount_percent": quote.discount_percent,
        "lines": [
            {"description": line.description, "quantity": line.quantity, "unit_cents": line.unit_cents,
             "total_cents": line.quantity * line.unit_cents}
            for line in quote.lines
        ],
        "subtotal_cents": quote.subtotal_cents,
        "discount_cents": quote.discount_cents,
        "vat_cents": quote.vat_cents,
        "total_cents": quote.total_cents,
        "created_by": quote.created_by,
        "sent_at": quote.sent_at.isoformat() if quote.sent_at else None,
        "valid_until": (quote.sent_at + valid_for()).isoformat() if quote.sent_at else None,
        "decline_reason": quote.decline_reason,
    }


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def validate(data: dict, *, partial: bool) -> tuple[dict, dict]:
    """The cleaned fields and a field -> problem mapping."""
    clean, problems = {}, {}
    if "customer_name" in data or not partial:
        name = data.get("customer_name")
        if not isinstance(name, str) or not name.strip() or len(name.strip()) > 100:
            problems["customer_name"] = "1 to 100 characters"
        else:
            clean["customer_name"] = name.strip()
    if "customer_email" in data or not partial:
        email = data.get("customer_email")
        if not isinstance(email, str) or "@" not in email.strip()[1:-1]:
            problems["customer_email"] = "an email address"
        else:
            clean["customer_email"] = email.strip().lower()
    if "discount_percent" in data:
        pct = data["discount_percent"]
        if not _is_int(pct) or not 0 <= pct <= 50:
            problems["discount_percent"] = "a whole number from 0 to 50"
        else:
            clean["discount_percent"] = pct
    if "lines" in data or not partial:
        lines = data.get("lines", [])
        if not isinstance(lines, list) or len(lines) > MAX_LINES:
            problems["lines"] = f"a list of at most {MAX_LINES} lines"
        else:
            cleaned = []
            for i, line in enumerate(lines):
                if not isinstance(line, dict):
                    problems[f"lines[{i}]"] = "an object"
                    continue
                desc, qty, unit = line.get("description"), line.get("quantity", 1), line.get("unit_cents")
                if not isinstance(desc, str) or not desc.strip():
                    problems[f"lines[{i}].description"] = "required"
                if not _is_int(qty) or not 1 <= qty <= 99:
                    problems[f"lines[{i}].quantity"] = "a whole number from 1 to 99"
                if not _is_int(unit) or unit < 0:
                    problems[f"lines[{i}].unit_cents"] = "a whole number of cents, 0 or more"
                cleaned.append((desc.strip() if isinstance(desc, str) else desc, qty, unit))
            clean["lines"] = cleaned
    return clean, problems


def apply(quote: Quote, clean: dict) -> None:
    for field in ("customer_name", "customer_email", "discount_percent"):
        if field in clean:
            setattr(quote, field, clean[field])
    if "lines" in clean:
        quote.lines = [
            QuoteLine(position=i, description=d, quantity=q, unit_cents=u) for i, (d, q, u) in enumerate(clean["lines"])
        ]
    totals = compute_totals(
        [(line.quantity, line.unit_cents) for line in quote.lines],
        quote.discount_percent,
        current_app.config["VAT_BASIS_POINTS"],
    )
    quote.subtotal_cents = totals.subtotal_cents
    quote.discount_cents = totals.discount_cents
    quote.vat_cents = totals.vat_cents
    quote.total_cents = totals.total_cents


def get_own_quote(quote_id: int) -> Quote | None:
    return db.session.execute(
        db.select(Quote).filter_by(id=quote_id, shop_id=g.staff.shop_id)
    ).scalar_one_or_none()


def invalid(problems: dict):
    return jsonify(error="invalid quote", fields=problems), 400


@bp.post("")
@login_required
def create():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return jsonify(error="expected a JSON object"), 400
    clean, problems = validate(data, partial=False)
    if problems:
        return invalid(problems)
    last = db.session.execute(
        db.select(db.func.max(Quote.seq)).filter_by(shop_id=g.staff.shop_id)
    ).scalar()
    seq = (last or 0) + 1
    quote = Quote(shop_id=g.staff.shop_id, seq=seq, number=f"Q-{seq:04d}", created_by=g.staff.id,
                  created_at=now(), discount_percent=0, status="draft")
    apply(quote, clean)
    db.session.add(quote)
    db.session.commit()
    return jsonify(quote_json(quote)), 201, {"Location": f"/api/quotes/{quote.id}"}


@bp.get("")
@login_required
def index():
    args = request.args
    status = args.get("status")
    sort = args.get("sort", "-created")
    try:
        page = int(args.get("page", 1))
        per_page = int(args.get("per_page", current_app.config["PER_PAGE"]))
    except ValueError:
        return jsonify(error="page and per_page must be whole numbers"), 400
    if status is not None and status not in STATUSES:
        return jsonify(error=f"status must be one of {', '.join(STATUSES)}"), 400
    if sort not in SORTS:
        return jsonify(error=f"sort must be one of {', '.join(SORTS)}"), 400
    if page < 1 or per_page < 1:
        return jsonify(error="page and per_page start at 1"), 400
    per_page = min(per_page, current_app.config["MAX_PER_PAGE"])

    query = db.select(Quote).filter_by(shop_id=g.staff.shop_id)
    cutoff = now() - valid_for()
    if status == "sent":
        query = query.filter(Quote.status == "sent", Quote.sent_at > cutoff)
    elif status == "expired":
        query = query.filter(Quote.status == "sent", Quote.sent_at <= cutoff)
    elif status is not None:
        query = query.filter(Quote.status == status)
    result = db.paginate(query.order_by(*SORTS[sort]), page=page, per_page=per_page, error_out=False)
    return jsonify(
        items=[quote_json(q) for q in result.items],
        page=page,
        per_page=per_page,
        total=result.total,
        pages=result.pages,
    )


@bp.get("/<int:quote_id>")
@login_required
def show(quote_id):
    quote = get_own_quote(quote_id)
    if quote is None:
        return jsonify(error="quote not found"), 404
    return jsonify(quote_json(quote))


@bp.patch("/<int:quote_id>")
@login_required
def update(quote_id):
    quote = get_own_quote(quote_id)
    if quote is None:
        return jsonify(error="quote not found"), 404
    if quote.status != "draft":
        return jsonify(error="only drafts can be edited; withdraw the quote first"), 409
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return jsonify(error="expected a JSON object"), 400
    clean, problems = validate(data, partial=True)
    if problems:
        return invalid(problems)
    apply(quote, clean)
    db.session.commit()
    return jsonify(quote_json(quote))


@bp.post("/<int:quote_id>/send")
@login_required
def send(quote_id):
    quote = get_own_quote(quote_id)
    if quote is None:
        return jsonify(error="quote not found"), 404
    if quote.status != "draft":
        return jsonify(error=f"cannot send a quote that is {effective_status(quote)}"), 409
    if not quote.lines:
        return jsonify(error="a quote needs at least one line"), 409
    token = secrets.token_urlsafe(24)
    quote.token_hash = token_digest(token)
    quote.status = "sent"
    quote.sent_at = now()
    db.session.commit()
    link = f"{current_app.config['PUBLIC_BASE_URL'].rstrip('/')}/q/{token}"
    return jsonify(quote=quote_json(quote), link=link)


@bp.post("/<int:quote_id>/withdraw")
@login_required
def withdraw(quote_id):
    quote = get_own_quote(quote_id)
    if quote is None:
        return jsonify(error="quote not found"), 404
    if quote.status != "sent":
        return jsonify(error=f"cannot withdraw a quote that is {quote.status}"), 409
    quote.status = "draft"
    quote.sent_at = None
    quote.token_hash = None
    db.session.commit()
    return jsonify(quote_json(quote))


@bp.delete("/<int:quote_id>")
@login_required
def delete(quote_id):
    quote = get_own_quote(quote_id)
    if quote is None:
        return jsonify(error="quote not found"), 404
    if quote.created_by != g.staff.id and not g.staff.is_owner:
        return jsonify(error="only the author or the shop owner can delete a quote"), 403
    if quote.status != "draft":
        return jsonify(error="only drafts can be deleted"), 409
    db.session.delete(quote)
    db.session.commit()
    return "", 204
