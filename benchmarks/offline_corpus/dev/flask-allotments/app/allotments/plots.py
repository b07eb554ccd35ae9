from decimal import ROUND_HALF_UP, Decimal

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, url_for

from .auth import login_required, secretary_required
from .db import get_db

bp = Blueprint("plots", __name__)


def yearly_rent(size_sqm):
    rate = Decimal(current_app.config["RENT_PER_SQM"])
    return (Decimal(size_sqm) * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def queue():
    return get_db().execute(
        "SELECT w.user_id, u.username, w.joined_at FROM waitlist w JOIN user u ON u.id = w.user_id"
        " ORDER BY w.joined_at, w.id"
    ).fetchall()


def holds_plot(user_id):
    return get_db().execute("SELECT 1 FROM plot WHERE tenant_id = ?", (user_id,)).fetchone() is not None


@bp.route("/", endpoint="index")
@bp.route("/plots")
@login_required
def index():
    plots = get_db().execute(
        "SELECT p.*, u.username AS tenant FROM plot p LEFT JOIN user u ON u.id = p.tenant_id ORDER BY p.name"
    ).fetchall()
    rows = [dict(plot, rent=yearly_rent(plot["size_sqm"])) for plot in plots]
    return render_template("plots.html", plots=rows)


@bp.get("/waitlist")
@login_required
def waitlist():
    entries = queue()
    position = next((n for n, e in enumerate(entries, start=1) if e["user_id"] == g.user["id"]), None)
    return render_template("waitlist.html", entries=entries, position=position, length=len(entries))


@bp.post("/waitlist/join")
@login_required
def join():
    db = get_db()
    if holds_plot(g.user["id"]):
        flash("You already have a plot.")
    elif db.execute("SELECT 1 FROM waitlist WHERE user_id = ?", (g.user["id"],)).fetchone():
        flash("You are already on the waiting list.")
    else:
        joined = current_app.config["CLOCK"]().isoformat()
        db.execute("INSERT INTO waitlist (user_id, joined_at) VALUES (?, ?)", (g.user["id"], joined))
        db.commit()
        flash("You have joined the waiting list.")
    return redirect(url_for("plots.waitlist"))


@bp.post("/waitlist/leave")
@login_required
def leave():
    db = get_db()
    db.execute("DELETE FROM waitlist WHERE user_id = ?", (g.user["id"],))
    db.commit()
    flash("You have left the waiting list.")
    return redirect(url_for("plots.waitlist"))


def get_plot(plot_id):
    plot = get_db().execute("SELECT * FROM plot WHERE id = ?", (plot_id,)).fetchone()
    if plot is None:
        abort(404)
    return plot


@bp.post("/plots/<int:plot_id>/offer")
@secretary_required
def offer(plot_id):
    plot = get_plot(plot_id)
    db = get_db()
    entries = queue()
    if plot["tenant_id"] is not None:
        flash(f"{plot['name']} is not vacant.")
    elif not entries:
        flash("Nobody is waiting.")
    else:
        first = entries[0]
        db.execute("UPDATE plot SET tenant_id = ? WHERE id = ?", (first["user_id"], plot_id))
        db.execute("DELETE FROM waitlist WHERE user_id = ?", (first["user_id"],))
        db.commit()
        flash(f"{plot['name']} offered to {first['username']}.")
    return redirect(url_for("plots.index"))


@bp.post("/plots/<int:plot_id>/vacate")
@login_required
def vacate(plot_id):
    plot = get_plot(plot_id)
    if plot["tenant_id"] != g.user["id"] and not g.user["is_secretary"]:
        abort(403)
    db = get_db()
    db.execute("UPDATE plot SET tenant_id = NULL WHERE id = ?", (plot_id,))
    db.commit()
    flash(f"{plot['name']} is now vacant.")
    return redirect(url_for("plots.index"))
