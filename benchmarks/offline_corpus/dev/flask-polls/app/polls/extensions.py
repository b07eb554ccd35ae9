from flask import jsonify
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
login_manager = LoginManager()


@login_manager.unauthorized_handler
def unauthorized():
    return jsonify(error="login required"), 401
