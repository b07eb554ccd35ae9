from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select

from .extensions import db
from .models import Page, Revision, slugify, utcnow

bp = Blueprint("pages", __name__)

MAX_TITLE_LENGTH = 100
MAX_SUMMARY_LENGTH = 200


def get_page(slug):
    page = db.session.scalar(select(Page).where(Page.slug == slug))
    if page is None:
        abort(404)
    return page


def read_form():
    """(title, body, summary, error) from the submitted page form."""
    title = request.form.get("title", "").strip()
    body = request.form.get("body", "")
    summary = request.form.get("summary", "").strip()
    error = None
    if not title:
        error = "Title is required."
    elif len(title) > MAX_TITLE_LENGTH:
        error = f"Title must be at most {MAX_TITLE_LENGTH} characters."
    elif not slugify(title):
        error = "Title must contain at least one letter or digit."
    elif not body.strip():
        error = "Body is required."
    elif len(summary) > MAX_SUMMARY_LENGTH:
        error = f"Summary must be at most {MAX_SUMMARY_LENGTH} characters."
    return title, body, summary, error


@bp.route("/")
def index():
    per_page = current_app.config["PAGES_PER_PAGE"]
    number = request.args.get("page", 1, type=int)
    if number < 1:
        abort(404)
    query = select(Page).order_by(func.lower(Page.title))
    q = request.args.get("q", "").strip()
    if q:
        query = query.where(Page.title.ilike(f"%{q}%"))
    pages = db.session.scalars(query.limit(per_page).offset((number - 1) * per_page)).all()
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    has_next = number * per_page < total
    return render_template("pages/index.html", pages=pages, number=number, has_next=has_next, q=q)


@bp.route("/new", methods=("GET", "POST"))
@login_required
def create():
    if request.method == "GET":
        return render_template("pages/edit.html", page=None, title="", body="")

    title, body, summary, error = read_form()
    if error is None and db.session.scalar(select(Page).where(Page.slug == slugify(title))) is not None:
        return render_template(
            "pages/edit.html", page=None, title=title, body=body,
            error=f"A page called {title!r} already exists.",
        ), 409
    if error:
        return render_template("pages/edit.html", page=None, title=title, body=body, error=error), 400

    page = Page(slug=slugify(title), title=title, body=body, author=current_user)
    page.revisions.append(Revision(number=1, title=title, body=body, summary=summary or "Created", editor=current_user))
    db.session.add(page)
    db.session.commit()
    flash(f"Created {title}.")
    return redirect(url_for("pages.view", slug=page.slug))


@bp.route("/pages/<slug>")
def view(slug):
    page = get_page(slug)
    return render_template("pages/view.html", page=page)


@bp.route("/pages/<slug>/edit", methods=("GET", "POST"))
@login_required
def edit(slug):
    page = get_page(slug)
    if request.method == "GET":
        return render_template("pages/edit.html", page=page, title=page.title, body=page.body)

    title, body, summary, error = read_form()
    if error:
        return render_template("pages/edit.html", page=page, title=title, body=body, error=error), 400
    if title == page.title and body == page.body:
        flash("No changes.")
        return redirect(url_for("pages.view", slug=page.slug))

    number = page.latest.number + 1
    page.revisions.append(Revision(number=number, title=title, body=body, summary=summary, editor=current_user))
    page.title = title
    page.body = body
    page.updated_at = utcnow()
    db.session.commit()
    flash(f"Saved revision {number}.")
    return redirect(url_for("pages.view", slug=page.slug))


@bp.route("/pages/<slug>/delete", methods=("POST",))
@login_required
def delete(slug):
    page = get_page(slug)
    if not current_user.can_delete(page):
        abort(403)
    db.session.delete(page)
    db.session.commit()
    flash(f"Deleted {page.title}.")
    return redirect(url_for("pages.index"))


@bp.route("/pages/<slug>/history")
def history(slug):
    page = get_page(slug)
    revisions = sorted(page.revisions, key=lambda r: r.number, reverse=True)
    return render_template("pages/history.html", page=page, revisions=revisions)


@bp.route("/pages/<slug>/revisions/<int:number>")
def revision(slug, number):
    page = get_page(slug)
    found = db.session.scalar(select(Revision).where(Revision.page_id == page.id, Revision.number == number))
    if found is None:
        abort(404)
    return render_template("pages/revision.html", page=page, revision=found)


@bp.route("/api/pages/<slug>")
def api_page(slug):
    page = get_page(slug)
    return jsonify(
        slug=page.slug,
        title=page.title,
        body=page.body,
        author=page.author.username,
        revision=page.latest.number,
        updated_at=page.updated_at.isoformat(),
    )
