from datetime import timedelta

from flask import Blueprint, abort, current_app, jsonify, request, url_for

from .extensions import db, token_auth
from .models import AGENT, CUSTOMER, PRIORITIES, STATUSES, Comment, Ticket

bp = Blueprint("tickets", __name__, url_prefix="/tickets")

SLA_HOURS = {"urgent": 4, "high": 8, "normal": 24, "low": 72}
SUBJECT_MIN, SUBJECT_MAX = 3, 120

# The agents' workflow moves one step forward at a time; the customer may reopen a resolved ticket.
NEXT_STATUS = {"open": "in_progress", "in_progress": "resolved", "resolved": "closed"}
REOPEN = ("resolved", "open")


def now():
    return current_app.config["CLOCK"]()


def bad_request(message):
    return jsonify(error=message), 400


def get_visible_ticket(ticket_id):
    """The ticket, or 404 when it does not exist or the caller is a customer who does not own it."""
    ticket = db.session.get(Ticket, ticket_id)
    user = token_auth.current_user()
    if ticket is None or (user.role == CUSTOMER and ticket.customer_id != user.id):
        abort(404)
    return ticket


@bp.errorhandler(404)
def not_found(error):
    return jsonify(error="ticket not found"), 404


@bp.post("")
@token_auth.login_required(role=CUSTOMER)
def open_ticket():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return bad_request("a JSON object is required")
    subject = str(data.get("subject", "")).strip()
    if len(subject) < SUBJECT_MIN or len(subject) > SUBJECT_MAX:
        return bad_request(f"subject must be {SUBJECT_MIN}-{SUBJECT_MAX} characters")
    priority = data.get("priority", "normal")
    if priority not in PRIORITIES:
        return bad_request(f"priority must be one of {', '.join(PRIORITIES)}")
    created = now()
    ticket = Ticket(
        subject=subject,
        body=str(data.get("body", "")),
        priority=priority,
        status="open",
        customer=token_auth.current_user(),
        created_at=created,
        due_at=created + timedelta(hours=SLA_HOURS[priority]),
    )
    db.session.add(ticket)
    db.session.commit()
    response = jsonify(ticket.to_dict(created))
    response.headers["Location"] = url_for("tickets.show_ticket", ticket_id=ticket.id)
    return response, 201


@bp.get("")
@token_auth.login_required
def list_tickets():
    user = token_auth.current_user()
    query = db.select(Ticket)
    if user.role == CUSTOMER:
        query = query.filter_by(customer_id=user.id)
    status = request.args.get("status")
    if status is not None:
        if status not in STATUSES:
            return bad_request(f"status must be one of {', '.join(STATUSES)}")
        query = query.filter_by(status=status)
    priority = request.args.get("priority")
    if priority is not None:
        if priority not in PRIORITIES:
            return bad_request(f"priority must be one of {', '.join(PRIORITIES)}")
        query = query.filter_by(priority=priority)
    moment = now()
    if request.args.get("overdue") == "1":
        query = query.filter(Ticket.status.in_(("open", "in_progress")), Ticket.due_at < moment)
    tickets = db.session.execute(query.order_by(Ticket.due_at, Ticket.id)).scalars()
    return jsonify([ticket.to_dict(moment) for ticket in tickets])


@bp.get("/<int:ticket_id>")
@token_auth.login_required
def show_ticket(ticket_id):
    return jsonify(get_visible_ticket(ticket_id).to_dict(now()))


@bp.post("/<int:ticket_id>/assign")
@token_auth.login_required(role=AGENT)
def assign_to_me(ticket_id):
    ticket = get_visible_ticket(ticket_id)
    if ticket.status == "closed":
        return jsonify(error="the ticket is closed"), 409
    ticket.assignee = token_auth.current_user()
    db.session.commit()
    return jsonify(ticket.to_dict(now()))


@bp.post("/<int:ticket_id>/status")
@token_auth.login_required
def change_status(ticket_id):
    ticket = get_visible_ticket(ticket_id)
    user = token_auth.current_user()
    data = request.get_json(silent=True) or {}
    target = data.get("status")
    if target not in STATUSES:
        return bad_request(f"status must be one of {', '.join(STATUSES)}")
    if (ticket.status, target) == REOPEN:
        if user.role != CUSTOMER:
            return jsonify(error="only the customer can reopen a ticket"), 409
        ticket.status = "open"
        ticket.resolved_at = None
    elif user.role != AGENT:
        return jsonify(error="customers can only reopen a resolved ticket"), 403
    elif NEXT_STATUS.get(ticket.status) != target:
        return jsonify(error=f"cannot move a ticket from {ticket.status} to {target}"), 409
    else:
        ticket.status = target
        if target == "resolved":
            ticket.resolved_at = now()
    db.session.commit()
    return jsonify(ticket.to_dict(now()))


@bp.get("/<int:ticket_id>/comments")
@token_auth.login_required
def list_comments(ticket_id):
    ticket = get_visible_ticket(ticket_id)
    comments = ticket.comments
    if token_auth.current_user().role == CUSTOMER:
        comments = [comment for comment in comments if not comment.internal]
    return jsonify([comment.to_dict() for comment in comments])


@bp.post("/<int:ticket_id>/comments")
@token_auth.login_required
def add_comment(ticket_id):
    ticket = get_visible_ticket(ticket_id)
    user = token_auth.current_user()
    data = request.get_json(silent=True) or {}
    body = str(data.get("body", "")).strip()
    if not body:
        return bad_request("a comment needs a body")
    internal = bool(data.get("internal", False))
    if internal and user.role != AGENT:
        return jsonify(error="only agents can write internal notes"), 403
    comment = Comment(ticket=ticket, author=user, body=body, internal=internal, created_at=now())
    db.session.add(comment)
    db.session.commit()
    return jsonify(comment.to_dict()), 201
