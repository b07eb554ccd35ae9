import logging

log = logging.getLogger("giftcards.mail")


class LogMailer:
    """Writes outgoing mail to the log; production deployments pass a real mailer."""

    def send(self, to: str, subject: str, body: str) -> None:
        log.info("mail to %s: %s\n%s", to, subject, body)
