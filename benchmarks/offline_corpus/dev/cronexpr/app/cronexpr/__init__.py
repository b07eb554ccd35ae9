"""Five-field cron expressions: ``CronExpression("*/15 9-17 * * 1-5")``."""

from .errors import CronError
from .expression import CronExpression

__all__ = ["CronError", "CronExpression"]
__version__ = "0.4.1"
