"""Configuration: safe to start in development, refuses an unsafe production start."""

import pytest

from webapp import create_app
from webapp.config import ConfigurationError, load_config, normalise_database_url


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in ("SECRET_KEY", "PASSCULTURE_ENV", "DATABASE_URL", "INSTANCE_DIR",
                 "PUBLIC_BASE_URL", "TRUSTED_HOSTS"):
        monkeypatch.delenv(name, raising=False)


def test_production_without_secret_key_refuses_to_start(monkeypatch, tmp_path):
    monkeypatch.setenv("PASSCULTURE_ENV", "production")
    with pytest.raises(ConfigurationError):
        create_app({"INSTANCE_DIR": tmp_path})


def test_production_secret_key_is_read_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("PASSCULTURE_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "a-long-production-secret")
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://pass.example.org")
    assert load_config({"INSTANCE_DIR": tmp_path})["SECRET_KEY"] == "a-long-production-secret"


def test_development_generates_a_secret_key_persisted_in_the_instance_folder(tmp_path):
    key = load_config({"INSTANCE_DIR": tmp_path})["SECRET_KEY"]
    assert len(key) >= 32
    assert (tmp_path / "secret_key").read_text().strip() == key


def test_development_reuses_the_persisted_secret_key(tmp_path):
    first = load_config({"INSTANCE_DIR": tmp_path})["SECRET_KEY"]
    assert load_config({"INSTANCE_DIR": tmp_path})["SECRET_KEY"] == first


def test_secret_key_file_is_readable_by_its_owner_only(tmp_path):
    load_config({"INSTANCE_DIR": tmp_path})
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    "url",
    ["postgres://user:pw@db.example.org:5432/pass", "postgresql://user:pw@db.example.org:5432/pass"],
)
def test_postgresql_urls_are_normalised_to_psycopg(url):
    assert normalise_database_url(url) == "postgresql+psycopg://user:pw@db.example.org:5432/pass"


def test_sqlite_urls_are_kept_as_they_are():
    assert normalise_database_url("sqlite:////tmp/pass.sqlite3") == "sqlite:////tmp/pass.sqlite3"


def test_database_url_from_the_environment_is_normalised(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://user@db.example.org/pass")
    config = load_config({"INSTANCE_DIR": tmp_path})
    assert config["DATABASE_URL"] == "postgresql+psycopg://user@db.example.org/pass"


def test_database_url_given_to_the_factory_is_normalised(tmp_path):
    config = load_config({"INSTANCE_DIR": tmp_path, "DATABASE_URL": "postgres://u@h/pass"})
    assert config["DATABASE_URL"] == "postgresql+psycopg://u@h/pass"


def test_development_database_defaults_to_sqlite_in_the_instance_folder(tmp_path):
    config = load_config({"INSTANCE_DIR": tmp_path})
    assert config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'passculture.sqlite3'}"


def test_production_without_public_base_url_refuses_to_start(monkeypatch, tmp_path):
    monkeypatch.setenv("PASSCULTURE_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "a-long-production-secret")
    with pytest.raises(ConfigurationError, match="PUBLIC_BASE_URL"):
        create_app({"INSTANCE_DIR": tmp_path})


def test_a_public_base_url_that_is_not_http_is_refused(tmp_path):
    with pytest.raises(ConfigurationError):
        load_config({"INSTANCE_DIR": tmp_path, "PUBLIC_BASE_URL": "javascript:alert(1)"})


def test_production_trusts_only_the_public_host_and_the_listed_ones(monkeypatch, tmp_path):
    monkeypatch.setenv("PASSCULTURE_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "a-long-production-secret")
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://pass.example.org/")
    monkeypatch.setenv("TRUSTED_HOSTS", "www.pass.example.org, ")
    config = load_config({"INSTANCE_DIR": tmp_path})
    assert config["PUBLIC_BASE_URL"] == "https://pass.example.org"
    assert sorted(config["TRUSTED_HOSTS"]) == ["pass.example.org", "www.pass.example.org"]


def test_development_trusts_only_local_names(tmp_path):
    assert set(load_config({"INSTANCE_DIR": tmp_path})["TRUSTED_HOSTS"]) == {
        "localhost", "127.0.0.1", "[::1]"}
