"""The one mapping of the fields each subcategory asks (models/offers/fields.py)."""

from __future__ import annotations

import pytest

from models.offers.catalogue import SUBCATEGORIES, selectable_subcategories
from models.offers.fields import (
    FIELDS_BY_SUBCATEGORY,
    Need,
    OfferField,
    fields_of,
    is_required,
    needs_virtual_venue,
)
from models.offers.validation import OfferDetails, normalised_details


def test_the_mapping_names_only_known_subcategories():
    assert set(FIELDS_BY_SUBCATEGORY) <= set(SUBCATEGORIES)


@pytest.mark.parametrize("subcategory", [sub for sub in selectable_subcategories()
                                         if sub.is_online_only], ids=lambda sub: sub.id)
def test_every_online_subcategory_asks_how_to_reach_the_offer(subcategory):
    asked = fields_of(subcategory)
    assert OfferField.URL in asked or OfferField.URL_OR_CODES in asked
    assert needs_virtual_venue(subcategory)


@pytest.mark.parametrize("subcategory", [sub for sub in selectable_subcategories()
                                         if not sub.is_online_only], ids=lambda sub: sub.id)
def test_no_on_site_subcategory_asks_for_a_link(subcategory):
    asked = fields_of(subcategory)
    assert OfferField.URL not in asked and OfferField.URL_OR_CODES not in asked


def test_activation_codes_are_offered_for_digital_things_only():
    for sub_id, asked in FIELDS_BY_SUBCATEGORY.items():
        if OfferField.URL_OR_CODES in asked:
            assert not SUBCATEGORIES[sub_id].is_event, sub_id


def test_a_paper_book_requires_its_ean_and_may_name_its_author():
    assert fields_of("LIVRE_PAPIER") == {OfferField.EAN: Need.REQUIRED,
                                         OfferField.AUTHOR: Need.OPTIONAL}


def test_records_require_ean_and_music_type():
    for sub_id in ("SUPPORT_PHYSIQUE_MUSIQUE_CD", "SUPPORT_PHYSIQUE_MUSIQUE_VINYLE"):
        assert is_required(sub_id, OfferField.EAN)
        assert is_required(sub_id, OfferField.MUSIC_TYPE)


def test_live_shows_require_a_show_type_and_concerts_a_music_type():
    assert is_required("SPECTACLE_REPRESENTATION", OfferField.SHOW_TYPE)
    assert is_required("CONCERT", OfferField.MUSIC_TYPE)
    assert is_required("SEANCE_CINE", OfferField.DURATION)


def test_things_without_entries_ask_nothing_beyond_name_and_description():
    assert fields_of("ACHAT_INSTRUMENT") == {}


def test_fields_a_subcategory_does_not_ask_are_emptied():
    typed = OfferDetails(name=" Guitare ", author="Quelqu'un", ean="9782070368228",
                         url="https://exemple.fr", music_type="JAZZ", duration_minutes=90)
    kept = normalised_details("ACHAT_INSTRUMENT", typed)
    assert kept == OfferDetails(name="Guitare")


def test_an_offer_with_codes_keeps_no_url():
    typed = OfferDetails(name="Abonnement", url="https://exemple.fr", uses_activation_codes=True)
    kept = normalised_details("ABO_PLATEFORME_MUSIQUE", typed)
    assert (kept.url, kept.uses_activation_codes) == (None, True)
