from decimal import ROUND_HALF_UP, Decimal

from flask import Blueprint, abort, g, jsonify, request

from .auth import login_required
from .db import get_db

bp = Blueprint("recipes", __name__, url_prefix="/recipes")

MAX_TITLE_LENGTH = 100
MAX_INGREDIENTS = 50


def _validate_ingredient(index, item):
    if not isinstance(item, dict):
        abort(400, f"Ingredient {index} must be an object.")
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        abort(400, f"Ingredient {index} needs a name.")
    quantity = item.get("quantity")
    if isinstance(quantity, bool) or not isinstance(quantity, (int, float)):
        abort(400, f"Ingredient {index} needs a numeric quantity.")
    if quantity <= 0:
        abort(400, f"Ingredient {index} quantity must be positive.")
    unit = item.get("unit")
    if unit is not None and not isinstance(unit, str):
        abort(400, f"Ingredient {index} unit must be a string.")
    return {"name": name.strip(), "quantity": quantity, "unit": unit or None}


def parse_recipe(data):
    """Validate a recipe body; return (title, instructions, ingredients) or abort with 400."""
    if not isinstance(data, dict):
        abort(400, "Expected a JSON object.")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        abort(400, "Title is required.")
    if len(title.strip()) > MAX_TITLE_LENGTH:
        abort(400, f"Title must be at most {MAX_TITLE_LENGTH} characters.")
    instructions = data.get("instructions", "")
    if not isinstance(instructions, str):
        abort(400, "Instructions must be a string.")
    ingredients = data.get("ingredients")
    if not isinstance(ingredients, list) or not ingredients:
        abort(400, "A recipe needs at least one ingredient.")
    if len(ingredients) > MAX_INGREDIENTS:
        abort(400, f"A recipe has at most {MAX_INGREDIENTS} ingredients.")
    return title.strip(), instructions, [_validate_ingredient(i, item) for i, item in enumerate(ingredients)]


def average_stars(total, count):
    """The mean rating rounded half up to one decimal, or None without ratings."""
    if not count:
        return None
    mean = Decimal(total) / Decimal(count)
    return float(mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def recipe_json(recipe):
    db = get_db()
    ingredients = db.execute(
        "SELECT name, quantity, unit FROM ingredient WHERE recipe_id = ? ORDER BY position",
        (recipe["id"],),
    ).fetchall()
    stats = db.execute(
        "SELECT COUNT(*) AS count, COALESCE(SUM(stars), 0) AS total FROM rating WHERE recipe_id = ?",
        (recipe["id"],),
    ).fetchone()
    return {
        "id": recipe["id"],
        "title": recipe["title"],
        "instructions": recipe["instructions"],
        "author": recipe["username"],
        "ingredients": [
            {"name": row["name"], "quantity": row["quantity"], "unit": row["unit"]} for row in ingredients
        ],
        "rating": {"average": average_stars(stats["total"], stats["count"]), "count": stats["count"]},
    }


def get_recipe(id, check_author=True):
    recipe = get_db().execute(
        "SELECT r.id, r.title, r.instructions, r.author_id, u.username"
        " FROM recipe r JOIN user u ON r.author_id = u.id"
        " WHERE r.id = ?",
        (id,),
    ).fetchone()
    if recipe is None:
        abort(404, f"Recipe {id} doesn't exist.")
    if check_author and recipe["author_id"] != g.user["id"]:
        abort(403, "Only the author can change this recipe.")
    return recipe


def _save_ingredients(db, recipe_id, ingredients):
    db.execute("DELETE FROM ingredient WHERE recipe_id = ?", (recipe_id,))
    db.executemany(
        "INSERT INTO ingredient (recipe_id, position, name, quantity, unit) VALUES (?, ?, ?, ?, ?)",
        [(recipe_id, i, item["name"], item["quantity"], item["unit"]) for i, item in enumerate(ingredients)],
    )


@bp.get("")
def index():
    db = get_db()
    ingredient = request.args.get("ingredient", "").strip()
    if ingredient:
        rows = db.execute(
            "SELECT DISTINCT r.id, r.title, r.instructions, r.author_id, u.username"
            " FROM recipe r JOIN user u ON r.author_id = u.id"
            " JOIN ingredient i ON i.recipe_id = r.id"
            " WHERE LOWER(i.name) LIKE '%' || LOWER(?) || '%'"
            " ORDER BY r.id",
            (ingredient,),
        ).fetchall()
    else:
        rows = db.execute(
            "SELECT r.id, r.title, r.instructions, r.author_id, u.username"
            " FROM recipe r JOIN user u ON r.author_id = u.id"
            " ORDER BY r.id"
        ).fetchall()
    return jsonify(recipes=[recipe_json(row) for row in rows])


@bp.post("")
@login_required
def create():
    title, instructions, ingredients = parse_recipe(request.get_json(silent=True))
    db = get_db()
    cursor = db.execute(
        "INSERT INTO recipe (author_id, title, instructions) VALUES (?, ?, ?)",
        (g.user["id"], title, instructions),
    )
    _save_ingredients(db, cursor.lastrowid, ingredients)
    db.commit()
    return jsonify(recipe_json(get_recipe(cursor.lastrowid, check_author=False))), 201


@bp.get("/<int:id>")
def show(id):
    return jsonify(recipe_json(get_recipe(id, check_author=False)))


@bp.put("/<int:id>")
@login_required
def update(id):
    get_recipe(id)
    title, instructions, ingredients = parse_recipe(request.get_json(silent=True))
    db = get_db()
    db.execute("UPDATE recipe SET title = ?, instructions = ? WHERE id = ?", (title, instructions, id))
    _save_ingredients(db, id, ingredients)
    db.commit()
    return jsonify(recipe_json(get_recipe(id, check_author=False)))


@bp.delete("/<int:id>")
@login_required
def delete(id):
    get_recipe(id)
    db = get_db()
    db.execute("DELETE FROM recipe WHERE id = ?", (id,))
    db.commit()
    return "", 204


@bp.put("/<int:id>/rating")
@login_required
def rate(id):
    get_recipe(id, check_author=False)
    data = request.get_json(silent=True)
    stars = data.get("stars") if isinstance(data, dict) else None
    if isinstance(stars, bool) or not isinstance(stars, int) or not 1 <= stars <= 5:
        abort(400, "Stars must be a whole number from 1 to 5.")
    db = get_db()
    existing = db.execute(
        "SELECT stars FROM rating WHERE recipe_id = ? AND user_id = ?", (id, g.user["id"])
    ).fetchone()
    if existing is None:
        db.execute("INSERT INTO rating (recipe_id, user_id, stars) VALUES (?, ?, ?)", (id, g.user["id"], stars))
    else:
        db.execute("UPDATE rating SET stars = ? WHERE recipe_id = ? AND user_id = ?", (stars, id, g.user["id"]))
    db.commit()
    return jsonify(recipe_json(get_recipe(id, check_author=False))["rating"])
