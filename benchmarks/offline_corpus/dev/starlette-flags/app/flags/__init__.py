"""flags: a feature-flag service on plain Starlette."""
