import json

import pytest

from shop.checkout import OutOfStock, place_order, relay_outbox
from shop.db import connect


class RecordingMailer:
    def __init__(self):
        self.sent = []

    def send(self, to, subject, body):
        self.sent.append((to, subject, body))


@pytest.fixture
def conn():
    conn = connect()
    conn.execute("INSERT INTO products VALUES ('mug', 1250, 3)")
    conn.commit()
    return conn


def stock(conn, sku="mug"):
    return conn.execute("SELECT stock FROM products WHERE sku = ?", (sku,)).fetchone()[0]


def test_place_order_returns_receipt_success(conn):
    receipt = place_order(conn, "ann@example.com", "mug", 2)
    assert receipt.total_cents == 2500
    row = conn.execute("SELECT customer, sku, quantity, total_cents FROM orders WHERE id = ?",
                       (receipt.order_id,)).fetchone()
    assert tuple(row) == ("ann@example.com", "mug", 2, 2500)


def test_place_order_decrements_stock_side_effect(conn):
    place_order(conn, "ann@example.com", "mug", 2)
    assert stock(conn) == 1


def test_place_order_queues_confirmation_but_does_not_send_side_effect(conn):
    mailer = RecordingMailer()
    receipt = place_order(conn, "ann@example.com", "mug", 1)
    rows = conn.execute("SELECT kind, payload, sent FROM outbox").fetchall()
    assert len(rows) == 1
    assert rows[0]["kind"] == "order_confirmation"
    assert json.loads(rows[0]["payload"]) == {"order_id": receipt.order_id, "to": "ann@example.com"}
    assert rows[0]["sent"] == 0
    assert mailer.sent == []


def test_relay_sends_each_message_once_side_effect(conn):
    place_order(conn, "ann@example.com", "mug", 1)
    mailer = RecordingMailer()
    assert relay_outbox(conn, mailer) == 1
    assert relay_outbox(conn, mailer) == 0
    assert [to for to, _, _ in mailer.sent] == ["ann@example.com"]


def test_out_of_stock_writes_nothing_boundary(conn):
    with pytest.raises(OutOfStock):
        place_order(conn, "ann@example.com", "mug", 4)
    assert stock(conn) == 3
    assert conn.execute("SELECT COUNT(*) FROM orders").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 0


def test_exact_stock_can_be_ordered_boundary(conn):
    place_order(conn, "ann@example.com", "mug", 3)
    assert stock(conn) == 0


@pytest.mark.parametrize("quantity", [0, -1])
def test_non_positive_quantity_is_invalid_input(conn, quantity):
    with pytest.raises(ValueError):
        place_order(conn, "ann@example.com", "mug", quantity)
    assert stock(conn) == 3


def test_unknown_sku_is_not_found(conn):
    with pytest.raises(KeyError):
        place_order(conn, "ann@example.com", "teapot", 1)
