"""Outgoing-message service."""
