"""The app gzips HTML itself unless the deployment leaves it to its reverse proxy."""

from __future__ import annotations

from webapp import create_app

GZIP = {"Accept-Encoding": "gzip"}


def test_pages_are_gzipped_by_default(client):
    response = client.get("/decouvrir/", headers=GZIP)
    assert response.headers.get("Content-Encoding") == "gzip"


def test_compression_can_be_left_to_the_reverse_proxy(app_config):
    app = create_app({**app_config, "COMPRESS_RESPONSES": False})
    response = app.test_client().get("/decouvrir/", headers=GZIP)
    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers
    assert b"<html" in response.data
