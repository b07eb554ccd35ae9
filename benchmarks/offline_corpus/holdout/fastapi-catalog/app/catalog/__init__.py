"""Product catalog API."""
