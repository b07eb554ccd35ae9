import os

from flask import Flask


def create_app(test_config=None):
    """Application factory: `flask --app shop init-db` once, then `flask --app shop run`."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        SECRET_KEY="dev",
        DATABASE=os.path.join(app.instance_path, "shop.sqlite"),
    )

    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)

    if app.config.get("TESTING"):
        # Tests post forms directly; CSRF stays on everywhere else.
        app.config["WTF_CSRF_ENABLED"] = False

    os.makedirs(app.instance_path, exist_ok=True)

    from . import db
    from .money import format_cents

    db.init_app(app)
    app.add_template_filter(format_cents, "money")

    from . import auth, orders, store

    app.register_blueprint(auth.bp)
    app.register_blueprint(store.bp)
    app.register_blueprint(orders.bp)
    app.add_url_rule("/", endpoint="index")

    return app
