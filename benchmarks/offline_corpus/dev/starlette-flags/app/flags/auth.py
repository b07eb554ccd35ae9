import hashlib

from starlette.authentication import AuthCredentials, AuthenticationBackend, AuthenticationError, SimpleUser
from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse

ROLES = {"admin", "reader"}
# What each role may do; an admin can also read.
ROLE_SCOPES = {"admin": ["authenticated", "admin", "reader"], "reader": ["authenticated", "reader"]}


def parse_api_keys(raw: str) -> dict[str, str]:
    """Parse `key=role` pairs separated by commas (the FLAGS_API_KEYS format) into {key: role}."""
    keys: dict[str, str] = {}
    for item in raw.split(","):
        item = item.strip()
        if not item:
            continue
        key, sep, role = item.rpartition("=")
        key, role = key.strip(), role.strip()
        if not sep or not key:
            raise ValueError(f"malformed API key entry {item!r}: expected key=role")
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r} for an API key (expected admin or reader)")
        keys[key] = role
    return keys


class KeyUser(SimpleUser):
    def __init__(self, key: str, role: str) -> None:
        fingerprint = hashlib.sha256(key.encode()).hexdigest()[:8]
        super().__init__(f"{role}:{fingerprint}")
        self.role = role


class BearerKeyBackend(AuthenticationBackend):
    def __init__(self, keys: dict[str, str]) -> None:
        self.keys = keys

    async def authenticate(self, conn: HTTPConnection):
        header = conn.headers.get("Authorization")
        if header is None:
            return None
        scheme, _, key = header.partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            raise AuthenticationError("malformed Authorization header")
        role = self.keys.get(key.strip())
        if role is None:
            raise AuthenticationError("invalid API key")
        return AuthCredentials(ROLE_SCOPES[role]), KeyUser(key.strip(), role)


def on_auth_error(conn: HTTPConnection, exc: Exception) -> JSONResponse:
    return JSONResponse({"error": str(exc)}, status_code=401, headers={"WWW-Authenticate": "Bearer"})
