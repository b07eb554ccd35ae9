import os

DEFAULT_DISCOUNT_CODES = {"WELCOME10": 10, "SPRING25": 25, "FRIENDS50": 50}


def load_discount_codes(environ=os.environ):
    """Discount codes from ORDERS_DISCOUNT_CODES ("CODE=PERCENT,CODE=PERCENT"), else the defaults."""
    raw = environ.get("ORDERS_DISCOUNT_CODES")
    if not raw:
        return dict(DEFAULT_DISCOUNT_CODES)
    codes = {}
    for pair in raw.split(","):
        code, _, percent = pair.partition("=")
        percent = int(percent)
        if not 0 < percent <= 100:
            raise ValueError(f"discount {code.strip()!r} must be between 1 and 100 percent")
        codes[code.strip().upper()] = percent
    return codes


def discount_cents(subtotal_cents, percent):
    """`percent` of `subtotal_cents`, rounded to the nearest cent, halves rounded up."""
    return (subtotal_cents * percent + 50) // 100
