"""Books, copies and loans."""

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from flask import Blueprint, current_app, g, jsonify, request

from .auth import librarian_required, login_required
from .extensions import db
from .models import Book, Copy, Loan

bp = Blueprint("api", __name__, url_prefix="/api")


def now():
    return current_app.config["CLOCK"]()


def _json():
    data = request.get_json(silent=True)
    return data if isinstance(data, dict) else {}


def _text(data, field, max_length=200):
    value = data.get(field)
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    return value if len(value) <= max_length else None


# -- books and copies -------------------------------------------------------------------------------------------


@bp.get("/books")
@login_required
def list_books():
    books = db.session.execute(db.select(Book).order_by(Book.title, Book.id)).scalars()
    return jsonify([book.to_dict() for book in books])


@bp.get("/books/<int:book_id>")
@login_required
def get_book(book_id):
    return jsonify(db.get_or_404(Book, book_id).to_dict())


@bp.post("/books")
@librarian_required
def add_book():
    data = _json()
    title, author, isbn = _text(data, "title"), _text(data, "author"), _text(data, "isbn", 20)
    if not title or not author or not isbn:
        return jsonify(error="title, author and isbn are required"), 400
    try:
        price = Decimal(str(data.get("replacement_price")))
    except InvalidOperation:
        return jsonify(error="replacement_price must be a number"), 400
    if not price.is_finite() or price <= 0:
        return jsonify(error="replacement_price must be positive"), 400
    if db.session.execute(db.select(Book).filter_by(isbn=isbn)).scalar_one_or_none():
        return jsonify(error="a book with this isbn exists"), 409
    book = Book(title=title, author=author, isbn=isbn, replacement_price=price.quantize(Decimal("0.01")))
    db.session.add(book)
    db.session.commit()
    return jsonify(book.to_dict()), 201


@bp.post("/books/<int:book_id>/copies")
@librarian_required
def add_copy(book_id):
    book = db.get_or_404(Book, book_id)
    barcode = _text(_json(), "barcode", 40)
    if not barcode:
        return jsonify(error="barcode is required"), 400
    if db.session.execute(db.select(Copy).filter_by(barcode=barcode)).scalar_one_or_none():
        return jsonify(error="a copy with this barcode exists"), 409
    copy = Copy(book=book, barcode=barcode)
    db.session.add(copy)
    db.session.commit()
    return jsonify(copy.to_dict()), 201


# -- loans ----------------------------------------------------------------------------------------------------


def _open_loans(member):
    return db.session.execute(
        db.select(Loan).filter(Loan.member_id == member.id, Loan.returned_at.is_(None))
    ).scalars().all()


def _get_loan(loan_id):
    """The loan, if the caller may see it: a member sees their own loans, a librarian every loan."""
    loan = db.get_or_404(Loan, loan_id)
    if loan.member_id != g.user.id and not g.user.is_librarian:
        return None
    return loan


@bp.get("/loans")
@login_required
def list_loans():
    query = db.select(Loan).filter_by(member_id=g.user.id).order_by(Loan.id)
    if request.args.get("open") == "1":
        query = query.filter(Loan.returned_at.is_(None))
    return jsonify([loan.to_dict(now()) for loan in db.session.execute(query).scalars()])


@bp.post("/loans")
@login_required
def borrow():
    data = _json()
    book_id = data.get("book_id")
    if not isinstance(book_id, int) or isinstance(book_id, bool):
        return jsonify(error="book_id is required"), 400
    book = db.get_or_404(Book, book_id)
    if len(_open_loans(g.user)) >= current_app.config["MAX_OPEN_LOANS"]:
        return jsonify(error="you have too many open loans"), 409
    available = book.available_copies()
    if not available:
        return jsonify(error="no copy of this book is available"), 409
    started = now()
    loan = Loan(
        copy=available[0],
        member_id=g.user.id,
        borrowed_at=started,
        due_at=started + timedelta(days=current_app.config["LOAN_DAYS"]),
    )
    db.session.add(loan)
    db.session.commit()
    return jsonify(loan.to_dict(started)), 201


@bp.get("/loans/<int:loan_id>")
@login_required
def get_loan(loan_id):
    loan = _get_loan(loan_id)
    if loan is None:
        return jsonify(error="not found"), 404
    return jsonify(loan.to_dict(now()))


@bp.post("/loans/<int:loan_id>/renew")
@login_required
def renew(loan_id):
    loan = _get_loan(loan_id)
    if loan is None:
        return jsonify(error="not found"), 404
    current = now()
    if loan.returned_at is not None:
        return jsonify(error="this loan is closed"), 409
    if loan.is_overdue(current):
        return jsonify(error="an overdue loan cannot be renewed"), 409
    if loan.renewals >= current_app.config["MAX_RENEWALS"]:
        return jsonify(error="this loan cannot be renewed again"), 409
    loan.due_at = loan.due_at + timedelta(days=current_app.config["LOAN_DAYS"])
    loan.renewals += 1
    db.session.commit()
    return jsonify(loan.to_dict(current))


def fine_for(loan, returned_at):
    """A fixed amount per whole calendar day late, never more than the book's replacement price."""
    days_late = (returned_at.date() - loan.due_at.date()).days
    if days_late <= 0:
        return Decimal("0.00")
    fine = current_app.config["FINE_PER_DAY"] * days_late
    return min(fine, Decimal(loan.copy.book.replacement_price)).quantize(Decimal("0.01"))


@bp.post("/loans/<int:loan_id>/return")
@login_required
def return_loan(loan_id):
    loan = _get_loan(loan_id)
    if loan is None:
        return jsonify(error="not found"), 404
    if loan.returned_at is not None:
        return jsonify(error="this loan is already returned"), 409
    current = now()
    loan.fine = fine_for(loan, current)
    loan.returned_at = current
    db.session.commit()
    return jsonify(loan.to_dict(current))
