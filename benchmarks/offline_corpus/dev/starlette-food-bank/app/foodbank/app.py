"""The HTTP app: plain Starlette, a signed session cookie for volunteers, sqlite3 underneath.

    create_app(database=..., secret_key=..., clock=..., catalogue=...)

database and secret_key fall back to FOODBANK_DATABASE and FOODBANK_SECRET_KEY; the key is required.
clock returns an aware datetime; everything is stored as naive UTC.
"""

import json
import os
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, date, datetime, timedelta

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from foodbank import rules
from foodbank.db import check_password, connect, init_db


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, **extra) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra


def _error_response(request: Request, exc: ApiError) -> JSONResponse:
    return JSONResponse({"code": exc.code, "message": exc.message, **exc.extra}, status_code=exc.status)


def _utcnow() -> datetime:
    return datetime.now(UTC)


def create_app(
    database: str | None = None,
    secret_key: str | None = None,
    clock: Callable[[], datetime] | None = None,
    catalogue: dict[str, int] | None = None,
) -> Starlette:
    database = database or os.environ.get("FOODBANK_DATABASE", "foodbank.sqlite")
    secret_key = secret_key or os.environ.get("FOODBANK_SECRET_KEY")
    if not secret_key:
        raise RuntimeError("FOODBANK_SECRET_KEY is not set")
    clock = clock or _utcnow
    catalogue = dict(catalogue if catalogue is not None else rules.CATALOGUE)
    init_db(database)

    def now() -> datetime:
        return clock().astimezone(UTC).replace(tzinfo=None, microsecond=0)

    def db() -> sqlite3.Connection:
        return closing(connect(database))

    def volunteer(request: Request, conn: sqlite3.Connection) -> sqlite3.Row:
        volunteer_id = request.session.get("volunteer_id")
        row = None
        if volunteer_id is not None:
            row = conn.execute("SELECT * FROM volunteers WHERE id = ?", (volunteer_id,)).fetchone()
        if row is None:
            raise ApiError(401, "not_signed_in", "sign in first")
        return row

    async def json_body(request: Request) -> dict:
        try:
            body = await request.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise ApiError(400, "bad_request", "expected a JSON object")
        return body

    def household(conn: sqlite3.Connection, household_id: int, site: str) -> sqlite3.Row:
        row = conn.execute("SELECT * FROM households WHERE id = ? AND site = ?", (household_id, site)).fetchone()
        if row is None:
            raise ApiError(404, "not_found", "no such household")
        return row

    def used_this_week(conn: sqlite3.Connection, household_id: int) -> int:
        start, end = rules.week_bounds(now().date())
        return conn.execute(
            "SELECT COALESCE(SUM(points), 0) FROM visits WHERE household_id = ? AND visited_at >= ? AND visited_at < ?",
            (household_id, start.isoformat(), end.isoformat()),
        ).fetchone()[0]

    def household_json(conn: sqlite3.Connection, row: sqlite3.Row) -> dict:
        allowance = rules.weekly_allowance(row["size"])
        used = used_this_week(conn, row["id"])
        return {
            "id": row["id"],
            "name": row["name"],
            "size": row["size"],
            "status": row["status"],
            "allowance": allowance,
            "used_this_week": used,
            "remaining": max(allowance - used, 0),
        }

    def visit_json(row: sqlite3.Row) -> dict:
        return {
            "id": row["id"],
            "household_id": row["household_id"],
            "volunteer_id": row["volunteer_id"],
            "items": json.loads(row["items"]),
            "points": row["points"],
            "visited_at": row["visited_at"],
        }

    def paging(request: Request) -> tuple[int, int]:
        try:
            limit = int(request.query_params.get("limit", "20"))
            offset = int(request.query_params.get("offset", "0"))
        except ValueError:
            raise ApiError(400, "bad_request", "limit and offset must be whole numbers") from None
        if not 1 <= limit <= 100 or offset < 0:
            raise ApiError(400, "bad_request", "limit is 1 to 100 and offset 0 or more")
        return limit, offset

    # --- sessions ---------------------------------------------------------------------------------------

    async def login(request: Request) -> Response:
        form = await request.form()
        username, password = str(form.get("username", "")), str(form.get("password", ""))
        with db() as conn:
            row = conn.execute("SELECT * FROM volunteers WHERE username = ?", (username,)).fetchone()
        if row is None or not check_password(password, row["password_hash"]):
            raise ApiError(401, "bad_credentials", "wrong username or password")
        request.session.clear()
        request.session["volunteer_id"] = row["id"]
        return JSONResponse({"username": row["username"], "site": row["site"],
                             "coordinator": bool(row["is_coordinator"])})

    async def logout(request: Request) -> Response:
        request.session.clear()
        return Response(status_code=204)

    async def me(request: Request) -> Response:
        with db() as conn:
            row = volunteer(request, conn)
        return JSONResponse({"username": row["username"], "site": row["site"],
                             "coordinator": bool(row["is_coordinator"])})

    # --- households -------------------------------------------------------------------------------------

    async def list_households(request: Request) -> Response:
        params = request.query_params
        limit, offset = paging(request)
        sort = params.get("sort", "name")
        orders = {"name": "name COLLATE NOCASE ASC, id ASC", "-created": "created_at DESC, id DESC"}
        if sort not in orders:
            raise ApiError(400, "bad_request", "sort is name or -created")
        with db() as conn:
            me_row = volunteer(request, conn)
            where, args = ["site = ?"], [me_row["site"]]
            if "status" in params:
                if params["status"] not in rules.TRANSITIONS:
                    raise ApiError(400, "bad_request", "unknown status")
                where.append("status = ?")
                args.append(params["status"])
            if params.get("q"):
                where.append("instr(LOWER(name), ?) > 0")
                args.append(params["q"].lower())
            clause = " AND ".join(where)
            total = conn.execute(f"SELECT COUNT(*) FROM households WHERE {clause}", args).fetchone()[0]
            rows = conn.execute(
                f"SELECT * FROM households WHERE {clause} ORDER BY {orders[sort]} LIMIT ? OFFSET ?",
                [*args, limit, offset],
            ).fetchall()
            items = [household_json(conn, row) for row in rows]
        return JSONResponse({"items": items, "total": total, "limit": limit, "offset": offset})

    async def create_household(request: Request) -> Response:
        body = await json_body(request)
        name, size = body.get("name"), body.get("size")
        problems = {}
        if not isinstance(name, str) or not name.strip() or len(name) > 100:
            problems["name"] = "1 to 100 characters"
        if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= rules.MAX_HOUSEHOLD_SIZE:
            problems["size"] = f"a whole number from 1 to {rules.MAX_HOUSEHOLD_SIZE}"
        with db() as conn:
            me_row = volunteer(request, conn)
            if problems:
                raise ApiError(400, "invalid", "the household is not valid", fields=problems)
            cur = conn.execute(
                "INSERT INTO households (site, name, size, created_at) VALUES (?, ?, ?, ?)",
                (me_row["site"], name.strip(), size, now().isoformat()),
            )
            conn.commit()
            row = household(conn, cur.lastrowid, me_row["site"])
            return JSONResponse(household_json(conn, row), status_code=201)

    async def show_household(request: Request) -> Response:
        with db() as conn:
            me_row = volunteer(request, conn)
            row = household(conn, request.path_params["household_id"], me_row["site"])
            return JSONResponse(household_json(conn, row))

    async def change_status(request: Request) -> Response:
        body = await json_body(request)
        with db() as conn:
            me_row = volunteer(request, conn)
            row = household(conn, request.path_params["household_id"], me_row["site"])
            if not me_row["is_coordinator"]:
                raise ApiError(403, "forbidden", "only coordinators change a household's status")
            target = body.get("status")
            if target not in rules.TRANSITIONS:
                raise ApiError(400, "invalid", "status is active, suspended or closed")
            if target not in rules.TRANSITIONS[row["status"]]:
                raise ApiError(409, "bad_transition", f"a {row['status']} household cannot become {target}")
            conn.execute("UPDATE households SET status = ? WHERE id = ?", (target, row["id"]))
            conn.commit()
            return JSONResponse(household_json(conn, household(conn, row["id"], me_row["site"])))

    # --- visits -----------------------------------------------------------------------------------------

    async def record_visit(request: Request) -> Response:
        body = await json_body(request)
        items = body.get("items")
        if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
            raise ApiError(400, "invalid", "items is a non-empty list of {item, qty}")
        points, problems = rules.price(items, catalogue)
        with db() as conn:
            me_row = volunteer(request, conn)
            row = household(conn, request.path_params["household_id"], me_row["site"])
            if problems:
                raise ApiError(400, "invalid", "the basket is not valid", fields=problems)
            if row["status"] != "active":
                raise ApiError(409, "not_active", f"the household is {row['status']}")
            remaining = rules.weekly_allowance(row["size"]) - used_this_week(conn, row["id"])
            if points > remaining:
                raise ApiError(409, "over_allowance", "the basket is over this week's allowance",
                               points=points, remaining=max(remaining, 0))
            cur = conn.execute(
                "INSERT INTO visits (household_id, volunteer_id, items, points, visited_at) VALUES (?, ?, ?, ?, ?)",
                (row["id"], me_row["id"], json.dumps(items), points, now().isoformat()),
            )
            conn.commit()
            visit = conn.execute("SELECT * FROM visits WHERE id = ?", (cur.lastrowid,)).fetchone()
            return JSONResponse(visit_json(visit), status_code=201)

    async def list_visits(request: Request) -> Response:
        limit, offset = paging(request)
        where, args = ["household_id = ?"], []
        try:
            since = date.fromisoformat(request.query_params["since"]) if "since" in request.query_params else None
            until = date.fromisoformat(request.query_params["until"]) if "until" in request.query_params else None
        except ValueError:
            raise ApiError(400, "bad_request", "since and until are dates (YYYY-MM-DD)") from None
        with db() as conn:
            me_row = volunteer(request, conn)
            row = household(conn, request.path_params["household_id"], me_row["site"])
            args.append(row["id"])
            if since is not None:
                where.append("visited_at >= ?")
                args.append(since.isoformat())
            if until is not None:
                where.append("visited_at < ?")
                args.append((until + timedelta(days=1)).isoformat())
            clause = " AND ".join(where)
            total = conn.execute(f"SELECT COUNT(*) FROM visits WHERE {clause}", args).fetchone()[0]
            rows = conn.execute(
                f"SELECT * FROM visits WHERE {clause} ORDER BY visited_at DESC, id DESC LIMIT ? OFFSET ?",
                [*args, limit, offset],
            ).fetchall()
        return JSONResponse({"items": [visit_json(r) for r in rows], "total": total, "limit": limit,
                             "offset": offset})

    async def undo_visit(request: Request) -> Response:
        with db() as conn:
            me_row = volunteer(request, conn)
            visit = conn.execute(
                "SELECT visits.* FROM visits JOIN households ON households.id = visits.household_id "
                "WHERE visits.id = ? AND households.site = ?",
                (request.path_params["visit_id"], me_row["site"]),
            ).fetchone()
            if visit is None:
                raise ApiError(404, "not_found", "no such visit")
            if not me_row["is_coordinator"]:
                if visit["volunteer_id"] != me_row["id"]:
                    raise ApiError(403, "forbidden", "only the volunteer who recorded a visit can undo it")
                recorded = datetime.fromisoformat(visit["visited_at"])
                if now() >= recorded + rules.UNDO_WINDOW:
                    raise ApiError(409, "too_late", "visits can be undone for 15 minutes; ask a coordinator")
            conn.execute("DELETE FROM visits WHERE id = ?", (visit["id"],))
            conn.commit()
        return Response(status_code=204)

    routes = [
        Route("/login", login, methods=["POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/me", me),
        Route("/households", list_households, methods=["GET"]),
        Route("/households", create_household, methods=["POST"]),
        Route("/households/{household_id:int}", show_household),
        Route("/households/{household_id:int}/status", change_status, methods=["POST"]),
        Route("/households/{household_id:int}/visits", list_visits, methods=["GET"]),
        Route("/households/{household_id:int}/visits", record_visit, methods=["POST"]),
        Route("/visits/{visit_id:int}", undo_visit, methods=["DELETE"]),
    ]
    middleware = [Middleware(SessionMiddleware, secret_key=secret_key, session_cookie="foodbank_session",
                             max_age=8 * 60 * 60, same_site="strict")]
    app = Starlette(routes=routes, middleware=middleware, exception_handlers={ApiError: _error_response})
    app.state.database = database
    app.state.catalogue = catalogue
    return app
