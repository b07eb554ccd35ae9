from shop.db import connect


def test_schema_has_the_outbox_table():
    conn = connect()
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"products", "orders", "outbox"} <= names
