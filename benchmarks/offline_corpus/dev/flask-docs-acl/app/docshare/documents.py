from flask import Blueprint, abort, current_app, g, jsonify, make_response, request, url_for

from .auth import login_required, requires_role
from .extensions import db
from .models import SHARE_ROLES, AuditEntry, Document, Share, User

bp = Blueprint("documents", __name__, url_prefix="/documents")

TITLE_MAX = 200


def now():
    """The current UTC time, naive and to the second (HTTP dates have no fractions)."""
    return current_app.config["CLOCK"]().replace(microsecond=0)


def access_of(document, user):
    """``"owner"``, the user's share role (``"viewer"`` / ``"editor"``), or None."""
    if document.owner_id == user.id:
        return "owner"
    for share in document.shares:
        if share.user_id == user.id:
            return share.role
    return None


def load(document_id, *allowed):
    """The document and the caller's access to it.

    Someone with no access gets 404, as if the document did not exist; someone whose access is not in ``allowed``
    gets 403.
    """
    document = db.session.get(Document, document_id)
    if document is None:
        abort(404, "no such document")
    access = access_of(document, g.user)
    if access is None:
        abort(404, "no such document")
    if allowed and access not in allowed:
        abort(403, f"needs {' or '.join(allowed)} access")
    return document, access


def record(document, action, detail=""):
    db.session.add(AuditEntry(document=document, user=g.user, action=action, detail=detail, at=now()))


def visible_documents(user):
    shared = db.select(Share.document_id).where(Share.user_id == user.id)
    query = db.select(Document).where((Document.owner_id == user.id) | Document.id.in_(shared))
    return db.session.scalars(query.order_by(Document.updated_at.desc(), Document.id.desc())).all()


def matches(document, words):
    text = f"{document.title}\n{document.body}".lower()
    return all(word in text for word in words)


def _json_object():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, "expected a JSON object")
    return data


def _title_and_body(data):
    title, body = data.get("title"), data.get("body", "")
    if not isinstance(title, str) or not title.strip():
        abort(400, "title is required")
    if len(title.strip()) > TITLE_MAX:
        abort(400, f"title is at most {TITLE_MAX} characters")
    if not isinstance(body, str):
        abort(400, "body must be a string")
    return title.strip(), body


@bp.get("")
@login_required
def list_documents():
    documents = visible_documents(g.user)
    q = request.args.get("q", "").strip()
    if q:
        words = q.lower().split()
        documents = [document for document in documents if matches(document, words)]
    return jsonify(documents=[document.to_dict(access_of(document, g.user)) for document in documents])


@bp.post("")
@requires_role("editor")
def create_document():
    title, body = _title_and_body(_json_object())
    stamp = now()
    document = Document(owner=g.user, title=title, body=body, version=1, created_at=stamp, updated_at=stamp)
    db.session.add(document)
    record(document, "create", title)
    db.session.commit()
    response = jsonify(document.to_dict("owner"))
    response.status_code = 201
    response.headers["Location"] = url_for("documents.get_document", document_id=document.id)
    response.last_modified = document.last_modified
    return response


@bp.get("/<int:document_id>")
@login_required
def get_document(document_id):
    document, access = load(document_id)
    since = request.if_modified_since
    if since is not None and document.last_modified <= since:
        response = make_response("", 304)
    else:
        response = jsonify(document.to_dict(access))
    response.last_modified = document.last_modified
    return response


@bp.put("/<int:document_id>")
@login_required
def update_document(document_id):
    document, _ = load(document_id, "owner", "editor")
    data = _json_object()
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        abort(400, "version is required")
    if version != document.version:
        response = jsonify(error="the document has changed", current_version=document.version,
                           document=document.to_dict())
        response.status_code = 409
        return response
    document.title, document.body = _title_and_body(data)
    document.version += 1
    document.updated_at = now()
    record(document, "update", f"version {document.version}")
    db.session.commit()
    response = jsonify(document.to_dict(access_of(document, g.user)))
    response.last_modified = document.last_modified
    return response


@bp.delete("/<int:document_id>")
@login_required
def delete_document(document_id):
    document, _ = load(document_id, "owner")
    db.session.delete(document)
    db.session.commit()
    return "", 204


@bp.get("/<int:document_id>/shares")
@login_required
def list_shares(document_id):
    document, _ = load(document_id)
    shares = sorted(document.shares, key=lambda share: share.user.username)
    return jsonify(owner=document.owner.username, shares=[share.to_dict() for share in shares])


@bp.put("/<int:document_id>/shares/<username>")
@login_required
def put_share(document_id, username):
    document, _ = load(document_id, "owner")
    role = _json_object().get("role")
    if role not in SHARE_ROLES:
        abort(400, f"role is one of {', '.join(SHARE_ROLES)}")
    user = User.query.filter_by(username=username.lower()).first()
    if user is None:
        abort(404, "no such user")
    if user.id == document.owner_id:
        abort(400, "the owner already has full access")
    share = Share.query.filter_by(document_id=document.id, user_id=user.id).first()
    created = share is None
    if created:
        share = Share(document=document, user=user, role=role)
        db.session.add(share)
    else:
        share.role = role
    record(document, "share", f"{user.username}:{role}")
    db.session.commit()
    return jsonify(share.to_dict()), 201 if created else 200


@bp.delete("/<int:document_id>/shares/<username>")
@login_required
def delete_share(document_id, username):
    document, _ = load(document_id, "owner")
    user = User.query.filter_by(username=username.lower()).first()
    share = Share.query.filter_by(document_id=document.id, user_id=user.id).first() if user else None
    if share is None:
        abort(404, "no such share")
    db.session.delete(share)
    record(document, "unshare", user.username)
    db.session.commit()
    return "", 204


@bp.get("/<int:document_id>/audit")
@login_required
def audit_log(document_id):
    document, _ = load(document_id, "owner")
    entries = db.session.scalars(
        db.select(AuditEntry)
        .where(AuditEntry.document_id == document.id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    ).all()
    return jsonify(entries=[entry.to_dict() for entry in entries])
