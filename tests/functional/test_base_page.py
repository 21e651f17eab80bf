"""What every page shares: language, landmarks, security headers, error pages, compression."""

import gzip
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from models import migrations
from webapp import create_app
from webapp.config import load_config
from webapp.security import public

PAGES = ["/", "/connexion", "/accessibilite", "/page-qui-n-existe-pas"]
VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}
# Attributes through which the browser fetches something by itself, without a click.
LOADING_ATTRIBUTES = {"src", "srcset", "poster", "data", "action"}


@dataclass
class Element:
    tag: str
    attrs: dict
    children: list = field(default_factory=list)
    text_parts: list = field(default_factory=list)

    @property
    def text(self) -> str:
        parts = list(self.text_parts)
        for child in self.children:
            parts.append(child.text)
        return " ".join(" ".join(parts).split())

    def iter(self):
        yield self
        for child in self.children:
            yield from child.iter()

    def find_all(self, tag: str) -> list["Element"]:
        return [element for element in self.iter() if element.tag == tag]

    def find(self, tag: str) -> "Element | None":
        return next(iter(self.find_all(tag)), None)


class TreeBuilder(HTMLParser):
    """A small DOM from the standard library parser, enough to ask questions about a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID_ELEMENTS:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].text_parts.append(data)


def parse(response) -> Element:
    builder = TreeBuilder()
    builder.feed(response.get_data(as_text=True))
    builder.close()
    return builder.root


@pytest.fixture(scope="session")
def translations_dir(tmp_path_factory):
    """The catalogues compiled afresh, so the tests never read a stale `.mo` file."""
    source = load_config({"SECRET_KEY": "test", "INSTANCE_DIR": tmp_path_factory.mktemp("cfg")})
    source_dir = source["BABEL_TRANSLATION_DIRECTORIES"]
    target = tmp_path_factory.mktemp("translations")
    compiled = target / "en" / "LC_MESSAGES"
    compiled.mkdir(parents=True)
    with open(f"{source_dir}/en/LC_MESSAGES/messages.po", "rb") as po_file:
        catalog = read_po(po_file, locale="en")
    with open(compiled / "messages.mo", "wb") as mo_file:
        write_mo(mo_file, catalog)
    return target


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory):
    """A database migrated once; each test works on its own copy."""
    path = tmp_path_factory.mktemp("db") / "t.sqlite3"
    migrations.upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def instance_dir(tmp_path_factory):
    """Shared between tests so the hashed static files are built once, not for every app."""
    return tmp_path_factory.mktemp("instance")


@pytest.fixture
def app(tmp_path, migrated_database, translations_dir, instance_dir):
    shutil.copy(migrated_database, tmp_path / "t.sqlite3")
    url = f"sqlite:///{tmp_path}/t.sqlite3"
    return create_app({
        "DATABASE_URL": url,
        "INSTANCE_DIR": instance_dir,
        "SECRET_KEY": "test",
        "ENV": "testing",
        "WTF_CSRF_ENABLED": True,
        "BABEL_TRANSLATION_DIRECTORIES": str(translations_dir),
    })


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.mark.parametrize("path", PAGES)
def test_page_is_in_french_by_default(client, path):
    page = parse(client.get(path))
    assert page.find("html").attrs["lang"] == "fr"


@pytest.mark.parametrize("path", PAGES)
def test_page_has_exactly_one_h1(client, path):
    page = parse(client.get(path))
    assert len(page.find_all("h1")) == 1


@pytest.mark.parametrize("path", PAGES)
def test_skip_link_is_the_first_link_and_its_target_exists(client, path):
    page = parse(client.get(path))
    skip_link = page.find("body").find("a")
    assert skip_link.attrs["href"].startswith("#")
    target_id = skip_link.attrs["href"][1:]
    assert any(element.attrs.get("id") == target_id for element in page.iter())


@pytest.mark.parametrize("path", PAGES)
def test_page_has_header_labelled_navigation_main_and_footer(client, path):
    page = parse(client.get(path))
    assert len(page.find_all("header")) == 1
    assert [nav.attrs.get("aria-label") for nav in page.find_all("nav")] == ["Menu principal"]
    assert len(page.find_all("main")) == 1
    assert len(page.find_all("footer")) == 1


@pytest.mark.parametrize("path", PAGES)
def test_response_carries_the_security_headers(client, path):
    response = client.get(path)
    policy = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", PAGES)
def test_no_element_loads_anything_from_another_site(client, path):
    page = parse(client.get(path))
    loaded = [
        value
        for element in page.iter()
        for name, value in element.attrs.items()
        if name in LOADING_ATTRIBUTES or (element.tag == "link" and name == "href")
    ]
    assert loaded
    assert not [url for url in loaded if url.startswith(("http:", "https:", "//"))]


@pytest.mark.parametrize("path", PAGES)
def test_no_inline_script(client, path):
    page = parse(client.get(path))
    for script in page.find_all("script"):
        assert script.attrs.get("src")
        assert not script.text


@pytest.mark.parametrize("path", PAGES)
def test_no_inline_style(client, path):
    page = parse(client.get(path))
    assert not page.find_all("style")
    assert not [element.tag for element in page.iter() if "style" in element.attrs]


@pytest.mark.parametrize("path", PAGES)
def test_no_attribute_is_rendered_as_python_none(client, path):
    page = parse(client.get(path))
    assert not [
        (element.tag, name) for element in page.iter()
        for name, value in element.attrs.items() if value == "None"
    ]


def test_footer_links_to_the_accessibility_statement(client):
    footer = parse(client.get("/")).find("footer")
    assert "/accessibilite" in [link.attrs["href"] for link in footer.find_all("a")]


def test_accessibility_statement_is_public(client):
    response = client.get("/accessibilite")
    assert response.status_code == 200
    assert parse(response).find("h1").text == "Déclaration d'accessibilité"


def _assert_styled_french_error_page(response, status, title):
    page = parse(response)
    assert response.status_code == status
    assert page.find("html").attrs["lang"] == "fr"
    assert page.find("h1").text == title
    stylesheets = [link for link in page.find_all("link") if link.attrs.get("rel") == "stylesheet"]
    assert [link.attrs["href"].startswith("/static/css/") for link in stylesheets] == [True]
    assert "Traceback" not in response.get_data(as_text=True)


def test_missing_page_shows_the_french_404_page(client):
    _assert_styled_french_error_page(client.get("/page-qui-n-existe-pas"), 404, "Page introuvable")


def test_wrong_method_shows_the_french_405_page(client):
    response = client.post("/")
    _assert_styled_french_error_page(response, 405, "Action impossible")
    assert "GET" in response.headers["Allow"]


def test_unexpected_error_shows_the_french_500_page_without_details(app, client):
    @app.get("/boom")
    @public
    def boom():
        raise RuntimeError("détail interne à ne jamais montrer")

    response = client.get("/boom")
    _assert_styled_french_error_page(response, 500, "Erreur du service")
    body = response.get_data(as_text=True)
    assert "RuntimeError" not in body
    assert "détail interne" not in body


def test_too_large_request_shows_the_french_413_page(app, client):
    body = b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = client.post(
        "/connexion", data=body, content_type="application/x-www-form-urlencoded"
    )
    _assert_styled_french_error_page(response, 413, "Fichier trop lourd")


def test_missing_csrf_token_shows_the_french_400_page(client):
    response = client.post("/connexion", data={"email": "a@example.org", "password": "secret"})
    _assert_styled_french_error_page(response, 400, "Requête incorrecte")
    assert "Le formulaire a expiré" in parse(response).find("main").text


def test_lang_parameter_switches_the_page_to_english(client):
    page = parse(client.get("/?lang=en"))
    assert page.find("html").attrs["lang"] == "en"
    assert page.find("h1").text == "Culture near you, with your pass Culture credit"


def test_lang_parameter_is_remembered_in_a_cookie(client):
    client.get("/?lang=en")
    assert client.get_cookie("lang").value == "en"
    assert parse(client.get("/")).find("html").attrs["lang"] == "en"


def test_browser_preference_for_english_is_followed(client):
    page = parse(client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}))
    assert page.find("html").attrs["lang"] == "en"
    assert page.find("h1").text == "Culture near you, with your pass Culture credit"


def test_html_is_gzip_compressed_when_the_browser_accepts_it(client):
    response = client.get("/", headers={"Accept-Encoding": "gzip, br"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert gzip.decompress(response.get_data()).startswith(b"<!doctype html>")
