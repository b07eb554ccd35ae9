class TransportError(Exception):
    pass


class FakeTransport:
    """Stands in for the SMTP relay; records what it was given."""

    def __init__(self):
        self.sent: list[dict] = []
        self.paused = False
        self._failures_left = 0

    def fail_next(self, times: int) -> None:
        self._failures_left = times

    def send(self, recipient: str, subject: str, body: str) -> None:
        if self._failures_left > 0:
            self._failures_left -= 1
            raise TransportError("relay unavailable")
        self.sent.append({"to": recipient, "subject": subject, "body": body})
