import logging

from .db import connect

MAX_ATTEMPTS = 3

log = logging.getLogger(__name__)


def deliver(db_path: str, transport, message_id: int) -> None:
    """Hand a queued message to the transport, trying up to MAX_ATTEMPTS times."""
    if transport.paused:
        return
    conn = connect(db_path)
    try:
        row = conn.execute("SELECT * FROM messages WHERE id = ?", (message_id,)).fetchone()
        if row is None or row["status"] != "queued":
            return
        attempts = row["attempts"]
        while attempts < MAX_ATTEMPTS:
            attempts += 1
            try:
                transport.send(row["recipient"], row["subject"], row["body"])
            except Exception as exc:
                log.warning("message %s attempt %s failed: %s", message_id, attempts, exc)
                conn.execute(
                    "UPDATE messages SET attempts = ?, last_error = ? WHERE id = ?",
                    (attempts, str(exc), message_id),
                )
                conn.commit()
                continue
            conn.execute(
                "UPDATE messages SET attempts = ?, status = 'sent', last_error = NULL WHERE id = ?",
                (attempts, message_id),
            )
            conn.commit()
            return
        conn.execute("UPDATE messages SET status = 'failed' WHERE id = ?", (message_id,))
        conn.commit()
    finally:
        conn.close()
