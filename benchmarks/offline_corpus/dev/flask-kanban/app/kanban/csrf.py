import hmac
import secrets

from flask import abort, request, session

SESSION_KEY = "_csrf_token"


def csrf_token():
    """The session's CSRF token, made on first use; every POST form carries it in a hidden field."""
    if SESSION_KEY not in session:
        session[SESSION_KEY] = secrets.token_urlsafe(32)
    return session[SESSION_KEY]


def check_csrf():
    if request.method != "POST":
        return
    sent = request.form.get("csrf_token", "")
    expected = session.get(SESSION_KEY)
    if not expected or not hmac.compare_digest(sent, expected):
        abort(400, "The form has expired or was not sent from this site. Please try again.")


def init_app(app):
    app.before_request(check_csrf)
    app.jinja_env.globals["csrf_token"] = csrf_token
