import secrets
from decimal import Decimal

from flask import Blueprint, g, jsonify, request

from .auth import member_required
from .extensions import db
from .models import Member
from .money import fmt, parse_amount

bp = Blueprint("members", __name__, url_prefix="/members")


def member_json(member: Member) -> dict:
    return {"id": member.id, "name": member.name, "credit": fmt(member.credit)}


@bp.post("")
def join():
    data = request.get_json(silent=True) or {}
    name = (data.get("name") or "").strip()
    if not name:
        return jsonify(errors={"name": "required"}), 400
    member = Member(name=name, token=secrets.token_hex(16), credit=Decimal("0.00"))
    db.session.add(member)
    db.session.commit()
    return jsonify({**member_json(member), "token": member.token}), 201


@bp.get("/me")
@member_required
def me():
    return jsonify(member_json(g.member))


@bp.post("/me/topup")
@member_required
def topup():
    try:
        amount = parse_amount((request.get_json(silent=True) or {}).get("amount"))
    except ValueError as exc:
        return jsonify(errors={"amount": str(exc)}), 400
    g.member.credit = g.member.credit + amount
    db.session.commit()
    return jsonify(member_json(g.member))
