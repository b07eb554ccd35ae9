import re
import secrets
from datetime import timedelta

from flask import Blueprint, abort, current_app, g, jsonify, request

from .auth import login_required
from .models import Invite, Membership, Project, Tenant, db

bp = Blueprint("workspaces", __name__)

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$")
INVITE_TTL = timedelta(days=7)
MANAGERS = ("owner", "admin")


def now():
    return current_app.config["CLOCK"]()


def tenant_for(slug: str) -> tuple[Tenant, Membership]:
    """The tenant and the caller's membership; outsiders get the same 404 as a missing tenant."""
    tenant = db.session.execute(db.select(Tenant).filter_by(slug=slug)).scalar_one_or_none()
    if tenant is None:
        abort(404, "no such workspace")
    membership = db.session.get(Membership, (g.user.id, tenant.id))
    if membership is None:
        abort(404, "no such workspace")
    return tenant, membership


def require_manager(membership: Membership) -> None:
    if membership.role not in MANAGERS:
        abort(403, "only owners and admins can do that")


def active_projects(tenant: Tenant):
    return db.select(Project).filter(Project.tenant_id == tenant.id, Project.deleted_at.is_(None))


def name_taken(tenant: Tenant, name: str, exclude_id: int | None = None) -> bool:
    query = active_projects(tenant).filter(db.func.lower(Project.name) == name.lower())
    if exclude_id is not None:
        query = query.filter(Project.id != exclude_id)
    return db.session.execute(query).first() is not None


def project_for(tenant: Tenant, project_id: int, *, deleted: bool = False) -> Project:
    project = db.session.get(Project, project_id)
    if project is None or project.tenant_id != tenant.id or (project.deleted_at is not None) != deleted:
        abort(404, "no such project")
    return project


@bp.post("/tenants")
@login_required
def create_tenant():
    data = request.get_json(silent=True) or {}
    slug = str(data.get("slug", ""))
    name = str(data.get("name", "")).strip()
    if not SLUG.match(slug):
        abort(400, "slug must be 3-40 lower-case letters, digits or dashes")
    if not name:
        abort(400, "name is required")
    if db.session.execute(db.select(Tenant).filter_by(slug=slug)).first():
        abort(409, "slug already taken")
    tenant = Tenant(slug=slug, name=name)
    db.session.add(tenant)
    db.session.flush()
    db.session.add(Membership(user_id=g.user.id, tenant_id=tenant.id, role="owner"))
    db.session.commit()
    return jsonify(slug=tenant.slug, name=tenant.name, role="owner"), 201


@bp.get("/t/<slug>")
@login_required
def show_tenant(slug):
    tenant, membership = tenant_for(slug)
    return jsonify(slug=tenant.slug, name=tenant.name, role=membership.role)


@bp.get("/t/<slug>/members")
@login_required
def list_members(slug):
    tenant, _ = tenant_for(slug)
    members = db.session.execute(
        db.select(Membership).filter_by(tenant_id=tenant.id).order_by(Membership.user_id)
    ).scalars()
    return jsonify([{"id": m.user_id, "email": m.user.email, "role": m.role} for m in members])


@bp.put("/t/<slug>/members/<int:user_id>")
@login_required
def set_role(slug, user_id):
    tenant, membership = tenant_for(slug)
    if membership.role != "owner":
        abort(403, "only the owner can change roles")
    target = db.session.get(Membership, (user_id, tenant.id))
    if target is None:
        abort(404, "no such member")
    role = (request.get_json(silent=True) or {}).get("role")
    if role not in ("admin", "member"):
        abort(400, "role must be admin or member")
    if target.role == "owner":
        abort(409, "the owner's role cannot be changed")
    target.role = role
    db.session.commit()
    return jsonify(id=user_id, email=target.user.email, role=role)


@bp.post("/t/<slug>/invites")
@login_required
def create_invite(slug):
    tenant, membership = tenant_for(slug)
    require_manager(membership)
    invite = Invite(
        code=secrets.token_urlsafe(12), tenant_id=tenant.id, created_by=g.user.id, created_at=now()
    )
    db.session.add(invite)
    db.session.commit()
    expires_at = invite.created_at + INVITE_TTL
    return jsonify(code=invite.code, expires_at=expires_at.isoformat()), 201


@bp.post("/invites/<code>/redeem")
@login_required
def redeem_invite(code):
    invite = db.session.get(Invite, code)
    if invite is None:
        abort(404, "no such invite")
    if invite.used_by is not None:
        abort(410, "invite already used")
    if now() >= invite.created_at + INVITE_TTL:
        abort(410, "invite expired")
    if db.session.get(Membership, (g.user.id, invite.tenant_id)) is not None:
        abort(409, "already a member")
    invite.used_by = g.user.id
    invite.used_at = now()
    db.session.add(Membership(user_id=g.user.id, tenant_id=invite.tenant_id, role="member"))
    db.session.commit()
    tenant = db.session.get(Tenant, invite.tenant_id)
    return jsonify(slug=tenant.slug, role="member")


@bp.get("/t/<slug>/projects")
@login_required
def list_projects(slug):
    tenant, _ = tenant_for(slug)
    projects = db.session.execute(active_projects(tenant).order_by(Project.name)).scalars()
    return jsonify([p.to_dict() for p in projects])


@bp.get("/t/<slug>/projects/trash")
@login_required
def list_trash(slug):
    tenant, membership = tenant_for(slug)
    require_manager(membership)
    projects = db.session.execute(
        db.select(Project)
        .filter(Project.tenant_id == tenant.id, Project.deleted_at.is_not(None))
        .order_by(Project.deleted_at.desc())
    ).scalars()
    return jsonify([p.to_dict() for p in projects])


@bp.post("/t/<slug>/projects")
@login_required
def create_project(slug):
    tenant, _ = tenant_for(slug)
    data = request.get_json(silent=True) or {}
    name = str(data.get("name", "")).strip()
    if not name or len(name) > 100:
        abort(400, "name must be 1-100 characters")
    if name_taken(tenant, name):
        abort(409, "a project with that name already exists")
    count = db.session.execute(
        db.select(db.func.count()).select_from(active_projects(tenant).subquery())
    ).scalar_one()
    if count >= current_app.config["PROJECT_LIMIT"]:
        abort(409, "project limit reached")
    project = Project(
        tenant_id=tenant.id,
        name=name,
        description=str(data.get("description", "")),
        created_by=g.user.id,
    )
    db.session.add(project)
    db.session.commit()
    return jsonify(project.to_dict()), 201


@bp.get("/t/<slug>/projects/<int:project_id>")
@login_required
def show_project(slug, project_id):
    tenant, _ = tenant_for(slug)
    return jsonify(project_for(tenant, project_id).to_dict())


@bp.delete("/t/<slug>/projects/<int:project_id>")
@login_required
def delete_project(slug, project_id):
    tenant, membership = tenant_for(slug)
    project = project_for(tenant, project_id)
    if membership.role not in MANAGERS and project.created_by != g.user.id:
        abort(403, "only the project's creator or an admin can delete it")
    project.deleted_at = now()
    db.session.commit()
    return "", 204


@bp.post("/t/<slug>/projects/<int:project_id>/restore")
@login_required
def restore_project(slug, project_id):
    tenant, membership = tenant_for(slug)
    require_manager(membership)
    project = project_for(tenant, project_id, deleted=True)
    if name_taken(tenant, project.name, exclude_id=project.id):
        abort(409, "a project with that name already exists")
    project.deleted_at = None
    db.session.commit()
    return jsonify(project.to_dict())
