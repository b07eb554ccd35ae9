from datetime import date, timedelta

from flask import current_app, request
from flask_restful import Resource, abort, reqparse

from ..auth import authenticated, current_member, is_librarian, librarian_only
from ..clock import today
from ..db import get_db
from .books import available_copies

loan_parser = reqparse.RequestParser()
loan_parser.add_argument("book_id", type=int, required=True, location="json", help="book_id is required")
loan_parser.add_argument("member_id", type=int, location="json", help="member_id must be an integer")


def is_overdue(loan, on):
    return loan["returned_on"] is None and on > date.fromisoformat(loan["due_on"])


def late_fine_cents(due_on, returned_on):
    """Fine for returning on ``returned_on`` a loan due on ``due_on``: per day late, capped."""
    days_late = (returned_on - due_on).days
    if days_late <= 0:
        return 0
    fine = days_late * current_app.config["FINE_CENTS_PER_DAY"]
    return min(fine, current_app.config["FINE_CAP_CENTS"])


def loan_json(loan):
    return {
        "id": loan["id"],
        "member_id": loan["member_id"],
        "book_id": loan["book_id"],
        "borrowed_on": loan["borrowed_on"],
        "due_on": loan["due_on"],
        "renewals": loan["renewals"],
        "returned_on": loan["returned_on"],
        "fine_cents": loan["fine_cents"],
        "overdue": is_overdue(loan, today()),
    }


def get_visible_loan(loan_id):
    """The loan, if the caller may see it: librarians see every loan, members only their own."""
    loan = get_db().execute("SELECT * FROM loan WHERE id = ?", (loan_id,)).fetchone()
    me = current_member()
    if loan is None or (not is_librarian(me) and loan["member_id"] != me["id"]):
        abort(404, message=f"loan {loan_id} not found")
    return loan


def reload(db, loan_id):
    return db.execute("SELECT * FROM loan WHERE id = ?", (loan_id,)).fetchone()


class LoanList(Resource):
    method_decorators = [authenticated]

    def get(self):
        me = current_member()
        sql, params = "SELECT * FROM loan WHERE 1 = 1", []
        if is_librarian(me):
            if request.args.get("member_id"):
                sql += " AND member_id = ?"
                params.append(request.args.get("member_id", type=int))
        else:
            sql += " AND member_id = ?"
            params.append(me["id"])
        status = request.args.get("status")
        if status == "open":
            sql += " AND returned_on IS NULL"
        elif status == "returned":
            sql += " AND returned_on IS NOT NULL"
        elif status == "overdue":
            sql += " AND returned_on IS NULL AND due_on < ?"
            params.append(today().isoformat())
        elif status is not None:
            abort(400, message="status must be open, returned or overdue")
        rows = get_db().execute(sql + " ORDER BY id", params).fetchall()
        return [loan_json(r) for r in rows]

    def post(self):
        args = loan_parser.parse_args()
        me = current_member()
        member_id = me["id"]
        if args["member_id"] is not None and args["member_id"] != me["id"]:
            if not is_librarian(me):
                abort(403, message="members may only borrow for themselves")
            member_id = args["member_id"]
        db = get_db()
        if db.execute("SELECT 1 FROM member WHERE id = ?", (member_id,)).fetchone() is None:
            abort(404, message=f"member {member_id} not found")
        book = db.execute("SELECT * FROM book WHERE id = ?", (args["book_id"],)).fetchone()
        if book is None:
            abort(404, message=f"book {args['book_id']} not found")

        open_loans = db.execute(
            "SELECT COUNT(*) FROM loan WHERE member_id = ? AND returned_on IS NULL", (member_id,)
        ).fetchone()[0]
        if open_loans >= current_app.config["MAX_OPEN_LOANS"]:
            abort(409, message="the member already has the maximum number of open loans")
        if available_copies(db, book) <= 0:
            abort(409, message="no copy of this book is available")

        borrowed = today()
        due = borrowed + timedelta(days=current_app.config["LOAN_DAYS"])
        cur = db.execute(
            "INSERT INTO loan (member_id, book_id, borrowed_on, due_on) VALUES (?, ?, ?, ?)",
            (member_id, book["id"], borrowed.isoformat(), due.isoformat()),
        )
        db.commit()
        return loan_json(reload(db, cur.lastrowid)), 201


class Loan(Resource):
    method_decorators = [authenticated]

    def get(self, loan_id):
        return loan_json(get_visible_loan(loan_id))


class LoanRenewal(Resource):
    method_decorators = [authenticated]

    def post(self, loan_id):
        loan = get_visible_loan(loan_id)
        if loan["returned_on"] is not None:
            abort(409, message="this loan has been returned")
        if is_overdue(loan, today()):
            abort(409, message="an overdue loan cannot be renewed; please return it")
        if loan["renewals"] >= current_app.config["MAX_RENEWALS"]:
            abort(409, message="this loan has been renewed the maximum number of times")
        new_due = date.fromisoformat(loan["due_on"]) + timedelta(days=current_app.config["LOAN_DAYS"])
        db = get_db()
        db.execute(
            "UPDATE loan SET due_on = ?, renewals = renewals + 1 WHERE id = ?",
            (new_due.isoformat(), loan_id),
        )
        db.commit()
        return loan_json(reload(db, loan_id))


class LoanReturn(Resource):
    method_decorators = [librarian_only]

    def post(self, loan_id):
        db = get_db()
        loan = reload(db, loan_id)
        if loan is None:
            abort(404, message=f"loan {loan_id} not found")
        if loan["returned_on"] is not None:
            abort(409, message="this loan has already been returned")
        returned = today()
        fine = late_fine_cents(date.fromisoformat(loan["due_on"]), returned)
        db.execute(
            "UPDATE loan SET returned_on = ?, fine_cents = ? WHERE id = ?",
            (returned.isoformat(), fine, loan_id),
        )
        db.commit()
        return loan_json(reload(db, loan_id))
