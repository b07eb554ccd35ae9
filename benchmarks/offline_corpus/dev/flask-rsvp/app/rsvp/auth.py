from flask import Blueprint, abort, request
from flask.views import MethodView
from flask_jwt_extended import create_access_token, get_jwt_identity

from rsvp.extensions import db
from rsvp.models import User
from rsvp.schemas import LoginSchema, RegisterSchema, UserSchema

bp = Blueprint("auth", __name__, url_prefix="/auth")


def current_user() -> User:
    """The user named by the verified JWT; call only inside @jwt_required() views."""
    user = db.session.get(User, int(get_jwt_identity()))
    if user is None:
        abort(401, "the account no longer exists")
    return user


class RegisterAPI(MethodView):
    def post(self):
        data = RegisterSchema().load(request.get_json(silent=True) or {})
        email = data["email"].lower()
        if User.query.filter_by(email=email).first() is not None:
            abort(409, "an account with this email already exists")
        user = User(email=email, name=data["name"])
        user.set_password(data["password"])
        db.session.add(user)
        db.session.commit()
        return UserSchema().dump(user), 201


class LoginAPI(MethodView):
    def post(self):
        data = LoginSchema().load(request.get_json(silent=True) or {})
        user = User.query.filter_by(email=data["email"].lower()).first()
        if user is None or not user.check_password(data["password"]):
            abort(401, "wrong email or password")
        return {"access_token": create_access_token(identity=str(user.id)), "token_type": "Bearer"}


bp.add_url_rule("/register", view_func=RegisterAPI.as_view("register"))
bp.add_url_rule("/login", view_func=LoginAPI.as_view("login"))
