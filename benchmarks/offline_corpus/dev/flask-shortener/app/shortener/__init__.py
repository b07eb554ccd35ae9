import hmac
import os
import secrets
import sqlite3
from urllib.parse import urlparse

from flask import Flask, abort, g, jsonify, redirect, request

CODE_ALPHABET = "abcdefghijkmnopqrstuvwxyz23456789"
CODE_LENGTH = 6

SCHEMA = """
CREATE TABLE IF NOT EXISTS links (
    code TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    hits INTEGER NOT NULL DEFAULT 0
);
"""


def create_app(api_key=None, admin_key=None, db_path=None):
    """Build the app. Keys and the database path come from the arguments or the environment."""
    api_key = api_key or os.environ.get("SHORTENER_API_KEY")
    admin_key = admin_key or os.environ.get("SHORTENER_ADMIN_KEY")
    if not api_key or not admin_key:
        raise RuntimeError("both SHORTENER_API_KEY and SHORTENER_ADMIN_KEY must be configured")
    db_path = db_path or os.environ.get("SHORTENER_DB", "shortener.sqlite3")

    app = Flask(__name__)
    with sqlite3.connect(db_path) as conn:
        conn.executescript(SCHEMA)

    def db():
        if "db" not in g:
            g.db = sqlite3.connect(db_path)
            g.db.row_factory = sqlite3.Row
        return g.db

    @app.teardown_appcontext
    def close_db(exc):
        conn = g.pop("db", None)
        if conn is not None:
            conn.close()

    def key_role():
        key = request.headers.get("X-API-Key", "")
        if hmac.compare_digest(key, admin_key):
            return "admin"
        if hmac.compare_digest(key, api_key):
            return "user"
        return None

    def require(*roles):
        role = key_role()
        if role is None:
            return jsonify(error="missing or invalid API key"), 401
        if role not in roles:
            return jsonify(error="not allowed"), 403
        return None

    @app.post("/links")
    def create_link():
        denied = require("user", "admin")
        if denied:
            return denied
        data = request.get_json(silent=True) or {}
        url = data.get("url", "")
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            return jsonify(error="url must be an http(s) URL"), 400
        code = data.get("code") or "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        try:
            db().execute("INSERT INTO links (code, url) VALUES (?, ?)", (code, url))
            db().commit()
        except sqlite3.IntegrityError:
            return jsonify(error=f"code {code!r} is taken"), 409
        return jsonify(code=code, url=url, short=f"/{code}"), 201

    @app.get("/<code>")
    def follow(code):
        row = db().execute("SELECT url FROM links WHERE code = ?", (code,)).fetchone()
        if row is None:
            abort(404)
        db().execute("UPDATE links SET hits = hits + 1 WHERE code = ?", (code,))
        db().commit()
        return redirect(row["url"], code=302)

    @app.get("/links/<code>")
    def stats(code):
        denied = require("user", "admin")
        if denied:
            return denied
        row = db().execute("SELECT code, url, hits FROM links WHERE code = ?", (code,)).fetchone()
        if row is None:
            return jsonify(error="no such link"), 404
        return jsonify(dict(row))

    @app.delete("/links/<code>")
    def delete_link(code):
        denied = require("admin")
        if denied:
            return denied
        cur = db().execute("DELETE FROM links WHERE code = ?", (code,))
        db().commit()
        if cur.rowcount == 0:
            return jsonify(error="no such link"), 404
        return "", 204

    return app
