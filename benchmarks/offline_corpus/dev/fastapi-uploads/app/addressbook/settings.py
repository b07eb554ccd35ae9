from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Configuration, read from ADDRESSBOOK_* environment variables.

    ``users`` maps user names to passwords; it is JSON in the environment, e.g.
    ADDRESSBOOK_USERS='{"alice": "s3cret"}'.
    """

    model_config = SettingsConfigDict(env_prefix="ADDRESSBOOK_")

    users: dict[str, str] = {}
    cookie_secure: bool = False
    max_upload_bytes: int = 256 * 1024
