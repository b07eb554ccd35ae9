import os

from flask import Flask
from flask_restful import Api

from . import db
from .clock import utcnow


def create_app(test_config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        DATABASE=os.path.join(app.instance_path, "loans.sqlite"),
        CLOCK=utcnow,
        LOAN_DAYS=14,
        MAX_OPEN_LOANS=3,
        MAX_RENEWALS=2,
        FINE_CENTS_PER_DAY=25,
        FINE_CAP_CENTS=1000,
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)

    os.makedirs(app.instance_path, exist_ok=True)
    db.init_app(app)

    from .resources import books, loans, members

    api = Api(app)
    api.add_resource(members.MemberList, "/members")
    api.add_resource(members.Member, "/members/<int:member_id>")
    api.add_resource(books.BookList, "/books")
    api.add_resource(books.Book, "/books/<int:book_id>")
    api.add_resource(loans.LoanList, "/loans")
    api.add_resource(loans.Loan, "/loans/<int:loan_id>")
    api.add_resource(loans.LoanRenewal, "/loans/<int:loan_id>/renew")
    api.add_resource(loans.LoanReturn, "/loans/<int:loan_id>/return")
    return app
