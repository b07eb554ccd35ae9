"""Hand-written request validation: each function returns (clean data, {field: message})."""
import re

from .store import ENVIRONMENTS

NAME_RE = re.compile(r"^[a-z][a-z0-9_-]{1,49}$")
MAX_ALLOW = 100


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def validate_env_config(body, *, prefix: str = "") -> tuple[dict, dict[str, str]]:
    data: dict = {}
    errors: dict[str, str] = {}
    if not isinstance(body, dict):
        return data, {prefix.rstrip(".") or "body": "must be an object"}
    unknown = set(body) - {"enabled", "percentage", "allow"}
    for name in sorted(unknown):
        errors[prefix + name] = "unknown field"
    if "enabled" in body:
        if isinstance(body["enabled"], bool):
            data["enabled"] = body["enabled"]
        else:
            errors[prefix + "enabled"] = "must be true or false"
    if "percentage" in body:
        value = body["percentage"]
        if _is_int(value) and 0 <= value <= 100:
            data["percentage"] = value
        else:
            errors[prefix + "percentage"] = "must be an integer from 0 to 100"
    if "allow" in body:
        value = body["allow"]
        if not isinstance(value, list) or not all(isinstance(u, str) and u.strip() for u in value):
            errors[prefix + "allow"] = "must be a list of user ids"
        elif len(value) > MAX_ALLOW:
            errors[prefix + "allow"] = f"must have at most {MAX_ALLOW} user ids"
        else:
            data["allow"] = list(dict.fromkeys(u.strip() for u in value))
    return data, errors


def validate_new_flag(body) -> tuple[dict, dict[str, str]]:
    if not isinstance(body, dict):
        return {}, {"body": "must be an object"}
    data: dict = {}
    errors: dict[str, str] = {}
    name = body.get("name")
    if not isinstance(name, str) or not NAME_RE.match(name):
        errors["name"] = "2-50 characters: lower-case letters, digits, - and _, starting with a letter"
    else:
        data["name"] = name
    description = body.get("description", "")
    if not isinstance(description, str) or len(description) > 200:
        errors["description"] = "must be a string of at most 200 characters"
    else:
        data["description"] = description
    environments = body.get("environments", {})
    if not isinstance(environments, dict):
        errors["environments"] = "must be an object keyed by environment"
    else:
        data["environments"] = {}
        for env, config in environments.items():
            if env not in ENVIRONMENTS:
                errors[f"environments.{env}"] = "unknown environment"
                continue
            clean, env_errors = validate_env_config(config, prefix=f"environments.{env}.")
            errors.update(env_errors)
            data["environments"][env] = clean
    return data, errors


def validate_query_int(raw: str | None, *, default: int, low: int, high: int) -> int | None:
    """The integer in `raw` if it lies in [low, high] (default when absent), else None."""
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        return None
    return value if low <= value <= high else None
