"""Taskboard: per-user task lists behind OAuth2 password login."""
