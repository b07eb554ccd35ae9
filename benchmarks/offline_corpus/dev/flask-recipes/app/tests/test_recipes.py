import pytest

from .conftest import PANCAKES


def test_create(client, pancakes):
    assert pancakes == {
        "id": 1,
        "title": "Pancakes",
        "instructions": "Whisk, rest, fry.",
        "author": "alice",
        "ingredients": [
            {"name": "Flour", "quantity": 200, "unit": "g"},
            {"name": "Milk", "quantity": 300, "unit": "ml"},
            {"name": "Eggs", "quantity": 2, "unit": None},
        ],
        "rating": {"average": None, "count": 0},
    }
    assert client.get("/recipes/1").get_json() == pancakes


def test_list(client, alice, pancakes):
    client.post("/recipes", json={"title": "Toast", "ingredients": [{"name": "Bread", "quantity": 1}]}, headers=alice)
    titles = [recipe["title"] for recipe in client.get("/recipes").get_json()["recipes"]]
    assert titles == ["Pancakes", "Toast"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "Title is required."),
        ({"title": "x" * 101}, "Title must be at most 100 characters."),
        ({"instructions": 12}, "Instructions must be a string."),
        ({"ingredients": []}, "A recipe needs at least one ingredient."),
        ({"ingredients": "flour"}, "A recipe needs at least one ingredient."),
        ({"ingredients": ["flour"]}, "Ingredient 0 must be an object."),
        ({"ingredients": [{"quantity": 1}]}, "Ingredient 0 needs a name."),
        ({"ingredients": [{"name": "Flour"}]}, "Ingredient 0 needs a numeric quantity."),
        ({"ingredients": [{"name": "Flour", "quantity": "lots"}]}, "Ingredient 0 needs a numeric quantity."),
        ({"ingredients": [{"name": "Flour", "quantity": 0}]}, "Ingredient 0 quantity must be positive."),
        ({"ingredients": [{"name": "Flour", "quantity": -1}]}, "Ingredient 0 quantity must be positive."),
        ({"ingredients": [{"name": "Flour", "quantity": 1, "unit": 5}]}, "Ingredient 0 unit must be a string."),
    ],
)
def test_create_validation(client, alice, change, message):
    response = client.post("/recipes", json={**PANCAKES, **change}, headers=alice)
    assert response.status_code == 400
    assert response.get_json()["error"] == message
    assert client.get("/recipes").get_json()["recipes"] == []


def test_title_of_exactly_100_characters(client, alice):
    response = client.post("/recipes", json={**PANCAKES, "title": "x" * 100}, headers=alice)
    assert response.status_code == 201


def test_search_by_ingredient(client, alice, pancakes):
    client.post(
        "/recipes",
        json={"title": "Omelette", "ingredients": [{"name": "Eggs", "quantity": 3}, {"name": "Butter", "quantity": 10}]},
        headers=alice,
    )
    client.post("/recipes", json={"title": "Toast", "ingredients": [{"name": "Bread", "quantity": 1}]}, headers=alice)

    def search(term):
        response = client.get("/recipes", query_string={"ingredient": term})
        return [recipe["title"] for recipe in response.get_json()["recipes"]]

    assert search("eggs") == ["Pancakes", "Omelette"]
    assert search("FLOUR") == ["Pancakes"]
    assert search("butt") == ["Omelette"]
    assert search("saffron") == []


def test_update(client, alice, pancakes):
    body = {"title": "Crêpes", "ingredients": [{"name": "Flour", "quantity": 125, "unit": "g"}]}
    response = client.put("/recipes/1", json=body, headers=alice)
    assert response.status_code == 200
    assert response.get_json()["title"] == "Crêpes"
    stored = client.get("/recipes/1").get_json()
    assert stored["title"] == "Crêpes"
    assert stored["instructions"] == ""
    assert stored["ingredients"] == [{"name": "Flour", "quantity": 125, "unit": "g"}]


def test_update_validates(client, alice, pancakes):
    response = client.put("/recipes/1", json={**PANCAKES, "ingredients": []}, headers=alice)
    assert response.status_code == 400
    assert client.get("/recipes/1").get_json() == pancakes


def test_only_the_author_updates(client, bob, pancakes):
    response = client.put("/recipes/1", json={**PANCAKES, "title": "Mine now"}, headers=bob)
    assert response.status_code == 403
    assert client.get("/recipes/1").get_json()["title"] == "Pancakes"


def test_delete(client, alice, bob, pancakes):
    client.put("/recipes/1/rating", json={"stars": 4}, headers=bob)
    response = client.delete("/recipes/1", headers=alice)
    assert response.status_code == 204
    assert client.get("/recipes/1").status_code == 404
    assert client.get("/recipes", query_string={"ingredient": "flour"}).get_json()["recipes"] == []


def test_only_the_author_deletes(client, bob, pancakes):
    response = client.delete("/recipes/1", headers=bob)
    assert response.status_code == 403
    assert client.get("/recipes/1").status_code == 200


@pytest.mark.parametrize("method", ["put", "delete"])
def test_missing_recipe(client, alice, method):
    response = getattr(client, method)("/recipes/42", json=PANCAKES, headers=alice)
    assert response.status_code == 404
