import hashlib

import pytest

from flags.rollout import bucket, in_rollout

from .conftest import ADMIN, evaluate


def test_bucket_is_sha256_of_flag_and_user():
    digest = hashlib.sha256(b"new-checkout:user-3").hexdigest()
    assert bucket("new-checkout", "user-3") == int(digest[:8], 16) % 100 == 40


def test_buckets_are_stable_known_values():
    # Changing these reshuffles every running rollout.
    assert [bucket("new-checkout", f"user-{i}") for i in range(1, 8)] == [83, 61, 40, 2, 91, 13, 63]
    assert bucket("dark-mode", "user-1") == 20


def test_rollout_edges():
    assert bucket("new-checkout", "user-3") == 40
    assert not in_rollout("new-checkout", "user-3", 40)
    assert in_rollout("new-checkout", "user-3", 41)
    assert not in_rollout("new-checkout", "u107", 0)  # bucket 0
    assert in_rollout("new-checkout", "u74", 100)  # bucket 99


def test_rollout_share_is_roughly_the_percentage():
    share = sum(in_rollout("new-checkout", f"u{i}", 25) for i in range(1000))
    assert 200 <= share <= 300


def test_evaluate_answers_every_flag(client, make_flag, configure):
    make_flag("new-checkout")
    make_flag("dark-mode")
    configure("dark-mode", "dev", enabled=True, percentage=100)
    response = client.get("/api/evaluate", params={"user": "user-1", "env": "dev"}, headers=ADMIN)
    assert response.status_code == 200
    assert response.json() == {
        "user": "user-1",
        "env": "dev",
        "flags": {
            "dark-mode": {"enabled": True, "reason": "rollout"},
            "new-checkout": {"enabled": False, "reason": "disabled"},
        },
    }


def test_evaluate_uses_the_requested_environment(client, make_flag, configure):
    make_flag()
    configure("new-checkout", "staging", enabled=True, percentage=100)
    assert evaluate(client, "user-1", "staging")["new-checkout"]["enabled"] is True
    assert evaluate(client, "user-1", "prod")["new-checkout"]["enabled"] is False


def test_percentage_boundary_through_the_api(client, make_flag, configure):
    make_flag()
    configure("new-checkout", "prod", enabled=True, percentage=40)
    assert evaluate(client, "user-3", "prod")["new-checkout"] == {"enabled": False, "reason": "rollout"}
    configure("new-checkout", "prod", percentage=41)
    assert evaluate(client, "user-3", "prod")["new-checkout"] == {"enabled": True, "reason": "rollout"}


def test_zero_percent_reaches_no_one(client, make_flag, configure):
    make_flag()
    configure("new-checkout", "prod", enabled=True, percentage=0)
    assert evaluate(client, "u107", "prod")["new-checkout"]["enabled"] is False


def test_allow_list_overrides_the_percentage(client, make_flag, configure):
    make_flag()
    configure("new-checkout", "prod", enabled=True, percentage=0, allow=["user-1"])
    assert evaluate(client, "user-1", "prod")["new-checkout"] == {"enabled": True, "reason": "allow-list"}
    assert evaluate(client, "user-2", "prod")["new-checkout"]["enabled"] is False


def test_allow_list_does_not_turn_on_a_disabled_environment(client, make_flag, configure):
    make_flag()
    configure("new-checkout", "prod", enabled=False, allow=["user-1"])
    assert evaluate(client, "user-1", "prod")["new-checkout"] == {"enabled": False, "reason": "disabled"}


@pytest.mark.parametrize("params, field", [({"env": "dev"}, "user"), ({"user": "  ", "env": "dev"}, "user"),
                                           ({"user": "u1"}, "env"), ({"user": "u1", "env": "qa"}, "env")])
def test_evaluate_validation_is_422(client, params, field):
    response = client.get("/api/evaluate", params=params, headers=ADMIN)
    assert response.status_code == 422
    assert field in response.json()["errors"]
