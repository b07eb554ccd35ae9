"""Order API."""
