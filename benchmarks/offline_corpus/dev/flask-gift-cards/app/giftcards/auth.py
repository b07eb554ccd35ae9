"""Passwordless sign-in: a merchant asks for a link by email and follows it to get a session cookie."""

from __future__ import annotations

import functools
from datetime import datetime, timedelta

from flask import Blueprint, current_app, g, jsonify, request, session
from itsdangerous import BadSignature, URLSafeSerializer

from giftcards.db import get_db

bp = Blueprint("auth", __name__, url_prefix="/auth")


def _serializer(salt: str) -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=salt)


def make_sign_in_token(merchant_id: int) -> str:
    now = current_app.config["CLOCK"]()
    expires = now + timedelta(minutes=current_app.config["SIGN_IN_LINK_MINUTES"])
    return _serializer("sign-in").dumps({"m": merchant_id, "exp": expires.isoformat()})


@bp.post("/link")
def request_link():
    data = request.get_json(silent=True) or {}
    email = str(data.get("email", "")).strip().lower()
    if "@" not in email:
        return jsonify(error="a valid email is required"), 400
    merchant = get_db().execute("SELECT id, name FROM merchants WHERE email = ?", (email,)).fetchone()
    if merchant is not None:
        token = make_sign_in_token(merchant["id"])
        url = f"{current_app.config['BASE_URL']}/auth/callback?token={token}"
        current_app.config["MAILER"].send(email, "Your sign-in link", f"Hello {merchant['name']},\n\n{url}\n")
    # the same answer whether or not the address is known
    return jsonify(message="if that address belongs to a merchant, a sign-in link is on its way"), 202


@bp.get("/callback")
def callback():
    token = request.args.get("token", "")
    try:
        payload = _serializer("sign-in").loads(token)
    except BadSignature:
        return jsonify(error="invalid sign-in link"), 400
    if datetime.fromisoformat(payload["exp"]) <= current_app.config["CLOCK"]():
        return jsonify(error="sign-in link expired"), 400
    merchant = get_db().execute("SELECT id, name FROM merchants WHERE id = ?", (payload["m"],)).fetchone()
    if merchant is None:
        return jsonify(error="invalid sign-in link"), 400
    session.clear()
    session["merchant_id"] = merchant["id"]
    return jsonify(merchant=merchant["name"])


@bp.post("/logout")
def logout():
    session.clear()
    return "", 204


def merchant_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        merchant_id = session.get("merchant_id")
        if merchant_id is None:
            return jsonify(error="sign in first"), 401
        g.merchant_id = merchant_id
        return view(*args, **kwargs)

    return wrapped
