from decimal import Decimal

from werkzeug.security import check_password_hash, generate_password_hash

from .extensions import db


class User(db.Model):
    __tablename__ = "users"

    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(200), unique=True, nullable=False)
    name = db.Column(db.String(100), nullable=False)
    password_hash = db.Column(db.String(300), nullable=False)
    role = db.Column(db.String(20), nullable=False, default="member")

    @property
    def is_librarian(self):
        return self.role == "librarian"

    def set_password(self, password, method="scrypt"):
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    def to_dict(self):
        return {"id": self.id, "email": self.email, "name": self.name, "role": self.role}


class Book(db.Model):
    __tablename__ = "books"

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    author = db.Column(db.String(200), nullable=False)
    isbn = db.Column(db.String(20), unique=True, nullable=False)
    replacement_price = db.Column(db.Numeric(8, 2), nullable=False)

    copies = db.relationship("Copy", back_populates="book", order_by="Copy.id")

    def available_copies(self):
        return [copy for copy in self.copies if copy.open_loan() is None]

    def to_dict(self):
        return {
            "id": self.id,
            "title": self.title,
            "author": self.author,
            "isbn": self.isbn,
            "replacement_price": str(Decimal(self.replacement_price).quantize(Decimal("0.01"))),
            "copies": len(self.copies),
            "available": len(self.available_copies()),
        }


class Copy(db.Model):
    __tablename__ = "copies"

    id = db.Column(db.Integer, primary_key=True)
    book_id = db.Column(db.Integer, db.ForeignKey("books.id"), nullable=False)
    barcode = db.Column(db.String(40), unique=True, nullable=False)

    book = db.relationship("Book", back_populates="copies")
    loans = db.relationship("Loan", back_populates="copy", order_by="Loan.id")

    def open_loan(self):
        for loan in self.loans:
            if loan.returned_at is None:
                return loan
        return None

    def to_dict(self):
        return {"id": self.id, "book_id": self.book_id, "barcode": self.barcode}


class Loan(db.Model):
    __tablename__ = "loans"

    id = db.Column(db.Integer, primary_key=True)
    copy_id = db.Column(db.Integer, db.ForeignKey("copies.id"), nullable=False)
    member_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False)
    borrowed_at = db.Column(db.DateTime, nullable=False)
    due_at = db.Column(db.DateTime, nullable=False)
    returned_at = db.Column(db.DateTime)
    renewals = db.Column(db.Integer, nullable=False, default=0)
    fine = db.Column(db.Numeric(8, 2), nullable=False, default=Decimal("0.00"))

    copy = db.relationship("Copy", back_populates="loans")
    member = db.relationship("User")

    def is_overdue(self, now):
        return self.returned_at is None and now > self.due_at

    def to_dict(self, now):
        return {
            "id": self.id,
            "copy_id": self.copy_id,
            "book_id": self.copy.book_id,
            "member_id": self.member_id,
            "borrowed_at": self.borrowed_at.isoformat(),
            "due_at": self.due_at.isoformat(),
            "returned_at": self.returned_at.isoformat() if self.returned_at else None,
            "renewals": self.renewals,
            "overdue": self.is_overdue(now),
            "fine": str(Decimal(self.fine).quantize(Decimal("0.01"))),
        }
