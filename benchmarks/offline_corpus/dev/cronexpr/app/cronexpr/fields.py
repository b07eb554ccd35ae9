"""Parsing of a single cron field into the set of values it allows."""

from dataclasses import dataclass, field

from .errors import CronError

MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
WEEKDAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")


@dataclass(frozen=True)
class FieldSpec:
    name: str
    minimum: int
    maximum: int
    names: dict = field(default_factory=dict)


MINUTE = FieldSpec("minute", 0, 59)
HOUR = FieldSpec("hour", 0, 23)
DAY_OF_MONTH = FieldSpec("day-of-month", 1, 31)
MONTH = FieldSpec("month", 1, 12, {name: number for number, name in enumerate(MONTH_NAMES, start=1)})
# 7 is accepted as a second spelling of Sunday and folded to 0 after parsing.
DAY_OF_WEEK = FieldSpec("day-of-week", 0, 7, {name: number for number, name in enumerate(WEEKDAY_NAMES)})

FIELDS = (MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK)


def _value(spec: FieldSpec, text: str, whole: str) -> int:
    lowered = text.lower()
    if lowered in spec.names:
        return spec.names[lowered]
    if not text.isdigit():
        raise CronError(f"invalid {spec.name} field {whole!r}: {text!r} is not a number")
    number = int(text)
    if number < spec.minimum or number > spec.maximum:
        raise CronError(
            f"invalid {spec.name} field {whole!r}: {number} is out of range {spec.minimum}-{spec.maximum}"
        )
    return number


def _step(spec: FieldSpec, text: str, whole: str) -> int:
    if not text.isdigit() or int(text) == 0:
        raise CronError(f"invalid {spec.name} field {whole!r}: step must be a positive number")
    return int(text)


def _part(spec: FieldSpec, part: str, whole: str) -> set[int]:
    if not part:
        raise CronError(f"invalid {spec.name} field {whole!r}: empty list item")
    base, slash, step_text = part.partition("/")
    step = _step(spec, step_text, whole) if slash else 1
    if base == "*":
        start, end = spec.minimum, spec.maximum
    elif "-" in base:
        low, _, high = base.partition("-")
        start, end = _value(spec, low, whole), _value(spec, high, whole)
        if start > end:
            raise CronError(f"invalid {spec.name} field {whole!r}: range {base!r} runs backwards")
    else:
        start = _value(spec, base, whole)
        # "5/15" means "from 5 to the end, every 15", as in Vixie cron.
        end = spec.maximum if slash else start
    return set(range(start, end + 1, step))


def parse_field(spec: FieldSpec, text: str) -> frozenset[int]:
    """The values `text` allows for the field `spec`; CronError naming the field when it is malformed."""
    values: set[int] = set()
    for part in text.split(","):
        values |= _part(spec, part, text)
    if spec is DAY_OF_WEEK and 7 in values:
        values.discard(7)
        values.add(0)
    return frozenset(values)
