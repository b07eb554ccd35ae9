import pytest


def rate(client, headers, stars, recipe_id=1):
    return client.put(f"/recipes/{recipe_id}/rating", json={"stars": stars}, headers=headers)


def test_rate(client, bob, pancakes):
    response = rate(client, bob, 4)
    assert response.status_code == 200
    assert response.get_json() == {"average": 4.0, "count": 1}
    assert client.get("/recipes/1").get_json()["rating"] == {"average": 4.0, "count": 1}


def test_a_second_rating_replaces_the_first(client, bob, pancakes):
    rate(client, bob, 2)
    response = rate(client, bob, 5)
    assert response.get_json() == {"average": 5.0, "count": 1}


def test_replacing_keeps_other_users_ratings(client, alice, bob, register, pancakes):
    rate(client, alice, 3)
    rate(client, bob, 1)
    rate(client, bob, 5)
    assert client.get("/recipes/1").get_json()["rating"] == {"average": 4.0, "count": 2}


@pytest.mark.parametrize(
    ("stars", "average"),
    [
        ([5, 4, 4], 4.3),
        ([5, 5, 4], 4.7),
        ([4, 4, 5, 4], 4.3),  # 4.25 rounds half up
        ([1, 2], 1.5),
    ],
)
def test_average_rounded_to_one_decimal(client, register, pancakes, stars, average):
    for i, value in enumerate(stars):
        rate(client, register(f"taster{i}"), value)
    assert client.get("/recipes/1").get_json()["rating"] == {"average": average, "count": len(stars)}


@pytest.mark.parametrize("stars", [1, 5])
def test_bounds_accepted(client, bob, pancakes, stars):
    assert rate(client, bob, stars).status_code == 200


@pytest.mark.parametrize("stars", [0, 6, -1, 3.5, "4", True, None])
def test_invalid_stars(client, bob, pancakes, stars):
    response = rate(client, bob, stars)
    assert response.status_code == 400
    assert response.get_json()["error"] == "Stars must be a whole number from 1 to 5."
    assert client.get("/recipes/1").get_json()["rating"]["count"] == 0


def test_rating_requires_credentials(client, pancakes):
    assert client.put("/recipes/1/rating", json={"stars": 3}).status_code == 401


def test_rating_a_missing_recipe(client, bob):
    assert rate(client, bob, 3, recipe_id=7).status_code == 404
