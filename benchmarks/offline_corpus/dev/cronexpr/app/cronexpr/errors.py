class CronError(ValueError):
    """A cron expression that cannot be parsed (or that can never match)."""
