from flask import Blueprint, current_app, jsonify, request
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from .extensions import db
from .models import User

bp = Blueprint("auth", __name__, url_prefix="/api")


def _json():
    data = request.get_json(silent=True)
    return data if isinstance(data, dict) else {}


@bp.post("/register")
def register():
    data = _json()
    email = str(data.get("email", "")).strip().lower()
    name = str(data.get("name", "")).strip()
    password = str(data.get("password", ""))
    if "@" not in email or not name or len(password) < 8:
        return jsonify(error="email, name and a password of at least 8 characters are required"), 400
    if db.session.scalar(select(User).where(User.email == email)) is not None:
        return jsonify(error="email already registered"), 409
    user = User(email=email, name=name)
    user.set_password(password, current_app.config["PASSWORD_HASH_METHOD"])
    db.session.add(user)
    db.session.commit()
    return jsonify(user.to_dict()), 201


@bp.post("/login")
def login():
    data = _json()
    email = str(data.get("email", "")).strip().lower()
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None or not user.check_password(str(data.get("password", ""))):
        return jsonify(error="wrong email or password"), 401
    login_user(user, remember=bool(data.get("remember", False)))
    return jsonify(user.to_dict())


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    return "", 204


@bp.get("/me")
@login_required
def me():
    return jsonify(current_user.to_dict())
