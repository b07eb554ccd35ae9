import secrets

from flask import Blueprint, current_app, jsonify, request

from .extensions import basic_auth, db, token_auth
from .models import CUSTOMER, Token, User

bp = Blueprint("auth", __name__)


@basic_auth.verify_password
def verify_password(email, password):
    user = db.session.execute(db.select(User).filter_by(email=email)).scalar_one_or_none()
    if user is not None and user.check_password(password):
        return user
    return None


@basic_auth.error_handler
def basic_auth_error(status):
    return jsonify(error="invalid email or password"), status


@token_auth.verify_token
def verify_token(value):
    if not value:
        return None
    token = db.session.execute(db.select(Token).filter_by(value=value)).scalar_one_or_none()
    return token.user if token is not None else None


@token_auth.get_user_roles
def get_user_roles(user):
    return user.role


@token_auth.error_handler
def token_auth_error(status):
    message = "authentication required" if status == 401 else "not allowed for your role"
    return jsonify(error=message), status


@bp.post("/users")
def sign_up():
    data = request.get_json(silent=True) or {}
    email = str(data.get("email", "")).strip().lower()
    name = str(data.get("name", "")).strip()
    password = str(data.get("password", ""))
    if "@" not in email or not name or len(password) < current_app.config["MIN_PASSWORD_LENGTH"]:
        return jsonify(error="email, name and a password of at least "
                             f"{current_app.config['MIN_PASSWORD_LENGTH']} characters are required"), 400
    if db.session.execute(db.select(User).filter_by(email=email)).scalar_one_or_none() is not None:
        return jsonify(error="that email is already registered"), 409
    user = User(email=email, name=name, role=CUSTOMER)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return jsonify(user.to_dict()), 201


@bp.post("/tokens")
@basic_auth.login_required
def issue_token():
    token = Token(value=secrets.token_hex(20), user=basic_auth.current_user())
    db.session.add(token)
    db.session.commit()
    return jsonify(token=token.value), 201


@bp.delete("/tokens")
@token_auth.login_required
def revoke_token():
    value = request.headers["Authorization"].split(" ", 1)[1]
    db.session.execute(db.delete(Token).filter_by(value=value))
    db.session.commit()
    return "", 204
