"""Configuration read from environment variables, with defaults safe for development."""

import os
import secrets
from pathlib import Path

INSTANCE_DIR = Path(__file__).resolve().parent.parent / "instance"


class ConfigurationError(RuntimeError):
    """Raised when the app is asked to start in a state that would be unsafe."""


def _persisted_secret_key(instance_dir: Path) -> str:
    """Return the development secret key, generating it once under instance/."""
    path = instance_dir / "secret_key"
    if not path.exists():
        instance_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _default_database_url(instance_dir: Path) -> str:
    return f"sqlite:///{instance_dir / 'passculture.sqlite3'}"


def normalise_database_url(url: str) -> str:
    """Use the psycopg 3 driver for PostgreSQL URLs written the usual way."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def load_config(overrides: dict | None = None) -> dict:
    """Build the configuration mapping from the environment, then apply overrides."""
    overrides = dict(overrides or {})
    env = overrides.get("ENV", os.environ.get("PASSCULTURE_ENV", "development"))
    instance_dir = Path(overrides.get("INSTANCE_DIR", os.environ.get("INSTANCE_DIR", INSTANCE_DIR)))
    secret_key = overrides.get("SECRET_KEY") or os.environ.get("SECRET_KEY")
    if not secret_key:
        if env == "production":
            raise ConfigurationError(
                "SECRET_KEY must be set in production (PASSCULTURE_ENV=production)."
            )
        secret_key = _persisted_secret_key(instance_dir)
    config = {
        "ENV": env,
        "INSTANCE_DIR": instance_dir,
        "SECRET_KEY": secret_key,
        "DATABASE_URL": normalise_database_url(
            os.environ.get("DATABASE_URL") or _default_database_url(instance_dir)
        ),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env == "production",
        "REMEMBER_COOKIE_SECURE": env == "production",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "MAX_CONTENT_LENGTH": 12 * 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,
        "BABEL_DEFAULT_LOCALE": "fr",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Paris",
        "LANGUAGES": ("fr", "en"),
        "REDIS_URL": os.environ.get("REDIS_URL"),
        "TRUSTED_PROXIES": int(
            os.environ.get("TRUSTED_PROXIES", "1" if env == "production" else "0")
        ),
    }
    config.update(overrides)
    if "DATABASE_URL" in overrides:
        config["DATABASE_URL"] = normalise_database_url(overrides["DATABASE_URL"])
    return config
