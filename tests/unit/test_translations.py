"""The English catalogue covers every message the code marks for translation."""

import importlib
import importlib.util
import inspect
import pkgutil
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

import models
from webapp.config import load_config

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "webapp" / "translations"
ENGLISH_PO = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"

# The options the Makefile passes to `pybabel extract`, so the test sees what a release ships.
EXTRACT_OPTIONS = ["-F", str(ROOT / "babel.cfg"), "-k", "_l", "-k", "lazy_gettext",
                   "-k", "_sub:3", "-k", "Category:2"]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """A fresh catalogue extracted from the code, as `pybabel extract` writes it."""
    template = tmp_path_factory.mktemp("i18n") / "messages.pot"
    CommandLineInterface().run(
        ["pybabel", "-q", "extract", *EXTRACT_OPTIONS, "-o", str(template), str(ROOT)]
    )
    with template.open("rb") as file:
        return read_po(file)


@pytest.fixture(scope="module")
def english():
    with ENGLISH_PO.open("rb") as file:
        return read_po(file, locale="en")


def _described(message) -> str:
    paths = {Path(path).relative_to(ROOT).as_posix() for path, _line in message.locations}
    places = ", ".join(sorted(paths))
    return f"{message.id!r} ({places})"


def _translations(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def _domain_error_messages() -> set[str]:
    """Every French sentence of `models/` that views pass to `_()`: the `message` of each error
    class, and the labels of the password rules."""
    sentences = set()
    # Every module of `models/`: errors live in `exceptions.py`, and in a few modules of their
    # own (`stock_exceptions.py`...).
    names = [module.name for module in pkgutil.walk_packages(models.__path__, "models.")]
    for name in names:
        module = importlib.import_module(name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            message = vars(cls).get("message")
            if issubclass(cls, Exception) and isinstance(message, str):
                sentences.add(message)
    validation = importlib.import_module("models.users.validation")
    sentences.update(rule.label for rule in getattr(validation, "PASSWORD_RULES", ()))
    return sentences


def test_every_extracted_message_is_in_the_english_catalogue(extracted, english):
    missing = [
        _described(message) for message in extracted if message.id and message.id not in english
    ]
    assert not missing, "run `make translations` then translate: " + "; ".join(missing)


def test_every_english_translation_is_filled_in(extracted, english):
    empty = [
        _described(message)
        for message in extracted
        if message.id and message.id in english
        and not all(_translations(english[message.id]))
    ]
    assert not empty, "untranslated: " + "; ".join(empty)


def test_no_english_translation_is_fuzzy(extracted, english):
    fuzzy = [
        _described(message)
        for message in extracted
        if message.id and message.id in english and english[message.id].fuzzy
    ]
    assert not fuzzy, "fuzzy (check the translation, then remove the flag): " + "; ".join(fuzzy)


def test_english_translations_keep_the_placeholders_of_their_french_message(english):
    problems = [f"{message.id!r}: {errors}" for message, errors in english.check()]
    assert not problems


def test_every_domain_error_message_is_extracted(extracted):
    missing = sorted(sentence for sentence in _domain_error_messages() if sentence not in extracted)
    assert not missing, "add to webapp/domain_messages.py: " + "; ".join(map(repr, missing))


def test_flask_babel_reads_the_catalogues_under_webapp_translations(tmp_path):
    config = load_config({"SECRET_KEY": "test", "INSTANCE_DIR": tmp_path})
    assert Path(config["BABEL_TRANSLATION_DIRECTORIES"]) == TRANSLATIONS
