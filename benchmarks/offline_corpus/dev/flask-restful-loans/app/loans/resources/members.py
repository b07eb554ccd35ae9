import sqlite3

from flask_restful import Resource, abort, reqparse

from ..auth import authenticated, current_member, is_librarian, librarian_only
from ..db import get_db, new_api_key

member_parser = reqparse.RequestParser(bundle_errors=True)
member_parser.add_argument("name", type=str, required=True, location="json", help="name is required")
member_parser.add_argument("email", type=str, required=True, location="json", help="email is required")
member_parser.add_argument(
    "role", type=str, default="member", choices=("member", "librarian"), location="json",
    help="role must be member or librarian",
)


def member_json(row, with_key=False):
    data = {"id": row["id"], "name": row["name"], "email": row["email"], "role": row["role"]}
    if with_key:
        data["api_key"] = row["api_key"]
    return data


class MemberList(Resource):
    method_decorators = [librarian_only]

    def get(self):
        rows = get_db().execute("SELECT * FROM member ORDER BY id").fetchall()
        return [member_json(r) for r in rows]

    def post(self):
        args = member_parser.parse_args()
        name = args["name"].strip()
        email = args["email"].strip().lower()
        if not name or "@" not in email:
            abort(400, message="a name and a valid email are required")
        db = get_db()
        try:
            cur = db.execute(
                "INSERT INTO member (name, email, role, api_key) VALUES (?, ?, ?, ?)",
                (name, email, args["role"], new_api_key()),
            )
        except sqlite3.IntegrityError:
            abort(409, message=f"a member with email {email} already exists")
        db.commit()
        row = db.execute("SELECT * FROM member WHERE id = ?", (cur.lastrowid,)).fetchone()
        return member_json(row, with_key=True), 201


class Member(Resource):
    method_decorators = [authenticated]

    def get(self, member_id):
        me = current_member()
        if not is_librarian(me) and me["id"] != member_id:
            abort(403, message="you may only look at your own account")
        row = get_db().execute("SELECT * FROM member WHERE id = ?", (member_id,)).fetchone()
        if row is None:
            abort(404, message=f"member {member_id} not found")
        data = member_json(row)
        data["open_loans"] = get_db().execute(
            "SELECT COUNT(*) FROM loan WHERE member_id = ? AND returned_on IS NULL", (member_id,)
        ).fetchone()[0]
        return data
