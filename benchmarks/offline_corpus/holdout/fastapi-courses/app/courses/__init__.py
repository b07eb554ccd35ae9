"""Course registration service."""
