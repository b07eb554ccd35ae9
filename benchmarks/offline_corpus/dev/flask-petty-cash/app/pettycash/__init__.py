import os

from flask import Flask, jsonify


def create_app(test_config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        SECRET_KEY="dev",
        DATABASE=os.path.join(app.instance_path, "pettycash.sqlite"),
        MAX_VOUCHER_CENTS=10_000,
        OPEN_LIMIT_CENTS=25_000,
        PASSWORD_HASH_METHOD="scrypt",
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)
    os.makedirs(app.instance_path, exist_ok=True)

    from . import auth, db, vouchers

    db.init_app(app)
    app.register_blueprint(auth.bp)
    app.register_blueprint(vouchers.bp)

    @app.errorhandler(404)
    def not_found(error):
        return jsonify(error="not found"), 404

    return app
