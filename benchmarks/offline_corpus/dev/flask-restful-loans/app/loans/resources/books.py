import sqlite3

from flask_restful import Resource, abort, reqparse

from ..auth import authenticated, librarian_only
from ..db import get_db

book_parser = reqparse.RequestParser(bundle_errors=True)
book_parser.add_argument("isbn", type=str, required=True, location="json", help="isbn is required")
book_parser.add_argument("title", type=str, required=True, location="json", help="title is required")
book_parser.add_argument("author", type=str, required=True, location="json", help="author is required")
book_parser.add_argument("copies", type=int, default=1, location="json", help="copies must be an integer")


def available_copies(db, book):
    on_loan = db.execute(
        "SELECT COUNT(*) FROM loan WHERE book_id = ? AND returned_on IS NULL", (book["id"],)
    ).fetchone()[0]
    return book["copies"] - on_loan


def book_json(db, row):
    return {
        "id": row["id"],
        "isbn": row["isbn"],
        "title": row["title"],
        "author": row["author"],
        "copies": row["copies"],
        "available": available_copies(db, row),
    }


class BookList(Resource):
    method_decorators = {"get": [authenticated], "post": [librarian_only]}

    def get(self):
        db = get_db()
        rows = db.execute("SELECT * FROM book ORDER BY title, id").fetchall()
        return [book_json(db, r) for r in rows]

    def post(self):
        args = book_parser.parse_args()
        if args["copies"] < 1:
            abort(400, message="copies must be at least 1")
        db = get_db()
        try:
            cur = db.execute(
                "INSERT INTO book (isbn, title, author, copies) VALUES (?, ?, ?, ?)",
                (args["isbn"].strip(), args["title"].strip(), args["author"].strip(), args["copies"]),
            )
        except sqlite3.IntegrityError:
            abort(409, message=f"a book with isbn {args['isbn']} already exists")
        db.commit()
        row = db.execute("SELECT * FROM book WHERE id = ?", (cur.lastrowid,)).fetchone()
        return book_json(db, row), 201


class Book(Resource):
    method_decorators = [authenticated]

    def get(self, book_id):
        db = get_db()
        row = db.execute("SELECT * FROM book WHERE id = ?", (book_id,)).fetchone()
        if row is None:
            abort(404, message=f"book {book_id} not found")
        return book_json(db, row)
