from shop.checkout import place_order
from shop.db import connect


def test_place_order():
    conn = connect()
    conn.execute("INSERT INTO products VALUES ('mug', 1250, 3)")
    receipt = place_order(conn, "ann@example.com", "mug", 1)
    assert receipt is not None
