import os

from flask import Flask, jsonify
from flask_login import LoginManager, UserMixin

from . import db

login_manager = LoginManager()


class User(UserMixin):
    def __init__(self, row):
        self.id, self.username, self.role = row["id"], row["username"], row["role"]


@login_manager.user_loader
def load_user(user_id):
    row = db.get_db().execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()
    return User(row) if row else None


@login_manager.unauthorized_handler
def unauthorized():
    return jsonify(error="login required"), 401


def create_app(test_config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(SECRET_KEY="dev", DATABASE=os.path.join(app.instance_path, "partsdesk.sqlite"))
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)
    os.makedirs(app.instance_path, exist_ok=True)

    app.teardown_appcontext(db.close_db)
    app.cli.add_command(db.init_db_command)
    app.cli.add_command(db.promote_command)
    login_manager.init_app(app)

    from . import auth, requests

    app.register_blueprint(auth.bp)
    app.register_blueprint(requests.bp)
    return app
