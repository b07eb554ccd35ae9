import functools

from flask import Blueprint, g, jsonify, request, session
from werkzeug.security import check_password_hash

from repairs.models import Staff, db

bp = Blueprint("auth", __name__, url_prefix="/api")


def staff_json(staff: Staff) -> dict:
    return {"id": staff.id, "email": staff.email, "shop": staff.shop.name, "is_owner": staff.is_owner}


@bp.before_app_request
def load_staff():
    staff_id = session.get("staff_id")
    g.staff = db.session.get(Staff, staff_id) if staff_id is not None else None


def login_required(view):
    @functools.wraps(view)
    def wrapped(**kwargs):
        if g.staff is None:
            return jsonify(error="sign in first"), 401
        return view(**kwargs)

    return wrapped


@bp.post("/login")
def login():
    data = request.get_json(silent=True) or {}
    email = str(data.get("email", "")).strip().lower()
    staff = db.session.execute(db.select(Staff).filter_by(email=email)).scalar_one_or_none()
    if staff is None or not check_password_hash(staff.password_hash, str(data.get("password", ""))):
        return jsonify(error="wrong email or password"), 401
    session.clear()
    session["staff_id"] = staff.id
    return jsonify(staff=staff_json(staff))


@bp.post("/logout")
def logout():
    session.clear()
    return "", 204


@bp.get("/me")
@login_required
def me():
    return jsonify(staff=staff_json(g.staff))
