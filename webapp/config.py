"""Configuration read from environment variables, with defaults safe for development."""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

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


# Flask-Limiter settings and the limits of the account journey ("N/period", ";" between
# several). Only failed sign-ins count against the login limits, and only created accounts
# against the sign-up one; tests lower them through overrides.
RATE_LIMITS = {
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_KEY_PREFIX": "passculture",
    "RATELIMIT_HEADERS_ENABLED": True,
    # If Redis is unreachable, sign-in keeps working with per-process counters rather than
    # failing for everybody.
    "RATELIMIT_SWALLOW_ERRORS": True,
    "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
    # Failed sign-ins are counted per network (every account) and per network and account,
    # the latter with longer and longer waits; never per account alone, which would let anybody
    # lock a known address out by failing its password on purpose.
    "RATELIMIT_LOGIN": "10/minute;50/hour",
    "RATELIMIT_LOGIN_ACCOUNT": "5/minute;20/hour;50/day",
    "RATELIMIT_SIGNUP": "5/hour",
    "RATELIMIT_SIGNUP_ATTEMPTS": "30/hour",
    "RATELIMIT_PASSWORD_RESET": "5/hour",
    "RATELIMIT_PASSWORD_CHECK": "60/minute",
    "RATELIMIT_ACCOUNT_MAIL": "5/hour",
}


def _mail_settings() -> dict:
    """SMTP settings; without `MAIL_SERVER`, messages are written to the log instead."""
    return {
        "MAIL_SERVER": os.environ.get("MAIL_SERVER") or None,
        "MAIL_PORT": int(os.environ.get("MAIL_PORT") or 587),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD") or None,
        "MAIL_USE_TLS": os.environ.get("MAIL_USE_TLS", "1").lower() not in ("0", "false", "no"),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "pass Culture <ne-pas-repondre@localhost>"),
    }


# Names the development server answers to when no TRUSTED_HOSTS is set.
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")


def _public_base_url(overrides: dict, env: str) -> str | None:
    """The address people reach the service at; every link in a message starts with it."""
    url = overrides.get("PUBLIC_BASE_URL", os.environ.get("PUBLIC_BASE_URL")) or None
    if url is None:
        if env == "production":
            raise ConfigurationError(
                "PUBLIC_BASE_URL must be set in production (PASSCULTURE_ENV=production), "
                "for example https://pass.example.org: links sent by e-mail are built from it."
            )
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query:
        raise ConfigurationError(f"PUBLIC_BASE_URL must be an http(s) address, not {url!r}.")
    return url.rstrip("/")


def _trusted_hosts(overrides: dict, public_base_url: str | None) -> list[str]:
    """The host names requests may carry; any other gets a 400 before reaching a view."""
    if "TRUSTED_HOSTS" in overrides:
        return overrides["TRUSTED_HOSTS"]
    listed = os.environ.get("TRUSTED_HOSTS", "")
    hosts = [name.strip() for name in listed.split(",") if name.strip()]
    if public_base_url is not None:
        hosts.append(urlsplit(public_base_url).hostname)
    return hosts or list(LOCAL_HOSTS)


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
    public_base_url = _public_base_url(overrides, env)
    config = {
        "ENV": env,
        "INSTANCE_DIR": instance_dir,
        "SECRET_KEY": secret_key,
        "PUBLIC_BASE_URL": public_base_url,
        "TRUSTED_HOSTS": _trusted_hosts(overrides, public_base_url),
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
        "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).resolve().parent / "translations"),
        "LANGUAGES": ("fr", "en"),
        "REDIS_URL": os.environ.get("REDIS_URL"),
        "TRUSTED_PROXIES": int(
            os.environ.get("TRUSTED_PROXIES", "1" if env == "production" else "0")
        ),
        # Behind a reverse proxy that compresses (nginx's gzip, a CDN), COMPRESS_RESPONSES=0
        # leaves that work to it instead of spending the app's CPU on it.
        "COMPRESS_RESPONSES": os.environ.get("COMPRESS_RESPONSES", "1") != "0",
    }
    config.update(_mail_settings())
    config.update(RATE_LIMITS)
    config.update(overrides)
    # Rate-limit counters must be shared by every app server, so they live in Redis when there
    # is one; the in-memory store is only right for a single development or test process.
    if not config.get("RATELIMIT_STORAGE_URI"):
        config["RATELIMIT_STORAGE_URI"] = config["REDIS_URL"] or "memory://"
    config["PUBLIC_BASE_URL"] = public_base_url
    if "DATABASE_URL" in overrides:
        config["DATABASE_URL"] = normalise_database_url(overrides["DATABASE_URL"])
    return config
