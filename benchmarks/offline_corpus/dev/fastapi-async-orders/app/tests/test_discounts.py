from datetime import timedelta

from .conftest import TODAY


def test_percent_discount_rounds_half_up_to_the_cent(client, ada, order, discount):
    discount("SAVE15", "percent", "15")

    body = order(ada, items=[("TEE", 1)], code="save15").json()

    # 15% of 19.99 is 2.9985
    assert (body["subtotal"], body["discount"], body["total"]) == ("19.99", "3.00", "16.99")
    assert body["discount_code"] == "SAVE15"


def test_fractional_percent(client, ada, order, discount):
    discount("EIGHTH", "percent", "12.5")

    body = order(ada, items=[("MUG", 1)], code="EIGHTH").json()

    # 12.5% of 8.50 is 1.0625
    assert (body["discount"], body["total"]) == ("1.06", "7.44")


def test_fixed_discount(client, ada, order, discount):
    discount("FIVEOFF", "fixed", "5")

    body = order(ada, items=[("MUG", 2)], code="FIVEOFF").json()

    assert (body["subtotal"], body["discount"], body["total"]) == ("17.00", "5.00", "12.00")


def test_fixed_discount_never_makes_the_total_negative(client, ada, order, discount):
    discount("TENOFF", "fixed", "10")

    body = order(ada, items=[("PEN", 2)], code="TENOFF").json()

    assert (body["subtotal"], body["discount"], body["total"]) == ("2.50", "2.50", "0.00")


def test_minimum_order_amount_is_inclusive(client, ada, bob, order, discount):
    discount("BIG", "fixed", "2", min_order="17.00")

    below = order(ada, items=[("MUG", 1), ("PEN", 6)], code="BIG")
    exact = order(bob, items=[("MUG", 2)], code="BIG")

    assert below.status_code == 422  # 16.00
    assert exact.status_code == 201
    assert exact.json()["total"] == "15.00"


def test_code_is_valid_through_its_expiry_date(client, clock, ada, bob, order, discount):
    discount("LASTDAY", "percent", "10", expires_on=TODAY)

    assert order(ada, code="LASTDAY").status_code == 201
    clock.set_day(TODAY + timedelta(days=1))
    assert order(bob, code="LASTDAY").status_code == 422


def test_unknown_code_is_422(client, ada, order):
    assert order(ada, code="NOSUCH").status_code == 422
    assert client.get("/orders", headers=ada).json() == []


def test_code_once_per_customer(client, ada, bob, order, discount):
    discount("ONCE", "percent", "10")

    assert order(ada, code="ONCE").status_code == 201
    again = order(ada, code="once")
    assert again.status_code == 409
    assert order(bob, code="ONCE").status_code == 201
    assert len(client.get("/orders", headers=ada).json()) == 1


def test_a_refused_code_is_not_spent(client, ada, order, discount):
    discount("MIN20", "fixed", "3", min_order="20.00")

    assert order(ada, items=[("MUG", 1)], code="MIN20").status_code == 422
    assert order(ada, items=[("TEE", 1), ("PEN", 1)], code="MIN20").status_code == 201
