"""Multi-tenant inventory API."""
