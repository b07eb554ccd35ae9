"""No real e-mail: messages are appended to the app's outbox, where an operator (or a test) can read them."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    body: str
    link: str


class Outbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    def send(self, to: str, subject: str, body: str, link: str) -> None:
        self.messages.append(Message(to, subject, body, link))

    def last_to(self, address: str) -> Message | None:
        for message in reversed(self.messages):
            if message.to == address:
                return message
        return None

    def __len__(self) -> int:
        return len(self.messages)
