"""The lending API. One SQLAlchemy session per request, committed by the view that changes something.

    POST /members              {"name"}                      201
    POST /books                {"title", "copies"}           201
    POST /loans                {"member_id", "book_id"}      201 · 400 bad body · 404 unknown member or book
                                                             · 409 no copy free, or the member's limit reached
    POST /loans/<id>/return                                  200 · 404 · 409 already returned
    GET  /members/<id>/loans   the member's open loans       200 · 404
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask, g, jsonify, request
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from lending.models import Base, Book, Loan, Member


def create_app(database_url: str) -> Flask:
    app = Flask(__name__)
    engine = create_engine(database_url)
    Base.metadata.create_all(engine)
    make_session = sessionmaker(engine, expire_on_commit=False)

    def db() -> Session:
        if "db" not in g:
            g.db = make_session()
        return g.db

    @app.teardown_appcontext
    def close_session(_exc: BaseException | None) -> None:
        session = g.pop("db", None)
        if session is not None:
            session.close()

    def body_ints(*names: str) -> dict[str, int] | None:
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            return None
        values = {name: data.get(name) for name in names}
        if not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in values.values()):
            return None
        return values  # type: ignore[return-value]

    @app.post("/members")
    def add_member():
        data = request.get_json(silent=True) or {}
        name = str(data.get("name", "")).strip()
        if not name:
            return jsonify(error="name is required"), 400
        member = Member(name=name)
        db().add(member)
        db().commit()
        return jsonify(id=member.id, name=member.name, max_loans=member.max_loans), 201

    @app.post("/books")
    def add_book():
        data = request.get_json(silent=True) or {}
        title, copies = str(data.get("title", "")).strip(), data.get("copies", 1)
        if not title or not isinstance(copies, int) or isinstance(copies, bool) or copies < 1:
            return jsonify(error="title and a positive number of copies are required"), 400
        book = Book(title=title, copies=copies)
        db().add(book)
        db().commit()
        return jsonify(id=book.id, title=book.title, copies=book.copies), 201

    @app.post("/loans")
    def borrow():
        ids = body_ints("member_id", "book_id")
        if ids is None:
            return jsonify(error="member_id and book_id must be positive integers"), 400
        session = db()
        member = session.get(Member, ids["member_id"])
        book = session.get(Book, ids["book_id"])
        if member is None or book is None:
            return jsonify(error="no such member or book"), 404
        open_loans = session.scalar(select(func.count()).select_from(Loan).where(
            Loan.member_id == member.id, Loan.returned_at.is_(None)))
        if open_loans >= member.max_loans:
            return jsonify(error="loan limit reached"), 409
        on_loan = session.scalar(select(func.count()).select_from(Loan).where(
            Loan.book_id == book.id, Loan.returned_at.is_(None)))
        if on_loan >= book.copies:
            return jsonify(error="no copy available"), 409
        loan = Loan(member_id=member.id, book_id=book.id, borrowed_at=datetime.now(UTC))
        session.add(loan)
        session.commit()
        return jsonify(id=loan.id, member_id=loan.member_id, book_id=loan.book_id), 201

    @app.post("/loans/<int:loan_id>/return")
    def give_back(loan_id: int):
        session = db()
        loan = session.get(Loan, loan_id)
        if loan is None:
            return jsonify(error="no such loan"), 404
        if loan.returned_at is not None:
            return jsonify(error="already returned"), 409
        loan.returned_at = datetime.now(UTC)
        session.commit()
        return jsonify(id=loan.id, returned=True), 200

    @app.get("/members/<int:member_id>/loans")
    def member_loans(member_id: int):
        session = db()
        if session.get(Member, member_id) is None:
            return jsonify(error="no such member"), 404
        loans = session.scalars(select(Loan).where(Loan.member_id == member_id, Loan.returned_at.is_(None))
                                .order_by(Loan.id)).all()
        return jsonify([{"id": loan.id, "book_id": loan.book_id} for loan in loans]), 200

    return app
