"""tracker: a small issue tracker API."""
