from datetime import datetime, timezone

from flask import Flask, jsonify
from marshmallow import ValidationError

from eventsapi.store import EventStore


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def create_app(config: dict | None = None) -> Flask:
    """Build the app.

    ``ORGANISER_TOKENS`` maps each organiser's bearer token to their name; ``CLOCK`` is a callable returning
    an aware ``datetime`` (tests pass their own).
    """
    app = Flask(__name__)
    app.config.from_mapping(ORGANISER_TOKENS={}, CLOCK=utcnow)
    app.config.from_prefixed_env("EVENTS")
    if config:
        app.config.from_mapping(config)
    app.extensions["event_store"] = EventStore()

    from eventsapi.views import bp

    app.register_blueprint(bp)

    @app.errorhandler(ValidationError)
    def validation_failed(error: ValidationError):
        return jsonify(errors=error.messages), 422

    @app.errorhandler(400)
    @app.errorhandler(401)
    @app.errorhandler(403)
    @app.errorhandler(404)
    @app.errorhandler(405)
    @app.errorhandler(409)
    def http_error(error):
        response = jsonify(error=error.description)
        response.status_code = error.code
        if error.code == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="events"'
        return response

    return app
