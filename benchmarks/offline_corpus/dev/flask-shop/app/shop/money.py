def format_cents(cents):
    """Integer cents as dollars for display: 1234 -> "$12.34", 123456 -> "$1,234.56"."""
    sign = "-" if cents < 0 else ""
    dollars, rest = divmod(abs(int(cents)), 100)
    return f"{sign}${dollars:,}.{rest:02d}"
