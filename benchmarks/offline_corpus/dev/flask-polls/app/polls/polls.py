from datetime import datetime, timezone
from decimal import ROUND_HALF_UP, Decimal

from flask import Blueprint, current_app, jsonify, request
from flask_login import current_user, login_required
from sqlalchemy import func, select

from .extensions import db
from .models import Option, Poll, Vote, utcnow

bp = Blueprint("polls", __name__, url_prefix="/api/polls")

MIN_OPTIONS = 2
MAX_OPTIONS = 10
MAX_PER_PAGE = 50


def _bad_request(message):
    return jsonify(error=message), 400


def _parse_closes_at(value):
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


def _percent(count, total):
    if not total:
        return 0.0
    return float((Decimal(100 * count) / Decimal(total)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _get_poll(poll_id):
    return db.get_or_404(Poll, poll_id, description="no such poll")


@bp.post("")
@login_required
def create_poll():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return _bad_request("expected a JSON object")
    question = str(data.get("question", "")).strip()
    if not question or len(question) > 200:
        return _bad_request("question must be 1-200 characters")
    options = data.get("options")
    if not isinstance(options, list) or not all(isinstance(o, str) and o.strip() for o in options):
        return _bad_request("options must be a list of non-empty strings")
    options = [o.strip() for o in options]
    if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        return _bad_request(f"a poll needs {MIN_OPTIONS} to {MAX_OPTIONS} options")
    if len({o.lower() for o in options}) != len(options):
        return _bad_request("options must be different")
    if any(len(o) > 100 for o in options):
        return _bad_request("an option is at most 100 characters")
    closes_at = _parse_closes_at(data.get("closes_at"))
    if closes_at is None:
        return _bad_request("closes_at must be an ISO 8601 date and time")
    if closes_at <= utcnow():
        return _bad_request("closes_at must be in the future")

    poll = Poll(question=question, creator_id=current_user.id, closes_at=closes_at)
    poll.options = [Option(position=i, text=text) for i, text in enumerate(options)]
    db.session.add(poll)
    db.session.commit()
    return jsonify(poll.to_dict()), 201


@bp.get("")
def list_open_polls():
    page = request.args.get("page", 1, type=int)
    per_page = request.args.get("per_page", current_app.config["POLLS_PER_PAGE"], type=int)
    query = (
        select(Poll)
        .where(Poll.closed_at.is_(None), Poll.closes_at > utcnow())
        .order_by(Poll.created_at.desc(), Poll.id.desc())
    )
    pagination = db.paginate(query, page=page, per_page=per_page, max_per_page=MAX_PER_PAGE, error_out=False)
    return jsonify(
        items=[poll.to_dict() for poll in pagination.items],
        page=pagination.page,
        per_page=pagination.per_page,
        total=pagination.total,
        pages=pagination.pages,
    )


@bp.get("/<int:poll_id>")
def get_poll(poll_id):
    return jsonify(_get_poll(poll_id).to_dict())


@bp.post("/<int:poll_id>/votes")
@login_required
def vote(poll_id):
    poll = _get_poll(poll_id)
    if not poll.is_open:
        return jsonify(error="this poll is closed"), 409
    data = request.get_json(silent=True) or {}
    option = db.session.get(Option, data.get("option_id")) if isinstance(data.get("option_id"), int) else None
    if option is None or option.poll_id != poll.id:
        return _bad_request("option_id must be one of this poll's options")
    already = db.session.scalar(select(Vote).where(Vote.poll_id == poll.id, Vote.user_id == current_user.id))
    if already is not None:
        return jsonify(error="you have already voted in this poll"), 409
    db.session.add(Vote(poll_id=poll.id, option_id=option.id, user_id=current_user.id))
    db.session.commit()
    return jsonify(poll_id=poll.id, option_id=option.id), 201


@bp.get("/<int:poll_id>/results")
def results(poll_id):
    poll = _get_poll(poll_id)
    counts = dict(
        db.session.execute(
            select(Vote.option_id, func.count(Vote.id)).where(Vote.poll_id == poll.id).group_by(Vote.option_id)
        ).all()
    )
    total = sum(counts.values())
    return jsonify(
        poll_id=poll.id,
        is_open=poll.is_open,
        total_votes=total,
        options=[
            {
                "id": option.id,
                "text": option.text,
                "votes": counts.get(option.id, 0),
                "percent": _percent(counts.get(option.id, 0), total),
            }
            for option in poll.options
        ],
    )


@bp.post("/<int:poll_id>/close")
@login_required
def close_poll(poll_id):
    poll = _get_poll(poll_id)
    if poll.creator_id != current_user.id:
        return jsonify(error="only the poll's creator can close it"), 403
    if not poll.is_open:
        return jsonify(error="this poll is already closed"), 409
    poll.closed_at = utcnow()
    db.session.commit()
    return jsonify(poll.to_dict())
