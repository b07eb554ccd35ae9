"""Deciding a flag for one user. The bucket must stay stable across releases: changing it reshuffles rollouts."""
import hashlib


def bucket(flag: str, user_id: str) -> int:
    """The user's bucket for this flag, 0-99, from the SHA-256 of `flag:user_id`."""
    digest = hashlib.sha256(f"{flag}:{user_id}".encode()).hexdigest()
    return int(digest[:8], 16) % 100


def in_rollout(flag: str, user_id: str, percentage: int) -> bool:
    """True for `percentage` of users out of 100: 0 reaches no one, 100 everyone."""
    return bucket(flag, user_id) < percentage
