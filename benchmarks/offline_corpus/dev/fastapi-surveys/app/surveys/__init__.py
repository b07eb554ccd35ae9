"""Survey API."""
