import functools
import re

from flask import Blueprint, abort, g, jsonify, request, session

from .models import User, db

bp = Blueprint("auth", __name__)

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def login_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        user_id = session.get("user_id")
        user = db.session.get(User, user_id) if user_id is not None else None
        if user is None:
            abort(401, "login required")
        g.user = user
        return view(*args, **kwargs)

    return wrapped


@bp.post("/signup")
def signup():
    data = request.get_json(silent=True) or {}
    email = str(data.get("email", "")).strip().lower()
    password = str(data.get("password", ""))
    if not EMAIL.match(email):
        abort(400, "a valid email is required")
    if len(password) < 8:
        abort(400, "password must be at least 8 characters")
    if db.session.execute(db.select(User).filter_by(email=email)).scalar_one_or_none():
        abort(409, "email already registered")
    user = User(email=email)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return jsonify(id=user.id, email=user.email), 201


@bp.post("/login")
def login():
    # The HTML sign-in form posts here, so the fields are form-encoded.
    email = request.form.get("email", "").strip().lower()
    password = request.form.get("password", "")
    user = db.session.execute(db.select(User).filter_by(email=email)).scalar_one_or_none()
    if user is None or not user.check_password(password):
        abort(401, "wrong email or password")
    session.clear()
    session["user_id"] = user.id
    return jsonify(id=user.id, email=user.email)


@bp.post("/logout")
def logout():
    session.clear()
    return "", 204
