"""Log-in and token checks.

`POST /api/login` with `{"email", "password"}` answers `{"token": ...}`; send it back as
`Authorization: Token <token>`. Tokens are signed with the app's secret key and expire after `TOKEN_MAX_AGE`
seconds.
"""

import functools

from flask import Blueprint, current_app, g, jsonify, request
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from .extensions import db
from .models import User

bp = Blueprint("auth", __name__, url_prefix="/api")

TOKEN_SALT = "library-auth-token"


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=TOKEN_SALT)


def issue_token(user):
    return _serializer().dumps({"uid": user.id})


def user_from_token(token):
    try:
        data = _serializer().loads(token, max_age=current_app.config["TOKEN_MAX_AGE"])
    except SignatureExpired:
        return None
    except BadSignature:
        return None
    return db.session.get(User, data.get("uid"))


def login_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme != "Token" or not token:
            return jsonify(error="authentication required"), 401
        user = user_from_token(token.strip())
        if user is None:
            return jsonify(error="invalid or expired token"), 401
        g.user = user
        return view(*args, **kwargs)

    return wrapped


def librarian_required(view):
    @functools.wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not g.user.is_librarian:
            return jsonify(error="librarians only"), 403
        return view(*args, **kwargs)

    return wrapped


@bp.post("/login")
def login():
    data = request.get_json(silent=True) or {}
    email = data.get("email")
    password = data.get("password")
    if not isinstance(email, str) or not isinstance(password, str) or not email or not password:
        return jsonify(error="email and password are required"), 400
    user = db.session.execute(db.select(User).filter_by(email=email.strip().lower())).scalar_one_or_none()
    if user is None or not user.check_password(password):
        return jsonify(error="wrong email or password"), 401
    return jsonify(token=issue_token(user), user=user.to_dict())


@bp.get("/me")
@login_required
def me():
    return jsonify(g.user.to_dict())
