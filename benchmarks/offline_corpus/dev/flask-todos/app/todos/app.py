import datetime
import functools

from flask import Flask, abort, g, jsonify, request

from . import config
from .store import TodoStore


def require_token(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            abort(401)
        user = config.API_TOKENS.get(header[len("Bearer "):])
        if user is None:
            abort(401)
        g.user = user
        return view(*args, **kwargs)

    return wrapped


def _parse_todo(data, partial=False):
    """Validate a JSON body; return (fields, error)."""
    if not isinstance(data, dict):
        return None, "expected a JSON object"
    fields = {}
    if "title" in data or not partial:
        title = data.get("title")
        if not isinstance(title, str) or not title.strip():
            return None, "title is required"
        if len(title) > config.MAX_TITLE:
            return None, f"title is longer than {config.MAX_TITLE} characters"
        fields["title"] = title.strip()
    if data.get("due") is not None:
        try:
            fields["due"] = datetime.date.fromisoformat(data["due"]).isoformat()
        except (TypeError, ValueError):
            return None, "due must be a date (YYYY-MM-DD)"
    if "done" in data:
        if not isinstance(data["done"], bool):
            return None, "done must be true or false"
        fields["done"] = data["done"]
    return fields, None


def create_app():
    app = Flask(__name__)
    store = TodoStore()
    app.extensions["todos"] = store

    def owned_or_404(todo_id):
        todo = store.get(todo_id)
        if todo is None or todo["owner"] != g.user:
            abort(404)
        return todo

    @app.errorhandler(401)
    def unauthorized(error):
        return jsonify(error="missing or invalid token"), 401, {"WWW-Authenticate": "Bearer"}

    @app.errorhandler(404)
    def not_found(error):
        return jsonify(error="not found"), 404

    @app.get("/todos")
    @require_token
    def list_todos():
        done = request.args.get("done")
        flag = None if done is None else done.lower() == "true"
        return jsonify(store.for_owner(g.user, done=flag))

    @app.post("/todos")
    @require_token
    def create_todo():
        fields, error = _parse_todo(request.get_json(silent=True))
        if error:
            return jsonify(error=error), 400
        todo = store.add(g.user, fields["title"], fields.get("due"))
        return jsonify(todo), 201

    @app.get("/todos/<int:todo_id>")
    @require_token
    def get_todo(todo_id):
        return jsonify(owned_or_404(todo_id))

    @app.patch("/todos/<int:todo_id>")
    @require_token
    def update_todo(todo_id):
        todo = owned_or_404(todo_id)
        fields, error = _parse_todo(request.get_json(silent=True), partial=True)
        if error:
            return jsonify(error=error), 400
        todo.update(fields)
        return jsonify(todo)

    @app.delete("/todos/<int:todo_id>")
    @require_token
    def delete_todo(todo_id):
        owned_or_404(todo_id)
        store.delete(todo_id)
        return "", 204

    return app
